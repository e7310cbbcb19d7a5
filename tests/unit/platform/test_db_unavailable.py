"""Which database failures become UNAVAILABLE (a retry can cure them) and which stay bugs (INTERNAL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, text
from sqlalchemy.ext.asyncio import create_async_engine

from somastack.config import Settings
from somastack.platform import sqlite_inline
from somastack.platform.db import create_engine, unavailable
from somastack.platform.errors import Code
from somastack.testing import free_ports

metadata = MetaData()
items = Table("items", metadata, Column("id", Integer, primary_key=True), Column("name", String(20), nullable=False))


async def _raised(work: object) -> BaseException:
    try:
        await work  # type: ignore[misc]
    except Exception as error:
        return error
    raise AssertionError("expected the call to fail")


async def test_a_postgresql_that_refuses_connections_is_unavailable(tmp_path: Path) -> None:
    (port,) = free_ports(1)
    engine = create_engine(
        Settings(home=tmp_path, database_url=f"postgresql://postgres:secret@127.0.0.1:{port}/test"), "settings"
    )

    async def query() -> None:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    error = await _raised(query())
    await engine.dispose()
    mapped = unavailable(error, "settings")
    assert mapped is not None, repr(error)
    assert (mapped.code, mapped.reason, mapped.retry_after) == (Code.UNAVAILABLE, "SERVICE_UNAVAILABLE", 1.0)
    assert mapped.metadata == {"dependency": "database", "domain": "settings"}
    assert str(port) not in mapped.message and "secret" not in mapped.message
    assert "settings database is unavailable" in mapped.message


async def test_a_sqlite_file_locked_past_the_busy_timeout_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    other.execute("BEGIN IMMEDIATE")
    engine = create_async_engine("sqlite+aiosqlite://", async_creator=sqlite_inline.connector(str(path), timeout=0.1))

    async def write() -> None:
        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 1, "name": "late"})

    try:
        mapped = unavailable(await _raised(write()), "memory")
    finally:
        other.execute("ROLLBACK")
        other.close()
        await engine.dispose()
    assert mapped is not None and mapped.code == Code.UNAVAILABLE
    assert "memory database is busy" in mapped.message


async def test_a_pool_with_no_connection_to_give_is_busy(tmp_path: Path) -> None:
    engine = create_async_engine(
        f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}",
        async_creator=sqlite_inline.connector(str(tmp_path / "pool.db"), timeout=1.0),
        pool_size=1,
        max_overflow=0,
        pool_timeout=0.1,
    )
    try:
        async with engine.connect():
            mapped = unavailable(await _raised(engine.connect().start()), "policy")
    finally:
        await engine.dispose()
    assert mapped is not None and "policy database is busy" in mapped.message


async def test_statements_the_database_rejects_stay_bugs(tmp_path: Path) -> None:
    engine = create_engine(Settings(home=tmp_path), "test")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        await connection.execute(insert(items), {"id": 1, "name": "a"})

    async def run(statement: object, *params: object) -> None:
        async with engine.begin() as connection:
            await connection.execute(statement, *params)  # type: ignore[arg-type]

    try:
        for work in (run(text("SELECT * FROM no_such_table")), run(insert(items), {"id": 1, "name": "again"})):
            assert unavailable(await _raised(work), "test") is None
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    "error", [FileNotFoundError("/etc/nothing"), ConnectionRefusedError(111, "refused"), ValueError("bad")]
)
def test_errors_that_never_went_through_the_pool_stay_as_they_are(error: Exception) -> None:
    # A connection refused by some other peer (an HTTP provider, say) is not the database's outage.
    assert unavailable(error, "slm") is None
