"""SQLite engines checkpoint their write-ahead log on a thread of their own, never inside a commit on the loop."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, insert, text

from somastack.config import Settings
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
