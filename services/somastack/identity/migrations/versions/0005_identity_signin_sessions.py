"""Sign-in sessions: how each refresh family started (method, user agent) and when it was last refreshed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("refresh_families") as table:
        table.add_column(sa.Column("method", sa.String(32), nullable=False, server_default="password"))
        table.add_column(sa.Column("user_agent", sa.String(256), nullable=False, server_default=""))
        table.add_column(sa.Column("last_refresh_at", sa.Float, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("refresh_families") as table:
        table.drop_column("last_refresh_at")
        table.drop_column("user_agent")
        table.drop_column("method")
