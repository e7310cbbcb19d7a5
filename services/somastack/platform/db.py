"""One SQLAlchemy async engine per service: SQLite under the data dir by default, PostgreSQL by URL.

With PostgreSQL every service owns one schema (`<prefix><domain>`) of the database,
so services never share tables even when they share a server.
"""

from __future__ import annotations

import sqlite3
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
    connect = sqlite_inline.connector(str(sqlite_path(settings, domain)), timeout=30.0)
    engine = create_async_engine(url, async_creator=connect)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # No busy timeout: the connection waits for a locked database without blocking the loop (see sqlite_inline).
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.close()

    return engine


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
    cause = getattr(orig, "__cause__", None)
    return isinstance(cause, _SERVER_GONE) or isinstance(cause, OSError)


def _raised_by_pool(tb: TracebackType | None) -> bool:
    """Whether an error passed through SQLAlchemy's pool: a bare OSError there is a connection that failed."""
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith("sqlalchemy.pool"):
            return True
        tb = tb.tb_next
    return False
