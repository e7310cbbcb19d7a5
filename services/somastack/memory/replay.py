"""The replay loop: applies committed writes to the memory store in log order, and keeps at it while the store is down.

Remember, Link and Forget commit their change, a write-log row and an outbox event in one transaction and
acknowledge. This loop reads the write log (oldest first), hands batches to the store, and deletes each row once
the store has applied it. When the store is unreachable the head of the log is retried with exponential
backoff, so writes keep being accepted and are replayed in order once it is back. A process killed between
the store's answer and the row's deletion re-applies that write at restart; every store applies a write
idempotently (the memory id is its key), so nothing is lost and nothing is applied twice in effect.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from somastack.memory.model import Write
from somastack.memory.ports import MemoryRecord, MemoryStore, StoreUnavailable, WriteRejected

_log = logging.getLogger(__name__)

_LAG_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0)
#: How many applied sequence numbers are remembered for callers that wait on a write.
_RECENT = 65_536
#: Seconds between two backlog measurements while the loop is busy (every idle pass measures too).
_MEASURE_EVERY = 0.5


class ReplayMetrics:
    """Prometheus metrics of the replay: backlog size and age, applied rate, failures, lag."""

    def __init__(self, store: str, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.backlog = Gauge(
            "soma_memory_replay_backlog",
            "Writes committed and acknowledged but not yet applied to the memory store.",
            registry=self.registry,
        )
        self.backlog_age = Gauge(
            "soma_memory_replay_backlog_age_seconds",
            "Age of the oldest write not yet applied to the memory store (0 when none waits).",
            registry=self.registry,
        )
        self.applied = Counter(
            "soma_memory_replay_applied",
            "Writes applied to the memory store; its rate is the replay rate.",
            ["store"],
            registry=self.registry,
        ).labels(store)
        self.failures = Counter(
            "soma_memory_replay_failures",
            "Attempts to apply writes that failed because the memory store was unavailable.",
            ["store"],
            registry=self.registry,
        ).labels(store)
        self.rejected = Counter(
            "soma_memory_replay_rejected",
            "Writes the memory store refused for good, kept aside in the write log.",
            ["store"],
            registry=self.registry,
        ).labels(store)
        self.store_up = Gauge(
            "soma_memory_store_up",
            "1 while the memory store takes writes, 0 after a failed attempt.",
            ["store"],
            registry=self.registry,
        ).labels(store)
        self.lag = Histogram(
            "soma_memory_replay_lag_seconds",
            "Time from a write's commit to its application by the memory store.",
            ["store"],
            buckets=_LAG_BUCKETS,
            registry=self.registry,
        ).labels(store)
        self.store_up.set(1)


class Replayer:
    """Drives the write log into the memory store; one per service process."""

    def __init__(
        self,
        record: MemoryRecord,
        store: MemoryStore,
        *,
        metrics: ReplayMetrics | None = None,
        batch_size: int = 128,
        backoff: float = 0.05,
        backoff_max: float = 2.0,
        poll: float = 30.0,
        flush_interval: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._record = record
        self._store = store
        self.metrics = metrics or ReplayMetrics(store.kind)
        self._batch_size = batch_size
        self._backoff = backoff
        self._backoff_max = backoff_max
        self._poll = poll
        self._flush_interval = flush_interval
        self._clock = clock
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._healthy = True
        self._recent: OrderedDict[int, bool] = OrderedDict()
        self._waiters: dict[int, list[asyncio.Future[bool]]] = {}
        self._dirty = False
        self._last_flush = time.monotonic()
        self._measured_at = 0.0

    @property
    def healthy(self) -> bool:
        """Whether the last attempt to reach the store succeeded."""
        return self._healthy

    def notify(self) -> None:
        """Wakes the loop: a write was just committed."""
        self._wake.set()

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="memory-replay")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._release_waiters()
        self._waiters.clear()
        with contextlib.suppress(Exception):
            await self._store.flush()

    async def wait_applied(self, seq: int, within: float) -> bool:
        """Waits up to `within` seconds for the write `seq` to be applied; whether it was."""
        if seq in self._recent:
            return self._recent[seq]
        if within <= 0:
            return False
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(seq, []).append(future)
        self.notify()
        try:
            return await asyncio.wait_for(asyncio.shield(future), within)
        except TimeoutError:
            return False
        finally:
            futures = self._waiters.get(seq)
            if futures is not None:
                with contextlib.suppress(ValueError):
                    futures.remove(future)
                if not futures:
                    del self._waiters[seq]

    def _release_waiters(self) -> None:
        """Answers every waiting caller 'not yet': the store is failing, so acknowledging at commit is all we can do."""
        for futures in self._waiters.values():
            for future in futures:
                if not future.done():
                    future.set_result(False)

    def _settle(self, seq: int, applied: bool) -> None:
        self._recent[seq] = applied
        while len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
        for future in self._waiters.pop(seq, []):
            if not future.done():
                future.set_result(applied)

    async def run_once(self) -> int:
        """Applies one batch of pending writes; returns how many left the log. Raises StoreUnavailable."""
        writes = await self._record.pending_writes(limit=self._batch_size)
        if not writes or time.monotonic() - self._measured_at >= _MEASURE_EVERY:
            await self.refresh_backlog()
        if not writes:
            return 0
        step = max(1, self._store.apply_batch)
        done = 0
        for start in range(0, len(writes), step):
            chunk = writes[start : start + step]
            try:
                await self._store.apply(chunk)
            except StoreUnavailable as error:
                await self._applied(chunk[: error.applied])
                self._healthy = False
                self.metrics.store_up.set(0)
                self.metrics.failures.inc()
                self._release_waiters()
                raise
            except WriteRejected as error:
                await self._applied(chunk[: error.applied])
                _log.error("memory store %s refused write %d for good: %s", self._store.kind, error.seq, error)
                await self._record.mark_rejected(error.seq, str(error))
                self.metrics.rejected.inc()
                self._settle(error.seq, False)
                return done + error.applied + 1
            # The log advances after every hand-over: a crash re-sends at most one hand-over.
            await self._applied(chunk)
            done += len(chunk)
        if not self._healthy:
            _log.info("memory store %s is back; replaying the backlog", self._store.kind)
        self._healthy = True
        self.metrics.store_up.set(1)
        return done

    async def _applied(self, writes: Sequence[Write]) -> None:
        if not writes:
            return
        await self._record.mark_applied([w.seq for w in writes])
        now = self._clock()
        for write in writes:
            self.metrics.lag.observe(max(0.0, now - write.created_at))
            self._settle(write.seq, True)
        self.metrics.applied.inc(len(writes))
        self._dirty = True

    async def refresh_backlog(self) -> tuple[int, float]:
        """Updates the backlog gauges; returns (writes waiting, age of the oldest in seconds)."""
        count, oldest = await self._record.backlog()
        age = max(0.0, self._clock() - oldest) if oldest is not None else 0.0
        self.metrics.backlog.set(count)
        self.metrics.backlog_age.set(age)
        self._measured_at = time.monotonic()
        return count, age

    async def drain(self) -> None:
        """Applies every pending write now (tests, tools); raises StoreUnavailable when the store fails."""
        while await self.run_once():
            pass

    async def _run(self) -> None:
        delay = self._backoff
        while True:
            self._wake.clear()  # before reading: a commit from now on (notify) wakes the idle wait below
            try:
                moved = await self.run_once()
            except StoreUnavailable as error:
                _log.warning("memory store %s unavailable (%s); retrying in %.2fs", self._store.kind, error, delay)
                await self._sleep(delay)
                delay = min(delay * 2, self._backoff_max)
                continue
            except asyncio.CancelledError:
                raise
            except Exception:
                # The database itself failed (or a bug): keep the loop alive, the writes are safe in the log.
                _log.exception("memory replay failed; retrying in %.2fs", delay)
                await self._sleep(delay)
                delay = min(delay * 2, self._backoff_max)
                continue
            delay = self._backoff
            await self._maybe_flush()
            if not moved:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._idle_wait())

    def _idle_wait(self) -> float:
        """How long an idle loop sleeps unless a commit wakes it: the safety poll (writes committed by another
        process on the same database), or less while changed indexes wait for their periodic save."""
        if not self._dirty:
            return self._poll
        return min(self._poll, max(0.0, self._last_flush + self._flush_interval - time.monotonic()))

    async def _sleep(self, seconds: float) -> None:
        # A new write does not cut a backoff short: the store is what we wait for.
        await asyncio.sleep(seconds)

    async def _maybe_flush(self) -> None:
        if self._dirty and time.monotonic() - self._last_flush >= self._flush_interval:
            self._dirty = False
            self._last_flush = time.monotonic()
            try:
                await self._store.flush()
            except Exception:
                _log.exception("saving the memory store's indexes failed; will retry")
                self._dirty = True
