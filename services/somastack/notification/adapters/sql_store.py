"""NotificationStore on SQLAlchemy Core (SQLite or PostgreSQL): notifications, the preferences projection,
webhook deliveries and the event inbox, in one database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from somastack.notification.model import (
    DeliveryState,
    Notification,
    Preferences,
    QuietHours,
    Severity,
    WebhookDelivery,
)
from somastack.platform.db import DIALECTS, dialect_insert
from somastack.platform.events import inbox_table
from somastack.platform.sql_uow import after_commit, connection_of
from somastack.platform.uow import Transaction

DOMAIN = "notification"

metadata = MetaData()

notifications = Table(
    "notifications",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("user_id", String(63), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("severity", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("topic", String(128), nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("ack_at", Float, nullable=True),
    Column("delivered_at", Float, nullable=True),
    #: For HELD ones: when to look again (the end of the quiet hours, or now after the preferences changed).
    Column("release_at", Float, nullable=True),
    Column("event_id", String(64), nullable=False),
)
Index("notifications_by_user", notifications.c.tenant_id, notifications.c.user_id, notifications.c.created_at)
Index(
    "notifications_delivered",
    notifications.c.tenant_id,
    notifications.c.user_id,
    notifications.c.state,
    notifications.c.delivered_at,
)
Index("notifications_held", notifications.c.state, notifications.c.release_at)

#: The projection of each user's NotificationPreferences, from `settings.changed`; no row means the defaults.
preferences = Table(
    "notification_preferences",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("user_id", String(63), primary_key=True),
    Column("minimum_severity", Integer, nullable=False),
    Column("quiet_time_zone", String(64), nullable=False, server_default=""),
    Column("quiet_start", Integer, nullable=True),
    Column("quiet_end", Integer, nullable=True),
    Column("in_app", Boolean, nullable=False),
    Column("webhook_url", Text, nullable=False, server_default=""),
    Column("updated_at", Float, nullable=False),
)

#: Durable webhook deliveries: one row per delivered notification of a user with a webhook URL.
webhooks = Table(
    "notification_webhooks",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("user_id", String(63), primary_key=True),
    Column("notification_id", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("event_id", String(64), nullable=False),
    #: `pending` (to send at next_attempt_at), `delivered`, or `failed` (out of attempts).
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", Float, nullable=False),
    Column("last_error", Text, nullable=False, server_default=""),
    Column("delivered_at", Float, nullable=True),
    Column("created_at", Float, nullable=False),
)
Index("notification_webhooks_due", webhooks.c.status, webhooks.c.next_attempt_at)

inbox = inbox_table(metadata)

PENDING, SENT, FAILED = "pending", "delivered", "failed"


# What the event handlers run for every event, built once (per dialect where the SQL differs): building a
# statement per call, with its values inlined, costs SQLAlchemy more than running it.
_PREFERENCES = select(preferences).where(
    preferences.c.tenant_id == bindparam("tenant"), preferences.c.user_id == bindparam("user")
)
_ADD = {
    dialect: dialect_insert(dialect, notifications).on_conflict_do_nothing(
        index_elements=[notifications.c.tenant_id, notifications.c.user_id, notifications.c.id]
    )
    for dialect in DIALECTS
}


def _notification(row: Any) -> Notification:
    return Notification(
        tenant=row.tenant_id,
        user=row.user_id,
        id=row.id,
        severity=Severity(row.severity),
        title=row.title,
        body=row.body,
        subject=row.subject,
        topic=row.topic,
        state=DeliveryState(row.state),
        created_at=row.created_at,
        event_id=row.event_id,
        ack_at=row.ack_at,
        delivered_at=row.delivered_at,
    )


def _key(tenant: str, user: str, notification_id: str) -> tuple[Any, ...]:
    c = notifications.c
    return (c.tenant_id == tenant, c.user_id == user, c.id == notification_id)


class SqlNotificationStore:
    """The NotificationStore port. Methods taking a `tx` run inside the caller's transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @asynccontextmanager
    async def begin(self) -> AsyncIterator[AsyncConnection]:
        """The port's unit of work: a transaction is a connection inside `engine.begin()`."""
        async with self._engine.begin() as connection:
            yield connection

    #: `begin` by its SQL name, for callers that want the connection itself.
    transaction = begin

    def after_commit(self, tx: Transaction, callback: Callable[[], None]) -> None:
        after_commit(tx, callback)

    # Preferences projection ---------------------------------------------------------------------------------

    async def preferences(self, tx: Transaction, tenant: str, user: str) -> Preferences:
        connection = connection_of(tx)
        row = (await connection.execute(_PREFERENCES, {"tenant": tenant, "user": user})).first()
        if row is None:
            return Preferences()
        quiet = None
        if row.quiet_time_zone and row.quiet_start is not None and row.quiet_end is not None:
            quiet = QuietHours(row.quiet_time_zone, row.quiet_start, row.quiet_end)
        return Preferences(Severity(row.minimum_severity), quiet, row.in_app, row.webhook_url, row.updated_at)

    async def save_preferences(self, tx: Transaction, tenant: str, user: str, value: Preferences | None) -> bool:
        """Stores the user's preferences (None: back to the defaults); an older version than the stored one is
        ignored. Returns whether anything changed."""
        connection = connection_of(tx)
        c = preferences.c
        if value is None:
            result = await connection.execute(delete(preferences).where(c.tenant_id == tenant, c.user_id == user))
            return bool(result.rowcount)
        quiet = value.quiet_hours
        values = {
            "minimum_severity": int(value.minimum_severity),
            "quiet_time_zone": quiet.time_zone if quiet else "",
            "quiet_start": quiet.start if quiet else None,
            "quiet_end": quiet.end if quiet else None,
            "in_app": value.in_app,
            "webhook_url": value.webhook_url,
            "updated_at": value.updated_at,
        }
        statement = dialect_insert(connection.dialect.name, preferences)
        statement = statement.values(tenant_id=tenant, user_id=user, **values)
        statement = statement.on_conflict_do_update(
            index_elements=[c.tenant_id, c.user_id], set_=values, where=c.updated_at <= value.updated_at
        )
        return bool((await connection.execute(statement)).rowcount)

    # Notifications ------------------------------------------------------------------------------------------

    async def add(self, tx: Transaction, notification: Notification, release_at: float | None) -> bool:
        """Inserts it; False when it exists already (the same event handled twice)."""
        connection = connection_of(tx)
        n = notification
        values = {
            "tenant_id": n.tenant,
            "user_id": n.user,
            "id": n.id,
            "severity": int(n.severity),
            "title": n.title,
            "body": n.body,
            "subject": n.subject,
            "topic": n.topic,
            "state": n.state.value,
            "created_at": n.created_at,
            "ack_at": n.ack_at,
            "delivered_at": n.delivered_at,
            "release_at": release_at,
            "event_id": n.event_id,
        }
        return bool((await connection.execute(_ADD[connection.dialect.name], values)).rowcount)

    async def get(self, tenant: str, user: str, notification_id: str) -> Notification | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(notifications).where(*_key(tenant, user, notification_id)))).first()
        return _notification(row) if row is not None else None

    async def ack(self, tenant: str, user: str, notification_id: str, at: float) -> Notification | None:
        """Sets the ack time unless it is set already (the first ack wins); None when it does not exist."""
        key = _key(tenant, user, notification_id)
        async with self._engine.begin() as connection:
            await connection.execute(
                update(notifications).where(*key, notifications.c.ack_at.is_(None)).values(ack_at=at)
            )
            row = (await connection.execute(select(notifications).where(*key))).first()
        return _notification(row) if row is not None else None

    async def page(
        self,
        tenant: str,
        user: str,
        *,
        before: tuple[float, str] | None,
        limit: int,
        unacked_only: bool,
        minimum_severity: Severity,
    ) -> list[Notification]:
        """Newest first (by create time, then id), strictly after the `before` key when given."""
        c = notifications.c
        query = select(notifications).where(c.tenant_id == tenant, c.user_id == user)
        if before is not None:
            created, last_id = before
            query = query.where(or_(c.created_at < created, and_(c.created_at == created, c.id < last_id)))
        if unacked_only:
            query = query.where(c.ack_at.is_(None))
        if minimum_severity:
            query = query.where(c.severity >= int(minimum_severity))
        query = query.order_by(c.created_at.desc(), c.id.desc()).limit(limit)
        async with self._engine.connect() as connection:
            return [_notification(row) for row in await connection.execute(query)]

    async def delivered(self, tenant: str, user: str, *, since: float | None, limit: int) -> list[Notification]:
        """The user's unacked DELIVERED notifications, oldest delivery first; delivered at or after `since`."""
        c = notifications.c
        query = select(notifications).where(
            c.tenant_id == tenant, c.user_id == user, c.state == DeliveryState.DELIVERED.value, c.ack_at.is_(None)
        )
        if since is not None:
            query = query.where(c.delivered_at >= since)
        query = query.order_by(c.delivered_at, c.created_at, c.id).limit(limit)
        async with self._engine.connect() as connection:
            return [_notification(row) for row in await connection.execute(query)]

    async def due_held(self, now: float, limit: int) -> list[Notification]:
        """HELD notifications whose release time has come, oldest first."""
        c = notifications.c
        query = (
            select(notifications)
            .where(c.state == DeliveryState.HELD.value, c.release_at <= now)
            .order_by(c.release_at, c.created_at)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_notification(row) for row in await connection.execute(query)]

    async def next_held_release(self) -> float | None:
        """The earliest release time of a HELD notification; None when none is held."""
        c = notifications.c
        query = select(func.min(c.release_at)).where(c.state == DeliveryState.HELD.value)
        async with self._engine.connect() as connection:
            return await connection.scalar(query)  # type: ignore[no-any-return]

    async def recheck_held(self, tx: Transaction, tenant: str, user: str, at: float) -> int:
        """Makes the user's HELD notifications due at `at` (their preferences changed: decide again)."""
        connection = connection_of(tx)
        c = notifications.c
        result = await connection.execute(
            update(notifications)
            .where(c.tenant_id == tenant, c.user_id == user, c.state == DeliveryState.HELD.value)
            .values(release_at=at)
        )
        return int(result.rowcount)

    async def settle_held(
        self,
        tx: Transaction,
        notification: Notification,
        state: DeliveryState,
        *,
        delivered_at: float | None,
        release_at: float | None,
    ) -> bool:
        """Moves a HELD notification to `state`; False when it is not HELD any more (another worker did it)."""
        connection = connection_of(tx)
        result = await connection.execute(
            update(notifications)
            .where(
                *_key(notification.tenant, notification.user, notification.id),
                notifications.c.state == DeliveryState.HELD.value,
            )
            .values(state=state.value, delivered_at=delivered_at, release_at=release_at)
        )
        return bool(result.rowcount)

    # Webhook deliveries -------------------------------------------------------------------------------------

    async def enqueue_webhook(self, tx: Transaction, delivery: WebhookDelivery, now: float) -> None:
        connection = connection_of(tx)
        d = delivery
        statement = dialect_insert(connection.dialect.name, webhooks).values(
            tenant_id=d.tenant,
            user_id=d.user,
            notification_id=d.notification_id,
            url=d.url,
            body=d.body,
            event_id=d.event_id,
            status=PENDING,
            attempts=d.attempts,
            next_attempt_at=d.next_attempt_at,
            last_error="",
            delivered_at=None,
            created_at=now,
        )
        c = webhooks.c
        await connection.execute(
            statement.on_conflict_do_nothing(index_elements=[c.tenant_id, c.user_id, c.notification_id])
        )

    async def due_webhooks(self, now: float, limit: int) -> list[WebhookDelivery]:
        c = webhooks.c
        query = (
            select(webhooks)
            .where(c.status == PENDING, c.next_attempt_at <= now)
            .order_by(c.next_attempt_at, c.created_at)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [
                WebhookDelivery(
                    row.tenant_id,
                    row.user_id,
                    row.notification_id,
                    row.url,
                    row.body,
                    row.event_id,
                    row.attempts,
                    row.next_attempt_at,
                )
                for row in await connection.execute(query)
            ]

    async def next_webhook_attempt(self) -> float | None:
        """When the earliest pending delivery is due (or its lease ends); None when none is pending."""
        c = webhooks.c
        query = select(func.min(c.next_attempt_at)).where(c.status == PENDING)
        async with self._engine.connect() as connection:
            return await connection.scalar(query)  # type: ignore[no-any-return]

    def _delivery_key(self, d: WebhookDelivery) -> Sequence[Any]:
        c = webhooks.c
        return (c.tenant_id == d.tenant, c.user_id == d.user, c.notification_id == d.notification_id)

    async def claim_webhook(self, delivery: WebhookDelivery, *, until: float) -> bool:
        """Leases a due delivery until `until` (a worker that dies mid-POST lets it come due again)."""
        c = webhooks.c
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(webhooks)
                .where(*self._delivery_key(delivery), c.status == PENDING)
                .where(c.next_attempt_at == delivery.next_attempt_at)
                .values(next_attempt_at=until)
            )
        return bool(result.rowcount)

    async def webhook_sent(self, delivery: WebhookDelivery, *, attempts: int, at: float) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(webhooks)
                .where(*self._delivery_key(delivery))
                .values(status=SENT, attempts=attempts, delivered_at=at, last_error="")
            )

    async def webhook_failed(
        self, delivery: WebhookDelivery, *, attempts: int, error: str, retry_at: float | None
    ) -> None:
        """Records a failed attempt: due again at `retry_at`, or given up (`failed`) when it is None."""
        values: dict[str, Any] = {"attempts": attempts, "last_error": error[:2000]}
        if retry_at is None:
            values["status"] = FAILED
        else:
            values["next_attempt_at"] = retry_at
        async with self._engine.begin() as connection:
            await connection.execute(update(webhooks).where(*self._delivery_key(delivery)).values(**values))

    async def webhook_status(self, tenant: str, user: str, notification_id: str) -> dict[str, Any] | None:
        """The delivery row of a notification, for operators and tests."""
        c = webhooks.c
        query = select(webhooks).where(c.tenant_id == tenant, c.user_id == user, c.notification_id == notification_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return dict(row._mapping) if row is not None else None
