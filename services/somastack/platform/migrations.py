"""Alembic migrations, one history per service, applied by `soma migrate` and at service start.

Besides its own history, a service's database may hold a platform history (`History`, such as the audit spool's),
tracked in a version table of its own so that the two never see each other's revisions.

A service starts far more often than its schema changes, and importing Alembic and running its environment costs a
few hundred milliseconds of CPU. So on SQLite a start first compares the revision the file records with the heads of
the migration scripts (read as text, no import) and imports Alembic only when they differ.
"""

from __future__ import annotations

import ast
import asyncio
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from somastack.config import Settings
from somastack.platform.db import database_url, is_postgres, schema_name, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

#: The module-level assignments Alembic reads from a revision script (`revision: str = "0001"`).
_ASSIGNMENT = re.compile(r"^(revision|down_revision|branch_labels|depends_on)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)


DOMAIN_VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class History:
    """A migration history the platform adds to a service's database: its scripts and its own version table."""

    folder: Path
    version_table: str


#: The audit spool (`somastack.platform.audit`) that the runtime adds to every service with audited RPCs.
AUDIT_SPOOL = History(Path(__file__).resolve().parent / "audit" / "migrations", "alembic_version_audit")


def migrations_folder(domain: str) -> Path:
    return Path(__file__).resolve().parent.parent / domain / "migrations"


def _where(domain: str, history: History | None) -> tuple[Path, str]:
    if history is None:
        return migrations_folder(domain), DOMAIN_VERSION_TABLE
    return history.folder, history.version_table


def alembic_config(settings: Settings, domain: str, history: History | None = None) -> Config:
    """The Alembic config of a domain's own history (or of a platform `history` in its database)."""
    from alembic.config import Config

    folder, version_table = _where(domain, history)
    config = Config()
    config.set_main_option("script_location", str(folder))
    config.set_main_option("sqlalchemy.url", database_url(settings, domain).replace("%", "%%"))
    config.attributes["schema"] = schema_name(settings, domain)
    config.attributes["version_table"] = version_table
    _ensure_data_dir(settings)
    return config


def _ensure_data_dir(settings: Settings) -> None:
    if not settings.database_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)


def upgrade(settings: Settings, domain: str, revision: str = "head", *, history: History | None = None) -> None:
    """Brings a domain's database to `revision`. Blocking: call it from a thread inside an event loop."""
    if revision == "head" and at_head(settings, domain, history):
        return
    from alembic import command

    command.upgrade(alembic_config(settings, domain, history), revision)


def at_head(settings: Settings, domain: str, history: History | None = None) -> bool:
    """Whether a domain's SQLite file is known, without Alembic, to be at the head of its migrations.

    False whenever that is not certain (PostgreSQL, no file yet, a history this reader does not follow): the caller
    then asks Alembic.
    """
    if settings.database_url:
        return False
    folder, version_table = _where(domain, history)
    heads = script_heads(folder)
    path = sqlite_path(settings, domain)
    if heads is None or not path.exists():
        return False
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            current = {row[0] for row in connection.execute(f"SELECT version_num FROM {version_table}")}
        finally:
            connection.close()
    except sqlite3.Error:
        return False  # no version table yet, or the file is not a database: Alembic says what to do
    return current == heads


def script_heads(folder: Path) -> set[str] | None:
    """The head revisions of the scripts in `folder`/versions, read as text; None if a script is beyond this reader
    (branch labels, dependencies, a value that is not a literal)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (folder / "versions").glob("*.py"):
        fields: dict[str, object] = {}
        for name, value in _ASSIGNMENT.findall(script.read_text()):
            try:
                fields[name] = ast.literal_eval(value)
            except (ValueError, SyntaxError):
                return None
        revision, down = fields.get("revision"), fields.get("down_revision")
        if not isinstance(revision, str) or fields.get("branch_labels") or fields.get("depends_on"):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list) and all(isinstance(d, str) for d in down):
            parents.update(down)
        elif down is not None:
            return None
    return (revisions - parents) or None


async def upgrade_async(settings: Settings, domain: str, *, history: History | None = None) -> None:
    await asyncio.to_thread(upgrade, settings, domain, history=history)


def current(settings: Settings, domain: str, history: History | None = None) -> str | None:
    """The revision a domain's database is at (in its own history, or `history`), or None before the first."""
    url = database_url(settings, domain)
    schema = schema_name(settings, domain)
    _ensure_data_dir(settings)
    _folder, version_table = _where(domain, history)

    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> str | None:
        options: dict[str, str] = {"version_table": version_table}
        if schema:
            options["version_table_schema"] = schema
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
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(settings, domain)).get_current_head()


def run_env(config: Config, metadata: MetaData) -> None:
    """The body of every service's `migrations/env.py`: online migrations on the async engine."""
    from alembic import context as ctx

    url = config.get_main_option("sqlalchemy.url")
    assert url is not None
    schema: str | None = config.attributes.get("schema")
    version_table: str = config.attributes.get("version_table", DOMAIN_VERSION_TABLE)

    def migrate(connection: Connection) -> None:
        if schema and is_postgres(url):
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            connection.execute(text(f'SET search_path TO "{schema}"'))
            connection.commit()
        ctx.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=version_table,
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
