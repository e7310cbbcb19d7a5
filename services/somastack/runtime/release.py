"""Giving memory back after large requests: once a burst of them is over, the process collects its garbage and
asks the C allocator to return its free pages, so its resident size comes back near where it was.

Why it is needed: a refused 1 MB request is garbage at once, but not memory given back. Its error keeps it in a
reference cycle (the exception's traceback holds the frames that held it) until the cyclic collector runs, which
large strings and bytes do not trigger; and glibc keeps what is freed in its heaps and raises its mmap threshold
after freeing a large block, so the next large blocks come from heaps it never shrinks. Bursts of 1 MB requests
grew a service by tens of MB per burst. `gc.collect()` then `malloc_trim(0)` (glibc only; elsewhere a no-op)
undo both, at most once per `MIN_INTERVAL`, never while a burst goes on.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import time
from collections.abc import Callable

#: A request body at least this large counts as large.
LARGE_BYTES = 256 * 1024
#: Quiet time after the last large request before memory is released (the burst is over).
QUIET_SECONDS = 0.5
#: At most one release per this many seconds: a full collection holds the interpreter for a few ms to tens of ms.
MIN_INTERVAL = 2.0


def _malloc_trim() -> Callable[[], None]:
    """glibc's `malloc_trim(0)`, or nothing where the C library has none."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is None:
        return lambda: None
    trim.argtypes = [ctypes.c_size_t]
    return lambda: trim(0) and None


class MemoryRelease:
    """Releases memory once large requests stopped coming; `large(size)` is told of each request body's size."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._trim = _malloc_trim()
        self._last_large = 0.0
        self._last_release = -MIN_INTERVAL
        self._scheduled = False
        #: How many releases ran (for tests and curiosity).
        self.releases = 0

    def large(self, size: int) -> None:
        if size < LARGE_BYTES:
            return
        self._last_large = self._clock()
        if not self._scheduled:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # decoded outside the server's loop: nothing to schedule on
                return
            self._scheduled = True
            loop.call_later(QUIET_SECONDS, self._maybe_release, loop)

    def _maybe_release(self, loop: asyncio.AbstractEventLoop) -> None:
        now = self._clock()
        due = max(self._last_large + QUIET_SECONDS, self._last_release + MIN_INTERVAL)
        if now < due:
            loop.call_later(due - now, self._maybe_release, loop)
            return
        self._scheduled = False
        self._last_release = now
        self.releases += 1
        # In a worker thread: malloc_trim releases the GIL (ctypes does) and may take a while on a large heap; the
        # event loop goes on reading requests meanwhile (a paused reader makes Envoy's transcoder buffer a REST
        # body until it refuses it).
        loop.run_in_executor(None, self._release)

    def _release(self) -> None:
        gc.collect()
        self._trim()
