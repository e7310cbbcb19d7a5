"""NotificationService through real Envoy, over gRPC and REST: events published onto the mesh's bus become
notifications, preferences set through SettingsService filter them, webhooks reach a real local HTTP server."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import grpc
import httpx
import pytest
from google.protobuf import field_mask_pb2
from google.protobuf.message import Message

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.notification.v1 import notification_pb2 as npb
from soma.notification.v1 import notification_service_pb2 as pb
from soma.notification.v1 import notification_service_pb2_grpc
from soma.orchestrator.v1 import session_pb2 as opb
from soma.settings.v1 import settings_pb2 as spb
from soma.settings.v1 import settings_service_pb2 as sspb
from soma.settings.v1 import settings_service_pb2_grpc
from somastack.notification.config import DEV_WEBHOOK_SECRET
from somastack.notification.signing import verify
from somastack.platform.events import EmbeddedLogBus, Record, new_event
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity

T = TypeVar("T")
Stub = notification_service_pb2_grpc.NotificationServiceStub


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def publish(mesh: Mesh, topic: str, tenant: str, payload: Message) -> str:
    """Publishes one event onto the mesh's bus (the embedded log in its data dir); returns its id."""
    event = new_event(type=payload.DESCRIPTOR.full_name, source="//tests", tenant=tenant, payload=payload)

    async def send() -> None:
        bus = EmbeddedLogBus(Path(mesh.home) / "dev" / "events.db")
        try:
            await bus.publish([Record(topic, event.SerializeToString(), tenant)])
        finally:
            await bus.close()

    asyncio.run(send())
    return event.id


def request(mesh: Mesh, tenant: str, user: str, title: str, severity: int = spb.SEVERITY_INFO, **extra: str) -> str:
    payload = npb.NotificationRequested(
        recipient=f"tenants/{tenant}/users/{user}",
        severity=severity,  # type: ignore[arg-type]
        title=title,
        **extra,
    )
    return publish(mesh, "notifications.events", tenant, payload)


def eventually(probe: Callable[[], T | None], within: float = 20.0, what: str = "condition") -> T:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = probe()
        if value:  # None, False and empty lists mean: not yet
            return value
        time.sleep(0.1)
    raise AssertionError(f"{what} not met within {within}s")


def member(channel: grpc.Channel, admin: str, tenant: str, user: str) -> str:
    """Creates a plain member of `tenant` and returns their token."""
    stub = identity(channel)
    stub.CreateUser(
        ipb.CreateUserRequest(
            parent=f"tenants/{tenant}",
            user_id=user,
            user=identity_pb2.User(display_name=user.title()),
            role=identity_pb2.ROLE_MEMBER,
        ),
        metadata=bearer(admin),
    )
    return stub.IssueToken(
        ipb.IssueTokenRequest(user=f"tenants/{tenant}/users/{user}"), metadata=bearer(admin)
    ).access_token


def listed(stub: Stub, parent: str, token: str, **fields: Any) -> list[npb.Notification]:
    response = stub.ListNotifications(pb.ListNotificationsRequest(parent=parent, **fields), metadata=bearer(token))
    return list(response.notifications)


def titled(stub: Stub, parent: str, token: str, title: str) -> npb.Notification | None:
    return next((n for n in listed(stub, parent, token) if n.title == title), None)


def code_and_reason(call: Callable[[], object]) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    found = failure(caught.value)
    return found.code, found.reason


def set_preferences(channel: grpc.Channel, token: str, parent: str, paths: list[str], **fields: Any) -> None:
    settings_service_pb2_grpc.SettingsServiceStub(channel).UpdateNotificationPreferences(
        sspb.UpdateNotificationPreferencesRequest(
            notification_preferences=spb.NotificationPreferences(name=f"{parent}/notificationPreferences", **fields),
            update_mask=field_mask_pb2.FieldMask(paths=paths),
        ),
        metadata=bearer(token),
    )


def until_applied(mesh: Mesh, stub: Stub, tenant: str, user: str, token: str, severity: int, state: int) -> None:
    """Publishes probes until one gets `state`: the preferences reached the notification service."""
    parent = f"tenants/{tenant}/users/{user}"

    def probe() -> bool:
        title = unique("probe")
        request(mesh, tenant, user, title, severity)
        found = eventually(lambda: titled(stub, parent, token, title), 10, "the probe")
        return found.delivery_state == state

    eventually(probe, 30, "the preferences reaching the notification service")


