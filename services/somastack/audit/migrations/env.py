"""Alembic environment of the audit service."""

from alembic import context

from somastack.audit.adapters.sql_store import metadata
from somastack.platform.migrations import run_env

run_env(context.config, metadata)
