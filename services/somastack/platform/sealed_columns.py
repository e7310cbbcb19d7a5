"""The database columns that hold sealed secrets, and re-sealing them: plaintext left by an older release, or values
under a key-encryption key that is no longer the current one (`soma secrets rewrap`).

Each row is re-sealed by a compare-and-set update (the old value in the WHERE clause), a hundred to a short
transaction, so a running service that writes the same row meanwhile wins and nothing is lost; no downtime.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from somastack.platform.sealing import PREFIX, Sealer, key_of


@dataclass(frozen=True)
class SealedColumn:
    """A column of sealed secrets; its values are bound to (domain, table, column, primary key values)."""

    domain: str
    table: Table
    column: str
    #: The primary key columns, in the order they are bound.
    keys: tuple[str, ...]

    @property
    def binary(self) -> bool:
        return self.table.c[self.column].type.python_type is bytes

    def record(self, *key_values: str) -> tuple[str, ...]:
        """The record a value of this column is sealed for."""
        return (self.domain, self.table.name, self.column, *key_values)

    def stored(self, sealed: str) -> str | bytes:
        """A sealed value as the column stores it."""
        return sealed.encode("ascii") if self.binary else sealed

    def seal(self, sealer: Sealer, plaintext: bytes, *key_values: str) -> str | bytes:
        return self.stored(sealer.seal(plaintext, *self.record(*key_values)))

    def unseal(self, sealer: Sealer, value: str | bytes, *key_values: str) -> bytes:
        return sealer.unseal(value, *self.record(*key_values))


@dataclass
class Tally:
    """What re-sealing one column did."""

    column: SealedColumn
    #: Plaintext values sealed now.
    sealed: int = 0
    #: Values moved from an older key to the current one.
    rewrapped: int = 0
    #: Values already under the current key.
    current: int = 0
    #: Rows changed by a running service between read and update (its new value is sealed with its current key).
    raced: int = 0
    #: Older keys the re-wrapped values were under.
    from_keys: set[str] = field(default_factory=set)


def _plaintext(column: SealedColumn, sealer: Sealer, value: Any, key_values: tuple[str, ...]) -> bytes:
    if key_of(value) is None:
        return bytes(value) if column.binary else str(value).encode()
    return column.unseal(sealer, value, *key_values)


#: Rows re-sealed per transaction: short enough that a running service's write never waits long for one.
BATCH = 100


def _count(tally: Tally, kid: str | None, changed: bool) -> None:
    if not changed:
        tally.raced += 1
    elif kid is None:
        tally.sealed += 1
    else:
        tally.rewrapped += 1
        tally.from_keys.add(kid)


async def reseal(engine: AsyncEngine, column: SealedColumn, sealer: Sealer, *, plaintext_only: bool = False) -> Tally:
    """Seals the plaintext values of `column` and, unless `plaintext_only`, re-wraps those under an older key."""
    table, target = column.table, column.table.c[column.column]
    keys = [table.c[k] for k in column.keys]
    query = select(*keys, target).where(target.is_not(None))
    if plaintext_only and not column.binary:
        query = query.where(target.not_like(f"{PREFIX}%"))  # the start-up pass reads only what needs it
    async with engine.connect() as connection:
        rows = (await connection.execute(query)).all()
    tally, current = Tally(column), sealer.current
    due = []
    for row in rows:
        kid = key_of(row[-1])
        if kid == current or (plaintext_only and kid is not None):
            tally.current += 1
        else:
            due.append(row)
    for start in range(0, len(due), BATCH):
        async with engine.begin() as connection:
            for *key_values, value in due[start : start + BATCH]:
                ids = tuple(str(v) for v in key_values)
                new = column.seal(sealer, _plaintext(column, sealer, value, ids), *ids)
                where = and_(*(k == v for k, v in zip(keys, key_values, strict=True)), target == value)
                result = await connection.execute(update(table).where(where).values({column.column: new}))
                _count(tally, key_of(value), bool(result.rowcount))
    return tally
