"""ServiceHost: runs one domain service as a grpc.aio server with the whole shared runtime.

Health, reflection (v1 and v1alpha), ContractService, the interceptor chain,
Prometheus metrics and a graceful drain on SIGTERM come from here; the domain's
bootstrap only supplies its servicers (an Assembly).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from prometheus_client import CollectorRegistry

from soma.identity.v1 import identity_service_pb2, identity_service_pb2_grpc
from soma.meta.v1 import contract_service_pb2_grpc
from somastack.config import Settings
from somastack.platform.errors import DomainError, Unavailable
from somastack.platform.events import open_bus
from somastack.platform.limits import HARD_MESSAGE_BYTES, SERVICE_MAX_METADATA_BYTES
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import ReloadingServerCertificate, aio_channel, mesh_dial, mesh_layout
from somastack.registry import ServiceSpec
from somastack.runtime import reflection, tracing
from somastack.runtime.audit import open_audit_trail
from somastack.runtime.auth import JwksKeySource, KeySource, TokenVerifier
from somastack.runtime.contract import method_contracts
from somastack.runtime.contract_service import ContractServicer
from somastack.runtime.interceptor import SomaInterceptor
from somastack.runtime.metrics import RpcMetrics
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.ports import PortInUseError as PortInUseError  # where callers have long imported them from
from somastack.runtime.ports import ensure_port_free as ensure_port_free
from somastack.runtime.ratelimit import RateLimiter, open_rate_limiter
from somastack.runtime.revocation import RevocationFeed, Revocations, load_from_identity, revocation_window
from somastack.runtime.streams import StreamQuota

if TYPE_CHECKING:
    from somastack.platform.events import EventBus

_log = logging.getLogger(__name__)

CONTRACT_SERVICE = "soma.meta.v1.ContractService"
#: Seconds one JWKS fetch may take; verifications waiting on it give up sooner (runtime.auth).
JWKS_TIMEOUT = 2.0
#: Seconds a service waits at start for identity's keys before it serves without them (they are fetched on demand).
PRIME_WAIT = 1.0
#: Seconds a service waits at start for identity's token revocations before it serves without them (its
#: subscription to `identity.revocations` replays them from the topic instead).
REVOCATIONS_WAIT = 3.0


@dataclass
class Registration:
    """One gRPC service implementation and the generated function that adds it to a server."""

    service: str
    servicer: Any
    add_to_server: Callable[[Any, grpc.aio.Server], None]


@dataclass
class Assembly:
    """What a domain's bootstrap hands the runtime."""

    registrations: list[Registration]
    #: Where token keys come from; default: the identity service's JWKS through the mesh.
    key_source: KeySource | None = None
    #: Services reflection lists; default: the ones registered here.
    reflected_services: tuple[str, ...] | None = None
    #: A health servicer to use instead of the standard one (meta aggregates the mesh).
    health_servicer: Any = None
    #: Awaited after the server stopped, in order.
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    #: The domain's own metrics (event relay and consumers, replay, ...), exported with the runtime's.
    metrics: CollectorRegistry | None = None
    #: The token revocations in force, already loaded; default: read from identity through the mesh at start.
    revocations: Revocations | None = None
    #: The domain's engine, bus and relay, shared with the runtime's audit spool and revocation feed.
    plumbing: Plumbing = field(default_factory=Plumbing)


Closer = Callable[[], Awaitable[None]]


async def run_closers(closers: Iterable[Closer]) -> None:
    """Awaits each closer in order: a service's components are listed in the order they must stop."""
    for close in closers:
        await close()


def mesh_key_source(settings: Settings, domain: str) -> tuple[JwksKeySource, Callable[[], Awaitable[None]]]:
    """A key source that reads the identity service's JWKS through the mesh (as `domain`), and its closer.

    The fetch presents `domain`'s service token once identity has written it: a service's own calls are charged to
    no rate limit (runtime.ratelimit), so a flood of public calls from the service's address cannot keep it from
    its keys. Before the token exists (at start, beside identity) it calls anonymously."""
    channel = aio_channel(mesh_dial(settings, domain))
    stub = identity_service_pb2_grpc.IdentityServiceStub(channel)
    token = ServiceToken(settings.service_token_path(domain))

    async def fetch() -> list[tuple[str, str]] | None:
        try:
            response = await stub.GetJwks(
                identity_service_pb2.GetJwksRequest(), metadata=_service_metadata(token), timeout=JWKS_TIMEOUT
            )
        except grpc.aio.AioRpcError as exc:
            _log.warning("cannot fetch JWKS from %s: %s", settings.mesh, exc.code().name)
            return None
        return [(key.kid, key.x) for key in response.keys]

    source = JwksKeySource(fetch)

    async def close() -> None:
        await source.close()
        await channel.close()

    return source, close


