"""Alembic environment of the SLM service."""

from alembic import context

from somastack.platform.migrations import run_env
from somastack.slm.adapters.sql_store import metadata

run_env(context.config, metadata)