@pytest.fixture
def http(any_mesh: Mesh) -> Iterator[httpx.Client]:
    with any_mesh.http(timeout=30) as client:
        yield client


def test_requested_and_session_events_list_subscribe_ack_and_isolation(any_mesh: Mesh, channel: grpc.Channel) -> None:
    acme, globex = unique("acme"), unique("globex")
    olga = ensure_tenant_with_owner(channel, any_mesh.admin_token, acme)
    stranger = ensure_tenant_with_owner(channel, any_mesh.admin_token, globex)
    bob = member(channel, any_mesh.admin_token, acme, "bob")
    stub = Stub(channel)
    parent = f"tenants/{acme}/users/olga"

    first = request(
        any_mesh,
        acme,
        "olga",
        "Deploy finished",
        spb.SEVERITY_WARNING,
        subject=f"tenants/{acme}/deploys/7",
        topic="deploy.finished",
        body="all green",
    )
    # Another tenant's user named in an acme event: dropped, never stored across tenants.
    publish(
        any_mesh,
        "notifications.events",
        acme,
        npb.NotificationRequested(recipient=f"tenants/{globex}/users/olga", severity=spb.SEVERITY_INFO, title="leak"),
    )
    finished = publish(
        any_mesh,
        "sessions.events",
        acme,
        opb.SessionEvent(
            session=f"tenants/{acme}/sessions/s1",
            kind=opb.SESSION_EVENT_KIND_STATE,
            state=opb.SESSION_STATE_SUCCEEDED,
            requester=parent,
            prompt_preview="summarise the incident",
            sequence=4,
        ),
    )
    publish(  # not terminal: ignored
        any_mesh,
        "sessions.events",
        acme,
        opb.SessionEvent(
            session=f"tenants/{acme}/sessions/s2",
            kind=opb.SESSION_EVENT_KIND_STATE,
            state=opb.SESSION_STATE_RUNNING,
            requester=parent,
            sequence=1,
        ),
    )
    eventually(lambda: len(listed(stub, parent, olga)) == 2, what="two notifications")
    deploy = titled(stub, parent, olga, "Deploy finished")
    session = titled(stub, parent, olga, "Session finished")
    assert deploy is not None and session is not None
    assert (deploy.event_id, deploy.topic, deploy.subject, deploy.body) == (
        first,
        "deploy.finished",
        f"tenants/{acme}/deploys/7",
        "all green",
    )
    assert deploy.severity == spb.SEVERITY_WARNING and deploy.delivery_state == npb.DELIVERY_STATE_DELIVERED
    assert deploy.name.startswith(f"{parent}/notifications/") and deploy.HasField("create_time")
    assert not deploy.HasField("ack_time")
    assert (session.event_id, session.topic, session.severity) == (finished, "session.succeeded", spb.SEVERITY_INFO)
    assert session.subject == f"tenants/{acme}/sessions/s1" and "summarise the incident" in session.body
    assert listed(stub, f"tenants/{globex}/users/olga", stranger) == []
    assert [n.title for n in listed(stub, parent, olga, minimum_severity=spb.SEVERITY_WARNING)] == ["Deploy finished"]

    # Paging: one at a time, newest first.
    page = stub.ListNotifications(pb.ListNotificationsRequest(parent=parent, page_size=1), metadata=bearer(olga))
    assert page.next_page_token and len(page.notifications) == 1
    rest = stub.ListNotifications(
        pb.ListNotificationsRequest(parent=parent, page_size=1, page_token=page.next_page_token), metadata=bearer(olga)
    )
    assert [page.notifications[0].name, rest.notifications[0].name] == [n.name for n in listed(stub, parent, olga)]

    # Subscribe: the unacked delivered ones oldest first, then live.
    stream = stub.Subscribe(pb.SubscribeRequest(parent=parent), metadata=bearer(olga), timeout=60)
    backlog = [next(stream).notification.name for _ in range(2)]
    assert backlog == [n.name for n in reversed(listed(stub, parent, olga))]
    request(any_mesh, acme, "olga", "Live one", spb.SEVERITY_ERROR)
    live = next(stream).notification
    assert live.title == "Live one" and live.delivery_state == npb.DELIVERY_STATE_DELIVERED
    stream.cancel()

    # Ack twice: the first time stays.
    acked = stub.AckNotification(pb.AckNotificationRequest(name=live.name), metadata=bearer(olga)).notification
    assert acked.HasField("ack_time")
    time.sleep(1.1)
    again = stub.AckNotification(pb.AckNotificationRequest(name=live.name), metadata=bearer(olga)).notification
    assert again.ack_time == acked.ack_time
    assert live.name not in [n.name for n in listed(stub, parent, olga, unacked_only=True)]

    # Another user of the tenant, and another tenant.
    mine = (grpc.StatusCode.PERMISSION_DENIED, "CAPABILITY_MISSING")
    tenant = (grpc.StatusCode.PERMISSION_DENIED, "TENANT_MISMATCH")

    def list_as(token: str) -> object:
        return stub.ListNotifications(pb.ListNotificationsRequest(parent=parent), metadata=bearer(token))

    def subscribe_as(token: str) -> object:
        return next(stub.Subscribe(pb.SubscribeRequest(parent=parent), metadata=bearer(token), timeout=10))

    def ack_as(token: str) -> object:
        return stub.AckNotification(pb.AckNotificationRequest(name=live.name), metadata=bearer(token))

    for call in (list_as, subscribe_as, ack_as):
        assert code_and_reason(lambda: call(bob)) == mine, call  # noqa: B023 - called at once
        assert code_and_reason(lambda: call(stranger)) == tenant, call  # noqa: B023
    assert listed(stub, f"tenants/{acme}/users/bob", bob) == []

    # Bad inputs, for every RPC.
    invalid = grpc.StatusCode.INVALID_ARGUMENT
    bad: list[tuple[Callable[[], object], str]] = [
        (lambda: stub.ListNotifications(pb.ListNotificationsRequest(), metadata=bearer(olga)), "parent"),
        (
            lambda: stub.ListNotifications(
                pb.ListNotificationsRequest(parent=f"tenants/{acme}/olga"), metadata=bearer(olga)
            ),
            "parent",
        ),
        (
            lambda: stub.ListNotifications(
                pb.ListNotificationsRequest(parent=parent, page_size=-1), metadata=bearer(olga)
            ),
            "page_size",
        ),
        (
            lambda: stub.ListNotifications(
                pb.ListNotificationsRequest(parent=parent, page_token="garbage"), metadata=bearer(olga)
            ),
            "page_token",
        ),
        (
            lambda: stub.ListNotifications(
                pb.ListNotificationsRequest(parent=parent, minimum_severity=9),  # type: ignore[arg-type]
                metadata=bearer(olga),
            ),
            "minimum_severity",
        ),
        (lambda: next(stub.Subscribe(pb.SubscribeRequest(), metadata=bearer(olga), timeout=10)), "parent"),
        (
            lambda: next(
                stub.Subscribe(
                    pb.SubscribeRequest(parent=f"tenants/{acme}/users/Olga!"), metadata=bearer(olga), timeout=10
                )
            ),
            "parent",
        ),
        (lambda: stub.AckNotification(pb.AckNotificationRequest(), metadata=bearer(olga)), "name"),
        (
            lambda: stub.AckNotification(pb.AckNotificationRequest(name=f"{parent}/things/x"), metadata=bearer(olga)),
            "name",
        ),
    ]
    for call, field in bad:
        with pytest.raises(grpc.RpcError) as caught:
            call()
        found = failure(caught.value)
        assert (found.code, found.reason) == (invalid, "FIELD_INVALID"), field
        assert field in [v[0] for v in found.violations], (field, found.violations)
    missing = f"{parent}/notifications/0123456789abcdef"
    assert code_and_reason(
        lambda: stub.AckNotification(pb.AckNotificationRequest(name=missing), metadata=bearer(olga))
    ) == (grpc.StatusCode.NOT_FOUND, "NOTIFICATION_NOT_FOUND")
    assert code_and_reason(lambda: stub.ListNotifications(pb.ListNotificationsRequest(parent=parent))) == (
        grpc.StatusCode.UNAUTHENTICATED,
        "TOKEN_MISSING",
    )


