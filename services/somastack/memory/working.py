"""Working memory: each session's short-term entries, bounded and expiring, kept in the cache."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence

from somastack.memory.model import WorkingItem, WorkingMemory
from somastack.memory.rules import check_metadata, check_text
from somastack.platform import names
from somastack.platform.cache import Cache
from somastack.platform.errors import FailedPrecondition, invalid

PATTERN = "tenants/{tenant}/sessions/{session}/workingMemory"
#: The most entries one PutWorking call may append.
MAX_ITEMS_PER_PUT = 100
#: Bytes one session's working memory holds at most, its entries as stored (default of `working_max_bytes`).
MAX_BYTES = 1024 * 1024


def _encode(item: WorkingItem) -> bytes:
    return json.dumps(
        {"text": item.text, "metadata": dict(item.metadata), "createTime": item.created_at}, separators=(",", ":")
    ).encode()


def _decode(raw: bytes) -> WorkingItem | None:
    try:
        data = json.loads(raw)
        return WorkingItem(str(data["text"]), dict(data.get("metadata") or {}), float(data["createTime"]))
    except (ValueError, KeyError, TypeError):
        # Written by a newer or broken writer; a working-memory entry is not worth failing the read for.
        return None


class WorkingMemories:
    """Use cases over session working memory: append, read, clear."""

    def __init__(
        self,
        cache: Cache,
        *,
        max_items: int,
        ttl: float,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._cache = cache
        self._max_items = max_items
        self._max_bytes = max_bytes
        self._ttl = ttl
        self._clock = clock

    @staticmethod
    def _key(tenant: str, session: str) -> str:
        return f"working:{tenant}:{session}"

    async def put(self, name: str, items: Sequence[tuple[str, Mapping[str, str]]]) -> WorkingMemory:
        ids = names.parse(name, PATTERN, field="name")
        if not items:
            raise invalid("items", "at least one item is required")
        if len(items) > MAX_ITEMS_PER_PUT:
            raise invalid("items", f"at most {MAX_ITEMS_PER_PUT} items per call, got {len(items)}")
        now = self._clock()
        checked = [
            WorkingItem(
                check_text(text, field=f"items[{i}].text"), check_metadata(metadata, field=f"items[{i}].metadata"), now
            )
            for i, (text, metadata) in enumerate(items)
        ]
        key = self._key(ids["tenant"], ids["session"])
        encoded = [_encode(item) for item in checked]
        await self._check_room(key, encoded)
        for raw in encoded:
            await self._cache.push_bounded(key, raw, max_len=self._max_items, ttl=self._ttl)
        return await self._read(ids["tenant"], ids["session"])

    async def _check_room(self, key: str, encoded: Sequence[bytes]) -> None:
        """FAILED_PRECONDITION unless the session holds the new entries within `max_bytes`, counting the entries the
        item bound would drop. Two puts racing on one session may each pass: the cap is exceeded by at most one
        call's entries (at most MAX_ITEMS_PER_PUT of bounded size), never without bound."""
        kept = [len(raw) for raw in await self._cache.range(key)] + [len(raw) for raw in encoded]
        used = sum(kept[-self._max_items :])
        if used > self._max_bytes:
            raise FailedPrecondition(
                "WORKING_MEMORY_FULL",
                f"the session's working memory would hold {used} bytes, more than its {self._max_bytes}; "
                "clear it, or wait for it to expire",
                metadata={"limitBytes": str(self._max_bytes), "usedBytes": str(used)},
            )

    async def get(self, name: str) -> WorkingMemory:
        ids = names.parse(name, PATTERN, field="name")
        return await self._read(ids["tenant"], ids["session"])

    async def clear(self, name: str) -> int:
        ids = names.parse(name, PATTERN, field="name")
        key = self._key(ids["tenant"], ids["session"])
        count = len(await self._cache.range(key))
        await self._cache.delete(key)
        return count

    async def _read(self, tenant: str, session: str) -> WorkingMemory:
        raw = await self._cache.range(self._key(tenant, session))
        items = [item for item in map(_decode, raw) if item is not None]
        # Every append restarts the TTL, so the list expires `ttl` after its newest entry.
        expires_at = max(i.created_at for i in items) + self._ttl if items else None
        return WorkingMemory(tenant, session, items, self._max_items, self._ttl, expires_at)
