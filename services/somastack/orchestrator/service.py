"""The session use cases: start, approve, cancel, read, list and stream sessions.

A session takes the platform's path through the mesh as its caller: the constitution check, policy,
memory context, inference and the tool calls. Each step and each state change is committed (with its
events, and the notifications it asks for) in one transaction, guarded by the session's event sequence:
whoever changed the session first wins, and a runner that lost (to a cancel, say) stops and returns the
stored session.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from somastack.orchestrator.model import (
    DEFAULT_ACTION,
    TOOL_ACTION,
    TOOLS,
    Action,
    Answer,
    Approval,
    Credentials,
    Decision,
    Evaluation,
    EventKind,
    HopError,
    InferenceStatus,
    Notice,
    Options,
    Page,
    Retrieved,
    Session,
    SessionEvent,
    State,
    Step,
    StepKind,
    StepStatus,
    ToolCall,
    ToolResult,
)
from somastack.orchestrator.ports import Constitution, Directory, Memory, Models, Policy, SessionStore
from somastack.platform.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    invalid,
)
from somastack.platform.names import parse
from somastack.platform.paging import decode_token, encode_token, page_size

_log = logging.getLogger(__name__)
T = TypeVar("T")

SESSION = "tenants/{tenant}/sessions/{session}"
USER = "tenants/{tenant}/users/{user}"
MAX_PROMPT = 16_384
MAX_TOOL_CALLS = 16
MAX_TOKENS = 32_768
MAX_TEXT = 2_000
MAX_REQUEST_ID = 128
MAX_ACTION = 200
DEFAULT_BUDGET = 1_024
#: The notification topic (what a notification is about, not a bus topic) of an approval request.
APPROVAL_NOTICE = "session.pending_approval"
APPROVE_CAPABILITY = "sessions.approve"
#: How often a stream (or a reader of a queued session nobody here watches) looks again without a wake-up.
POLL_SECONDS = 0.5
SYSTEM_PROMPT = (
    "Answer the question from the context below. Cite the context by its bracketed numbers; "
    "say so when the context does not hold the answer."
)

GET_CHECKSUM = "/soma.constitution.v1.ConstitutionService/GetChecksum"
EVALUATE = "/soma.policy.v1.PolicyService/Evaluate"
LIST_MEMBERSHIPS = "/soma.identity.v1.IdentityService/ListMemberships"
RETRIEVE_CONTEXT = "/soma.memory.v1.MemoryService/RetrieveContext"
REMEMBER = "/soma.memory.v1.MemoryService/Remember"
RECALL = "/soma.memory.v1.MemoryService/Recall"
INFER_SYNC = "/soma.slm.v1.SlmService/InferSync"
SUBMIT = "/soma.slm.v1.SlmService/SubmitInference"
TOOL_RPCS = {"memory.remember": REMEMBER, "memory.recall": RECALL}


class _Superseded(Exception):
    """The session changed under a runner (cancelled, approved elsewhere): it must stop."""


class _Duplicate(Exception):
    """A concurrent StartSession with the same request id created its session first."""

    def __init__(self, existing: Session) -> None:
        super().__init__(existing.name)
        self.existing = existing


@dataclass(frozen=True)
class _Timed(Generic[T]):
    """A hop's result (or its HopError), when it started and how long it took."""

    started: float
    duration: float
    value: T | None = None
    error: HopError | None = None


@dataclass(frozen=True)
class Draft:
    """What StartSession reads of the session to start."""

    prompt: str
    action: Action = field(default_factory=Action)
    context: dict[str, Any] | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    options: Options = field(default_factory=Options)


#: The stored sequence of a session whose row the runner has not created yet.
_NOT_CREATED = -1


async def _drop(futures: Sequence[asyncio.Future[Any]]) -> None:
    """Cancels hops whose results are no longer wanted and waits for them, so none is left running."""
    for future in futures:
        future.cancel()
    for future in futures:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await future


def new_session_id() -> str:
    return uuid.uuid4().hex[:20]


def sort_key(session: Session) -> tuple[int, str]:
    """The listing order key: creation time in microseconds, then the id."""
    return round(session.created_at * 1e6), session.id


def _conflict(session: Session, doing: str) -> FailedPrecondition:
    return FailedPrecondition(
        "SESSION_STATE_CONFLICT",
        f"session {session.name} is {session.state.value}: cannot {doing}",
        metadata={"state": f"SESSION_STATE_{session.state.value}", "resource": session.name},
    )


