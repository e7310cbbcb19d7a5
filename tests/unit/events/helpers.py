"""Shared by the event tests: a service's tables (outbox, inbox, handler side effects) and waiting for a condition."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import Column, Integer, MetaData, String, Table, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from somastack.platform.events import EventBus, EventMetrics, Outbox, inbox_table, outbox_table


@dataclass
class Service:
    engine: AsyncEngine
    outbox_table: Table
    inbox: Table
    effects: Table
    outbox: Outbox
    bus: EventBus
    metrics: EventMetrics

    async def count(self, table: Table) -> int:
        async with self.engine.connect() as connection:
            return int(await connection.scalar(select(func.count()).select_from(table)) or 0)

    def sample(self, name: str, **labels: str) -> float:
        return self.metrics.registry.get_sample_value(name, labels) or 0.0


def service_tables(metadata: MetaData) -> tuple[Table, Table, Table]:
    effects = Table(
        "effects",
        metadata,
        Column("event_id", String(128), primary_key=True),
        Column("handled", Integer, nullable=False, server_default="1"),
    )
    return outbox_table(metadata), inbox_table(metadata), effects


async def eventually(check: Callable[[], Awaitable[bool]], within: float = 10.0) -> None:
    """Waits until `check()` holds; fails after `within` seconds."""
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s")
        await asyncio.sleep(0.02)
