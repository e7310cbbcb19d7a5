"""The audit spool: audit records wait here until the relay has published them on `audit.records`.

Revision ID: 0001
Revises:
Create Date: 2027-01-12
"""

from collections.abc import Sequence

from alembic import op

from somastack.platform.audit.spool import SPOOL
from somastack.platform.events.tables import outbox_columns

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(SPOOL, *outbox_columns(), sqlite_autoincrement=True)  # never reuse ids (see outbox_table)


def downgrade() -> None:
    op.drop_table(SPOOL)
