"""Notification use cases on a real SQLite or PostgreSQL store; webhooks posted to a real local HTTP server."""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pytest
from google.protobuf.message import Message

from soma.events.v1.envelope_pb2 import Event
from soma.notification.v1 import notification_pb2 as npb
from soma.orchestrator.v1 import session_pb2 as opb
from soma.settings.v1 import settings_pb2 as spb
from somastack.config import Settings
from somastack.notification.adapters.http_webhook import HttpWebhookSender
from somastack.notification.adapters.sql_store import SqlNotificationStore
from somastack.notification.metrics import NotificationMetrics
from somastack.notification.model import NOTIFICATION_NOT_FOUND, DeliveryState, Severity
from somastack.notification.service import Notifier
from somastack.notification.signing import verify
from somastack.notification.workers import WebhookWorker
from somastack.platform.db import create_engine
from somastack.platform.errors import InvalidArgument, NotFound, PermissionDenied
from somastack.platform.events import new_event
from somastack.platform.migrations import upgrade_async
from somastack.platform.principal import Principal
from somastack.runtime.context import RequestContext, bind, unbind
from tests.conftest import require_env

T0 = 1_780_000_000.0  # 2026-05-28 20:26:40 UTC
OLGA = "tenants/acme/users/olga"


@dataclass
class World:
    store: SqlNotificationStore
    notifier: Notifier
    metrics: NotificationMetrics
    now: list[float] = field(default_factory=lambda: [T0])

    async def handle(self, event: Event, topic: str = "notifications.events") -> None:
        handler = {
            "notifications.events": self.notifier.on_requested,
            "sessions.events": self.notifier.on_session,
            "settings.changed": self.notifier.on_settings,
        }[topic]
        async with self.store.transaction() as connection:
            await handler(event, connection)

    def count(self, state: str) -> float:
        return self.metrics.registry.get_sample_value("soma_notifications_stored_total", {"state": state}) or 0.0


@pytest.fixture(params=["sqlite", "postgres"])
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=f"t{uuid.uuid4().hex[:8]}_")
    await upgrade_async(settings, "notification")
    engine = create_engine(settings, "notification")
    store = SqlNotificationStore(engine)
    metrics = NotificationMetrics()
    now = [T0]
    yield World(store, Notifier(store, metrics=metrics, clock=lambda: now[0], subscribe_poll=0.05), metrics, now)
    await engine.dispose()
    if url:
        import asyncpg

        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        await connection.execute(f'DROP SCHEMA IF EXISTS "{settings.db_schema_prefix}notification" CASCADE')
        await connection.close()


@pytest.fixture
def as_olga() -> Iterator[None]:
    token = bind(as_user(OLGA))
    yield
    unbind(token)


def as_user(subject: str) -> RequestContext:
    principal = Principal(subject, subject.split("/")[1], frozenset({"notifications.read"}), T0 + 3600)
    return RequestContext("r1", "/x", principal, "sdk", "", "dev")


def event(payload: Message, tenant: str = "acme") -> Event:
    return new_event(type=payload.DESCRIPTOR.full_name, source="//tests", tenant=tenant, payload=payload)


def requested(title: str, severity: int = Severity.INFO, recipient: str = OLGA, **extra: str) -> Event:
    return event(npb.NotificationRequested(recipient=recipient, severity=severity, title=title, **extra))  # type: ignore[arg-type]


def preferences(**fields: object) -> Event:
    prefs = spb.NotificationPreferences(name=f"{OLGA}/notificationPreferences", **fields)  # type: ignore[arg-type]
    prefs.update_time.FromSeconds(int(T0))
    return event(
        spb.SettingsChanged(
            tenant="acme",
            kind=spb.CHANGE_KIND_NOTIFICATION_PREFERENCES,
            name=prefs.name,
            etag="e",
            notification_preferences=prefs,
        )
    )


