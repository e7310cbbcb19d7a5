"""ConstitutionStore on SQLAlchemy: SQLite or PostgreSQL, the outbox in the same database and transactions."""

from __future__ import annotations

import base64
import json
from typing import Any

from sqlalchemy import Column, Float, Integer, LargeBinary, MetaData, String, Table, Text, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from somastack.constitution.canonical import document_from_canonical
from somastack.constitution.events import TOPIC, updated_event
from somastack.constitution.model import (
    Activation,
    ActivationKind,
    ActivationResult,
    ActivationStatus,
    Active,
    Signature,
    StoredVersion,
)
from somastack.platform.events import Outbox, inbox_table, outbox_table

metadata = MetaData()

versions = Table(
    "constitution_versions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("checksum", String(64), nullable=False, unique=True),
    Column("version", String(64), nullable=False, unique=True),
    #: The canonical bytes themselves: what was signed, so the checksum can always be recomputed.
    Column("canonical", LargeBinary, nullable=False),
    Column("signatures", Text, nullable=False),
    Column("signers", Text, nullable=False),
    Column("loaded_at", Float, nullable=False),
    Column("loaded_by", String(200), nullable=False),
)

#: One row (id 1): the active pointer. Every activation updates it first, which serialises activations.
state = Table(
    "constitution_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("checksum", String(64), nullable=True),
    Column("version", String(64), nullable=True),
    Column("activated_at", Float, nullable=True),
    Column("activated_by", String(200), nullable=True),
    Column("signers", Text, nullable=True),
    Column("kind", String(16), nullable=True),
    Column("generation", Integer, nullable=False, server_default="0"),
)

#: Every activation ever made, for audit.
activations = Table(
    "constitution_activations",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("checksum", String(64), nullable=False),
    Column("version", String(64), nullable=False),
    Column("previous_checksum", String(64), nullable=True),
    Column("kind", String(16), nullable=False),
    Column("activated_at", Float, nullable=False),
    Column("activated_by", String(200), nullable=False),
    Column("signers", Text, nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


def _signatures_json(signatures: tuple[Signature, ...]) -> str:
    return json.dumps([[s.signer_id, base64.b64encode(s.signature).decode("ascii")] for s in signatures])


def _stored(row: Any) -> StoredVersion:
    canonical = bytes(row.canonical)
    return StoredVersion(
        document=document_from_canonical(canonical),
        checksum=row.checksum,
        canonical=canonical,
        signatures=tuple(Signature(s, base64.b64decode(sig)) for s, sig in json.loads(row.signatures)),
        signers=tuple(json.loads(row.signers)),
        loaded_at=row.loaded_at,
        loaded_by=row.loaded_by,
        seq=row.seq,
    )


def _active(row: Any) -> Active | None:
    if row is None or row.checksum is None:
        return None
    return Active(
        checksum=row.checksum,
        version=row.version,
        activated_at=row.activated_at,
        activated_by=row.activated_by,
        signers=tuple(json.loads(row.signers)),
        kind=ActivationKind(row.kind),
    )


class SqlConstitutionStore:
    """The ConstitutionStore port on an async SQLAlchemy engine, writing events through the outbox."""

    def __init__(self, engine: AsyncEngine, outbox_writer: Outbox | None = None) -> None:
        self._engine = engine
        self._outbox = outbox_writer or Outbox(outbox)

    async def active(self) -> Active | None:
        async with self._engine.connect() as connection:
            return _active((await connection.execute(select(state).where(state.c.id == 1))).first())

    async def get(self, *, checksum: str = "", version: str = "") -> StoredVersion | None:
        conditions = []
        if checksum:
            conditions.append(versions.c.checksum == checksum)
        if version:
            conditions.append(versions.c.version == version)
        if not conditions:
            return None
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(versions).where(*conditions))).first()
        return _stored(row) if row else None

    async def list_versions(self, *, before: int, limit: int) -> list[StoredVersion]:
        query = select(versions).order_by(versions.c.seq.desc()).limit(limit)
        if before:
            query = query.where(versions.c.seq < before)
        async with self._engine.connect() as connection:
            return [_stored(row) for row in await connection.execute(query)]

    async def activate(self, activation: Activation) -> ActivationResult:
        async with self._engine.connect() as connection:
            transaction = await connection.begin()
            try:
                result = await self._activate(connection, activation)
            except BaseException:
                await transaction.rollback()
                raise
            if result.status is ActivationStatus.ACTIVATED:
                await transaction.commit()
            else:
                await transaction.rollback()
            return result

    async def _activate(self, connection: AsyncConnection, activation: Activation) -> ActivationResult:
        # Writing the state row first takes its lock (a row lock on PostgreSQL, the write lock on SQLite), so
        # concurrent activations queue here and each sees the previous one committed.
        await connection.execute(update(state).where(state.c.id == 1).values(generation=state.c.generation + 1))
        previous = _active((await connection.execute(select(state).where(state.c.id == 1))).first())
        if activation.expected_active and (previous is None or previous.checksum != activation.expected_active):
            return ActivationResult(ActivationStatus.CONFLICT, previous, previous)
        if previous is not None and previous.checksum == activation.checksum:
            return ActivationResult(ActivationStatus.UNCHANGED, previous, previous)
        new = activation.new
        if new is not None:
            clash = (
                await connection.execute(
                    select(versions.c.checksum, versions.c.version).where(
                        or_(versions.c.version == new.document.version, versions.c.checksum == new.checksum)
                    )
                )
            ).first()
            if clash is not None and clash.checksum != new.checksum:
                return ActivationResult(ActivationStatus.VERSION_TAKEN, previous, previous, clash.checksum)
            if clash is None:
                await connection.execute(
                    insert(versions).values(
                        checksum=new.checksum,
                        version=new.document.version,
                        canonical=new.canonical,
                        signatures=_signatures_json(new.signatures),
                        signers=json.dumps(list(new.signers)),
                        loaded_at=new.loaded_at,
                        loaded_by=new.loaded_by,
                    )
                )
        current = Active(
            checksum=activation.checksum,
            version=activation.version,
            activated_at=activation.now,
            activated_by=activation.actor,
            signers=activation.signers,
            kind=activation.kind,
        )
        signers = json.dumps(list(current.signers))
        await connection.execute(
            update(state)
            .where(state.c.id == 1)
            .values(
                checksum=current.checksum,
                version=current.version,
                activated_at=current.activated_at,
                activated_by=current.activated_by,
                signers=signers,
                kind=current.kind.value,
            )
        )
        await connection.execute(
            insert(activations).values(
                checksum=current.checksum,
                version=current.version,
                previous_checksum=previous.checksum if previous else None,
                kind=current.kind.value,
                activated_at=current.activated_at,
                activated_by=current.activated_by,
                signers=signers,
            )
        )
        await self._outbox.add(connection, TOPIC, updated_event(current, previous))
        return ActivationResult(ActivationStatus.ACTIVATED, previous, current)
