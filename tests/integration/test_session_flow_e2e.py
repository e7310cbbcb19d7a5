"""The session flow end to end, through Envoy only, on the embedded engines and on PostgreSQL + Redis + Tansu.

Tenant and tokens -> a signed constitution -> memories -> StartSession answered from the recalled context; then the
approval path with two users and their notifications; `settings.changed` switching the provider a session uses (to
an OpenAI-compatible server speaking the real wire format); a request under a stale constitution refused; and
`soma demo` telling the same story against the same mesh.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import grpc
import pytest

from soma.constitution.v1 import constitution_pb2 as cpb
from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.memory.v1 import memory_pb2, memory_service_pb2_grpc
from soma.memory.v1 import memory_service_pb2 as mpb
from soma.notification.v1 import notification_pb2, notification_service_pb2_grpc
from soma.notification.v1 import notification_service_pb2 as npb
from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as opb
from soma.policy.v1 import policy_pb2
from soma.settings.v1 import settings_pb2, settings_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2 as spb
from somastack.testing import MeshProcess
from tests.conftest import REPO
from tests.integration.fake_llm_servers import FakeServer, Script
from tests.integration.helpers import bearer, failure, identity, mesh_on, own_token
from tests.integration.test_constitution_mesh import load

T = TypeVar("T")
FACT = "The Orion launch review is on Thursday at 10:00 in room Vega."
QUESTION = "When is the Orion launch review?"
MODEL_ANSWER = "The review is on Thursday at ten, in Vega."


@dataclass
class Stack:
    """A running mesh and the OpenAI-compatible server its SLM service may call."""

    engines: str
    mesh: MeshProcess
    openai: FakeServer


@pytest.fixture(scope="module", params=["embedded", "postgres-redis-tansu"])
def stack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    home = tmp_path_factory.mktemp(f"e2e-{request.param}")
    with FakeServer("openai", Script(text=MODEL_ANSWER)) as openai:
        keys = {"SOMA_SLM_OPENAI_BASE_URL": openai.url, "SOMA_SLM_OPENAI_API_KEY": "sk-e2e"}
        with mesh_on(request.param, home, "e2e", **keys) as mesh:
            yield Stack(request.param, mesh, openai)


def eventually(check: Callable[[], T | None], what: str, timeout: float = 30.0) -> T:
    """Polls `check()` until it returns something: events cross the bus asynchronously."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found is not None:
            return found
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def risky_constitution() -> cpb.Constitution:
    return cpb.Constitution(
        version=f"e2e-{uuid.uuid4().hex[:10]}",
        title="End-to-end constitution",
        principles=[cpb.Principle(id="oversight", text="A human co-signs what is risky.")],
        rules=[
            cpb.PolicyRule(
                id="risky",
                expression="has(context.risk) && context.risk >= 0.5",
                weight=0.5,
                reason_code="HIGH_RISK",
            )
        ],
        thresholds=cpb.Thresholds(allow_below=0.3, deny_above=0.7),
    )


class Client:
    """One user's view of the mesh: gRPC stubs on Envoy with the user's token."""

    def __init__(self, channel: grpc.Channel, token: str, checksum: str) -> None:
        self.token = token
        self.checksum = checksum
        self.sessions = session_service_pb2_grpc.SessionServiceStub(channel)
        self.memory = memory_service_pb2_grpc.MemoryServiceStub(channel)
        self.notifications = notification_service_pb2_grpc.NotificationServiceStub(channel)
        self.settings = settings_service_pb2_grpc.SettingsServiceStub(channel)

    def metadata(self, checksum: str | None = None) -> tuple[tuple[str, str], ...]:
        return (
            *bearer(self.token),
            ("x-soma-client-type", "sdk"),
            ("x-soma-constitution", self.checksum if checksum is None else checksum),
        )

    def start(self, parent: str, prompt: str, *, checksum: str | None = None, **context: Any) -> session_pb2.Session:
        session = session_pb2.Session(prompt=prompt)
        session.context.update(context)
        response = self.sessions.StartSession(
            opb.StartSessionRequest(parent=parent, session=session, request_id=uuid.uuid4().hex),
            metadata=self.metadata(checksum),
        )
        return response.session

    def notification_about(self, user: str, subject: str) -> notification_pb2.Notification | None:
        listed = self.notifications.ListNotifications(
            npb.ListNotificationsRequest(parent=user), metadata=bearer(self.token)
        )
        return next((n for n in listed.notifications if n.subject == subject), None)


