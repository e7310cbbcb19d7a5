"""The Alembic helpers create exactly the tables that outbox_table/inbox_table describe."""

from pathlib import Path

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Connection

from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import inbox_table, outbox_table
from somastack.platform.events.migration import (
    create_inbox_table,
    create_outbox_table,
    drop_inbox_table,
    drop_outbox_table,
)


def describe(connection: Connection) -> dict[str, object]:
    inspector = inspect(connection)
    return {
        name: (
            [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)],
            inspector.get_pk_constraint(name)["constrained_columns"],
            sorted(str(i["name"]) for i in inspector.get_indexes(name)),
        )
        for name in sorted(inspector.get_table_names())
    }


def migrate(connection: Connection) -> None:
    op = Operations(MigrationContext.configure(connection))
    create_outbox_table(op)
    create_inbox_table(op)


def unmigrate(connection: Connection) -> None:
    op = Operations(MigrationContext.configure(connection))
    drop_inbox_table(op)
    drop_outbox_table(op)


async def test_the_migration_matches_the_tables_on_sqlite(tmp_path: Path) -> None:
    migrated = create_engine(Settings(home=tmp_path / "a"), "svc")
    declared = create_engine(Settings(home=tmp_path / "b"), "svc")
    metadata = MetaData()
    outbox_table(metadata), inbox_table(metadata)
    async with migrated.begin() as connection:
        await connection.run_sync(migrate)
        after_migration = await connection.run_sync(describe)
    async with declared.begin() as connection:
        await connection.run_sync(metadata.create_all)
        assert await connection.run_sync(describe) == after_migration
    assert set(after_migration) == {"event_inbox", "event_outbox"}
    async with migrated.begin() as connection:
        await connection.run_sync(unmigrate)
        assert await connection.run_sync(describe) == {}
    await migrated.dispose()
    await declared.dispose()


async def test_outbox_ids_are_never_reused_on_sqlite(tmp_path: Path) -> None:
    """A relay deletes the ids it published: a newer row must never get one of them (two relays would lose it)."""
    engine = create_engine(Settings(home=tmp_path), "svc")
    table = outbox_table(MetaData())
    async with engine.begin() as connection:
        await connection.run_sync(migrate)
        row = {"topic": "t", "key": "k", "event_id": "e", "payload": b"", "created_at": 0.0}
        first = (await connection.execute(table.insert().values(row))).inserted_primary_key
        await connection.execute(table.delete())
        second = (await connection.execute(table.insert().values(row))).inserted_primary_key
    assert first is not None and second is not None and second[0] > first[0]
    await engine.dispose()
