"""The notification service's background loops: releasing held notifications, and posting webhooks."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from somastack.notification.metrics import NotificationMetrics
from somastack.notification.model import WebhookDelivery, retry_delay
from somastack.notification.ports import NotificationStore, WebhookError, WebhookSender
from somastack.notification.service import Hub, Notifier
from somastack.notification.signing import EVENT_ID_HEADER, SIGNATURE_HEADER, signature_header
from somastack.platform.worker import BackgroundWorker

log = logging.getLogger(__name__)


#: Seconds before a loop whose step failed (the database is down, say) tries again.
RETRY_SECONDS = 1.0
#: The shortest sleep of a loop that found work due but did none (another replica holds it): no busy loop.
MIN_SLEEP = 0.01


def sleep_until(due: float | None, now: float, poll: float) -> float:
    """Seconds to sleep until `due` (unix seconds), at least MIN_SLEEP and at most `poll`: the safety poll, how
    late work that another replica wrote (and that no local commit announced) is seen."""
    if due is None:
        return poll
    return min(poll, max(due - now, MIN_SLEEP))


class HeldReleaser(BackgroundWorker):
    """Delivers the HELD notifications whose quiet hours ended, at the end of the quiet hours.

    It sleeps until the earliest release time in the store, and is woken at once when a local commit holds a
    notification or makes held ones due (a user's preferences changed); every `poll` seconds it reads the store
    anyway, for notifications held by other replicas since.
    """

    def __init__(self, notifier: Notifier, *, poll: float = 30.0, clock: Callable[[], float] = time.time) -> None:
        super().__init__("notification-releaser")
        self._notifier = notifier
        self._poll = poll
        self._clock = clock

    async def _run(self) -> None:
        wake = self._notifier.hub.held
        while not self._stopping.is_set():
            wake.clear()  # before reading: a commit from now on wakes the sleep below
            try:
                await self._notifier.release_due()
                pause = sleep_until(await self._notifier.next_release(), self._clock(), self._poll)
            except Exception:
                log.exception("notification: releasing held notifications failed; retrying")
                pause = min(self._poll, RETRY_SECONDS)
            if not await self._doze(wake, pause):
                return


class WebhookWorker(BackgroundWorker):
    """Posts due webhook deliveries, signed; a failure is retried after a doubling delay up to `max_attempts`.

    The deliveries live in the database, so a restart resumes them; a delivery is leased (its next attempt
    pushed past the POST's timeout) before the POST, so replicas do not post it twice at once. Idle, the worker
    sleeps until the next attempt is due, woken at once by a local commit that queued a delivery; every `poll`
    seconds it reads the store anyway, for deliveries other replicas queued and left (a replica that died).
    """

    def __init__(
        self,
        store: NotificationStore,
        sender: WebhookSender,
        secret: bytes,
        *,
        hub: Hub,
        metrics: NotificationMetrics,
        max_attempts: int = 8,
        backoff: float = 1.0,
        max_backoff: float = 600.0,
        timeout: float = 10.0,
        poll: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__("notification-webhooks")
        self._store = store
        self._sender = sender
        self._secret = secret
        self._hub = hub
        self._metrics = metrics
        self._max_attempts = max_attempts
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._timeout = timeout
        self._poll = poll
        self._clock = clock

    async def _run(self) -> None:
        wake = self._hub.webhooks
        while not self._stopping.is_set():
            wake.clear()  # before reading: a commit from now on wakes the sleep below
            try:
                if await self.deliver_due():
                    continue  # more may be due
                pause = sleep_until(await self._store.next_webhook_attempt(), self._clock(), self._poll)
            except Exception:
                log.exception("notification: webhook deliveries failed; retrying")
                pause = min(self._poll, RETRY_SECONDS)
            if not await self._doze(wake, pause):
                return

    async def deliver_due(self, limit: int = 50) -> int:
        """Attempts every due delivery once; returns how many were attempted."""
        now = self._clock()
        attempted = 0
        for delivery in await self._store.due_webhooks(now, limit):
            if not await self._store.claim_webhook(delivery, until=now + self._timeout + 5):
                continue  # another worker has it
            attempted += 1
            await self.attempt(delivery)
        return attempted

    async def attempt(self, delivery: WebhookDelivery) -> None:
        attempts = delivery.attempts + 1
        body = delivery.body.encode()
        now = self._clock()
        headers = {
            "Content-Type": "application/json",
            EVENT_ID_HEADER: delivery.event_id,
            SIGNATURE_HEADER: signature_header(self._secret, int(now), body),
            "User-Agent": "soma-notification/1",
        }
        self._metrics.webhook_attempts.inc()
        try:
            await self._sender.post(delivery.url, body, headers)
        except WebhookError as exc:
            self._metrics.webhook_failures.inc()
            final = attempts >= self._max_attempts
            retry_at = (
                None if final else self._clock() + retry_delay(attempts, base=self._backoff, cap=self._max_backoff)
            )
            await self._store.webhook_failed(delivery, attempts=attempts, error=str(exc), retry_at=retry_at)
            if final:
                self._metrics.webhook_abandoned.inc()
                log.warning(
                    "notification: webhook of %s gave up after %d attempts: %s",
                    delivery.notification_id,
                    attempts,
                    exc,
                )
            else:
                log.info("notification: webhook attempt %d of %s failed: %s", attempts, delivery.notification_id, exc)
            return
        await self._store.webhook_sent(delivery, attempts=attempts, at=self._clock())
