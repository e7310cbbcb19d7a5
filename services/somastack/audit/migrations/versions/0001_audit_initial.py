"""The audit service's first schema: the append-only chain table and the inbox of its consumer.

Triggers refuse every UPDATE and DELETE of `audit_records`, so no code path of the service (or a careless operator's
statement) can change the trail; whoever drops the triggers first is caught by the hash chain instead.

Revision ID: 0001
Revises:
Create Date: 2027-01-12
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from somastack.platform.events.migration import create_inbox_table, drop_inbox_table

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "audit_records",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(40), nullable=False),
        sa.Column("sequence", sa.BigInteger, nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("rpc", sa.String(255), nullable=False),
        sa.Column("resource", sa.String(512), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("request_id", sa.String(128), nullable=False),
        sa.Column("client_type", sa.String(16), nullable=False),
        sa.Column("constitution", sa.String(128), nullable=False),
        sa.Column("time_us", sa.BigInteger, nullable=False),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("tenant", "sequence", name="audit_records_chain"),
        sa.UniqueConstraint("event_id", name="audit_records_event"),
        sqlite_autoincrement=True,
    )
    op.create_index("audit_records_tenant_id", "audit_records", ["tenant", "id"])
    _append_only()
    create_inbox_table(op)


def _append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_records is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records "
            "FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()"
        )
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_records_no_{verb.lower()} BEFORE {verb} ON audit_records "
            "BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END"
        )


def downgrade() -> None:
    drop_inbox_table(op)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_records_append_only ON audit_records")
        op.execute("DROP FUNCTION audit_records_append_only()")
    else:
        op.execute("DROP TRIGGER audit_records_no_update")
        op.execute("DROP TRIGGER audit_records_no_delete")
    op.drop_index("audit_records_tenant_id", table_name="audit_records")
    op.drop_table("audit_records")
