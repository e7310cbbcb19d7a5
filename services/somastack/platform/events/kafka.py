"""The event bus on Kafka (confluent-kafka): idempotent acks=all producer, topics created on demand, manual commits."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from confluent_kafka import Consumer, KafkaError, KafkaException, Message, Producer, TopicPartition
from confluent_kafka.admin import AdminClient
from confluent_kafka.cimpl import NewTopic

from somastack.platform.events.bus import (
    BusClosed,
    BusUnavailable,
    Delivery,
    Record,
    validate_group,
    validate_topic,
    validate_topics,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

# A consume() call blocks its thread for at most this long, so that close() never waits longer.
_POLL_SLICE = 0.1


class KafkaBus:
    """EventBus on a Kafka cluster. Each bus owns one producer; each subscription one consumer.

    Blocking librdkafka calls run on a single worker thread per producer and per consumer, so a bus is
    safe to use from one event loop. After a publish that was not fully acknowledged the producer is
    thrown away (a broker that lost its state rejects the old idempotent producer id for good) and topics
    are created again on the next publish (a broker that lost its storage lost them too).
    """

    def __init__(
        self,
        bootstrap: str,
        *,
        client_id: str,
        partitions: int = 3,
        replication_factor: int = -1,
        publish_timeout: float = 10.0,
        producer_config: Mapping[str, Any] | None = None,
        consumer_config: Mapping[str, Any] | None = None,
    ) -> None:
        self._bootstrap = bootstrap
        self._client_id = client_id
        self._partitions = partitions
        self._replication_factor = replication_factor  # -1: the broker's default.replication.factor
        self._publish_timeout = publish_timeout
        self._producer_config: dict[str, Any] = {
            "bootstrap.servers": bootstrap,
            "client.id": client_id,
            "enable.idempotence": True,
            "acks": "all",
            "linger.ms": 5,
            "message.timeout.ms": int(publish_timeout * 1000),
            # Topics are created explicitly with our partition count, never implicitly by a metadata request.
            "allow.auto.create.topics": False,
            "reconnect.backoff.max.ms": 1000,
            "logger": log,
            **(producer_config or {}),
        }
        self._consumer_config: dict[str, Any] = {
            "bootstrap.servers": bootstrap,
            "client.id": client_id,
            "enable.auto.commit": False,
            "auto.offset.reset": "earliest",
            # Kafka answers a waiting fetch as soon as data arrives; Tansu only when this expires: keep it short.
            "fetch.wait.max.ms": 10,
            # 6 s is Kafka's minimum session timeout; a lost consumer's partitions move after it.
            "session.timeout.ms": 6000,
            "heartbeat.interval.ms": 1000,
            "reconnect.backoff.max.ms": 1000,
            "logger": log,
            **(consumer_config or {}),
        }
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=f"kafka-{client_id}")
        self._producer: Producer | None = None
        self._topics: set[str] = set()
        self._subscriptions: set[KafkaSubscription] = set()
        self._closed = False

    async def publish(self, records: Sequence[Record]) -> None:
        if self._closed:
            raise BusClosed("the bus is closed")
        if not records:
            return
        for topic in {r.topic for r in records}:
            validate_topic(topic)
        await _run(self._executor, self._publish, records)

    async def prepare(self, topics: Sequence[str]) -> None:
        if self._closed:
            raise BusClosed("the bus is closed")
        for topic in topics:
            validate_topic(topic)
        await _run(self._executor, self._prepare, set(topics))

    async def subscribe(self, group: str, topics: Sequence[str]) -> KafkaSubscription:
        if self._closed:
            raise BusClosed("the bus is closed")
        validate_group(group)
        validate_topics(topics)
        # A consumer of a topic that does not exist yet would see errors until a producer creates it.
        await _run(self._executor, self._ensure_topics, set(topics))
        config = {**self._consumer_config, "group.id": group}
        subscription = KafkaSubscription(config, list(topics), self._subscriptions.discard)
        self._subscriptions.add(subscription)
        return subscription

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for subscription in list(self._subscriptions):
            await subscription.close()
        await _run(self._executor, self._drop_producer, 5.0)
        self._executor.shutdown(wait=False)

    # -- on the worker thread ------------------------------------------------------------------------------------

    def _publish(self, records: Sequence[Record]) -> None:
        self._ensure_topics({r.topic for r in records})
        if self._producer is None:
            self._producer = Producer(self._producer_config)
        producer = self._producer
        failures: list[KafkaError] = []

        def delivered(error: KafkaError | None, _message: Message) -> None:
            if error is not None:
                failures.append(error)

        by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in records:
            by_topic[r.topic].append({"value": r.value, "key": r.key})
        try:
            for topic, messages in by_topic.items():
                _produce_all(producer, topic, messages, delivered)
        except KafkaException as exc:
            self._drop_producer(0)
            raise BusUnavailable(f"produce failed: {exc}") from exc
        remaining = producer.flush(self._publish_timeout)
        if remaining or failures:
            self._drop_producer(0)
            reason = failures[0].str() if failures else f"{remaining} records unacknowledged"
            raise BusUnavailable(f"{len(failures) + remaining} of {len(records)} records not acknowledged: {reason}")

    def _prepare(self, topics: set[str]) -> None:
        """Creates the topics and the producer, which then connects and gets its idempotent producer id in the
        background: a first publish otherwise pays for both (half a second on a fresh broker)."""
        self._ensure_topics(topics)
        if self._producer is None:
            self._producer = Producer(self._producer_config)
        self._producer.poll(0)

    def _ensure_topics(self, topics: set[str]) -> None:
        missing = sorted(topics - self._topics)
        if not missing:
            return
        # A short-lived admin client: it is needed once per topic, and an idle one would queue its logs forever.
        config: dict[str, Any] = {"bootstrap.servers": self._bootstrap, "client.id": self._client_id, "logger": log}
        admin = AdminClient(config)
        new = [
            NewTopic(t, num_partitions=self._partitions, replication_factor=self._replication_factor) for t in missing
        ]
        try:
            futures = admin.create_topics(
                new, request_timeout=self._publish_timeout, operation_timeout=self._publish_timeout
            )
            for topic, future in futures.items():
                try:
                    future.result()
                except KafkaException as exc:
                    error: KafkaError = exc.args[0]
                    if error.code() != KafkaError.TOPIC_ALREADY_EXISTS:
                        raise BusUnavailable(f"cannot create topic {topic!r}: {error.str()}") from exc
                self._topics.add(topic)
        finally:
            admin.poll(0)  # serves its queued log lines

    def _drop_producer(self, timeout: float) -> None:
        producer, self._producer = self._producer, None
        self._topics.clear()
        if producer is not None:
            if producer.flush(timeout):
                producer.purge()
                producer.flush(0)


def _produce_all(
    producer: Producer,
    topic: str,
    messages: list[dict[str, Any]],
    delivered: Callable[[KafkaError | None, Message], None],
) -> None:
    """Queues the messages of one topic in one call; fails if the local queue could not take them all."""
    producer.produce_batch(topic, messages, on_delivery=delivered)
    # produce_batch marks the messages it could not queue (the local queue is full) instead of raising.
    rejected = [m["_error"] for m in messages if "_error" in m]
    if rejected:
        raise KafkaException(rejected[0])


class KafkaSubscription:
    """One member of a Kafka consumer group, committing explicit offsets synchronously."""

    def __init__(
        self, config: dict[str, Any], topics: list[str], on_close: Callable[[KafkaSubscription], None]
    ) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=f"kafka-{config['group.id']}")
        self._consumer = Consumer(config)
        self._epoch = 0
        self._on_close = on_close
        self._closed = False
        self._consumer.subscribe(
            topics, on_assign=self._rebalanced, on_revoke=self._rebalanced, on_lost=self._rebalanced
        )

    def _rebalanced(self, _consumer: Consumer, _partitions: list[TopicPartition]) -> None:
        # Called on the worker thread from inside consume(); deliveries handed out before are now stale.
        self._epoch += 1

    async def next(self, max_records: int = 500, max_wait: float = 1.0) -> list[Delivery]:
        max_records = max(1, min(max_records, 100_000))
        deadline = time.monotonic() + max_wait
        while True:
            if self._closed:
                raise BusClosed("the subscription is closed")
            slice_ = max(0.0, min(_POLL_SLICE, deadline - time.monotonic()))
            deliveries = await _run(self._executor, self._consume, max_records, slice_)
            if deliveries or time.monotonic() >= deadline:
                return deliveries

    def _consume(self, max_records: int, timeout: float) -> list[Delivery]:
        # consume() waits for a full batch or the timeout: take what is ready, else wait for the first record only.
        messages = self._consumer.consume(max_records, 0)
        if not messages:
            first = self._consumer.poll(timeout)
            rest = self._consumer.consume(max_records - 1, 0) if first is not None and max_records > 1 else []
            messages = [first, *rest] if first is not None else []
        deliveries = []
        for message in messages:
            error = message.error()
            if error is not None:
                # Mostly a topic missing from a broker that lost it: the consumer recovers once it is back.
                log.debug("consumer error: %s", error)
                continue
            topic, partition, offset = message.topic(), message.partition(), message.offset()
            assert topic is not None and partition is not None and offset is not None
            key = message.key()
            record = Record(topic, message.value() or b"", key.decode() if key is not None else None)
            deliveries.append(Delivery(record, partition, offset, self._epoch))
        return deliveries

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        if self._closed:
            raise BusClosed("the subscription is closed")
        if deliveries:
            await _run(self._executor, self._commit, deliveries)

    def _commit(self, deliveries: Sequence[Delivery]) -> None:
        latest: dict[tuple[str, int], int] = {}
        for d in deliveries:
            if d.epoch == self._epoch:
                place = (d.record.topic, d.partition)
                latest[place] = max(latest.get(place, -1), d.offset)
        if not latest:
            return
        try:
            self._consumer.commit(
                offsets=[TopicPartition(t, p, o + 1) for (t, p), o in latest.items()], asynchronous=False
            )
        except KafkaException as exc:
            log.warning("commit failed, the records will be delivered again: %s", exc.args[0])

    async def lag(self) -> dict[str, int]:
        if self._closed:
            raise BusClosed("the subscription is closed")
        return await _run(self._executor, self._lag)

    def _lag(self) -> dict[str, int]:
        lag: dict[str, int] = defaultdict(int)
        assigned = self._consumer.assignment()
        if not assigned:
            return {}
        for place in self._consumer.position(assigned):
            try:
                _low, high = self._consumer.get_watermark_offsets(place, cached=True)
            except KafkaException:
                continue
            if high >= 0 and place.offset >= 0:
                lag[place.topic] += max(high - place.offset, 0)
        return dict(lag)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._on_close(self)
        await _run(self._executor, self._consumer.close)
        self._executor.shutdown(wait=False)


async def _run(executor: ThreadPoolExecutor, fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(executor, fn, *args)
