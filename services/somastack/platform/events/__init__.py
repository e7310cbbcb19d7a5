"""The event platform: envelope, bus (Kafka or the embedded SQLite log), transactional outbox and inbox consumers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from somastack.config import Settings
from somastack.platform.events.bus import (
    BusClosed,
    BusError,
    BusUnavailable,
    Delivery,
    EventBus,
    Record,
    Subscription,
)
from somastack.platform.events.consumer import EventConsumer, Handler
from somastack.platform.events.embedded import EmbeddedLogBus
from somastack.platform.events.envelope import new_event, payload_of, stamp
from somastack.platform.events.forgetting import Forget, forgetting_consumer
from somastack.platform.events.metrics import EventMetrics
from somastack.platform.events.outbox import Outbox, OutboxRelay
from somastack.platform.events.tables import inbox_table, outbox_table

if TYPE_CHECKING:  # confluent-kafka is imported when a Kafka bus is configured, not by every service
    from somastack.platform.events.kafka import KafkaBus

EVENT_LOG_FILE = "events.db"


def __getattr__(name: str) -> Any:
    if name == "KafkaBus":
        from somastack.platform.events.kafka import KafkaBus

        return KafkaBus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_bus(settings: Settings, *, client_id: str) -> EventBus:
    """Kafka when `settings.kafka_bootstrap` is set, else the embedded log `<data_dir>/events.db` shared by the mesh."""
    if settings.kafka_bootstrap:
        from somastack.platform.events.kafka import KafkaBus

        return KafkaBus(settings.kafka_bootstrap, client_id=client_id)
    return EmbeddedLogBus(settings.data_dir / EVENT_LOG_FILE)


__all__ = [
    "BusClosed",
    "BusError",
    "BusUnavailable",
    "Delivery",
    "EmbeddedLogBus",
    "EventBus",
    "EventConsumer",
    "EventMetrics",
    "Forget",
    "Handler",
    "KafkaBus",
    "Outbox",
    "OutboxRelay",
    "Record",
    "Subscription",
    "forgetting_consumer",
    "inbox_table",
    "new_event",
    "open_bus",
    "outbox_table",
    "payload_of",
    "stamp",
]
