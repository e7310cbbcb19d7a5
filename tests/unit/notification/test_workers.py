"""The notification workers against the clock: a held notification is released when its quiet hours end, a failed
webhook is posted again when its retry is due, each as soon as a local commit gives them work; their safety poll is
an hour away, so nothing else wakes them. On a real SQLite or PostgreSQL store and a real local HTTP server."""

from __future__ import annotations

import asyncio
import datetime as dt
import http.server
import threading
import time
import uuid
import zoneinfo
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from soma.events.v1.envelope_pb2 import Event
from soma.settings.v1 import settings_pb2 as spb
from somastack.config import Settings
from somastack.notification.adapters.http_webhook import HttpWebhookSender
from somastack.notification.adapters.sql_store import SqlNotificationStore
from somastack.notification.metrics import NotificationMetrics
from somastack.notification.model import DeliveryState, Notification, Severity
from somastack.notification.service import Notifier
from somastack.notification.workers import HeldReleaser, WebhookWorker
from somastack.platform.db import create_engine
from somastack.platform.migrations import upgrade_async
from somastack.platform.uow import Transaction
from tests.conftest import require_env
from tests.unit.notification.test_service import OLGA, T0, event, requested

#: The workers' safety poll: out of reach of every test, so only due times and commits may wake them.
POLL = 3600.0
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
QUIET = spb.QuietHours(time_zone="Europe/Paris", start="22:00", end="07:00")


