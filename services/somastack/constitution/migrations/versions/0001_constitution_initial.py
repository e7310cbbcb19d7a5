"""Constitution's first schema: loaded versions, the active pointer, activations, and the event outbox and inbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from somastack.platform.events.migration import (
    create_inbox_table,
    create_outbox_table,
    drop_inbox_table,
    drop_outbox_table,
)

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "constitution_versions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("checksum", sa.String(64), nullable=False, unique=True),
        sa.Column("version", sa.String(64), nullable=False, unique=True),
        sa.Column("canonical", sa.LargeBinary, nullable=False),
        sa.Column("signatures", sa.Text, nullable=False),
        sa.Column("signers", sa.Text, nullable=False),
        sa.Column("loaded_at", sa.Float, nullable=False),
        sa.Column("loaded_by", sa.String(200), nullable=False),
    )
    state = op.create_table(
        "constitution_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("checksum", sa.String(64), nullable=True),
        sa.Column("version", sa.String(64), nullable=True),
        sa.Column("activated_at", sa.Float, nullable=True),
        sa.Column("activated_by", sa.String(200), nullable=True),
        sa.Column("signers", sa.Text, nullable=True),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("generation", sa.Integer, nullable=False, server_default="0"),
    )
    # The single state row exists from the start, so every activation can lock it by updating it.
    op.bulk_insert(state, [{"id": 1, "generation": 0}])
    op.create_table(
        "constitution_activations",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("previous_checksum", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("activated_at", sa.Float, nullable=False),
        sa.Column("activated_by", sa.String(200), nullable=False),
        sa.Column("signers", sa.Text, nullable=False),
    )
    create_outbox_table(op)
    create_inbox_table(op)


def downgrade() -> None:
    drop_inbox_table(op)
    drop_outbox_table(op)
    op.drop_table("constitution_activations")
    op.drop_table("constitution_state")
    op.drop_table("constitution_versions")
