"""Memory's first schema: memories, their labels and links, the write log, and the outbox.

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
        "memories",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("metadata", sa.Text, nullable=False),
        sa.Column("importance", sa.Float, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("request_id", sa.String(128), nullable=True),
        sa.Column("write_seq", sa.BigInteger, nullable=False),
        sa.Column("embedding", sa.LargeBinary, nullable=True),
        sa.Column("embedder", sa.String(100), nullable=True),
    )
    op.create_index("memories_tenant_request", "memories", ["tenant_id", "request_id"], unique=True)
    op.create_index("memories_tenant_created", "memories", ["tenant_id", "created_at"])
    op.create_table(
        "memory_labels",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("memory_id", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(63), primary_key=True),
        sa.Column("value", sa.String(256), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id", "memory_id"], ["memories.tenant_id", "memories.id"], ondelete="CASCADE"),
    )
    op.create_index("memory_labels_lookup", "memory_labels", ["tenant_id", "key", "value"])
    op.create_table(
        "memory_links",
        sa.Column("tenant_id", sa.String(40), primary_key=True),
        sa.Column("source", sa.String(16), primary_key=True),
        sa.Column("target", sa.String(16), primary_key=True),
        sa.Column("type", sa.String(16), primary_key=True),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(["tenant_id", "source"], ["memories.tenant_id", "memories.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tenant_id", "target"], ["memories.tenant_id", "memories.id"], ondelete="CASCADE"),
    )
    op.create_index("memory_links_target", "memory_links", ["tenant_id", "target"])
    op.create_table(
        "memory_writes",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("tenant_id", sa.String(40), nullable=False),
        sa.Column("memory_id", sa.String(16), nullable=True),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("rejected_at", sa.Float, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sqlite_autoincrement=True,
    )
    create_outbox_table(op)


def downgrade() -> None:
    drop_outbox_table(op)
    op.drop_table("memory_writes")
    op.drop_index("memory_links_target", table_name="memory_links")
    op.drop_table("memory_links")
    op.drop_index("memory_labels_lookup", table_name="memory_labels")
    op.drop_table("memory_labels")
    op.drop_index("memories_tenant_created", table_name="memories")
    op.drop_index("memories_tenant_request", table_name="memories")
    op.drop_table("memories")
