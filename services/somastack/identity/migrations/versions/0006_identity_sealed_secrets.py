"""Sealed secrets: a TOTP secret column wide enough for a sealed value.

The values themselves are sealed when identity starts (somastack.identity.bootstrap), not here: sealing needs the
key-encryption key, which a schema migration should not depend on, and a start seals whatever plaintext an older
replica may still write during a rolling upgrade as well.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("credentials") as table:
        table.alter_column("totp_secret", type_=sa.Text, existing_type=sa.String(64), existing_nullable=True)


def downgrade() -> None:
    # Only for a database whose TOTP secrets were unsealed first: a sealed value is longer than 64 characters, and
    # no release before this one can open one.
    with op.batch_alter_table("credentials") as table:
        table.alter_column("totp_secret", type_=sa.String(64), existing_type=sa.Text, existing_nullable=True)
