"""Composition root of the SLM service: providers, cached profile source, record, outbox relay, consumers, servicer."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
from prometheus_client import CollectorRegistry
from sqlalchemy.ext.asyncio import AsyncConnection

from soma.events.v1 import envelope_pb2
from soma.events.v1.topics import SETTINGS_CHANGED
from soma.settings.v1 import settings_pb2
from soma.slm.v1 import slm_pb2, slm_service_pb2_grpc
from somastack.config import Settings, Stage
from somastack.platform import outbound
from somastack.platform.cache import open_cache
from somastack.platform.db import create_engine
from somastack.platform.events import EventConsumer, EventMetrics, OutboxRelay, open_bus, payload_of
from somastack.platform.migrations import upgrade_async
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import mesh_dial
from somastack.registry import ServiceSpec
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.server import Assembly, Registration, run_closers
from somastack.slm.adapters.settings_modes import SettingsTenantModes
from somastack.slm.adapters.settings_profiles import SettingsProfileSource
from somastack.slm.adapters.sql_store import DOMAIN, SqlInferenceRecord, inbox, outbox
from somastack.slm.api import SlmServicer
from somastack.slm.config import SlmSettings
from somastack.slm.endpoints import Endpoint, Endpoints, parse_allowed
from somastack.slm.metrics import SlmMetrics
from somastack.slm.model import ProviderKind
from somastack.slm.ports import ProfileSource, Provider, TenantModes
from somastack.slm.profiles import ConfigProfileSource
from somastack.slm.providers.anthropic import AnthropicProvider
from somastack.slm.providers.http import request_timeout_of
from somastack.slm.providers.local import LocalProvider
from somastack.slm.providers.openai import OpenAIProvider
from somastack.slm.resilience import RetryPolicy
from somastack.slm.service import REQUESTS_TOPIC, Guard, Slm

_log = logging.getLogger(__name__)

#: The consumer group of the workers that run queued inferences.
WORKER_GROUP = "slm-workers"
#: The topic the settings service announces changed settings and model profiles on.
SETTINGS_TOPIC = SETTINGS_CHANGED
#: The consumer group that drops a tenant's cached model profile and deployment mode on `settings.changed`.
PROFILE_CACHE_GROUP = "slm-profile-cache"
#: How long the outbox relay waits after a commit before it publishes (the platform's default is 5 ms). It carries
#: `slm.metrics`, one event per provider call that no service of the mesh acts on, and `slm.requests`, the queued
#: inferences: work long enough to be queued does not notice 100 ms more before a worker takes it. With 5 ms the
#: relay published (the embedded log syncs each batch to disk), deleted and woke the bus after every InferSync, on
#: the cores the next call was using: at 100 ms the calls of a busy moment share one batch.
RELAY_LINGER = 0.1


def build_providers(config: SlmSettings) -> dict[str, Provider]:
    """The providers the configuration names; the local one always exists (the stage guardrail refuses it in prod)."""
    providers: dict[str, Provider] = {
        "local": LocalProvider(
            model=config.local_model,
            embedding_model=config.local_embedding_model,
            token_delay=config.local_token_delay_seconds,
        )
    }
    if config.openai_base_url:
        providers["openai"] = OpenAIProvider(
            "openai",
            config.openai_base_url,
            api_key=config.openai_api_key.get_secret_value() if config.openai_api_key else None,
            model=config.openai_model,
            embedding_model=config.openai_embedding_model,
            timeout=config.timeout_seconds,
        )
    if config.anthropic_base_url:
        providers["anthropic"] = AnthropicProvider(
            "anthropic",
            config.anthropic_base_url,
            api_key=config.anthropic_api_key.get_secret_value() if config.anthropic_api_key else None,
            model=config.anthropic_model,
            timeout=config.timeout_seconds,
        )
    return providers


def build_endpoints(config: SlmSettings, client: httpx.AsyncClient) -> Endpoints:
    """Adapters for the endpoints tenants' profiles name, as `SOMA_SLM_ALLOWED_BASE_URLS` allows.

    They share `client`. A configured provider's key goes only to its configured base URL (a profile naming that
    one gets the configured provider); another endpoint gets the key `SOMA_SLM_ENDPOINT_KEYS` gives its prefix.
    """
    configured = {
        name: url for name, url in (("openai", config.openai_base_url), ("anthropic", config.anthropic_base_url)) if url
    }
    keys = {Endpoint.parse(url): key.get_secret_value() for url, key in config.endpoint_keys.items()}

    def build(kind: ProviderKind, name: str, root: str, api_key: str | None) -> Provider:
        if kind is ProviderKind.ANTHROPIC:
            return AnthropicProvider(name, root, api_key=api_key, model=config.anthropic_model, client=client)
        return OpenAIProvider(
            name,
            root,
            api_key=api_key,
            model=config.openai_model,
            embedding_model=config.openai_embedding_model,
            client=client,
        )

    return Endpoints(parse_allowed(config.allowed_base_urls), configured=configured, keys=keys, build=build)


@dataclass
class TenantSources:
    """Where tenants' chat profiles and deployment modes come from, and the cached settings readers among them."""

    profiles: ProfileSource
    modes: TenantModes | None
    cached: SettingsProfileSource | None = None
    cached_modes: SettingsTenantModes | None = None
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    @classmethod
    def open(
        cls, settings: Settings, config: SlmSettings, profiles: ProfileSource | None, modes: TenantModes | None
    ) -> TenantSources:
        """The given sources, else the settings service's (`PROFILE_SOURCE=settings`) sharing one cache.

        With `PROFILE_SOURCE=config` the configuration gives every profile and no tenant mode is known: the
        stage alone decides who is in prod. The mode is read with this service's own token (`settings.read`).
        """
        if config.profile_source != "settings" or (profiles is not None and modes is not None):
            return cls(profiles or ConfigProfileSource(config), modes)
        cache = open_cache(settings, namespace=DOMAIN)
        retry = outbound.RetryPolicy.of(settings)
        cached: SettingsProfileSource | None = None
        cached_modes: SettingsTenantModes | None = None
        if profiles is None:
            fallback = ConfigProfileSource(config)
            cached = SettingsProfileSource(
                mesh_dial(settings, DOMAIN), fallback, cache=cache, ttl=config.profile_cache_seconds, retry=retry
            )
        if modes is None:
            token = ServiceToken(settings.service_token_path(DOMAIN))
            cached_modes = SettingsTenantModes(
                mesh_dial(settings, DOMAIN), token, cache=cache, ttl=config.profile_cache_seconds, retry=retry
            )
        closers = [c.close for c in (cached, cached_modes) if c is not None]
        return cls(
            profiles or cached or ConfigProfileSource(config),
            modes or cached_modes,
            cached,
            cached_modes,
            [*closers, cache.close],
        )


