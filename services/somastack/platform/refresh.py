"""A refresh that concurrent callers share: one in flight at a time, rate-limited, each caller waiting a bounded time.

A token verifier that meets an unknown key id must read the key set again, but neither a burst of requests nor a
flood of forged key ids may turn into one read each. Both the runtime's JWKS client and the identity service's own
key store refresh through this.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class SharedRefresh:
    """Runs `refresh` for callers that need state no older than their own arrival.

    Callers that wait together share one run (single flight). A run starts at most `min_interval` seconds after the
    previous successful one ended, `retry_interval` after a failed one, so however many callers ask, `refresh` runs
    a few times a second at most. A caller that arrives during that cool-down waits for the next run instead of
    being answered from a state read before it arrived; one that arrives while a run is under way waits for the run
    after it, since the one under way may have read the state too early.

    `refresh` returns whether it succeeded; an exception it raises reaches the callers waiting on that run.
    """

    def __init__(self, refresh: Callable[[], Awaitable[bool]], *, min_interval: float, retry_interval: float) -> None:
        self._refresh = refresh
        self._min_interval = min_interval
        self._retry_interval = retry_interval
        self._flight: asyncio.Task[None] | None = None
        self._next_start = float("-inf")
        #: When the last successful run started (time.monotonic()): its state is no older than this.
        self._fresh_since = float("-inf")

    async def since(self, moment: float, *, within: float) -> bool:
        """Waits until a run that started at or after `moment` (time.monotonic()) has succeeded.

        Returns:
            True once there is such a run; False when there was none `within` seconds from now (the source failed,
            was slow, or the cool-down outlasts the wait).
        """
        deadline = time.monotonic() + within
        while self._fresh_since < moment:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if self._flight is None:
                self._flight = asyncio.create_task(self._run(), name="shared-refresh")
                self._flight.add_done_callback(_retrieve)
            try:
                await asyncio.wait_for(asyncio.shield(self._flight), remaining)
            except TimeoutError:
                return False
        return True

    async def _run(self) -> None:
        try:
            delay = self._next_start - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            started = time.monotonic()
            succeeded = False
            try:
                succeeded = await self._refresh()
            finally:
                pause = self._min_interval if succeeded else self._retry_interval
                self._next_start = time.monotonic() + pause
            if succeeded:
                self._fresh_since = started
        finally:
            self._flight = None

    async def close(self) -> None:
        """Cancels the run under way, if any."""
        flight = self._flight
        if flight is not None:
            flight.cancel()
            await asyncio.gather(flight, return_exceptions=True)


def _retrieve(task: asyncio.Task[None]) -> None:
    """Marks a run's exception as seen: its waiters may all have given up before it ended."""
    if not task.cancelled():
        task.exception()
