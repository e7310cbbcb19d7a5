"""The replay loop with an in-memory write log and a store that fails on command: order, exactly-once, metrics."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import cast

import pytest
from prometheus_client import CollectorRegistry

from somastack.memory.model import Candidate, Forgotten, Memory, MemoryKind, Remembered, Write
from somastack.memory.ports import MemoryRecord, StoreUnavailable, WriteRejected
from somastack.memory.replay import Replayer, ReplayMetrics


class Log:
    """The write-log half of MemoryRecord, in memory."""

    def __init__(self) -> None:
        self.writes: list[Write] = []
        self.rejected: dict[int, str] = {}
        self.now = 1000.0
        self.last = 0

    def append(self, n: int = 1) -> list[int]:
        out = []
        for _ in range(n):
            self.last += 1
            seq = self.last
            memory = Memory("acme", f"{seq:016x}", MemoryKind.SEMANTIC, f"text {seq}", {}, 0.0, self.now, write_seq=seq)
            self.writes.append(Write(seq, "acme", Remembered(memory), self.now))
            out.append(seq)
        return out

    async def pending_writes(self, *, limit: int) -> list[Write]:
        return [w for w in self.writes if w.seq not in self.rejected][:limit]

    async def mark_applied(self, seqs: Sequence[int]) -> None:
        done = set(seqs)
        self.writes = [w for w in self.writes if w.seq not in done]

    async def mark_rejected(self, seq: int, error: str) -> None:
        self.rejected[seq] = error

    async def backlog(self) -> tuple[int, float | None]:
        live = [w for w in self.writes if w.seq not in self.rejected]
        return len(live), min((w.created_at for w in live), default=None)


class FlakyStore:
    """Records what it applied; `down` fails every call, `fail_after` applies that many then fails."""

    kind = "flaky"
    exact = False
    apply_batch = 100

    def __init__(self) -> None:
        self.applied: list[int] = []
        self.down = False
        self.fail_after: int | None = None
        self.refuse: set[int] = set()
        self.flushes = 0

    async def open(self) -> None:
        return None

    async def apply(self, writes: Sequence[Write]) -> None:
        if self.down:
            raise StoreUnavailable("down")
        for i, write in enumerate(writes):
            if self.fail_after is not None and i >= self.fail_after:
                self.fail_after = None
                raise StoreUnavailable("died mid-batch", applied=i)
            if write.seq in self.refuse:
                raise WriteRejected(write.seq, "refused", applied=i)
            self.applied.append(write.seq)

    async def search(self, tenant: str, query: str, k: int) -> list[Candidate]:
        return []

    async def search_among(self, tenant: str, query: str, keys: Sequence[int], k: int) -> list[Candidate]:
        return []

    async def flush(self) -> None:
        self.flushes += 1

    async def close(self) -> None:
        return None


def value(registry: CollectorRegistry, name: str) -> float:
    sample = registry.get_sample_value(name, {"store": "flaky"})
    if sample is None:
        sample = registry.get_sample_value(name)
    assert sample is not None, name
    return sample


def replayer(log: Log, store: FlakyStore, registry: CollectorRegistry, **kwargs: float) -> Replayer:
    # Log implements only the write-log half of MemoryRecord: all the replay loop touches.
    return Replayer(
        cast(MemoryRecord, log),
        store,
        metrics=ReplayMetrics(store.kind, registry),
        batch_size=4,
        clock=lambda: log.now,
        **kwargs,
    )


async def test_writes_wait_while_the_store_is_down_and_replay_in_order_exactly_once() -> None:
    log, store, registry = Log(), FlakyStore(), CollectorRegistry()
    loop = replayer(log, store, registry)
    store.down = True
    seqs = log.append(10)
    log.now += 42
    with pytest.raises(StoreUnavailable):
        await loop.run_once()
    assert store.applied == []
    assert value(registry, "soma_memory_replay_backlog") == 10
    assert value(registry, "soma_memory_replay_backlog_age_seconds") == 42
    assert value(registry, "soma_memory_store_up") == 0
    assert value(registry, "soma_memory_replay_failures_total") == 1
    assert not loop.healthy

    store.down = False
    await loop.drain()
    assert store.applied == seqs
    assert value(registry, "soma_memory_replay_applied_total") == 10
    await loop.refresh_backlog()
    assert value(registry, "soma_memory_replay_backlog") == 0
    assert value(registry, "soma_memory_replay_backlog_age_seconds") == 0
    assert value(registry, "soma_memory_store_up") == 1
    assert loop.healthy


async def test_a_batch_that_fails_halfway_keeps_what_was_applied_and_resumes_after_it() -> None:
    log, store, registry = Log(), FlakyStore(), CollectorRegistry()
    loop = replayer(log, store, registry)
    seqs = log.append(6)
    store.fail_after = 2
    with pytest.raises(StoreUnavailable):
        await loop.run_once()
    assert store.applied == seqs[:2]
    await loop.drain()
    assert store.applied == seqs


async def test_a_refused_write_is_set_aside_and_the_rest_go_on() -> None:
    log, store, registry = Log(), FlakyStore(), CollectorRegistry()
    loop = replayer(log, store, registry)
    seqs = log.append(5)
    store.refuse = {seqs[2]}
    await loop.drain()
    assert store.applied == [s for s in seqs if s != seqs[2]]
    assert list(log.rejected) == [seqs[2]]
    assert value(registry, "soma_memory_replay_rejected_total") == 1
    assert not await loop.wait_applied(seqs[2], 0)
    assert await loop.wait_applied(seqs[0], 0)


async def test_the_background_loop_backs_off_while_down_and_wakes_on_new_writes() -> None:
    log, store, registry = Log(), FlakyStore(), CollectorRegistry()
    loop = replayer(log, store, registry, backoff=0.01, backoff_max=0.05, poll=5.0)
    await loop.start()
    try:
        (first,) = log.append()
        loop.notify()
        assert await loop.wait_applied(first, 2.0)
        store.down = True
        (second,) = log.append()
        loop.notify()
        started = asyncio.get_running_loop().time()
        # A caller waiting for its write hears "not yet" as soon as the store fails, not at the end of its wait.
        assert not await loop.wait_applied(second, 5.0)
        assert asyncio.get_running_loop().time() - started < 1.0
        assert not loop.healthy
        store.down = False
        assert await loop.wait_applied(second, 2.0)
        assert store.applied == [first, second]
        assert loop.healthy
    finally:
        await loop.stop()


async def test_forgotten_writes_flow_like_any_other() -> None:
    log, store, registry = Log(), FlakyStore(), CollectorRegistry()
    loop = replayer(log, store, registry)
    (seq,) = log.append()
    log.last += 1
    log.writes.append(Write(log.last, "acme", Forgotten("acme", (f"{seq:016x}",)), log.now))
    await loop.drain()
    assert store.applied == [seq, seq + 1]
    await asyncio.sleep(0)


class RacingLog(Log):
    """A write log whose reads are counted, and whose next read that finds nothing is overtaken by a commit: a
    write lands, and wakes the loop, while the read is under way."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0
        self.race = False
        self.committed: list[Callable[[], None]] = []

    async def pending_writes(self, *, limit: int) -> list[Write]:
        self.reads += 1
        found = await super().pending_writes(limit=limit)
        if self.race and not found:
            self.race = False
            self.append()
            for wake in self.committed:
                wake()
        return found


