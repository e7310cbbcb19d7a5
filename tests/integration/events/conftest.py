"""Event fixtures: a Tansu broker per session, and buses of each engine opened on demand (and closed after)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from somastack.config import Settings
from somastack.platform.db import create_engine, schema_name
from somastack.platform.events import EmbeddedLogBus, EventBus, KafkaBus
from somastack.testing import TEST_CONSUMER_CONFIG, TansuBroker, free_ports
from tests.conftest import require_env

BusFactory = Callable[[], EventBus]


@pytest.fixture(scope="session")
def tansu(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TansuBroker]:
    """One Tansu broker for the session; tests keep apart by using topics and groups of their own."""
    broker = TansuBroker(free_ports(1)[0], tmp_path_factory.mktemp("tansu") / "tansu.log")
    broker.start()
    yield broker
    broker.kill()


def kafka_bus(broker: TansuBroker, client_id: str = "test", *, publish_timeout: float = 10.0) -> KafkaBus:
    """A KafkaBus on the test broker, tuned for quick group joins."""
    return KafkaBus(
        broker.bootstrap, client_id=client_id, publish_timeout=publish_timeout, consumer_config=TEST_CONSUMER_CONFIG
    )


@pytest.fixture(params=["embedded", "kafka"])
async def open_test_bus(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[BusFactory]:
    """Opens buses of one engine on the same storage (one SQLite file, or the broker); closes them all after."""
    opened: list[EventBus] = []

    def factory() -> EventBus:
        if request.param == "embedded":
            bus: EventBus = EmbeddedLogBus(tmp_path / "events.db")
        else:
            bus = kafka_bus(request.getfixturevalue("tansu"))
        opened.append(bus)
        return bus

    yield factory
    for bus in opened:
        await bus.close()


@pytest.fixture
async def pg_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An engine on PostgreSQL (SOMA_TEST_POSTGRES_URL) in a schema of its own, dropped afterwards."""
    url = require_env("SOMA_TEST_POSTGRES_URL")
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=f"t{uuid.uuid4().hex[:8]}_")
    schema = schema_name(settings, "events")
    engine = create_engine(settings, "events")
    async with engine.begin() as connection:
        await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield engine
    async with engine.begin() as connection:
        await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    await engine.dispose()
