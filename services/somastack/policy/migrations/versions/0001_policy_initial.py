"""Policy's first schema: each tenant's weight overrides, and the inbox of its event consumer.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from somastack.platform.events.migration import create_inbox_table, drop_inbox_table

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "policy_weight_overrides",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("rule_id", sa.String(63), primary_key=True),
        sa.Column("weight", sa.Float, nullable=False),
    )
    op.create_table(
        "policy_override_sets",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    create_inbox_table(op)


def downgrade() -> None:
    drop_inbox_table(op)
    op.drop_table("policy_override_sets")
    op.drop_table("policy_weight_overrides")
