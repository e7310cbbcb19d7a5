"""The built-in memory store: embeddings in memory's own rows, the recall engine's vector and lexical indexes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from sqlalchemy import and_, bindparam, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from somastack.memory.adapters.sql_store import memories
from somastack.memory.config import MemorySettings
from somastack.memory.embedder import Embedder
from somastack.memory.index import TenantIndexes
from somastack.memory.lexical_snapshot import LexicalSnapshots
from somastack.memory.model import Candidate, Forgotten, Linked, Remembered, Write, id_of, key_of
from somastack.memory.ports import StoreUnavailable, WriteRejected
from somastack.memory.ranking import FusionMethod, LexicalIndex, exact_search, hybrid, hybrid_candidates
from somastack.platform.errors import FailedPrecondition, InvalidArgument, Unavailable

_log = logging.getLogger(__name__)

#: Rows re-embedded per batch when the embedder changed since they were stored.
_REEMBED_BATCH = 256
#: Texts read per query when the BM25 index is rebuilt or repaired at start.
_TEXT_BATCH = 1000


class _Refused(Exception):
    """The embedder refused the text at `position` of a batch."""

    def __init__(self, position: int, message: str) -> None:
        super().__init__(message)
        self.position = position


@dataclass
class _Ops:
    """Index changes of one batch of writes, applied in order off the event loop."""

    steps: list[tuple[str, str, list[int], npt.NDArray[np.float32] | None, list[str]]] = field(default_factory=list)


class BuiltinStore:
    """The MemoryStore port on this service's database and the recall engine's indexes.

    Applying a Remember write embeds its text, stores the vector in the memory's row (the source the
    indexes are rebuilt from) and adds it to the tenant's vector and lexical indexes; a Forget write removes
    them. At start, each tenant's saved vector index is checked against the rows' keys and rebuilt when it is
    missing or stale (only then are embeddings read); its BM25 index is read from its snapshot and repaired from
    the rows when their keys differ (a crash between a write and the next save), or rebuilt when there is none.
    """

    kind = "builtin"
    exact = True
    #: Embedding is cheapest in batches, and re-applying a batch after a crash only re-embeds it.
    apply_batch = 1024

    def __init__(
        self, engine: AsyncEngine, embedder: Embedder, indexes: TenantIndexes, settings: MemorySettings
    ) -> None:
        self._engine = engine
        self._embedder = embedder
        self._indexes = indexes
        self._settings = settings
        self._lexical: dict[str, LexicalIndex] = {}
        self._snapshots = LexicalSnapshots(indexes.directory)

    def _lexical_of(self, tenant: str) -> LexicalIndex:
        index = self._lexical.get(tenant)
        if index is None:
            index = self._lexical[tenant] = LexicalIndex()
        return index

    # -- start --------------------------------------------------------------------------------------------------

    async def open(self) -> None:
        async with self._engine.connect() as connection:
            tenants = [r[0] for r in await connection.execute(select(memories.c.tenant_id).distinct())]
        rebuilt = 0
        for tenant in tenants:
            keys, stale = await self._applied_keys(tenant)
            reembedded = await self._reembed(tenant, stale)
            if reembedded or not np.array_equal(np.sort(self._indexes.get(tenant).keys()), keys):
                # Only a stale vector index needs the embeddings read.
                ids, vectors = await self._load_vectors(tenant)
                await asyncio.to_thread(self._indexes.rebuild, tenant, ids, vectors)
                rebuilt += 1
            self._lexical[tenant] = await self._open_lexical(tenant, keys)
        for tenant in self._indexes.tenants():
            if tenant not in tenants:
                self._indexes.drop(tenant)
                self._snapshots.drop(tenant)
        await asyncio.to_thread(self._save, rebuilt > 0)
        _log.info("memory store ready: %d tenants, %d vector indexes rebuilt", len(tenants), rebuilt)

    def _applied(self, tenant: str) -> ColumnElement[bool]:
        return and_(memories.c.tenant_id == tenant, memories.c.embedding.is_not(None))

    async def _applied_keys(self, tenant: str) -> tuple[npt.NDArray[np.int64], list[str]]:
        """The keys of the tenant's applied memories (those with an embedding), sorted, and the ids of those another
        embedder made (or of other dimensions), in one pass over the rows."""
        current = and_(
            memories.c.embedder == self._embedder.name,
            func.length(memories.c.embedding) == self._embedder.dimensions * 4,
        )
        query = select(memories.c.id, case((current, 1), else_=0).label("current")).where(self._applied(tenant))
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        keys = np.fromiter((key_of(r[0]) for r in rows), dtype=np.int64, count=len(rows))
        return np.sort(keys), [r[0] for r in rows if not r[1]]

    async def _reembed(self, tenant: str, ids: list[str]) -> bool:
        """Re-embeds these rows of the tenant with this store's embedder; True if there were any."""
        for start in range(0, len(ids), _REEMBED_BATCH):
            query = select(memories.c.id, memories.c.text).where(
                and_(memories.c.tenant_id == tenant, memories.c.id.in_(ids[start : start + _REEMBED_BATCH]))
            )
            async with self._engine.connect() as connection:
                batch = (await connection.execute(query.order_by(memories.c.id))).all()
            if batch:
                fresh = await self._embedder.embed([r.text for r in batch], tenant=tenant)
                await self._store_vectors(tenant, [r.id for r in batch], fresh)
        if ids:
            _log.info("re-embedded %d memories of tenant %s with %s", len(ids), tenant, self._embedder.name)
        return bool(ids)

    async def _load_vectors(self, tenant: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """The tenant's applied memories' keys and vectors, to rebuild its vector index from."""
        query = select(memories.c.id, memories.c.embedding).where(self._applied(tenant)).order_by(memories.c.id)
        async with self._engine.connect() as connection:
            rows = list(await connection.execute(query))
        vectors = np.zeros((len(rows), self._embedder.dimensions), dtype=np.float32)
        for i, row in enumerate(rows):
            vectors[i] = np.frombuffer(bytes(row.embedding), dtype=np.float32)
        return np.fromiter((key_of(r.id) for r in rows), dtype=np.int64, count=len(rows)), vectors

    async def _open_lexical(self, tenant: str, keys: npt.NDArray[np.int64]) -> LexicalIndex:
        """The tenant's BM25 index: its snapshot with the rows it misses added and those it has extra removed."""
        lexical = await asyncio.to_thread(self._snapshots.load, tenant)
        have = np.zeros(0, dtype=np.int64) if lexical is None else np.sort(lexical.keys())
        if lexical is not None and np.array_equal(have, keys):
            return lexical
        extra = np.setdiff1d(have, keys, assume_unique=True).tolist()
        missing = np.setdiff1d(keys, have, assume_unique=True).tolist()
        if lexical is None:
            lexical = LexicalIndex()
        else:
            _log.warning(
                "BM25 snapshot of tenant %s is stale (%d memories missing, %d extra); repairing it from the rows",
                tenant,
                len(missing),
                len(extra),
            )
        for key in extra:
            lexical.remove(key)
        async with self._engine.connect() as connection:
            for start in range(0, len(missing), _TEXT_BATCH):
                ids = [id_of(key) for key in missing[start : start + _TEXT_BATCH]]
                query = select(memories.c.id, memories.c.text).where(
                    and_(self._applied(tenant), memories.c.id.in_(ids))
                )
                for row in await connection.execute(query):
                    lexical.add(key_of(row.id), row.text)
        return lexical

    def _save(self, vectors: bool) -> None:
        """Writes the changed BM25 snapshots, and the vector indexes too when `vectors`."""
        if vectors:
            self._indexes.save_all()
        for tenant, lexical in list(self._lexical.items()):
            self._snapshots.save(tenant, lexical)

    async def _store_vectors(self, tenant: str, ids: Sequence[str], vectors: npt.NDArray[np.float32]) -> set[str]:
        """Saves vectors in their rows; returns the ids whose rows still exist."""
        async with self._engine.begin() as connection:
            present = {
                r.id
                for r in await connection.execute(
                    select(memories.c.id).where(and_(memories.c.tenant_id == tenant, memories.c.id.in_(list(ids))))
                )
            }
            rows = [
                {"t": tenant, "i": i, "e": np.asarray(v, dtype=np.float32).tobytes(), "m": self._embedder.name}
                for i, v in zip(ids, vectors, strict=True)
                if i in present
            ]
            if rows:
                statement = (
                    update(memories)
                    .where(and_(memories.c.tenant_id == bindparam("t"), memories.c.id == bindparam("i")))
                    .values(embedding=bindparam("e"), embedder=bindparam("m"))
                )
                await connection.execute(statement, rows)
        return present

    # -- writes -------------------------------------------------------------------------------------------------

    async def apply(self, writes: Sequence[Write]) -> None:
        remembered = [w for w in writes if isinstance(w.change, Remembered)]
        by_tenant: dict[str, list[Write]] = {}
        for w in remembered:
            by_tenant.setdefault(w.tenant, []).append(w)
        # Each tenant's texts are embedded as that tenant (the SLM embedder bills and routes per tenant).
        by_seq: dict[int, npt.NDArray[np.float32]] = {}
        for tenant, group in by_tenant.items():
            texts = [w.change.memory.text for w in group if isinstance(w.change, Remembered)]
            try:
                vectors = await self._embed_all(texts, tenant)
            except _Refused as refused:
                bad = group[refused.position]
                before = [w for w in writes if w.seq < bad.seq]
                if before:
                    await self.apply(before)
                raise WriteRejected(bad.seq, f"the embedder refused the text: {refused}", applied=len(before)) from None
            by_seq.update((w.seq, vectors[i]) for i, w in enumerate(group))
        # Rows first, indexes second: a crash in between is repaired by the start-up check and the replay.
        present: set[tuple[str, str]] = set()
        for tenant, group in by_tenant.items():
            ids = [w.change.memory.id for w in group if isinstance(w.change, Remembered)]
            kept = await self._store_vectors(tenant, ids, np.stack([by_seq[w.seq] for w in group]))
            present |= {(tenant, i) for i in kept}
        ops = _Ops()
        for w in writes:
            change = w.change
            if isinstance(change, Remembered):
                memory = change.memory
                # A memory forgotten before its write was applied has no row: nothing to index.
                if (w.tenant, memory.id) in present:
                    ops.steps.append(("add", w.tenant, [memory.key], by_seq[w.seq].reshape(1, -1), [memory.text]))
            elif isinstance(change, Forgotten):
                ops.steps.append(("remove", w.tenant, [key_of(i) for i in change.ids], None, []))
            elif isinstance(change, Linked):
                # Links live in the rows already; recall does not use them.
                continue
        await asyncio.to_thread(self._run, ops)

    async def _embed_all(self, texts: list[str], tenant: str) -> npt.NDArray[np.float32]:
        """Embeds one tenant's batch; _Refused names the first text the embedder will not take."""
        if not texts:
            return np.zeros((0, self._embedder.dimensions), dtype=np.float32)
        try:
            try:
                return await self._embedder.embed(texts, tenant=tenant)
            except InvalidArgument:
                pass
            # The batch was refused: embed one by one to find the culprit.
            out = np.zeros((len(texts), self._embedder.dimensions), dtype=np.float32)
            for i, text in enumerate(texts):
                try:
                    out[i] = (await self._embedder.embed([text], tenant=tenant))[0]
                except InvalidArgument as error:
                    raise _Refused(i, error.message) from error
            return out
        except Unavailable as error:
            raise StoreUnavailable(f"the embedder is unavailable: {error.message}") from error
        except FailedPrecondition as error:
            # A state to fix (the SLM service's guardrail, say): the writes wait in the log until it is fixed.
            raise StoreUnavailable(f"the embedder refuses tenant {tenant!r} for now: {error.message}") from error

    def _run(self, ops: _Ops) -> None:
        for op, tenant, keys, vectors, texts in ops.steps:
            lexical = self._lexical_of(tenant)
            if op == "add":
                assert vectors is not None
                self._indexes.get(tenant).add(np.asarray(keys, dtype=np.int64), vectors)
                for key, text in zip(keys, texts, strict=True):
                    lexical.add(key, text)
            else:
                self._indexes.get(tenant).remove(keys)
                for key in keys:
                    lexical.remove(key)

    # -- recall -------------------------------------------------------------------------------------------------

    async def _query_vector(self, tenant: str, query: str) -> npt.NDArray[np.float32]:
        # A FailedPrecondition of the embedder reaches the caller as it is: a read has someone to tell.
        try:
            vectors = await self._embedder.embed([query], tenant=tenant)
        except Unavailable as error:
            raise StoreUnavailable(f"the embedder is unavailable: {error.message}") from error
        return np.asarray(vectors[0], dtype=np.float32)

    async def search(self, tenant: str, query: str, k: int) -> list[Candidate]:
        vector = await self._query_vector(tenant, query)
        index = self._indexes.get(tenant)
        lexical = self._lexical_of(tenant)
        method = self._settings.fusion.value
        vector_hits, lexical_hits = hybrid_candidates(
            index, lexical, vector, query, max(self._settings.recall_candidates, k), method=method
        )
        fused = hybrid(
            vector_hits, lexical_hits, k=k, vector_weight=self._settings.effective_vector_weight, method=method
        )
        if FusionMethod(method) is FusionMethod.WSUM:
            # The candidates' BM25 came with them: every fused key's, and the tenant's best first.
            # Each candidate's cosine came too (the vector index's, or computed for lexical-only candidates).
            best = max((s for _, s in lexical_hits), default=0.0)
            return self._with_components(tenant, query, vector, fused, (best, dict(lexical_hits)), dict(vector_hits))
        return self._with_components(tenant, query, vector, fused)

    async def search_among(self, tenant: str, query: str, keys: Sequence[int], k: int) -> list[Candidate]:
        index = self._indexes.get(tenant)
        present = [key for key in keys if key in index]
        if not present:
            return []
        vector = await self._query_vector(tenant, query)
        ids = np.asarray(present, dtype=np.int64)
        vector_hits = exact_search(index.get(ids), ids, vector, len(present))
        lexical_hits = [hit for hit in self._lexical_of(tenant).score(query, present) if hit[1] > 0.0]
        fused = hybrid(
            vector_hits,
            lexical_hits,
            k=k,
            vector_weight=self._settings.effective_vector_weight,
            method=self._settings.fusion.value,
        )
        best_lexical = max((s for _, s in lexical_hits), default=0.0)
        cosine = dict(vector_hits)
        lexical = dict(lexical_hits)
        return [
            Candidate(
                key,
                score,
                max(cosine.get(key, 0.0), 0.0),
                lexical.get(key, 0.0) / best_lexical if best_lexical else 0.0,
            )
            for key, score in fused
        ]

    def _with_components(
        self,
        tenant: str,
        query: str,
        vector: npt.NDArray[np.float32],
        fused: list[tuple[int, float]],
        lexical_scores: tuple[float, dict[int, float]] | None = None,
        cosines: dict[int, float] | None = None,
    ) -> list[Candidate]:
        """The fused hits with each ranker's own score, for clients that want to see why a memory ranked.

        `lexical_scores`: the tenant's best BM25 and the fused keys' BM25 when the search has them already;
        `cosines`: the cosine similarities the search has already (the others are computed from the index).
        """
        if not fused:
            return []
        index = self._indexes.get(tenant)
        keys = [key for key, _ in fused]
        cosine = dict(cosines or {})
        stored = index.present([key for key in keys if key not in cosine])
        if stored:
            q = vector / max(float(np.linalg.norm(vector)), 1e-12)
            cosine.update(zip(stored, (index.get(stored) @ q).tolist(), strict=True))
        if lexical_scores is None:
            lexical = self._lexical_of(tenant)
            best = lexical.search(query, 1)
            best_lexical = best[0][1] if best else 0.0
            bm25 = dict(lexical.score(query, keys)) if best_lexical else {}
        else:
            best_lexical, bm25 = lexical_scores
        return [
            Candidate(
                key,
                score,
                min(max(cosine.get(key, 0.0), 0.0), 1.0),
                bm25.get(key, 0.0) / best_lexical if best_lexical else 0.0,
            )
            for key, score in fused
        ]

    async def flush(self) -> None:
        await asyncio.to_thread(self._save, True)

    async def close(self) -> None:
        await self.flush()
        await self._embedder.aclose()
