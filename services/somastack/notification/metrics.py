"""Prometheus metrics of the notification service, on the registry its `/metrics` endpoint serves."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge


class NotificationMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.stored = Counter(
            "soma_notifications_stored_total",
            "Notifications stored, by the delivery state they got",
            ["state"],
            registry=self.registry,
        )
        self.released = Counter(
            "soma_notifications_released_total",
            "Held notifications delivered (or suppressed) once the quiet hours ended or the preferences changed",
            ["state"],
            registry=self.registry,
        )
        self.dropped = Counter(
            "soma_notifications_dropped_total",
            "Events that asked for a notification and were dropped, by why",
            ["reason"],
            registry=self.registry,
        )
        self.webhook_attempts = Counter(
            "soma_notification_webhook_attempts_total", "Webhook POSTs attempted", registry=self.registry
        )
        self.webhook_failures = Counter(
            "soma_notification_webhook_failures_total", "Webhook POSTs that failed", registry=self.registry
        )
        self.webhook_abandoned = Counter(
            "soma_notification_webhook_abandoned_total",
            "Webhook deliveries given up after their last attempt",
            registry=self.registry,
        )
        self.subscribers = Gauge(
            "soma_notification_subscribers", "Open Subscribe streams in this process", registry=self.registry
        )
