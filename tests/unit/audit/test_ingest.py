"""The audit service's ingest: what waits on `audit.records` is chained in one transaction per batch, each tenant's
records in the order they were published, and a redelivered record is never chained twice."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy import event as sa_event

from soma.audit.v1 import audit_pb2
from soma.events.v1 import topics
from soma.events.v1.envelope_pb2 import Event
from somastack.audit.adapters.sql_store import SqlAuditLog, inbox
from somastack.audit.bootstrap import RECORDS_GROUP, AuditDomain
from somastack.audit.model import PLATFORM, Filter
from somastack.config import Settings
from somastack.platform.events import EVENT_LOG_FILE, EmbeddedLogBus, EventMetrics, Record


def recorded(n: int, tenant: str) -> Event:
    record = audit_pb2.AuditRecord(
        tenant=tenant, rpc="soma.settings.v1.SettingsService.UpdateSettings", code="OK", request_id=f"r{n}"
    )
    record.time.GetCurrentTime()
    event = Event(id=f"audit-{n}", spec_version="1.0", source="//settings.soma", tenant=tenant)
    event.data.Pack(audit_pb2.AuditRecorded(record=record))
    return event


async def publish(settings: Settings, events: list[Event]) -> None:
    bus = EmbeddedLogBus(settings.data_dir / EVENT_LOG_FILE)
    try:
        await bus.publish([Record(topics.AUDIT_RECORDS, e.SerializeToString(), e.tenant) for e in events])
    finally:
        await bus.close()


async def until_handled(metrics: EventMetrics, count: int) -> None:
    """Waits until the consumer has settled `count` events (handled or duplicates), asking it, not the database."""
    labels = {"domain": "audit", "group": RECORDS_GROUP, "topic": topics.AUDIT_RECORDS}
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        settled = sum(
            metrics.registry.get_sample_value(name, labels) or 0
            for name in ("soma_events_handled_total", "soma_events_duplicates_total")
        )
        if settled >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"fewer than {count} records settled within 10 s")


async def test_waiting_records_are_chained_in_one_transaction_in_order_and_once(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    events = [recorded(n, ("acme", "umbrella", "")[n % 3]) for n in range(60)]
    await publish(settings, events)
    commits: list[Any] = []
    statements: list[str] = []
    metrics = EventMetrics()
    domain = await AuditDomain.open(settings, metrics=metrics)
    sa_event.listen(domain.engine.sync_engine, "commit", commits.append)
    sa_event.listen(
        domain.engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(args[2].split()[0])
    )
    try:
        await until_handled(metrics, 60)
        # The 60 records waiting are one batch: one transaction, one INSERT of inbox rows and one of records, one
        # look for records chained already, one read of each chain's last link (not three statements a record).
        assert len(commits) == 1
        assert sorted(statements) == ["INSERT", "INSERT", "SELECT", "SELECT", "SELECT", "SELECT"]
        for tenant in ("acme", "umbrella", PLATFORM):
            chain = [link async for link in SqlAuditLog(domain.engine).chain(tenant)]
            assert [link.sequence for link in chain] == list(range(1, 21))
            # Each tenant's chain follows the order of publication.
            assert [link.entry.event_id for link in chain] == [e.id for e in events if e.tenant == tenant]
        verdict = await domain.book.verify("tenants/-")
        assert (verdict.broken, verdict.checked) == (None, 60)

        # Delivered again: within the inbox's retention, and past it (its rows pruned): nothing is chained twice.
        await publish(settings, events[:30])
        async with domain.engine.begin() as connection:
            await connection.execute(delete(inbox))
        await publish(settings, [*events[30:], recorded(60, "acme")])
        await until_handled(metrics, 60 + 30 + 31)
        links, _ = await domain.book.list("tenants/-", Filter(), 500, "")
        assert len(links) == 61
        verdict = await domain.book.verify("tenants/-")
        assert (verdict.broken, verdict.checked) == (None, 61)
    finally:
        await domain.close()