def people(channel: grpc.Channel, mesh: MeshProcess, tenant: str) -> dict[str, str]:
    """Creates the tenant with ada (member), grace and linus (admins, who may approve); returns their own tokens."""
    admin = mesh.admin_token
    stub = identity(channel)
    stub.CreateTenant(
        ipb.CreateTenantRequest(tenant_id=tenant, tenant=identity_pb2.Tenant(display_name="E2E")),
        metadata=bearer(admin),
    )
    tokens = {}
    for user, role in (
        ("ada", identity_pb2.ROLE_MEMBER),
        ("grace", identity_pb2.ROLE_ADMIN),
        ("linus", identity_pb2.ROLE_ADMIN),
    ):
        stub.CreateUser(
            ipb.CreateUserRequest(
                parent=f"tenants/{tenant}", user_id=user, user=identity_pb2.User(display_name=user), role=role
            ),
            metadata=bearer(admin),
        )
        tokens[user] = own_token(mesh, f"tenants/{tenant}/users/{user}")
    return tokens


def kinds(session: session_pb2.Session) -> list[str]:
    return [session_pb2.StepKind.Name(step.kind).removeprefix("STEP_KIND_") for step in session.steps]


def test_the_session_story_through_envoy(stack: Stack) -> None:
    mesh = stack.mesh
    tenant = f"e2e-{uuid.uuid4().hex[:8]}"
    parent = f"tenants/{tenant}"
    with mesh.channel() as channel, mesh.http(timeout=30) as http:
        tokens = people(channel, mesh, tenant)
        loaded = load(mesh, channel, risky_constitution()).constitution_version
        active = http.get("/v1/constitution:checksum").json()["checksum"]
        assert loaded.checksum == active
        ada, grace = Client(channel, tokens["ada"], active), Client(channel, tokens["grace"], active)

        # Memories, over REST as a browser would write them.
        remembered = http.post(
            f"/v1/{parent}/memories",
            json={"memory": {"kind": "MEMORY_KIND_SEMANTIC", "text": FACT}, "requestId": "fact-1"},
            headers={"authorization": f"Bearer {tokens['ada']}"},
        )
        assert remembered.status_code == 200, remembered.text
        fact_name = remembered.json()["memory"]["name"]
        ada.memory.Remember(
            mpb.RememberRequest(
                parent=parent,
                memory=memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text="Atlas runs in Frankfurt."),
            ),
            metadata=bearer(tokens["ada"]),
        )

        # 1. A session answered from the recalled context, each hop traced.
        answered = ada.start(parent, QUESTION)
        assert answered.state == session_pb2.SESSION_STATE_SUCCEEDED, answered.error
        assert kinds(answered)[:4] == ["CONSTITUTION_CHECK", "POLICY", "MEMORY", "INFERENCE"]
        assert all(step.status == session_pb2.STEP_STATUS_OK for step in answered.steps)
        assert fact_name in answered.answer.citations
        assert "Thursday" in answered.answer.text and answered.answer.provider == "local"
        assert answered.client_type == "sdk" and answered.requester == f"{parent}/users/ada"
        assert answered.constitution_checksum == active
        assert answered.decision == policy_pb2.DECISION_ALLOW

        # 2. Two keys: grace's risky session waits; she cannot approve it herself, nor can a member; linus can.
        linus = Client(channel, tokens["linus"], active)
        pending = grace.start(parent, "Roll the model out to production.", risk=0.6)
        assert pending.state == session_pb2.SESSION_STATE_PENDING_APPROVAL
        assert "HIGH_RISK" in pending.reason_codes and kinds(pending)[-1] == "APPROVAL"
        for who, reason in ((grace, "SELF_APPROVAL"), (ada, "CAPABILITY_MISSING")):
            with pytest.raises(grpc.RpcError) as refused_approval:
                who.sessions.ApproveSession(
                    opb.ApproveSessionRequest(name=pending.name, approve=True), metadata=who.metadata()
                )
            assert (failure(refused_approval.value).code, failure(refused_approval.value).reason) == (
                grpc.StatusCode.PERMISSION_DENIED,
                reason,
            )
        asked = eventually(
            lambda: linus.notification_about(f"{parent}/users/linus", pending.name), "linus's approval notification"
        )
        assert asked.severity >= settings_pb2.SEVERITY_WARNING
        approved = linus.sessions.ApproveSession(
            opb.ApproveSessionRequest(name=pending.name, approve=True, comment="plan checked"),
            metadata=linus.metadata(),
        ).session
        assert approved.state == session_pb2.SESSION_STATE_SUCCEEDED, approved.error
        assert approved.approval.approver == f"{parent}/users/linus" and approved.approval.approved
        assert "APPROVAL" in kinds(approved) and "INFERENCE" in kinds(approved)
        told = eventually(
            lambda: grace.notification_about(f"{parent}/users/grace", pending.name),
            "grace's session-finished notification",
        )
        assert told.subject == pending.name

        # The session's events, streamed as newline-delimited JSON through Envoy's REST surface.
        with http.stream(
            "GET", f"/v1/{pending.name}:streamEvents", headers={"authorization": f"Bearer {tokens['ada']}"}
        ) as stream:
            assert stream.status_code == 200
            events = [json.loads(line)["event"] for line in stream.iter_lines() if line.strip()]
        assert [e["sequence"] for e in events] == sorted(e["sequence"] for e in events)
        assert events[-1]["state"] == "SESSION_STATE_SUCCEEDED"
        assert any(e.get("state") == "SESSION_STATE_PENDING_APPROVAL" for e in events)

        # 3. settings.changed switches the provider: the next sessions go to the OpenAI-compatible server.
        grace.settings.UpdateModelProfile(
            spb.UpdateModelProfileRequest(
                model_profile=settings_pb2.ModelProfile(
                    name=f"{parent}/modelProfiles/chat", provider="openai", model="gpt-e2e"
                ),
                allow_missing=True,
            ),
            metadata=bearer(tokens["grace"]),
        )

        def on_openai() -> session_pb2.Session | None:
            session = ada.start(parent, QUESTION)
            return session if session.answer.provider == "openai" else None

        switched = eventually(on_openai, "a session answered by the openai provider")
        assert switched.answer.model == "gpt-e2e" and switched.answer.text == MODEL_ANSWER
        prompt = stack.openai.script.requests[-1][2]["messages"]
        assert any(FACT in message["content"] for message in prompt), "the model was not given the recalled context"

        # 4. A request made under another constitution than the active one is refused, and nothing starts.
        before = ada.sessions.ListSessions(opb.ListSessionsRequest(parent=parent), metadata=ada.metadata())
        with pytest.raises(grpc.RpcError) as stale:
            ada.start(parent, QUESTION, checksum="0" * 64)
        refused = failure(stale.value)
        assert (refused.code, refused.reason) == (
            grpc.StatusCode.FAILED_PRECONDITION,
            "CONSTITUTION_CHECKSUM_MISMATCH",
        )
        assert refused.metadata["activeChecksum"] == active
        after = ada.sessions.ListSessions(opb.ListSessionsRequest(parent=parent), metadata=ada.metadata())
        assert len(after.sessions) == len(before.sessions)


