"""SQLite engines checkpoint their write-ahead log on a thread of their own, never inside a commit on the loop."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, text

from somastack.config import Settings
from somastack.platform import db
from somastack.platform.db import create_engine, sqlite_path

metadata = MetaData()
notes = Table("notes", metadata, Column("id", Integer, primary_key=True), Column("body", String, nullable=False))


def _checkpointers(path: Path) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"checkpoint {path.name}" and t.is_alive()]


async def test_commits_leave_the_log_to_the_checkpoint_thread_which_copies_it_back(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    engine = create_engine(settings, "notes")
    path = sqlite_path(settings, "notes")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
            # The engine's own connections never checkpoint in a commit.
            assert (await connection.execute(text("PRAGMA wal_autocheckpoint"))).scalar() == 0
        assert len(_checkpointers(path)) == 1
        size_before = path.stat().st_size
        for _ in range(20):
            async with engine.begin() as connection:
                await connection.execute(insert(notes), [{"body": "x" * 2000}] * 20)
        # 800 kB went to the log: past SQLite's own threshold (1000 pages) nothing was copied in a commit...
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 800_000
        # ...the thread copies it into the database file within its interval (1 s).
        deadline = time.monotonic() + 5
        while path.stat().st_size < size_before + 800_000:
            assert time.monotonic() < deadline, "the log was not checkpointed"
            await asyncio.sleep(0.05)
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT count(*) FROM notes"))).scalar() == 400
    finally:
        await engine.dispose()
    assert _checkpointers(path) == []


async def test_an_engine_used_again_after_dispose_checkpoints_again(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    engine = create_engine(settings, "again")
    path = sqlite_path(settings, "again")
    for _ in range(2):
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        assert len(_checkpointers(path)) == 1
        await engine.dispose()
        assert _checkpointers(path) == []


async def test_the_log_stays_bounded_under_concurrent_sessions_and_is_given_back_at_idle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight writers that also read, as the orchestrator's sessions do: a PASSIVE checkpoint alone never starts the
    log over while one of them reads, so the log grew without bound (450 MB after a minute of sessions)."""
    monkeypatch.setattr(db, "CHECKPOINT_LIMIT", 1024 * 1024)  # the default (16 MB) scaled down with the count
    settings = Settings(home=tmp_path)
    engine = create_engine(settings, "sessions")
    wal = sqlite_path(settings, "sessions").with_name("sessions.db-wal")
    largest = 0
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)

        async def session(worker: int) -> None:
            nonlocal largest
            for n in range(150):
                async with engine.begin() as connection:
                    await connection.execute(text("SELECT count(*) FROM notes WHERE body LIKE 'y%'"))
                    await connection.execute(insert(notes), [{"body": f"{worker}-{n}-" + "x" * 3000}] * 4)
                largest = max(largest, wal.stat().st_size)
                await asyncio.sleep(0.001)

        await asyncio.gather(*(session(w) for w in range(8)))
        written = 8 * 150 * 4 * 3000
        assert written > 14_000_000
        # Bounded by the limit plus what arrives while a checkpoint waits: far below what went through it.
        assert largest < 8 * 1024 * 1024, f"the log reached {largest} bytes"
        # Idle: the log's space goes back to the disk an interval after the last commit.
        deadline = time.monotonic() + 5
        while wal.stat().st_size > 0:
            assert time.monotonic() < deadline, f"the idle log kept {wal.stat().st_size} bytes"
            await asyncio.sleep(0.05)
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT count(*) FROM notes"))).scalar() == 8 * 150 * 4
    finally:
        await engine.dispose()