def validate_draft(draft: Draft, request_id: str) -> None:
    """INVALID_ARGUMENT naming every bad field of a StartSession request."""
    bad: list[FieldViolation] = []

    def check(ok: bool, field: str, description: str) -> None:
        if not ok:
            bad.append(FieldViolation(field, description))

    check(
        0 < len(draft.prompt) <= MAX_PROMPT and bool(draft.prompt.strip()),
        "session.prompt",
        f"must be 1 to {MAX_PROMPT} characters, not blank",
    )
    check(
        bool(draft.action.name.strip()) and len(draft.action.name) <= MAX_ACTION,
        "session.action.name",
        f"must be 1 to {MAX_ACTION} characters when an action is given",
    )
    check(len(draft.action.tool) <= MAX_ACTION, "session.action.tool", f"must be at most {MAX_ACTION} characters")
    check(
        len(draft.tool_calls) <= MAX_TOOL_CALLS,
        "session.tool_calls",
        f"at most {MAX_TOOL_CALLS} tool calls, got {len(draft.tool_calls)}",
    )
    for i, call in enumerate(draft.tool_calls[:MAX_TOOL_CALLS]):
        check(
            call.tool in TOOLS, f"session.tool_calls[{i}].tool", f"unknown tool {call.tool!r}; known: {sorted(TOOLS)}"
        )
        if call.tool == "memory.recall":
            query = call.arguments.get("query")
            check(
                isinstance(query, str) and bool(query.strip()),
                f"session.tool_calls[{i}].arguments.query",
                "memory.recall needs a non-blank `query` string",
            )
        if call.tool == "memory.remember" and "content" in call.arguments:
            content = call.arguments["content"]
            check(
                isinstance(content, str) and bool(content.strip()),
                f"session.tool_calls[{i}].arguments.content",
                "must be a non-blank string when given",
            )
    options = draft.options
    for name, value in (("max_tokens", options.max_tokens), ("context_token_budget", options.context_token_budget)):
        check(0 <= value <= MAX_TOKENS, f"session.options.{name}", f"must be 0 (default) or 1 to {MAX_TOKENS}")
    check(len(options.provider) <= 64, "session.options.provider", "must be at most 64 characters")
    check(
        len(request_id) <= MAX_REQUEST_ID and (not request_id or request_id.isprintable()),
        "request_id",
        f"must be at most {MAX_REQUEST_ID} printable characters",
    )
    if bad:
        raise InvalidArgument(*bad)


