"""Identity's first schema: tenants, users, memberships, signing keys, training locks.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(63), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    )
    op.create_index("users_tenant_email", "users", ["tenant_id", "email"], unique=True)
    op.create_table(
        "memberships",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.String(63), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("extra_capabilities", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(["tenant_id", "user_id"], ["users.tenant_id", "users.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(32), primary_key=True),
        sa.Column("private_pem", sa.LargeBinary, nullable=False),
        sa.Column("public_x", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("retired_at", sa.Float, nullable=True),
        sa.Column("expires_at", sa.Float, nullable=True),
    )
    op.create_table(
        "training_locks",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("holder", sa.String(200), nullable=True),
        sa.Column("acquired_at", sa.Float, nullable=True),
        sa.Column("expires_at", sa.Float, nullable=True),
        sa.Column("reason", sa.String(500), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("training_locks")
    op.drop_table("signing_keys")
    op.drop_table("memberships")
    op.drop_index("users_tenant_email", table_name="users")
    op.drop_table("users")
    op.drop_table("tenants")