async def test_requests_become_notifications_in_their_tenant_only(world: World, as_olga: None) -> None:
    first = requested("Deploy finished", subject="tenants/acme/deploys/7", topic="deploy.finished", body="all good")
    await world.handle(first)
    await world.handle(first)  # a redelivery (past the inbox): the same id, still one notification
    await world.handle(requested("For bob", recipient="tenants/globex/users/bob"))  # another tenant: dropped
    await world.handle(requested("Bad", recipient="bob"))
    await world.handle(requested("", severity=Severity.INFO))
    await world.handle(requested("No severity", severity=0))
    await world.handle(requested("x" * 201))
    page, token = await world.notifier.list(OLGA)
    assert token == "" and len(page) == 1
    n = page[0]
    assert (n.title, n.body, n.subject, n.topic, n.severity) == (
        "Deploy finished",
        "all good",
        "tenants/acme/deploys/7",
        "deploy.finished",
        Severity.INFO,
    )
    assert n.state is DeliveryState.DELIVERED and n.event_id == first.id and n.delivered_at == T0
    assert n.name == f"{OLGA}/notifications/{n.id}"
    dropped = world.metrics.registry.get_sample_value
    assert dropped("soma_notifications_dropped_total", {"reason": "cross_tenant"}) == 1
    assert dropped("soma_notifications_dropped_total", {"reason": "invalid"}) == 4
    assert world.count("delivered") == 1


async def test_finished_sessions_tell_their_requester(world: World, as_olga: None) -> None:
    def session(state: int, kind: int = opb.SESSION_EVENT_KIND_STATE, requester: str = OLGA) -> Event:
        return event(
            opb.SessionEvent(
                session="tenants/acme/sessions/s1",
                kind=kind,  # type: ignore[arg-type]
                state=state,  # type: ignore[arg-type]
                requester=requester,
                prompt_preview="summarise the incident",
                sequence=3,
            )
        )

    for state in (opb.SESSION_STATE_RUNNING, opb.SESSION_STATE_PENDING_APPROVAL):
        await world.handle(session(state), "sessions.events")
    await world.handle(session(opb.SESSION_STATE_SUCCEEDED, kind=opb.SESSION_EVENT_KIND_STEP), "sessions.events")
    await world.handle(session(opb.SESSION_STATE_FAILED, requester="tenants/globex/users/olga"), "sessions.events")
    assert (await world.notifier.list(OLGA))[0] == []
    outcomes = {
        opb.SESSION_STATE_SUCCEEDED: (Severity.INFO, "Session finished", "session.succeeded"),
        opb.SESSION_STATE_FAILED: (Severity.ERROR, "Session failed", "session.failed"),
        opb.SESSION_STATE_DENIED: (Severity.WARNING, "Session denied by policy", "session.denied"),
        opb.SESSION_STATE_REJECTED: (Severity.WARNING, "Session rejected by the approver", "session.rejected"),
        opb.SESSION_STATE_CANCELLED: (Severity.WARNING, "Session cancelled", "session.cancelled"),
    }
    for state in outcomes:
        world.now[0] += 1
        await world.handle(session(state), "sessions.events")
    page, _ = await world.notifier.list(OLGA)
    assert [(n.severity, n.title, n.topic) for n in reversed(page)] == list(outcomes.values())
    assert all(n.subject == "tenants/acme/sessions/s1" and "summarise the incident" in n.body for n in page)


