"""`soma demo`: the session story against a running mesh, through Envoy only, each step shown as a table row.

The story: a tenant with a member (ada) and two admins (grace and linus); a signed constitution whose rules send
risky sessions to a human; memories; ada's session answered from the recalled context; grace's risky session that
waits for approval, which she cannot give herself and linus gives; the notifications both receive; a model profile
change in settings that the next session follows; a request under a stale constitution refused.

Each act checks what it expects and the demo exits non-zero when one does not hold, so it doubles as a smoke test.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from grpc_status import rpc_status
from rich.console import Console
from rich.table import Table

from soma.constitution.v1 import constitution_pb2 as cpb
from soma.constitution.v1 import constitution_service_pb2 as cspb
from soma.constitution.v1 import constitution_service_pb2_grpc
from soma.identity.v1 import identity_pb2, identity_service_pb2_grpc
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.memory.v1 import memory_pb2, memory_service_pb2_grpc
from soma.memory.v1 import memory_service_pb2 as mpb
from soma.notification.v1 import notification_service_pb2 as npb
from soma.notification.v1 import notification_service_pb2_grpc
from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as opb
from soma.settings.v1 import settings_pb2, settings_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2 as spb
from somastack.constitution import signing
from somastack.platform.tls import Target, sync_channel
from somastack.runtime.status import error_reason

#: Facts the demo remembers; the first session's answer must carry the one about the launch.
FACTS = (
    "The Orion launch review is on Thursday at 10:00 in room Vega.",
    "Grace Hopper approves production changes for the platform team.",
    "The staging cluster is called atlas and runs in Frankfurt.",
)
QUESTION = "When is the Orion launch review?"
DEMO_MODEL = "soma-local-demo"
CLIENT_TYPE = "cli"

Metadata = tuple[tuple[str, str | bytes], ...]


class DemoFailure(Exception):
    """An act did not see what it expected."""


@dataclass
class Act:
    title: str
    outcome: str = ""
    ok: bool = False
    millis: float = 0.0


@dataclass
class Story:
    """The acts so far and the console they are told on."""

    console: Console
    acts: list[Act] = field(default_factory=list)

    def act(self, title: str, run: Callable[[], str]) -> bool:
        act = Act(title)
        started = time.perf_counter()
        try:
            act.outcome, act.ok = run(), True
        except DemoFailure as failure:
            act.outcome = str(failure)
        except grpc.RpcError as error:
            act.outcome = describe(error)
        act.millis = (time.perf_counter() - started) * 1000
        self.acts.append(act)
        mark = "[green]ok[/green]" if act.ok else "[red]FAILED[/red]"
        self.console.print(f"{mark} {title}: {act.outcome} [dim]({act.millis:.0f} ms)[/dim]")
        return act.ok

    def summary(self) -> Table:
        table = Table(title="soma demo", title_justify="left")
        for column in ("#", "act", "outcome", "ms"):
            table.add_column(column, overflow="fold")
        for number, act in enumerate(self.acts, 1):
            colour = "green" if act.ok else "red"
            table.add_row(str(number), act.title, f"[{colour}]{act.outcome}[/{colour}]", f"{act.millis:.0f}")
        return table


def reason_of(error: grpc.RpcError) -> str:
    """The ErrorInfo reason of a failed call; empty without one."""
    status = rpc_status.from_call(error)
    return (error_reason(status) if status else None) or ""


def describe(error: grpc.RpcError) -> str:
    """`CODE (REASON): message` of a failed call."""
    reason, code = reason_of(error), error.code().name
    return f"{code} ({reason}): {error.details()}" if reason else f"{code}: {error.details()}"


def demo_constitution() -> cpb.Constitution:
    """Rules that let ordinary sessions through, send risky ones to a human and deny destructive tools."""
    rules = [
        cpb.PolicyRule(
            id="risky-session",
            description="Sessions the caller marks as risky need a second person",
            expression="has(context.risk) && context.risk >= 0.5",
            weight=0.5,
            reason_code="HIGH_RISK",
        ),
        cpb.PolicyRule(
            id="forget",
            description="Agents never forget on their own",
            expression='action.name == "tool.invoke" && action.tool == "memory.forget"',
            weight=1.0,
            reason_code="DESTRUCTIVE",
        ),
    ]
    digest = hashlib.sha256(b"".join(rule.SerializeToString(deterministic=True) for rule in rules)).hexdigest()
    return cpb.Constitution(
        version=f"demo-{digest[:10]}",
        title="SomaStack demo constitution",
        principles=[cpb.Principle(id="oversight", text="A human co-signs what is risky.")],
        rules=rules,
        thresholds=cpb.Thresholds(allow_below=0.3, deny_above=0.7),
    )


class Demo:
    """The story's acts, against the mesh at `target` (Envoy)."""

    def __init__(
        self,
        channel: grpc.Channel,
        admin_token: str,
        signer_key: Path | None,
        tenant: str,
        show: Callable[[session_pb2.Session], None],
        own_token: Callable[[str], str] | None = None,
    ) -> None:
        self.show = show
        #: A user's own token, as signing in gives it. Without it each user gets a token the operator mints for
        #: them, which names the operator as its actor: then no two of them count as two people for an approval.
        self.own_token = own_token
        self.admin = admin_token
        self.signer_key = signer_key
        self.tenant = tenant
        self.parent = f"tenants/{tenant}"
        self.identity = identity_service_pb2_grpc.IdentityServiceStub(channel)
        self.constitution = constitution_service_pb2_grpc.ConstitutionServiceStub(channel)
        self.memory = memory_service_pb2_grpc.MemoryServiceStub(channel)
        self.sessions = session_service_pb2_grpc.SessionServiceStub(channel)
        self.notifications = notification_service_pb2_grpc.NotificationServiceStub(channel)
        self.settings = settings_service_pb2_grpc.SettingsServiceStub(channel)
        self.tokens: dict[str, str] = {}
        self.checksum = ""
        self.approval_session = ""

    def _as(self, user: str, **headers: str) -> Metadata:
        auth = (("authorization", f"Bearer {self.tokens[user]}"), ("x-soma-client-type", CLIENT_TYPE))
        return auth + tuple(headers.items())

    # -- acts -------------------------------------------------------------------------------------------------------

    def people(self) -> str:
        admin: Metadata = (("authorization", f"Bearer {self.admin}"),)
        try:
            self.identity.CreateTenant(
                ipb.CreateTenantRequest(tenant_id=self.tenant, tenant=identity_pb2.Tenant(display_name="Demo")),
                metadata=admin,
            )
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise
        users = (
            ("ada", identity_pb2.ROLE_MEMBER),
            ("grace", identity_pb2.ROLE_ADMIN),
            ("linus", identity_pb2.ROLE_ADMIN),
        )
        for user, role in users:
            try:
                self.identity.CreateUser(
                    ipb.CreateUserRequest(
                        parent=self.parent,
                        user_id=user,
                        user=identity_pb2.User(display_name=user.title()),
                        role=role,
                    ),
                    metadata=admin,
                )
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.ALREADY_EXISTS:
                    raise
            name = f"{self.parent}/users/{user}"
            if self.own_token is not None:
                self.tokens[user] = self.own_token(name)
            else:
                self.tokens[user] = self.identity.IssueToken(
                    ipb.IssueTokenRequest(user=name), metadata=admin
                ).access_token
        return f"{self.parent}: ada (member), grace and linus (admins, may approve); tokens issued"

    def signed_constitution(self) -> str:
        doc = demo_constitution()
        wanted = signing.checksum(doc)
        active = self._active_checksum()
        if active == wanted:
            self.checksum = wanted
            return f"{doc.version} already active, checksum {wanted[:12]}…"
        if self.signer_key is None or not self.signer_key.exists():
            raise DemoFailure("the demo constitution is not active and no signer key is at hand (dev stage only)")
        signature = signing.sign(wanted, signing.load_private_key(self.signer_key))
        admin: Metadata = (("authorization", f"Bearer {self.admin}"),)
        try:
            self.constitution.Load(cspb.LoadRequest(constitution=doc, signatures=[signature]), metadata=admin)
            how = "signed and loaded"
        except grpc.RpcError as error:
            if reason_of(error) != "CONSTITUTION_VERSION_EXISTS":
                raise
            self.constitution.Rollback(cspb.RollbackRequest(version=doc.version), metadata=admin)
            how = "reactivated"
        self.checksum = self._active_checksum()
        if self.checksum != wanted:
            raise DemoFailure(f"active checksum {self.checksum[:12]}… is not the demo's {wanted[:12]}…")
        return f"{doc.version} {how} (signer dev, quorum met), checksum {wanted[:12]}…"

    def _active_checksum(self) -> str:
        try:
            return self.constitution.GetChecksum(cspb.GetChecksumRequest()).checksum
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:  # none loaded yet
                return ""
            raise

    def memories(self) -> str:
        for number, fact in enumerate(FACTS):
            self.memory.Remember(
                mpb.RememberRequest(
                    parent=self.parent,
                    memory=memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text=fact),
                    request_id=f"demo-fact-{number}",
                ),
                metadata=self._as("ada"),
            )
        return f"{len(FACTS)} facts remembered by ada"

    def _start(self, user: str, prompt: str, *, risk: float = 0.0, checksum: str | None = None) -> session_pb2.Session:
        session = session_pb2.Session(prompt=prompt)
        if risk:
            session.context.update({"risk": risk})
        request = opb.StartSessionRequest(parent=self.parent, session=session, request_id=f"demo-{uuid.uuid4().hex}")
        headers = {"x-soma-constitution": checksum if checksum is not None else self.checksum}
        response: opb.StartSessionResponse = self.sessions.StartSession(request, metadata=self._as(user, **headers))
        return response.session

    def answered_session(self) -> str:
        session = self._start("ada", QUESTION)
        self.show(session)
        if session.state != session_pb2.SESSION_STATE_SUCCEEDED:
            raise DemoFailure(f"session ended {session_pb2.SessionState.Name(session.state)}: {session.error}")
        if "Thursday" not in session.answer.text or not session.answer.citations:
            raise DemoFailure(f"the answer does not carry the recalled fact: {session.answer.text[:120]!r}")
        return (
            f"{session.name} SUCCEEDED in {len(session.steps)} steps; {len(session.answer.citations)} citation(s); "
            f"answered by {session.answer.provider}/{session.answer.model}"
        )

    def approval(self) -> str:
        session = self._start("grace", "Roll the new model out to production.", risk=0.6)
        if session.state != session_pb2.SESSION_STATE_PENDING_APPROVAL:
            raise DemoFailure(f"expected PENDING_APPROVAL, got {session_pb2.SessionState.Name(session.state)}")
        self.approval_session = session.name
        try:
            self.sessions.ApproveSession(
                opb.ApproveSessionRequest(name=session.name, approve=True), metadata=self._as("grace")
            )
        except grpc.RpcError as error:
            if reason_of(error) != "SELF_APPROVAL":
                raise
        else:
            raise DemoFailure("grace approved her own session")
        approved = self.sessions.ApproveSession(
            opb.ApproveSessionRequest(name=session.name, approve=True, comment="Checked the rollout plan."),
            metadata=self._as("linus"),
        ).session
        self.show(approved)
        if approved.state != session_pb2.SESSION_STATE_SUCCEEDED:
            raise DemoFailure(f"after approval: {session_pb2.SessionState.Name(approved.state)} {approved.error}")
        return (
            f"grace's session: score {session.score:.2f} {','.join(session.reason_codes)} -> PENDING_APPROVAL; "
            "her own approval refused (SELF_APPROVAL); linus approved -> SUCCEEDED"
        )

    def notified(self) -> str:
        def find(user: str, wanted: Callable[[Any], bool]) -> Any:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                listed = self.notifications.ListNotifications(
                    npb.ListNotificationsRequest(parent=f"{self.parent}/users/{user}", page_size=50),
                    metadata=self._as(user),
                )
                for notification in listed.notifications:
                    if wanted(notification):
                        return notification
                time.sleep(0.2)
            raise DemoFailure(f"{user} got no notification about {self.approval_session}")

        to_linus = find("linus", lambda n: n.subject == self.approval_session)
        to_grace = find("grace", lambda n: n.subject == self.approval_session)
        self.notifications.AckNotification(npb.AckNotificationRequest(name=to_linus.name), metadata=self._as("linus"))
        return f"linus: {to_linus.title!r} (acked); grace: {to_grace.title!r}"

    def settings_change(self) -> str:
        # A model name of this run's own, so a second run changes the profile too.
        model = f"{DEMO_MODEL}-{uuid.uuid4().hex[:4]}"
        self.settings.UpdateModelProfile(
            spb.UpdateModelProfileRequest(
                model_profile=settings_pb2.ModelProfile(
                    name=f"{self.parent}/modelProfiles/chat", provider="local", model=model
                ),
                allow_missing=True,
            ),
            metadata=self._as("grace"),
        )
        deadline, answered = time.monotonic() + 15, ""
        while time.monotonic() < deadline:
            answered = self._start("ada", QUESTION).answer.model
            if answered == model:
                return f"chat profile -> local/{model} (settings.changed); the next session answered with it"
            time.sleep(0.2)
        raise DemoFailure(f"sessions still answer with {answered!r}, not {model!r}")

    def stale_constitution(self) -> str:
        stale = hashlib.sha256(b"an older constitution").hexdigest()
        try:
            self._start("ada", QUESTION, checksum=stale)
        except grpc.RpcError as error:
            if reason_of(error) != "CONSTITUTION_CHECKSUM_MISMATCH":
                raise
            return f"refused: {describe(error).split(':')[0]}"
        raise DemoFailure("a session under a stale constitution checksum was started")


