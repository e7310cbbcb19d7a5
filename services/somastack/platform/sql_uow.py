"""The unit of work over SQLAlchemy: a transaction is an `AsyncConnection` inside `engine.begin()`."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from somastack.platform.uow import Transaction


def connection_of(tx: Transaction) -> AsyncConnection:
    """The connection behind a transaction opened by a SQL adapter or handed over by the event consumer."""
    if not isinstance(tx, AsyncConnection):
        raise TypeError(f"not a SQL transaction: {type(tx).__name__}")
    return tx
