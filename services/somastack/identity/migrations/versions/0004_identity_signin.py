"""Sign-in: credentials, recovery codes, failed attempts, refresh-token families, trusted OIDC issuers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_USER_FK = (["tenant_id", "user_id"], ["users.tenant_id", "users.id"])


def upgrade() -> None:
    op.create_table(
        "credentials",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.String(63), primary_key=True),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("password_changed_at", sa.Float, nullable=True),
        sa.Column("reset_code_hash", sa.String(64), nullable=True),
        sa.Column("reset_expires_at", sa.Float, nullable=True),
        sa.Column("totp_secret", sa.String(64), nullable=True),
        sa.Column("totp_confirmed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("totp_last_step", sa.BigInteger, nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(*_USER_FK, ondelete="CASCADE"),
    )
    op.create_table(
        "recovery_codes",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.String(63), primary_key=True),
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("used_at", sa.Float, nullable=True),
        sa.ForeignKeyConstraint(*_USER_FK, ondelete="CASCADE"),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("login", sa.String(254), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.Float, nullable=True),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "refresh_families",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("tenant_id", sa.String(40), nullable=False),
        sa.Column("user_id", sa.String(63), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("revoked_at", sa.Float, nullable=True),
        sa.ForeignKeyConstraint(*_USER_FK, ondelete="CASCADE"),
    )
    op.create_index("refresh_families_user", "refresh_families", ["tenant_id", "user_id"])
    op.create_table(
        "refresh_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("family_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("used_at", sa.Float, nullable=True),
        sa.ForeignKeyConstraint(["family_id"], ["refresh_families.id"], ondelete="CASCADE"),
    )
    op.create_index("refresh_tokens_family", "refresh_tokens", ["family_id"])
    op.create_table(
        "oidc_providers",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("issuer", sa.String(500), nullable=False),
        sa.Column("audience", sa.String(500), nullable=False),
        sa.Column("jwks_url", sa.String(1000), nullable=False, server_default=""),
        sa.Column("user_claim", sa.String(100), nullable=False),
        sa.Column("user_claim_match", sa.String(16), nullable=False),
        sa.Column("auto_provision", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("oidc_providers")
    op.drop_index("refresh_tokens_family", table_name="refresh_tokens")
    op.drop_table("refresh_tokens")
    op.drop_index("refresh_families_user", table_name="refresh_families")
    op.drop_table("refresh_families")
    op.drop_table("sign_in_failures")
    op.drop_table("recovery_codes")
    op.drop_table("credentials")
