"""Session use cases on the real SQL store (SQLite) with in-memory fakes of the services on the path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from soma.events.v1.envelope_pb2 import Event
from soma.notification.v1 import notification_pb2
from soma.orchestrator.v1 import session_pb2
from somastack.config import Settings
from somastack.orchestrator.adapters.sql_store import SqlSessionStore, outbox
from somastack.orchestrator.codec import session_pb
from somastack.orchestrator.model import (
    Action,
    Completion,
    Credentials,
    Decision,
    Evaluation,
    EventKind,
    HopError,
    InferenceStatus,
    Options,
    Retrieved,
    State,
    StepKind,
    StepStatus,
    ToolCall,
)
from somastack.orchestrator.service import Draft, Orchestrator
from somastack.platform.db import create_engine
from somastack.platform.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unavailable,
)
from somastack.platform.events import payload_of
from somastack.platform.migrations import upgrade_async

TENANT = "acme"
OLGA = Credentials("Bearer olga", "r1", "cli", "tenants/acme/users/olga")
ADA = Credentials("Bearer ada", "r2", "ui", "tenants/acme/users/ada")
CHECKSUM = "c" * 64


class FakeMesh:
    """Every port of the orchestrator, answering as the test sets it up, recording each call."""

    def __init__(self) -> None:
        self.active: str | None = CHECKSUM
        self.decisions: dict[str, Decision] = {}
        self.failing: dict[str, HopError] = {}
        self.approver_list = ["tenants/acme/users/olga", "tenants/acme/users/ada", "tenants/acme/users/bob"]
        self.calls: list[tuple[str, str]] = []
        self.memories: list[str] = []
        self.inferences: dict[str, InferenceStatus] = {}
        self.release = asyncio.Event()

    def _call(self, rpc: str, credentials: Credentials) -> None:
        self.calls.append((rpc, credentials.subject))
        if rpc in self.failing:
            raise self.failing[rpc]

    async def checksum(self, credentials: Credentials, *, expected: str = "") -> str:
        if self.active is None:
            raise FailedPrecondition("CONSTITUTION_NOT_FOUND", "none")
        if self.active == "down":
            raise Unavailable("SERVICE_UNAVAILABLE", "down")
        return self.active

    async def evaluate(
        self, tenant: str, action: Action, context: dict[str, Any], credentials: Credentials, *, constitution: str
    ) -> Evaluation:
        self._call("evaluate", credentials)
        key = f"{action.name}:{action.tool}" if action.tool else action.name
        decision = self.decisions.get(key, Decision.ALLOW)
        return Evaluation(
            decision, 0.5 if decision is not Decision.ALLOW else 0.0, ("RISK",), ("risky",), (), constitution
        )

    async def retrieve_context(self, tenant: str, query: str, budget: int, credentials: Credentials) -> Retrieved:
        self._call("retrieve", credentials)
        return Retrieved("[1] the sky is green", ("tenants/acme/memories/m1",), 6)

    async def remember(self, tenant: str, content: str, credentials: Credentials, *, request_id: str) -> dict[str, Any]:
        self._call("remember", credentials)
        self.memories.append(content)
        return {"memory": f"tenants/acme/memories/{request_id}"}

    async def recall(self, tenant: str, query: str, credentials: Credentials) -> dict[str, Any]:
        self._call("recall", credentials)
        return {"hits": [{"memory": "tenants/acme/memories/m1", "text": "the sky is green"}]}

    @staticmethod
    def _echo(messages: Sequence[tuple[str, str]]) -> Completion:
        return Completion("echo: " + messages[-1][1], "local", "soma-local-1", 10, 5, "FINISH_REASON_STOP", False)

    async def infer(
        self,
        tenant: str,
        messages: Sequence[tuple[str, str]],
        *,
        provider: str,
        max_tokens: int,
        credentials: Credentials,
    ) -> Completion:
        self._call("infer", credentials)
        return self._echo(messages)

    async def submit(
        self,
        tenant: str,
        messages: Sequence[tuple[str, str]],
        *,
        provider: str,
        max_tokens: int,
        credentials: Credentials,
        request_id: str,
    ) -> str:
        self._call("submit", credentials)
        name = f"tenants/{tenant}/inferences/{request_id}"
        self.inferences[name] = InferenceStatus(name, True, self._echo(messages))
        return name

    async def wait(self, name: str, credentials: Credentials) -> InferenceStatus:
        self._call("wait", credentials)
        await self.release.wait()
        return self.inferences[name]

    async def get(self, name: str, credentials: Credentials) -> InferenceStatus:
        self._call("get", credentials)
        return self.inferences[name]

    async def approvers(self, tenant: str, credentials: Credentials) -> list[str]:
        self._call("approvers", credentials)
        return list(self.approver_list)


@pytest.fixture
async def parts(tmp_path: Path) -> AsyncIterator[tuple[Orchestrator, FakeMesh, SqlSessionStore, Any]]:
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, "orchestrator")
    engine = create_engine(settings, "orchestrator")
    store = SqlSessionStore(engine)
    mesh = FakeMesh()
    observed: list[str] = []
    orchestrator = Orchestrator(
        store, mesh, mesh, mesh, mesh, mesh, observe=lambda kind, s: observed.append(kind), poll_seconds=0.05
    )
    yield orchestrator, mesh, store, engine
    await orchestrator.close()
    await engine.dispose()


async def outbox_events(engine: Any) -> list[tuple[str, Event]]:
    async with engine.connect() as connection:
        rows = await connection.execute(select(outbox.c.topic, outbox.c.payload).order_by(outbox.c.id))
        return [(row.topic, Event.FromString(row.payload)) for row in rows]


async def test_allowed_session_runs_every_step_and_publishes_each(parts: Any) -> None:
    orchestrator, mesh, store, engine = parts
    draft = Draft(
        "what colour is the sky?",
        tool_calls=(ToolCall("memory.remember", {}), ToolCall("memory.recall", {"query": "sky"})),
    )
    session = await orchestrator.start(f"tenants/{TENANT}", draft, OLGA, token_constitution="old")
    assert session.state is State.SUCCEEDED, session.error
    assert [s.kind for s in session.steps] == [
        StepKind.CONSTITUTION_CHECK,
        StepKind.POLICY,
        StepKind.MEMORY,
        StepKind.INFERENCE,
        StepKind.TOOL,
        StepKind.TOOL,
    ]
    assert all(s.status is StepStatus.OK for s in session.steps)
    assert session.steps[0].detail["tokenConstitution"] == "old"
    assert session.steps[0].detail["tokenConstitutionActive"] is False
    assert session.answer is not None and "the sky is green" in session.answer.text
    assert session.answer.citations == ("tenants/acme/memories/m1",)
    assert session.requester == OLGA.subject and session.client_type == "cli"
    assert mesh.memories == [session.answer.text]
    assert [r.ran for r in session.tool_results] == [True, True]

    events = await store.events(TENANT, session.id, after=0)
    assert [e.sequence for e in events] == list(range(1, len(events) + 1)) and session.sequence == len(events)
    assert events[0].kind is EventKind.STATE and events[0].state is State.RUNNING
    assert events[-1].kind is EventKind.STATE and events[-1].state is State.SUCCEEDED
    published = await outbox_events(engine)
    assert [t for t, _ in published] == ["sessions.events"] * len(events)
    last = payload_of(published[-1][1], session_pb2.SessionEvent)
    assert last is not None and last.state == session_pb2.SESSION_STATE_SUCCEEDED
    assert published[-1][1].subject == session.name

    assert await orchestrator.get(session.name, OLGA) == session
    assert [e async for e in orchestrator.stream(session.name, 3, OLGA)] == events[3:]


async def test_deny_and_mismatch_and_no_constitution(parts: Any) -> None:
    orchestrator, mesh, _store, _ = parts
    mesh.decisions["session.start"] = Decision.DENY
    denied = await orchestrator.start(f"tenants/{TENANT}", Draft("hi"), OLGA)
    assert denied.state is State.DENIED and "RISK" in denied.error
    # The context is fetched while policy decides (a read with the caller's own rights), and dropped on a DENY.
    assert [step.kind for step in denied.steps] == [StepKind.CONSTITUTION_CHECK, StepKind.POLICY]
    assert denied.answer is None or not denied.answer.citations

    with pytest.raises(FailedPrecondition) as mismatch:
        await orchestrator.start(f"tenants/{TENANT}", Draft("hi"), OLGA, requested_constitution="d" * 64)
    assert mismatch.value.reason == "CONSTITUTION_CHECKSUM_MISMATCH"
    assert mismatch.value.metadata["activeChecksum"] == CHECKSUM
    mesh.active = None
    with pytest.raises(FailedPrecondition) as none:
        await orchestrator.start(f"tenants/{TENANT}", Draft("hi"), OLGA)
    assert none.value.reason == "CONSTITUTION_NOT_FOUND"
    mesh.active = "down"
    with pytest.raises(Unavailable):
        await orchestrator.start(f"tenants/{TENANT}", Draft("hi"), OLGA)
    page = await orchestrator.list_sessions(f"tenants/{TENANT}", size=0, token="", state=None, requester="")
    assert [s.id for s in page.sessions] == [denied.id]  # refused calls store nothing


async def test_approval_flow_notifies_approvers_and_runs_as_the_approver(parts: Any) -> None:
    orchestrator, mesh, _store, engine = parts
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    pending = await orchestrator.start(f"tenants/{TENANT}", Draft("delete everything"), OLGA)
    assert pending.state is State.PENDING_APPROVAL
    waiting = pending.steps[-1]
    assert (waiting.kind, waiting.status) == (StepKind.APPROVAL, StepStatus.WAITING)
    assert waiting.detail["approvers"] == ["tenants/acme/users/ada", "tenants/acme/users/bob"]

    notices = [
        payload_of(e, notification_pb2.NotificationRequested)
        for t, e in await outbox_events(engine)
        if t == "notifications.events"
    ]
    assert [n.recipient for n in notices if n] == ["tenants/acme/users/ada", "tenants/acme/users/bob"]
    assert all(n and n.title.startswith("Approval needed: delete everything") for n in notices)
    assert all(n and n.subject == pending.name and n.topic == "session.pending_approval" for n in notices)

    with pytest.raises(PermissionDenied) as own:
        await orchestrator.approve(pending.name, True, "", OLGA)
    assert own.value.reason == "SELF_APPROVAL" and own.value.metadata["requester"] == OLGA.subject

    done = await orchestrator.approve(pending.name, True, "fine", ADA)
    assert done.state is State.SUCCEEDED and done.approval is not None and done.approval.approver == ADA.subject
    approval = next(s for s in done.steps if s.kind is StepKind.APPROVAL)
    assert approval.status is StepStatus.OK and approval.detail["approved"] is True
    assert ("infer", ADA.subject) in mesh.calls and ("infer", OLGA.subject) not in mesh.calls
    memory_step = next(s for s in done.steps if s.kind is StepKind.MEMORY)
    assert memory_step.detail["credentials"] == f"approver {ADA.subject}"

    with pytest.raises(FailedPrecondition) as again:
        await orchestrator.approve(pending.name, True, "", ADA)
    assert again.value.reason == "SESSION_STATE_CONFLICT" and again.value.metadata["state"] == "SESSION_STATE_SUCCEEDED"


async def test_concurrent_approvals_run_once_and_reject_path(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    pending = await orchestrator.start(f"tenants/{TENANT}", Draft("x"), OLGA)
    bob = Credentials("Bearer bob", "r3", "ui", "tenants/acme/users/bob")
    results = await asyncio.gather(
        orchestrator.approve(pending.name, True, "", ADA),
        orchestrator.approve(pending.name, True, "", bob),
        return_exceptions=True,
    )
    assert sum(isinstance(r, FailedPrecondition) for r in results) == 1
    assert len([c for c in mesh.calls if c[0] == "infer"]) == 1

    other = await orchestrator.start(f"tenants/{TENANT}", Draft("y"), OLGA)
    rejected = await orchestrator.approve(other.name, False, "no way", ADA)
    assert rejected.state is State.REJECTED and "no way" in rejected.error
    assert rejected.approval is not None and not rejected.approval.approved


async def test_tools_denied_are_skipped_and_failures_fail_the_session(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    mesh.decisions["tool.invoke:memory.remember"] = Decision.DENY
    session = await orchestrator.start(
        f"tenants/{TENANT}",
        Draft(
            "q", tool_calls=(ToolCall("memory.remember", {"content": "x"}), ToolCall("memory.recall", {"query": "q"}))
        ),
        OLGA,
    )
    assert session.state is State.SUCCEEDED
    skipped, ran = session.tool_results
    assert (skipped.ran, skipped.decision, "DENY" in skipped.error) == (False, Decision.DENY, True)
    assert ran.ran and ran.output["hits"]
    assert [s.status for s in session.steps if s.kind is StepKind.TOOL] == [StepStatus.SKIPPED, StepStatus.OK]
    assert mesh.memories == []

    mesh.failing["retrieve"] = HopError("/soma.memory.v1.MemoryService/RetrieveContext", "UNAVAILABLE", "down")
    failed = await orchestrator.start(f"tenants/{TENANT}", Draft("q"), OLGA)
    assert failed.state is State.FAILED and "UNAVAILABLE" in failed.error
    assert failed.steps[-1].kind is StepKind.MEMORY and failed.steps[-1].status is StepStatus.FAILED


async def test_validation_names_each_bad_field(parts: Any) -> None:
    orchestrator, _, _, _ = parts
    bad = Draft(
        "",
        action=Action(""),
        tool_calls=(ToolCall("shell"), ToolCall("memory.recall")) + (ToolCall("memory.remember"),) * 15,
        options=Options(max_tokens=40_000, context_token_budget=-1),
    )
    with pytest.raises(InvalidArgument) as caught:
        await orchestrator.start(f"tenants/{TENANT}", bad, OLGA, request_id="x" * 129)
    fields = {v.field for v in caught.value.violations}
    assert fields == {
        "session.prompt",
        "session.action.name",
        "session.tool_calls",
        "session.tool_calls[0].tool",
        "session.tool_calls[1].arguments.query",
        "session.options.max_tokens",
        "session.options.context_token_budget",
        "request_id",
    }
    with pytest.raises(InvalidArgument):
        await orchestrator.start(f"tenants/{TENANT}", Draft("x" * 16_385), OLGA)
    with pytest.raises(InvalidArgument):
        await orchestrator.get("tenants/acme/things/x", OLGA)
    with pytest.raises(NotFound) as missing:
        await orchestrator.get("tenants/acme/sessions/nope", OLGA)
    assert missing.value.reason == "SESSION_NOT_FOUND"
    with pytest.raises(InvalidArgument):
        await orchestrator.approve("tenants/acme/sessions/x", True, "c" * 2001, ADA)
    with pytest.raises(InvalidArgument):
        await orchestrator.cancel("tenants/acme/sessions/x", "c" * 2001, ADA, may_approve=True)
    with pytest.raises(InvalidArgument):
        await orchestrator.list_sessions(f"tenants/{TENANT}", size=0, token="garbage", state=None, requester="")


async def test_idempotent_start(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    first = await orchestrator.start(f"tenants/{TENANT}", Draft("same"), OLGA, request_id="k1")
    again = await orchestrator.start(f"tenants/{TENANT}", Draft("same"), OLGA, request_id="k1")
    assert again == first
    assert len([c for c in mesh.calls if c[0] == "infer"]) == 1
    with pytest.raises(AlreadyExists) as reused:
        await orchestrator.start(f"tenants/{TENANT}", Draft("other"), OLGA, request_id="k1")
    assert reused.value.reason == "REQUEST_ID_REUSED" and reused.value.metadata["resource"] == first.name


async def test_queued_session_is_finished_by_its_watcher_or_lazily_by_a_reader(parts: Any) -> None:
    orchestrator, mesh, store, _engine = parts
    queued = await orchestrator.start(f"tenants/{TENANT}", Draft("slow", options=Options(queued=True)), OLGA)
    assert queued.state is State.RUNNING
    assert queued.steps[-1].kind is StepKind.INFERENCE and queued.steps[-1].status is StepStatus.WAITING
    assert queued.answer is not None and queued.answer.inference

    collected: list[Any] = []

    async def follow() -> None:
        async for event in orchestrator.stream(queued.name, 0, OLGA):
            collected.append(event)

    follower = asyncio.create_task(follow())
    await asyncio.sleep(0.1)
    mesh.release.set()
    await asyncio.wait_for(follower, 5)
    assert collected[-1].state is State.SUCCEEDED
    done = await orchestrator.get(queued.name, OLGA)
    assert done.state is State.SUCCEEDED and done.answer is not None and "echo:" in done.answer.text
    assert done.answer.inference == queued.answer.inference

    # After a restart nobody watches: the next reader completes it with its own credentials.
    mesh.release.clear()
    restarted = Orchestrator(store, mesh, mesh, mesh, mesh, mesh)
    orphan = await orchestrator.start(f"tenants/{TENANT}", Draft("later", options=Options(queued=True)), OLGA)
    await orchestrator.close()
    read = await restarted.get(orphan.name, ADA)
    assert read.state is State.SUCCEEDED
    inference = next(s for s in read.steps if s.kind is StepKind.INFERENCE)
    assert inference.detail["completedBy"] == ADA.subject
    await restarted.close()


async def test_cancel_rules(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    pending = await orchestrator.start(f"tenants/{TENANT}", Draft("x"), OLGA)
    mallory = Credentials("Bearer m", "", "ui", "tenants/acme/users/mallory")
    with pytest.raises(PermissionDenied) as denied:
        await orchestrator.cancel(pending.name, "", mallory, may_approve=False)
    assert denied.value.reason == "CAPABILITY_MISSING"
    cancelled = await orchestrator.cancel(pending.name, "changed my mind", OLGA, may_approve=False)
    assert cancelled.state is State.CANCELLED and "changed my mind" in cancelled.error
    assert cancelled.steps[-1].status is StepStatus.SKIPPED
    with pytest.raises(FailedPrecondition) as finished:
        await orchestrator.cancel(pending.name, "", ADA, may_approve=True)
    assert finished.value.reason == "SESSION_STATE_CONFLICT"
    with pytest.raises(FailedPrecondition):
        await orchestrator.approve(pending.name, True, "", ADA)


async def test_list_pages_newest_first_with_filters(parts: Any) -> None:
    orchestrator, _mesh, _store, engine = parts
    started = [await orchestrator.start(f"tenants/{TENANT}", Draft(f"p{i}"), OLGA if i % 2 else ADA) for i in range(5)]
    names, token = [], ""
    while True:
        page = await orchestrator.list_sessions(f"tenants/{TENANT}", size=2, token=token, state=None, requester="")
        names += [s.name for s in page.sessions]
        token = page.next_token
        if not token:
            break
    assert names == [s.name for s in reversed(started)]
    mine = await orchestrator.list_sessions(
        f"tenants/{TENANT}", size=0, token="", state=State.SUCCEEDED, requester=OLGA.subject
    )
    assert [s.name for s in mine.sessions] == [started[3].name, started[1].name]
    none = await orchestrator.list_sessions(f"tenants/{TENANT}", size=0, token="", state=State.DENIED, requester="")
    assert none.sessions == []
    async with engine.connect() as connection:
        assert (await connection.execute(select(func.count()).select_from(outbox))).scalar_one() > 0


async def test_a_broken_watch_leaves_the_session_to_its_next_reader(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    mesh.failing["wait"] = HopError("/soma.slm.v1.SlmService/WatchInference", "DEADLINE_EXCEEDED", "too slow")
    queued = await orchestrator.start(f"tenants/{TENANT}", Draft("slow", options=Options(queued=True)), OLGA)
    for _ in range(50):
        if not orchestrator._watchers:
            break
        await asyncio.sleep(0.01)
    assert (await orchestrator._store.get(TENANT, queued.id)).state is State.RUNNING
    read = await orchestrator.get(queued.name, ADA)
    assert read.state is State.SUCCEEDED and read.answer is not None and read.answer.text

    # An inference that failed in the SLM service fails the session.
    failing = await orchestrator.start(f"tenants/{TENANT}", Draft("doomed", options=Options(queued=True)), OLGA)
    for _ in range(50):
        if not orchestrator._watchers:
            break
        await asyncio.sleep(0.01)
    inference = failing.answer.inference if failing.answer else ""
    mesh.inferences[inference] = InferenceStatus(inference, True, None, "provider exploded")
    failed = await orchestrator.get(failing.name, ADA)
    assert failed.state is State.FAILED and failed.error == "provider exploded"
    assert failed.steps[-1].kind is StepKind.INFERENCE and failed.steps[-1].status is StepStatus.FAILED


async def test_a_retry_runs_a_session_that_failed_on_a_transient_error_again(parts: Any) -> None:
    orchestrator, mesh, store, _ = parts
    parent = f"tenants/{TENANT}"
    mesh.failing["retrieve"] = HopError("/soma.memory.v1.MemoryService/RetrieveContext", "UNAVAILABLE", "restarting")
    failed = await orchestrator.start(parent, Draft("same"), OLGA, request_id="t1")
    assert failed.state is State.FAILED and failed.failed_transiently

    del mesh.failing["retrieve"]
    # Only its requester's retry runs it again; anyone else's gets it as it is.
    assert await orchestrator.start(parent, Draft("same"), ADA, request_id="t1") == failed
    rerun = await orchestrator.start(parent, Draft("same"), OLGA, request_id="t1")
    # The same session, run again from its first step; its events go on after the failed run's.
    assert rerun.name == failed.name and rerun.created_at == failed.created_at
    assert rerun.state is State.SUCCEEDED and rerun.error == "" and rerun.answer is not None
    assert [s.kind for s in rerun.steps] == [
        StepKind.CONSTITUTION_CHECK,
        StepKind.POLICY,
        StepKind.MEMORY,
        StepKind.INFERENCE,
    ]
    assert rerun.steps[0].detail["rerunAfter"] == failed.error
    events = await store.events(TENANT, rerun.id, after=0)
    assert [e.sequence for e in events] == list(range(1, rerun.sequence + 1))
    states = [e.state for e in events if e.kind is EventKind.STATE]
    assert states == [State.RUNNING, State.FAILED, State.RUNNING, State.SUCCEEDED]

    # Once it succeeded, a retry answers with it and runs nothing.
    calls = len(mesh.calls)
    assert await orchestrator.start(parent, Draft("same"), OLGA, request_id="t1") == rerun
    assert not [c for c in mesh.calls[calls:] if c[0] == "infer"]
    with pytest.raises(AlreadyExists):
        await orchestrator.start(parent, Draft("other"), OLGA, request_id="t1")


async def test_a_retry_of_a_session_that_failed_otherwise_returns_it(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    parent = f"tenants/{TENANT}"
    mesh.failing["infer"] = HopError("/soma.slm.v1.SlmService/InferSync", "INVALID_ARGUMENT", "bad provider")
    failed = await orchestrator.start(parent, Draft("q"), OLGA, request_id="p1")
    assert failed.state is State.FAILED and not failed.failed_transiently
    del mesh.failing["infer"]
    assert await orchestrator.start(parent, Draft("q"), OLGA, request_id="p1") == failed

    # A transient failure with another request under the same id is still a reused id.
    mesh.failing["retrieve"] = HopError("/soma.memory.v1.MemoryService/RetrieveContext", "UNAVAILABLE", "down")
    transient = await orchestrator.start(parent, Draft("q"), OLGA, request_id="p2")
    assert transient.failed_transiently
    with pytest.raises(AlreadyExists) as reused:
        await orchestrator.start(parent, Draft("other"), OLGA, request_id="p2")
    assert reused.value.reason == "REQUEST_ID_REUSED"


async def test_concurrent_retries_of_a_transient_failure_run_it_once(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    parent = f"tenants/{TENANT}"
    draft = Draft("q", tool_calls=(ToolCall("memory.remember", {"content": "note"}),))
    mesh.failing["remember"] = HopError("/soma.memory.v1.MemoryService/Remember", "UNAVAILABLE", "restarting")
    failed = await orchestrator.start(parent, draft, OLGA, request_id="c1")
    assert failed.state is State.FAILED and failed.failed_transiently and failed.steps[-1].kind is StepKind.TOOL
    del mesh.failing["remember"]
    infers = len([c for c in mesh.calls if c[0] == "infer"])
    results = await asyncio.gather(*(orchestrator.start(parent, draft, OLGA, request_id="c1") for _ in range(3)))
    assert {r.name for r in results} == {failed.name}
    assert len([c for c in mesh.calls if c[0] == "infer"]) == infers + 1
    done = await orchestrator.get(failed.name, OLGA)
    assert done.state is State.SUCCEEDED and mesh.memories == ["note"]


async def test_a_rerun_of_an_approved_session_asks_for_approval_again(parts: Any) -> None:
    orchestrator, mesh, _, _ = parts
    parent = f"tenants/{TENANT}"
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    pending = await orchestrator.start(parent, Draft("risky"), OLGA, request_id="a1")
    mesh.failing["infer"] = HopError("/soma.slm.v1.SlmService/InferSync", "UNAVAILABLE", "restarting")
    failed = await orchestrator.approve(pending.name, True, "", ADA)
    assert failed.state is State.FAILED and failed.failed_transiently
    del mesh.failing["infer"]
    rerun = await orchestrator.start(parent, Draft("risky"), OLGA, request_id="a1")
    assert rerun.name == pending.name and rerun.state is State.PENDING_APPROVAL and rerun.approval is None
    done = await orchestrator.approve(rerun.name, True, "", ADA)
    assert done.state is State.SUCCEEDED


async def test_approval_compares_people_and_records_subject_and_actor(parts: Any) -> None:
    orchestrator, mesh, store, _ = parts
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    operator = Credentials("Bearer op", "r3", "cli", "platform/admin")
    as_olga = Credentials("Bearer op-as-olga", "r4", "cli", OLGA.subject, actor="platform/admin")
    as_ada = Credentials("Bearer op-as-ada", "r5", "cli", ADA.subject, actor="platform/admin")
    # The operator starts a session as olga: olga and the operator are the requesters.
    pending = await orchestrator.start(f"tenants/{TENANT}", Draft("wipe it"), as_olga)
    assert pending.requester == OLGA.subject and pending.requester_actor == "platform/admin"
    stored = await store.get(TENANT, pending.id)
    assert stored is not None and stored.requester_actor == "platform/admin"
    # Neither may approve, through any token: the operator as itself, as ada, or olga with her own token.
    for second_token in (operator, as_ada, OLGA):
        with pytest.raises(PermissionDenied) as caught:
            await orchestrator.approve(pending.name, True, "", second_token)
        assert caught.value.reason == "SELF_APPROVAL"
        assert caught.value.metadata == {"requester": OLGA.subject, "requesterActor": "platform/admin"}

    # Ada, through a token the operator minted for her, is still the operator: refused above. With her own, fine.
    done = await orchestrator.approve(pending.name, True, "ok", ADA)
    assert done.approval is not None
    assert (done.approval.approver, done.approval.approver_actor) == (ADA.subject, "")
    step = next(s for s in done.steps if s.kind is StepKind.APPROVAL)
    assert (step.detail["approver"], step.detail["approverActor"]) == (ADA.subject, "")


async def test_an_approval_through_an_impersonation_token_records_the_actor(parts: Any) -> None:
    orchestrator, mesh, _store, _ = parts
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    pending = await orchestrator.start(f"tenants/{TENANT}", Draft("wipe it"), OLGA)
    as_ada = Credentials("Bearer op-as-ada", "r5", "cli", ADA.subject, actor="platform/admin")
    rejected = await orchestrator.approve(pending.name, False, "no", as_ada)
    assert rejected.approval is not None
    assert (rejected.approval.approver, rejected.approval.approver_actor) == (ADA.subject, "platform/admin")
    assert rejected.error == f"rejected by {ADA.subject} (acted for by platform/admin): no"
    step = next(s for s in rejected.steps if s.kind is StepKind.APPROVAL)
    assert (step.detail["approver"], step.detail["approverActor"]) == (ADA.subject, "platform/admin")
    message = session_pb(rejected).approval
    assert (message.approver, message.approver_actor) == (ADA.subject, "platform/admin")
