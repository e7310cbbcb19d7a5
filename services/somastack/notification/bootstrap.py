"""Composition root of the notification service: migrations, store, consumers of the three topics, the
release and webhook workers, the servicer."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry

from soma.events.v1.envelope_pb2 import Event
from soma.notification.v1 import notification_service_pb2_grpc
from somastack.config import Settings
from somastack.notification.adapters.http_webhook import HttpWebhookSender
from somastack.notification.adapters.mesh_approvers import MeshApprovers
from somastack.notification.adapters.sql_store import DOMAIN, SqlNotificationStore, inbox
from somastack.notification.api import NotificationServicer
from somastack.notification.config import NotificationSettings
from somastack.notification.metrics import NotificationMetrics
from somastack.notification.ports import WebhookSender
from somastack.notification.service import REQUESTS_TOPIC, SESSIONS_TOPIC, SETTINGS_TOPIC, Notifier
from somastack.notification.workers import HeldReleaser, WebhookWorker
from somastack.platform.db import create_engine
from somastack.platform.events import EventConsumer, EventMetrics, Handler, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import mesh_dial
from somastack.registry import ServiceSpec
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.server import Assembly, Registration, run_closers

_log = logging.getLogger(__name__)

#: Consumer groups, one per topic: a poisoned event of one topic holds back only that topic.
REQUESTS_GROUP = "notification-requests"
SESSIONS_GROUP = "notification-sessions"
PREFERENCES_GROUP = "notification-preferences"
#: Attempts of a `sessions.events` event before its dead letter: an approval request whose approvers the identity
#: service must list is retried with backoff (0.1 s doubling to 5 s) for about three minutes, so a restart of
#: identity, or an outage of a minute or two, delays the notifications and loses none.
SESSIONS_MAX_ATTEMPTS = 40


@dataclass
class NotificationDomain:
    """The notification use cases wired to their store, consumers and workers."""

    notifier: Notifier
    store: SqlNotificationStore
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    plumbing: Plumbing = field(default_factory=Plumbing)

    @classmethod
    async def open(
        cls,
        settings: Settings,
        config: NotificationSettings | None = None,
        *,
        events: EventMetrics | None = None,
        metrics: NotificationMetrics | None = None,
        sender: WebhookSender | None = None,
    ) -> NotificationDomain:
        """Migrates, then starts consuming `notifications.events`, `sessions.events` and `settings.changed`."""
        config = config or NotificationSettings()
        secret = config.signing_secret(settings.stage)  # refuses stage prod without a configured secret
        await upgrade_async(settings, DOMAIN)
        engine = create_engine(settings, DOMAIN)
        store = SqlNotificationStore(engine)
        metrics = metrics or NotificationMetrics()
        events = events or EventMetrics()
        approvers = MeshApprovers(mesh_dial(settings, DOMAIN), ServiceToken(settings.service_token_path(DOMAIN)))
        notifier = Notifier(store, metrics=metrics, subscribe_poll=config.subscribe_poll_seconds, approvers=approvers)
        sender = sender or HttpWebhookSender(timeout=config.webhook_timeout_seconds)
        bus = open_bus(settings, client_id=DOMAIN)

        def consumer(
            group: str,
            topic: str,
            handler: Handler,
            accepts: Callable[[Event], bool] | None = None,
            max_attempts: int = 5,
        ) -> EventConsumer:
            return EventConsumer(
                bus,
                group=group,
                topics=[topic],
                handler=handler,
                engine=engine,
                inbox=inbox,
                domain=DOMAIN,
                metrics=events,
                accepts=accepts,
                max_attempts=max_attempts,
            )

        consumers = [
            # Preferences first: a restarted service applies pending preference changes before new notifications.
            consumer(PREFERENCES_GROUP, SETTINGS_TOPIC, notifier.on_settings),
            consumer(REQUESTS_GROUP, REQUESTS_TOPIC, notifier.on_requested),
            # Most session events are steps: only changes to a terminal state and approval steps with unresolved
            # approvers are handled (and remembered).
            consumer(
                SESSIONS_GROUP, SESSIONS_TOPIC, notifier.on_session, Notifier.wants_session, SESSIONS_MAX_ATTEMPTS
            ),
        ]
        releaser = HeldReleaser(notifier, poll=config.release_poll_seconds)
        webhooks = WebhookWorker(
            store,
            sender,
            secret,
            hub=notifier.hub,
            metrics=metrics,
            max_attempts=config.webhook_max_attempts,
            backoff=config.webhook_backoff_seconds,
            max_backoff=config.webhook_max_backoff_seconds,
            timeout=config.webhook_timeout_seconds,
            poll=config.webhook_poll_seconds,
        )
        for worker in (*consumers, releaser, webhooks):
            await worker.start()
        closers: list[Callable[[], Awaitable[None]]] = [c.stop for c in consumers]
        closers += [releaser.stop, webhooks.stop, sender.close, approvers.close, bus.close, engine.dispose]
        return cls(notifier, store, closers, Plumbing(engine, bus))

    async def close(self) -> None:
        await run_closers(self.closers)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    registry = CollectorRegistry()
    domain = await NotificationDomain.open(
        settings, events=EventMetrics(registry), metrics=NotificationMetrics(registry)
    )
    return Assembly(
        registrations=[
            Registration(
                "soma.notification.v1.NotificationService",
                NotificationServicer(domain.notifier),
                notification_service_pb2_grpc.add_NotificationServiceServicer_to_server,
            )
        ],
        closers=[domain.close],
        plumbing=domain.plumbing,
        metrics=registry,
    )
