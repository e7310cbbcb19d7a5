"""The orchestrator's first schema: sessions, their events, and the event outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from somastack.platform.events.migration import create_outbox_table, drop_outbox_table

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "orchestrator_sessions",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("requester", sa.String(200), nullable=False),
        sa.Column("request_id", sa.String(128), nullable=True),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_index("orchestrator_sessions_request", "orchestrator_sessions", ["tenant_id", "request_id"], unique=True)
    op.create_index("orchestrator_sessions_created", "orchestrator_sessions", ["tenant_id", "created_us", "id"])
    op.create_table(
        "orchestrator_session_events",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("sequence", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    create_outbox_table(op)


def downgrade() -> None:
    drop_outbox_table(op)
    op.drop_table("orchestrator_session_events")
    op.drop_index("orchestrator_sessions_created", table_name="orchestrator_sessions")
    op.drop_index("orchestrator_sessions_request", table_name="orchestrator_sessions")
    op.drop_table("orchestrator_sessions")
