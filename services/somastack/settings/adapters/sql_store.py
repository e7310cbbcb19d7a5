"""SettingsStore on SQLAlchemy: SQLite or PostgreSQL, the outbox in the same database and transactions."""

from __future__ import annotations

from sqlalchemy import Column, Float, LargeBinary, MetaData, String, Table, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from somastack.platform.events import Outbox, outbox_table
from somastack.settings import codec
from somastack.settings.events import Change
from somastack.settings.model import Kind
from somastack.settings.ports import Stored

metadata = MetaData()

#: Every settings resource, one row each: the tenant's settings (key ''), a model profile (key: the role id) or a
#: user's notification preferences (key: the user id). The body is the resource's serialized message (codec.py).
resources = Table(
    "settings_resources",
    metadata,
    Column("tenant", String(40), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("body", LargeBinary, nullable=False),
    Column("etag", String(64), nullable=False),
    Column("updated_at", Float, nullable=False),
)

outbox = outbox_table(metadata)


def _where(tenant: str, kind: Kind, key: str) -> ColumnElement[bool]:
    return and_(resources.c.tenant == tenant, resources.c.kind == kind.value, resources.c.key == key)


class SqlSettingsStore:
    """The SettingsStore port on an async SQLAlchemy engine, writing `settings.changed` through the outbox."""

    def __init__(self, engine: AsyncEngine, outbox_writer: Outbox | None = None) -> None:
        self._engine = engine
        self._outbox = outbox_writer or Outbox(outbox)

    async def get(self, tenant: str, kind: Kind, key: str) -> Stored | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(resources).where(_where(tenant, kind, key)))).first()
        return (
            Stored(row.key, codec.decode(kind, bytes(row.body)), row.etag, row.updated_at) if row is not None else None
        )

    async def list(self, tenant: str, kind: Kind) -> list[Stored]:
        query = (
            select(resources)
            .where(resources.c.tenant == tenant, resources.c.kind == kind.value)
            .order_by(resources.c.key)
        )
        async with self._engine.connect() as connection:
            rows = list(await connection.execute(query))
        return [Stored(r.key, codec.decode(kind, bytes(r.body)), r.etag, r.updated_at) for r in rows]

    async def _current(self, connection: AsyncConnection, tenant: str, kind: Kind, key: str) -> str:
        found = (
            await connection.execute(select(resources.c.etag).where(_where(tenant, kind, key)))
        ).scalar_one_or_none()
        return found or ""

    async def put(self, tenant: str, kind: Kind, stored: Stored, *, expected: str | None, change: Change) -> str | None:
        event = codec.changed_event(change)
        values = {"body": codec.encode(stored.resource), "etag": stored.etag, "updated_at": stored.updated_at}
        try:
            async with self._engine.begin() as connection:
                if expected is None:
                    await connection.execute(
                        insert(resources).values(tenant=tenant, kind=kind.value, key=stored.key, **values)
                    )
                else:
                    # The etag in the WHERE makes this a compare-and-set: a concurrent writer matches no row.
                    changed = await connection.execute(
                        update(resources)
                        .where(_where(tenant, kind, stored.key), resources.c.etag == expected)
                        .values(**values)
                    )
                    if changed.rowcount != 1:
                        current = await self._current(connection, tenant, kind, stored.key)
                        await connection.rollback()
                        return current
                await self._outbox.add(connection, codec.TOPIC, event)
        except IntegrityError:
            # Someone created it between our read and our insert.
            async with self._engine.connect() as connection:
                return await self._current(connection, tenant, kind, stored.key) or ""
        return None

    async def delete(self, tenant: str, kind: Kind, key: str, *, expected: str, change: Change) -> str | None:
        event = codec.changed_event(change)
        async with self._engine.begin() as connection:
            gone = await connection.execute(
                delete(resources).where(_where(tenant, kind, key), resources.c.etag == expected)
            )
            if gone.rowcount != 1:
                current = await self._current(connection, tenant, kind, key)
                await connection.rollback()
                return current
            await self._outbox.add(connection, codec.TOPIC, event)
        return None
