"""Key-value and bounded-list caches with TTLs: in-process by default, Redis when `SOMA_REDIS_URL` is set."""

from __future__ import annotations

import heapq
import logging
import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from somastack.config import Settings
from somastack.platform.errors import Unavailable

if TYPE_CHECKING:  # redis-py is imported by the first RedisCache: a mesh on in-process caches never loads it
    from redis.asyncio import Redis

_log = logging.getLogger(__name__)

#: Seconds a client is told to wait before retrying a call that failed because the cache was down.
RETRY_AFTER_SECONDS = 1.0


class Cache(Protocol):
    """A cache of byte values and bounded byte lists, each key with an optional time to live.

    A key holds either a value (`get`/`set`) or a list (`push_bounded`/`range`); reading
    it as the other kind raises TypeError. `set` replaces a key of either kind.
    Implementations raise `CacheUnavailable` (an `Unavailable`) when their backend is down.
    """

    async def get(self, key: str) -> bytes | None:
        """The value of `key`; None when absent or expired."""
        ...

    async def set(self, key: str, value: bytes, *, ttl: float | None = None) -> None:
        """Stores `value` under `key`, replacing what was there (and its TTL); kept forever when `ttl` is None."""
        ...

    async def delete(self, *keys: str) -> int:
        """Removes the keys; returns how many of them existed."""
        ...

    async def push_bounded(self, key: str, value: bytes, *, max_len: int, ttl: float) -> None:
        """Appends `value` to the list at `key`, keeps its newest `max_len` items and restarts its TTL."""
        ...

    async def range(self, key: str) -> list[bytes]:
        """The items of the list at `key`, oldest first; [] when absent or expired."""
        ...

    async def incr(self, key: str, by: int, *, ttl: float) -> int:
        """Adds `by` to the integer at `key` (0 when absent or expired), restarts its TTL; returns the sum.

        The value reads back through `get` as its decimal digits."""
        ...

    async def close(self) -> None:
        """Releases the cache's resources; idempotent."""
        ...


class CacheUnavailable(Unavailable):
    """The cache backend cannot be reached or did not answer in time: retry the same call later (gRPC UNAVAILABLE)."""

    def __init__(self, namespace: str, operation: str) -> None:
        super().__init__(
            "SERVICE_UNAVAILABLE",
            f"the cache is unavailable ({operation} in namespace {namespace!r}); retry later",
            metadata={"dependency": "cache", "namespace": namespace},
            retry_after=RETRY_AFTER_SECONDS,
        )


def _check_ttl(ttl: float | None) -> None:
    if ttl is not None and not (ttl > 0 and math.isfinite(ttl)):
        raise ValueError(f"ttl must be a positive number of seconds, got {ttl!r}")


def _check_max_len(max_len: int) -> None:
    if max_len < 1:
        raise ValueError(f"max_len must be at least 1, got {max_len!r}")


def _wrong_kind(key: str, holds: str) -> TypeError:
    return TypeError(f"cache key {key!r} holds a {holds}")


@dataclass(slots=True)
class _Entry:
    value: bytes | deque[bytes]
    expires_at: float | None
    #: Bytes the value holds (a list's items summed).
    size: int = 0

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and self.expires_at <= now


#: Bytes an in-process cache holds at most, all keys together, before it evicts the least recently used.
MAX_BYTES = 256 * 1024 * 1024


