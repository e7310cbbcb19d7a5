"""Alembic environment of the policy service."""

from alembic import context

from somastack.platform.migrations import run_env
from somastack.policy.adapters.sql_store import metadata

run_env(context.config, metadata)
