"""The orchestrator hears about the constitution: the inbox of its `constitution.updated` consumer.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

from somastack.platform.events.migration import create_inbox_table, drop_inbox_table

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_inbox_table(op)


def downgrade() -> None:
    drop_inbox_table(op)
