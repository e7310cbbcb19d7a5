"""The unit of work of one run of a session: its deferred writes, their commit, failure, and the wake-ups."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from somastack.orchestrator.model import EventKind, Notice, Session, SessionEvent, State, Step
from somastack.orchestrator.ports import SessionStore

#: The stored sequence of a session whose row the run has not created yet.
NOT_CREATED = -1


class Superseded(Exception):
    """The session changed under a run (cancelled, approved elsewhere): it must stop."""


class Duplicate(Exception):
    """A concurrent StartSession with the same request id created its session first."""

    def __init__(self, existing: Session) -> None:
        super().__init__(existing.name)
        self.existing = existing


def events_of(
    session: Session, state: State, changes: Sequence[Step | State], *, start: int, now: float
) -> list[SessionEvent]:
    """One event per change (a step, or a new state), numbered after `start`."""
    events = []
    for offset, change in enumerate(changes, start=1):
        if isinstance(change, Step):
            events.append(
                SessionEvent(session.name, EventKind.STEP, state, session.requester, start + offset, now, step=change)
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


class Journal:
    """Records the changes of one run of a session and writes them, guarded by the session's sequence.

    A change may be kept in memory (`write=False`) and go to the store with the run's next written change, in
    the same transaction: a step whose only effect is a read of the mesh (policy's decision to go on, the model's
    answer before the tools) need not be durable on its own, since a session interrupted before the next write
    is re-run from its last written state. Each write costs a transaction on the hot path of StartSession, so a
    synchronous session without tools writes once, when it ends (nobody can watch it before StartSession returns
    its name); a queued one writes when it is decided, before its inference is queued, and when it ends.
    """

    __slots__ = ("_clock", "_events", "_notices", "_store", "_stored", "_wake")

    def __init__(
        self, store: SessionStore, clock: Callable[[], float], wake: Callable[[str], None], stored: int
    ) -> None:
        self._store = store
        self._clock = clock
        self._wake = wake
        #: The sequence the store holds (NOT_CREATED before the run's first write creates the row).
        self._stored = stored
        self._events: list[SessionEvent] = []
        self._notices: list[Notice] = []

    def begin(self, session: Session, changes: Sequence[Step | State]) -> Session:
        """Records the first changes of a run over the stored sequence, without writing them."""
        events = events_of(session, session.state, changes, start=session.sequence, now=self._clock())
        self._events.extend(events)
        return replace(session, sequence=session.sequence + len(events))

    async def commit(
        self,
        before: Session,
        after: Session,
        changes: Sequence[Step | State],
        notices: Sequence[Notice] = (),
        *,
        write: bool = True,
    ) -> Session:
        """Records `changes` (steps and states, each an event) on the session; writes them unless `write=False`."""
        now = self._clock()
        events = events_of(after, before.state, changes, start=before.sequence, now=now)
        after = replace(after, sequence=before.sequence + len(events), updated_at=now)
        self._events.extend(events)
        self._notices.extend(notices)
        if not write:
            return after
        return await self.write(after)

    async def write(self, session: Session) -> Session:
        """Writes the changes recorded so far, in one transaction, and wakes the session's streams.

        Raises Superseded if someone else changed the stored session first, Duplicate if another run created
        a session with the same request id first.
        """
        pending, self._events = self._events, []
        noticed, self._notices = self._notices, []
        if self._stored == NOT_CREATED:
            stored, created = await self._store.create(session, pending, noticed)
            if not created:
                raise Duplicate(stored)
        elif not await self._store.save(session, expected_sequence=self._stored, events=pending, notices=noticed):
            raise Superseded(session.name)
        self._stored = session.sequence
        self._wake(session.name)
        return session

    async def fail(self, session: Session, step: Step, base: Session | None = None) -> Session:
        """Ends the run with the failed `step` (on `base`, the session with what the step changed, if given)."""
        failed = replace((base or session).with_step(step), state=State.FAILED, error=step.error)
        return await self.commit(session, failed, [step, State.FAILED])