@pytest.fixture(params=["sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SqlNotificationStore]:
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=f"t{uuid.uuid4().hex[:8]}_")
    await upgrade_async(settings, "notification")
    engine = create_engine(settings, "notification")
    yield SqlNotificationStore(engine)
    await engine.dispose()
    if url:
        import asyncpg

        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        await connection.execute(f'DROP SCHEMA IF EXISTS "{settings.db_schema_prefix}notification" CASCADE')
        await connection.close()


class Receiver(http.server.BaseHTTPRequestHandler):
    """Answers 503 to the first `failures` POSTs and 204 after; notes when each came (monotonic seconds)."""

    failures = 1
    attempts: ClassVar[list[float]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).attempts.append(time.monotonic())
        self.send_response(503 if len(type(self).attempts) <= type(self).failures else 204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.failures, Receiver.attempts = 1, []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def running_clock(at: float) -> Callable[[], float]:
    """A wall clock that reads `at` now and runs in real time."""
    offset = at - time.time()
    return lambda: time.time() + offset


def preferences(updated: float, **fields: object) -> Event:
    prefs = spb.NotificationPreferences(name=f"{OLGA}/notificationPreferences", **fields)  # type: ignore[arg-type]
    prefs.update_time.FromSeconds(int(updated))
    kind = spb.CHANGE_KIND_NOTIFICATION_PREFERENCES
    changed = spb.SettingsChanged(tenant="acme", kind=kind, name=prefs.name, etag="e", notification_preferences=prefs)
    return event(changed)


async def asleep(worker: HeldReleaser | WebhookWorker) -> None:
    """Starts a worker and lets it find nothing to do: what wakes it next is a commit, a due time or its poll."""
    await worker.start()
    await asyncio.sleep(0.2)


async def handle(
    store: SqlNotificationStore, handler: Callable[[Event, Transaction], Awaitable[None]], event: Event
) -> None:
    """As the event consumer does: the handler inside a transaction, committed when it returns."""
    async with store.transaction() as tx:
        await handler(event, tx)


async def titled(store: SqlNotificationStore, title: str) -> Notification:
    page = await store.page(
        "acme", "olga", before=None, limit=50, unacked_only=False, minimum_severity=Severity.UNSPECIFIED
    )
    return next(n for n in page if n.title == title)


async def delivered(store: SqlNotificationStore, title: str, within: float) -> Notification:
    deadline = time.monotonic() + within
    while (found := await titled(store, title)).state is not DeliveryState.DELIVERED:
        assert time.monotonic() < deadline, f"{title!r} still {found.state} after {within} s"
        await asyncio.sleep(0.02)
    return found


async def test_a_held_notification_is_released_when_its_quiet_hours_end(store: SqlNotificationStore) -> None:
    end = dt.datetime(2026, 5, 29, 7, 0, tzinfo=PARIS).timestamp()
    clock = running_clock(end - 1.5)  # 06:59:58.5 in Paris
    notifier = Notifier(store, clock=clock)
    releaser = HeldReleaser(notifier, poll=POLL, clock=clock)
    await asleep(releaser)
    try:
        await handle(store, notifier.on_settings, preferences(T0, quiet_hours=QUIET))
        await handle(store, notifier.on_requested, requested("at seven", Severity.WARNING))
        assert (await titled(store, "at seven")).state is DeliveryState.HELD
        # The commit that held it woke the releaser, which sleeps until 07:00 and not a poll longer.
        released = await delivered(store, "at seven", within=10)
        assert released.delivered_at is not None and end <= released.delivered_at < end + 1.0
    finally:
        await releaser.stop()

    # A releaser started after the hold finds its release time in the store: 22:00, the end of 21:00-22:00.
    ten = end + 15 * 3600
    clock = running_clock(ten - 1.0)
    notifier = Notifier(store, clock=clock)
    evening = spb.QuietHours(time_zone="Europe/Paris", start="21:00", end="22:00")
    await handle(store, notifier.on_settings, preferences(T0 + 1, quiet_hours=evening))
    await handle(store, notifier.on_requested, requested("until ten", Severity.WARNING))
    assert (await titled(store, "until ten")).state is DeliveryState.HELD
    releaser = HeldReleaser(notifier, poll=POLL, clock=clock)
    await releaser.start()
    try:
        released = await delivered(store, "until ten", within=10)
        assert released.delivered_at is not None and ten <= released.delivered_at < ten + 1.0
    finally:
        await releaser.stop()


async def test_dropping_the_quiet_hours_releases_held_notifications_at_once(store: SqlNotificationStore) -> None:
    clock = running_clock(T0)  # 22:26 in Paris: the quiet hours end in eight and a half hours
    notifier = Notifier(store, clock=clock)
    releaser = HeldReleaser(notifier, poll=POLL, clock=clock)
    await asleep(releaser)
    try:
        await handle(store, notifier.on_settings, preferences(T0, quiet_hours=QUIET))
        await handle(store, notifier.on_requested, requested("held", Severity.ERROR))
        assert (await titled(store, "held")).state is DeliveryState.HELD
        changed = time.monotonic()
        await handle(store, notifier.on_settings, preferences(T0 + 60))  # no quiet hours any more
        await delivered(store, "held", within=10)
        assert time.monotonic() - changed < 1.0
    finally:
        stopping = time.monotonic()
        await releaser.stop()
    assert time.monotonic() - stopping < 1.0  # stop() does not wait for the end of the sleep


async def test_a_failed_webhook_is_posted_again_when_its_retry_is_due(
    store: SqlNotificationStore, receiver: str
) -> None:
    notifier = Notifier(store)
    sender = HttpWebhookSender(timeout=5)
    metrics = NotificationMetrics()
    worker = WebhookWorker(store, sender, b"k", hub=notifier.hub, metrics=metrics, backoff=1.0, poll=POLL)
    await asleep(worker)
    try:
        hook = spb.NotificationChannels(in_app=True, webhook_url=receiver)
        await handle(store, notifier.on_settings, preferences(T0, channels=hook))
        committed = time.monotonic()
        await handle(store, notifier.on_requested, requested("hooked", Severity.WARNING))
        deadline = time.monotonic() + 10
        while len(Receiver.attempts) < 2:
            assert time.monotonic() < deadline, f"{len(Receiver.attempts)} attempt(s) after 10 s"
            await asyncio.sleep(0.02)
    finally:
        stopping = time.monotonic()
        await worker.stop()
        await sender.close()
    assert time.monotonic() - stopping < 1.0
    first, second = Receiver.attempts
    assert first - committed < 1.0  # the commit that queued it woke the worker
    assert 1.0 <= second - first < 1.8  # the 503 was retried when its backoff (1 s) ended
    row = await store.webhook_status("acme", "olga", (await titled(store, "hooked")).id)
    assert row is not None and (row["status"], row["attempts"]) == ("delivered", 2)
