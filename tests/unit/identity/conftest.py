"""Identity use cases on a real SQLite store in a temporary folder, with a clock the test controls."""

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from somastack.config import Settings
from somastack.identity.adapters.sql_store import SqlIdentityStore
from somastack.identity.directory import Directory
from somastack.identity.model import Role
from somastack.identity.roles import Capabilities
from somastack.identity.tokens import TokenService
from somastack.identity.training import TrainingLocks
from somastack.platform.db import create_engine
from somastack.platform.migrations import upgrade_async
from somastack.platform.principal import Principal
from somastack.platform.sealing import Sealer
from somastack.runtime.contract import capability_catalogue


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@dataclass
class World:
    clock: Clock
    directory: Directory
    tokens: TokenService
    training: TrainingLocks
    platform: Principal
    store: SqlIdentityStore

    def principal(self, tenant: str, user: str, caps: frozenset[str] | None = None) -> Principal:
        caps = caps if caps is not None else self.directory._caps.of_role(Role.OWNER)
        return Principal(f"tenants/{tenant}/users/{user}", tenant, caps, self.clock.now + 3600)


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, "identity")
    engine = create_engine(settings, "identity")
    clock = Clock()
    store = SqlIdentityStore(engine, sealer=Sealer.ephemeral())
    catalogue = capability_catalogue()
    directory = Directory(store, Capabilities(catalogue), clock=clock)
    tokens = TokenService(
        store,
        directory,
        issuer="soma-identity",
        audience="soma",
        default_ttl=3600,
        max_ttl=86400,
        verify_window=86400,
        clock=clock,
    )
    await tokens.ensure_key()
    platform = Principal("platform/admin", "*", frozenset(catalogue), clock.now + 3600)
    yield World(clock, directory, tokens, TrainingLocks(store, directory, clock=clock), platform, store)
    await engine.dispose()