def test_rest_list_ack_and_subscribe_as_ndjson(any_mesh: Mesh, channel: grpc.Channel, http: httpx.Client) -> None:
    acme, globex = unique("acme"), unique("globex")
    olga = ensure_tenant_with_owner(channel, any_mesh.admin_token, acme)
    stranger = ensure_tenant_with_owner(channel, any_mesh.admin_token, globex)
    auth = {"authorization": f"Bearer {olga}"}
    parent = f"tenants/{acme}/users/olga"
    request(any_mesh, acme, "olga", "Over REST", spb.SEVERITY_CRITICAL)

    def rest_list() -> list[dict[str, Any]] | None:
        answer = http.get(f"/v1/{parent}/notifications", headers=auth)
        assert answer.status_code == 200, answer.text
        return answer.json().get("notifications") or None

    (first,) = eventually(rest_list, what="a notification over REST")
    assert first["title"] == "Over REST" and first["severity"] == "SEVERITY_CRITICAL"
    assert first["deliveryState"] == "DELIVERY_STATE_DELIVERED"

    lines: list[dict[str, Any]] = []
    with http.stream("GET", f"/v1/{parent}/notifications:subscribe", headers=auth) as streamed:
        assert streamed.status_code == 200
        for line in streamed.iter_lines():
            if line.strip():
                lines.append(json.loads(line))
                if len(lines) == 1:
                    request(any_mesh, acme, "olga", "Streamed live")
                if len(lines) == 2:
                    break
    assert [line["notification"]["title"] for line in lines] == ["Over REST", "Streamed live"]

    acked = http.post(f"/v1/{first['name']}:ack", json={}, headers=auth)
    assert acked.status_code == 200, acked.text
    assert acked.json()["notification"]["ackTime"]
    assert (
        http.get(f"/v1/{parent}/notifications", params={"unackedOnly": "true"}, headers=auth).json()["notifications"][
            0
        ]["title"]
        == "Streamed live"
    )
    other = {"authorization": f"Bearer {stranger}"}
    assert http.post(f"/v1/{first['name']}:ack", json={}, headers=other).status_code == 403
    assert http.get(f"/v1/{parent}/notifications", headers=other).status_code == 403
    missing = http.post(f"/v1/{parent}/notifications/0123456789abcdef:ack", json={}, headers=auth)
    assert missing.status_code == 404 and missing.json()["details"][0]["reason"] == "NOTIFICATION_NOT_FOUND"
    bad = http.get(f"/v1/{parent}/notifications", params={"pageSize": -1}, headers=auth)
    assert bad.status_code == 400 and bad.json()["details"][0]["reason"] == "FIELD_INVALID"


