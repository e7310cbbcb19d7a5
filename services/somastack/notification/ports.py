"""Ports of the notification service: the store of notifications, preferences and webhook deliveries; the
webhook transport; the directory of approvers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from somastack.notification.model import DeliveryState, Notification, Preferences, Severity, WebhookDelivery
from somastack.platform.uow import Transaction, UnitOfWork


class NotificationStore(UnitOfWork, Protocol):
    """Durable state. Methods taking a `tx` run in the caller's transaction (the event consumer's, so a
    notification and the inbox row of its event commit together; or one the caller opened with `begin()`)."""

    async def preferences(self, tx: Transaction, tenant: str, user: str) -> Preferences: ...

    async def save_preferences(self, tx: Transaction, tenant: str, user: str, value: Preferences | None) -> bool: ...

    async def add(self, tx: Transaction, notification: Notification, release_at: float | None) -> bool: ...

    async def get(self, tenant: str, user: str, notification_id: str) -> Notification | None: ...

    async def ack(self, tenant: str, user: str, notification_id: str, at: float) -> Notification | None: ...

    async def page(
        self,
        tenant: str,
        user: str,
        *,
        before: tuple[float, str] | None,
        limit: int,
        unacked_only: bool,
        minimum_severity: Severity,
    ) -> list[Notification]: ...

    async def delivered(self, tenant: str, user: str, *, since: float | None, limit: int) -> list[Notification]: ...

    async def due_held(self, now: float, limit: int) -> list[Notification]: ...

    async def next_held_release(self) -> float | None: ...

    async def recheck_held(self, tx: Transaction, tenant: str, user: str, at: float) -> int: ...

    async def settle_held(
        self,
        tx: Transaction,
        notification: Notification,
        state: DeliveryState,
        *,
        delivered_at: float | None,
        release_at: float | None,
    ) -> bool: ...

    async def enqueue_webhook(self, tx: Transaction, delivery: WebhookDelivery, now: float) -> None: ...

    async def due_webhooks(self, now: float, limit: int) -> list[WebhookDelivery]: ...

    async def next_webhook_attempt(self) -> float | None: ...

    async def claim_webhook(self, delivery: WebhookDelivery, *, until: float) -> bool: ...

    async def webhook_sent(self, delivery: WebhookDelivery, *, attempts: int, at: float) -> None: ...

    async def webhook_failed(
        self, delivery: WebhookDelivery, *, attempts: int, error: str, retry_at: float | None
    ) -> None: ...


class Approvers(Protocol):
    """Who may approve a tenant's sessions: the users (`tenants/{t}/users/{u}`) holding `sessions.approve`.

    Raises Unavailable while the directory cannot be asked (the event is retried), NotFound when the tenant
    does not exist."""

    async def approvers(self, tenant: str) -> list[str]: ...


class WebhookSender(Protocol):
    """POSTs a body; raises WebhookError on anything but a 2xx answer."""

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None: ...

    async def close(self) -> None: ...


class WebhookError(Exception):
    """A webhook attempt failed (connection error, timeout, non-2xx status)."""
