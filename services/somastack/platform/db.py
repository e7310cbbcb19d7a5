"""One SQLAlchemy async engine per service: SQLite under the data dir by default, PostgreSQL by URL.

With PostgreSQL every service owns one schema (`<prefix><domain>`) of the database,
so services never share tables even when they share a server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

from somastack.config import Settings
from somastack.platform import sqlite_inline

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
