"""The memory use cases: remember, get, recall, retrieve context, link, traverse, forget."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from somastack.memory.model import (
    MAX_REQUEST_ID_CHARS,
    Candidate,
    Chunk,
    Context,
    Direction,
    Hit,
    Link,
    LinkType,
    Memory,
    MemoryFilter,
    MemoryKind,
    Neighbor,
    key_of,
    memory_name,
    new_memory_id,
)
from somastack.memory.ports import MemoryRecord, MemoryStore, StoreUnavailable
from somastack.memory.record_cache import RecordCache
from somastack.memory.replay import Replayer
from somastack.memory.rules import (
    bounded,
    check_metadata,
    check_text,
    check_unit_interval,
    estimate_tokens,
    word_spans,
)
from somastack.platform import names
from somastack.platform.errors import FailedPrecondition, NotFound, Unavailable, invalid

MEMORY = "tenants/{tenant}/memories/{memory}"
TENANT = "tenants/{tenant}"

MAX_FORGET_NAMES = 1000
#: A chunk of retrieved context holds at most this many tokens; longer memories are cut into several.
CHUNK_TOKENS = 256
#: A chunk shortened to fit the end of the budget is kept only if it has at least this many tokens.
MIN_TAIL_TOKENS = 16


@dataclass(frozen=True)
class RecallLimits:
    """How recall sizes its searches (from MemorySettings and StoreSettings)."""

    default_top_k: int = 10
    max_top_k: int = 100
    #: Filtered candidate sets at most this large are ranked exactly.
    exact_threshold: int = 2048
    overfetch: int = 4
    max_candidates: int = 4096
    context_default_top_k: int = 20
    context_default_budget: int = 1024
    context_max_budget: int = 32_768
    #: How long Remember waits for the store to apply its write while the store is healthy.
    apply_wait: float = 2.0
    #: Applied memories kept in process for Recall's hits (0: read each hit from the record).
    cached_records: int = 0


class Memories:
    """Use cases over a tenant's long-term memories. Takes its record, store and replay loop by constructor."""

    def __init__(
        self,
        record: MemoryRecord,
        store: MemoryStore,
        replayer: Replayer,
        *,
        limits: RecallLimits | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._record = record
        self._store = store
        self._replayer = replayer
        self._limits = limits or RecallLimits()
        self._clock = clock
        self._cache = RecordCache(self._limits.cached_records)

    # -- writes -------------------------------------------------------------------------------------------------

    async def remember(
        self,
        parent: str,
        *,
        kind: MemoryKind | None,
        text: str,
        metadata: Mapping[str, str],
        importance: float,
        request_id: str = "",
    ) -> Memory:
        tenant = names.parse(parent, TENANT, field="parent")["tenant"]
        if kind is None:
            raise invalid("memory.kind", "must be MEMORY_KIND_EPISODIC or MEMORY_KIND_SEMANTIC")
        check_text(text, field="memory.text")
        labels = check_metadata(metadata, field="memory.metadata")
        check_unit_interval(importance, field="memory.importance")
        if len(request_id) > MAX_REQUEST_ID_CHARS or (request_id and not request_id.isprintable()):
            raise invalid("request_id", f"must be at most {MAX_REQUEST_ID_CHARS} printable characters")
        memory = Memory(tenant, new_memory_id(), kind, text, labels, importance, self._clock(), request_id)
        stored, created = await self._record.remember(memory)
        if not created:
            same = (stored.kind, stored.text, dict(stored.metadata), stored.importance) == (
                kind,
                text,
                labels,
                importance,
            )
            if not same:
                raise FailedPrecondition(
                    "REQUEST_ID_REUSED",
                    f"request_id {request_id!r} already remembered {stored.name} with other content; "
                    "use a new request_id for a new memory",
                    metadata={"resource": stored.name},
                )
            return stored
        self._replayer.notify()
        if self._replayer.healthy and await self._replayer.wait_applied(stored.write_seq, self._limits.apply_wait):
            return replace(stored, applied=True)
        return stored

    async def get(self, name: str) -> Memory:
        ids = names.parse(name, MEMORY, field="name")
        return await self._memory(ids["tenant"], ids["memory"], name)

    async def _memory(self, tenant: str, memory_id: str, name: str) -> Memory:
        memory = await self._record.get(tenant, memory_id) if key_of(memory_id) >= 0 else None
        if memory is None:
            raise NotFound("MEMORY_NOT_FOUND", "memory", name)
        return memory

    async def link(self, name: str, target: str, *, type: LinkType | None, weight: float) -> Link:
        source = names.parse(name, MEMORY, field="name")
        other = names.parse(target, MEMORY, field="target")
        tenant = source["tenant"]
        if other["tenant"] != tenant:
            raise invalid("target", f"must be a memory of tenants/{tenant}: links join memories of one tenant")
        if other["memory"] == source["memory"]:
            raise invalid("target", "a memory cannot link to itself")
        if type is None:
            raise invalid("type", "must be a LinkType other than LINK_TYPE_UNSPECIFIED")
        weight = 1.0 if weight == 0 else check_unit_interval(weight, field="weight")
        for memory_id, field_name in ((source["memory"], "name"), (other["memory"], "target")):
            if key_of(memory_id) < 0:
                raise NotFound("MEMORY_NOT_FOUND", "memory", name if field_name == "name" else target)
        result = await self._record.link(Link(tenant, source["memory"], other["memory"], type, weight, self._clock()))
        if isinstance(result, str):
            raise NotFound("MEMORY_NOT_FOUND", "memory", memory_name(tenant, result))
        self._replayer.notify()
        return result

    async def forget(self, parent: str, memory_names: Sequence[str], where: MemoryFilter) -> int:
        tenant = names.parse(parent, TENANT, field="parent")["tenant"]
        if len(memory_names) > MAX_FORGET_NAMES:
            raise invalid("names", f"at most {MAX_FORGET_NAMES} names per call, got {len(memory_names)}")
        ids: list[str] = []
        for i, name in enumerate(memory_names):
            parsed = names.parse(name, MEMORY, field=f"names[{i}]")
            if parsed["tenant"] != tenant:
                raise invalid(f"names[{i}]", f"must be a memory of {parent}")
            if key_of(parsed["memory"]) >= 0:
                ids.append(parsed["memory"])
        if not memory_names and where.empty:
            raise invalid("filter", "give names or at least one filter criterion (kinds, metadata, time range)")
        if memory_names and not ids:
            return 0
        forgotten = await self._record.forget(tenant, ids if memory_names else None, where)
        self._cache.forget(tenant, (key_of(i) for i in forgotten))
        if forgotten:
            self._replayer.notify()
        return len(forgotten)

    # -- reads --------------------------------------------------------------------------------------------------

    async def recall(self, parent: str, query: str, *, top_k: int, where: MemoryFilter) -> list[Hit]:
        tenant = names.parse(parent, TENANT, field="parent")["tenant"]
        check_text(query, field="query")
        k = bounded(top_k, field="top_k", default=self._limits.default_top_k, maximum=self._limits.max_top_k)
        try:
            return await self._recall(tenant, query, k, where)
        except StoreUnavailable as error:
            raise Unavailable(
                "SERVICE_UNAVAILABLE",
                f"the memory store is unavailable: {error}",
                metadata={"dependency": self._store.kind},
                retry_after=1.0,
            ) from error

    async def _recall(self, tenant: str, query: str, k: int, where: MemoryFilter) -> list[Hit]:
        if where.empty:
            # A few spare candidates cover memories forgotten here but not yet in the store.
            candidates = await self._store.search(tenant, query, k + 8)
            return (await self._hits(tenant, candidates, where))[:k]
        total = await self._record.count(tenant, where)
        if total == 0:
            return []
        if self._store.exact and total <= self._limits.exact_threshold:
            return await self._exact(tenant, query, k, where, total)
        fetch = min(k * self._limits.overfetch, self._limits.max_candidates)
        while True:
            candidates = await self._store.search(tenant, query, fetch)
            hits = await self._hits(tenant, candidates, where)
            exhausted = len(candidates) < fetch
            if len(hits) >= k or exhausted or fetch >= self._limits.max_candidates:
                break
            fetch = min(fetch * self._limits.overfetch, self._limits.max_candidates)
        if len(hits) < k and not exhausted and self._store.exact:
            # The filter is selective relative to what the ANN returns first: rank the filtered set exactly.
            return await self._exact(tenant, query, k, where, total)
        return hits[:k]

    async def _exact(self, tenant: str, query: str, k: int, where: MemoryFilter, total: int) -> list[Hit]:
        keys = await self._record.keys(tenant, where, limit=total)
        candidates = await self._store.search_among(tenant, query, keys, k)
        return (await self._hits(tenant, candidates, where))[:k]

    async def _hits(self, tenant: str, candidates: list[Candidate], where: MemoryFilter) -> list[Hit]:
        found, missing = self._cache.lookup(tenant, [c.key for c in candidates])
        if missing:
            read_at = self._cache.epoch
            fetched = await self._record.by_keys(tenant, missing)
            self._cache.fill(tenant, fetched.values(), read_at=read_at)
            found.update(fetched)
        out = []
        for c in candidates:
            memory = found.get(c.key)
            if memory is not None and where.matches(memory):
                out.append(Hit(memory, c.score, c.vector_score, c.lexical_score))
        return out

    async def retrieve_context(
        self, parent: str, query: str, *, token_budget: int, top_k: int, where: MemoryFilter
    ) -> Context:
        budget = bounded(
            token_budget,
            field="token_budget",
            default=self._limits.context_default_budget,
            maximum=self._limits.context_max_budget,
        )
        k = bounded(top_k, field="top_k", default=self._limits.context_default_top_k, maximum=self._limits.max_top_k)
        hits = await self.recall(parent, query, top_k=k, where=where)
        chunks = pack(hits, budget)
        text = "\n\n".join(f"[{i}] {c.text}" for i, c in enumerate(chunks, start=1))
        return Context(chunks, sum(c.tokens for c in chunks), text)

    async def neighbors(
        self,
        name: str,
        *,
        depth: int,
        types: Iterable[LinkType],
        direction: Direction,
        max_neighbors: int,
    ) -> tuple[list[Neighbor], bool]:
        ids = names.parse(name, MEMORY, field="name")
        tenant = ids["tenant"]
        levels = bounded(depth, field="depth", default=1, maximum=3)
        limit = bounded(max_neighbors, field="max_neighbors", default=50, maximum=500)
        start = await self._memory(tenant, ids["memory"], name)
        wanted = frozenset(types)
        visited = {start.id}
        frontier = [start.id]
        reached: list[tuple[str, int, Link]] = []
        truncated = False
        for level in range(1, levels + 1):
            if not frontier or truncated:
                break
            current = set(frontier)
            following: list[str] = []
            for edge in await self._record.edges(tenant, frontier, types=wanted, direction=direction):
                ends = []
                if direction is not Direction.INCOMING and edge.source in current:
                    ends.append(edge.target)
                if direction is not Direction.OUTGOING and edge.target in current:
                    ends.append(edge.source)
                for other in ends:
                    if other in visited:
                        continue
                    if len(reached) >= limit:
                        truncated = True
                        break
                    visited.add(other)
                    following.append(other)
                    reached.append((other, level, edge))
                if truncated:
                    break
            frontier = following
        found = await self._record.by_keys(tenant, [key_of(i) for i, _, _ in reached])
        out = [
            Neighbor(found[key_of(memory_id)], level, edge)
            for memory_id, level, edge in reached
            if key_of(memory_id) in found
        ]
        return out, truncated


def pack(hits: Sequence[Hit], budget: int) -> list[Chunk]:
    """Packs the hits' texts into chunks within a token budget: best memory first, each memory's text in order.

    A memory's text is cut at word boundaries into chunks of at most CHUNK_TOKENS tokens. A chunk that does not
    fit what is left of the budget is shortened to fit when at least MIN_TAIL_TOKENS remain, and packing stops.
    Deterministic: the same hits and budget give the same chunks.
    """
    words_per_chunk = CHUNK_TOKENS * 3 // 4
    remaining = budget
    out: list[Chunk] = []
    for hit in hits:
        text = hit.memory.text
        spans = word_spans(text)
        for first in range(0, len(spans), words_per_chunk):
            piece = spans[first : first + words_per_chunk]
            tokens = estimate_tokens(text[piece[0][0] : piece[-1][1]])
            if tokens > remaining:
                fitting = remaining * 3 // 4
                if remaining >= MIN_TAIL_TOKENS and fitting > 0:
                    piece = piece[:fitting]
                    start, end = piece[0][0], piece[-1][1]
                    out.append(
                        Chunk(hit.memory.name, text[start:end], start, end, estimate_tokens(text[start:end]), hit.score)
                    )
                return out
            start, end = piece[0][0], piece[-1][1]
            out.append(Chunk(hit.memory.name, text[start:end], start, end, tokens, hit.score))
            remaining -= tokens
            if remaining <= 0:
                return out
    return out