async def until(check: Callable[[], bool], within: float) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not check():
        assert asyncio.get_running_loop().time() < deadline, f"not within {within} s"
        await asyncio.sleep(0.01)


async def test_an_idle_loop_sleeps_past_its_poll_yet_misses_no_write() -> None:
    log, store, registry = RacingLog(), FlakyStore(), CollectorRegistry()
    loop = replayer(log, store, registry, poll=3600.0, flush_interval=3600.0)
    log.committed.append(loop.notify)
    await loop.start()
    try:
        await asyncio.sleep(0.05)  # it found nothing and sleeps: only a commit wakes it
        log.race = True
        (first,) = log.append()
        loop.notify()
        # The pass after the one that applies `first` finds nothing, while a second write commits: that wake-up
        # is not lost (the write waits for no poll).
        await until(lambda: store.applied == [first, first + 1], 2.0)
        reads = log.reads
        await asyncio.sleep(0.3)
        assert log.reads == reads  # idle again: it sleeps
    finally:
        await loop.stop()


async def test_an_idle_loop_saves_changed_indexes_when_the_save_interval_ends() -> None:
    log, store, registry = RacingLog(), FlakyStore(), CollectorRegistry()
    loop = replayer(log, store, registry, poll=3600.0, flush_interval=0.3)
    await loop.start()
    try:
        (seq,) = log.append()
        loop.notify()
        await until(lambda: store.applied == [seq], 2.0)
        # Not at the next poll, an hour away: when the interval since the last save ends.
        await until(lambda: store.flushes == 1, 2.0)
        reads = log.reads
        await asyncio.sleep(0.5)
        assert log.reads == reads and store.flushes == 1  # saved and idle: it sleeps
    finally:
        await loop.stop()