def test_preferences_from_settings_suppress_hold_and_release(any_mesh: Mesh, channel: grpc.Channel) -> None:
    acme = unique("acme")
    olga = ensure_tenant_with_owner(channel, any_mesh.admin_token, acme)
    stub = Stub(channel)
    parent = f"tenants/{acme}/users/olga"

    set_preferences(channel, olga, parent, ["minimum_severity"], minimum_severity=spb.SEVERITY_WARNING)
    until_applied(any_mesh, stub, acme, "olga", olga, spb.SEVERITY_INFO, npb.DELIVERY_STATE_SUPPRESSED)
    request(any_mesh, acme, "olga", "kept", spb.SEVERITY_ERROR)
    kept = eventually(lambda: titled(stub, parent, olga, "kept"), what="kept")
    assert kept.delivery_state == npb.DELIVERY_STATE_DELIVERED

    # Quiet hours around now (UTC), an hour back to two ahead: below CRITICAL is held.
    now = dt.datetime.now(dt.UTC)
    quiet = spb.QuietHours(
        time_zone="UTC",
        start=(now - dt.timedelta(hours=1)).strftime("%H:%M"),
        end=(now + dt.timedelta(hours=2)).strftime("%H:%M"),
    )
    set_preferences(channel, olga, parent, ["quiet_hours"], quiet_hours=quiet)
    until_applied(any_mesh, stub, acme, "olga", olga, spb.SEVERITY_WARNING, npb.DELIVERY_STATE_HELD)
    request(any_mesh, acme, "olga", "urgent", spb.SEVERITY_CRITICAL)
    request(any_mesh, acme, "olga", "quiet please", spb.SEVERITY_ERROR)
    urgent = eventually(lambda: titled(stub, parent, olga, "urgent"), what="urgent")
    held = eventually(lambda: titled(stub, parent, olga, "quiet please"), what="held")
    assert urgent.delivery_state == npb.DELIVERY_STATE_DELIVERED
    assert held.delivery_state == npb.DELIVERY_STATE_HELD

    # A subscriber does not see held ones; when the quiet hours go, they are delivered and streamed live.
    for n in listed(stub, parent, olga, unacked_only=True):
        if n.delivery_state == npb.DELIVERY_STATE_DELIVERED:
            stub.AckNotification(pb.AckNotificationRequest(name=n.name), metadata=bearer(olga))
    stream = stub.Subscribe(pb.SubscribeRequest(parent=parent), metadata=bearer(olga), timeout=60)
    set_preferences(channel, olga, parent, ["quiet_hours"])
    released = [next(stream).notification for _ in range(2)]  # the probe that was held, and "quiet please"
    stream.cancel()
    assert "quiet please" in [n.title for n in released]
    assert all(n.delivery_state == npb.DELIVERY_STATE_DELIVERED for n in released)
    after = titled(stub, parent, olga, "quiet please")
    assert after is not None and after.delivery_state == npb.DELIVERY_STATE_DELIVERED
    suppressed = [n for n in listed(stub, parent, olga) if n.delivery_state == npb.DELIVERY_STATE_SUPPRESSED]
    assert suppressed and all(n.severity == spb.SEVERITY_INFO for n in suppressed)


