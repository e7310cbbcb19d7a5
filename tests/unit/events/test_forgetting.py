"""`forgetting_consumer`: a cache forgets once per new event, on a real SQLite inbox and the embedded log."""

from __future__ import annotations

from google.protobuf.message import Message
from google.protobuf.wrappers_pb2 import Int64Value, StringValue

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.events import Forget, OutboxRelay, Record, forgetting_consumer, new_event
from tests.unit.events.helpers import Service, eventually

TOPIC = "things.changed"
GROUP = "svc-cache"


def changed(text: str) -> Event:
    return new_event(type="soma.test.v1.Changed", source="//test.soma", tenant="acme", payload=StringValue(value=text))


async def publish(service: Service, *events: Event) -> None:
    async with service.engine.begin() as connection:
        for e in events:
            await service.outbox.add(connection, TOPIC, e)
    await OutboxRelay(service.engine, service.outbox_table, service.bus, domain="svc").relay_once()


async def consume(service: Service, forget: Forget, settled: int, payload: type[Message] | None = None) -> None:
    """Runs a forgetting consumer until `settled` events are handled (or seen again), then stops it."""
    consumer = forgetting_consumer(
        service.bus,
        group=GROUP,
        topic=TOPIC,
        forget=forget,
        engine=service.engine,
        inbox=service.inbox,
        domain="svc",
        payload=payload,
        metrics=service.metrics,
    )
    await consumer.start()

    async def done() -> bool:
        labels = {"domain": "svc", "group": GROUP, "topic": TOPIC}
        seen = service.sample("soma_events_handled_total", **labels)
        return seen + service.sample("soma_events_duplicates_total", **labels) >= settled

    await eventually(done)
    await consumer.stop()


async def test_a_plain_forget_runs_once_per_event_whatever_its_payload_and_however_often_delivered(
    service: Service,
) -> None:
    events = [changed("a"), new_event(type="soma.test.v1.Counted", source="//t", tenant="acme", payload=Int64Value())]
    await publish(service, *events)
    # A redelivery, as after a relay that died between publish and delete: the inbox skips it.
    await service.bus.publish([Record(TOPIC, events[0].SerializeToString(), "acme")])
    calls: list[None] = []
    await consume(service, lambda: calls.append(None), settled=3)
    assert len(calls) == 2
    assert await service.count(service.inbox) == 2


async def test_with_a_payload_type_only_its_events_make_an_async_forget_run(service: Service) -> None:
    other = new_event(type="soma.test.v1.Counted", source="//test.soma", tenant="acme", payload=Int64Value(value=1))
    await publish(service, changed("a"), other, changed("b"))
    calls: list[None] = []

    async def forget() -> None:
        calls.append(None)

    await consume(service, forget, settled=3, payload=StringValue)
    assert len(calls) == 2
    assert await service.count(service.inbox) == 3  # the other payload is handled (remembered), not acted on


async def test_a_failing_forget_is_retried(service: Service) -> None:
    await publish(service, changed("a"))
    failures = [RuntimeError("the cache is down")]
    calls: list[None] = []

    async def forget() -> None:
        if failures:
            raise failures.pop()
        calls.append(None)

    await consume(service, forget, settled=1, payload=StringValue)
    assert calls == [None]
    assert service.sample("soma_events_handler_failures_total", domain="svc", group=GROUP, topic=TOPIC) == 1
