"""Approvers the orchestrator could not resolve: the notification service asks identity and notifies them, retried
through the event consumer until identity answers; the mesh adapter on a real gRPC server."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import struct_pb2
from sqlalchemy import select

from soma.events.v1.envelope_pb2 import Event
from soma.identity.v1 import identity_pb2, identity_service_pb2, identity_service_pb2_grpc
from soma.orchestrator.v1 import session_pb2 as opb
from somastack.config import Settings
from somastack.notification.adapters.mesh_approvers import MeshApprovers
from somastack.notification.adapters.sql_store import DOMAIN, SqlNotificationStore, inbox
from somastack.notification.metrics import NotificationMetrics
from somastack.notification.model import DeliveryState, Notification, Severity
from somastack.notification.service import Notifier
from somastack.orchestrator.adapters.sql_store import SqlSessionStore, outbox
from somastack.orchestrator.model import Credentials, Decision, Evaluation, HopError, Retrieved, State
from somastack.orchestrator.service import Draft, Orchestrator
from somastack.platform.db import create_engine
from somastack.platform.errors import NotFound, Unavailable
from somastack.platform.events import EmbeddedLogBus, EventConsumer, EventMetrics, Record, new_event, payload_of
from somastack.platform.migrations import upgrade_async
from somastack.platform.principal import Principal
from somastack.platform.service_token import ServiceToken
from somastack.runtime.context import RequestContext, bind, unbind
from tests.conftest import require_env

T0 = 1_780_000_000.0
OLGA = "tenants/acme/users/olga"
ADA = "tenants/acme/users/ada"
BOB = "tenants/acme/users/bob"
SESSION = "tenants/acme/sessions/s1"


@dataclass
class FakeApprovers:
    """The Approvers port: fails `failures` times (identity down), then answers `users`."""

    users: list[str] = field(default_factory=lambda: [ADA, OLGA, BOB])
    failures: int = 0
    missing: bool = False
    calls: list[str] = field(default_factory=list)

    async def approvers(self, tenant: str) -> list[str]:
        self.calls.append(tenant)
        if self.missing:
            raise NotFound("TENANT_NOT_FOUND", "tenant", f"tenants/{tenant}")
        if self.failures:
            self.failures -= 1
            raise Unavailable("SERVICE_UNAVAILABLE", "the identity service did not answer (UNAVAILABLE)")
        return list(self.users)


@dataclass
class World:
    settings: Settings
    store: SqlNotificationStore
    notifier: Notifier
    directory: FakeApprovers
    metrics: NotificationMetrics

    async def handle(self, event: Event) -> None:
        async with self.store.transaction() as connection:
            await self.notifier.on_session(event, connection)

    async def inbox_of(self, user: str) -> list[Notification]:
        token = bind(as_user(user))
        try:
            return (await self.notifier.list(user))[0]
        finally:
            unbind(token)

    def dropped(self, reason: str) -> float:
        value = self.metrics.registry.get_sample_value("soma_notifications_dropped_total", {"reason": reason})
        return value or 0.0


@pytest.fixture(params=["sqlite", "postgres"])
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=f"ap{uuid.uuid4().hex[:8]}_")
    await upgrade_async(settings, DOMAIN)
    engine = create_engine(settings, DOMAIN)
    store = SqlNotificationStore(engine)
    metrics = NotificationMetrics()
    directory = FakeApprovers()
    notifier = Notifier(store, metrics=metrics, clock=lambda: T0, approvers=directory)
    yield World(settings, store, notifier, directory, metrics)
    await engine.dispose()
    if url:
        import asyncpg

        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        await connection.execute(f'DROP SCHEMA IF EXISTS "{settings.db_schema_prefix}{DOMAIN}" CASCADE')
        await connection.close()


def as_user(subject: str) -> RequestContext:
    principal = Principal(subject, subject.split("/")[1], frozenset({"notifications.read"}), T0 + 3600)
    return RequestContext("r1", "/x", principal, "sdk", "", "dev")


def approval_step(*, unresolved: bool = True, approvers: tuple[str, ...] = ()) -> Event:
    """The STEP event of an APPROVAL step WAITING, as the orchestrator publishes it."""
    detail = struct_pb2.Struct()
    detail.update({"reasonCodes": ["HIGH_RISK"], "approvers": list(approvers)})
    if unresolved:
        detail.update({"approversUnresolved": True, "directoryError": "UNAVAILABLE", "promptPreview": "Drop the db"})
    step = opb.Step(index=2, kind=opb.STEP_KIND_APPROVAL, status=opb.STEP_STATUS_WAITING, detail=detail)
    change = opb.SessionEvent(
        session=SESSION,
        kind=opb.SESSION_EVENT_KIND_STEP,
        state=opb.SESSION_STATE_RUNNING,
        step=step,
        requester=OLGA,
        sequence=4,
    )
    return new_event(type=change.DESCRIPTOR.full_name, source="//tests", tenant="acme", payload=change)


def test_the_sessions_consumer_wants_unresolved_approvals_and_outcomes_only() -> None:
    assert Notifier.wants_session(approval_step())
    assert not Notifier.wants_session(approval_step(unresolved=False, approvers=(ADA,)))
    other = opb.SessionEvent(
        session=SESSION,
        kind=opb.SESSION_EVENT_KIND_STEP,
        step=opb.Step(kind=opb.STEP_KIND_MEMORY, status=opb.STEP_STATUS_OK),
        requester=OLGA,
    )
    assert not Notifier.wants_session(new_event(type="t", source="//tests", tenant="acme", payload=other))
    done = opb.SessionEvent(
        session=SESSION, kind=opb.SESSION_EVENT_KIND_STATE, state=opb.SESSION_STATE_SUCCEEDED, requester=OLGA
    )
    assert Notifier.wants_session(new_event(type="t", source="//tests", tenant="acme", payload=done))


async def test_unresolved_approvers_are_asked_of_identity_and_notified(world: World) -> None:
    world.directory.users = [ADA, OLGA, BOB, ADA, "tenants/globex/users/eve"]
    event = approval_step()
    await world.handle(event)
    await world.handle(event)  # handled twice (a redelivery past the inbox): still one notification each
    assert world.directory.calls == ["acme", "acme"]
    for user in (ADA, BOB):
        (notice,) = await world.inbox_of(user)
        assert (notice.title, notice.topic, notice.subject, notice.severity) == (
            "Approval needed: Drop the db",
            "session.pending_approval",
            SESSION,
            Severity.WARNING,
        )
        assert OLGA in notice.body and "HIGH_RISK" in notice.body and notice.event_id == event.id
        assert notice.state is DeliveryState.DELIVERED
    assert await world.inbox_of(OLGA) == []  # the requester never approves their own session
    assert world.dropped("cross_tenant") == 2  # an approver outside the event's tenant is never notified


async def test_resolved_approvals_are_left_to_the_orchestrator(world: World) -> None:
    await world.handle(approval_step(unresolved=False, approvers=(ADA,)))
    assert world.directory.calls == [] and await world.inbox_of(ADA) == []


async def test_identity_down_fails_the_event_and_stores_nothing(world: World) -> None:
    world.directory.failures = 1
    with pytest.raises(Unavailable):
        await world.handle(approval_step())
    assert await world.inbox_of(ADA) == []


async def test_a_missing_tenant_or_directory_drops_the_event(world: World) -> None:
    world.directory.missing = True
    await world.handle(approval_step())
    no_directory = Notifier(world.store, metrics=world.metrics, clock=lambda: T0)
    async with world.store.transaction() as connection:
        await no_directory.on_session(approval_step(), connection)
    assert world.dropped("unresolved") == 2 and await world.inbox_of(ADA) == []


async def test_the_consumer_retries_until_identity_answers(world: World) -> None:
    """Identity down for several attempts: the event is redelivered with backoff, then every approver is told."""
    world.directory.failures = 4
    bus = EmbeddedLogBus(world.settings.home / "events.db")
    consumer = EventConsumer(
        bus,
        group="notification-sessions",
        topics=["sessions.events"],
        handler=world.notifier.on_session,
        engine=world.store._engine,
        inbox=inbox,
        domain=DOMAIN,
        metrics=EventMetrics(),
        accepts=Notifier.wants_session,
        max_attempts=10,
    )
    event = approval_step()
    await bus.publish([Record("sessions.events", event.SerializeToString(), SESSION.encode())])
    await consumer.start()
    try:
        for _ in range(400):  # 20 s at most
            if await world.inbox_of(BOB):
                break
            await asyncio.sleep(0.05)
    finally:
        await consumer.stop()
        await bus.close()
    assert len(world.directory.calls) == 5
    assert [n.subject for n in await world.inbox_of(ADA)] == [SESSION]


class IdentityDown:
    """The orchestrator's path with policy asking for approval and identity not answering."""

    async def checksum(self, credentials: Credentials, *, expected: str = "") -> str:
        return "c" * 64

    async def evaluate(self, *args: Any, **kwargs: Any) -> Evaluation:
        return Evaluation(Decision.REQUIRE_APPROVAL, 0.5, ("HIGH_RISK",), ("risky",), (), "c" * 64)

    async def retrieve_context(self, *args: Any, **kwargs: Any) -> Retrieved:
        return Retrieved("", (), 0)

    async def approvers(self, tenant: str, credentials: Credentials) -> list[str]:
        raise HopError("/soma.identity.v1.IdentityService/ListMemberships", "UNAVAILABLE", "no healthy upstream")


