"""Faults: the broker dies and comes back empty while writes go on; a relay is SIGKILLed mid-relay.

In both, every event whose outbox row committed must be handled exactly once (the inbox absorbs what
the bus delivers twice). Each test is bounded well under a minute.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import uuid
from pathlib import Path

import pytest
from google.protobuf.wrappers_pb2 import StringValue
from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import AsyncConnection

from soma.events.v1.envelope_pb2 import Event
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import (
    EmbeddedLogBus,
    EventBus,
    EventConsumer,
    EventMetrics,
    Outbox,
    OutboxRelay,
    new_event,
)
from somastack.testing import TansuBroker, free_ports
from tests.integration.events.conftest import kafka_bus
from tests.unit.events.helpers import Service, eventually, service_tables

pytestmark = pytest.mark.timeout(60)
REPO = Path(__file__).resolve().parents[3]


async def open_service(home: Path, bus: EventBus) -> Service:
    metadata = MetaData()
    outbox, inbox, effects = service_tables(metadata)
    engine = create_engine(Settings(home=home), "svc")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    return Service(engine, outbox, inbox, effects, Outbox(outbox), bus, EventMetrics())


def counting_consumer(service: Service, bus: EventBus, topic: str, handled: list[str]) -> EventConsumer:
    """Each handling inserts a side effect (in the inbox's transaction) and is counted, so a second one shows."""

    async def handle(event: Event, connection: AsyncConnection) -> None:
        await connection.execute(service.effects.insert().values(event_id=event.id))
        handled.append(event.id)

    return EventConsumer(
        bus,
        group="consumer",
        topics=[topic],
        handler=handle,
        engine=service.engine,
        inbox=service.inbox,
        domain="svc",
        metrics=service.metrics,
    )


def an_event(n: int) -> Event:
    return new_event(type="soma.test.v1.N", source="//test", tenant=f"t{n % 3}", payload=StringValue(value=str(n)))


@pytest.mark.parametrize("quiesced", [True, False], ids=["relay-paused-at-kill", "relay-publishing-at-kill"])
async def test_a_broker_restart_loses_no_committed_write_and_handles_none_twice(tmp_path: Path, quiesced: bool) -> None:
    """Writes go on while the broker is dead; a new, empty broker comes back on the same port.

    Tansu keeps records in memory only: a record it acknowledged but nobody consumed yet dies with it, which
    no client can prevent (a replicated Kafka does not lose acks=all records). With `quiesced`, the relay is
    paused and the consumer catches up before the kill, so every committed write must be handled; otherwise
    the broker dies mid-publish and only what it had acknowledged but not delivered may be missing.
    """
    broker = TansuBroker(free_ports(1)[0], tmp_path / "tansu.log")
    broker.start()
    relay_bus, consumer_bus = kafka_bus(broker, "relay", publish_timeout=2.0), kafka_bus(broker, "consumer")
    service = await open_service(tmp_path, relay_bus)
    topic, handled, committed = f"restart.{uuid.uuid4().hex[:8]}", list[str](), list[str]()
    relay = OutboxRelay(service.engine, service.outbox_table, relay_bus, domain="svc", metrics=service.metrics)
    consumer = counting_consumer(service, consumer_bus, topic, handled)
    writing = True

    async def write() -> None:
        n = 0
        while writing:
            event = an_event(n)
            async with service.engine.begin() as connection:  # acknowledged to "the client" once this commits
                await service.outbox.add(connection, topic, event)
            committed.append(event.id)
            n += 1
            await asyncio.sleep(0.01)

    def failures() -> float:
        return service.sample("soma_outbox_publish_failures_total", domain="svc")

    try:
        await relay.start()
        await consumer.start()
        writer = asyncio.create_task(write())
        await eventually(lambda: _at_least(handled, 50), within=20)
        if quiesced:
            await relay.stop()
            published = service.sample("soma_outbox_published_total", domain="svc")
            await eventually(lambda: _at_least(handled, int(published)), within=20)
        broker.kill()
        await relay.start()  # relays against a dead broker: batches fail, rows stay
        await eventually(lambda: _is_true(failures() > 0), within=15)
        # Every batch the dead broker acknowledged has been deleted from the outbox by now.
        written = set(committed)
        async with service.engine.connect() as connection:
            waiting = set((await connection.execute(select(service.outbox_table.c.event_id))).scalars())
        lost_with_the_broker = written - waiting - set(handled)
        if quiesced:
            assert not lost_with_the_broker
        await asyncio.sleep(2.0)
        backlog, _age = await relay.measure_backlog()
        assert backlog > 100, "writes went on while the broker was down"
        broker.start()  # a new, empty broker on the same port
        await asyncio.sleep(1.0)
        writing = False
        await writer
        expected = set(committed) - lost_with_the_broker
        await eventually(lambda: _is_true(expected <= set(handled)), within=40)
        await asyncio.sleep(0.5)  # anything handled twice would show now
    finally:
        writing = False
        await relay.stop()
        await consumer.stop()
        await relay_bus.close()
        await consumer_bus.close()
        broker.kill()
    assert len(handled) == len(set(handled)), "an event was handled twice"
    assert set(handled) == expected, "every committed write handled (but what the dead broker took with it)"
    assert await service.count(service.effects) == len(handled)
    await service.engine.dispose()


async def _is_true(condition: bool) -> bool:
    return condition


async def _at_least(items: list[str], count: int) -> bool:
    return len(items) >= count


@pytest.mark.parametrize("engine", ["kafka", "embedded"])
async def test_a_relay_killed_mid_relay_loses_nothing(tmp_path: Path, engine: str) -> None:
    broker = TansuBroker(free_ports(1)[0], tmp_path / "tansu.log")
    if engine == "kafka":
        broker.start()
        bus: EventBus = kafka_bus(broker, "consumer")
        spec = f"kafka:{broker.bootstrap}"
    else:
        bus = EmbeddedLogBus(tmp_path / "events.db")
        spec = f"embedded:{tmp_path / 'events.db'}"
    service = await open_service(tmp_path, bus)
    topic, handled, total = f"killed.{uuid.uuid4().hex[:8]}", list[str](), 3000
    async with service.engine.begin() as connection:
        for n in range(total):
            await service.outbox.add(connection, topic, an_event(n))
    consumer = counting_consumer(service, bus, topic, handled)
    await consumer.start()
    relays: list[asyncio.subprocess.Process] = []
    try:
        for round_ in range(2):
            relays.append(
                await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "tests.integration.events.relay_process", str(tmp_path), spec, "20", cwd=REPO
                )
            )
            if round_ == 0:
                await eventually(lambda: _backlog_below(service, total * 2 // 3), within=30)
                relays[0].send_signal(signal.SIGKILL)  # while it publishes: no chance to finish a batch
                await relays[0].wait()
                killed_at = await service.count(service.outbox_table)
                assert 0 < killed_at < total
        await eventually(lambda: _backlog_below(service, 1), within=30)
        await eventually(lambda: _at_least(handled, total), within=30)
        await asyncio.sleep(0.5)
    finally:
        for process in relays:
            if process.returncode is None:
                process.kill()
                await process.wait()
        await consumer.stop()
        await bus.close()
        broker.kill()
    assert len(handled) == len(set(handled)) == total
    assert await service.count(service.effects) == total
    await service.engine.dispose()


async def _backlog_below(service: Service, rows: int) -> bool:
    return await service.count(service.outbox_table) < rows
