"""SQLite for the async engine without a thread hop per call: aiosqlite's interface, run on the event loop.

aiosqlite runs every call (opening a cursor, executing, fetching, closing it, committing) on a thread of its own
and wakes the event loop for each result: three or four hops for one statement, each costing a thread wake-up and
a loop wake-up, which on a busy machine dominate a write of a few rows. SQLite itself answers such statements in
microseconds (WAL, `synchronous=NORMAL`: a commit does not wait for the disk), so this connection runs them
inline, on the loop, and plugs into SQLAlchemy's aiosqlite dialect through `create_async_engine(async_creator=)`.

Waiting for a lock is the one thing it must not do inline: a writer in another task of this process would hold
the lock while the loop it needs is blocked. So the connection's busy timeout is zero, and a statement that finds
the database locked yields to the loop and tries again, with backoff, until `timeout` seconds have passed; only
then does it raise "database is locked", as sqlite3 would. Retrying is safe because a statement refused for a lock
has done nothing: pysqlite opens its transaction right before the first write, so a write is refused, if at all,
before the transaction holds a lock or a snapshot it could lose.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

#: Seconds between two attempts at a locked database: the first, and the longest.
_BACKOFF = (0.0005, 0.05)


def locked(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        "database is locked" in str(error)
    )


async def _patiently(call: Callable[[], Any], patience: float) -> Any:
    """`call()`, retried without blocking the loop while the database is locked, for at most `patience` seconds."""
    try:
        return call()
    except sqlite3.OperationalError as error:
        if not locked(error):
            raise
    deadline = time.monotonic() + patience
    pause = _BACKOFF[0]
    while True:
        await asyncio.sleep(pause)
        try:
            return call()
        except sqlite3.OperationalError as error:
            if not locked(error) or time.monotonic() >= deadline:
                raise
        pause = min(pause * 2, _BACKOFF[1])


class InlineCursor:
    """An aiosqlite-shaped cursor over a sqlite3 cursor."""

    def __init__(self, cursor: sqlite3.Cursor, timeout: float) -> None:
        self._cursor = cursor
        self._timeout = timeout

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        args = () if parameters is None else parameters
        await _patiently(lambda: self._cursor.execute(sql, args), self._timeout)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> InlineCursor:
        rows = list(parameters)
        await _patiently(lambda: self._cursor.executemany(sql, rows), self._timeout)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class _CursorOpener:
    """What `connection.cursor()` returns in aiosqlite: awaitable, and an async context manager."""

    def __init__(self, connection: InlineConnection) -> None:
        self._connection = connection

    def __await__(self) -> Any:
        return self.__aenter__().__await__()

    async def __aenter__(self) -> InlineCursor:
        return InlineCursor(self._connection._conn.cursor(), self._connection.timeout)

    async def __aexit__(self, *exc: object) -> None:
        return None


class _Immediate:
    """Stands in for aiosqlite's request queue, which SQLAlchemy uses to set the isolation level."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:  # the future carries it to the awaiting caller
            future.set_exception(error)


class InlineConnection:
    """An aiosqlite-shaped connection that runs each call on the caller's thread."""

    def __init__(self, conn: sqlite3.Connection, timeout: float) -> None:
        self._conn = conn
        self._tx = _Immediate()
        self.timeout = timeout

    @property
    def _connection(self) -> sqlite3.Connection | None:
        return self._conn

    def __await__(self) -> Any:
        async def itself() -> InlineConnection:
            return self

        return itself().__await__()

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> _CursorOpener:
        return _CursorOpener(self)

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        cursor = InlineCursor(self._conn.cursor(), self.timeout)
        return await cursor.execute(sql, parameters)

    async def commit(self) -> None:
        await _patiently(self._conn.commit, self.timeout)

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        self._conn.close()

    def stop(self) -> None:
        self._conn.close()

    async def create_function(self, name: str, num_params: int, func: Callable[..., Any], **kw: Any) -> None:
        self._conn.create_function(name, num_params, func, **kw)


def connector(path: str, *, timeout: float = 30.0) -> Callable[[], Any]:
    """The `async_creator` of an engine on the SQLite file `path`; `timeout`: the longest wait for a lock."""

    async def connect() -> InlineConnection:
        # check_same_thread=False: SQLAlchemy may close a connection from the garbage collector's thread.
        conn = sqlite3.connect(path, timeout=0, check_same_thread=False)
        return InlineConnection(conn, timeout)

    return connect
