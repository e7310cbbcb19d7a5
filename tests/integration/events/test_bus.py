"""One behavioural suite for every EventBus adapter: the embedded SQLite log and Kafka (a real Tansu broker)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import defaultdict

import pytest

from somastack.platform.events import BusClosed, Delivery, EventBus, Record, Subscription
from tests.integration.events.conftest import BusFactory


def unique(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}"


async def collect(subscription: Subscription, count: int, within: float = 20.0, commit: bool = False) -> list[Delivery]:
    """Deliveries until `count` arrived (or `within` seconds passed), committing each batch if asked."""
    deliveries: list[Delivery] = []
    deadline = time.monotonic() + within
    while len(deliveries) < count and time.monotonic() < deadline:
        batch = await subscription.next(max_records=count - len(deliveries), max_wait=0.2)
        if commit and batch:
            await subscription.commit(batch)
        deliveries.extend(batch)
    return deliveries


def values(deliveries: list[Delivery]) -> list[bytes]:
    return [d.record.value for d in deliveries]


async def test_records_arrive_in_publish_order_per_key(open_test_bus: BusFactory) -> None:
    bus = open_test_bus()
    topic = unique("orders")
    records = [Record(topic, f"{key}-{i}".encode(), key) for i in range(10) for key in ("a", "b", "c")]
    await bus.publish(records[:15])
    await bus.publish(records[15:])
    subscription = await bus.subscribe(unique("g"), [topic])
    got = await collect(subscription, 30)
    assert sorted(values(got)) == sorted(r.value for r in records)
    for key in ("a", "b", "c"):
        mine = [d for d in got if d.record.key == key]
        assert values(mine) == [f"{key}-{i}".encode() for i in range(10)]
        assert [d.offset for d in mine] == sorted(d.offset for d in mine)
        assert len({d.partition for d in mine}) == 1, "one key lives in one partition"


async def test_every_group_gets_every_record(open_test_bus: BusFactory) -> None:
    bus = open_test_bus()
    topic = unique("fanout")
    await bus.publish([Record(topic, str(i).encode(), str(i)) for i in range(20)])
    first, second = await bus.subscribe(unique("g1"), [topic]), await bus.subscribe(unique("g2"), [topic])
    got_first, got_second = await asyncio.gather(collect(first, 20), collect(second, 20))
    assert sorted(values(got_first)) == sorted(values(got_second)) == sorted(str(i).encode() for i in range(20))


async def test_a_group_hands_each_record_to_one_consumer(open_test_bus: BusFactory) -> None:
    """Kafka splits partitions between the members; the embedded log gives a topic to one lease holder at a time."""
    bus = open_test_bus()
    topic, group = unique("shared"), unique("g")
    members = [await bus.subscribe(group, [topic]) for _ in range(2)]
    # Let the group settle (both joined, partitions assigned) before anything is published.
    settle = 3.0 if "Kafka" in type(bus).__name__ else 0.3
    await asyncio.gather(*(collect(m, 1, within=settle) for m in members))
    await bus.publish([Record(topic, str(i).encode(), f"k{i}") for i in range(40)])
    received: list[list[Delivery]] = [[], []]

    async def drain(member: Subscription, into: list[Delivery], within: float, until: int) -> None:
        deadline = time.monotonic() + within
        while sum(map(len, received)) < until and time.monotonic() < deadline:
            into.extend(await collect(member, 40, within=0.2, commit=True))

    await asyncio.gather(*(drain(m, r, 10.0, 40) for m, r in zip(members, received, strict=True)))
    # Then listen a little longer: nothing more may come to either.
    await asyncio.gather(*(drain(m, r, 0.6, 41) for m, r in zip(members, received, strict=True)))
    first, second = received
    assert sorted(values(first) + values(second)) == sorted(str(i).encode() for i in range(40))
    assert not set(values(first)) & set(values(second)), "a record went to two consumers"


async def test_commits_survive_reopening_and_uncommitted_records_come_again(open_test_bus: BusFactory) -> None:
    topic, group = unique("resume"), unique("g")
    bus = open_test_bus()
    await bus.publish([Record(topic, str(i).encode(), "same-key") for i in range(10)])
    subscription = await bus.subscribe(group, [topic])
    got = await collect(subscription, 10)
    assert values(got) == [str(i).encode() for i in range(10)]
    await subscription.commit(got[:4])
    await bus.close()

    reopened = open_test_bus()
    subscription = await reopened.subscribe(group, [topic])
    again = await collect(subscription, 6)
    assert values(again) == [str(i).encode() for i in range(4, 10)]
    await subscription.commit(again)
    await subscription.close()

    subscription = await reopened.subscribe(group, [topic])
    assert await collect(subscription, 1, within=2.0) == []


async def test_many_records(open_test_bus: BusFactory) -> None:
    bus = open_test_bus()
    topic = unique("many")
    keys = [f"k{k}" for k in range(5)]
    records = [Record(topic, f"{i:05d}".encode() + b"x" * 200, keys[i % 5]) for i in range(5000)]
    for start in range(0, len(records), 500):
        await bus.publish(records[start : start + 500])
    got = await collect(await bus.subscribe(unique("g"), [topic]), 5000, within=30.0)
    assert len(got) == 5000
    by_key: dict[str | None, list[bytes]] = defaultdict(list)
    for d in got:
        by_key[d.record.key].append(d.record.value)
    for key in keys:
        assert by_key[key] == [r.value for r in records if r.key == key]


async def test_a_topic_nobody_published_to_yet_can_be_subscribed(open_test_bus: BusFactory) -> None:
    bus = open_test_bus()
    topic = unique("later")
    subscription = await bus.subscribe(unique("g"), [topic])
    assert await subscription.next(max_wait=0.3) == []
    await bus.publish([Record(topic, b"first")])
    assert values(await collect(subscription, 1)) == [b"first"]


@pytest.mark.parametrize("topic", ["", "has space", "x" * 250, "..", "slash/topic"])
async def test_illegal_topic_names_are_refused(open_test_bus: BusFactory, topic: str) -> None:
    bus = open_test_bus()
    with pytest.raises(ValueError, match="illegal topic"):
        await bus.publish([Record(topic, b"x")])
    with pytest.raises(ValueError, match="illegal topic"):
        await bus.subscribe("g", [topic])


async def test_a_subscription_needs_a_topic_and_a_legal_group(open_test_bus: BusFactory) -> None:
    bus = open_test_bus()
    with pytest.raises(ValueError, match="at least one topic"):
        await bus.subscribe("g", [])
    with pytest.raises(ValueError, match="illegal consumer group"):
        await bus.subscribe("no spaces", ["t"])


async def test_close_semantics(open_test_bus: BusFactory) -> None:
    bus = open_test_bus()
    topic = unique("close")
    await bus.publish([Record(topic, b"x")])
    left = await bus.subscribe(unique("g"), [topic])
    await left.close()
    await left.close()  # idempotent
    with pytest.raises(BusClosed):
        await left.next(max_wait=0.1)
    kept = await bus.subscribe(unique("g"), [topic])
    assert values(await collect(kept, 1)) == [b"x"]
    await bus.close()
    await bus.close()  # idempotent
    with pytest.raises(BusClosed):
        await kept.next(max_wait=0.1)  # the bus closed its subscriptions
    with pytest.raises(BusClosed):
        await bus.publish([Record(topic, b"y")])
    with pytest.raises(BusClosed):
        await bus.subscribe("g", [topic])


async def test_lag_counts_what_the_group_has_not_consumed(open_test_bus: BusFactory) -> None:
    bus: EventBus = open_test_bus()
    topic = unique("lag")
    subscription = await bus.subscribe(unique("g"), [topic])
    for i in range(5):  # one publish per record: Tansu reports the high watermark per batch
        await bus.publish([Record(topic, str(i).encode(), "k")])
    got = await collect(subscription, 5)
    await subscription.commit(got)
    assert (await subscription.lag()).get(topic, 0) == 0
