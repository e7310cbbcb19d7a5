"""The audit spool: records offered during calls land in `audit_outbox` in batches; a full memory drops, counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from soma.events.v1 import topics
from soma.events.v1.envelope_pb2 import Event
from somastack.config import Settings
from somastack.platform import migrations
from somastack.platform.audit.spool import AuditSpool, SpoolMetrics, spool_table
from somastack.platform.db import create_engine


async def test_offered_records_are_written_in_order_and_a_stop_flushes(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    await migrations.upgrade_async(settings, "policy", history=migrations.AUDIT_SPOOL)
    assert migrations.at_head(settings, "policy", migrations.AUDIT_SPOOL)
    assert not migrations.at_head(settings, "policy")  # the domain's own history is another one
    engine = create_engine(settings, "policy")
    registry = CollectorRegistry()
    spool = AuditSpool(engine, topic=topics.AUDIT_RECORDS, domain="policy", capacity=3, metrics=SpoolMetrics(registry))
    try:
        for n in range(5):  # not started: the first three wait in memory, the other two are dropped
            spool.offer(Event(id=f"e{n}", tenant="acme"))
        assert spool.waiting == 3
        assert registry.get_sample_value("soma_audit_dropped_total") == 2
        await spool.start()
        await spool.stop()  # writes what it holds
        async with engine.connect() as connection:
            rows = (await connection.execute(select(spool_table).order_by(spool_table.c.id))).all()
        assert [(row.event_id, row.topic, row.key) for row in rows] == [
            (f"e{n}", topics.AUDIT_RECORDS, "acme") for n in range(3)
        ]
        assert registry.get_sample_value("soma_audit_written_total") == 3
        assert spool.waiting == 0
    finally:
        await engine.dispose()


async def test_a_failed_batch_goes_back_in_order(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    engine = create_engine(settings, "policy")  # no migration: the table is missing, every write fails
    spool = AuditSpool(engine, topic=topics.AUDIT_RECORDS, domain="policy")
    try:
        for n in range(3):
            spool.offer(Event(id=f"e{n}"))
        with pytest.raises(OperationalError, match="audit_outbox"):
            await spool.write_batch()
        assert spool.waiting == 3
        await migrations.upgrade_async(settings, "policy", history=migrations.AUDIT_SPOOL)
        assert await spool.write_batch() == 3
        async with engine.connect() as connection:
            assert await connection.scalar(select(func.count()).select_from(spool_table)) == 3
    finally:
        await engine.dispose()
