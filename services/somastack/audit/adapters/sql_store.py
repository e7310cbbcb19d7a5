"""The audit log on SQLAlchemy (SQLite or PostgreSQL): the append-only chain table and the consumer's inbox.

Appending runs inside the event consumer's transaction (`append`), beside the inbox row of the event, so an event
becomes exactly one link. Two appenders of one tenant (replicas during a rebalance) cannot both take a sequence:
the unique (tenant, sequence) makes the later transaction fail and its event come again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    bindparam,
    or_,
    select,
)
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import Select

from somastack.audit import chain
from somastack.audit.model import Entry, Filter, Link
from somastack.platform.db import dialect_insert
from somastack.platform.events import inbox_table

DOMAIN = "audit"
TABLE = "audit_records"
#: Links read per query while a chain is walked.
WALK_PAGE = 1000

metadata = MetaData()
_ID = BigInteger().with_variant(Integer(), "sqlite")

#: One row per link, never updated or deleted (triggers refuse both, see the migration).
records = Table(
    TABLE,
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("event_id", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("actor", String(255), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("rpc", String(255), nullable=False),
    Column("resource", String(512), nullable=False),
    Column("code", String(32), nullable=False),
    Column("reason", String(64), nullable=False),
    Column("request_id", String(128), nullable=False),
    Column("client_type", String(16), nullable=False),
    Column("constitution", String(128), nullable=False),
    Column("time_us", BigInteger, nullable=False),
    Column("service", String(32), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("previous_hash", String(64), nullable=False),
    UniqueConstraint("tenant", "sequence", name="audit_records_chain"),
    UniqueConstraint("event_id", name="audit_records_event"),
    Index("audit_records_tenant_id", "tenant", "id"),
    sqlite_autoincrement=True,
)

inbox = inbox_table(metadata)

_ENTRY_FIELDS = tuple(Entry.__dataclass_fields__)


def _link(row: Row[Any]) -> Link:
    entry = Entry(**{name: getattr(row, name) for name in _ENTRY_FIELDS})
    return Link(entry, int(row.sequence), row.hash, row.previous_hash, int(row.id))


async def append(connection: AsyncConnection, entry: Entry) -> Link | None:
    """Appends `entry` to its tenant's chain in the caller's transaction; None if its event is already chained."""
    last = (await connection.execute(_LAST_OF_TENANT, {"tenant": entry.tenant})).first()
    linked = chain.link(entry, _link(last) if last is not None else None)
    values = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    values.update(sequence=linked.sequence, hash=linked.hash, previous_hash=linked.previous_hash)
    # A redelivered event past the inbox's retention: already chained, nothing to add.
    done = await connection.execute(_insert_once(connection.dialect.name), values)
    return linked if done.rowcount == 1 else None


#: Built once, so that each append only binds its values: the statements' construction was half the ingest's CPU.
_LAST_OF_TENANT = (
    select(records).where(records.c.tenant == bindparam("tenant")).order_by(records.c.sequence.desc()).limit(1)
)


@cache
def _insert_once(dialect: str) -> Any:
    """INSERT of a record that does nothing when its event is chained already, for the engine's dialect."""
    return dialect_insert(dialect, records).on_conflict_do_nothing(index_elements=[records.c.event_id])


class SqlAuditLog:
    """The AuditLog port: paged listings and chain walks, on the audit service's own database."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def page(self, tenant: str | None, where: Filter, before_id: int, limit: int) -> list[Link]:
        query = _filtered(select(records), tenant, where)
        if before_id:
            query = query.where(records.c.id < before_id)
        query = query.order_by(records.c.id.desc()).limit(limit)
        async with self._engine.connect() as connection:
            return [_link(row) for row in await connection.execute(query)]

    async def chain(self, tenant: str) -> AsyncIterator[Link]:
        c = records.c
        after = 0
        while True:
            query = select(records).where(c.tenant == tenant, c.sequence > after).order_by(c.sequence).limit(WALK_PAGE)
            async with self._engine.connect() as connection:
                rows = list(await connection.execute(query))
            for row in rows:
                yield _link(row)
            if len(rows) < WALK_PAGE:
                return
            after = int(rows[-1].sequence)

    async def tenants(self) -> list[str]:
        async with self._engine.connect() as connection:
            found = await connection.execute(select(records.c.tenant).distinct().order_by(records.c.tenant))
            return [str(tenant) for tenant in found.scalars()]


def _filtered(query: Select[Any], tenant: str | None, where: Filter) -> Select[Any]:
    c = records.c
    if tenant is not None:
        query = query.where(c.tenant == tenant)
    if where.principal:
        query = query.where(or_(c.actor == where.principal, c.subject == where.principal))
    if where.rpc:
        query = query.where(c.rpc == where.rpc)
    if where.code:
        query = query.where(c.code == where.code)
    if where.start_us is not None:
        query = query.where(c.time_us >= where.start_us)
    if where.end_us is not None:
        query = query.where(c.time_us < where.end_us)
    return query
