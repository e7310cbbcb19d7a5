"""The audit log on SQLAlchemy (SQLite or PostgreSQL): the append-only chain table and the consumer's inbox.

Appending runs inside the event consumer's transaction (`append_all`, a batch of events at once), beside the inbox
rows of the events, so an event becomes exactly one link. Two appenders of one tenant (replicas during a rebalance)
cannot both take a sequence: the unique (tenant, sequence) makes the later transaction fail and its events come again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
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
    linked = await append_all(connection, [entry])
    return linked[0] if linked else None


async def append_all(connection: AsyncConnection, entries: Sequence[Entry]) -> list[Link]:
    """Appends `entries` in order to their tenants' chains in the caller's transaction, in one INSERT; returns the new
    links. An entry whose event is chained already (a redelivery past the inbox's retention) is left out.

    Each tenant's last link is read once; the batch's links of a tenant follow one another. A record another appender
    chained meanwhile makes the INSERT fail (its event id or its sequence is taken) rather than leave a link out of a
    chain: the consumer tries the events again.
    """
    ids = list(dict.fromkeys(entry.event_id for entry in entries))
    chained = set((await connection.execute(_CHAINED, {"ids": ids})).scalars()) if ids else set()
    last: dict[str, Link | None] = {}
    links: list[Link] = []
    for entry in entries:
        if entry.event_id in chained:
            continue
        chained.add(entry.event_id)
        if entry.tenant not in last:
            row = (await connection.execute(_LAST_OF_TENANT, {"tenant": entry.tenant})).first()
            last[entry.tenant] = _link(row) if row is not None else None
        linked = last[entry.tenant] = chain.link(entry, last[entry.tenant])
        links.append(linked)
    if links:
        await connection.execute(_INSERT, [_row(link) for link in links])
    return links


def _row(link: Link) -> dict[str, Any]:
    values = {name: getattr(link.entry, name) for name in _ENTRY_FIELDS}
    values.update(sequence=link.sequence, hash=link.hash, previous_hash=link.previous_hash)
    return values


#: Built once, so that each batch only binds its values: the statements' construction was half the ingest's CPU.
_LAST_OF_TENANT = (
    select(records).where(records.c.tenant == bindparam("tenant")).order_by(records.c.sequence.desc()).limit(1)
)
_INSERT = records.insert()
_CHAINED = select(records.c.event_id).where(records.c.event_id.in_(bindparam("ids", expanding=True)))


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
