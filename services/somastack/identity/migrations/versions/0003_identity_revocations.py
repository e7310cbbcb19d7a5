"""Identity revokes tokens: the revocations in force, and the outbox that announces them on `identity.revocations`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from somastack.platform.events.migration import create_outbox_table, drop_outbox_table

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "token_revocations",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("subject", sa.String(200), primary_key=True),
        sa.Column("not_before", sa.Float, nullable=False),
        sa.Column("cause", sa.String(32), nullable=False),
    )
    op.create_index("token_revocations_not_before", "token_revocations", ["not_before"])
    create_outbox_table(op)


def downgrade() -> None:
    drop_outbox_table(op)
    op.drop_index("token_revocations_not_before", table_name="token_revocations")
    op.drop_table("token_revocations")
