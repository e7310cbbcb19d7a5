"""Working memory: each session's short-term entries, bounded and expiring, kept in the cache.

Bounded twice, in bytes: each session holds at most `max_bytes`, and each tenant, all its sessions together, at most
`max_tenant_bytes`. A session's entries expire `ttl` after its last put, so the sessions a tenant holds are those
put within the last `ttl`. The tenant's bound is kept without listing them: time is cut in windows of `ttl`, and a
counter per tenant and window adds, at a session's first put in the window, all the bytes the session then holds
(taking the session's count out of the previous window, where it no longer needs to be), and at its later puts
the bytes they add. Each session's share of each window is kept beside it, so that clearing a session takes its
share out again. A session held now had its last put in the current or the previous window, where its bytes are
counted, so the two windows' counters together are at least what the tenant holds: it is never above its bound
(two puts racing may each pass, by at most one call's entries, as for a session). They also count, until their
window has passed, sessions that expired: a tenant is at most refused room that expired within the last two `ttl`.
"""

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
#: Bytes one tenant's working memories hold at most, all sessions together (default of `working_tenant_max_bytes`).
MAX_TENANT_BYTES = 64 * 1024 * 1024


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
        max_tenant_bytes: int = MAX_TENANT_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._cache = cache
        self._max_items = max_items
        self._max_bytes = max_bytes
        self._max_tenant_bytes = max_tenant_bytes
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
        held = await self._check_room(key, encoded)
        await self._charge_tenant(ids["tenant"], ids["session"], sum(map(len, encoded)), held, now)
        for raw in encoded:
            await self._cache.push_bounded(key, raw, max_len=self._max_items, ttl=self._ttl)
        return await self._read(ids["tenant"], ids["session"])

    async def _check_room(self, key: str, encoded: Sequence[bytes]) -> int:
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
        return used

    async def _charge_tenant(self, tenant: str, session: str, added: int, held: int, now: float) -> None:
        """FAILED_PRECONDITION unless the tenant's two windows stay within `max_tenant_bytes` with this put; then
        counts it: at the session's first put in the window, all it will hold (and its count in the previous window
        goes, counted here now), at its later puts what they add."""
        window = int(now // self._ttl)
        first = not await self._cache.get(self._charged_key(tenant, window, session))
        moved = int(await self._cache.get(self._charged_key(tenant, window - 1, session)) or 0) if first else 0
        counted = [await self._cache.get(self._tenant_key(tenant, w)) for w in (window - 1, window)]
        charge = held if first else added
        used = sum(int(value) for value in counted if value) - moved + charge
        if used > self._max_tenant_bytes:
            raise FailedPrecondition(
                "WORKING_MEMORY_FULL",
                f"the tenant's working memories would hold {used} bytes, more than its {self._max_tenant_bytes}; "
                "clear sessions' working memory, or wait for it to expire",
                metadata={"limitBytes": str(self._max_tenant_bytes), "usedBytes": str(used), "scope": "tenant"},
            )
        life = 2 * self._ttl  # a window's counts are read until the end of the next window
        await self._cache.incr(self._charged_key(tenant, window, session), charge, ttl=life)
        await self._cache.incr(self._tenant_key(tenant, window), charge, ttl=life)
        if moved:
            await self._uncount(tenant, window - 1, session, moved)

    async def _refund_tenant(self, tenant: str, session: str) -> None:
        """Takes a cleared session's counts out of its tenant's windows: the tenant may fill that room again."""
        window = int(self._clock() // self._ttl)
        for w in (window - 1, window):
            charged = await self._cache.get(self._charged_key(tenant, w, session))
            if charged:
                await self._uncount(tenant, w, session, int(charged))

    async def _uncount(self, tenant: str, window: int, session: str, charged: int) -> None:
        await self._cache.incr(self._tenant_key(tenant, window), -charged, ttl=2 * self._ttl)
        await self._cache.delete(self._charged_key(tenant, window, session))

    @staticmethod
    def _tenant_key(tenant: str, window: int) -> str:
        return f"working-bytes:{tenant}:{window}"

    @staticmethod
    def _charged_key(tenant: str, window: int, session: str) -> str:
        return f"working-charged:{tenant}:{window}:{session}"

    async def get(self, name: str) -> WorkingMemory:
        ids = names.parse(name, PATTERN, field="name")
        return await self._read(ids["tenant"], ids["session"])

    async def clear(self, name: str) -> int:
        ids = names.parse(name, PATTERN, field="name")
        key = self._key(ids["tenant"], ids["session"])
        count = len(await self._cache.range(key))
        await self._cache.delete(key)
        await self._refund_tenant(ids["tenant"], ids["session"])
        return count

    async def _read(self, tenant: str, session: str) -> WorkingMemory:
        raw = await self._cache.range(self._key(tenant, session))
        items = [item for item in map(_decode, raw) if item is not None]
        # Every append restarts the TTL, so the list expires `ttl` after its newest entry.
        expires_at = max(i.created_at for i in items) + self._ttl if items else None
        return WorkingMemory(tenant, session, items, self._max_items, self._ttl, expires_at)
