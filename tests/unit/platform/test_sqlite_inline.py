"""The engines' SQLite connections run on the event loop, and wait for a locked database without blocking it."""

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from somastack.config import Settings
from somastack.platform import sqlite_inline
from somastack.platform.db import create_engine

metadata = MetaData()
items = Table("items", metadata, Column("id", Integer, primary_key=True), Column("name", String(20), nullable=False))


async def _engine(tmp_path: Path) -> AsyncEngine:
    engine = create_engine(Settings(home=tmp_path), "test")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    return engine


async def _ticks_during(work: asyncio.Future[object] | asyncio.Task[object]) -> int:
    """How often a 5 ms ticker ran while `work` was pending: a blocked loop does not tick."""
    ticks = 0
    while not work.done():
        await asyncio.sleep(0.005)
        ticks += 1
    return ticks


async def test_reads_writes_rollbacks_and_integrity_errors_behave_as_with_aiosqlite(tmp_path: Path) -> None:
    engine = await _engine(tmp_path)
    async with engine.begin() as connection:
        await connection.execute(insert(items), [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 3, "name": "c"})
            await connection.execute(insert(items), {"id": 1, "name": "again"})
    with pytest.raises(RuntimeError):
        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 4, "name": "d"})
            raise RuntimeError("rolled back")
    async with engine.connect() as connection:
        rows = (await connection.execute(select(items.c.id, items.c.name).order_by(items.c.id))).all()
        streamed = [row.id async for row in await connection.stream(select(items.c.id))]
    assert [tuple(row) for row in rows] == [(1, "a"), (2, "b")]  # both failed transactions left nothing
    assert sorted(streamed) == [1, 2]
    async with engine.connect() as connection:
        journal = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar()
        busy = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar()
    assert (journal, busy) == ("wal", 0)
    await engine.dispose()


async def test_a_writer_waits_for_another_task_holding_the_lock_without_blocking_the_loop(tmp_path: Path) -> None:
    engine = await _engine(tmp_path)
    order: list[str] = []

    async def holder() -> None:
        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 1, "name": "holder"})
            order.append("holder wrote")
            await asyncio.sleep(0.3)  # holds SQLite's write lock across an await
        order.append("holder committed")

    async def waiter() -> None:
        await asyncio.sleep(0.05)
        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 2, "name": "waiter"})
        order.append("waiter committed")

    both = asyncio.ensure_future(asyncio.gather(holder(), waiter()))
    ticks = await _ticks_during(both)
    await both
    assert order == ["holder wrote", "holder committed", "waiter committed"]
    assert ticks >= 20  # the loop kept running while the waiter waited (a blocked loop would not tick at all)
    async with engine.connect() as connection:
        assert (await connection.execute(select(items.c.name).order_by(items.c.id))).scalars().all() == [
            "holder",
            "waiter",
        ]
    await engine.dispose()


async def test_a_lock_held_past_the_timeout_fails_as_database_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    other = sqlite3.connect(path, isolation_level=None)  # another process, as far as SQLite can tell
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    other.execute("BEGIN IMMEDIATE")
    engine = create_async_engine("sqlite+aiosqlite://", async_creator=sqlite_inline.connector(str(path), timeout=0.3))

    async def write() -> None:
        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 1, "name": "late"})

    started = time.monotonic()
    attempt = asyncio.ensure_future(write())
    ticks = await _ticks_during(attempt)
    with pytest.raises(OperationalError, match="database is locked"):
        await attempt
    assert 0.3 <= time.monotonic() - started < 2.0
    assert ticks >= 20
    other.execute("ROLLBACK")
    await write()  # the lock is free: the same engine writes at once
    other.close()
    await engine.dispose()
