"""Alembic environment of the identity service."""

from alembic import context

from somastack.identity.adapters.sql_store import metadata
from somastack.platform.migrations import run_env

run_env(context.config, metadata)
