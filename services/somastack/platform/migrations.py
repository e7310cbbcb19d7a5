"""Alembic migrations, one history per service, applied by `soma migrate` and at service start."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from somastack.config import Settings
from somastack.platform.db import database_url, is_postgres, schema_name


def alembic_config(settings: Settings, domain: str) -> Config:
    """The Alembic config of a domain: its `migrations/` folder and its database."""
    config = Config()
    folder = Path(__file__).resolve().parent.parent / domain / "migrations"
    config.set_main_option("script_location", str(folder))
    config.set_main_option("sqlalchemy.url", database_url(settings, domain).replace("%", "%%"))
    config.attributes["schema"] = schema_name(settings, domain)
    _ensure_data_dir(settings)
    return config


def _ensure_data_dir(settings: Settings) -> None:
    if not settings.database_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)


def upgrade(settings: Settings, domain: str, revision: str = "head") -> None:
    """Brings a domain's database to `revision`. Blocking: call it from a thread inside an event loop."""
    command.upgrade(alembic_config(settings, domain), revision)


async def upgrade_async(settings: Settings, domain: str) -> None:
    await asyncio.to_thread(upgrade, settings, domain)


def current(settings: Settings, domain: str) -> str | None:
    """The revision a domain's database is at, or None before its first migration."""
    url = database_url(settings, domain)
    schema = schema_name(settings, domain)
    _ensure_data_dir(settings)

    def read(connection: Connection) -> str | None:
        options = {"version_table_schema": schema} if schema else {}
        return MigrationContext.configure(connection, opts=options).get_current_revision()

    async def run() -> str | None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(read)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def head(settings: Settings, domain: str) -> str | None:
    """The newest revision a domain's migrations define."""
    return ScriptDirectory.from_config(alembic_config(settings, domain)).get_current_head()


def run_env(config: Config, metadata: MetaData) -> None:
    """The body of every service's `migrations/env.py`: online migrations on the async engine."""
    from alembic import context as ctx

    url = config.get_main_option("sqlalchemy.url")
    assert url is not None
    schema: str | None = config.attributes.get("schema")

    def migrate(connection: Connection) -> None:
        if schema and is_postgres(url):
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            connection.execute(text(f'SET search_path TO "{schema}"'))
            connection.commit()
        ctx.configure(
            connection=connection,
            target_metadata=metadata,
            version_table_schema=schema,
            render_as_batch=not is_postgres(url),
        )
        with ctx.begin_transaction():
            ctx.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                await connection.run_sync(migrate)
                await connection.commit()
        finally:
            await engine.dispose()

    asyncio.run(run())
