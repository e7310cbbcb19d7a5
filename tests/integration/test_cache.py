"""The cache contract, run against the in-process cache and a real Redis, plus Redis outages mapped to UNAVAILABLE."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from google.rpc import code_pb2
from redis.asyncio import Redis

from somastack.config import Settings
from somastack.platform.cache import Cache, CacheUnavailable, InProcessCache, RedisCache, open_cache
from somastack.platform.errors import Code, Unavailable
from somastack.runtime.status import error_reason, to_rpc_status
from somastack.testing import free_ports
from tests.conftest import require_env

#: Upper bound on how long a real Redis may take to report a key as expired after its TTL has run out.
EXPIRY_GRACE = 1.0


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Backend:
    """One cache under test, how to let time pass for it, and how to open a sibling namespace on the same backend."""

    kind: str
    cache: Cache
    elapse: Callable[[float], Awaitable[None]]
    open_namespace: Callable[[], Cache]
    opened: list[Cache] = field(default_factory=list)

    def sibling(self) -> Cache:
        cache = self.open_namespace()
        self.opened.append(cache)
        return cache

    async def eventually_gone(self, read: Callable[[], Awaitable[object]]) -> bool:
        """Whether `read` comes back empty (None or []) within the expiry grace; once for the fake clock."""
        deadline = time.monotonic() + (EXPIRY_GRACE if self.kind == "redis" else 0)
        while True:
            if await read() in (None, []):
                return True
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.01)


async def _drop_namespaces(url: str, namespaces: list[str]) -> None:
    client = Redis.from_url(url)
    try:
        for namespace in namespaces:
            keys = [key async for key in client.scan_iter(match=f"soma:{namespace}:*", count=500)]
            if keys:
                await client.delete(*keys)
    finally:
        await client.aclose()


@pytest.fixture(params=["in_process", pytest.param("redis", marks=pytest.mark.redis)])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    """The in-process cache on a fake clock, then Redis (SOMA_TEST_REDIS_URL) in a namespace of this test's own."""
    if request.param == "in_process":
        clock = FakeClock()
        subject = Backend("in_process", InProcessCache(clock=clock), clock.advance, lambda: InProcessCache(clock=clock))
        yield subject
        for cache in (subject.cache, *subject.opened):
            await cache.close()
        return
    url = require_env("SOMA_TEST_REDIS_URL")
    namespaces = [f"test-{uuid.uuid4().hex}"]

    def open_namespace() -> Cache:
        namespaces.append(f"test-{uuid.uuid4().hex}")
        return RedisCache(url, namespaces[-1])

    subject = Backend("redis", RedisCache(url, namespaces[0]), asyncio.sleep, open_namespace)
    try:
        yield subject
    finally:
        for cache in (subject.cache, *subject.opened):
            await cache.close()
        await _drop_namespaces(url, namespaces)


# --- values -------------------------------------------------------------------------------------------------------


async def test_get_returns_what_set_stored_and_none_for_a_missing_key(backend: Backend) -> None:
    cache = backend.cache
    assert await cache.get("greeting") is None
    await cache.set("greeting", b"hello")
    assert await cache.get("greeting") == b"hello"


async def test_set_overwrites_the_value(backend: Backend) -> None:
    cache = backend.cache
    await cache.set("k", b"first")
    await cache.set("k", b"second")
    assert await cache.get("k") == b"second"


async def test_values_are_binary_safe(backend: Backend) -> None:
    cache = backend.cache
    blob = bytes(range(256)) * 4 + b"\x00\r\n\xff"
    await cache.set("blob", blob)
    await cache.set("empty", b"")
    assert await cache.get("blob") == blob
    assert await cache.get("empty") == b""
    await cache.push_bounded("blobs", b"\x00\xff", max_len=2, ttl=60)
    assert await cache.range("blobs") == [b"\x00\xff"]


async def test_keys_may_hold_any_text(backend: Backend) -> None:
    cache = backend.cache
    key = "tenants/acme/sessions/é:*?[x]"
    await cache.set(key, b"v")
    assert await cache.get(key) == b"v"
    assert await cache.get("tenants/acme/sessions/é:other") is None


async def test_delete_counts_only_the_keys_that_existed(backend: Backend) -> None:
    cache = backend.cache
    await cache.set("a", b"1")
    await cache.set("b", b"2")
    await cache.push_bounded("list", b"x", max_len=3, ttl=60)
    assert await cache.delete("a", "list", "never-set") == 2
    assert await cache.get("a") is None
    assert await cache.range("list") == []
    assert await cache.get("b") == b"2"
    assert await cache.delete("a") == 0
    assert await cache.delete() == 0


# --- TTLs ---------------------------------------------------------------------------------------------------------


