"""Composition root of the audit service: migrations, the chain store, the `audit.records` consumer, the servicer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from soma.audit.v1 import audit_service_pb2_grpc
from soma.events.v1 import topics
from soma.events.v1.envelope_pb2 import Event
from somastack.audit import codec
from somastack.audit.adapters.sql_store import DOMAIN, SqlAuditLog, append_all, inbox
from somastack.audit.api import AuditServicer
from somastack.audit.service import AuditBook
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import EventConsumer, EventMetrics, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.registry import ServiceSpec
from somastack.runtime.server import Assembly, Plumbing, Registration, run_closers

#: The consumer group that chains every service's records.
RECORDS_GROUP = "audit-records"


async def chain_events(events: Sequence[Event], connection: AsyncConnection) -> None:
    """Appends the records a batch of `audit.records` events carries to their tenants' chains, in order, in the
    inbox's transaction (one INSERT for the batch)."""
    entries = [entry for entry in map(codec.entry_of, events) if entry is not None]
    if entries:
        await append_all(connection, entries)


@dataclass
class AuditDomain:
    """The audit use cases, the chain store and the consumer that appends to it."""

    engine: AsyncEngine
    book: AuditBook
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    plumbing: Plumbing = field(default_factory=Plumbing)

    @classmethod
    async def open(cls, settings: Settings, *, metrics: EventMetrics | None = None) -> AuditDomain:
        """Migrates, then starts chaining `audit.records`."""
        await upgrade_async(settings, DOMAIN)
        engine = create_engine(settings, DOMAIN)
        bus = open_bus(settings, client_id=DOMAIN)
        consumer = EventConsumer(
            bus,
            group=RECORDS_GROUP,
            topics=[topics.AUDIT_RECORDS],
            batch_handler=chain_events,
            engine=engine,
            inbox=inbox,
            domain=DOMAIN,
            metrics=metrics or EventMetrics(),
            # Many records per transaction: one commit for a burst of calls.
            batch_size=500,
        )
        await consumer.start()
        closers: list[Callable[[], Awaitable[None]]] = [consumer.stop, bus.close, engine.dispose]
        return cls(engine, AuditBook(SqlAuditLog(engine)), closers, Plumbing(engine, bus))

    async def close(self) -> None:
        await run_closers(self.closers)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    metrics = EventMetrics()
    domain = await AuditDomain.open(settings, metrics=metrics)
    return Assembly(
        registrations=[
            Registration(
                "soma.audit.v1.AuditService",
                AuditServicer(domain.book),
                audit_service_pb2_grpc.add_AuditServiceServicer_to_server,
            )
        ],
        closers=[domain.close],
        metrics=metrics.registry,
        plumbing=domain.plumbing,
    )
