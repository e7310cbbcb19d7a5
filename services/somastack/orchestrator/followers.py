"""The session streams of one process, by session: woken by local commits, and by one shared read for the rest.

A stream that waits for its session's next change costs nothing but its entry here. A commit of this process wakes
the streams of its session at once (the journal calls `wake`); for changes another replica committed, one task
reads the stored sequence of every followed session together, once per interval, and wakes only the streams whose
session moved past what they have read. 1,000 idle streams thus cost one small query per interval, not 1,000.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

_log = logging.getLogger(__name__)

#: The stored sequence of each of some sessions, (tenant, id) -> sequence; the ones that do not exist are left out.
Sequences = Callable[[Sequence[tuple[str, str]]], Awaitable[dict[tuple[str, str], int]]]
#: The most sessions one read asks about; more are read in several.
READ_BATCH = 500


@dataclass
class _Followed:
    """One followed session: its key, how many streams follow it, what they have read, and their wake-up."""

    key: tuple[str, str]
    streams: int = 0
    seen: int = 0
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class Followers:
    """Streams waiting for a session's next change, by session name; a change wakes the streams of its session."""

    def __init__(self, sequences: Sequences, poll_seconds: float) -> None:
        self._sequences = sequences
        self._poll = poll_seconds
        self._followed: dict[str, _Followed] = {}
        self._task: asyncio.Task[None] | None = None

    def follow(self, name: str, tenant: str, session_id: str) -> None:
        """A stream starts following the session; the shared read runs while any session is followed."""
        followed = self._followed.setdefault(name, _Followed((tenant, session_id)))
        followed.streams += 1
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._look_periodically(), name="session-followers")

    def unfollow(self, name: str) -> None:
        followed = self._followed[name]
        followed.streams -= 1
        if not followed.streams:
            del self._followed[name]

    def event(self, name: str) -> asyncio.Event:
        """The wake-up the session's streams wait on: taken before they read, so no change falls between."""
        followed = self._followed.get(name)
        return followed.wake if followed is not None else asyncio.Event()

    def seen(self, name: str, sequence: int) -> None:
        """The session's streams have read up to `sequence`: the shared read wakes them for anything past it."""
        followed = self._followed.get(name)
        if followed is not None:
            followed.seen = max(followed.seen, sequence)

    def wake(self, name: str) -> None:
        """Wakes the session's streams (a commit of this process, or one the shared read found)."""
        followed = self._followed.get(name)
        if followed is not None:
            wake, followed.wake = followed.wake, asyncio.Event()
            wake.set()

    async def look(self) -> None:
        """One read of every followed session's stored sequence; wakes the streams of those that moved on."""
        names = {f.key: name for name, f in self._followed.items()}
        keys = list(names)
        for start in range(0, len(keys), READ_BATCH):
            stored = await self._sequences(keys[start : start + READ_BATCH])
            for key, sequence in stored.items():
                followed = self._followed.get(names[key])
                if followed is not None and sequence > followed.seen:
                    followed.seen = sequence
                    self.wake(names[key])

    async def _look_periodically(self) -> None:
        failing = False
        while self._followed:
            await asyncio.sleep(self._poll)
            try:
                await self.look()
            except Exception as error:  # the store is down: streams still get local wake-ups; look again later
                if not failing:
                    _log.warning("reading the followed sessions failed, retrying every %gs: %s", self._poll, error)
                failing = True
            else:
                failing = False

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
