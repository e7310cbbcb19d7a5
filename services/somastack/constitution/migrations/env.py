"""Alembic environment of the constitution service."""

from alembic import context

from somastack.constitution.adapters.sql_store import metadata
from somastack.platform.migrations import run_env

run_env(context.config, metadata)
