"""MemoryRecord on SQLAlchemy: memories, labels, links, the write log and the outbox in memory's own schema."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from soma.memory.v1 import memory_pb2
from somastack.memory import codec
from somastack.memory.model import (
    Change,
    Direction,
    Forgotten,
    Link,
    Linked,
    LinkType,
    Memory,
    MemoryFilter,
    MemoryKind,
    Remembered,
    Write,
    id_of,
    key_of,
    new_memory_id,
)
from somastack.platform.db import dialect_insert
from somastack.platform.events import Outbox, new_event, outbox_table

metadata = MetaData()

#: The write log's sequence: BIGSERIAL on PostgreSQL, an AUTOINCREMENT rowid on SQLite; never reused.
_SEQ = BigInteger().with_variant(Integer(), "sqlite")

memories = Table(
    "memories",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("metadata", Text, nullable=False),
    Column("importance", Float, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("request_id", String(128), nullable=True),
    Column("write_seq", BigInteger, nullable=False),
    #: The built-in store's float32 embedding, and the embedder that made it (NULL until applied).
    Column("embedding", LargeBinary, nullable=True),
    Column("embedder", String(100), nullable=True),
    Index("memories_tenant_request", "tenant_id", "request_id", unique=True),
    Index("memories_tenant_created", "tenant_id", "created_at"),
)

labels = Table(
    "memory_labels",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("memory_id", String(16), primary_key=True),
    Column("key", String(63), primary_key=True),
    Column("value", String(256), nullable=False),
    ForeignKeyConstraint(["tenant_id", "memory_id"], ["memories.tenant_id", "memories.id"], ondelete="CASCADE"),
    Index("memory_labels_lookup", "tenant_id", "key", "value"),
)

links = Table(
    "memory_links",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("source", String(16), primary_key=True),
    Column("target", String(16), primary_key=True),
    Column("type", String(16), primary_key=True),
    Column("weight", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    ForeignKeyConstraint(["tenant_id", "source"], ["memories.tenant_id", "memories.id"], ondelete="CASCADE"),
    ForeignKeyConstraint(["tenant_id", "target"], ["memories.tenant_id", "memories.id"], ondelete="CASCADE"),
    Index("memory_links_target", "tenant_id", "target"),
)

writes = Table(
    "memory_writes",
    metadata,
    Column("seq", _SEQ, primary_key=True, autoincrement=True),
    Column("tenant_id", String(40), nullable=False),
    Column("memory_id", String(16), nullable=True),
    #: A MemoryWritten record (its `sequence` is this row's `seq`).
    Column("payload", LargeBinary, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("rejected_at", Float, nullable=True),
    Column("error", Text, nullable=True),
    # Applied rows are deleted; AUTOINCREMENT keeps SQLite from handing their numbers out again.
    sqlite_autoincrement=True,
)

outbox = outbox_table(metadata)

#: Memory ids per IN (...) clause, well below every engine's bound-parameter limit.
_CHUNK = 500
#: Names per forgotten record: one Forget of many memories becomes several records.
FORGET_RECORD_SIZE = 1000


def _memory(row: Any, *, applied: bool) -> Memory:
    return Memory(
        row.tenant_id,
        row.id,
        MemoryKind(row.kind),
        row.text,
        json.loads(row.metadata),
        row.importance,
        row.created_at,
        request_id=row.request_id or "",
        write_seq=row.write_seq,
        applied=applied,
    )


def _link(row: Any) -> Link:
    return Link(row.tenant_id, row.source, row.target, LinkType(row.type), row.weight, row.updated_at)


#: Recall's hit fetch, built once: the rows by id with whether their write is still pending (one round trip;
#: the expanding IN is a bound parameter, so the statement is not rebuilt per call).
_BY_KEYS = (
    select(memories, writes.c.seq.label("pending_seq"))
    .select_from(memories.outerjoin(writes, writes.c.seq == memories.c.write_seq))
    .where(and_(memories.c.tenant_id == bindparam("tenant"), memories.c.id.in_(bindparam("ids", expanding=True))))
)


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def filter_clause(tenant: str, where: MemoryFilter) -> ColumnElement[bool]:
    """The SQL condition of a tenant's memories that pass a filter."""
    conditions: list[ColumnElement[bool]] = [memories.c.tenant_id == tenant]
    if where.kinds:
        conditions.append(memories.c.kind.in_(sorted(k.value for k in where.kinds)))
    if where.after is not None:
        conditions.append(memories.c.created_at >= where.after)
    if where.before is not None:
        conditions.append(memories.c.created_at < where.before)
    for key, value in sorted(where.metadata.items()):
        conditions.append(
            exists().where(
                labels.c.tenant_id == memories.c.tenant_id,
                labels.c.memory_id == memories.c.id,
                labels.c.key == key,
                labels.c.value == value,
            )
        )
    return and_(*conditions)


