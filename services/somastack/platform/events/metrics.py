"""Prometheus metrics of the event platform: outbox backlog and relay, consumer lag, handling and dead letters."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge


class EventMetrics:
    """The event metrics of one process. Create one per registry and hand it to every relay and consumer."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.outbox_backlog = Gauge(
            "soma_outbox_backlog",
            "Outbox rows committed but not yet acknowledged by the bus.",
            ["domain"],
            registry=self.registry,
        )
        self.outbox_oldest_age = Gauge(
            "soma_outbox_oldest_age_seconds",
            "Age of the oldest unpublished outbox row; 0 when the outbox is empty.",
            ["domain"],
            registry=self.registry,
        )
        self.outbox_published = Counter(
            "soma_outbox_published",
            "Outbox rows the relay published and the bus acknowledged.",
            ["domain"],
            registry=self.registry,
        )
        self.outbox_failures = Counter(
            "soma_outbox_publish_failures",
            "Relay batches the bus did not acknowledge (retried).",
            ["domain"],
            registry=self.registry,
        )
        self.consumer_lag = Gauge(
            "soma_event_consumer_lag",
            "Records on the bus a consumer group has not consumed yet.",
            ["domain", "group", "topic"],
            registry=self.registry,
        )
        self.handled = Counter(
            "soma_events_handled",
            "Events handled, committed together with their inbox row.",
            ["domain", "group", "topic"],
            registry=self.registry,
        )
        self.duplicates = Counter(
            "soma_events_duplicates",
            "Deliveries of events the inbox had already seen (skipped).",
            ["domain", "group", "topic"],
            registry=self.registry,
        )
        self.ignored = Counter(
            "soma_events_ignored",
            "Events the consumer does not act on (its `accepts` said no): committed without an inbox row.",
            ["domain", "group", "topic"],
            registry=self.registry,
        )
        self.handler_failures = Counter(
            "soma_events_handler_failures",
            "Handler attempts that failed (rolled back, retried).",
            ["domain", "group", "topic"],
            registry=self.registry,
        )
        self.dead_lettered = Counter(
            "soma_events_dead_lettered",
            "Events sent to `<topic>.dlq` after max_attempts failures, or unreadable.",
            ["domain", "group", "topic"],
            registry=self.registry,
        )
