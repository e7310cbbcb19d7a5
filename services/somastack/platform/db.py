"""One SQLAlchemy async engine per service: SQLite under the data dir by default, PostgreSQL by URL.

With PostgreSQL every service owns one schema (`<prefix><domain>`) of the database,
so services never share tables even when they share a server.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

import asyncpg
from sqlalchemy import Table, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

from somastack.config import Settings
from somastack.platform import sqlite_inline
from somastack.platform.errors import Unavailable

_log = logging.getLogger(__name__)

#: The dialects a store's SQL is built for (an engine's `dialect.name`).
DIALECTS = ("postgresql", "sqlite")


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def database_url(settings: Settings, domain: str) -> str:
    """The URL a domain's engine connects to."""
    if settings.database_url:
        url = settings.database_url
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+asyncpg://" + url.split("://", 1)[1]
        return url
    return f"sqlite+aiosqlite:///{sqlite_path(settings, domain)}"


def sqlite_path(settings: Settings, domain: str) -> Path:
    """The SQLite file of a domain, under the data dir."""
    return (settings.data_dir / f"{domain}.db").resolve()


def dialect_insert(dialect: str, table: Table) -> postgresql.Insert | sqlite.Insert:
    """The INSERT of `dialect` (an engine's `dialect.name`), which has ON CONFLICT: SQLite and PostgreSQL spell it
    the same, but SQLAlchemy builds it per dialect."""
    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)


def schema_name(settings: Settings, domain: str) -> str | None:
    """The PostgreSQL schema a domain owns; None on SQLite."""
    return f"{settings.db_schema_prefix}{domain}" if settings.database_url else None


def create_engine(settings: Settings, domain: str) -> AsyncEngine:
    """The engine of one domain, with its schema on PostgreSQL and WAL + foreign keys on SQLite."""
    url = database_url(settings, domain)
    if is_postgres(url):
        schema = schema_name(settings, domain)
        return create_async_engine(
            url,
            pool_size=10,
            max_overflow=10,
            pool_pre_ping=True,
            connect_args={"server_settings": {"search_path": f"{schema},public", "application_name": f"soma-{domain}"}},
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = sqlite_path(settings, domain)
    connect = sqlite_inline.connector(str(path), timeout=30.0)
    engine = create_async_engine(url, async_creator=connect)
    checkpointer = Checkpointer(path)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # No busy timeout: the connection waits for a locked database without blocking the loop (see sqlite_inline).
        cursor.execute("PRAGMA busy_timeout=0")
        # No checkpoint inside a commit: it would run on the event loop (see Checkpointer).
        cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()
        checkpointer.start()

    @event.listens_for(engine.sync_engine, "engine_disposed")
    def _stop_checkpoints(_engine: Any) -> None:
        checkpointer.stop()

    return engine


class Checkpointer:
    """Copies a SQLite file's write-ahead log back into the database on a thread of its own, every `interval` s.

    SQLite's automatic checkpoint runs inside the commit that crosses the log's threshold (1000 pages): with the
    engine's statements inline on the event loop, that commit, every hundred or so, blocked the service for the
    checkpoint's writes and its fsync (10-20 ms against a median commit of 0.09 ms). Here the engine's connections
    turn it off, and this thread runs PASSIVE checkpoints with a connection of its own: they wait for no reader or
    writer, and sqlite3 releases the GIL while they work. Started by the engine's first connection, stopped when
    the engine is disposed; the last connection to close checkpoints whatever is left, as SQLite always does.
    """

    def __init__(self, path: Path, interval: float = 1.0) -> None:
        self._path = path
        self._interval = interval
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping.clear()
            self._thread = threading.Thread(target=self._run, name=f"checkpoint {self._path.name}", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        self._stopping.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _run(self) -> None:
        connection = sqlite3.connect(self._path, timeout=1.0, check_same_thread=False)
        try:
            while not self._stopping.wait(self._interval):
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error as error:  # the next round tries again; the log only grows meanwhile
                    _log.warning("checkpoint of %s failed: %s", self._path, error)
        finally:
            connection.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


#: How long a client should wait before it retries a call the database could not serve.
RETRY_AFTER_SECONDS = 1.0

#: asyncpg's errors for a server that is unreachable, starting, stopping or out of connections (SQLSTATE classes 08,
#: 53 and 57P), raised while connecting or in place of a statement's result.
_SERVER_GONE = (
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.InsufficientResourcesError,
    asyncpg.OperatorInterventionError,
)


def unavailable(error: BaseException, domain: str) -> Unavailable | None:
    """The UNAVAILABLE a database failure that a retry can cure becomes, or None for any other error.

    Transient: the server refused or dropped the connection, is starting or shutting down, or has no connection
    slot left; the pool had no connection to give within its timeout; SQLite's file stayed locked past the busy
    timeout. A statement the database rejects (bad SQL, a violated constraint) is not transient: it stays a bug.
    The message names neither host nor port: clients see what to do, operators read the cause in the log.
    """
    if isinstance(error, sa_exc.TimeoutError) or (
        isinstance(error, sa_exc.OperationalError) and _sqlite_locked(error.orig)
    ):
        busy = True
    elif isinstance(error, sa_exc.DBAPIError) and (
        error.connection_invalidated or isinstance(error.orig, _SERVER_GONE) or _driver_cause(error.orig)
    ):
        busy = False
    elif isinstance(error, (OSError, asyncpg.PostgresError)) and _raised_by_pool(error.__traceback__):
        busy = False  # refused, reset or timed out while the pool opened a connection
    else:
        return None
    state = "busy" if busy else "unavailable"
    return Unavailable(
        "SERVICE_UNAVAILABLE",
        f"the {domain} database is {state}; retry in {RETRY_AFTER_SECONDS:.0f} s",
        metadata={"dependency": "database", "domain": domain},
        retry_after=RETRY_AFTER_SECONDS,
    )


def _sqlite_locked(orig: BaseException | None) -> bool:
    return isinstance(orig, sqlite3.OperationalError) and sqlite_inline.locked(orig)


def _driver_cause(orig: BaseException | None) -> bool:
    """SQLAlchemy's asyncpg adapter keeps asyncpg's own error as the cause of the DBAPI error it raises."""
    return isinstance(getattr(orig, "__cause__", None), (*_SERVER_GONE, OSError))


def _raised_by_pool(tb: TracebackType | None) -> bool:
    """Whether an error passed through SQLAlchemy's pool: a bare OSError there is a connection that failed."""
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith("sqlalchemy.pool"):
            return True
        tb = tb.tb_next
    return False
