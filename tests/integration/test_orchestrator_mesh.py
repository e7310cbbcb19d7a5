"""SessionService through real Envoy, over gRPC and REST: sessions across constitution, policy, memory, SLM, tools."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import asyncpg
import grpc
import httpx
import pytest

from soma.constitution.v1 import constitution_pb2 as cpb
from soma.events.v1.envelope_pb2 import Event
from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.memory.v1 import memory_pb2, memory_service_pb2, memory_service_pb2_grpc
from soma.notification.v1 import notification_pb2
from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as pb
from soma.policy.v1 import policy_pb2
from somastack.config import Settings
from somastack.constitution import signing
from somastack.platform.events import open_bus, payload_of
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity, own_token
from tests.integration.test_constitution_mesh import document, load

SUFFIX = uuid.uuid4().hex[:6]
TENANT, OTHER = f"orch-{SUFFIX}", f"orchx-{SUFFIX}"
PARENT = f"tenants/{TENANT}"
S = session_pb2
#: The meshes this module ran sessions on, by id.
USED: dict[int, Mesh] = {}
#: The consumer group that drops the policy service's cached active constitution on `constitution.updated`.
POLICY_CACHE_GROUP = "policy-constitution-cache"
#: The consumer group that makes the orchestrator forget the active checksum it keeps on `constitution.updated`.
ORCHESTRATOR_GROUP = "orchestrator-constitution"


@dataclass
class People:
    owner: tuple[tuple[str, str], ...]
    admin: tuple[tuple[str, str], ...]
    member: tuple[tuple[str, str], ...]
    stranger: tuple[tuple[str, str], ...]
    checksum: str

    def user(self, name: str) -> str:
        return f"{PARENT}/users/{name}"


def rules_doc() -> cpb.Constitution:
    """Rules that react to `context.risk` and to secret tool arguments; absent keys match nothing."""
    doc = document()
    del doc.rules[:]
    doc.rules.extend(
        [
            cpb.PolicyRule(
                id="high-risk",
                expression="'risk' in context && context.risk >= 0.9",
                weight=1.0,
                reason_code="RISK_HIGH",
            ),
            cpb.PolicyRule(
                id="review",
                expression="'risk' in context && context.risk >= 0.5 && context.risk < 0.9",
                weight=0.5,
                reason_code="REVIEW",
            ),
            cpb.PolicyRule(
                id="secrets",
                expression="action.name == 'tool.invoke' && 'secret' in action.arguments",
                weight=1.0,
                reason_code="SECRET",
            ),
        ]
    )
    return doc


def user_token(mesh: Mesh, channel: grpc.Channel, tenant: str, user: str, role: int) -> str:
    """Creates `user` (when missing) and returns their own token."""
    admin = mesh.admin_token
    stub = identity(channel)
    try:
        stub.CreateUser(
            ipb.CreateUserRequest(
                parent=f"tenants/{tenant}",
                user_id=user,
                user=identity_pb2.User(display_name=user.title()),
                role=role,  # type: ignore[arg-type]
            ),
            metadata=bearer(admin),
        )
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.ALREADY_EXISTS:  # type: ignore[attr-defined]
            raise
    return own_token(mesh, f"tenants/{tenant}/users/{user}")


def people(mesh: Mesh, channel: grpc.Channel) -> People:
    """The tenant's owner (olga), an admin (ada), a member (max), another tenant's owner, and the constitution; each
    with a token of their own."""
    USED[id(mesh)] = mesh
    ensure_tenant_with_owner(channel, mesh.admin_token, TENANT)
    ensure_tenant_with_owner(channel, mesh.admin_token, OTHER)
    owner, stranger = own_token(mesh, f"{PARENT}/users/olga"), own_token(mesh, f"tenants/{OTHER}/users/olga")
    admin = user_token(mesh, channel, TENANT, "ada", identity_pb2.ROLE_ADMIN)
    member = user_token(mesh, channel, TENANT, "max", identity_pb2.ROLE_MEMBER)
    doc = rules_doc()
    load_and_wait(mesh, channel, doc)
    return People(bearer(owner), bearer(admin), bearer(member), bearer(stranger), signing.checksum(doc))


def load_and_wait(mesh: Mesh, channel: grpc.Channel, doc: cpb.Constitution) -> None:
    """Loads `doc` and waits until the orchestrator heard of it: sessions that name no checksum then use it."""
    loaded_at = time.time()
    if load(mesh, channel, doc).changed:
        wait = _handled_an_update_since(mesh, loaded_at, "orchestrator", ORCHESTRATOR_GROUP)
        with ThreadPoolExecutor(1) as thread:  # callers may run in an event loop of their own
            thread.submit(asyncio.run, wait).result()


def stub(channel: grpc.Channel) -> session_service_pb2_grpc.SessionServiceStub:
    return session_service_pb2_grpc.SessionServiceStub(channel)


def start(
    prompt: str, *, parent: str = PARENT, risk: float | None = None, request_id: str = "", **fields: object
) -> pb.StartSessionRequest:
    session = S.Session(prompt=prompt, **fields)  # type: ignore[arg-type]
    if risk is not None:
        session.context.update({"risk": risk})
    return pb.StartSessionRequest(parent=parent, session=session, request_id=request_id)


def code_and_reason(call: object) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as caught:
        call()  # type: ignore[operator]
    got = failure(caught.value)
    return got.code, got.reason


def kinds(session: S.Session) -> list[int]:
    return [step.kind for step in session.steps]


@pytest.fixture(scope="module", autouse=True)
def leave_policy_without_a_cached_constitution() -> Iterator[None]:
    """Sessions make the policy service cache the active constitution and the orchestrator keep its checksum
    (for 30 s, or until the next `constitution.updated`). Later modules that load a constitution and evaluate
    without naming its checksum must not race those caches: load one more and wait until both dropped theirs."""
    yield
    # Another module's own mesh (the trust suites' Kafka mesh) may be stopped already: it has no cache left to race.
    for mesh in [m for m in USED.values() if m.process.poll() is None]:
        with mesh.channel() as channel:
            loaded_at = time.time()
            load(mesh, channel, document())
        asyncio.run(_handled_an_update_since(mesh, loaded_at, "policy", POLICY_CACHE_GROUP))
        asyncio.run(_handled_an_update_since(mesh, loaded_at, "orchestrator", ORCHESTRATOR_GROUP))


def _handled_since(table: str, group: str, since: float) -> str:
    return f"SELECT count(*) FROM {table} WHERE consumer_group = '{group}' AND updated_at >= {since!r}"


async def _handled_an_update_since(mesh: Mesh, since: float, domain: str, group: str) -> None:
    url = mesh.env.get("SOMA_DATABASE_URL")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if url:
            connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
            try:
                schema = f"{mesh.env['SOMA_DB_SCHEMA_PREFIX']}{domain}"
                count = await connection.fetchval(_handled_since(f'"{schema}".event_inbox', group, since))
            finally:
                await connection.close()
        else:
            with sqlite3.connect(mesh.home / "dev" / f"{domain}.db") as db:
                count = db.execute(_handled_since("event_inbox", group, since)).fetchone()[0]
        if count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the {domain} service did not consume constitution.updated in time")


@pytest.fixture
def http(any_mesh: Mesh) -> Iterator[httpx.Client]:
    with any_mesh.http(timeout=30) as client:
        yield client


def test_allowed_session_answers_from_memory_and_runs_tools(any_mesh: Mesh, channel: grpc.Channel) -> None:
    who = people(any_mesh, channel)
    fact = f"The launch code word is PELICAN{SUFFIX}."
    remembered = (
        memory_service_pb2_grpc.MemoryServiceStub(channel)
        .Remember(
            memory_service_pb2.RememberRequest(
                parent=PARENT, memory=memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text=fact)
            ),
            metadata=who.owner,
        )
        .memory
    )
    calls = [
        S.ToolCall(tool="memory.remember"),
        S.ToolCall(tool="memory.recall"),
        S.ToolCall(tool="memory.remember"),
    ]
    calls[1].arguments.update({"query": "launch code word"})
    calls[2].arguments.update({"content": "top secret", "secret": True})
    request = start("What is the launch code word?", tool_calls=calls)
    header = ("x-soma-constitution", who.checksum)
    session = stub(channel).StartSession(request, metadata=(*who.member, ("x-soma-client-type", "cli"), header)).session

    assert session.state == S.SESSION_STATE_SUCCEEDED, session.error
    assert session.name.startswith(f"{PARENT}/sessions/")
    assert (session.requester, session.client_type) == (who.user("max"), "cli")
    assert session.constitution_checksum == who.checksum
    assert session.decision == policy_pb2.DECISION_ALLOW
    assert f"PELICAN{SUFFIX}" in session.answer.text and session.answer.text.startswith("echo: Context:")
    assert remembered.name in session.answer.citations
    assert (session.answer.provider, session.answer.model) == ("local", "soma-local-1")
    assert session.answer.finish_reason == 1 and session.answer.usage.total_tokens > 0
    assert kinds(session) == [
        S.STEP_KIND_CONSTITUTION_CHECK,
        S.STEP_KIND_POLICY,
        S.STEP_KIND_MEMORY,
        S.STEP_KIND_INFERENCE,
        S.STEP_KIND_TOOL,
        S.STEP_KIND_TOOL,
        S.STEP_KIND_TOOL,
    ]
    assert [s.index for s in session.steps] == list(range(1, 8))
    assert [s.status for s in session.steps][-3:] == [S.STEP_STATUS_OK, S.STEP_STATUS_OK, S.STEP_STATUS_SKIPPED]
    assert session.steps[1].rpc == "/soma.policy.v1.PolicyService/Evaluate"
    assert session.steps[3].rpc == "/soma.slm.v1.SlmService/InferSync"
    assert session.steps[0].detail["activeChecksum"] == who.checksum
    stored, recalled, secret = session.tool_results
    assert stored.ran and stored.decision == policy_pb2.DECISION_ALLOW and stored.output["memory"]
    assert recalled.ran and any(f"PELICAN{SUFFIX}" in hit["text"] for hit in recalled.output["hits"])
    assert not secret.ran and secret.decision == policy_pb2.DECISION_DENY and "SECRET" in secret.error

    got = stub(channel).GetSession(pb.GetSessionRequest(name=session.name), metadata=who.owner).session
    assert got == session

    # The step histogram the bench reads.
    metrics = httpx.get(f"http://127.0.0.1:{any_mesh.metrics_base + 7}/metrics", timeout=10).text
    assert 'soma_session_step_seconds_count{kind="inference"}' in metrics


async def test_approval_notifies_approvers_and_runs_as_the_approver(any_mesh: Mesh) -> None:
    with any_mesh.channel() as channel:
        who = people(any_mesh, channel)
        sessions = stub(channel)
        pending = sessions.StartSession(start("Delete the archive", risk=0.6), metadata=who.owner).session
        assert pending.state == S.SESSION_STATE_PENDING_APPROVAL
        assert pending.decision == policy_pb2.DECISION_REQUIRE_APPROVAL
        assert list(pending.reason_codes) == ["REVIEW"]
        waiting = pending.steps[-1]
        assert (waiting.kind, waiting.status) == (S.STEP_KIND_APPROVAL, S.STEP_STATUS_WAITING)
        approvers = list(waiting.detail["approvers"])
        assert who.user("ada") in approvers and who.user("olga") not in approvers and who.user("max") not in approvers

        own = failure_of(
            lambda: sessions.ApproveSession(
                pb.ApproveSessionRequest(name=pending.name, approve=True), metadata=who.owner
            )
        )
        assert (own.code, own.reason) == (grpc.StatusCode.PERMISSION_DENIED, "SELF_APPROVAL")
        assert own.metadata["requester"] == who.user("olga")
        assert code_and_reason(
            lambda: sessions.ApproveSession(
                pb.ApproveSessionRequest(name=pending.name, approve=True), metadata=who.member
            )
        ) == (grpc.StatusCode.PERMISSION_DENIED, "CAPABILITY_MISSING")

        done = sessions.ApproveSession(
            pb.ApproveSessionRequest(name=pending.name, approve=True, comment="looks fine"), metadata=who.admin
        ).session
        assert done.state == S.SESSION_STATE_SUCCEEDED, done.error
        assert (done.approval.approver, done.approval.approved, done.approval.comment) == (
            who.user("ada"),
            True,
            "looks fine",
        )
        approval = next(s for s in done.steps if s.kind == S.STEP_KIND_APPROVAL)
        assert approval.status == S.STEP_STATUS_OK and approval.index == waiting.index
        memory_step = next(s for s in done.steps if s.kind == S.STEP_KIND_MEMORY)
        assert memory_step.detail["credentials"] == f"approver {who.user('ada')}"
        again = failure_of(
            lambda: sessions.ApproveSession(
                pb.ApproveSessionRequest(name=pending.name, approve=True), metadata=who.admin
            )
        )
        assert (again.code, again.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "SESSION_STATE_CONFLICT")
        assert again.metadata["state"] == "SESSION_STATE_SUCCEEDED"

        rejected_at = sessions.StartSession(start("Drop the tables", risk=0.7), metadata=who.owner).session
        rejected = sessions.ApproveSession(
            pb.ApproveSessionRequest(name=rejected_at.name, approve=False, comment="not today"), metadata=who.admin
        ).session
        assert rejected.state == S.SESSION_STATE_REJECTED and "not today" in rejected.error
        assert not rejected.approval.approved and not rejected.HasField("answer")

    # One NotificationRequested per approver, and the session's events, reached the bus.
    notices, states = await read_bus(any_mesh, pending.name)
    assert who.user("ada") in [n.recipient for n in notices]
    assert who.user("olga") not in [n.recipient for n in notices]
    notice = notices[0]
    assert notice.title == "Approval needed: Delete the archive" and notice.topic == "session.pending_approval"
    assert notice.severity == 2 and notice.subject == pending.name  # SEVERITY_WARNING
    assert S.SESSION_STATE_PENDING_APPROVAL in states and states[-1] == S.SESSION_STATE_SUCCEEDED


def failure_of(call: object) -> object:
    with pytest.raises(grpc.RpcError) as caught:
        call()  # type: ignore[operator]
    return failure(caught.value)


async def read_bus(mesh: Mesh, session: str) -> tuple[list[notification_pb2.NotificationRequested], list[int]]:
    bus = open_bus(Settings(home=mesh.home), client_id="orchestrator-test")
    subscription = await bus.subscribe(f"it-{uuid.uuid4().hex[:8]}", ["notifications.events", "sessions.events"])
    notices: list[notification_pb2.NotificationRequested] = []
    states: list[int] = []
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline and not (notices and states and states[-1] == S.SESSION_STATE_SUCCEEDED):
            for delivery in await subscription.next(500, max_wait=0.5):
                event = Event.FromString(delivery.record.value)
                if event.subject != session:
                    continue
                notice = payload_of(event, notification_pb2.NotificationRequested)
                if notice is not None:
                    assert event.type == "soma.notification.v1.NotificationRequested" and event.tenant == TENANT
                    notices.append(notice)
                changed = payload_of(event, S.SessionEvent)
                if changed is not None and changed.kind == S.SESSION_EVENT_KIND_STATE:
                    assert event.type == "soma.orchestrator.v1.SessionEvent"
                    states.append(changed.state)
    finally:
        await subscription.close()
        await bus.close()
    return notices, states


def test_denied_stale_constitution_and_idempotency(any_mesh: Mesh, channel: grpc.Channel) -> None:
    who = people(any_mesh, channel)
    sessions = stub(channel)
    denied = sessions.StartSession(start("Wipe production", risk=0.95), metadata=who.member).session
    assert denied.state == S.SESSION_STATE_DENIED and "RISK_HIGH" in denied.error
    assert list(denied.reason_codes) == ["RISK_HIGH"] and denied.decision == policy_pb2.DECISION_DENY
    assert kinds(denied) == [S.STEP_KIND_CONSTITUTION_CHECK, S.STEP_KIND_POLICY]

    stale = failure_of(
        lambda: sessions.StartSession(start("hi"), metadata=(*who.member, ("x-soma-constitution", "0" * 64)))
    )
    assert (stale.code, stale.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "CONSTITUTION_CHECKSUM_MISMATCH")
    assert stale.metadata["activeChecksum"] == who.checksum

    key = f"k-{uuid.uuid4().hex[:8]}"
    first = sessions.StartSession(start("once", request_id=key), metadata=who.member).session
    again = sessions.StartSession(start("once", request_id=key), metadata=who.member).session
    assert again.name == first.name and again.request_id == key and again == first
    reused = failure_of(lambda: sessions.StartSession(start("twice", request_id=key), metadata=who.member))
    assert (reused.code, reused.reason) == (grpc.StatusCode.ALREADY_EXISTS, "REQUEST_ID_REUSED")
    assert reused.metadata["resource"] == first.name


def test_sessions_follow_a_newly_loaded_constitution(any_mesh: Mesh, channel: grpc.Channel) -> None:
    """The orchestrator keeps the active checksum between `constitution.updated` events: a session that names a
    just loaded constitution is checked against the constitution service at once, and one that names none uses
    the new constitution once the orchestrator heard of it."""
    who = people(any_mesh, channel)
    sessions = stub(channel)
    assert sessions.StartSession(start("before"), metadata=who.member).session.constitution_checksum == who.checksum

    named = rules_doc()
    load(any_mesh, channel, named)  # no wait: its event may not have arrived yet
    header = ("x-soma-constitution", signing.checksum(named))
    session = sessions.StartSession(start("named", risk=0.95), metadata=(*who.member, header)).session
    assert session.constitution_checksum == signing.checksum(named)
    assert session.state == S.SESSION_STATE_DENIED and session.steps[0].detail["activeChecksum"] == header[1]

    unnamed = rules_doc()
    load(any_mesh, channel, unnamed)
    deadline = time.monotonic() + 20
    seen = ""
    while time.monotonic() < deadline and seen != signing.checksum(unnamed):
        seen = sessions.StartSession(start("unnamed"), metadata=who.member).session.constitution_checksum
        time.sleep(0.05)
    assert seen == signing.checksum(unnamed), "sessions still use the constitution before the last load"
    denied = sessions.StartSession(start("unnamed risky", risk=0.95), metadata=who.member).session
    assert denied.constitution_checksum == signing.checksum(unnamed) and "RISK_HIGH" in denied.error


def test_queued_session_streams_its_events_until_it_finishes(any_mesh: Mesh, channel: grpc.Channel) -> None:
    who = people(any_mesh, channel)
    sessions = stub(channel)
    queued = sessions.StartSession(
        start("Queue this question", options=S.SessionOptions(queued=True, max_tokens=64)),
        metadata=(*who.member, ("x-soma-client-type", "sdk")),
    ).session
    assert queued.state in (S.SESSION_STATE_RUNNING, S.SESSION_STATE_SUCCEEDED)
    inference = next(s for s in queued.steps if s.kind == S.STEP_KIND_INFERENCE)
    assert inference.rpc == "/soma.slm.v1.SlmService/SubmitInference"
    assert queued.answer.inference.startswith(f"{PARENT}/inferences/")

    events = [
        r.event
        for r in sessions.StreamSessionEvents(
            pb.StreamSessionEventsRequest(name=queued.name), metadata=who.member, timeout=30
        )
    ]
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert events[0].kind == S.SESSION_EVENT_KIND_STATE and events[0].state == S.SESSION_STATE_RUNNING
    assert events[-1].kind == S.SESSION_EVENT_KIND_STATE and events[-1].state == S.SESSION_STATE_SUCCEEDED
    assert all(e.session == queued.name and e.requester == who.user("max") for e in events)
    steps = [e.step for e in events if e.kind == S.SESSION_EVENT_KIND_STEP]
    assert [s.status for s in steps if s.kind == S.STEP_KIND_INFERENCE] == [S.STEP_STATUS_WAITING, S.STEP_STATUS_OK]

    done = sessions.GetSession(pb.GetSessionRequest(name=queued.name), metadata=who.member).session
    assert done.state == S.SESSION_STATE_SUCCEEDED and done.answer.text.startswith("echo: Context:")
    assert done.answer.inference == queued.answer.inference and done.client_type == "sdk"
    tail = list(
        sessions.StreamSessionEvents(
            pb.StreamSessionEventsRequest(name=queued.name, after_sequence=len(events) - 1), metadata=who.member
        )
    )
    assert [r.event.sequence for r in tail] == [len(events)]


def test_list_sessions_pages_newest_first_and_filters(any_mesh: Mesh, channel: grpc.Channel) -> None:
    who = people(any_mesh, channel)
    sessions = stub(channel)
    lister = f"lister{uuid.uuid4().hex[:6]}"
    token = bearer(user_token(any_mesh, channel, TENANT, lister, identity_pb2.ROLE_MEMBER))
    started = [
        sessions.StartSession(start(f"question {i}", risk=0.95 if i == 1 else None), metadata=token).session
        for i in range(3)
    ]
    names: list[str] = []
    page_token = ""
    while True:
        page = sessions.ListSessions(
            pb.ListSessionsRequest(parent=PARENT, page_size=2, page_token=page_token, requester=who.user(lister)),
            metadata=who.owner,
        )
        assert all(not s.steps for s in page.sessions)
        names += [s.name for s in page.sessions]
        page_token = page.next_page_token
        if not page_token:
            break
    assert names == [s.name for s in reversed(started)]
    denied = sessions.ListSessions(
        pb.ListSessionsRequest(parent=PARENT, state=S.SESSION_STATE_DENIED, requester=who.user(lister)),
        metadata=who.member,
    )
    assert [s.name for s in denied.sessions] == [started[1].name]


def test_cancel_by_requester_or_approver_only(any_mesh: Mesh, channel: grpc.Channel) -> None:
    who = people(any_mesh, channel)
    sessions = stub(channel)
    pending = sessions.StartSession(start("Needs review", risk=0.5), metadata=who.member).session
    assert pending.state == S.SESSION_STATE_PENDING_APPROVAL
    other = bearer(user_token(any_mesh, channel, TENANT, "mia", identity_pb2.ROLE_MEMBER))
    assert code_and_reason(
        lambda: sessions.CancelSession(pb.CancelSessionRequest(name=pending.name), metadata=other)
    ) == (grpc.StatusCode.PERMISSION_DENIED, "CAPABILITY_MISSING")
    cancelled = sessions.CancelSession(
        pb.CancelSessionRequest(name=pending.name, reason="not needed"), metadata=who.member
    ).session
    assert cancelled.state == S.SESSION_STATE_CANCELLED and "not needed" in cancelled.error
    assert cancelled.steps[-1].status == S.STEP_STATUS_SKIPPED
    assert code_and_reason(
        lambda: sessions.CancelSession(pb.CancelSessionRequest(name=pending.name), metadata=who.member)
    ) == (grpc.StatusCode.FAILED_PRECONDITION, "SESSION_STATE_CONFLICT")
    # An approver may cancel someone else's session.
    another = sessions.StartSession(start("Needs review too", risk=0.5), metadata=who.member).session
    by_admin = sessions.CancelSession(pb.CancelSessionRequest(name=another.name), metadata=who.admin).session
    assert by_admin.state == S.SESSION_STATE_CANCELLED


def test_rest_start_stream_ndjson_list_approve_cancel(
    any_mesh: Mesh, channel: grpc.Channel, http: httpx.Client
) -> None:
    who = people(any_mesh, channel)

    def headers(metadata: tuple[tuple[str, str], ...], **extra: str) -> dict[str, str]:
        return {**dict(metadata), **extra}

    body = {"session": {"prompt": "Over REST", "options": {"queued": True}}, "requestId": f"r-{uuid.uuid4().hex[:8]}"}
    created = http.post(
        f"/v1/{PARENT}/sessions", json=body, headers=headers(who.member, **{"x-soma-client-type": "ui"})
    )
    assert created.status_code == 200, created.text
    session = created.json()["session"]
    assert session["clientType"] == "ui" and session["requester"] == who.user("max")
    name = session["name"]

    lines = []
    with http.stream("GET", f"/v1/{name}:streamEvents", headers=headers(who.member)) as streamed:
        assert streamed.status_code == 200
        for line in streamed.iter_lines():
            if line.strip():
                lines.append(json.loads(line))
    assert lines[0]["event"]["sequence"] == 1 and lines[0]["event"]["kind"] == "SESSION_EVENT_KIND_STATE"
    assert lines[-1]["event"]["state"] == "SESSION_STATE_SUCCEEDED"

    got = http.get(f"/v1/{name}", headers=headers(who.member))
    assert got.status_code == 200 and got.json()["session"]["state"] == "SESSION_STATE_SUCCEEDED"
    listed = http.get(f"/v1/{PARENT}/sessions", params={"pageSize": 1}, headers=headers(who.member))
    assert listed.status_code == 200 and len(listed.json()["sessions"]) == 1 and listed.json()["nextPageToken"]

    pending = http.post(
        f"/v1/{PARENT}/sessions",
        json={"session": {"prompt": "Risky", "context": {"risk": 0.6}}},
        headers=headers(who.member),
    ).json()["session"]
    assert pending["state"] == "SESSION_STATE_PENDING_APPROVAL"
    approved = http.post(f"/v1/{pending['name']}:approve", json={"approve": True}, headers=headers(who.admin))
    assert approved.status_code == 200, approved.text
    assert approved.json()["session"]["state"] == "SESSION_STATE_SUCCEEDED"
    conflict = http.post(f"/v1/{pending['name']}:cancel", json={}, headers=headers(who.member))
    assert conflict.status_code == 400 and conflict.json()["details"][0]["reason"] == "SESSION_STATE_CONFLICT"

    assert http.get(f"/v1/{name}", headers=headers(who.stranger)).status_code == 403
    assert http.get(f"/v1/{PARENT}/sessions/nope", headers=headers(who.member)).status_code == 404
    bad = http.post(f"/v1/{PARENT}/sessions", json={"session": {"prompt": ""}}, headers=headers(who.member))
    assert bad.status_code == 400 and bad.json()["details"][0]["reason"] == "FIELD_INVALID"


def test_bad_inputs_and_other_tenants_for_every_rpc(any_mesh: Mesh, channel: grpc.Channel) -> None:
    who = people(any_mesh, channel)
    sessions = stub(channel)
    mine = sessions.StartSession(start("mine", risk=0.6), metadata=who.member).session
    missing = f"{PARENT}/sessions/nope"

    def invalid(call: object, field: str) -> None:
        got = failure_of(call)
        assert (got.code, got.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID"), got  # type: ignore[attr-defined]
        assert field in [v[0] for v in got.violations], got.violations  # type: ignore[attr-defined]

    m = who.member
    unknown_tool = start("x", tool_calls=[S.ToolCall(tool="shell")])
    too_many = start("x", tool_calls=[S.ToolCall(tool="memory.remember")] * 17)
    invalid(lambda: sessions.StartSession(start(""), metadata=m), "session.prompt")
    invalid(lambda: sessions.StartSession(start("x" * 16_385), metadata=m), "session.prompt")
    invalid(lambda: sessions.StartSession(pb.StartSessionRequest(parent=PARENT), metadata=m), "session")
    invalid(lambda: sessions.StartSession(unknown_tool, metadata=m), "session.tool_calls[0].tool")
    invalid(lambda: sessions.StartSession(too_many, metadata=m), "session.tool_calls")
    invalid(
        lambda: sessions.StartSession(start("x", options=S.SessionOptions(max_tokens=40_000)), metadata=m),
        "session.options.max_tokens",
    )
    invalid(
        lambda: sessions.StartSession(start("x", options=S.SessionOptions(context_token_budget=-1)), metadata=m),
        "session.options.context_token_budget",
    )
    invalid(lambda: sessions.StartSession(start("x", request_id="k" * 129), metadata=m), "request_id")
    invalid(lambda: sessions.StartSession(start("x", parent=f"{PARENT}/x"), metadata=m), "parent")
    invalid(lambda: sessions.GetSession(pb.GetSessionRequest(name=f"{PARENT}/things/x"), metadata=m), "name")
    invalid(lambda: sessions.ListSessions(pb.ListSessionsRequest(parent=PARENT, page_size=-1), metadata=m), "page_size")
    invalid(
        lambda: sessions.ListSessions(pb.ListSessionsRequest(parent=PARENT, page_token="garbage"), metadata=m),
        "page_token",
    )
    invalid(
        lambda: sessions.ListSessions(pb.ListSessionsRequest(parent=PARENT, requester="bob"), metadata=m), "requester"
    )
    invalid(
        lambda: list(sessions.StreamSessionEvents(pb.StreamSessionEventsRequest(name=f"{PARENT}/x"), metadata=m)),
        "name",
    )
    invalid(
        lambda: list(
            sessions.StreamSessionEvents(pb.StreamSessionEventsRequest(name=mine.name, after_sequence=-1), metadata=m)
        ),
        "after_sequence",
    )
    invalid(lambda: sessions.ApproveSession(pb.ApproveSessionRequest(name="x"), metadata=who.admin), "name")
    invalid(
        lambda: sessions.ApproveSession(
            pb.ApproveSessionRequest(name=mine.name, approve=True, comment="c" * 2001), metadata=who.admin
        ),
        "comment",
    )
    invalid(lambda: sessions.CancelSession(pb.CancelSessionRequest(name="x"), metadata=m), "name")
    invalid(
        lambda: sessions.CancelSession(pb.CancelSessionRequest(name=mine.name, reason="r" * 2001), metadata=m), "reason"
    )

    not_found = (grpc.StatusCode.NOT_FOUND, "SESSION_NOT_FOUND")
    assert code_and_reason(lambda: sessions.GetSession(pb.GetSessionRequest(name=missing), metadata=m)) == not_found
    assert (
        code_and_reason(
            lambda: list(sessions.StreamSessionEvents(pb.StreamSessionEventsRequest(name=missing), metadata=m))
        )
        == not_found
    )
    assert (
        code_and_reason(
            lambda: sessions.ApproveSession(pb.ApproveSessionRequest(name=missing, approve=True), metadata=who.admin)
        )
        == not_found
    )
    assert (
        code_and_reason(lambda: sessions.CancelSession(pb.CancelSessionRequest(name=missing), metadata=m)) == not_found
    )

    # Another tenant's token on this tenant's sessions: every RPC refuses it.
    x = who.stranger
    mismatch = (grpc.StatusCode.PERMISSION_DENIED, "TENANT_MISMATCH")
    assert code_and_reason(lambda: sessions.StartSession(start("x"), metadata=x)) == mismatch
    assert code_and_reason(lambda: sessions.GetSession(pb.GetSessionRequest(name=mine.name), metadata=x)) == mismatch
    assert code_and_reason(lambda: sessions.ListSessions(pb.ListSessionsRequest(parent=PARENT), metadata=x)) == mismatch
    assert (
        code_and_reason(
            lambda: list(sessions.StreamSessionEvents(pb.StreamSessionEventsRequest(name=mine.name), metadata=x))
        )
        == mismatch
    )
    assert (
        code_and_reason(
            lambda: sessions.ApproveSession(pb.ApproveSessionRequest(name=mine.name, approve=True), metadata=x)
        )
        == mismatch
    )
    assert (
        code_and_reason(lambda: sessions.CancelSession(pb.CancelSessionRequest(name=mine.name), metadata=x)) == mismatch
    )
    # Their own tenant does not see ours either.
    theirs = sessions.ListSessions(pb.ListSessionsRequest(parent=f"tenants/{OTHER}"), metadata=x)
    assert mine.name not in [s.name for s in theirs.sessions]
    assert code_and_reason(lambda: sessions.StartSession(start("x"))) == (
        grpc.StatusCode.UNAUTHENTICATED,
        "TOKEN_MISSING",
    )
    sessions.CancelSession(pb.CancelSessionRequest(name=mine.name), metadata=m)