async def test_the_orchestrators_unresolved_step_reaches_the_approvers(world: World, tmp_path: Path) -> None:
    """Both sides of the marker: the session waits with its approvers unresolved, and the step's event (as the
    orchestrator's outbox holds it) becomes an approval request for each approver."""
    settings = Settings(home=tmp_path / "orchestrator")
    await upgrade_async(settings, "orchestrator")
    engine = create_engine(settings, "orchestrator")
    mesh: Any = IdentityDown()
    orchestrator = Orchestrator(SqlSessionStore(engine), mesh, mesh, mesh, mesh, mesh)
    try:
        olga = Credentials("Bearer olga", "r1", "cli", OLGA)
        pending = await orchestrator.start("tenants/acme", Draft("Drop the db"), olga)
        async with engine.connect() as connection:
            rows = await connection.execute(select(outbox.c.topic, outbox.c.payload).order_by(outbox.c.id))
            published = [Event.FromString(row.payload) for row in rows if row.topic == "sessions.events"]
    finally:
        await orchestrator.close()
        await engine.dispose()
    assert pending.state is State.PENDING_APPROVAL
    waiting = pending.steps[-1]
    assert waiting.detail["approvers"] == [] and waiting.detail["approversUnresolved"] is True
    assert "UNAVAILABLE" in waiting.detail["directoryError"]
    (step,) = [e for e in published if Notifier.wants_session(e)]
    change = payload_of(step, opb.SessionEvent)
    assert change is not None and change.kind == opb.SESSION_EVENT_KIND_STEP
    await world.handle(step)
    for user in (ADA, BOB):
        (notice,) = await world.inbox_of(user)
        assert notice.title == "Approval needed: Drop the db" and notice.subject == pending.name
    assert await world.inbox_of(OLGA) == []


