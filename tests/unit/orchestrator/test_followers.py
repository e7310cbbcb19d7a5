"""Session streams between changes: they read nothing while idle, one shared read serves them all, and a change
committed by another replica reaches them within the poll interval."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from somastack.config import Settings
from somastack.orchestrator.adapters.sql_store import SqlSessionStore
from somastack.orchestrator.model import Decision, Session, SessionEvent, State
from somastack.orchestrator.service import Draft, Orchestrator
from somastack.platform.db import create_engine
from somastack.platform.migrations import upgrade_async
from tests.unit.orchestrator.test_service import OLGA, TENANT, FakeMesh

POLL = 0.05


class CountingStore(SqlSessionStore):
    """The real SQL store, counting the reads a stream makes."""

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        self.reads: Counter[str] = Counter()

    async def get(self, tenant: str, session_id: str) -> Session | None:
        self.reads["get"] += 1
        return await super().get(tenant, session_id)

    async def events(self, tenant: str, session_id: str, *, after: int) -> list[SessionEvent]:
        self.reads["events"] += 1
        return await super().events(tenant, session_id, after=after)

    async def sequences(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
        self.reads["sequences"] += 1
        return await super().sequences(keys)


@pytest.fixture
async def replicas(tmp_path: Path) -> AsyncIterator[tuple[Orchestrator, Orchestrator, CountingStore, FakeMesh]]:
    """Two orchestrators over one database, as two replicas of the service are."""
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, "orchestrator")
    engine = create_engine(settings, "orchestrator")
    store = CountingStore(engine)
    mesh = FakeMesh()
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    here = Orchestrator(store, mesh, mesh, mesh, mesh, mesh, poll_seconds=POLL)
    other = Orchestrator(SqlSessionStore(engine), mesh, mesh, mesh, mesh, mesh, poll_seconds=POLL)
    yield here, other, store, mesh
    await here.close()
    await other.close()
    await engine.dispose()


async def _follow(orchestrator: Orchestrator, name: str, into: list[SessionEvent]) -> None:
    async for event in orchestrator.stream(name, 0, OLGA):
        into.append(event)


async def test_idle_streams_share_one_read_and_see_another_replicas_change(replicas: Any) -> None:
    here, other, store, _mesh = replicas
    pending = [await here.start(f"tenants/{TENANT}", Draft(f"wait {i}"), OLGA) for i in range(20)]
    assert {s.state for s in pending} == {State.PENDING_APPROVAL}
    seen: list[list[SessionEvent]] = [[] for _ in pending]
    # Three streams per session: 60 streams on 20 sessions.
    streams = [asyncio.create_task(_follow(here, s.name, seen[i])) for i in range(20) for s in [pending[i]] * 3]
    for _ in range(100):
        await asyncio.sleep(0.05)
        if [len(events) for events in seen] == [3 * s.sequence for s in pending]:
            break
    assert [len(events) for events in seen] == [3 * s.sequence for s in pending]

    store.reads.clear()
    await asyncio.sleep(10 * POLL)
    # Idle: no stream read its session; the shared read ran about once per interval for all of them.
    assert store.reads["get"] == 0 and store.reads["events"] == 0, store.reads
    # At most once per interval (a loaded machine may run it less often, never more).
    assert 1 <= store.reads["sequences"] <= 11, store.reads

    # Another replica cancels one session: only that session's streams read, and they end within the interval.
    started = time.monotonic()
    await other.cancel(pending[7].name, "not needed", OLGA, may_approve=False)
    await asyncio.wait_for(asyncio.gather(*streams[21:24]), 2)
    assert time.monotonic() - started < POLL + 1.5  # the interval, plus room for a loaded machine
    assert seen[7][-1].state is State.CANCELLED
    assert all(not s.done() for i, s in enumerate(streams) if i not in (21, 22, 23))
    assert store.reads["get"] == 3, store.reads

    # A change committed here wakes its streams at once, without the shared read.
    started = time.monotonic()
    await here.cancel(pending[0].name, "", OLGA, may_approve=False)
    await asyncio.wait_for(asyncio.gather(*streams[0:3]), 2)
    assert seen[0][-1].state is State.CANCELLED
    for stream in streams:
        stream.cancel()
    await asyncio.gather(*streams, return_exceptions=True)
