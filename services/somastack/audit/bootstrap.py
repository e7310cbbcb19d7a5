"""Composition root of the audit service: migrations, the chain store, the `audit.records` consumer, the servicer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from soma.audit.v1 import audit_service_pb2_grpc
from soma.events.v1 import topics
from soma.events.v1.envelope_pb2 import Event
from somastack.audit import codec
from somastack.audit.adapters.sql_store import DOMAIN, SqlAuditLog, append, inbox
from somastack.audit.api import AuditServicer
from somastack.audit.service import AuditBook
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import EventConsumer, EventMetrics, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.registry import ServiceSpec
from somastack.runtime.server import Assembly, Registration, run_closers

#: The consumer group that chains every service's records.
RECORDS_GROUP = "audit-records"
#: Seconds the chain waits after a batch before it reads the next: a record joins its chain at most this much later,
#: and a steady stream of calls costs one transaction per wait instead of one per call.
LINGER = 0.25


async def chain_event(event: Event, connection: AsyncConnection) -> None:
    """Appends the record an `audit.records` event carries to its tenant's chain (in the inbox's transaction)."""
    entry = codec.entry_of(event)
    if entry is not None:
        await append(connection, entry)


@dataclass
class AuditDomain:
    """The audit use cases, the chain store and the consumer that appends to it."""

    engine: AsyncEngine
    book: AuditBook
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

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
            handler=chain_event,
            engine=engine,
            inbox=inbox,
            domain=DOMAIN,
            metrics=metrics or EventMetrics(),
            # Many records per transaction: one commit for a burst of calls, and for what gathers while it waits.
            batch_size=500,
            linger=LINGER,
        )
        await consumer.start()
        return cls(engine, AuditBook(SqlAuditLog(engine)), [consumer.stop, bus.close, engine.dispose])

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
    )
