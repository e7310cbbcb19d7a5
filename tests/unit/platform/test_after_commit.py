"""`after_commit`: a callback runs once its transaction has committed (its rows visible to other connections), and
never for a transaction that rolled back; on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.sql_uow import after_commit
from tests.conftest import require_env

metadata = MetaData()
items = Table("after_commit_items", metadata, Column("id", Integer, primary_key=True))


@pytest.fixture(params=["sqlite", "postgres"])
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=f"t{uuid.uuid4().hex[:8]}_")
    engine = create_engine(settings, "test")
    schema = f"{settings.db_schema_prefix}test"
    async with engine.begin() as connection:
        if url:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            await connection.execute(text(f'SET LOCAL search_path TO "{schema}"'))
        await connection.run_sync(metadata.create_all)
    yield engine
    if url:
        async with engine.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    await engine.dispose()


async def test_the_callback_runs_after_the_commit_and_sees_its_rows(engine: AsyncEngine) -> None:
    seen: list[asyncio.Task[int]] = []
    async with engine.connect() as other:
        # Open already, so that a read sent from the callback reaches the database at once: on PostgreSQL, one sent
        # while the COMMIT is in flight (SQLAlchemy's `commit` event fires before it) could see no row yet.
        await other.execute(select(1))
        await other.commit()

        async def count() -> int:
            found = int(await other.scalar(select(func.count()).select_from(items)) or 0)
            await other.rollback()
            return found

        def look() -> None:
            seen.append(asyncio.ensure_future(count()))

        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 1})
            after_commit(connection, look)
            await asyncio.sleep(0.01)
            assert seen == []  # not while the transaction is open
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.001)
        assert len(seen) == 1 and await seen[0] == 1


async def test_no_callback_for_a_rolled_back_transaction(engine: AsyncEngine) -> None:
    called: list[str] = []
    with pytest.raises(RuntimeError):
        async with engine.begin() as connection:
            await connection.execute(insert(items), {"id": 2})
            after_commit(connection, lambda: called.append("rolled back"))
            raise RuntimeError("roll back")
    # The next transactions (on the same pooled connection, likely) commit: the forgotten callback stays forgotten.
    async with engine.begin() as connection:
        await connection.execute(insert(items), {"id": 3})
        after_commit(connection, lambda: called.append("committed"))
    async with engine.begin() as connection:
        await connection.execute(insert(items), {"id": 4})
    await asyncio.sleep(0.01)
    assert called == ["committed"]


async def test_a_commit_inside_a_connection_block_runs_the_callback_at_the_next_transaction(
    engine: AsyncEngine,
) -> None:
    called: list[int] = []
    async with engine.connect() as connection:
        await connection.execute(insert(items), {"id": 5})
        after_commit(connection, lambda: called.append(5))
        await connection.commit()
        await connection.execute(select(items.c.id))  # begins the next transaction: the commit is over
        await asyncio.sleep(0)
        assert called == [5]
