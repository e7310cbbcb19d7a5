"""Outbox, relay and inbox consumer on a real SQLite database and the embedded log."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from google.protobuf.wrappers_pb2 import StringValue
from sqlalchemy import MetaData, Table, select
from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncConnection

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.events import BusError, EventConsumer, Outbox, OutboxRelay, Record, new_event, payload_of
from somastack.platform.events.tables import outbox_columns
from tests.unit.events.helpers import Service, eventually

TOPIC = "things.changed"


def event(text: str, tenant: str = "acme") -> Event:
    return new_event(type="soma.test.v1.Changed", source="//test.soma", tenant=tenant, payload=StringValue(value=text))


async def add(service: Service, *events: Event, topic: str = TOPIC) -> None:
    async with service.engine.begin() as connection:
        for e in events:
            await service.outbox.add(connection, topic, e)


def relay(service: Service, batch_size: int = 500) -> OutboxRelay:
    return OutboxRelay(
        service.engine, service.outbox_table, service.bus, domain="svc", batch_size=batch_size, metrics=service.metrics
    )


def consumer(
    service: Service,
    handled: list[str],
    fail: dict[str, int] | None = None,
    calls: list[tuple[str, AsyncConnection, float]] | None = None,
    **options: Any,
) -> EventConsumer:
    """A consumer recording each event in `effects` (in its transaction) and in `handled`; `fail[text]` failures;
    each call's text, connection and time in `calls`."""
    fail = fail if fail is not None else {}

    async def handle(e: Event, connection: AsyncConnection) -> None:
        text = payload_of(e, StringValue)
        assert text is not None
        if calls is not None:
            calls.append((text.value, connection, time.monotonic()))
        await connection.execute(service.effects.insert().values(event_id=e.id))
        if fail.get(text.value, 0) > 0:
            fail[text.value] -= 1
            raise RuntimeError(f"handler failed on {text.value}")
        handled.append(text.value)

    return EventConsumer(
        service.bus,
        group="svc-consumer",
        topics=[TOPIC],
        handler=handle,
        engine=service.engine,
        inbox=service.inbox,
        domain="svc",
        metrics=service.metrics,
        **options,
    )


async def read_topic(service: Service, topic: str, count: int) -> list[Record]:
    subscription = await service.bus.subscribe(f"reader-{time.monotonic_ns()}", [topic])
    records: list[Record] = []
    deadline = time.monotonic() + 5
    while len(records) < count and time.monotonic() < deadline:
        records.extend(d.record for d in await subscription.next(max_wait=0.1))
    await subscription.close()
    return records


async def test_only_committed_events_are_relayed_in_order_then_deleted(service: Service) -> None:
    kept = [event(f"e{i}") for i in range(7)]
    await add(service, *kept[:3])
    with pytest.raises(RuntimeError):
        async with service.engine.begin() as connection:
            await service.outbox.add(connection, TOPIC, event("rolled back"))
            raise RuntimeError("the caller's transaction fails")
    await add(service, *kept[3:])
    assert await relay(service, batch_size=4).relay_once() == 4
    assert await relay(service, batch_size=4).relay_once() == 3
    assert await relay(service).relay_once() == 0
    assert await service.count(service.outbox_table) == 0
    records = await read_topic(service, TOPIC, 7)
    assert [Event.FromString(r.value).id for r in records] == [e.id for e in kept]
    assert {r.key for r in records} == {"acme"}  # the key defaults to the tenant
    assert service.sample("soma_outbox_published_total", domain="svc") == 7


async def test_the_backlog_is_measured(service: Service) -> None:
    r = relay(service)
    assert await r.measure_backlog() == (0, 0.0)
    await add(service, event("a"), event("b"))
    await asyncio.sleep(0.05)
    count, age = await r.measure_backlog()
    assert count == 2 and age >= 0.05
    assert service.sample("soma_outbox_backlog", domain="svc") == 2
    assert service.sample("soma_outbox_oldest_age_seconds", domain="svc") >= 0.05


