"""The event bus port: records, deliveries, the bus and a consumer-group subscription, and their errors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

# Kafka's legal topic names; the embedded log accepts the same so that code moves between engines unchanged.
_TOPIC = re.compile(r"[A-Za-z0-9._-]{1,249}")
_GROUP = re.compile(r"[A-Za-z0-9._:-]{1,200}")


class BusError(Exception):
    """Base of the errors an event bus raises."""


class BusUnavailable(BusError):
    """The bus did not acknowledge (broker down, timeout, lost topic): retry later, nothing was confirmed."""


class BusClosed(BusError):
    """The bus or subscription was closed."""


def validate_topic(topic: str) -> str:
    """Returns `topic` if it is a legal topic name; raises ValueError otherwise."""
    if not _TOPIC.fullmatch(topic) or topic in (".", ".."):
        raise ValueError(f"illegal topic name {topic!r}: 1-249 characters of [A-Za-z0-9._-]")
    return topic


def validate_topics(topics: Sequence[str]) -> None:
    """Checks the topics of a subscription: at least one, each legal; raises ValueError otherwise."""
    if not topics:
        raise ValueError("a subscription needs at least one topic")
    for topic in topics:
        validate_topic(topic)


def validate_group(group: str) -> str:
    """Returns `group` if it is a legal consumer-group name; raises ValueError otherwise."""
    if not _GROUP.fullmatch(group):
        raise ValueError(f"illegal consumer group {group!r}: 1-200 characters of [A-Za-z0-9._:-]")
    return group


@dataclass(frozen=True, slots=True)
class Record:
    """One record to publish. Records with the same key on a topic are delivered in publish order."""

    topic: str
    value: bytes
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """A record handed to one consumer of a group, with its place in the log."""

    record: Record
    partition: int
    offset: int
    #: The adapter's assignment epoch when the record was handed out; commits from an older epoch are dropped
    #: because the partition (or the embedded log's lease) may have moved to another consumer since.
    epoch: int = field(default=0, compare=False)


class Subscription(Protocol):
    """One consumer of a consumer group: at-least-once delivery, progress saved by explicit commits."""

    async def next(self, max_records: int = 500, max_wait: float = 1.0) -> list[Delivery]:
        """The next records, in log order per partition; [] when none arrived within `max_wait` seconds."""
        ...

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        """Records the group's progress through these deliveries (and everything before them in their partition).

        Never raises for a lost assignment: the records are simply delivered again, possibly to another consumer.
        """
        ...

    async def lag(self) -> dict[str, int]:
        """Per topic, how many records this consumer's partitions hold beyond its position (best effort)."""
        ...

    async def close(self) -> None:
        """Leaves the group (its partitions go to the other consumers at once). Idempotent."""
        ...


class EventBus(Protocol):
    """A durable, partitioned, ordered log of records with consumer groups (Kafka, or the embedded SQLite log)."""

    async def publish(self, records: Sequence[Record]) -> None:
        """Appends the records; returns only once the bus has acknowledged every one of them.

        Raises BusUnavailable when that did not happen (some records may still have been written: callers retry,
        consumers deduplicate).
        """
        ...

    async def prepare(self, topics: Sequence[str]) -> None:
        """Does now what the first publish to `topics` would do first (create them, connect the producer), so that
        the first event a service publishes is as fast as the next. Best effort: raises BusUnavailable when the bus
        cannot be reached, and publish() does it anyway when needed."""
        ...

    async def subscribe(self, group: str, topics: Sequence[str]) -> Subscription:
        """Joins consumer group `group` on `topics`. A group new to a topic starts at its earliest record."""
        ...

    async def close(self) -> None:
        """Closes the bus and its subscriptions. Idempotent; later calls raise BusClosed."""
        ...
