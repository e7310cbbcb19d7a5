"""Alembic environment of the audit spool, a platform history kept in each audited service's database."""

from alembic import context

from somastack.platform.audit.spool import metadata
from somastack.platform.migrations import run_env

run_env(context.config, metadata)
