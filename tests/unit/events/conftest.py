"""A service's database (real SQLite, WAL) with the outbox, the inbox and a table of side effects; the embedded log."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData

from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import EmbeddedLogBus, EventMetrics, Outbox
from tests.unit.events.helpers import Service, service_tables


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    metadata = MetaData()
    outbox, inbox, effects = service_tables(metadata)
    engine = create_engine(Settings(home=tmp_path), "svc")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    bus = EmbeddedLogBus(tmp_path / "events.db")
    yield Service(engine, outbox, inbox, effects, Outbox(outbox), bus, EventMetrics())
    await bus.close()
    await engine.dispose()