class InProcessCache:
    """A cache inside this process: TTLs on a monotonic clock, at most `max_entries` keys and `max_bytes` of values,
    least recently used evicted.

    Each instance is its own namespace. No method awaits, so every call is atomic on
    its event loop (asyncio-safe without a lock); it is not thread-safe.
    """

    def __init__(
        self, *, max_entries: int = 10_000, max_bytes: int = MAX_BYTES, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_entries < 1 or max_bytes < 1:
            raise ValueError(f"max_entries and max_bytes must be at least 1, got {max_entries!r}, {max_bytes!r}")
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        #: Bytes of every value held, expired ones not yet reclaimed included.
        self._bytes = 0
        self._clock = clock
        # Insertion order doubles as recency order: every hit moves the key to the end.
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        # (expires_at, key) of every TTL ever set; stale rows are skipped, so expired keys
        # are reclaimed without scanning even when nobody reads them again.
        self._deadlines: list[tuple[float, str]] = []

    def __len__(self) -> int:
        """Keys held, expired ones not yet reclaimed included."""
        return len(self._entries)

    @property
    def bytes_held(self) -> int:
        return self._bytes

    async def get(self, key: str) -> bytes | None:
        entry = self._live(key)
        if entry is None:
            return None
        if not isinstance(entry.value, bytes):
            raise _wrong_kind(key, "list")
        return entry.value

    async def set(self, key: str, value: bytes, *, ttl: float | None = None) -> None:
        _check_ttl(ttl)
        now = self._clock()
        self._store(key, _Entry(bytes(value), None if ttl is None else now + ttl, len(value)), now)

    async def delete(self, *keys: str) -> int:
        now = self._clock()
        removed = 0
        for key in keys:
            entry = self._entries.pop(key, None)
            if entry is not None:
                self._bytes -= entry.size
                removed += 0 if entry.expired(now) else 1
        return removed

    async def push_bounded(self, key: str, value: bytes, *, max_len: int, ttl: float) -> None:
        _check_max_len(max_len)
        _check_ttl(ttl)
        now = self._clock()
        entry = self._live(key, now)
        held = entry is not None
        if entry is None:
            entry = _Entry(deque(), None)
        elif isinstance(entry.value, bytes):
            raise _wrong_kind(key, "value")
        items = entry.value
        assert isinstance(items, deque)
        items.append(bytes(value))
        grown = len(value)
        while len(items) > max_len:
            grown -= len(items.popleft())
        entry.size += grown
        if held:  # counted already: `_store` adds only what it did not hold
            self._bytes += grown
        entry.expires_at = now + ttl
        self._store(key, entry, now)

    async def range(self, key: str) -> list[bytes]:
        entry = self._live(key)
        if entry is None:
            return []
        if isinstance(entry.value, bytes):
            raise _wrong_kind(key, "value")
        return list(entry.value)

    async def incr(self, key: str, by: int, *, ttl: float) -> int:
        _check_ttl(ttl)
        now = self._clock()
        entry = self._live(key, now)
        if entry is None:
            total = by
        elif isinstance(entry.value, bytes):
            total = int(entry.value) + by
        else:
            raise _wrong_kind(key, "list")
        value = str(total).encode()
        self._store(key, _Entry(value, now + ttl, len(value)), now)
        return total

    async def close(self) -> None:
        self._entries.clear()
        self._deadlines.clear()
        self._bytes = 0

    def _live(self, key: str, now: float | None = None) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.expired(self._clock() if now is None else now):
            del self._entries[key]
            self._bytes -= entry.size
            return None
        self._entries.move_to_end(key)
        return entry

    def _store(self, key: str, entry: _Entry, now: float) -> None:
        previous = self._entries.get(key)
        if previous is not entry:
            self._bytes += entry.size - (previous.size if previous is not None else 0)
        self._entries[key] = entry
        self._entries.move_to_end(key)
        if entry.expires_at is not None:
            heapq.heappush(self._deadlines, (entry.expires_at, key))
        self._reclaim(now)

    def _reclaim(self, now: float) -> None:
        while self._deadlines and self._deadlines[0][0] <= now:
            expires_at, key = heapq.heappop(self._deadlines)
            entry = self._entries.get(key)
            # The row is stale when the key was rewritten since; only its current deadline counts.
            if entry is not None and entry.expires_at == expires_at:
                del self._entries[key]
                self._bytes -= entry.size
        while len(self._entries) > self._max_entries or self._bytes > self._max_bytes:
            _key, evicted = self._entries.popitem(last=False)
            self._bytes -= evicted.size
        # Rewrites leave stale rows behind; rebuild before they outgrow the live keys.
        if len(self._deadlines) > 2 * len(self._entries) + 64:
            self._deadlines = [
                (entry.expires_at, key) for key, entry in self._entries.items() if entry.expires_at is not None
            ]
            heapq.heapify(self._deadlines)


class RedisCache:
    """A cache in Redis under the keys `soma:<namespace>:*`, over one connection pool.

    Connection failures and timeouts are retried briefly, then raised as `CacheUnavailable`.
    """

    def __init__(
        self,
        url: str,
        namespace: str,
        *,
        max_connections: int = 32,
        timeout: float = 1.0,
        retries: int = 2,
    ) -> None:
        """Connects lazily: nothing touches the network before the first call.

        Args:
            url: `redis://[:password@]host:port/db` (or `rediss://`, `unix://`).
            namespace: Prefix that isolates this cache's keys from every other namespace.
            max_connections: Pool size; callers beyond it wait up to `timeout` for a connection.
            timeout: Seconds allowed to connect, to answer one command, and to wait for a pooled connection.
            retries: Extra attempts after a connection error or timeout, with a short jittered backoff.
        """
        from redis.asyncio import BlockingConnectionPool, Redis
        from redis.asyncio.retry import Retry
        from redis.backoff import ExponentialWithJitterBackoff

        if not namespace:
            raise ValueError("a Redis cache needs a non-empty namespace")
        self._namespace = namespace
        self._prefix = f"soma:{namespace}:"
        self._pool = BlockingConnectionPool.from_url(
            url,
            max_connections=max_connections,
            timeout=timeout,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            # redis-py's default backs off up to 10 s; a cache miss is cheaper than a stalled request.
            retry=Retry(ExponentialWithJitterBackoff(cap=0.1, base=0.01), retries),
        )
        self._client: Redis = Redis(connection_pool=self._pool)

    @property
    def namespace(self) -> str:
        return self._namespace

    async def get(self, key: str) -> bytes | None:
        with self._translated("get", key):
            value = await self._client.get(self._prefix + key)
        # The pool never decodes responses, so redis-py's `bytes | str` is always bytes here.
        return cast("bytes | None", value)

    async def set(self, key: str, value: bytes, *, ttl: float | None = None) -> None:
        _check_ttl(ttl)
        with self._translated("set", key):
            await self._client.set(self._prefix + key, value, px=None if ttl is None else _millis(ttl))

    async def delete(self, *keys: str) -> int:
        if not keys:
            return 0
        with self._translated("delete", keys[0]):
            removed: int = await self._client.delete(*(self._prefix + key for key in keys))
        return removed

    async def push_bounded(self, key: str, value: bytes, *, max_len: int, ttl: float) -> None:
        _check_max_len(max_len)
        _check_ttl(ttl)
        name = self._prefix + key
        with self._translated("push_bounded", key):
            # MULTI/EXEC: no reader ever sees the list untrimmed or without its TTL.
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.rpush(name, value)
                pipe.ltrim(name, -max_len, -1)
                pipe.pexpire(name, _millis(ttl))
                await pipe.execute()

    async def range(self, key: str) -> list[bytes]:
        with self._translated("range", key):
            items = await self._client.lrange(self._prefix + key, 0, -1)
        return cast("list[bytes]", items)

    async def incr(self, key: str, by: int, *, ttl: float) -> int:
        _check_ttl(ttl)
        name = self._prefix + key
        with self._translated("incr", key):
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.incrby(name, by)
                pipe.pexpire(name, _millis(ttl))
                total, _ = await pipe.execute()
        return int(total)

    async def close(self) -> None:
        await self._client.aclose(close_connection_pool=True)

    @contextmanager
    def _translated(self, operation: str, key: str) -> Iterator[None]:
        """Turns redis-py's exceptions into the cache's: CacheUnavailable for an outage, TypeError for a kind clash."""
        from redis import exceptions as redis_errors

        try:
            yield
        except (redis_errors.ConnectionError, redis_errors.TimeoutError) as exc:
            raise self._unavailable(operation, exc) from exc
        except redis_errors.ResponseError as exc:
            text = str(exc)
            if "WRONGTYPE" in text:
                raise _wrong_kind(key, "different kind of data") from exc
            # A replica promoted mid-failover, or a server still loading its data: transient.
            if isinstance(exc, redis_errors.ReadOnlyError) or text.startswith(("LOADING", "MASTERDOWN", "TRYAGAIN")):
                raise self._unavailable(operation, exc) from exc
            raise

    def _unavailable(self, operation: str, exc: Exception) -> CacheUnavailable:
        # The redis error names hosts and ports: log it here, keep it out of what clients see.
        _log.warning("cache %s in namespace %r failed: %s: %s", operation, self._namespace, type(exc).__name__, exc)
        return CacheUnavailable(self._namespace, operation)


def _millis(seconds: float) -> int:
    """Whole milliseconds for PX/PEXPIRE, rounded up so that a tiny positive TTL never becomes 0 (an error)."""
    return max(1, math.ceil(seconds * 1000))


def open_cache(settings: Settings, *, namespace: str) -> Cache:
    """The cache of one namespace: Redis when `settings.redis_url` is set, else a fresh in-process cache.

    In Redis the namespace is prefixed with the deployment's `db_schema_prefix` (and stage), the prefix that already
    keeps deployments sharing one PostgreSQL apart: two meshes sharing one Redis never read each other's entries.
    """
    if settings.redis_url:
        return RedisCache(settings.redis_url, f"{settings.db_schema_prefix}{settings.stage.value}:{namespace}")
    return InProcessCache()


class TenantEntries:
    """One cached value per tenant, kept `ttl` seconds in `cache`, that a change announced for the tenant drops.

    A lookup that started before a `forget` must not store what it read (it may predate the change `forget`
    announced): read `generation` before the lookup and hand it to `put`. A cache that is down costs only the call
    it would have saved: `get` answers None, `put` skips (the cache logs both). `cache` None (or `ttl` 0) keeps
    nothing.
    """

    def __init__(self, cache: Cache | None, key: Callable[[str], str], *, ttl: float) -> None:
        self._cache = cache if ttl > 0 else None
        self._key = key
        self._ttl = ttl
        self._generation = 0

    @property
    def generation(self) -> int:
        """Advances with every `forget`."""
        return self._generation

    async def get(self, tenant: str) -> bytes | None:
        if self._cache is None:
            return None
        try:
            return await self._cache.get(self._key(tenant))
        except CacheUnavailable:
            return None

    async def put(self, tenant: str, value: bytes, *, read_at: int) -> None:
        """Keeps `value` unless a `forget` ran since the lookup began (`read_at`, the generation it read)."""
        if self._cache is None or read_at != self._generation:
            return
        try:
            await self._cache.set(self._key(tenant), value, ttl=self._ttl)
        except CacheUnavailable:
            pass

    async def forget(self, tenant: str) -> None:
        self._generation += 1
        if self._cache is not None:
            await self._cache.delete(self._key(tenant))
