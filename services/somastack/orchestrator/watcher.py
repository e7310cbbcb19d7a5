"""Queued inferences: the background watcher that finishes a session, and the reader that catches one up.

Both hand a finished inference to a callback (the orchestrator's completion of the session), so this module
knows nothing of the session pipeline.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from somastack.orchestrator.model import Credentials, HopError, InferenceStatus, Session, State, StepKind
from somastack.orchestrator.ports import Models, SessionStore

_log = logging.getLogger(__name__)

#: Finishes a session whose queued inference is done: (session, status, credentials, note) -> the session.
Complete = Callable[[Session, InferenceStatus, Credentials, dict[str, Any]], Awaitable[Session]]


class Wakeups:
    """Streams waiting for a session's next change, by name; a written change wakes them."""

    __slots__ = ("_events", "_streams")

    def __init__(self) -> None:
        self._events: dict[str, asyncio.Event] = {}
        #: How many streams follow each session, so that the last one to end drops its wake-up.
        self._streams: dict[str, int] = {}

    def follow(self, name: str) -> None:
        self._streams[name] = self._streams.get(name, 0) + 1

    def unfollow(self, name: str) -> None:
        self._streams[name] -= 1
        if not self._streams[name]:
            del self._streams[name]
            self._events.pop(name, None)

    def event(self, name: str) -> asyncio.Event:
        return self._events.setdefault(name, asyncio.Event())

    def wake(self, name: str) -> None:
        wake = self._events.pop(name, None)
        if wake is not None:
            wake.set()


def _inference(session: Session) -> str | None:
    """The queued inference a running session waits for, if any."""
    waiting = session.waiting_step(StepKind.INFERENCE)
    if session.state is not State.RUNNING or waiting is None:
        return None
    return str(waiting.detail["inference"])


class Watcher:
    """Watches the queued inferences of sessions this process started, and catches up those nobody watches."""

    def __init__(self, store: SessionStore, models: Models, wakeups: Wakeups, complete: Complete) -> None:
        self._store = store
        self._models = models
        self._wakeups = wakeups
        self._complete = complete
        #: Queued sessions this process watches, by name.
        self.tasks: dict[str, asyncio.Task[None]] = {}

    def watch(self, session: Session, credentials: Credentials, note: dict[str, Any]) -> None:
        """Finishes the queued session in the background once its inference is done."""
        name = session.name
        task = asyncio.create_task(self._watch(session, credentials, note), name=f"watch-{name}")
        self.tasks[name] = task

        def forget(done: asyncio.Task[None]) -> None:
            if self.tasks.get(name) is done:
                del self.tasks[name]
                self._wakeups.wake(name)  # streams of the session look again (and finish it themselves if need be)
            if not done.cancelled() and done.exception() is not None:
                _log.error("watching %s failed", name, exc_info=done.exception())

        task.add_done_callback(forget)

    async def _watch(self, session: Session, credentials: Credentials, note: dict[str, Any]) -> None:
        inference = _inference(session)
        assert inference is not None
        try:
            status = await self._models.wait(inference, credentials)
        except HopError as error:
            # The watch broke (a timeout, an unreachable hop): readers finish the session later.
            _log.warning("watching %s of %s stopped: %s", inference, session.name, error)
            return
        if not status.done:
            return
        current = await self._store.get(session.tenant, session.id)
        if current is not None:
            await self._complete(current, status, credentials, note)

    async def catch_up(self, session: Session, credentials: Credentials) -> Session:
        """A queued session nobody here watches (the process restarted): finished by its reader once the
        inference is done, with the reader's credentials."""
        inference = _inference(session)
        if inference is None or session.name in self.tasks:
            return session
        try:
            status = await self._models.get(inference, credentials)
        except HopError:
            return session
        if not status.done:
            return session
        return await self._complete(session, status, credentials, {"completedBy": credentials.subject})

    def cancel(self, name: str) -> None:
        task = self.tasks.pop(name, None)
        if task is not None:
            task.cancel()

    async def close(self) -> None:
        """Stops watching queued sessions; readers finish them later."""
        tasks = list(self.tasks.values())
        self.tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
