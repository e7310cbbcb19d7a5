"""Composition root of the orchestrator: migrations, session store, mesh clients, the kept constitution checksum
and its consumer, outbox relay, servicer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Histogram

from soma.events.v1.topics import CONSTITUTION_UPDATED
from soma.orchestrator.v1 import session_service_pb2_grpc
from somastack.config import Settings
from somastack.orchestrator.adapters.checksum_cache import CachedChecksum
from somastack.orchestrator.adapters.mesh import MeshClients
from somastack.orchestrator.adapters.sql_store import DOMAIN, SqlSessionStore, inbox, outbox
from somastack.orchestrator.api import SessionServicer
from somastack.orchestrator.service import Orchestrator
from somastack.platform.db import create_engine
from somastack.platform.events import EventMetrics, OutboxRelay, forgetting_consumer, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.platform.outbound import RetryPolicy
from somastack.platform.tls import mesh_dial
from somastack.registry import ServiceSpec
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.server import Assembly, Registration, run_closers

#: How long the outbox relay waits after a commit before it publishes (the platform's default is 5 ms). Session
#: events and approval notices are read by people, through the notification service; no service decides anything
#: on them, and StreamSessionEvents reads the store, not the bus. Under load a longer wait puts the events of
#: several sessions into one publish, one delete and one wake-up of each consumer instead of one per session, and
#: keeps that work off the sessions still running on the same cores.
RELAY_LINGER = 0.1
#: The consumer group that forgets the kept constitution checksum on `constitution.updated`.
CONSTITUTION_GROUP = "orchestrator-constitution"

#: Step durations, per step kind; the bench reads them.
STEP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 120.0)


def step_histogram(registry: CollectorRegistry) -> Histogram:
    return Histogram(
        "soma_session_step_seconds",
        "How long each step of a session took, by step kind.",
        ["kind"],
        registry=registry,
        buckets=STEP_BUCKETS,
    )


@dataclass
class Sessions:
    """The session use cases wired to their store, the mesh and the outbox relay."""

    orchestrator: Orchestrator
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    plumbing: Plumbing = field(default_factory=Plumbing)

    @classmethod
    async def open(cls, settings: Settings, *, metrics: EventMetrics | None = None) -> Sessions:
        metrics = metrics or EventMetrics(CollectorRegistry())
        await upgrade_async(settings, DOMAIN)
        engine = create_engine(settings, DOMAIN)
        mesh = MeshClients(mesh_dial(settings, DOMAIN), retry=RetryPolicy.of(settings))
        histogram = step_histogram(metrics.registry)
        checksum = CachedChecksum(mesh)
        orchestrator = Orchestrator(
            SqlSessionStore(engine),
            checksum,
            mesh,
            mesh,
            mesh,
            mesh,
            observe=lambda kind, seconds: histogram.labels(kind).observe(seconds),
        )
        bus = open_bus(settings, client_id=DOMAIN)
        relay = OutboxRelay(engine, outbox, bus, domain=DOMAIN, metrics=metrics, linger=RELAY_LINGER)
        # Any event on the topic, whatever its payload: the next session reads the active checksum anew.
        consumer = forgetting_consumer(
            bus,
            group=CONSTITUTION_GROUP,
            topic=CONSTITUTION_UPDATED,
            forget=checksum.forget,
            engine=engine,
            inbox=inbox,
            domain=DOMAIN,
            metrics=metrics,
        )
        await relay.start()
        await consumer.start()
        # Stopped in order: no new watchers, then the relay drains, then the consumer, then the connections go.
        closers: list[Callable[[], Awaitable[None]]] = [
            orchestrator.close,
            relay.stop,
            consumer.stop,
            bus.close,
            mesh.close,
            engine.dispose,
        ]
        return cls(orchestrator, closers, Plumbing(engine, bus, relay))

    async def close(self) -> None:
        await run_closers(self.closers)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    metrics = EventMetrics(CollectorRegistry())
    sessions = await Sessions.open(settings, metrics=metrics)
    return Assembly(
        registrations=[
            Registration(
                "soma.orchestrator.v1.SessionService",
                SessionServicer(sessions.orchestrator),
                session_service_pb2_grpc.add_SessionServiceServicer_to_server,
            )
        ],
        closers=[sessions.close],
        metrics=metrics.registry,
        plumbing=sessions.plumbing,
    )
