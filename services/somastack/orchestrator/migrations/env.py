"""Alembic environment of the orchestrator service."""

from alembic import context

from somastack.orchestrator.adapters.sql_store import metadata
from somastack.platform.migrations import run_env

run_env(context.config, metadata)
