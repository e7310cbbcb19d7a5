"""Alembic operations that create the outbox and inbox tables in a service's own migration history."""

from __future__ import annotations

from typing import Any

from somastack.platform.events.tables import INBOX, OUTBOX, inbox_columns, outbox_columns


def create_outbox_table(op: Any) -> None:
    """Creates `event_outbox`; call it from a service's migration `upgrade()` with `alembic.op`."""
    op.create_table(OUTBOX, *outbox_columns(), sqlite_autoincrement=True)  # never reuse ids (see outbox_table)


def create_inbox_table(op: Any) -> None:
    """Creates `event_inbox` and its index on `updated_at` (pruning)."""
    op.create_table(INBOX, *inbox_columns())
    op.create_index(f"{INBOX}_updated_at", INBOX, ["updated_at"])


def drop_outbox_table(op: Any) -> None:
    """The downgrade of create_outbox_table."""
    op.drop_table(OUTBOX)


def drop_inbox_table(op: Any) -> None:
    """The downgrade of create_inbox_table."""
    op.drop_index(f"{INBOX}_updated_at", table_name=INBOX)
    op.drop_table(INBOX)