async def test_a_value_expires_after_its_ttl(backend: Backend) -> None:
    cache = backend.cache
    await cache.set("short", b"v", ttl=0.2)
    await cache.set("forever", b"v")
    assert await cache.get("short") == b"v"
    await backend.elapse(0.2)
    assert await backend.eventually_gone(lambda: cache.get("short"))
    assert await cache.get("forever") == b"v"
    assert await cache.delete("short") == 0


async def test_overwriting_a_value_replaces_its_ttl(backend: Backend) -> None:
    cache = backend.cache
    await cache.set("k", b"old", ttl=0.2)
    await cache.set("k", b"new")
    await backend.elapse(0.3)
    assert await cache.get("k") == b"new"
    await cache.set("k", b"newer", ttl=0.2)
    await backend.elapse(0.2)
    assert await backend.eventually_gone(lambda: cache.get("k"))


async def test_ttl_must_be_positive(backend: Backend) -> None:
    for ttl in (0.0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="ttl"):
            await backend.cache.set("k", b"v", ttl=ttl)
        with pytest.raises(ValueError, match="ttl"):
            await backend.cache.push_bounded("l", b"v", max_len=1, ttl=ttl)


async def test_a_sub_millisecond_ttl_still_stores_then_expires(backend: Backend) -> None:
    cache = backend.cache
    await cache.set("k", b"v", ttl=0.0001)
    await backend.elapse(0.01)
    assert await backend.eventually_gone(lambda: cache.get("k"))


# --- bounded lists ------------------------------------------------------------------------------------------------


async def test_range_of_a_missing_key_is_empty(backend: Backend) -> None:
    assert await backend.cache.range("nothing-here") == []


async def test_push_bounded_keeps_the_newest_items_oldest_first(backend: Backend) -> None:
    cache = backend.cache
    for i in range(7):
        await cache.push_bounded("turns", f"turn-{i}".encode(), max_len=3, ttl=60)
        assert len(await cache.range("turns")) == min(i + 1, 3)
    assert await cache.range("turns") == [b"turn-4", b"turn-5", b"turn-6"]


async def test_push_bounded_trims_to_the_latest_max_len(backend: Backend) -> None:
    cache = backend.cache
    for i in range(5):
        await cache.push_bounded("l", bytes([i]), max_len=5, ttl=60)
    await cache.push_bounded("l", b"\x05", max_len=2, ttl=60)
    assert await cache.range("l") == [b"\x04", b"\x05"]
    with pytest.raises(ValueError, match="max_len"):
        await cache.push_bounded("l", b"x", max_len=0, ttl=60)


async def test_concurrent_pushes_all_land_and_stay_bounded(backend: Backend) -> None:
    cache = backend.cache
    await asyncio.gather(*(cache.push_bounded("l", str(i).encode(), max_len=10, ttl=60) for i in range(25)))
    items = await cache.range("l")
    assert len(items) == 10
    assert len(set(items)) == 10


async def test_push_bounded_restarts_the_ttl_and_the_list_expires_whole(backend: Backend) -> None:
    cache = backend.cache
    await cache.push_bounded("l", b"a", max_len=5, ttl=0.4)
    await backend.elapse(0.25)
    await cache.push_bounded("l", b"b", max_len=5, ttl=0.4)
    # 0.5 s after the first push, 0.25 s after the second: alive only because the TTL restarted.
    await backend.elapse(0.25)
    assert await cache.range("l") == [b"a", b"b"]
    await backend.elapse(0.15)
    assert await backend.eventually_gone(lambda: cache.range("l"))
    await cache.push_bounded("l", b"c", max_len=5, ttl=60)
    assert await cache.range("l") == [b"c"]


async def test_incr_adds_to_an_integer_restarts_its_ttl_and_reads_back_as_digits(backend: Backend) -> None:
    cache = backend.cache
    assert await cache.incr("n", 5, ttl=0.4) == 5
    await backend.elapse(0.25)
    assert await cache.incr("n", -2, ttl=0.4) == 3
    assert await cache.get("n") == b"3"
    await asyncio.gather(*(cache.incr("n", 1, ttl=0.4) for _ in range(20)))  # none lost
    await backend.elapse(0.25)  # alive only because the TTL restarted
    assert await cache.get("n") == b"23"
    await backend.elapse(0.2)
    assert await backend.eventually_gone(lambda: cache.get("n"))
    assert await cache.incr("n", 1, ttl=60) == 1  # counts afresh once expired
    await cache.push_bounded("l", b"a", max_len=2, ttl=60)
    with pytest.raises(TypeError):
        await cache.incr("l", 1, ttl=60)


