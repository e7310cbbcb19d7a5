"""SLM's first schema: queued inferences, their streamed tokens, and the event outbox and inbox.

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
        "slm_inferences",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("messages", sa.Text, nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("completion", sa.Text, nullable=True),
        sa.Column("error", sa.Text, nullable=False, server_default=""),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("request_id", sa.String(128), nullable=True),
    )
    op.create_index("slm_inferences_request", "slm_inferences", ["tenant_id", "request_id"], unique=True)
    op.create_table(
        "slm_inference_tokens",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("inference_id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    create_outbox_table(op)
    create_inbox_table(op)


def downgrade() -> None:
    drop_inbox_table(op)
    drop_outbox_table(op)
    op.drop_table("slm_inference_tokens")
    op.drop_index("slm_inferences_request", table_name="slm_inferences")
    op.drop_table("slm_inferences")
