"""Alembic environment of the memory service."""

from alembic import context

from somastack.memory.adapters.sql_store import metadata
from somastack.platform.migrations import run_env

run_env(context.config, metadata)