def test_people_and_profiles_change_around_sessions_through_envoy(stack: Stack) -> None:
    """A requester cancels a session waiting for approval; an admin demoted to member can no longer approve; a
    disabled user gets no new token; a deleted chat profile sends sessions back to the default provider."""
    mesh = stack.mesh
    tenant = f"e2e-{uuid.uuid4().hex[:8]}"
    parent = f"tenants/{tenant}"
    with mesh.channel() as channel:
        tokens = people(channel, mesh, tenant)
        active = load(mesh, channel, risky_constitution()).constitution_version.checksum
        ada, grace, linus = (Client(channel, tokens[user], active) for user in ("ada", "grace", "linus"))
        directory = identity(channel)

        # 1. Cancelled while it waits: its approval step is skipped, and nobody can approve it afterwards.
        pending = ada.start(parent, "Delete last year's audit logs.", risk=0.6)
        assert pending.state == session_pb2.SESSION_STATE_PENDING_APPROVAL
        with pytest.raises(grpc.RpcError) as not_yours:
            ada.sessions.CancelSession(
                opb.CancelSessionRequest(name=pending.name.replace(tenant, "someone-else")), metadata=ada.metadata()
            )
        assert failure(not_yours.value).code == grpc.StatusCode.PERMISSION_DENIED
        cancelled = ada.sessions.CancelSession(
            opb.CancelSessionRequest(name=pending.name, reason="asked by mistake"), metadata=ada.metadata()
        ).session
        assert cancelled.state == session_pb2.SESSION_STATE_CANCELLED
        approval = next(step for step in cancelled.steps if step.kind == session_pb2.STEP_KIND_APPROVAL)
        assert approval.status == session_pb2.STEP_STATUS_SKIPPED
        with pytest.raises(grpc.RpcError) as too_late:
            linus.sessions.ApproveSession(
                opb.ApproveSessionRequest(name=pending.name, approve=True), metadata=linus.metadata()
            )
        late = failure(too_late.value)
        assert (late.code, late.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "SESSION_STATE_CONFLICT")
        assert late.metadata["state"] == "SESSION_STATE_CANCELLED"
        stored = ada.sessions.GetSession(opb.GetSessionRequest(name=pending.name), metadata=ada.metadata()).session
        assert stored.state == session_pb2.SESSION_STATE_CANCELLED and stored.update_time == cancelled.update_time

        # 2. Linus is demoted to member (etag-checked): a token issued after that cannot approve; grace still can.
        membership_name = f"{parent}/memberships/linus"
        current = directory.GetMembership(
            ipb.GetMembershipRequest(name=membership_name), metadata=bearer(tokens["grace"])
        ).membership
        demoted = directory.UpdateMembership(
            ipb.UpdateMembershipRequest(
                membership=identity_pb2.Membership(name=membership_name, role=identity_pb2.ROLE_MEMBER),
                etag=current.etag,
            ),
            metadata=bearer(tokens["grace"]),
        ).membership
        assert "sessions.approve" not in demoted.capabilities
        with pytest.raises(grpc.RpcError) as stale_edit:
            directory.UpdateMembership(
                ipb.UpdateMembershipRequest(
                    membership=identity_pb2.Membership(name=membership_name, role=identity_pb2.ROLE_ADMIN),
                    etag=current.etag,
                ),
                metadata=bearer(tokens["grace"]),
            )
        assert (failure(stale_edit.value).code, failure(stale_edit.value).reason) == (
            grpc.StatusCode.ABORTED,
            "ETAG_MISMATCH",
        )
        reissued = directory.IssueToken(
            ipb.IssueTokenRequest(user=f"{parent}/users/linus"), metadata=bearer(mesh.admin_token)
        ).access_token
        member_linus = Client(channel, reissued, active)
        waiting = ada.start(parent, "Rotate the production keys.", risk=0.6)
        assert waiting.state == session_pb2.SESSION_STATE_PENDING_APPROVAL
        with pytest.raises(grpc.RpcError) as demoted_approval:
            member_linus.sessions.ApproveSession(
                opb.ApproveSessionRequest(name=waiting.name, approve=True), metadata=member_linus.metadata()
            )
        assert (failure(demoted_approval.value).code, failure(demoted_approval.value).reason) == (
            grpc.StatusCode.PERMISSION_DENIED,
            "CAPABILITY_MISSING",
        )
        approved = grace.sessions.ApproveSession(
            opb.ApproveSessionRequest(name=waiting.name, approve=True), metadata=grace.metadata()
        ).session
        assert approved.state == session_pb2.SESSION_STATE_SUCCEEDED, approved.error
        assert approved.approval.approver == f"{parent}/users/grace"

        # 3. Ada is disabled: she gets no new token (her issued one lives until it expires, as documented).
        disabled = directory.DisableUser(
            ipb.DisableUserRequest(name=f"{parent}/users/ada"), metadata=bearer(tokens["grace"])
        ).user
        assert disabled.state == identity_pb2.USER_STATE_DISABLED
        with pytest.raises(grpc.RpcError) as no_token:
            directory.IssueToken(ipb.IssueTokenRequest(user=f"{parent}/users/ada"), metadata=bearer(mesh.admin_token))
        assert (failure(no_token.value).code, failure(no_token.value).reason) == (
            grpc.StatusCode.FAILED_PRECONDITION,
            "USER_DISABLED",
        )

        # 4. A chat profile sends grace's sessions to the OpenAI-compatible server; deleting it sends them back.
        profile = f"{parent}/modelProfiles/chat"
        grace.settings.UpdateModelProfile(
            spb.UpdateModelProfileRequest(
                model_profile=settings_pb2.ModelProfile(name=profile, provider="openai", model="gpt-e2e"),
                allow_missing=True,
            ),
            metadata=bearer(tokens["grace"]),
        )

        def answered_by(provider: str) -> Callable[[], session_pb2.Session | None]:
            def check() -> session_pb2.Session | None:
                session = grace.start(parent, QUESTION)
                return session if session.answer.provider == provider else None

            return check

        assert eventually(answered_by("openai"), "a session on the openai profile").answer.model == "gpt-e2e"
        grace.settings.DeleteModelProfile(spb.DeleteModelProfileRequest(name=profile), metadata=bearer(tokens["grace"]))
        with pytest.raises(grpc.RpcError) as gone:
            grace.settings.GetModelProfile(spb.GetModelProfileRequest(name=profile), metadata=bearer(tokens["grace"]))
        assert failure(gone.value).code == grpc.StatusCode.NOT_FOUND
        back = eventually(answered_by("local"), "a session back on the default provider")
        assert back.state == session_pb2.SESSION_STATE_SUCCEEDED


def test_soma_demo_tells_the_story_against_the_running_mesh(stack: Stack) -> None:
    mesh = stack.mesh
    env = {**mesh.env, "COLUMNS": "200"}
    result = subprocess.run(
        [sys.executable, "-m", "somastack", "demo", "--tenant", f"demo-{uuid.uuid4().hex[:6]}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for act in ("signed constitution", "two-key approval", "notifications", "settings.changed", "stale constitution"):
        assert act in out
    marks = [line.split(" ", 1)[0] for line in out.splitlines() if line.startswith(("ok ", "FAILED "))]
    assert marks == ["ok"] * 8, out
    assert "PENDING_APPROVAL" in out and "SUCCEEDED" in out
