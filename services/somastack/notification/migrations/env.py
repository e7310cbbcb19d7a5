"""Alembic environment of the notification service."""

from alembic import context

from somastack.notification.adapters.sql_store import metadata
from somastack.platform.migrations import run_env

run_env(context.config, metadata)