@dataclass
class SlmGateway:
    """The SLM use cases wired to providers, record, relay and worker."""

    slm: Slm
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    plumbing: Plumbing = field(default_factory=Plumbing)

    @classmethod
    async def open(
        cls,
        settings: Settings,
        config: SlmSettings | None = None,
        *,
        profiles: ProfileSource | None = None,
        modes: TenantModes | None = None,
        metrics: EventMetrics | None = None,
    ) -> SlmGateway:
        """Migrates, then starts the outbox relay and the worker group on `slm.requests`.

        Tenants' deployment modes come from `modes`, else from the settings service when profiles do
        (`SOMA_SLM_PROFILE_SOURCE=settings`); with `config`, the stage alone decides who is in prod.
        """
        config = config or SlmSettings()
        metrics = metrics or EventMetrics()
        await upgrade_async(settings, DOMAIN)
        engine = create_engine(settings, DOMAIN)
        providers = build_providers(config)
        # One HTTP client (connection pools per host) for every tenant endpoint's adapter.
        endpoint_client = httpx.AsyncClient(timeout=request_timeout_of(config.timeout_seconds))
        closers: list[Callable[[], Awaitable[None]]] = [endpoint_client.aclose]
        sources = TenantSources.open(settings, config, profiles, modes)
        closers += sources.closers
        slm = Slm(
            providers,
            sources.profiles,
            SqlInferenceRecord(engine),
            prod=settings.stage is Stage.PROD,
            guard=Guard(
                RetryPolicy(config.max_retries, config.backoff_seconds, config.max_backoff_seconds),
                config.breaker_threshold,
                config.breaker_reset_seconds,
            ),
            max_attempts=config.worker_max_attempts,
            watch_poll=config.watch_poll_seconds,
            watch_timeout=config.watch_timeout_seconds,
            on_meter=SlmMetrics(metrics.registry).observe,
            endpoints=build_endpoints(config, endpoint_client),
            max_timeout=config.max_timeout_seconds,
            modes=sources.modes,
        )
        bus = open_bus(settings, client_id=DOMAIN)

        async def on_request(event: envelope_pb2.Event, connection: AsyncConnection) -> None:
            request = payload_of(event, slm_pb2.InferenceRequested)
            if request is not None:
                slm.dispatch(request.name)

        relay = OutboxRelay(engine, outbox, bus, domain=DOMAIN, metrics=metrics, linger=RELAY_LINGER)
        worker = EventConsumer(
            bus,
            group=WORKER_GROUP,
            topics=[REQUESTS_TOPIC],
            handler=on_request,
            engine=engine,
            inbox=inbox,
            domain=DOMAIN,
            max_attempts=config.worker_max_attempts,
            metrics=metrics,
        )
        consumers = [worker]
        if (sources.cached or sources.cached_modes) and config.profile_cache_seconds > 0:
            source, tenant_modes = sources.cached, sources.cached_modes

            async def on_settings_changed(event: envelope_pb2.Event, connection: AsyncConnection) -> None:
                changed = payload_of(event, settings_pb2.SettingsChanged)
                if changed is None:
                    return
                if changed.kind == settings_pb2.CHANGE_KIND_MODEL_PROFILE and source is not None:
                    await source.forget(changed.tenant or event.tenant)
                elif changed.kind == settings_pb2.CHANGE_KIND_SETTINGS and tenant_modes is not None:
                    await tenant_modes.forget(changed.tenant or event.tenant)

            consumers.append(
                EventConsumer(
                    bus,
                    group=PROFILE_CACHE_GROUP,
                    topics=[SETTINGS_TOPIC],
                    handler=on_settings_changed,
                    engine=engine,
                    inbox=inbox,
                    domain=DOMAIN,
                    metrics=metrics,
                )
            )
        await relay.start()
        for consumer in consumers:
            await consumer.start()
        resumed = await slm.resume()
        if resumed:
            _log.info("slm: resumed %d unfinished inference(s)", resumed)
        _log.info("slm: providers %s, default %s", ", ".join(providers), config.default_provider)

        async def close_providers() -> None:
            for provider in providers.values():
                await provider.close()

        stops = [consumer.stop for consumer in reversed(consumers)]
        closing = [*stops, slm.stop, relay.stop, bus.close, close_providers, *closers, engine.dispose]
        return cls(slm, closing, Plumbing(engine, bus, relay))

    async def close(self) -> None:
        await run_closers(self.closers)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    metrics = EventMetrics(CollectorRegistry())
    gateway = await SlmGateway.open(settings, metrics=metrics)
    return Assembly(
        registrations=[
            Registration(
                "soma.slm.v1.SlmService",
                SlmServicer(gateway.slm),
                slm_service_pb2_grpc.add_SlmServiceServicer_to_server,
            )
        ],
        closers=[gateway.close],
        metrics=metrics.registry,
        plumbing=gateway.plumbing,
    )
