"""The session use cases: start, approve, cancel, read, list and stream sessions.

A session takes the platform's path through the mesh as its caller: the constitution check, policy (which may
ask for an approval), memory context, inference and the tool calls. Each step and each state change is
committed (with its events, and the notifications it asks for) by the run's journal, guarded by the session's
event sequence: whoever changed the session first wins, and a run that lost (to a cancel, say) stops and
returns the stored session.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any

from somastack.orchestrator.answer import DEFAULT_BUDGET, Answerer
from somastack.orchestrator.check import checked_step, new_run
from somastack.orchestrator.hops import (
    EVALUATE,
    GET_CHECKSUM,
    LIST_MEMBERSHIPS,
    RETRIEVE_CONTEXT,
    Hops,
    Timed,
)
from somastack.orchestrator.journal import NOT_CREATED, Duplicate, Journal, Superseded
from somastack.orchestrator.model import (
    DEFAULT_ACTION,
    Action,
    Approval,
    Credentials,
    Decision,
    Evaluation,
    HopError,
    InferenceStatus,
    Notice,
    Page,
    Retrieved,
    Session,
    SessionEvent,
    State,
    Step,
    StepKind,
    StepStatus,
)
from somastack.orchestrator.ports import Constitution, Directory, Memory, Models, Policy, SessionStore
from somastack.orchestrator.tools import Tools
from somastack.orchestrator.validation import Draft, check_text, validate_draft
from somastack.orchestrator.watcher import Wakeups, Watcher
from somastack.platform.errors import Aborted, AlreadyExists, FailedPrecondition, NotFound, PermissionDenied, invalid
from somastack.platform.names import parse
from somastack.platform.paging import decode_token, encode_token, page_size

SESSION = "tenants/{tenant}/sessions/{session}"
USER = "tenants/{tenant}/users/{user}"
#: The notification topic (what a notification is about, not a bus topic) of an approval request.
APPROVAL_NOTICE = "session.pending_approval"
APPROVE_CAPABILITY = "sessions.approve"
#: How often a stream (or a reader of a queued session nobody here watches) looks again without a wake-up.
POLL_SECONDS = 0.5


async def _drop(futures: Sequence[asyncio.Future[Any]]) -> None:
    """Cancels hops whose results are no longer wanted and waits for them, so none is left running."""
    for future in futures:
        future.cancel()
    for future in futures:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await future


def sort_key(session: Session) -> tuple[int, str]:
    """The listing order key: creation time in microseconds, then the id."""
    return round(session.created_at * 1e6), session.id


def _who(credentials: Credentials) -> str:
    """The caller as a trace names it: the subject, and who acted for it through an impersonation token."""
    return f"{credentials.subject} (acted for by {credentials.actor})" if credentials.actor else credentials.subject


def _conflict(session: Session, doing: str) -> FailedPrecondition:
    return FailedPrecondition(
        "SESSION_STATE_CONFLICT",
        f"session {session.name} is {session.state.value}: cannot {doing}",
        metadata={"state": f"SESSION_STATE_{session.state.value}", "resource": session.name},
    )


class Orchestrator:
    """Runs sessions through the mesh and keeps their trace: check -> decide -> (approve) -> answer -> tools."""

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
        self._poll = poll_seconds
        self._hops = Hops(clock, observe or (lambda kind, seconds: None))
        self._wakeups = Wakeups()
        self._watcher = Watcher(store, models, self._wakeups, self._finish)
        self._answerer = Answerer(memory, models, self._hops, Tools(policy, memory, self._hops), self._watcher.watch)
        #: Queued sessions this process watches, by name.
        self._watchers = self._watcher.tasks

    def _journal(self, stored: int) -> Journal:
        return Journal(self._store, self._clock, self._wakeups.wake, stored)

    # -- reading ----------------------------------------------------------------------------------------------

    async def _load(self, name: str, *, field: str = "name") -> Session:
        ids = parse(name, SESSION, field=field)
        session = await self._store.get(ids["tenant"], ids["session"])
        if session is None:
            raise NotFound("SESSION_NOT_FOUND", "session", name)
        return session

    async def get(self, name: str, credentials: Credentials) -> Session:
        return await self._watcher.catch_up(await self._load(name), credentials)

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
        self._wakeups.follow(name)
        try:
            while True:
                wake = self._wakeups.event(name)
                for event in await self._store.events(tenant, session_id, after=last):
                    yield event
                    last = event.sequence
                current = await self._store.get(tenant, session_id)
                if current is None or (current.state.done and last >= current.sequence):
                    return
                caught = await self._watcher.catch_up(current, credentials)
                if caught.sequence != current.sequence:
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), self._poll)
        finally:
            self._wakeups.unfollow(name)

    # -- starting: check -> decide ----------------------------------------------------------------------------

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
        """Starts a session, or answers a retry (same request id) with the session it started.

        The reads a session begins with do not depend on each other, so they run at once: the idempotency
        lookup, the constitution check, policy's evaluation and the memory context. The context is fetched
        speculatively, a read with the caller's own rights, and dropped unless policy allows the session; the
        trace shows the steps in their logical order with the times they really took. Nothing is written before
        the session is decided: the row is created by the run's first write (see `Journal`). A retry of a
        session that failed on a transient error (a hop UNAVAILABLE) runs that same session again.
        """
        tenant = parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        validate_draft(draft, request_id)
        context = dict(draft.context or {})
        # The hops first: each sends its request at its first step, so the lookup (a local read) overlaps them.
        check, evaluated, prefetched = self._first_hops(tenant, draft, context, credentials, requested_constitution)
        lookup = asyncio.ensure_future(self._store.by_request(tenant, request_id)) if request_id else None
        speculative: list[asyncio.Future[Any]] = [check, evaluated, prefetched]
        try:
            existing = await lookup if lookup is not None else None
            if existing is not None and not self._reruns(existing, draft, credentials):
                await _drop(speculative)
                return await self._same(existing, draft, credentials)
            checked = await check
        except BaseException:
            await _drop(speculative)
            raise
        try:
            step = checked_step(checked, requested_constitution, token_constitution, existing)
        except FailedPrecondition:
            await _drop(speculative)
            raise
        session = new_run(tenant, draft, context, credentials, request_id, step, existing, now=self._clock())
        journal = self._journal(existing.sequence if existing is not None else NOT_CREATED)
        session = journal.begin(session, [State.RUNNING, step])
        try:
            run = self._decide(journal, session, credentials, evaluated, prefetched, claim=existing is not None)
            return await self._guarded(session, run)
        except Duplicate as duplicate:
            return await self._same(duplicate.existing, draft, credentials)
        finally:
            await _drop([prefetched])

    def _first_hops(
        self, tenant: str, draft: Draft, context: dict[str, Any], credentials: Credentials, requested: str
    ) -> tuple[asyncio.Future[Timed[str]], asyncio.Future[Timed[Evaluation]], asyncio.Future[Timed[Retrieved]]]:
        """The reads a session begins with, started at once: constitution check, policy, memory context."""
        hops = self._hops
        budget = draft.options.context_token_budget or DEFAULT_BUDGET
        check = asyncio.ensure_future(
            hops.run(
                StepKind.CONSTITUTION_CHECK, GET_CHECKSUM, self._constitution.checksum(credentials, expected=requested)
            )
        )
        call = self._policy.evaluate(tenant, draft.action, context, credentials, constitution=requested)
        evaluated = asyncio.ensure_future(hops.run(StepKind.POLICY, EVALUATE, call))
        retrieve = self._memory.retrieve_context(tenant, draft.prompt, budget, credentials)
        prefetched = asyncio.ensure_future(hops.run(StepKind.MEMORY, RETRIEVE_CONTEXT, retrieve))
        return check, evaluated, prefetched

    @staticmethod
    def _same_request(existing: Session, draft: Draft) -> bool:
        return existing.fingerprint() == draft.fingerprint()

    def _reruns(self, existing: Session, draft: Draft, credentials: Credentials) -> bool:
        """Whether a retry runs the session its request id started again: its requester retried the same
        request, and the session failed on a transient error."""
        return (
            existing.failed_transiently
            and existing.requester == credentials.subject
            and self._same_request(existing, draft)
        )

    async def _same(self, existing: Session, draft: Draft, credentials: Credentials) -> Session:
        """The session a request id already started, if this is the same request."""
        if not self._same_request(existing, draft):
            error = AlreadyExists("REQUEST_ID_REUSED", "session", existing.name)
            error.message = (
                f"request_id {existing.request_id!r} already started {existing.name} with another request; "
                "use a new request_id for a new session"
            )
            raise error
        return await self._watcher.catch_up(existing, credentials)

    async def _guarded(self, session: Session, run: Awaitable[Session]) -> Session:
        """Awaits a run; one that lost the session to someone else returns the stored session."""
        try:
            return await run
        except Superseded:
            stored = await self._store.get(session.tenant, session.id)
            return stored or session

    async def _decide(
        self,
        journal: Journal,
        session: Session,
        credentials: Credentials,
        evaluated: Awaitable[Timed[Evaluation]],
        prefetched: asyncio.Future[Timed[Retrieved]],
        *,
        claim: bool = False,
    ) -> Session:
        """Policy's decision: deny, ask for an approval, or go on to answer.

        A run of a stored session (`claim`, a retry running a failed session again) first writes that it runs,
        so that of concurrent retries only one goes on.
        """
        timed = await evaluated
        if claim:
            session = await journal.write(session)
        index = session.next_index()
        evaluation = timed.value
        if evaluation is not None and evaluation.checksum not in ("", session.constitution_checksum):
            # Policy answered under another constitution than the check saw (one was just loaded, and policy had
            # not heard yet): ask again, naming the checked one, which makes policy load it.
            timed = await self._evaluate(session, session.action, credentials, StepKind.POLICY)
            evaluation = timed.value
        if evaluation is None or timed.error is not None:
            return await journal.fail(session, timed.hop.failed(index, "policy could not be asked", timed.error))
        step = timed.hop.step(
            index,
            StepStatus.OK,
            f"decision {evaluation.decision.value}, score {evaluation.score:g}",
            {
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
            reasons = ", ".join(evaluation.reason_codes) or "no reason code"
            denied = replace(decided, state=State.DENIED, error=f"policy denied {session.action.name}: {reasons}")
            return await journal.commit(session, denied, [step, State.DENIED])
        if evaluation.decision is Decision.REQUIRE_APPROVAL:
            return await self._ask_approval(journal, session, decided, step, credentials)
        session = await journal.commit(session, decided, [step], write=False)
        return await self._answerer.answer(journal, session, credentials, {}, prefetched=await prefetched)

    def _evaluate(
        self, session: Session, action: Action, credentials: Credentials, kind: StepKind
    ) -> Awaitable[Timed[Evaluation]]:
        """Policy's evaluation of `action` under the session's constitution, timed as a step of `kind`."""
        call = self._policy.evaluate(
            session.tenant, action, session.context, credentials, constitution=session.constitution_checksum
        )
        return self._hops.run(kind, EVALUATE, call)

    # -- approving --------------------------------------------------------------------------------------------

    async def _ask_approval(
        self, journal: Journal, before: Session, decided: Session, policy_step: Step, credentials: Credentials
    ) -> Session:
        hop = self._hops.start(StepKind.APPROVAL, LIST_MEMBERSHIPS, observed=False)
        detail: dict[str, Any] = {"reasonCodes": list(decided.reason_codes)}
        try:
            approvers = [
                a for a in await self._directory.approvers(decided.tenant, credentials) if a not in decided.requesters
            ]
        except HopError as error:
            approvers = []
            # Marked unresolved: the notification service resolves and notifies them from this step's event.
            detail.update(directoryError=str(error), approversUnresolved=True, promptPreview=decided.preview)
        detail["approvers"] = approvers
        summary = f"waiting for approval; {len(approvers)} approver(s) notified"
        step = hop.stop().step(decided.next_index(), StepStatus.WAITING, summary, detail)
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
        return await journal.commit(before, pending, [policy_step, step, State.PENDING_APPROVAL], notices)

    async def approve(self, name: str, approve: bool, comment: str, credentials: Credentials) -> Session:
        check_text(comment, "comment")
        session = await self._load(name)
        if session.state is not State.PENDING_APPROVAL:
            raise _conflict(session, "approve or reject it: only a session waiting for approval can be")
        same = credentials.people & session.requesters
        if same:
            raise PermissionDenied(
                "SELF_APPROVAL",
                f"{', '.join(sorted(same))} started {session.name} (as {session.requester}) and cannot approve it, "
                "through any token: a second person must",
                metadata={"requester": session.requester, "requesterActor": session.requester_actor},
            )
        after, changes = self._approved(session, approve, comment, credentials)
        journal = self._journal(session.sequence)
        try:
            session = await journal.commit(session, after, changes)
        except Superseded:
            current = await self._load(name)
            raise _conflict(current, "approve or reject it: someone else decided first") from None
        if not approve:
            return session
        note = {"credentials": f"approver {_who(credentials)}"}
        return await self._guarded(session, self._answerer.answer(journal, session, credentials, note))

    def _approved(
        self, session: Session, approve: bool, comment: str, credentials: Credentials
    ) -> tuple[Session, list[Step | State]]:
        """The session once the approver decided, and the changes that makes; both record who acted."""
        waiting = session.waiting_step(StepKind.APPROVAL)
        decided_at = self._clock()
        verdict = "approved" if approve else "rejected"
        changes: list[Step | State] = []
        approver, actor = credentials.subject, credentials.actor
        after = replace(session, approval=Approval(approver, approve, comment, decided_at, approver_actor=actor))
        if waiting is not None:
            detail = {**waiting.detail, "approver": approver, "approverActor": actor, "approved": approve}
            step = self._hops.finish(
                waiting, StepStatus.OK, f"{verdict} by {_who(credentials)}", {**detail, "comment": comment}
            )
            after = after.with_step(step)
            changes.append(step)
        if approve:
            after = replace(after, state=State.RUNNING)
        else:
            why = f"rejected by {_who(credentials)}" + (f": {comment}" if comment else "")
            after = replace(after, state=State.REJECTED, error=why)
        changes.append(after.state)
        return after, changes

    async def _finish(
        self, session: Session, status: InferenceStatus, credentials: Credentials, note: dict[str, Any]
    ) -> Session:
        """The watcher's callback: completes a queued session whose inference is done."""
        journal = self._journal(session.sequence)
        return await self._guarded(session, self._answerer.complete(journal, session, status, credentials, note))

    # -- tools ------------------------------------------------------------------------------------------------

    # -- cancelling -------------------------------------------------------------------------------------------

    async def cancel(self, name: str, reason: str, credentials: Credentials, *, may_approve: bool) -> Session:
        check_text(reason, "reason")
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
            for step in session.steps:
                if step.status is StepStatus.WAITING:
                    skipped = self._hops.finish(
                        step, StepStatus.SKIPPED, f"cancelled by {credentials.subject}", observed=False
                    )
                    after = after.with_step(skipped)
                    changes.append(skipped)
            why = f"cancelled by {credentials.subject}" + (f": {reason}" if reason else "")
            after = replace(after, state=State.CANCELLED, error=why)
            changes.append(State.CANCELLED)
            try:
                cancelled = await self._journal(session.sequence).commit(session, after, changes)
            except Superseded:
                continue  # a step landed meanwhile: look again
            self._watcher.cancel(session.name)
            return cancelled
        raise Aborted("SESSION_STATE_CONFLICT", f"session {name} keeps changing; retry the cancel")

    async def close(self) -> None:
        """Stops watching queued sessions; readers finish them later."""
        await self._watcher.close()


__all__ = ["DEFAULT_ACTION", "Draft", "Orchestrator", "sort_key", "validate_draft"]