async def test_a_failed_publish_keeps_the_rows_and_counts_the_attempt(service: Service) -> None:
    await add(service, event("a"))
    await service.bus.close()
    with pytest.raises(BusError):  # the closed bus refuses
        await relay(service).relay_once()
    async with service.engine.connect() as connection:
        assert (await connection.execute(select(service.outbox_table.c.attempts))).scalars().all() == [1]
    assert service.sample("soma_outbox_publish_failures_total", domain="svc") == 1


async def test_a_relay_that_finds_nothing_commits_nothing(service: Service) -> None:
    """An idle relay's fallback polls end in a rollback: on SQLite a commit would wake the checkpoint thread."""
    commits: list[object] = []
    sa_event.listen(service.engine.sync_engine, "commit", commits.append)
    r = relay(service)
    for _ in range(3):
        assert await r.relay_once() == 0
    assert commits == []
    await add(service, event("a"), event("b"))  # one commit
    assert await r.relay_once() == 2  # and one more: the delete of what the bus acknowledged
    assert len(commits) == 2 and await _empty(service)
    assert len(await read_topic(service, TOPIC, 2)) == 2


async def test_the_relay_runs_in_the_background_until_stopped(service: Service) -> None:
    r = relay(service, batch_size=10)
    await r.start()
    await add(service, *[event(str(i)) for i in range(25)])
    await eventually(lambda: _empty(service))
    await r.stop()
    await r.stop()  # idempotent
    assert len(await read_topic(service, TOPIC, 25)) == 25


