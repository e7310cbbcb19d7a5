"""The unit of work over SQLAlchemy: a transaction is an `AsyncConnection` inside `engine.begin()`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.pool import Pool

from somastack.platform.uow import Transaction

#: Keys of a connection's `info`: the callbacks waiting for its transaction to commit, and those whose transaction
#: committed, waiting for the commit to be over.
_PENDING = "soma.after_commit.pending"
_COMMITTED = "soma.after_commit.committed"

_Callbacks = list[tuple[asyncio.AbstractEventLoop, Callable[[], None]]]


def connection_of(tx: Transaction) -> AsyncConnection:
    """The connection behind a transaction opened by a SQL adapter or handed over by the event consumer."""
    if not isinstance(tx, AsyncConnection):
        raise TypeError(f"not a SQL transaction: {type(tx).__name__}")
    return tx


def after_commit(tx: Transaction, callback: Callable[[], None]) -> None:
    """Calls `callback` on the caller's event loop once `tx` has committed; never if it rolls back.

    For wake-ups: a worker told to look at rows a transaction wrote must not look before they are visible.
    SQLAlchemy's `commit` event fires before the database commits (with asyncpg, other tasks run while the COMMIT
    is in flight), so the callback runs once the connection is back in the pool or begins its next transaction,
    both after the commit returned. A COMMIT the database refuses may still run it: a wake-up that finds nothing.
    """
    connection = connection_of(tx)
    callbacks: _Callbacks = connection.info.setdefault(_PENDING, [])
    callbacks.append((asyncio.get_running_loop(), callback))


def _take(info: dict[Any, Any], key: str) -> _Callbacks:
    return info.pop(key, None) or []


def _info(connection: Any) -> dict[Any, Any]:
    """A connection's `info`; empty for one that is already invalid (its database went away), whose transaction
    has nothing to say and must not fail its own rollback."""
    try:
        return connection.info  # type: ignore[no-any-return]
    except SQLAlchemyError:
        return {}


def _run(callbacks: _Callbacks) -> None:
    if not callbacks:
        return
    try:
        current: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        current = None  # a connection returned by another thread (the garbage collector's, say)
    for loop, callback in callbacks:
        with suppress(RuntimeError):  # the loop is closed: nobody is left to wake
            if loop is current:
                loop.call_soon(callback)
            else:
                loop.call_soon_threadsafe(callback)


@event.listens_for(Engine, "commit")
def _committing(connection: Any) -> None:
    info = _info(connection)
    pending = _take(info, _PENDING)
    if pending:
        info.setdefault(_COMMITTED, []).extend(pending)


@event.listens_for(Engine, "rollback")
def _rolled_back(connection: Any) -> None:
    _take(_info(connection), _PENDING)


@event.listens_for(Engine, "begin")
def _next_transaction(connection: Any) -> None:
    _run(_take(_info(connection), _COMMITTED))


@event.listens_for(Pool, "checkin")
def _checked_in(_dbapi_connection: Any, record: Any) -> None:
    if record is not None:
        _run(_take(record.info, _COMMITTED))
