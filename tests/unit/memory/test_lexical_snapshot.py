"""The BM25 snapshot kept beside each tenant's vector index: used when current, repaired when stale, on both engines."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import update

from somastack.config import Settings
from somastack.memory.adapters.builtin_store import BuiltinStore
from somastack.memory.adapters.sql_store import SqlMemoryRecord, memories
from somastack.memory.config import MemorySettings
from somastack.memory.embedder import HashingEmbedder
from somastack.memory.index import TenantIndexes
from somastack.memory.lexical_snapshot import snapshot_file_name
from somastack.memory.model import MemoryFilter, MemoryKind
from somastack.memory.ranking import LexicalIndex
from somastack.memory.replay import Replayer
from somastack.memory.service import Memories
from somastack.platform.db import create_engine
from somastack.platform.migrations import upgrade_async
from tests.conftest import require_env

TEXTS = [
    "the annual billing cycle closes in March",
    "the billing cycle moved to April after the audit",
    "quarterly security review found two stale admin accounts",
    "sourdough starter needs feeding before the oven is hot",
]
QUERY = "billing cycle audit accounts"


@pytest.fixture(params=["sqlite", "postgres"])
async def settings(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Settings]:
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=f"t{uuid.uuid4().hex[:8]}_")
    await upgrade_async(settings, "memory")
    yield settings
    if url:
        import asyncpg

        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        await connection.execute(f'DROP SCHEMA IF EXISTS "{settings.db_schema_prefix}memory" CASCADE')
        await connection.close()


class Service:
    """The built-in store and its use cases on the settings' database, opened as the service opens them."""

    def __init__(self, settings: Settings) -> None:
        self.engine = create_engine(settings, "memory")
        self.indexes = TenantIndexes(settings.data_dir / "memory-index", 384)
        self.store = BuiltinStore(self.engine, HashingEmbedder(384), self.indexes, MemorySettings())
        self.record = SqlMemoryRecord(self.engine)
        self.replayer = Replayer(self.record, self.store, poll=0.05)
        self.memories = Memories(self.record, self.store, self.replayer)

    async def __aenter__(self) -> Service:
        await self.store.open()
        await self.replayer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.replayer.stop()
        await self.store.close()  # saves the indexes
        await self.engine.dispose()

    async def remember(self, text: str) -> int:
        memory = await self.memories.remember(
            "tenants/acme", kind=MemoryKind.SEMANTIC, text=text, metadata={}, importance=0.5
        )
        await self.replayer.drain()
        return memory.key

    async def forget(self, key: int) -> None:
        await self.memories.forget("tenants/acme", [f"tenants/acme/memories/{key:016x}"], MemoryFilter())
        await self.replayer.drain()

    async def lexical_scores(self) -> dict[int, float]:
        return {c.key: c.lexical_score for c in await self.store.search("acme", QUERY, 10) if c.lexical_score > 0}


async def set_text(settings: Settings, key: int, text: str) -> None:
    engine = create_engine(settings, "memory")
    async with engine.begin() as connection:
        await connection.execute(update(memories).where(memories.c.id == f"{key:016x}").values(text=text))
    await engine.dispose()


def expected_scores(texts: dict[int, str]) -> dict[int, float]:
    """Each memory's BM25 share (relative to the best) from an index built afresh from the texts."""
    fresh = LexicalIndex()
    for key, text in texts.items():
        fresh.add(key, text)
    hits = fresh.search(QUERY, 10)
    return {key: score / hits[0][1] for key, score in hits}


async def test_a_current_snapshot_is_used_and_a_stale_one_repaired(settings: Settings) -> None:
    snapshot = settings.data_dir / "memory-index" / snapshot_file_name("acme")
    async with Service(settings) as service:
        keys = [await service.remember(text) for text in TEXTS[:3]]
    old = snapshot.read_bytes()

    # Current: the restarted service takes the BM25 index from the snapshot, not from the rows. A text changed
    # behind the service's back (texts never change under a key) shows which one it read.
    await set_text(settings, keys[2], "nothing to find here")
    async with Service(settings) as service:
        assert await service.lexical_scores() == pytest.approx(expected_scores(dict(zip(keys, TEXTS, strict=False))))
        fourth = await service.remember(TEXTS[3])
        await service.forget(keys[0])
    await set_text(settings, keys[2], TEXTS[2])
    current = {keys[1]: TEXTS[1], keys[2]: TEXTS[2], fourth: TEXTS[3]}

    # Stale: the snapshot of before the last writes, as if the process had died before saving: it misses a
    # memory and holds a forgotten one. The start repairs it from the rows, to the scores of a fresh index.
    snapshot.write_bytes(old)
    async with Service(settings) as service:
        assert sorted(service.store._lexical["acme"].keys().tolist()) == sorted(current)
        assert await service.lexical_scores() == pytest.approx(expected_scores(current))
    # The repaired snapshot was saved: the next start reads it as current.
    async with Service(settings) as service:
        assert await service.lexical_scores() == pytest.approx(expected_scores(current))

    # Unreadable, or missing: rebuilt from the rows.
    for damage in (lambda: snapshot.write_bytes(b"not a snapshot"), snapshot.unlink):
        damage()
        async with Service(settings) as service:
            assert await service.lexical_scores() == pytest.approx(expected_scores(current))
        assert snapshot.exists()
