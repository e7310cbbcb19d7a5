"""Notification's first schema: notifications, the preferences projection, webhook deliveries, the event inbox.

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
        "notifications",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.String(63), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("severity", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("topic", sa.String(128), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("ack_at", sa.Float, nullable=True),
        sa.Column("delivered_at", sa.Float, nullable=True),
        sa.Column("release_at", sa.Float, nullable=True),
        sa.Column("event_id", sa.String(64), nullable=False),
    )
    op.create_index("notifications_by_user", "notifications", ["tenant_id", "user_id", "created_at"])
    op.create_index("notifications_delivered", "notifications", ["tenant_id", "user_id", "state", "delivered_at"])
    op.create_index("notifications_held", "notifications", ["state", "release_at"])
    op.create_table(
        "notification_preferences",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.String(63), primary_key=True),
        sa.Column("minimum_severity", sa.Integer, nullable=False),
        sa.Column("quiet_time_zone", sa.String(64), nullable=False, server_default=""),
        sa.Column("quiet_start", sa.Integer, nullable=True),
        sa.Column("quiet_end", sa.Integer, nullable=True),
        sa.Column("in_app", sa.Boolean, nullable=False),
        sa.Column("webhook_url", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "notification_webhooks",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.String(63), primary_key=True),
        sa.Column("notification_id", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.Float, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("delivered_at", sa.Float, nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("notification_webhooks_due", "notification_webhooks", ["status", "next_attempt_at"])
    create_inbox_table(op)


def downgrade() -> None:
    drop_inbox_table(op)
    op.drop_index("notification_webhooks_due", table_name="notification_webhooks")
    op.drop_table("notification_webhooks")
    op.drop_table("notification_preferences")
    op.drop_index("notifications_held", table_name="notifications")
    op.drop_index("notifications_delivered", table_name="notifications")
    op.drop_index("notifications_by_user", table_name="notifications")
    op.drop_table("notifications")
