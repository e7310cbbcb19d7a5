"""Identity hears about the constitution: the active checksum, and the inbox of its event consumer.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from somastack.platform.events.migration import create_inbox_table, drop_inbox_table

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "active_constitution",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    create_inbox_table(op)


def downgrade() -> None:
    drop_inbox_table(op)
    op.drop_table("active_constitution")
