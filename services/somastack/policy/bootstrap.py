"""Composition root of the policy service: migrations, overrides store, cache, the mesh client, the event consumer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from soma.constitution.v1 import constitution_pb2
from soma.events.v1.topics import CONSTITUTION_UPDATED
from soma.policy.v1 import policy_service_pb2_grpc
from somastack.config import Settings
from somastack.platform.cache import open_cache
from somastack.platform.db import create_engine
from somastack.platform.events import EventMetrics, forgetting_consumer, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.platform.outbound import RetryPolicy
from somastack.platform.tls import aio_channel, mesh_dial
from somastack.policy.adapters.mesh_constitution import MeshConstitutionSource
from somastack.policy.adapters.sql_store import SqlOverrideStore, inbox
from somastack.policy.api import PolicyServicer
from somastack.policy.service import PolicyEngine
from somastack.registry import ServiceSpec
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.server import Assembly, Registration, run_closers

DOMAIN = "policy"
#: The topic the constitution service announces a new active constitution on.
CONSTITUTION_TOPIC = CONSTITUTION_UPDATED
#: The consumer group that drops the policy service's active pointer on `constitution.updated`.
CACHE_GROUP = "policy-constitution-cache"


@dataclass
class Policy:
    """The policy use cases wired to their store, cache, mesh client and event consumer."""

    engine: PolicyEngine
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    plumbing: Plumbing = field(default_factory=Plumbing)

    @classmethod
    async def open(cls, settings: Settings, *, metrics: EventMetrics | None = None) -> Policy:
        await upgrade_async(settings, DOMAIN)
        db = create_engine(settings, DOMAIN)
        cache = open_cache(settings, namespace=DOMAIN)
        channel = aio_channel(mesh_dial(settings, DOMAIN))
        constitutions = MeshConstitutionSource(channel, retry=RetryPolicy.of(settings))
        engine = PolicyEngine(constitutions, SqlOverrideStore(db), cache)
        bus = open_bus(settings, client_id=DOMAIN)
        consumer = forgetting_consumer(
            bus,
            group=CACHE_GROUP,
            topic=CONSTITUTION_TOPIC,
            forget=engine.forget_active,
            payload=constitution_pb2.ConstitutionUpdated,
            engine=db,
            inbox=inbox,
            domain=DOMAIN,
            metrics=metrics or EventMetrics(),
        )
        await consumer.start()

        async def close_channel() -> None:
            await channel.close()

        # Stopped in reverse order of start: nothing consumes once the bus and the engine close.
        closers: list[Callable[[], Awaitable[None]]] = [
            consumer.stop,
            bus.close,
            close_channel,
            cache.close,
            db.dispose,
        ]
        return cls(engine, closers, Plumbing(db, bus))

    async def close(self) -> None:
        await run_closers(self.closers)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    metrics = EventMetrics()
    policy = await Policy.open(settings, metrics=metrics)
    return Assembly(
        registrations=[
            Registration(
                "soma.policy.v1.PolicyService",
                PolicyServicer(policy.engine),
                policy_service_pb2_grpc.add_PolicyServiceServicer_to_server,
            )
        ],
        closers=[policy.close],
        plumbing=policy.plumbing,
        metrics=metrics.registry,
    )