class Receiver(BaseHTTPRequestHandler):
    """Fails the first two POSTs with 503, then records and accepts."""

    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    attempts = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).attempts += 1
        if type(self).attempts <= 2:
            self.send_response(503)
            self.end_headers()
            return
        type(self).received.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.received, Receiver.attempts = [], 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/soma-hook"
    server.shutdown()
    server.server_close()


def test_signed_webhook_is_retried_until_the_receiver_accepts(
    any_mesh: Mesh, channel: grpc.Channel, receiver: str
) -> None:
    acme = unique("acme")
    olga = ensure_tenant_with_owner(channel, any_mesh.admin_token, acme)
    stub = Stub(channel)
    parent = f"tenants/{acme}/users/olga"
    set_preferences(
        channel,
        olga,
        parent,
        ["channels", "minimum_severity"],
        channels=spb.NotificationChannels(in_app=True, webhook_url=receiver),
        minimum_severity=spb.SEVERITY_WARNING,
    )
    # Suppressed probes (never posted) prove the preferences, webhook URL included, arrived.
    until_applied(any_mesh, stub, acme, "olga", olga, spb.SEVERITY_INFO, npb.DELIVERY_STATE_SUPPRESSED)
    Receiver.received, Receiver.attempts = [], 0  # a probe delivered before the preferences arrived posts nothing

    event_id = request(any_mesh, acme, "olga", "Hooked", spb.SEVERITY_WARNING, body="see the webhook")
    ((headers, body),) = eventually(lambda: Receiver.received, 40, "the webhook after two failures")
    assert Receiver.attempts == 3  # two 503s, then accepted
    assert headers["X-Soma-Event-Id"] == event_id
    assert headers["Content-Type"] == "application/json"
    assert verify(DEV_WEBHOOK_SECRET.encode(), headers["X-Soma-Signature"], body, now=time.time())
    assert not verify(b"wrong", headers["X-Soma-Signature"], body, now=time.time())
    sent = json.loads(body)
    hooked = titled(stub, parent, olga, "Hooked")
    assert hooked is not None
    assert sent["name"] == hooked.name and sent["eventId"] == event_id and sent["body"] == "see the webhook"
    assert sent["severity"] == "SEVERITY_WARNING" and sent["deliveryState"] == "DELIVERY_STATE_DELIVERED"