async def test_preferences_suppress_hold_and_release(world: World, as_olga: None) -> None:
    # T0 is 22:26 in Paris: inside 22:00-07:00.
    quiet = spb.QuietHours(time_zone="Europe/Paris", start="22:00", end="07:00")
    await world.handle(preferences(minimum_severity=spb.SEVERITY_WARNING, quiet_hours=quiet), "settings.changed")
    await world.handle(requested("info", Severity.INFO))
    await world.handle(requested("warning", Severity.WARNING))
    await world.handle(requested("critical", Severity.CRITICAL))
    page, _ = await world.notifier.list(OLGA)
    states = {n.title: n.state for n in page}
    assert states == {
        "info": DeliveryState.SUPPRESSED,
        "warning": DeliveryState.HELD,
        "critical": DeliveryState.DELIVERED,
    }
    assert await world.notifier.release_due() == 0  # the window has not ended
    world.now[0] += 9 * 3600  # 07:26 in Paris
    assert await world.notifier.release_due() == 1
    page, _ = await world.notifier.list(OLGA)
    warning = next(n for n in page if n.title == "warning")
    assert warning.state is DeliveryState.DELIVERED and warning.delivered_at == world.now[0]

    # Held again in the next night; the user drops the quiet hours: released at once.
    world.now[0] += 15 * 3600  # 22:26
    await world.handle(requested("later", Severity.ERROR))
    assert next(n for n in (await world.notifier.list(OLGA))[0] if n.title == "later").state is DeliveryState.HELD
    newer = preferences(minimum_severity=spb.SEVERITY_WARNING)
    newer_payload = spb.SettingsChanged()
    newer.data.Unpack(newer_payload)
    newer_payload.notification_preferences.update_time.FromSeconds(int(world.now[0]))
    newer.data.Pack(newer_payload)
    await world.handle(newer, "settings.changed")
    assert await world.notifier.release_due() == 1
    assert next(n for n in (await world.notifier.list(OLGA))[0] if n.title == "later").state is DeliveryState.DELIVERED

    # An older announcement than the stored one changes nothing; a deletion brings back the defaults.
    await world.handle(preferences(minimum_severity=spb.SEVERITY_CRITICAL), "settings.changed")
    await world.handle(requested("kept", Severity.WARNING))
    assert (await world.notifier.list(OLGA))[0][0].state is DeliveryState.DELIVERED
    deleted = event(
        spb.SettingsChanged(
            tenant="acme", kind=spb.CHANGE_KIND_NOTIFICATION_PREFERENCES, name=newer_payload.name, deleted=True
        )
    )
    await world.handle(deleted, "settings.changed")
    await world.handle(requested("low", Severity.INFO))
    assert (await world.notifier.list(OLGA))[0][0].state is DeliveryState.DELIVERED


async def test_list_paging_filters_ack_and_ownership(world: World, as_olga: None) -> None:
    for i in range(7):
        world.now[0] = T0 + i
        await world.handle(requested(f"n{i}", Severity.ERROR if i % 2 else Severity.INFO))
    seen, token = [], ""
    while True:
        page, token = await world.notifier.list(OLGA, size=3, token=token)
        seen += [n.title for n in page]
        if not token:
            break
    assert seen == [f"n{i}" for i in reversed(range(7))]
    errors, _ = await world.notifier.list(OLGA, minimum_severity=spb.SEVERITY_ERROR)
    assert [n.title for n in errors] == ["n5", "n3", "n1"]

    target = errors[0]
    world.now[0] = T0 + 100
    first = await world.notifier.ack(target.name)
    world.now[0] = T0 + 200
    again = await world.notifier.ack(target.name)
    assert first.ack_at == again.ack_at == T0 + 100
    unacked, _ = await world.notifier.list(OLGA, unacked_only=True)
    assert target.id not in [n.id for n in unacked] and len(unacked) == 6

    with pytest.raises(NotFound) as missing:
        await world.notifier.ack(f"{OLGA}/notifications/0123")
    assert missing.value.reason == NOTIFICATION_NOT_FOUND
    for call in (
        lambda: world.notifier.list("tenants/acme/users/bob"),
        lambda: world.notifier.ack(f"tenants/acme/users/bob/notifications/{target.id}"),
    ):
        with pytest.raises(PermissionDenied) as denied:
            await call()
        assert denied.value.reason == "CAPABILITY_MISSING"
    bad = [
        (lambda: world.notifier.list("tenants/acme/olga"), "parent"),
        (lambda: world.notifier.list(OLGA, size=-1), "page_size"),
        (lambda: world.notifier.list(OLGA, token="nope"), "page_token"),
        (lambda: world.notifier.list(OLGA, minimum_severity=9), "minimum_severity"),
        (lambda: world.notifier.ack(f"{OLGA}/notifications/Bad_Id"), "name"),
    ]
    for call, field_name in bad:
        with pytest.raises(InvalidArgument) as invalid:
            await call()
        assert invalid.value.violations[0].field == field_name


