"""Outbox -> relay -> Kafka (Tansu) -> inbox consumer, on SQLite and on PostgreSQL (migrated with the helpers)."""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from google.protobuf.wrappers_pb2 import StringValue
from sqlalchemy import MetaData, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from soma.events.v1.envelope_pb2 import Event
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import (
    BusUnavailable,
    EventConsumer,
    EventMetrics,
    KafkaBus,
    Outbox,
    OutboxRelay,
    Record,
    new_event,
    payload_of,
)
from somastack.platform.events.migration import create_inbox_table, create_outbox_table
from somastack.testing import TansuBroker, free_ports
from tests.integration.events.conftest import kafka_bus
from tests.unit.events.helpers import Service, eventually, service_tables


def numbered(n: int, tenant: str = "acme") -> Event:
    return new_event(type="soma.test.v1.N", source="//test", tenant=tenant, payload=StringValue(value=str(n)))


def migrate(connection: Connection) -> None:
    op = Operations(MigrationContext.configure(connection))
    create_outbox_table(op)
    create_inbox_table(op)


async def make_service(engine: AsyncEngine, bus: KafkaBus) -> Service:
    metadata = MetaData()
    outbox, inbox, effects = service_tables(metadata)
    async with engine.begin() as connection:
        await connection.run_sync(migrate)  # the outbox and inbox as a service's Alembic migration creates them
        await connection.run_sync(effects.create)
    return Service(engine, outbox, inbox, effects, Outbox(outbox), bus, EventMetrics())


async def run_pipeline(
    service: Service, relays: int, events: int, tenants: int = 4
) -> tuple[str, dict[str, list[int]]]:
    """Commits `events` events through the outbox while `relays` relays and one consumer run; returns the topic,
    and the order in which the consumer saw each tenant's events."""
    topic = f"pipeline.{uuid.uuid4().hex[:8]}"
    seen: dict[str, list[int]] = defaultdict(list)

    async def handle(event: Event, connection: AsyncConnection) -> None:
        await connection.execute(service.effects.insert().values(event_id=event.id))
        payload = payload_of(event, StringValue)
        assert payload is not None
        seen[event.tenant].append(int(payload.value))

    running = [
        OutboxRelay(
            service.engine, service.outbox_table, service.bus, domain="svc", batch_size=7, metrics=service.metrics
        )
        for _ in range(relays)
    ]
    consumer = EventConsumer(
        service.bus,
        group=f"g-{topic}",
        topics=[topic],
        handler=handle,
        engine=service.engine,
        inbox=service.inbox,
        domain="svc",
        metrics=service.metrics,
    )
    await consumer.start()
    for relay in running:
        await relay.start()
    for start in range(0, events, 10):
        async with service.engine.begin() as connection:
            for n in range(start, min(start + 10, events)):
                tenant = f"t{n % tenants}"
                event = new_event(
                    type="soma.test.v1.N", source="//test", tenant=tenant, payload=StringValue(value=str(n))
                )
                await service.outbox.add(connection, topic, event)
    await eventually(lambda: _counted(service, events), within=30)
    for relay in running:
        await relay.stop()
    await consumer.stop()
    return topic, seen


async def _counted(service: Service, events: int) -> bool:
    return await service.count(service.effects) >= events


async def test_outbox_to_kafka_to_consumer_on_sqlite(tansu: TansuBroker, tmp_path: Path) -> None:
    bus = kafka_bus(tansu)
    service = await make_service(create_engine(Settings(home=tmp_path), "svc"), bus)
    _topic, seen = await run_pipeline(service, relays=1, events=200)
    for tenant, order in seen.items():
        assert order == sorted(order), f"{tenant}'s events arrived out of order"
    assert sum(map(len, seen.values())) == 200
    assert await service.count(service.effects) == 200
    await bus.close()
    await service.engine.dispose()


@pytest.mark.postgres
async def test_two_relays_on_postgresql_publish_each_row_once(tansu: TansuBroker, pg_engine: AsyncEngine) -> None:
    """The advisory lock lets one relay of a domain publish at a time: no duplicates, per-key order kept."""
    bus = kafka_bus(tansu)
    service = await make_service(pg_engine, bus)
    topic, seen = await run_pipeline(service, relays=2, events=300)
    assert service.sample("soma_events_duplicates_total", domain="svc", group=f"g-{topic}", topic=topic) == 0
    for order in seen.values():
        assert order == sorted(order)
    assert sum(map(len, seen.values())) == 300
    assert service.sample("soma_outbox_published_total", domain="svc") == 300
    await bus.close()


async def test_relay_keeps_rows_while_kafka_is_unreachable(tmp_path: Path) -> None:
    """Nothing listens on the port: publish fails within the publish timeout and every row stays."""
    bus = KafkaBus(f"127.0.0.1:{free_ports(1)[0]}", client_id="test", publish_timeout=1.0)
    service = await make_service(create_engine(Settings(home=tmp_path), "svc"), bus)
    async with service.engine.begin() as connection:
        await service.outbox.add(
            connection, "nowhere", new_event(type="t", source="s", tenant="a", payload=StringValue())
        )
    relay = OutboxRelay(service.engine, service.outbox_table, bus, domain="svc", metrics=service.metrics)
    started = time.monotonic()
    with pytest.raises(BusUnavailable):
        await relay.relay_once()
    assert time.monotonic() - started < 5
    assert await service.count(service.outbox_table) == 1
    await bus.close()
    await service.engine.dispose()


@pytest.mark.postgres
async def test_the_inbox_on_postgresql_skips_duplicates_and_dead_letters(
    tansu: TansuBroker, pg_engine: AsyncEngine
) -> None:
    bus = kafka_bus(tansu)
    service = await make_service(pg_engine, bus)
    topic = f"inbox.{uuid.uuid4().hex[:8]}"
    events = [numbered(1), numbered(2), numbered(666)]
    async with service.engine.begin() as connection:
        for event in events:
            await service.outbox.add(connection, topic, event)
    await OutboxRelay(service.engine, service.outbox_table, bus, domain="svc").relay_once()
    await bus.publish([Record(topic, e.SerializeToString(), e.tenant) for e in events])  # every one delivered twice

    async def handle(event: Event, connection: AsyncConnection) -> None:
        await connection.execute(service.effects.insert().values(event_id=event.id))
        if payload_of(event, StringValue) == StringValue(value="666"):
            raise RuntimeError("poison")

    consumer = EventConsumer(
        bus,
        group="g",
        topics=[topic],
        handler=handle,
        engine=service.engine,
        inbox=service.inbox,
        domain="svc",
        metrics=service.metrics,
        max_attempts=2,
    )
    await consumer.start()
    labels = {"domain": "svc", "group": "g", "topic": topic}
    await eventually(lambda: _sampled(service, "soma_events_duplicates_total", labels, 3), within=20)
    await consumer.stop()
    async with service.engine.connect() as connection:
        effects = set((await connection.execute(select(service.effects.c.event_id))).scalars())
    assert effects == {events[0].id, events[1].id}, "the poison's effects rolled back, the others' kept once"
    assert service.sample("soma_events_dead_lettered_total", **labels) == 1
    await bus.close()


async def _sampled(service: Service, name: str, labels: dict[str, str], value: float) -> bool:
    return service.sample(name, **labels) >= value