async def test_a_commit_that_added_rows_wakes_the_relay_and_a_rollback_does_not(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fallback polls 30 s apart: only a wake-up can publish within the test's few seconds.
    monkeypatch.setattr("somastack.platform.events.outbox._IDLE_POLL", (30.0, 30.0))
    r = relay(service)
    await r.start()
    await asyncio.sleep(0.2)  # the relay found nothing and sleeps for the fallback
    started = time.monotonic()
    await add(service, woken := event("woken"))
    await eventually(lambda: _empty(service), within=5.0)
    assert time.monotonic() - started < 5.0
    # A rolled-back transaction that added rows leaves nothing, and its connection wakes no one later.
    with pytest.raises(RuntimeError):
        async with service.engine.begin() as connection:
            await service.outbox.add(connection, TOPIC, event("rolled back"))
            raise RuntimeError("abort")
    assert await _empty(service)
    await r.stop()
    assert [Event.FromString(r.value).id for r in await read_topic(service, TOPIC, 1)] == [woken.id]


async def _empty(service: Service) -> bool:
    return await service.count(service.outbox_table) == 0


async def test_each_event_is_handled_once_although_delivered_twice(service: Service) -> None:
    events = [event(f"e{i}") for i in range(5)]
    await add(service, *events)
    await relay(service).relay_once()
    # Redeliveries, as after a relay that died between publish and delete.
    await service.bus.publish([Record(TOPIC, e.SerializeToString(), "acme") for e in events])
    handled: list[str] = []
    c = consumer(service, handled)
    await c.start()
    await eventually(lambda: _sampled(service, "soma_events_duplicates_total", 5))
    await c.stop()
    assert handled == [f"e{i}" for i in range(5)]
    assert await service.count(service.effects) == 5
    assert service.sample("soma_events_handled_total", domain="svc", group="svc-consumer", topic=TOPIC) == 5


async def _sampled(service: Service, name: str, value: float) -> bool:
    return service.sample(name, domain="svc", group="svc-consumer", topic=TOPIC) >= value


async def test_events_the_consumer_does_not_accept_are_committed_without_an_inbox_row(service: Service) -> None:
    await add(service, *(event(f"step{i}") for i in range(3)), event("done"), event("step3"))
    await relay(service).relay_once()
    handled: list[str] = []

    def accepts(e: Event) -> bool:
        text = payload_of(e, StringValue)
        return text is not None and text.value == "done"

    c = consumer(service, handled, accepts=accepts)
    await c.start()
    await eventually(lambda: _sampled(service, "soma_events_ignored_total", 1))
    await eventually(lambda: _sampled(service, "soma_events_handled_total", 1))
    await c.stop()
    assert handled == ["done"]
    assert await service.count(service.inbox) == 1  # only the accepted event is remembered
    # Everything was committed: a new consumer of the group gets nothing again.
    again: list[str] = []
    await consumer(service, again, accepts=accepts).start()
    await asyncio.sleep(0.5)
    assert again == []


async def test_a_failing_handler_leaves_no_trace_and_is_retried(service: Service) -> None:
    await add(service, event("flaky"), event("after"))
    await relay(service).relay_once()
    handled: list[str] = []
    c = consumer(service, handled, fail={"flaky": 2})
    await c.start()
    await eventually(lambda: _sampled(service, "soma_events_handled_total", 2))
    await c.stop()
    assert handled == ["flaky", "after"]  # in order: the failing event holds back those after it
    assert await service.count(service.effects) == 2  # the failed attempts' inserts were rolled back
    async with service.engine.connect() as connection:
        rows = (await connection.execute(select(service.inbox.c.status, service.inbox.c.attempts))).all()
    assert sorted(map(tuple, rows)) == [("handled", 0), ("handled", 2)]
    assert service.sample("soma_events_handler_failures_total", domain="svc", group="svc-consumer", topic=TOPIC) == 2


async def test_after_max_attempts_the_record_goes_to_the_dlq_and_attempts_survive_a_restart(service: Service) -> None:
    poison = event("poison")
    await add(service, poison, event("next"))
    await relay(service).relay_once()
    handled: list[str] = []
    fail = {"poison": 100}
    first = consumer(service, handled, fail=fail, max_attempts=3)
    await first.start()
    await eventually(lambda: _attempts(service, poison.id, 2))
    await first.stop()  # a restart: the count so far is kept in the inbox
    second = consumer(service, handled, fail=fail, max_attempts=3)
    await second.start()
    await eventually(lambda: _sampled(service, "soma_events_handled_total", 1))
    await second.stop()
    assert handled == ["next"]
    assert 100 - fail["poison"] == 3  # 2 before the restart, 1 after
    dead = await read_topic(service, f"{TOPIC}.dlq", 1)
    assert [Event.FromString(r.value).id for r in dead] == [poison.id]
    async with service.engine.connect() as connection:
        status = await connection.scalar(select(service.inbox.c.status).where(service.inbox.c.event_id == poison.id))
    assert status == "dead"
    assert service.sample("soma_events_dead_lettered_total", domain="svc", group="svc-consumer", topic=TOPIC) == 1


async def _attempts(service: Service, event_id: str, at_least: int) -> bool:
    async with service.engine.connect() as connection:
        attempts = await connection.scalar(select(service.inbox.c.attempts).where(service.inbox.c.event_id == event_id))
    return attempts is not None and attempts >= at_least


async def test_a_record_that_is_not_an_event_is_dead_lettered_at_once(service: Service) -> None:
    await service.bus.publish([Record(TOPIC, b"\xff\xffnot protobuf", "k"), Record(TOPIC, Event().SerializeToString())])
    await add(service, event("good"))
    await relay(service).relay_once()
    handled: list[str] = []
    c = consumer(service, handled)
    await c.start()
    await eventually(lambda: _sampled(service, "soma_events_handled_total", 1))
    await c.stop()
    assert handled == ["good"]
    assert [r.value for r in await read_topic(service, f"{TOPIC}.dlq", 2)] == [b"\xff\xffnot protobuf", b""]


async def test_consumer_lag_is_exported(service: Service) -> None:
    await add(service, *[event(str(i)) for i in range(3)])
    await relay(service).relay_once()
    c = consumer(service, [])
    await c.start()
    await eventually(lambda: _sampled(service, "soma_events_handled_total", 3))
    await add(service, *[event(str(i)) for i in range(2)])
    await relay(service).relay_once()
    await eventually(lambda: _lag_is(service, 0), within=3.0)  # measured at most once a second
    await c.stop()


async def _lag_is(service: Service, value: float) -> bool:
    labels = {"domain": "svc", "group": "svc-consumer", "topic": TOPIC}
    return service.metrics.registry.get_sample_value("soma_event_consumer_lag", labels) == value


async def test_a_failure_in_the_middle_of_a_batch_keeps_the_events_before_and_after(service: Service) -> None:
    """Events are handled a batch per transaction; a failing one is set apart, the others commit once each."""
    await add(service, event("a"), event("flaky"), event("b"))
    await relay(service).relay_once()
    handled: list[str] = []
    c = consumer(service, handled, fail={"flaky": 1})
    await c.start()
    await eventually(lambda: _sampled(service, "soma_events_handled_total", 3))
    await c.stop()
    assert await service.count(service.effects) == 3
    assert handled.count("flaky") == 1 and handled.index("flaky") < handled.index("b")
    assert service.sample("soma_events_handler_failures_total", domain="svc", group="svc-consumer", topic=TOPIC) == 1


def test_a_consumer_refuses_topics_whose_dead_letter_topic_would_be_illegal(service: Service) -> None:
    with pytest.raises(ValueError, match="illegal topic"):
        EventConsumer(
            service.bus,
            group="g",
            topics=["x" * 247],
            handler=_never,
            engine=service.engine,
            inbox=service.inbox,
            domain="svc",
        )


async def _never(_event: Event, _connection: AsyncConnection) -> None:
    raise AssertionError("not called")


async def _second_outbox(service: Service) -> Table:
    """Another outbox table in the service's database, as the runtime's audit spool is."""
    table = Table("second_outbox", MetaData(), *outbox_columns(), sqlite_autoincrement=True)
    async with service.engine.begin() as connection:
        await connection.run_sync(table.create)
    return table


async def test_one_relay_publishes_every_outbox_table_of_its_database_in_one_call(service: Service) -> None:
    second = await _second_outbox(service)
    domain_events, spooled = [event("d1"), event("d2")], [event("s1"), event("s2"), event("s3")]
    await add(service, *domain_events)
    async with service.engine.begin() as connection:
        await Outbox(second).add_all(connection, [("spooled.things", e, None) for e in spooled])
    published: list[int] = []
    publish = service.bus.publish

    async def counting(records: Any) -> None:
        published.append(len(records))
        await publish(records)

    service.bus.publish = counting  # type: ignore[method-assign]
    r = relay(service)
    r.also(second)
    r.also(second)  # a table is relayed once however often it is named
    assert await r.relay_once() == 5
    assert published == [5]
    assert await service.count(service.outbox_table) == 0 and await service.count(second) == 0
    assert [Event.FromString(x.value).id for x in await read_topic(service, "spooled.things", 3)] == [
        e.id for e in spooled
    ]
    assert [Event.FromString(x.value).id for x in await read_topic(service, TOPIC, 2)] == [e.id for e in domain_events]
    assert await r.relay_once() == 0


async def test_a_failed_publish_of_several_tables_counts_the_attempt_in_each(service: Service) -> None:
    second = await _second_outbox(service)
    await add(service, event("a"))
    async with service.engine.begin() as connection:
        await Outbox(second).add(connection, "spooled.things", event("b"))
    r = relay(service)
    r.also(second)
    backlog, age = await r.measure_backlog()
    assert backlog == 2 and 0.0 <= age < 1.0
    await service.bus.close()
    with pytest.raises(BusError):
        await r.relay_once()
    async with service.engine.connect() as connection:
        for table in (service.outbox_table, second):
            assert (await connection.execute(select(table.c.attempts))).scalars().all() == [1]


async def test_a_lingering_consumer_gathers_what_arrives_while_it_waits_into_one_transaction(service: Service) -> None:
    handled: list[str] = []
    calls: list[tuple[str, AsyncConnection, float]] = []  # the connections are kept alive: no two share an id()
    c = consumer(service, handled, calls=calls, linger=0.4)
    await c.start()
    await add(service, event("first"))
    await relay(service).relay_once()
    await eventually(lambda: _true(len(handled) == 1))
    for text in ("a", "b", "c"):  # three publishes while the consumer lingers
        await add(service, event(text))
        await relay(service).relay_once()
    await eventually(lambda: _true(len(handled) == 4))
    await c.stop()
    assert handled == ["first", "a", "b", "c"]
    at = {text: time for text, _connection, time in calls}
    assert at["a"] - at["first"] >= 0.3
    transactions = [connection for _text, connection, _time in calls]
    assert len({id(t) for t in transactions[1:]}) == 1  # a, b and c: one batch, one transaction
    assert transactions[0] is not transactions[1]


async def _true(value: bool) -> bool:
    return value