async def test_a_key_holds_one_kind_and_set_replaces_either(backend: Backend) -> None:
    cache = backend.cache
    await cache.set("v", b"value")
    await cache.push_bounded("l", b"item", max_len=2, ttl=60)
    with pytest.raises(TypeError):
        await cache.range("v")
    with pytest.raises(TypeError):
        await cache.push_bounded("v", b"x", max_len=2, ttl=60)
    with pytest.raises(TypeError):
        await cache.get("l")
    await cache.set("l", b"now a value")
    assert await cache.get("l") == b"now a value"
    assert await cache.get("v") == b"value"


# --- namespaces ---------------------------------------------------------------------------------------------------


async def test_namespaces_do_not_share_keys(backend: Backend) -> None:
    ours, theirs = backend.cache, backend.sibling()
    await ours.set("shared-name", b"ours")
    await theirs.set("shared-name", b"theirs")
    await ours.push_bounded("list", b"ours", max_len=3, ttl=60)
    assert await ours.get("shared-name") == b"ours"
    assert await theirs.get("shared-name") == b"theirs"
    assert await theirs.range("list") == []
    assert await theirs.delete("shared-name", "list") == 1
    assert await ours.get("shared-name") == b"ours"
    assert await ours.range("list") == [b"ours"]


async def test_close_is_idempotent(backend: Backend) -> None:
    cache = backend.sibling()
    await cache.set("k", b"v")
    await cache.close()
    await cache.close()


# --- in-process specifics -----------------------------------------------------------------------------------------


async def test_in_process_evicts_the_least_recently_used_key_beyond_max_entries() -> None:
    cache = InProcessCache(max_entries=3)
    for key in ("a", "b", "c"):
        await cache.set(key, key.encode())
    assert await cache.get("a") == b"a"  # "b" is now the least recently used
    await cache.push_bounded("d", b"d", max_len=1, ttl=60)
    assert len(cache) == 3
    assert await cache.get("b") is None
    assert [await cache.get(k) for k in ("a", "c")] == [b"a", b"c"]
    assert await cache.range("d") == [b"d"]


async def test_in_process_reclaims_expired_keys_nobody_reads() -> None:
    clock = FakeClock()
    cache = InProcessCache(max_entries=100, clock=clock)
    for i in range(50):
        await cache.set(f"session-{i}", b"v", ttl=1)
        await cache.push_bounded("turns", b"t", max_len=5, ttl=1)
    await clock.advance(2)
    await cache.set("fresh", b"v")
    assert len(cache) == 1
    # Expired keys make room before any live key is evicted.
    for i in range(99):
        await cache.set(f"live-{i}", b"v")
    assert await cache.get("fresh") == b"v"


async def test_in_process_holds_at_most_max_bytes_evicting_the_least_recently_used() -> None:
    clock = FakeClock()
    cache = InProcessCache(max_bytes=1000, clock=clock)
    await cache.set("old", b"o" * 400)
    for _ in range(4):  # 4 x 150 bytes, one list
        await cache.push_bounded("turns", b"t" * 150, max_len=10, ttl=60)
    assert cache.bytes_held == 1000
    await cache.set("new", b"n" * 100)  # 1100 bytes: the least recently used key goes
    assert await cache.get("old") is None and cache.bytes_held == 700
    await cache.push_bounded("turns", b"t" * 150, max_len=2, ttl=60)  # the bound trims the list to 2 x 150
    assert cache.bytes_held == 400
    await cache.set("new", b"m" * 10)  # a rewrite counts its new size only
    assert cache.bytes_held == 310
    assert await cache.delete("turns") == 1 and cache.bytes_held == 10
    await cache.set("brief", b"b" * 50, ttl=1)
    await clock.advance(2)
    assert await cache.get("brief") is None and cache.bytes_held == 10  # an expired key gives its bytes back


async def test_in_process_rejects_a_non_positive_bound() -> None:
    with pytest.raises(ValueError, match="max_entries"):
        InProcessCache(max_entries=0)


# --- Redis specifics ----------------------------------------------------------------------------------------------


@pytest.mark.redis
async def test_redis_keys_live_under_the_namespace_prefix_with_ttls_in_redis() -> None:
    url = require_env("SOMA_TEST_REDIS_URL")
    namespace = f"test-{uuid.uuid4().hex}"
    cache = RedisCache(url, namespace)
    raw = Redis.from_url(url)
    try:
        await cache.set("v", b"1", ttl=30)
        await cache.set("forever", b"1")
        await cache.push_bounded("l", b"x", max_len=2, ttl=30)
        assert sorted(await raw.keys(f"soma:{namespace}:*")) == [
            f"soma:{namespace}:{key}".encode() for key in ("forever", "l", "v")
        ]
        assert 0 < await raw.pttl(f"soma:{namespace}:v") <= 30_000
        assert 0 < await raw.pttl(f"soma:{namespace}:l") <= 30_000
        assert await raw.pttl(f"soma:{namespace}:forever") == -1
    finally:
        await cache.close()
        await raw.aclose()
        await _drop_namespaces(url, [namespace])