async def test_subscribe_streams_the_backlog_then_live_deliveries(world: World, as_olga: None) -> None:
    await world.handle(requested("old"))
    await world.handle(requested("acked"))
    acked = next(n for n in (await world.notifier.list(OLGA))[0] if n.title == "acked")
    await world.notifier.ack(acked.name)
    stream = world.notifier.subscribe(OLGA)
    assert (await anext(stream)).title == "old"
    nxt = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.1)
    assert not nxt.done()
    await world.handle(requested("live"))
    assert (await asyncio.wait_for(nxt, 5)).title == "live"
    await stream.aclose()
    with pytest.raises(PermissionDenied):
        await anext(world.notifier.subscribe("tenants/acme/users/bob"))


class Receiver(http.server.BaseHTTPRequestHandler):
    """Fails the first `failures` POSTs with 503, then records and accepts."""

    failures = 0
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    attempts = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            self.send_response(503)
            self.end_headers()
            return
        type(self).received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.failures, Receiver.received, Receiver.attempts = 2, [], 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


async def test_webhooks_are_signed_and_retried_with_backoff(world: World, as_olga: None, receiver: str) -> None:
    await world.handle(
        preferences(channels=spb.NotificationChannels(in_app=True, webhook_url=receiver)), "settings.changed"
    )
    await world.handle(requested("hooked", Severity.WARNING))
    sender = HttpWebhookSender(timeout=5)
    worker = WebhookWorker(
        world.store,
        sender,
        b"k",
        hub=world.notifier.hub,
        metrics=world.metrics,
        max_attempts=3,
        backoff=10,
        max_backoff=100,
        clock=lambda: world.now[0],
    )
    try:
        assert await worker.deliver_due() == 1  # fails: 503
        assert await worker.deliver_due() == 0  # not due for 10 s
        world.now[0] += 10
        assert await worker.deliver_due() == 1  # fails again; next in 20 s
        world.now[0] += 19
        assert await worker.deliver_due() == 0
        world.now[0] += 1
        assert await worker.deliver_due() == 1  # succeeds
        world.now[0] += 1000
        assert await worker.deliver_due() == 0
    finally:
        await sender.close()
    ((headers, body),) = Receiver.received
    notification = (await world.notifier.list(OLGA))[0][0]
    assert headers["X-Soma-Event-Id"] == notification.event_id
    assert verify(b"k", headers["X-Soma-Signature"], body, now=world.now[0] - 1000)
    assert headers["X-Soma-Signature"].startswith(f"t={int(T0 + 30)},v1=")
    sent = json.loads(body)
    assert sent["name"] == notification.name and sent["severity"] == "SEVERITY_WARNING"
    assert sent["deliveryState"] == "DELIVERY_STATE_DELIVERED" and sent["title"] == "hooked"
    row = await world.store.webhook_status("acme", "olga", notification.id)
    assert row is not None and (row["status"], row["attempts"], row["last_error"]) == ("delivered", 3, "")
    value = world.metrics.registry.get_sample_value
    assert value("soma_notification_webhook_attempts_total") == 3
    assert value("soma_notification_webhook_failures_total") == 2


async def test_a_webhook_is_given_up_after_its_last_attempt(world: World, as_olga: None, receiver: str) -> None:
    Receiver.failures = 99
    await world.handle(preferences(channels=spb.NotificationChannels(webhook_url=receiver)), "settings.changed")
    await world.handle(requested("never"))
    sender = HttpWebhookSender(timeout=5)
    worker = WebhookWorker(
        world.store,
        sender,
        b"k",
        hub=world.notifier.hub,
        metrics=world.metrics,
        max_attempts=2,
        backoff=1,
        clock=lambda: world.now[0],
    )
    try:
        for _ in range(4):
            await worker.deliver_due()
            world.now[0] += 5
    finally:
        await sender.close()
    notification = (await world.notifier.list(OLGA))[0][0]
    row = await world.store.webhook_status("acme", "olga", notification.id)
    assert row is not None and (row["status"], row["attempts"]) == ("failed", 2)
    assert "503" in row["last_error"] and Receiver.attempts == 2
    assert world.metrics.registry.get_sample_value("soma_notification_webhook_abandoned_total") == 1