def decode_write(row: Any) -> Write:
    record = memory_pb2.MemoryWritten.FromString(row.payload)
    return Write(row.seq, row.tenant_id, codec.change_from_pb(record, seq=row.seq), row.created_at)


class SqlMemoryRecord:
    """The MemoryRecord port on an async SQLAlchemy engine (SQLite or PostgreSQL)."""

    def __init__(self, engine: AsyncEngine, *, clock: Any = time.time) -> None:
        self._engine = engine
        self._outbox = Outbox(outbox)
        self._clock = clock

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    def _insert(self, table: Table) -> Any:
        return dialect_insert(self._engine.dialect.name, table)

    async def _commit_write(
        self, connection: AsyncConnection, tenant: str, change: Change, memory_id: str | None
    ) -> int:
        """Appends a change to the write log and the outbox, inside the caller's transaction; returns its seq."""
        result = await connection.execute(
            writes.insert(),
            {
                "tenant_id": tenant,
                "memory_id": memory_id,
                "payload": codec.written_pb(change).SerializeToString(),
                "created_at": self._clock(),
            },
        )
        assert result.inserted_primary_key is not None
        seq = int(result.inserted_primary_key[0])
        event = new_event(
            type=codec.EVENT_TYPE,
            source=f"//memory.soma/tenants/{tenant}",
            tenant=tenant,
            payload=codec.written_pb(change, seq),
            subject=codec.subject_of(change),
        )
        await self._outbox.add(connection, codec.TOPIC, event)
        return seq

    # -- memories ------------------------------------------------------------------------------------------------

    async def remember(self, memory: Memory) -> tuple[Memory, bool]:
        # Optimistic: insert, and look the request id up only when the unique index says it was seen.
        for _ in range(3):
            try:
                async with self._engine.begin() as connection:
                    seq = await self._commit_write(connection, memory.tenant, Remembered(memory), memory.id)
                    await connection.execute(
                        memories.insert(),
                        {
                            "tenant_id": memory.tenant,
                            "id": memory.id,
                            "kind": memory.kind.value,
                            "text": memory.text,
                            "metadata": json.dumps(dict(memory.metadata), sort_keys=True),
                            "importance": memory.importance,
                            "created_at": memory.created_at,
                            "request_id": memory.request_id or None,
                            "write_seq": seq,
                        },
                    )
                    if memory.metadata:
                        await connection.execute(
                            labels.insert(),
                            [
                                {"tenant_id": memory.tenant, "memory_id": memory.id, "key": k, "value": v}
                                for k, v in memory.metadata.items()
                            ],
                        )
                    return replace(memory, write_seq=seq, applied=False), True
            except IntegrityError:
                if memory.request_id:
                    async with self._engine.connect() as connection:
                        existing = await self._by_request(connection, memory.tenant, memory.request_id)
                    if existing is not None:
                        return existing, False
                # Two random 63-bit ids met; draw another.
                memory = replace(memory, id=new_memory_id())
        raise RuntimeError("could not find a free memory id in three attempts")

    async def _by_request(self, connection: AsyncConnection, tenant: str, request_id: str) -> Memory | None:
        row = (
            await connection.execute(
                select(memories).where(and_(memories.c.tenant_id == tenant, memories.c.request_id == request_id))
            )
        ).first()
        return None if row is None else _memory(row, applied=await self._applied(connection, row.write_seq))

    async def _applied(self, connection: AsyncConnection, seq: int) -> bool:
        pending = (await connection.execute(select(writes.c.seq).where(writes.c.seq == seq))).first()
        return pending is None

    async def get(self, tenant: str, memory_id: str) -> Memory | None:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(
                    select(memories).where(and_(memories.c.tenant_id == tenant, memories.c.id == memory_id))
                )
            ).first()
            return None if row is None else _memory(row, applied=await self._applied(connection, row.write_seq))

    async def by_keys(self, tenant: str, keys: Sequence[int]) -> dict[int, Memory]:
        ids = [id_of(k) for k in keys if k >= 0]
        out: dict[int, Memory] = {}
        async with self._engine.connect() as connection:
            for chunk in _chunks(ids):
                result = await connection.execute(_BY_KEYS, {"tenant": tenant, "ids": list(chunk)})
                for row in result:
                    memory = _memory(row, applied=row.pending_seq is None)
                    out[memory.key] = memory
        return out

    async def count(self, tenant: str, where: MemoryFilter) -> int:
        async with self._engine.connect() as connection:
            query = select(func.count()).select_from(memories).where(filter_clause(tenant, where))
            return int((await connection.execute(query)).scalar_one())

    async def keys(self, tenant: str, where: MemoryFilter, *, limit: int) -> list[int]:
        query = select(memories.c.id).where(filter_clause(tenant, where)).limit(limit)
        async with self._engine.connect() as connection:
            return [key_of(r.id) for r in await connection.execute(query)]

    # -- links ---------------------------------------------------------------------------------------------------

    async def link(self, link: Link) -> Link | str:
        async with self._engine.begin() as connection:
            found = {
                r.id
                for r in await connection.execute(
                    select(memories.c.id).where(
                        and_(memories.c.tenant_id == link.tenant, memories.c.id.in_([link.source, link.target]))
                    )
                )
            }
            for end in (link.source, link.target):
                if end not in found:
                    return end
            values = {
                "tenant_id": link.tenant,
                "source": link.source,
                "target": link.target,
                "type": link.type.value,
                "weight": link.weight,
                "updated_at": link.updated_at,
            }
            await connection.execute(
                self._insert(links)
                .values(**values)
                .on_conflict_do_update(
                    index_elements=["tenant_id", "source", "target", "type"],
                    set_={"weight": link.weight, "updated_at": link.updated_at},
                )
            )
            await self._commit_write(connection, link.tenant, Linked(link), None)
        return link

    async def edges(
        self, tenant: str, memory_ids: Sequence[str], *, types: frozenset[LinkType], direction: Direction
    ) -> list[Link]:
        out: list[Link] = []
        async with self._engine.connect() as connection:
            for chunk in _chunks(list(memory_ids)):
                ends: list[ColumnElement[bool]] = []
                if direction in (Direction.OUTGOING, Direction.BOTH):
                    ends.append(links.c.source.in_(chunk))
                if direction in (Direction.INCOMING, Direction.BOTH):
                    ends.append(links.c.target.in_(chunk))
                conditions = [links.c.tenant_id == tenant, or_(*ends)]
                if types:
                    conditions.append(links.c.type.in_(sorted(t.value for t in types)))
                query = (
                    select(links)
                    .where(and_(*conditions))
                    .order_by(links.c.weight.desc(), links.c.source, links.c.target, links.c.type)
                )
                out.extend(_link(r) for r in await connection.execute(query))
        return out

    # -- forgetting ----------------------------------------------------------------------------------------------

    async def forget(self, tenant: str, memory_ids: Sequence[str] | None, where: MemoryFilter) -> list[str]:
        async with self._engine.begin() as connection:
            if memory_ids is None:
                query = select(memories.c.id).where(filter_clause(tenant, where)).order_by(memories.c.id)
                found = [r.id for r in await connection.execute(query)]
            else:
                found = []
                for chunk in _chunks(sorted(set(memory_ids))):
                    query = (
                        select(memories.c.id)
                        .where(and_(filter_clause(tenant, where), memories.c.id.in_(chunk)))
                        .order_by(memories.c.id)
                    )
                    found.extend(r.id for r in await connection.execute(query))
            for chunk in _chunks(found):
                # Explicit rather than ON DELETE CASCADE: the same statements on every engine and pragma.
                await connection.execute(
                    delete(links).where(
                        and_(links.c.tenant_id == tenant, or_(links.c.source.in_(chunk), links.c.target.in_(chunk)))
                    )
                )
                await connection.execute(
                    delete(labels).where(and_(labels.c.tenant_id == tenant, labels.c.memory_id.in_(chunk)))
                )
                await connection.execute(
                    delete(memories).where(and_(memories.c.tenant_id == tenant, memories.c.id.in_(chunk)))
                )
            for start in range(0, len(found), FORGET_RECORD_SIZE):
                batch = tuple(found[start : start + FORGET_RECORD_SIZE])
                await self._commit_write(connection, tenant, Forgotten(tenant, batch), None)
        return found

    # -- the write log -------------------------------------------------------------------------------------------

    async def pending_writes(self, *, limit: int) -> list[Write]:
        query = select(writes).where(writes.c.rejected_at.is_(None)).order_by(writes.c.seq).limit(limit)
        async with self._engine.connect() as connection:
            rows = list(await connection.execute(query))
        out: list[Write] = []
        for row in rows:
            try:
                out.append(decode_write(row))
            except ValueError as error:
                # Unreadable (written by a newer version?): keep it aside rather than block the log forever.
                await self.mark_rejected(row.seq, f"unreadable write record: {error}")
                break
        return out

    async def mark_applied(self, seqs: Sequence[int]) -> None:
        if not seqs:
            return
        async with self._engine.begin() as connection:
            for start in range(0, len(seqs), _CHUNK):
                await connection.execute(delete(writes).where(writes.c.seq.in_(list(seqs[start : start + _CHUNK]))))

    async def mark_rejected(self, seq: int, error: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(writes).where(writes.c.seq == seq).values(rejected_at=self._clock(), error=error[:2000])
            )

    async def backlog(self) -> tuple[int, float | None]:
        query = select(func.count(), func.min(writes.c.created_at)).where(writes.c.rejected_at.is_(None))
        async with self._engine.connect() as connection:
            count, oldest = (await connection.execute(query)).one()
        return int(count), None if oldest is None else float(oldest)
