"""The kept constitution checksum: read once, forgotten on `constitution.updated`, after its TTL, and never kept
from a read that a `forget` overtook."""

from __future__ import annotations

import asyncio

import pytest

from somastack.orchestrator.adapters.checksum_cache import CachedChecksum
from somastack.orchestrator.model import Credentials
from somastack.platform.errors import FailedPrecondition

OLD, NEW = "a" * 64, "b" * 64
CALLER = Credentials("tenants/acme/users/ada", "token")


class Source:
    """The constitution service: its active checksum, the reads it answered, and an optional gate on them."""

    def __init__(self, active: str | None) -> None:
        self.active = active
        self.reads = 0
        self.gate: asyncio.Event | None = None

    async def checksum(self, credentials: Credentials, *, expected: str = "") -> str:
        self.reads += 1
        answer = self.active
        if self.gate is not None:
            await self.gate.wait()
        if answer is None:
            raise FailedPrecondition("CONSTITUTION_NOT_FOUND", "none is active")
        return answer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_reads_once_then_answers_from_the_kept_checksum() -> None:
    source = Source(OLD)
    cache = CachedChecksum(source)
    assert [await cache.checksum(CALLER) for _ in range(3)] == [OLD, OLD, OLD]
    assert await cache.checksum(CALLER, expected=OLD) == OLD
    assert source.reads == 1


async def test_forget_makes_the_next_session_read_the_new_checksum() -> None:
    source = Source(OLD)
    cache = CachedChecksum(source)
    assert await cache.checksum(CALLER) == OLD
    source.active = NEW
    assert await cache.checksum(CALLER) == OLD  # no event yet
    cache.forget()
    assert await cache.checksum(CALLER) == NEW
    assert source.reads == 2


async def test_a_request_naming_another_checksum_is_checked_against_the_service() -> None:
    source = Source(OLD)
    cache = CachedChecksum(source)
    assert await cache.checksum(CALLER) == OLD
    source.active = NEW  # loaded; its event has not arrived
    assert await cache.checksum(CALLER, expected=NEW) == NEW
    assert await cache.checksum(CALLER) == NEW  # what the service answered is kept
    assert await cache.checksum(CALLER, expected="0" * 64) == NEW  # a wrong one is read again, and refused later
    assert source.reads == 3


async def test_a_read_overtaken_by_forget_keeps_nothing() -> None:
    source = Source(OLD)
    source.gate = asyncio.Event()
    cache = CachedChecksum(source)
    reading = asyncio.ensure_future(cache.checksum(CALLER))
    await asyncio.sleep(0)  # the read has the old answer and waits for the wire
    source.active = NEW
    cache.forget()
    source.gate.set()
    assert await reading == OLD  # that session saw the old one, as it would have without a cache
    assert await cache.checksum(CALLER) == NEW
    assert source.reads == 2


async def test_the_kept_checksum_expires_after_its_ttl() -> None:
    source, clock = Source(OLD), Clock()
    cache = CachedChecksum(source, ttl=30.0, clock=clock)
    assert await cache.checksum(CALLER) == OLD
    source.active = NEW
    clock.now += 29.9
    assert await cache.checksum(CALLER) == OLD
    clock.now += 0.2
    assert await cache.checksum(CALLER) == NEW
    assert source.reads == 2


async def test_failures_are_not_kept() -> None:
    source = Source(None)
    cache = CachedChecksum(source)
    for _ in range(2):
        with pytest.raises(FailedPrecondition):
            await cache.checksum(CALLER)
    source.active = OLD
    assert await cache.checksum(CALLER) == OLD
    assert source.reads == 3
