"""The outbox and inbox tables a service adds to its own database (SQLite or PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, Float, Index, Integer, LargeBinary, MetaData, String, Table

OUTBOX = "event_outbox"
INBOX = "event_inbox"

# SQLite autoincrements only an INTEGER PRIMARY KEY (the rowid); PostgreSQL gets a 64-bit serial.
_ID = BigInteger().with_variant(Integer(), "sqlite")


def outbox_columns() -> list[Column[Any]]:
    """Rows wait here, in id order, until the relay has published them; the relay then deletes them."""
    return [
        Column("id", _ID, primary_key=True, autoincrement=True),
        Column("topic", String(249), nullable=False),
        Column("key", String(255), nullable=True),
        Column("event_id", String(128), nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("created_at", Float, nullable=False),
        # Failed publish attempts of this row (a growing number means the bus is unreachable).
        Column("attempts", Integer, nullable=False, server_default="0"),
    ]


def inbox_columns() -> list[Column[Any]]:
    """One row per (consumer group, event): `handled`, `failing` (with its attempts) or `dead` (dead-lettered)."""
    return [
        Column("consumer_group", String(200), primary_key=True),
        Column("event_id", String(128), primary_key=True),
        Column("status", String(16), nullable=False),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("updated_at", Float, nullable=False),
    ]


def outbox_table(metadata: MetaData) -> Table:
    """The outbox table, added to the service's own MetaData."""
    # With AUTOINCREMENT SQLite never reuses the id of a deleted row, so a relay that deletes the ids it
    # published can never delete a newer row that took one of them.
    return Table(OUTBOX, metadata, *outbox_columns(), sqlite_autoincrement=True)


def inbox_table(metadata: MetaData) -> Table:
    """The inbox table, added to the service's own MetaData."""
    return Table(INBOX, metadata, *inbox_columns(), Index(f"{INBOX}_updated_at", "updated_at"))