# -- the mesh adapter -----------------------------------------------------------------------------------------------


class FakeIdentity(identity_service_pb2_grpc.IdentityServiceServicer):
    """ListMemberships in pages of two; records the metadata each call carried."""

    def __init__(self) -> None:
        self.metadata: list[dict[str, Any]] = []
        self.memberships = [
            identity_pb2.Membership(user=ADA, capabilities=["sessions.approve"]),
            identity_pb2.Membership(user=OLGA, capabilities=["sessions.read"]),
            identity_pb2.Membership(user=BOB, capabilities=["sessions.read", "sessions.approve"]),
        ]

    async def ListMemberships(
        self, request: identity_service_pb2.ListMembershipsRequest, context: grpc.aio.ServicerContext
    ) -> identity_service_pb2.ListMembershipsResponse:
        self.metadata.append(dict(context.invocation_metadata() or ()))
        if request.parent != "tenants/acme":
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such tenant")
        start = int(request.page_token or 0)
        page = self.memberships[start : start + 2]
        following = str(start + 2) if start + 2 < len(self.memberships) else ""
        return identity_service_pb2.ListMembershipsResponse(memberships=page, next_page_token=following)


@pytest.fixture
def token(tmp_path: Path) -> Iterator[ServiceToken]:
    path = tmp_path / "notification.token"
    path.write_text("service-token\n")
    yield ServiceToken(path)


async def test_mesh_approvers_page_through_memberships_with_the_service_token(token: ServiceToken) -> None:
    identity = FakeIdentity()
    server = grpc.aio.server()
    identity_service_pb2_grpc.add_IdentityServiceServicer_to_server(identity, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    approvers = MeshApprovers(f"127.0.0.1:{port}", token)
    try:
        assert await approvers.approvers("acme") == [ADA, BOB]
        assert all(m["authorization"] == "Bearer service-token" for m in identity.metadata)
        assert len(identity.metadata) == 2
        with pytest.raises(NotFound):
            await approvers.approvers("globex")
        await server.stop(None)
        with pytest.raises(Unavailable) as down:
            await approvers.approvers("acme")
        assert down.value.reason == "SERVICE_UNAVAILABLE"
    finally:
        await approvers.close()
        await server.stop(None)