def test_open_cache_picks_redis_by_url_else_in_process(tmp_path: Path) -> None:
    assert isinstance(open_cache(Settings(home=tmp_path, redis_url=None), namespace="memory"), InProcessCache)
    cache = open_cache(Settings(home=tmp_path, redis_url="redis://127.0.0.1:1/0"), namespace="memory")
    assert isinstance(cache, RedisCache)
    assert cache.namespace == "soma_dev:memory"
    # Deployments sharing one Redis are kept apart by the same prefix that separates their PostgreSQL schemas.
    other = open_cache(
        Settings(home=tmp_path, redis_url="redis://127.0.0.1:1/0", db_schema_prefix="t1_"), namespace="memory"
    )
    assert isinstance(other, RedisCache) and other.namespace == "t1_dev:memory"
    with pytest.raises(ValueError, match="namespace"):
        RedisCache("redis://127.0.0.1:1/0", "")


# --- outages ------------------------------------------------------------------------------------------------------


def _assert_unavailable(error: Unavailable, namespace: str) -> None:
    assert isinstance(error, CacheUnavailable)
    assert error.code is Code.UNAVAILABLE
    assert error.reason == "SERVICE_UNAVAILABLE"
    assert error.metadata == {"dependency": "cache", "namespace": namespace}
    assert error.retry_after is not None and error.retry_after > 0
    # What a servicer would send: UNAVAILABLE with the reason, so clients know to retry.
    status = to_rpc_status(error, domain="memory", request_id="")
    assert status.code == code_pb2.UNAVAILABLE
    assert error_reason(status) == "SERVICE_UNAVAILABLE"


async def _every_operation_fails_unavailable(cache: RedisCache) -> None:
    calls: list[Callable[[], Awaitable[object]]] = [
        lambda: cache.get("k"),
        lambda: cache.set("k", b"v", ttl=1),
        lambda: cache.delete("k"),
        lambda: cache.push_bounded("k", b"v", max_len=2, ttl=1),
        lambda: cache.range("k"),
        lambda: cache.incr("k", 1, ttl=1),
    ]
    for call in calls:
        with pytest.raises(Unavailable) as caught:
            await call()
        _assert_unavailable(caught.value, cache.namespace)


async def test_redis_on_a_closed_port_raises_unavailable() -> None:
    (port,) = free_ports(1)
    cache = RedisCache(f"redis://:secret@127.0.0.1:{port}/0", "down")
    try:
        started = time.monotonic()
        await _every_operation_fails_unavailable(cache)
        assert time.monotonic() - started < 2
        with pytest.raises(Unavailable) as caught:
            await cache.get("k")
        assert str(port) not in caught.value.message
        assert "secret" not in caught.value.message
    finally:
        await cache.close()


async def test_redis_that_accepts_but_never_answers_times_out_as_unavailable() -> None:
    async def swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while await reader.read(4096):
                pass
        writer.close()

    server = await asyncio.start_server(swallow, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    cache = RedisCache(f"redis://127.0.0.1:{port}/0", "silent", timeout=0.1, retries=0)
    try:
        started = time.monotonic()
        with pytest.raises(Unavailable) as caught:
            await cache.get("k")
        _assert_unavailable(caught.value, "silent")
        assert time.monotonic() - started < 1
    finally:
        await cache.close()
        server.close()
        await server.wait_closed()


@contextlib.contextmanager
def _redis_server(port: int, workdir: Path) -> Iterator[subprocess.Popen[bytes]]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: cannot stage an outage")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=5)


async def _until_answers(cache: RedisCache, within: float = 3.0) -> None:
    deadline = time.monotonic() + within
    while True:
        try:
            await cache.get("probe")
            return
        except Unavailable:
            if time.monotonic() >= deadline:
                raise
            await asyncio.sleep(0.02)


async def test_redis_going_away_raises_unavailable_and_the_cache_recovers_when_it_returns(tmp_path: Path) -> None:
    (port,) = free_ports(1)
    cache = RedisCache(f"redis://127.0.0.1:{port}/0", "outage", timeout=0.5)
    try:
        with _redis_server(port, tmp_path):
            await _until_answers(cache)
            await cache.set("k", b"before")
        # The pool still holds connections to the dead server: they must fail over to Unavailable too.
        await _every_operation_fails_unavailable(cache)
        with _redis_server(port, tmp_path):
            await _until_answers(cache)
            await cache.set("k", b"after")
            assert await cache.get("k") == b"after"
    finally:
        await cache.close()
