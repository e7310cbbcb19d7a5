"""The Subscribe streams' one shared read: deliveries another replica made reach the streams of this process.

A delivery made here wakes its user's streams at once (`Hub.delivered`). For the rest, one task reads the recent
deliveries of every user with an open stream here, together, once per interval, and wakes only the users that got
one it had not seen; an idle stream costs nothing but its entry in the hub. The read looks back `REREAD_SECONDS`,
as each stream does, so that a delivery whose transaction committed late (or was stamped by a replica whose clock
runs a little behind) is still found.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from somastack.notification.service import Hub

_log = logging.getLogger(__name__)

#: (tenant, user, notification id) of the deliveries to some users at or after a time.
Recent = Callable[[Sequence[tuple[str, str]], float], Awaitable[list[tuple[str, str, str]]]]
#: The most users one read asks about; more are read in several.
READ_BATCH = 500


class DeliveryFollower:
    """Reads the recent deliveries of every user a stream here follows, once per interval, and wakes those users'
    streams that got one not seen before."""

    def __init__(
        self, hub: Hub, recent: Recent, clock: Callable[[], float], *, poll_seconds: float, reread_seconds: float
    ) -> None:
        self._hub = hub
        self._recent = recent
        self._clock = clock
        self._poll = poll_seconds
        self._reread = reread_seconds
        #: The ids each followed user had in the last read's window.
        self._known: dict[tuple[str, str], set[str]] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Runs the shared read while any stream is open (a stream calls this when it opens)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._look_periodically(), name="delivery-follower")

    async def look(self) -> None:
        """One read of the recent deliveries of every followed user; wakes those with a new one."""
        keys = self._hub.followed()
        since = self._clock() - self._reread
        found: dict[tuple[str, str], set[str]] = {key: set() for key in keys}
        for start in range(0, len(keys), READ_BATCH):
            for tenant, user, notification_id in await self._recent(keys[start : start + READ_BATCH], since):
                found[(tenant, user)].add(notification_id)
        for key, ids in found.items():
            if ids - self._known.get(key, set()):
                self._hub.wake(*key)
        self._known = {key: ids for key, ids in found.items() if ids}

    async def _look_periodically(self) -> None:
        failing = False
        while self._hub.followed():
            await asyncio.sleep(self._poll)
            try:
                await self.look()
            except Exception as error:  # the store is down: local deliveries still wake their streams
                if not failing:
                    _log.warning("reading recent deliveries failed, retrying every %gs: %s", self._poll, error)
                failing = True
            else:
                failing = False

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
