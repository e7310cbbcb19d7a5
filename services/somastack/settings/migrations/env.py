"""Alembic environment of the settings service."""

from alembic import context

from somastack.platform.migrations import run_env
from somastack.settings.adapters.sql_store import metadata

run_env(context.config, metadata)
