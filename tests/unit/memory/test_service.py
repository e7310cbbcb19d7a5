"""Memory use cases on a real SQLite record and the built-in store (engine indexes), with a clock the test controls."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from soma.events.v1.envelope_pb2 import Event
from soma.memory.v1.memory_pb2 import MemoryWritten
from somastack.config import Settings
from somastack.memory.adapters.builtin_store import BuiltinStore
from somastack.memory.adapters.sql_store import SqlMemoryRecord, memories
from somastack.memory.bootstrap import MemoryGateway
from somastack.memory.config import MemorySettings
from somastack.memory.embedder import HashingEmbedder
from somastack.memory.index import TenantIndexes
from somastack.memory.model import Direction, LinkType, Memory, MemoryFilter, MemoryKind, key_of
from somastack.memory.replay import Replayer
from somastack.memory.rules import estimate_tokens
from somastack.memory.service import CHUNK_TOKENS, Memories, RecallLimits
from somastack.platform.db import create_engine
from somastack.platform.errors import FailedPrecondition, InvalidArgument, NotFound
from somastack.platform.events import open_bus, payload_of
from somastack.platform.migrations import upgrade_async

EPISODIC = MemoryKind.EPISODIC
SEMANTIC = MemoryKind.SEMANTIC


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@dataclass
class World:
    settings: Settings
    clock: Clock
    record: SqlMemoryRecord
    store: BuiltinStore
    replayer: Replayer
    memories: Memories

    async def remember(
        self,
        text: str,
        *,
        tenant: str = "acme",
        kind: MemoryKind = SEMANTIC,
        metadata: dict[str, str] | None = None,
        request_id: str = "",
    ) -> str:
        memory = await self.memories.remember(
            f"tenants/{tenant}", kind=kind, text=text, metadata=metadata or {}, importance=0.5, request_id=request_id
        )
        return memory.name


async def open_world(tmp_path: Path, limits: RecallLimits | None = None) -> World:
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, "memory")
    engine = create_engine(settings, "memory")
    clock = Clock()
    record = SqlMemoryRecord(engine, clock=clock)
    memory_settings = MemorySettings()
    indexes = TenantIndexes(settings.data_dir / "memory-index", memory_settings.dimensions)
    store = BuiltinStore(engine, HashingEmbedder(memory_settings.dimensions), indexes, memory_settings)
    await store.open()
    replayer = Replayer(record, store, poll=0.05, clock=clock)
    await replayer.start()
    memories = Memories(record, store, replayer, limits=limits or RecallLimits(), clock=clock)
    return World(settings, clock, record, store, replayer, memories)


async def close_world(world: World) -> None:
    await world.replayer.stop()
    await world.store.close()
    await world.record.engine.dispose()


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    opened = await open_world(tmp_path)
    yield opened
    await close_world(opened)


async def test_remember_is_applied_before_it_is_acknowledged_and_can_be_read(world: World) -> None:
    memory = await world.memories.remember(
        "tenants/acme", kind=EPISODIC, text="Deployed Atlas to production", metadata={"team": "ops"}, importance=0.8
    )
    assert memory.name.startswith("tenants/acme/memories/")
    assert memory.applied
    got = await world.memories.get(memory.name)
    assert (got.text, got.kind, dict(got.metadata), got.applied) == (
        "Deployed Atlas to production",
        EPISODIC,
        {"team": "ops"},
        True,
    )
    assert got.importance == pytest.approx(0.8)
    hits = await world.memories.recall("tenants/acme", "Atlas production deploy", top_k=5, where=MemoryFilter())
    assert [h.memory.name for h in hits] == [memory.name]
    assert 0 < hits[0].score <= 1 and hits[0].vector_score > 0 and hits[0].lexical_score == pytest.approx(1.0)


async def test_a_retry_with_the_same_request_id_returns_the_same_memory(world: World) -> None:
    first = await world.remember("the invoice is overdue", request_id="req-1")
    again = await world.remember("the invoice is overdue", request_id="req-1")
    assert again == first
    other_tenant = await world.remember("the invoice is overdue", tenant="globex", request_id="req-1")
    assert other_tenant != first
    with pytest.raises(FailedPrecondition) as reused:
        await world.remember("something else entirely", request_id="req-1")
    assert reused.value.reason == "REQUEST_ID_REUSED"
    assert reused.value.metadata["resource"] == first


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "   "}, "memory.text"),
        ({"text": "x" * 40_000}, "memory.text"),
        ({"kind": None}, "memory.kind"),
        ({"importance": 1.5}, "memory.importance"),
        ({"importance": float("nan")}, "memory.importance"),
        ({"metadata": {"bad key": "v"}}, "memory.metadata['bad key']"),
        ({"metadata": {"k": "v" * 300}}, "memory.metadata['k']"),
        ({"request_id": "r" * 200}, "request_id"),
    ],
)
async def test_remember_rejects_bad_input_naming_the_field(world: World, kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"kind": SEMANTIC, "text": "fine", "metadata": {}, "importance": 0.1}
    args.update(kwargs)
    with pytest.raises(InvalidArgument) as caught:
        await world.memories.remember("tenants/acme", **args)  # type: ignore[arg-type]
    assert caught.value.violations[0].field == field


async def test_get_of_a_missing_or_malformed_memory(world: World) -> None:
    with pytest.raises(NotFound) as missing:
        await world.memories.get("tenants/acme/memories/0123456789abcdef")
    assert missing.value.reason == "MEMORY_NOT_FOUND"
    with pytest.raises(NotFound):
        await world.memories.get("tenants/acme/memories/not-one-of-ours")
    with pytest.raises(InvalidArgument):
        await world.memories.get("tenants/acme/things/x")


async def test_recall_ranks_hybrid_and_never_crosses_tenants(world: World) -> None:
    names = {
        text: await world.remember(text)
        for text in (
            "Postgres vacuum runs nightly on the orders database",
            "The orders database primary failed over to the replica",
            "Bake sourdough at a high oven temperature",
        )
    }
    await world.remember("Postgres vacuum runs nightly on the orders database", tenant="globex")
    hits = await world.memories.recall("tenants/acme", "orders database vacuum", top_k=10, where=MemoryFilter())
    assert hits[0].memory.name == names["Postgres vacuum runs nightly on the orders database"]
    assert all(h.memory.tenant == "acme" for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert names["Bake sourdough at a high oven temperature"] not in [h.memory.name for h in hits[:2]]
    assert await world.memories.recall("tenants/initech", "orders database", top_k=5, where=MemoryFilter()) == []
    with pytest.raises(InvalidArgument) as too_many:
        await world.memories.recall("tenants/acme", "x", top_k=101, where=MemoryFilter())
    assert too_many.value.violations[0].field == "top_k"


async def test_recall_filters_on_kind_metadata_and_time(world: World) -> None:
    world.clock.now = 1_000_000.0
    old = await world.remember("release notes for Atlas", kind=EPISODIC, metadata={"team": "ops"})
    world.clock.now = 2_000_000.0
    ops = await world.remember("release checklist for Atlas", kind=SEMANTIC, metadata={"team": "ops", "env": "prod"})
    dev = await world.remember("release branch for Atlas", kind=SEMANTIC, metadata={"team": "dev"})

    async def recall(where: MemoryFilter) -> list[str]:
        hits = await world.memories.recall("tenants/acme", "Atlas release", top_k=10, where=where)
        return [h.memory.name for h in hits]

    assert set(await recall(MemoryFilter(kinds=frozenset({SEMANTIC})))) == {ops, dev}
    assert await recall(MemoryFilter(metadata={"team": "ops", "env": "prod"})) == [ops]
    assert set(await recall(MemoryFilter(metadata={"team": "ops"}))) == {old, ops}
    assert await recall(MemoryFilter(before=1_500_000.0)) == [old]
    assert set(await recall(MemoryFilter(after=1_500_000.0))) == {ops, dev}
    assert await recall(MemoryFilter(metadata={"team": "nobody"})) == []


async def test_selective_filters_fall_back_to_exact_search(tmp_path: Path) -> None:
    # Exact ranking only below 5 candidates, and the ANN over-fetch stops at 8: a filter matching 6 memories
    # among 60 similar ones cannot be served by over-fetching, so the gateway ranks the filtered set exactly.
    world = await open_world(tmp_path, RecallLimits(exact_threshold=5, overfetch=2, max_candidates=8))
    try:
        for i in range(60):
            await world.remember(f"weekly status report number {i} about the payments API", metadata={"n": str(i)})
        rare = [
            await world.remember(f"status report {i} of the payments API", metadata={"rare": "yes"}) for i in range(6)
        ]
        hits = await world.memories.recall(
            "tenants/acme", "weekly status report payments", top_k=6, where=MemoryFilter(metadata={"rare": "yes"})
        )
        assert sorted(h.memory.name for h in hits) == sorted(rare)
        few = await world.memories.recall(
            "tenants/acme", "weekly status report", top_k=3, where=MemoryFilter(metadata={"n": "7"})
        )
        assert [h.memory.metadata["n"] for h in few] == ["7"]
    finally:
        await close_world(world)


async def test_retrieve_context_packs_cited_chunks_within_the_budget(world: World) -> None:
    long_text = " ".join(f"word{i}" for i in range(500)) + " kubernetes upgrade"
    long_name = await world.remember(long_text)
    short_name = await world.remember("The kubernetes upgrade is planned for Friday")
    context = await world.memories.retrieve_context(
        "tenants/acme", "kubernetes upgrade", token_budget=300, top_k=5, where=MemoryFilter()
    )
    assert context.total_tokens <= 300
    assert context.total_tokens == sum(c.tokens for c in context.chunks)
    texts = {long_name: long_text, short_name: "The kubernetes upgrade is planned for Friday"}
    for chunk in context.chunks:
        assert texts[chunk.memory][chunk.start : chunk.end] == chunk.text
        assert chunk.tokens == estimate_tokens(chunk.text) <= CHUNK_TOKENS
    assert context.text.startswith("[1] ")
    again = await world.memories.retrieve_context(
        "tenants/acme", "kubernetes upgrade", token_budget=300, top_k=5, where=MemoryFilter()
    )
    assert again == context
    tiny = await world.memories.retrieve_context(
        "tenants/acme", "kubernetes upgrade", token_budget=5, top_k=5, where=MemoryFilter()
    )
    assert tiny.total_tokens <= 5


def test_tokens_are_words_times_four_thirds_rounded_up() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("one") == 2
    assert estimate_tokens("one two three") == 4
    assert estimate_tokens("  spaced\tout\nwords ") == 4


async def test_links_join_memories_of_one_tenant_and_neighbors_traverse_them(world: World) -> None:
    a, b, c, d = [await world.remember(f"memory {x}") for x in "abcd"]
    foreign = await world.remember("memory of another tenant", tenant="globex")
    link = await world.memories.link(a, b, type=LinkType.RELATES_TO, weight=0)
    assert (link.source_name, link.target_name, link.weight) == (a, b, 1.0)
    await world.memories.link(b, c, type=LinkType.DERIVED_FROM, weight=0.5)
    await world.memories.link(d, a, type=LinkType.CONTRADICTS, weight=0.9)
    updated = await world.memories.link(a, b, type=LinkType.RELATES_TO, weight=0.3)
    assert updated.weight == pytest.approx(0.3)

    for target, field in ((foreign, "target"), (a, "target")):
        with pytest.raises(InvalidArgument) as bad:
            await world.memories.link(a, target, type=LinkType.RELATES_TO, weight=1)
        assert bad.value.violations[0].field == field
    with pytest.raises(NotFound) as missing:
        await world.memories.link(a, "tenants/acme/memories/0000000000000001", type=LinkType.SUPPORTS, weight=1)
    assert missing.value.reason == "MEMORY_NOT_FOUND"
    with pytest.raises(InvalidArgument):
        await world.memories.link(a, b, type=None, weight=1)

    async def around(name: str, **kwargs: object) -> list[tuple[str, int]]:
        args: dict[str, object] = {"depth": 1, "types": [], "direction": Direction.BOTH, "max_neighbors": 0}
        args.update(kwargs)
        found, _ = await world.memories.neighbors(name, **args)  # type: ignore[arg-type]
        return [(n.memory.name, n.depth) for n in found]

    assert sorted(await around(a)) == sorted([(b, 1), (d, 1)])
    assert await around(a, direction=Direction.OUTGOING) == [(b, 1)]
    assert await around(a, direction=Direction.INCOMING) == [(d, 1)]
    assert sorted(await around(a, depth=2)) == sorted([(b, 1), (d, 1), (c, 2)])
    assert await around(a, depth=3, types=[LinkType.CONTRADICTS]) == [(d, 1)]
    found, truncated = await world.memories.neighbors(a, depth=2, types=[], direction=Direction.BOTH, max_neighbors=1)
    assert len(found) == 1 and truncated
    with pytest.raises(InvalidArgument):
        await around(a, depth=4)


async def test_forget_by_name_and_by_filter_removes_from_recall_and_graph(world: World) -> None:
    keep = await world.remember("ticket about the flaky CI pipeline", metadata={"src": "jira"})
    drop = await world.remember("another note on the flaky CI pipeline", metadata={"src": "slack"})
    other = await world.remember("flaky CI pipeline in globex", tenant="globex", metadata={"src": "slack"})
    await world.memories.link(keep, drop, type=LinkType.RELATES_TO, weight=1)

    with pytest.raises(InvalidArgument):
        await world.memories.forget("tenants/acme", [], MemoryFilter())
    with pytest.raises(InvalidArgument):
        await world.memories.forget("tenants/acme", [other], MemoryFilter())
    assert await world.memories.forget("tenants/acme", [], MemoryFilter(metadata={"src": "slack"})) == 1
    await world.replayer.drain()
    hits = await world.memories.recall("tenants/acme", "flaky CI pipeline", top_k=10, where=MemoryFilter())
    assert [h.memory.name for h in hits] == [keep]
    found, _ = await world.memories.neighbors(keep, depth=1, types=[], direction=Direction.BOTH, max_neighbors=0)
    assert found == []
    assert len(await world.memories.recall("tenants/globex", "flaky CI", top_k=5, where=MemoryFilter())) == 1

    assert await world.memories.forget("tenants/acme", [keep, drop], MemoryFilter()) == 1
    assert await world.memories.forget("tenants/acme", [keep], MemoryFilter()) == 0
    await world.replayer.drain()
    assert await world.memories.recall("tenants/acme", "flaky CI pipeline", top_k=10, where=MemoryFilter()) == []


async def test_indexes_survive_a_restart_and_are_rebuilt_when_stale(tmp_path: Path) -> None:
    index_file = tmp_path / "dev" / "memory-index" / "acme.usearch"
    world = await open_world(tmp_path)
    first = await world.remember("the annual billing cycle closes in March")
    await close_world(world)  # saves the indexes
    stale = index_file.read_bytes()

    world = await open_world(tmp_path)
    hits = await world.memories.recall("tenants/acme", "billing cycle", top_k=3, where=MemoryFilter())
    assert [h.memory.name for h in hits] == [first]
    second = await world.remember("the billing cycle moved to April")
    await close_world(world)

    # The file of before the second memory, as if the process had died before saving it.
    index_file.write_bytes(stale)
    for _ in range(2):
        world = await open_world(tmp_path)
        try:
            hits = await world.memories.recall("tenants/acme", "billing cycle", top_k=3, where=MemoryFilter())
            assert sorted(h.memory.name for h in hits) == sorted([first, second])
        finally:
            await close_world(world)
        # And with no file at all.
        index_file.unlink()


async def test_write_sequence_numbers_are_never_reused(world: World) -> None:
    # Applied writes leave the log; the next write must still get a new number (SQLite reuses rowids otherwise).
    first = await world.memories.remember("tenants/acme", kind=SEMANTIC, text="one", metadata={}, importance=0)
    await world.replayer.drain()
    second = await world.memories.remember("tenants/acme", kind=SEMANTIC, text="two", metadata={}, importance=0)
    assert second.write_seq > first.write_seq
    assert (await world.memories.get(first.name)).applied


async def test_every_write_is_published_on_memory_writes_through_the_outbox(tmp_path: Path) -> None:
    gateway = await MemoryGateway.open(Settings(home=tmp_path))
    bus = open_bus(Settings(home=tmp_path), client_id="test")
    try:
        memories = gateway.memories
        a = await memories.remember("tenants/acme", kind=SEMANTIC, text="first", metadata={}, importance=0)
        b = await memories.remember("tenants/acme", kind=EPISODIC, text="second", metadata={}, importance=0)
        await memories.link(b.name, a.name, type=LinkType.FOLLOWS, weight=0)
        await memories.forget("tenants/acme", [a.name], MemoryFilter())
        subscription = await bus.subscribe("memory-test", ["memory.writes"])
        records: list[MemoryWritten] = []
        for _ in range(100):
            for delivery in await subscription.next(max_wait=0.1):
                event = Event.FromString(delivery.record.value)
                assert event.tenant == "acme" and event.type == "soma.memory.v1.MemoryWritten"
                payload = payload_of(event, MemoryWritten)
                assert payload is not None
                records.append(payload)
            if len(records) >= 4:
                break
        await subscription.close()
        assert [r.WhichOneof("change") for r in records] == ["remembered", "remembered", "linked", "forgotten"]
        assert [r.sequence for r in records] == sorted(r.sequence for r in records)
        assert records[0].remembered.name == a.name and records[1].remembered.text == "second"
        assert (records[2].linked.source, records[2].linked.target) == (b.name, a.name)
        assert list(records[3].forgotten.names) == [a.name]
    finally:
        await bus.close()
        await gateway.close()


async def test_rows_embedded_by_another_embedder_are_re_embedded_at_start(tmp_path: Path) -> None:
    world = await open_world(tmp_path)
    name = await world.remember("the quarterly security review found two stale admin accounts")
    await close_world(world)

    class Renamed(HashingEmbedder):
        """Another embedding space, as after switching models: the stored vectors must not be mixed in."""

    settings = Settings(home=tmp_path)
    engine = create_engine(settings, "memory")
    embedder = Renamed(MemorySettings().dimensions)
    embedder.name = "renamed-v1"
    store = BuiltinStore(engine, embedder, TenantIndexes(settings.data_dir / "memory-index", 384), MemorySettings())
    try:
        await store.open()
        async with engine.connect() as connection:
            models = {r.embedder for r in await connection.execute(select(memories.c.embedder))}
        assert models == {"renamed-v1"}
        hits = await store.search("acme", "security review stale admin accounts", 3)
        assert [h.key for h in hits] == [key_of(name.rsplit("/", 1)[1])]
    finally:
        await store.close()
        await engine.dispose()


class CountingRecord(SqlMemoryRecord):
    """The SQL record, counting the memories Recall reads from it."""

    read: list[int]

    async def by_keys(self, tenant: str, keys: Sequence[int]) -> dict[int, Memory]:
        self.read.extend(keys)
        return await super().by_keys(tenant, keys)


async def test_recall_reads_applied_hits_once_and_forget_is_seen_before_the_index_applies_it(tmp_path: Path) -> None:
    world = await open_world(tmp_path)
    record = CountingRecord(world.record.engine, clock=world.clock)
    record.read = []
    memories = Memories(record, world.store, world.replayer, limits=RecallLimits(cached_records=100), clock=world.clock)
    try:
        kept = await world.remember("the quarterly roadmap review is on Tuesday")
        dropped = await world.remember("the roadmap review moved to the big room")
        await world.replayer.drain()
        recall = lambda: memories.recall("tenants/acme", "roadmap review", top_k=5, where=MemoryFilter())  # noqa: E731
        assert sorted(h.memory.name for h in await recall()) == sorted([kept, dropped])
        assert len(record.read) == 2
        assert all(h.memory.applied for h in await recall())
        assert len(record.read) == 2  # the second Recall read no record

        await world.replayer.stop()  # the index keeps `dropped` until the replay applies the Forget
        assert await memories.forget("tenants/acme", [dropped], MemoryFilter()) == 1
        assert [h.memory.name for h in await recall()] == [kept]
    finally:
        await close_world(world)