def steps_table(session: session_pb2.Session) -> Table:
    """One row per step of a session: its trace."""
    state = session_pb2.SessionState.Name(session.state).removeprefix("SESSION_STATE_")
    table = Table(title=f"{session.name} — {state}", title_justify="left")
    for column in ("#", "step", "status", "rpc", "ms", "summary"):
        table.add_column(column, overflow="fold")
    for step in session.steps:
        status = session_pb2.StepStatus.Name(step.status).removeprefix("STEP_STATUS_")
        colour = {"OK": "green", "FAILED": "red", "WAITING": "yellow"}.get(status, "white")
        table.add_row(
            str(step.index),
            session_pb2.StepKind.Name(step.kind).removeprefix("STEP_KIND_"),
            f"[{colour}]{status}[/{colour}]",
            step.rpc.rsplit("/", 1)[-1],
            f"{step.duration.ToTimedelta().total_seconds() * 1000:.1f}",
            step.summary or step.error,
        )
    return table


def run_demo(
    target: Target,
    admin_token: str,
    signer_key: Path | None,
    tenant: str,
    console: Console,
    own_token: Callable[[str], str] | None = None,
) -> Sequence[Act]:
    """Tells the story against the mesh at `target`; returns the acts (all ok when the story held)."""
    with sync_channel(target) as channel:
        demo = Demo(
            channel, admin_token, signer_key, tenant, lambda session: console.print(steps_table(session)), own_token
        )
        story = Story(console)
        acts: list[tuple[str, Callable[[], str]]] = [
            ("tenant and people", demo.people),
            ("signed constitution", demo.signed_constitution),
            ("memories", demo.memories),
            ("a session answered from memory", demo.answered_session),
            ("two-key approval", demo.approval),
            ("notifications", demo.notified),
            ("settings.changed picks the model", demo.settings_change),
            ("stale constitution refused", demo.stale_constitution),
        ]
        for title, run in acts:
            # Later acts build on earlier ones: stop at the first that fails.
            if not story.act(title, run):
                break
        console.print(story.summary())
        return story.acts