def _service_metadata(token: ServiceToken) -> tuple[tuple[str, str], ...]:
    try:
        return (("authorization", token.authorization()),)
    except Unavailable:
        return ()


class ServiceHost:
    """Builds, starts and drains the grpc.aio server of one domain."""

    def __init__(self, spec: ServiceSpec, settings: Settings, *, port: int | None = None) -> None:
        self.spec = spec
        self.settings = settings
        self.port = spec.port(settings) if port is None else port
        self.metrics = RpcMetrics(spec.domain)
        self.server: grpc.aio.Server | None = None
        self._assembly: Assembly | None = None
        self._health: Any = None
        self._closers: list[Callable[[], Awaitable[None]]] = []
        self._stopped = asyncio.Event()

    def _database_transient(self) -> Callable[[Exception], DomainError | None]:
        """A stateful domain's database failures that a retry can cure become UNAVAILABLE, not INTERNAL."""
        from somastack.platform import db

        domain = self.spec.domain
        return lambda error: db.unavailable(error, domain)

    async def _key_source(self, assembly: Assembly) -> KeySource:
        return assembly.key_source if assembly.key_source is not None else await self._mesh_keys()

    async def _mesh_keys(self) -> KeySource:
        """Identity's JWKS through the mesh, read before the service serves.

        Knowing the keys from the start, a restarted service accepts good tokens even if identity is away when
        they arrive; without them it would have nothing to check them against. Tier 0 starts beside identity,
        with nothing to read yet: it fetches them when the first token arrives.
        """
        jwks, close = mesh_key_source(self.settings, self.spec.domain)
        self._closers.append(close)
        if self.spec.tier > 0 and not await jwks.prime(within=PRIME_WAIT):
            _log.warning("serving without identity's keys yet: they are fetched when the first token arrives")
        return jwks

    async def _revocations(self, loaded: Revocations | None, shared: EventBus | None) -> Revocations:
        """The token revocations in force, caught up before the service serves, and kept current by a subscription to
        `identity.revocations` (see runtime.revocation). Tier 0 starts beside identity, with nothing to read yet."""
        revocations = loaded if loaded is not None else Revocations(window=revocation_window(self.settings))
        bus = shared
        if bus is None:
            bus = open_bus(self.settings, client_id=f"{self.spec.domain}-revocations")
            self._closers.append(bus.close)
        feed = RevocationFeed(bus, revocations, domain=self.spec.domain)
        await feed.start()
        # First: the feed stops before the domain's closers close a bus it shares.
        self._closers.insert(0, feed.stop)
        await asyncio.gather(self._load_revocations(revocations, loaded is None), self._until_live(feed))
        return revocations

    async def _load_revocations(self, revocations: Revocations, needed: bool) -> None:
        if needed and self.spec.tier > 0:
            within = REVOCATIONS_WAIT
            if not await load_from_identity(self.settings, self.spec.domain, revocations, within=within):
                _log.warning("serving before identity's token revocations were read: the topic replays them")

    @staticmethod
    async def _until_live(feed: RevocationFeed) -> None:
        try:  # a Kafka consumer takes a moment to join its group: revocations made meanwhile would wait for it
            await asyncio.wait_for(feed.live.wait(), REVOCATIONS_WAIT)
        except TimeoutError:
            _log.warning("serving before the subscription to token revocations reads the topic")

    def _rate_limiter(self) -> RateLimiter:
        """This process's rate limits (runtime.ratelimit), closed with the service."""
        limiter = open_rate_limiter(
            self.settings,
            self.spec.domain,
            refused=self.metrics.rate_limited,
            fallbacks=self.metrics.rate_limit_fallbacks,
        )
        self._closers.append(limiter.close)
        return limiter

    async def start(self) -> None:
        """Assembles the domain, binds the port and starts serving."""
        if self.port:
            ensure_port_free(self.settings.host, self.port, f"soma {self.spec.domain}")
        module_name, _, function = self.spec.bootstrap.partition(":")
        assemble = getattr(importlib.import_module(module_name), function)
        assembly: Assembly = await assemble(self.settings, self.spec)
        self._assembly = assembly
        self._closers.extend(assembly.closers)
        if assembly.metrics is not None:
            self.metrics.registry.register(assembly.metrics)

        # Identity's keys and its revocations are independent: wait for both at once.
        key_source, revocations = await asyncio.gather(
            self._key_source(assembly), self._revocations(assembly.revocations, assembly.plumbing.bus)
        )
        verifier = TokenVerifier(
            key_source,
            issuer=self.settings.token_issuer,
            audience=self.settings.token_audience,
            revocations=revocations,
        )
        registrations = list(assembly.registrations)
        if not any(r.service == CONTRACT_SERVICE for r in registrations):
            registrations.append(
                Registration(
                    CONTRACT_SERVICE,
                    ContractServicer(self.settings),
                    contract_service_pb2_grpc.add_ContractServiceServicer_to_server,
                )
            )
        served = tuple(r.service for r in registrations)
        contracts = method_contracts(served)
        audit = None
        if any(contract.mutating for contract in contracts.values()):
            audit, close_audit = await open_audit_trail(
                self.settings, self.spec.domain, self.metrics.registry, assembly.plumbing
            )
            # First of the closers: the spool writes what it holds as soon as the server has drained.
            self._closers.insert(0, close_audit)
        interceptor = SomaInterceptor(
            domain=self.spec.domain,
            contracts=contracts,
            verifier=verifier,
            metrics=self.metrics,
            deployment_mode=self.settings.stage.value,
            min_supported_version=self.settings.contract_min_supported_version,
            recommended_version=self.settings.contract_recommended_version,
            transient=self._database_transient() if self.spec.stateful else None,
            audit=audit,
            streams=StreamQuota(self.settings.max_streams_per_caller),
            rates=self._rate_limiter(),
        )
        server = grpc.aio.server(
            interceptors=[tracing.setup(self.spec.domain, self.settings.otel_exporter), interceptor],
            options=[
                ("grpc.so_reuseport", 0),
                ("grpc.max_receive_message_length", HARD_MESSAGE_BYTES),
                # Whatever Envoy forwards (platform/limits.py): soft and hard limit alike, so none is refused at random.
                ("grpc.max_metadata_size", SERVICE_MAX_METADATA_BYTES),
                ("grpc.absolute_max_metadata_size", SERVICE_MAX_METADATA_BYTES),
            ],
        )
        for registration in registrations:
            registration.add_to_server(registration.servicer, server)
        self._health = assembly.health_servicer or health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self._health, server)
        reflection.enable(server, (*(assembly.reflected_services or served), health.SERVICE_NAME))
        self.port = self._bind(server)
        await server.start()
        self.server = server
        if isinstance(self._health, health.aio.HealthServicer):
            for name in ("", *served):
                await self._health.set(name, health_pb2.HealthCheckResponse.SERVING)
        metrics_port = self.spec.metrics_port(self.settings)
        if metrics_port:
            ensure_port_free(self.settings.host, metrics_port, f"soma {self.spec.domain} metrics")
            metrics_server = await self.metrics.serve(self.settings.host, metrics_port)
            self._closers.append(metrics_server.close)
        self.metrics.up.labels(self.spec.domain).set(1)
        _log.info("soma %s serving on %s:%d", self.spec.domain, self.settings.host, self.port)

    def _bind(self, server: grpc.aio.Server) -> int:
        """Binds the service's port: in plain text, or with mTLS (a client certificate of the mesh CA required, the
        server certificate reloaded when it is rotated)."""
        address = f"{self.settings.host}:{self.port}"
        layout = mesh_layout(self.settings)
        if layout is None:
            return server.add_insecure_port(address)
        certificate = ReloadingServerCertificate(layout, self.spec.domain)
        return server.add_secure_port(address, certificate.credentials())

    async def stop(self, grace: float | None = None) -> None:
        """Drains: health goes NOT_SERVING, in-flight calls get `grace` seconds, then closers run."""
        if self.server is None:
            return
        self.metrics.up.labels(self.spec.domain).set(0)
        if isinstance(self._health, health.aio.HealthServicer):
            await self._health.enter_graceful_shutdown()
        elif hasattr(self._health, "set_serving"):
            self._health.set_serving(False)
        await self.server.stop(self.settings.drain_grace_seconds if grace is None else grace)
        await run_closers(self._closers)
        self.server = None
        self._stopped.set()
        _log.info("soma %s stopped", self.spec.domain)

    async def run_until_signalled(self) -> None:
        """Starts, serves until SIGTERM or SIGINT, then drains."""
        await self.start()
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        _log.info("soma %s draining", self.spec.domain)
        await self.stop()
