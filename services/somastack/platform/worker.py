"""BackgroundWorker: one asyncio task that loops until stop(), with pauses that wake up on stop."""

from __future__ import annotations

import asyncio
from contextlib import suppress


class BackgroundWorker:
    """Base of the service loops (outbox relay, event consumer): start once, stop after the step in flight."""

    def __init__(self, name: str) -> None:
        self._worker_name = name
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def _run(self) -> None:
        """The loop; it should return soon after `_stopping` is set."""
        raise NotImplementedError

    async def start(self) -> None:
        """Starts the loop in the background (a second call does nothing)."""
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self._run(), name=self._worker_name)

    async def stop(self) -> None:
        """Asks the loop to stop and waits until it has finished its current step."""
        if self._task is None:
            return
        self._stopping.set()
        task, self._task = self._task, None
        await task

    async def _pause(self, seconds: float) -> bool:
        """Sleeps up to `seconds`; False if stop() was called meanwhile."""
        with suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
        return not self._stopping.is_set()

    async def _doze(self, wake: asyncio.Event, seconds: float) -> bool:
        """Sleeps until `wake` is set or up to `seconds`, cut short by stop() too; False if stop() was called.

        For loops that sleep long between polls: stop() must not wait for the end of the sleep.
        """
        waits = [asyncio.ensure_future(wake.wait()), asyncio.ensure_future(self._stopping.wait())]
        try:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()
        return not self._stopping.is_set()
