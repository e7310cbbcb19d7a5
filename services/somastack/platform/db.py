"""One SQLAlchemy async engine per service: SQLite under the data dir by default, PostgreSQL by URL.

With PostgreSQL every service owns one schema (`<prefix><domain>`) of the database,
so services never share tables even when they share a server.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

from somastack.config import Settings
from somastack.platform import sqlite_inline
from somastack.platform.errors import Unavailable

_log = logging.getLogger(__name__)

#: The size a SQLite write-ahead log is cut back to when a writer starts it over (`journal_size_limit`).
WAL_SIZE_LIMIT = 4 * 1024 * 1024

#: A write-ahead log past this size gets a RESTART checkpoint (see Checkpointer).
CHECKPOINT_LIMIT = 16 * 1024 * 1024

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
        # A writer that starts the log over cuts the file back to this (SQLite otherwise keeps its largest size).
        cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        cursor.close()
        checkpointer.start()

    @event.listens_for(engine.sync_engine, "commit")
    def _committed(_connection: Any) -> None:
        checkpointer.written()

    @event.listens_for(engine.sync_engine, "engine_disposed")
    def _stop_checkpoints(_engine: Any) -> None:
        checkpointer.stop()

    return engine


class Checkpointer:
    """Copies a SQLite file's write-ahead log back into the database on a thread of its own, and keeps the log small.

    SQLite's automatic checkpoint runs inside the commit that crosses the log's threshold (1000 pages): with the
    engine's statements inline on the event loop, that commit, every hundred or so, blocked the service for the
    checkpoint's writes and its fsync (10-20 ms against a median commit of 0.09 ms). Here the engine's connections
    turn it off, and this thread checkpoints with a connection of its own, which sqlite3 runs without the GIL:

    - a commit wakes it (`written`); it waits `interval` seconds (less if the log passes `limit` meanwhile), so one
      checkpoint covers many commits, and runs a PASSIVE checkpoint, which waits for no reader or writer. An idle
      service's thread sleeps: no timer.
    - A PASSIVE checkpoint copies frames but never starts the log over while a reader still reads an older
      snapshot, and a busy service always has one: the log then only grows (450 MB after a minute of sessions).
      So once it is past `limit` bytes, the thread runs a RESTART checkpoint, which waits up to `patience` seconds
      for those readers and makes the next writer start the log from its beginning; that writer then cuts the
      file to the connections' `journal_size_limit`.
    - After `interval` seconds without a commit (or when a round's commits wrote nothing), a TRUNCATE checkpoint
      gives the log's space back to the disk.

    Started by the engine's first connection, stopped when the engine is disposed; the last connection to close
    checkpoints whatever is left, as SQLite always does.
    """

    def __init__(self, path: Path, interval: float = 1.0, *, limit: int | None = None, patience: float = 0.25) -> None:
        self._path = path
        self._wal = path.with_name(path.name + "-wal")
        self._interval = interval
        self._limit = CHECKPOINT_LIMIT if limit is None else limit
        self._patience = patience
        self._stopping = threading.Event()
        #: Set by a commit, cleared by the checkpoint that will copy it.
        self._dirty = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        #: The log file's size after the last checkpoint (SQLite reuses the file, it does not shrink it).
        self._size_after = 0

    def start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping.clear()
            self._dirty.set()  # whatever an earlier run left in the log
            self._thread = threading.Thread(target=self._run, name=f"checkpoint {self._path.name}", daemon=True)
            self._thread.start()

    def written(self) -> None:
        """A transaction committed: checkpoint within `interval` (cheap enough for every commit)."""
        if not self._dirty.is_set():
            self._dirty.set()

    def stop(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        self._stopping.set()
        self._dirty.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _run(self) -> None:
        connection = sqlite3.connect(self._path, timeout=self._patience, check_same_thread=False)
        try:
            page = int(connection.execute("PRAGMA page_size").fetchone()[0]) + 24  # a frame: header and page
            truncated = False
            last = -1  # the log's frames at the last PASSIVE checkpoint
            while not self._stopping.is_set():
                # Idle: sleep until a commit; after writes, an interval without one means the burst is over.
                if not self._dirty.wait(None if truncated else self._interval):
                    truncated = self._checkpoint(connection, "TRUNCATE") == 0
                    self._size_after = self._log_size()
                    continue
                if self._wait_interval():
                    break
                self._dirty.clear()
                truncated = False
                frames = self._checkpoint(connection, "PASSIVE")
                if frames > 0 and frames == last:
                    # Commits that wrote nothing (an empty poll of the outbox): the service is idle all the same.
                    truncated = self._checkpoint(connection, "TRUNCATE") == 0
                elif frames * page > self._limit:  # readers kept the log from starting over: make them let go
                    self._checkpoint(connection, "RESTART")
                last = frames
                self._size_after = self._log_size()
        finally:
            connection.close()

    def _wait_interval(self) -> bool:
        """Waits `interval` seconds, or less if the log outgrows `limit` meanwhile; True if stopped."""
        deadline = time.monotonic() + self._interval
        while (remaining := deadline - time.monotonic()) > 0:
            # A tenth of the interval at a time: a burst of writes is checkpointed before it swells the log.
            if self._stopping.wait(min(remaining, self._interval / 10)):
                return True
            if self._log_size() > max(self._limit, self._size_after):  # grown past the limit since
                break
        return False

    def _checkpoint(self, connection: sqlite3.Connection, mode: str) -> int:
        """Runs one checkpoint; returns the frames in the log (0: empty), -1 if it did not complete."""
        try:
            busy, frames, _copied = connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error as error:  # the next round tries again; the log only grows meanwhile
            _log.warning("checkpoint of %s failed: %s", self._path, error)
            return -1
        return -1 if busy else int(frames)

    def _log_size(self) -> int:
        try:
            return self._wal.stat().st_size
        except FileNotFoundError:
            return 0


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


#: How long a client should wait before it retries a call the database could not serve.
RETRY_AFTER_SECONDS = 1.0


def _server_gone() -> tuple[type[BaseException], ...]:
    """asyncpg's errors for a server that is unreachable, starting, stopping or out of connections (SQLSTATE classes
    08, 53 and 57P), raised while connecting or in place of a statement's result. None before asyncpg was imported:
    on SQLite it never is, and no error can be one of its own then."""
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is None:
        return ()
    return (
        asyncpg.PostgresConnectionError,
        asyncpg.CannotConnectNowError,
        asyncpg.TooManyConnectionsError,
        asyncpg.InsufficientResourcesError,
        asyncpg.OperatorInterventionError,
    )


def _postgres_error() -> tuple[type[BaseException], ...]:
    asyncpg = sys.modules.get("asyncpg")
    return () if asyncpg is None else (asyncpg.PostgresError,)


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
        error.connection_invalidated or isinstance(error.orig, _server_gone()) or _driver_cause(error.orig)
    ):
        busy = False
    elif isinstance(error, (OSError, *_postgres_error())) and _raised_by_pool(error.__traceback__):
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
    return isinstance(getattr(orig, "__cause__", None), (*_server_gone(), OSError))


def _raised_by_pool(tb: TracebackType | None) -> bool:
    """Whether an error passed through SQLAlchemy's pool: a bare OSError there is a connection that failed."""
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith("sqlalchemy.pool"):
            return True
        tb = tb.tb_next
    return False