class Orchestrator:
    """Runs sessions through the mesh and keeps their trace."""

    def __init__(
        self,
        store: SessionStore,
        constitution: Constitution,
        policy: Policy,
        memory: Memory,
        models: Models,
        directory: Directory,
        *,
        clock: Callable[[], float] = time.time,
        observe: Callable[[str, float], None] | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self._store = store
        self._constitution = constitution
        self._policy = policy
        self._memory = memory
        self._models = models
        self._directory = directory
        self._clock = clock
        self._observe = observe or (lambda kind, seconds: None)
        self._poll = poll_seconds
        #: Queued sessions this process watches, by name.
        self._watchers: dict[str, asyncio.Task[None]] = {}
        #: Streams waiting for a session's next change, by name.
        self._wakeups: dict[str, asyncio.Event] = {}
        #: How many streams follow each session, so that the last one to end drops its wake-up.
        self._streams: dict[str, int] = {}
        #: Changes a runner made but has not written yet, by session name: the sequence the store holds, the
        #: events and the notices. The next written change carries them (see `_commit`).
        self._unsaved: dict[str, tuple[int, list[SessionEvent], list[Notice]]] = {}

    # -- reading ----------------------------------------------------------------------------------------------

    async def _load(self, name: str, *, field: str = "name") -> Session:
        ids = parse(name, SESSION, field=field)
        session = await self._store.get(ids["tenant"], ids["session"])
        if session is None:
            raise NotFound("SESSION_NOT_FOUND", "session", name)
        return session

    async def get(self, name: str, credentials: Credentials) -> Session:
        return await self._catch_up(await self._load(name), credentials)

    async def list_sessions(self, parent: str, *, size: int, token: str, state: State | None, requester: str) -> Page:
        tenant = parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        if requester:
            parse(requester, USER, field="requester")
        limit = page_size(size)
        raw = decode_token(token)
        after: tuple[int, str] | None = None
        if raw:
            micros, _, last_id = raw.partition(":")
            if not micros.isdigit() or not last_id:
                raise invalid("page_token", "is not a token this service issued")
            after = (int(micros), last_id)
        rows = await self._store.page(tenant, after=after, limit=limit + 1, state=state, requester=requester)
        next_token = ""
        if len(rows) > limit:
            micros_, id_ = sort_key(rows[limit - 1])
            next_token = encode_token(f"{micros_}:{id_}")
        return Page(rows[:limit], next_token)

    async def stream(self, name: str, after: int, credentials: Credentials) -> AsyncIterator[SessionEvent]:
        """The session's events after `after`, then each new one, until the session finished."""
        if after < 0:
            raise invalid("after_sequence", f"must not be negative, got {after}")
        session = await self._load(name)
        tenant, session_id = session.tenant, session.id
        last = after
        self._streams[name] = self._streams.get(name, 0) + 1
        try:
            while True:
                wake = self._wakeups.setdefault(name, asyncio.Event())
                for event in await self._store.events(tenant, session_id, after=last):
                    yield event
                    last = event.sequence
                current = await self._store.get(tenant, session_id)
                if current is None or (current.state.done and last >= current.sequence):
                    return
                caught = await self._catch_up(current, credentials)
                if caught.sequence != current.sequence:
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), self._poll)
        finally:
            self._streams[name] -= 1
            if not self._streams[name]:
                del self._streams[name]
                self._wakeups.pop(name, None)

    def _wake(self, name: str) -> None:
        wake = self._wakeups.pop(name, None)
        if wake is not None:
            wake.set()

    # -- starting ---------------------------------------------------------------------------------------------

    async def start(
        self,
        parent: str,
        draft: Draft,
        credentials: Credentials,
        *,
        request_id: str = "",
        requested_constitution: str = "",
        token_constitution: str = "",
    ) -> Session:
        """Starts a session.

        The reads a session begins with do not depend on each other, so they run at once: the idempotency
        lookup, the constitution check, policy's evaluation and the memory context. The context is fetched
        speculatively, a read with the caller's own rights, and dropped unless policy allows the session; the
        trace shows the steps in their logical order with the times they really took. Nothing is written before
        the session is decided: the row is created by the runner's first write (see `_commit`).
        """
        tenant = parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        validate_draft(draft, request_id)
        context = dict(draft.context or {})
        budget = draft.options.context_token_budget or DEFAULT_BUDGET
        # The hops first: each sends its request at its first step, so the lookup (a local read) overlaps them.
        check = asyncio.ensure_future(
            self._timed(StepKind.CONSTITUTION_CHECK, self._constitution.checksum(credentials))
        )
        evaluated = asyncio.ensure_future(
            self._timed(
                StepKind.POLICY,
                self._policy.evaluate(tenant, draft.action, context, credentials, constitution=requested_constitution),
            )
        )
        prefetched = asyncio.ensure_future(
            self._timed(StepKind.MEMORY, self._memory.retrieve_context(tenant, draft.prompt, budget, credentials))
        )
        lookup = asyncio.ensure_future(self._store.by_request(tenant, request_id)) if request_id else None
        speculative: list[asyncio.Future[Any]] = [check, evaluated, prefetched]
        try:
            existing = await lookup if lookup is not None else None
            if existing is not None:
                await _drop(speculative)
                return await self._same(existing, draft, context, credentials)
            checked = await check
        except BaseException:
            await _drop(speculative)
            raise
        active = checked.value or ""
        if requested_constitution and requested_constitution != active:
            await _drop(speculative)
            raise FailedPrecondition(
                "CONSTITUTION_CHECKSUM_MISMATCH",
                f"the request acts under constitution {requested_constitution!r}, but {active!r} is active: "
                "fetch the active constitution and retry",
                metadata={"activeChecksum": active, "requestedChecksum": requested_constitution},
            )
        step = Step(
            1,
            StepKind.CONSTITUTION_CHECK,
            StepStatus.OK,
            rpc=GET_CHECKSUM,
            started_at=checked.started,
            duration=checked.duration,
            summary=f"active constitution {active[:12]}",
            detail={
                "activeChecksum": active,
                "requestedChecksum": requested_constitution,
                # The token's claim is informational: a token outlives constitution changes.
                "tokenConstitution": token_constitution,
                "tokenConstitutionActive": token_constitution == active,
            },
        )
        now = self._clock()
        session = Session(
            tenant=tenant,
            id=new_session_id(),
            prompt=draft.prompt,
            requester=credentials.subject,
            client_type=credentials.client_type,
            state=State.RUNNING,
            created_at=now,
            updated_at=now,
            action=draft.action,
            context=context,
            tool_calls=draft.tool_calls,
            options=draft.options,
            constitution_checksum=active,
            steps=(step,),
            request_id=request_id,
        )
        events = self._events(session, State.RUNNING, [State.RUNNING, step], start=0)
        session = replace(session, sequence=len(events))
        self._unsaved[session.name] = (_NOT_CREATED, events, [])
        try:
            return await self._guarded(session, self._decide(session, credentials, evaluated, prefetched))
        except _Duplicate as duplicate:
            return await self._same(duplicate.existing, draft, context, credentials)
        finally:
            await _drop([prefetched])

    async def _timed(self, kind: StepKind, call: Awaitable[T]) -> _Timed[T]:
        """Awaits a hop, catching its HopError; other errors (a refusal of the whole call) propagate."""
        started, clock = self._clock(), time.perf_counter()
        try:
            value = await call
        except HopError as error:
            return _Timed(started, self._took(kind, clock), error=error)
        return _Timed(started, self._took(kind, clock), value)

    async def _same(
        self, existing: Session, draft: Draft, context: dict[str, Any], credentials: Credentials
    ) -> Session:
        if (existing.prompt, existing.action, existing.context, existing.tool_calls, existing.options) != (
            draft.prompt,
            draft.action,
            context,
            draft.tool_calls,
            draft.options,
        ):
            error = AlreadyExists("REQUEST_ID_REUSED", "session", existing.name)
            error.message = (
                f"request_id {existing.request_id!r} already started {existing.name} with another request; "
                "use a new request_id for a new session"
            )
            raise error
        return await self._catch_up(existing, credentials)

    async def _guarded(self, session: Session, run: Any) -> Session:
        """Awaits a runner; one that lost the session to someone else returns the stored session."""
        try:
            result: Session = await run
        except _Superseded:
            stored = await self._store.get(session.tenant, session.id)
            return stored or session
        finally:
            # A runner that stopped early (lost the session, or a bug) must not leave changes for another.
            self._unsaved.pop(session.name, None)
        return result

    async def _decide(
        self,
        session: Session,
        credentials: Credentials,
        evaluated: Awaitable[_Timed[Evaluation]],
        prefetched: asyncio.Future[_Timed[Retrieved]],
    ) -> Session:
        timed = await evaluated
        index = session.next_index()
        evaluation = timed.value
        if evaluation is not None and evaluation.checksum not in ("", session.constitution_checksum):
            # Policy answered under another constitution than the check saw (one was just loaded, and policy had
            # not heard yet): ask again, naming the checked one, which makes policy load it.
            timed = await self._timed(
                StepKind.POLICY,
                self._policy.evaluate(
                    session.tenant,
                    session.action,
                    session.context,
                    credentials,
                    constitution=session.constitution_checksum,
                ),
            )
            evaluation = timed.value
        error = timed.error
        if evaluation is None or error is not None:
            step = Step(
                index,
                StepKind.POLICY,
                StepStatus.FAILED,
                rpc=EVALUATE,
                started_at=timed.started,
                duration=timed.duration,
                summary="policy could not be asked",
                error=str(error),
            )
            return await self._fail(session, step)
        reasons = ", ".join(evaluation.reason_codes) or "no reason code"
        step = Step(
            index,
            StepKind.POLICY,
            StepStatus.OK,
            rpc=EVALUATE,
            started_at=timed.started,
            duration=timed.duration,
            summary=f"decision {evaluation.decision.value}, score {evaluation.score:g}",
            detail={
                "action": session.action.name,
                "decision": evaluation.decision.value,
                "score": evaluation.score,
                "reasonCodes": list(evaluation.reason_codes),
                "firedRules": list(evaluation.fired_rules),
                "ruleFailures": list(evaluation.rule_failures),
                "constitutionChecksum": evaluation.checksum,
                "constitutionVersion": evaluation.version,
            },
        )
        decided = replace(
            session.with_step(step),
            decision=evaluation.decision,
            score=evaluation.score,
            reason_codes=evaluation.reason_codes,
        )
        if evaluation.decision is Decision.DENY:
            denied = replace(decided, state=State.DENIED, error=f"policy denied {session.action.name}: {reasons}")
            return await self._commit(session, denied, [step, State.DENIED])
        if evaluation.decision is Decision.REQUIRE_APPROVAL:
            return await self._ask_approval(session, decided, step, credentials)
        session = await self._commit(session, decided, [step], write=False)
        return await self._answer(session, credentials, {}, prefetched=await prefetched)

    async def _ask_approval(
        self, before: Session, decided: Session, policy_step: Step, credentials: Credentials
    ) -> Session:
        started, clock = self._clock(), time.perf_counter()
        detail: dict[str, Any] = {"reasonCodes": list(decided.reason_codes)}
        try:
            approvers = [
                a for a in await self._directory.approvers(decided.tenant, credentials) if a != decided.requester
            ]
        except HopError as error:
            approvers = []
            # Marked unresolved: the notification service resolves and notifies them from this step's event.
            detail.update(directoryError=str(error), approversUnresolved=True, promptPreview=decided.preview)
        detail["approvers"] = approvers
        step = Step(
            decided.next_index(),
            StepKind.APPROVAL,
            StepStatus.WAITING,
            rpc=LIST_MEMBERSHIPS,
            started_at=started,
            duration=time.perf_counter() - clock,
            summary=f"waiting for approval; {len(approvers)} approver(s) notified",
            detail=detail,
        )
        reasons = ", ".join(decided.reason_codes) or "no reason code"
        title = f"Approval needed: {decided.preview}"
        if len(title) > 200:
            title = title[:199] + "…"
        notices = [
            Notice(
                recipient=approver,
                title=title,
                body=(
                    f"{decided.requester} started session {decided.name}; policy asks for a second person "
                    f"(score {decided.score:g}, {reasons}). Approve or reject it."
                ),
                subject=decided.name,
                topic=APPROVAL_NOTICE,
            )
            for approver in approvers
        ]
        pending = replace(decided.with_step(step), state=State.PENDING_APPROVAL)
        return await self._commit(before, pending, [policy_step, step, State.PENDING_APPROVAL], notices)

    async def _answer(
        self,
        session: Session,
        credentials: Credentials,
        note: dict[str, Any],
        *,
        prefetched: _Timed[Retrieved] | None = None,
    ) -> Session:
        """Memory context (fetched now unless `prefetched`), then inference (sync, or queued), then the tools."""
        budget = session.options.context_token_budget or DEFAULT_BUDGET
        index = session.next_index()
        timed = prefetched or await self._timed(
            StepKind.MEMORY, self._memory.retrieve_context(session.tenant, session.prompt, budget, credentials)
        )
        retrieved = timed.value
        if retrieved is None:
            step = Step(
                index,
                StepKind.MEMORY,
                StepStatus.FAILED,
                rpc=RETRIEVE_CONTEXT,
                started_at=timed.started,
                duration=timed.duration,
                summary="context could not be retrieved",
                detail=dict(note),
                error=str(timed.error),
            )
            return await self._fail(session, step)
        step = Step(
            index,
            StepKind.MEMORY,
            StepStatus.OK,
            rpc=RETRIEVE_CONTEXT,
            started_at=timed.started,
            duration=timed.duration,
            summary=f"{len(retrieved.citations)} memories cited, {retrieved.total_tokens} of {budget} tokens",
            detail={**note, "citations": list(retrieved.citations), "totalTokens": retrieved.total_tokens},
        )
        cited = replace(session.with_step(step), answer=Answer(citations=retrieved.citations))
        options = session.options
        # Queuing is a durable effect: only a stored session queues its inference. A synchronous answer is only a
        # read, and nobody can watch a synchronous session before StartSession returns its name: it is written
        # once it ends (or reaches its first tool), in one transaction.
        session = await self._commit(session, cited, [step], write=options.queued)

        messages = [("system", SYSTEM_PROMPT), ("user", f"Context:\n{retrieved.context}\n\nQuestion: {session.prompt}")]
        started, clock = self._clock(), time.perf_counter()
        index = session.next_index()
        rpc = SUBMIT if options.queued else INFER_SYNC
        try:
            if options.queued:
                inference = await self._models.submit(
                    session.tenant,
                    messages,
                    provider=options.provider,
                    max_tokens=options.max_tokens,
                    credentials=credentials,
                    request_id=f"session-{session.id}",
                )
            else:
                completion = await self._models.infer(
                    session.tenant,
                    messages,
                    provider=options.provider,
                    max_tokens=options.max_tokens,
                    credentials=credentials,
                )
        except HopError as error:
            step = Step(
                index,
                StepKind.INFERENCE,
                StepStatus.FAILED,
                rpc=rpc,
                started_at=started,
                duration=self._took(StepKind.INFERENCE, clock),
                summary="the model could not be asked",
                detail=dict(note),
                error=str(error),
            )
            return await self._fail(session, step)
        if options.queued:
            step = Step(
                index,
                StepKind.INFERENCE,
                StepStatus.WAITING,
                rpc=rpc,
                started_at=started,
                summary=f"queued as {inference}",
                detail={**note, "inference": inference},
            )
            assert session.answer is not None
            queued = replace(session.with_step(step), answer=replace(session.answer, inference=inference))
            session = await self._commit(session, queued, [step])
            self._watch(session, credentials, note)
            return session
        step = Step(
            index,
            StepKind.INFERENCE,
            StepStatus.OK,
            rpc=rpc,
            started_at=started,
            duration=self._took(StepKind.INFERENCE, clock),
            summary=f"{completion.provider}/{completion.model}: {completion.completion_tokens} tokens, "
            f"{completion.finish_reason}",
            detail={**note, "provider": completion.provider, "model": completion.model, "refused": completion.refused},
        )
        assert session.answer is not None
        answered = replace(
            session.with_step(step),
            answer=Answer(
                text=completion.text,
                citations=session.answer.citations,
                provider=completion.provider,
                model=completion.model,
                prompt_tokens=completion.prompt_tokens,
                completion_tokens=completion.completion_tokens,
                finish_reason=completion.finish_reason,
                refused=completion.refused,
            ),
        )
        session = await self._commit(session, answered, [step], write=False)
        return await self._tools(session, credentials, note)

    async def _tools(self, session: Session, credentials: Credentials, note: dict[str, Any]) -> Session:
        """Each tool call: policy first, then the tool if allowed; then SUCCEEDED."""
        for position, call in enumerate(
            session.tool_calls[len(session.tool_results) :], start=len(session.tool_results)
        ):
            started, clock = self._clock(), time.perf_counter()
            index = session.next_index()
            action = Action(TOOL_ACTION, call.tool, dict(call.arguments))
            try:
                evaluation = await self._policy.evaluate(
                    session.tenant, action, session.context, credentials, constitution=session.constitution_checksum
                )
            except HopError as error:
                step = Step(
                    index,
                    StepKind.TOOL,
                    StepStatus.FAILED,
                    rpc=EVALUATE,
                    started_at=started,
                    duration=self._took(StepKind.TOOL, clock),
                    summary=f"{call.tool}: policy could not be asked",
                    detail={**note, "tool": call.tool},
                    error=str(error),
                )
                failed = replace(
                    session,
                    tool_results=(
                        *session.tool_results,
                        ToolResult(call.tool, Decision.UNSPECIFIED, False, {}, str(error)),
                    ),
                )
                return await self._fail(session, step, failed)
            decision = evaluation.decision
            detail = {
                **note,
                "tool": call.tool,
                "decision": decision.value,
                "score": evaluation.score,
                "reasonCodes": list(evaluation.reason_codes),
            }
            if decision is not Decision.ALLOW:
                why = f"policy decided {decision.value}: {', '.join(evaluation.reason_codes) or 'no reason code'}"
                result = ToolResult(call.tool, decision, False, {}, why)
                step = Step(
                    index,
                    StepKind.TOOL,
                    StepStatus.SKIPPED,
                    rpc=EVALUATE,
                    started_at=started,
                    duration=self._took(StepKind.TOOL, clock),
                    summary=f"{call.tool}: skipped, {why}",
                    detail=detail,
                )
            else:
                try:
                    output = await self._run_tool(session, call, position, credentials)
                except HopError as error:
                    step = Step(
                        index,
                        StepKind.TOOL,
                        StepStatus.FAILED,
                        rpc=TOOL_RPCS[call.tool],
                        started_at=started,
                        duration=self._took(StepKind.TOOL, clock),
                        summary=f"{call.tool}: failed",
                        detail=detail,
                        error=str(error),
                    )
                    failed = replace(
                        session,
                        tool_results=(*session.tool_results, ToolResult(call.tool, decision, False, {}, str(error))),
                    )
                    return await self._fail(session, step, failed)
                result = ToolResult(call.tool, decision, True, output)
                step = Step(
                    index,
                    StepKind.TOOL,
                    StepStatus.OK,
                    rpc=TOOL_RPCS[call.tool],
                    started_at=started,
                    duration=self._took(StepKind.TOOL, clock),
                    summary=f"{call.tool}: ran",
                    detail={**detail, "output": output},
                )
            ran = replace(session.with_step(step), tool_results=(*session.tool_results, result))
            session = await self._commit(session, ran, [step])
        return await self._commit(session, replace(session, state=State.SUCCEEDED), [State.SUCCEEDED])

    async def _run_tool(
        self, session: Session, call: ToolCall, position: int, credentials: Credentials
    ) -> dict[str, Any]:
        if call.tool == "memory.remember":
            content = call.arguments.get("content")
            text = content if isinstance(content, str) and content else (session.answer.text if session.answer else "")
            if not text:
                raise HopError(REMEMBER, "FAILED_PRECONDITION", "nothing to remember: no content and no answer")
            # Keyed by session and position: a session completed twice (after a restart) remembers once.
            return await self._memory.remember(
                session.tenant, text, credentials, request_id=f"session-{session.id}-tool-{position}"
            )
        return await self._memory.recall(session.tenant, str(call.arguments.get("query", "")), credentials)

    # -- queued inference ---------------------------------------------------------------------------------------

    def _watch(self, session: Session, credentials: Credentials, note: dict[str, Any]) -> None:
        name = session.name

        async def watch() -> None:
            waiting = session.waiting_step(StepKind.INFERENCE)
            assert waiting is not None
            inference = str(waiting.detail["inference"])
            try:
                status = await self._models.wait(inference, credentials)
            except HopError as error:
                # The watch broke (a timeout, an unreachable hop): readers finish the session later.
                _log.warning("watching %s of %s stopped: %s", inference, name, error)
                return
            if not status.done:
                return
            current = await self._store.get(session.tenant, session.id)
            if current is not None:
                await self._guarded(current, self._complete(current, status, credentials, note))

        task = asyncio.create_task(watch(), name=f"watch-{name}")
        self._watchers[name] = task

        def forget(done: asyncio.Task[None]) -> None:
            if self._watchers.get(name) is done:
                del self._watchers[name]
                self._wake(name)  # streams of the session look again (and finish it themselves if need be)
            if not done.cancelled() and done.exception() is not None:
                _log.error("watching %s failed", name, exc_info=done.exception())

        task.add_done_callback(forget)

    async def _catch_up(self, session: Session, credentials: Credentials) -> Session:
        """A queued session nobody here watches (the process restarted): finished by its reader once the
        inference is done, with the reader's credentials."""
        waiting = session.waiting_step(StepKind.INFERENCE)
        if session.state is not State.RUNNING or waiting is None or session.name in self._watchers:
            return session
        try:
            status = await self._models.get(str(waiting.detail["inference"]), credentials)
        except HopError:
            return session
        if not status.done:
            return session
        note = {"completedBy": credentials.subject}
        return await self._guarded(session, self._complete(session, status, credentials, note))

    async def _complete(
        self, session: Session, status: InferenceStatus, credentials: Credentials, note: dict[str, Any]
    ) -> Session:
        waiting = session.waiting_step(StepKind.INFERENCE)
        if session.state is not State.RUNNING or waiting is None:
            return session
        took = max(self._clock() - waiting.started_at, 0.0)
        self._observe(StepKind.INFERENCE.value.lower(), took)
        completion = status.completion
        if completion is None:
            step = replace(
                waiting,
                status=StepStatus.FAILED,
                duration=took,
                summary=f"{status.name} failed",
                error=status.error or "the inference failed",
            )
            return await self._fail(session, step)
        step = replace(
            waiting,
            status=StepStatus.OK,
            duration=took,
            summary=f"{completion.provider}/{completion.model}: {completion.completion_tokens} tokens, "
            f"{completion.finish_reason}",
            detail={
                **waiting.detail,
                **note,
                "provider": completion.provider,
                "model": completion.model,
                "refused": completion.refused,
            },
        )
        previous = session.answer or Answer()
        answered = replace(
            session.with_step(step),
            answer=Answer(
                text=completion.text,
                citations=previous.citations,
                provider=completion.provider,
                model=completion.model,
                prompt_tokens=completion.prompt_tokens,
                completion_tokens=completion.completion_tokens,
                finish_reason=completion.finish_reason,
                refused=completion.refused,
                inference=previous.inference or status.name,
            ),
        )
        session = await self._commit(session, answered, [step])
        return await self._tools(session, credentials, note)

    # -- approving and cancelling ---------------------------------------------------------------------------------

    async def approve(self, name: str, approve: bool, comment: str, credentials: Credentials) -> Session:
        if len(comment) > MAX_TEXT:
            raise invalid("comment", f"must be at most {MAX_TEXT} characters")
        session = await self._load(name)
        if session.state is not State.PENDING_APPROVAL:
            raise _conflict(session, "approve or reject it: only a session waiting for approval can be")
        if credentials.subject == session.requester:
            raise PermissionDenied(
                "SELF_APPROVAL",
                f"{credentials.subject} started {session.name} and cannot approve it: a second person must",
                metadata={"requester": session.requester},
            )
        waiting = session.waiting_step(StepKind.APPROVAL)
        decided_at = self._clock()
        verdict = "approved" if approve else "rejected"
        changes: list[Step | State] = []
        after = replace(session, approval=Approval(credentials.subject, approve, comment, decided_at))
        if waiting is not None:
            took = max(decided_at - waiting.started_at, 0.0)
            self._observe(StepKind.APPROVAL.value.lower(), took)
            step = replace(
                waiting,
                status=StepStatus.OK,
                duration=took,
                summary=f"{verdict} by {credentials.subject}",
                detail={**waiting.detail, "approver": credentials.subject, "approved": approve, "comment": comment},
            )
            after = after.with_step(step)
            changes.append(step)
        if approve:
            after = replace(after, state=State.RUNNING)
        else:
            why = f"rejected by {credentials.subject}" + (f": {comment}" if comment else "")
            after = replace(after, state=State.REJECTED, error=why)
        changes.append(after.state)
        try:
            session = await self._commit(session, after, changes)
        except _Superseded:
            current = await self._load(name)
            raise _conflict(current, "approve or reject it: someone else decided first") from None
        if not approve:
            return session
        note = {"credentials": f"approver {credentials.subject}"}
        return await self._guarded(session, self._answer(session, credentials, note))

    async def cancel(self, name: str, reason: str, credentials: Credentials, *, may_approve: bool) -> Session:
        if len(reason) > MAX_TEXT:
            raise invalid("reason", f"must be at most {MAX_TEXT} characters")
        for _ in range(10):
            session = await self._load(name)
            if credentials.subject != session.requester and not may_approve:
                raise PermissionDenied(
                    "CAPABILITY_MISSING",
                    f"only the requester of {session.name} or a holder of {APPROVE_CAPABILITY!r} may cancel it",
                    metadata={"capability": APPROVE_CAPABILITY},
                )
            if session.state.done:
                raise _conflict(session, "cancel it: it already finished")
            changes: list[Step | State] = []
            after = session
            now = self._clock()
            for step in session.steps:
                if step.status is StepStatus.WAITING:
                    skipped = replace(
                        step,
                        status=StepStatus.SKIPPED,
                        duration=max(now - step.started_at, 0.0),
                        summary=f"cancelled by {credentials.subject}",
                    )
                    after = after.with_step(skipped)
                    changes.append(skipped)
            why = f"cancelled by {credentials.subject}" + (f": {reason}" if reason else "")
            after = replace(after, state=State.CANCELLED, error=why)
            changes.append(State.CANCELLED)
            try:
                cancelled = await self._commit(session, after, changes)
            except _Superseded:
                continue  # a step landed meanwhile: look again
            watcher = self._watchers.pop(session.name, None)
            if watcher is not None:
                watcher.cancel()
            return cancelled
        raise Aborted("SESSION_STATE_CONFLICT", f"session {name} keeps changing; retry the cancel")

    # -- committing -----------------------------------------------------------------------------------------------

    def _took(self, kind: StepKind, clock: float) -> float:
        seconds = time.perf_counter() - clock
        self._observe(kind.value.lower(), seconds)
        return seconds

    def _events(
        self, session: Session, state: State, changes: Sequence[Step | State], *, start: int
    ) -> list[SessionEvent]:
        events = []
        now = self._clock()
        for offset, change in enumerate(changes, start=1):
            if isinstance(change, Step):
                events.append(
                    SessionEvent(
                        session.name, EventKind.STEP, state, session.requester, start + offset, now, step=change
                    )
                )
            else:
                state = change
                events.append(
                    SessionEvent(
                        session.name,
                        EventKind.STATE,
                        state,
                        session.requester,
                        start + offset,
                        now,
                        prompt_preview=session.preview,
                        reason_codes=session.reason_codes if state is State.PENDING_APPROVAL else (),
                    )
                )
        return events

    async def _commit(
        self,
        before: Session,
        after: Session,
        changes: Sequence[Step | State],
        notices: Sequence[Notice] = (),
        *,
        write: bool = True,
    ) -> Session:
        """Records `changes` (steps and states, each an event) on the session.

        With `write=False` the change is kept in memory and goes to the store with the runner's next written
        change, in the same transaction: a step whose only effect is a read of the mesh (policy's decision to go
        on, the model's answer before the tools) need not be durable on its own, since a session interrupted
        before the next write is re-run from its last written state. The first write creates the session's row.
        Each write costs a transaction on the hot path of StartSession, so a synchronous session without tools
        writes once, when it ends (nobody can watch it before StartSession returns its name); a queued one writes
        when it is decided, before its inference is queued, and when it ends.
        """
        events = self._events(after, before.state, changes, start=before.sequence)
        after = replace(after, sequence=before.sequence + len(events), updated_at=self._clock())
        stored_sequence, unsaved_events, unsaved_notices = self._unsaved.pop(after.name, (before.sequence, [], []))
        unsaved_events.extend(events)
        unsaved_notices.extend(notices)
        if not write:
            self._unsaved[after.name] = (stored_sequence, unsaved_events, unsaved_notices)
            return after
        if stored_sequence == _NOT_CREATED:
            stored, created = await self._store.create(after, unsaved_events, unsaved_notices)
            if not created:
                raise _Duplicate(stored)
        elif not await self._store.save(
            after, expected_sequence=stored_sequence, events=unsaved_events, notices=unsaved_notices
        ):
            raise _Superseded(after.name)
        self._wake(after.name)
        return after

    async def _fail(self, session: Session, step: Step, base: Session | None = None) -> Session:
        failed = replace((base or session).with_step(step), state=State.FAILED, error=step.error)
        return await self._commit(session, failed, [step, State.FAILED])

    async def close(self) -> None:
        """Stops watching queued sessions; readers finish them later."""
        watchers = list(self._watchers.values())
        self._watchers.clear()
        for task in watchers:
            task.cancel()
        for task in watchers:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


__all__ = ["DEFAULT_ACTION", "Draft", "Orchestrator", "sort_key", "validate_draft"]
