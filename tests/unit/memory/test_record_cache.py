"""The record cache: bounded, applied memories only, and no stale fill after a Forget."""

from __future__ import annotations

from dataclasses import replace

from somastack.memory.model import Memory, MemoryKind, key_of, new_memory_id
from somastack.memory.record_cache import RecordCache


def memory(text: str, *, tenant: str = "acme", applied: bool = True) -> Memory:
    return Memory(tenant, new_memory_id(), MemoryKind.SEMANTIC, text, {}, 0.5, 0.0, applied=applied)


def test_lookup_splits_cached_from_missing_per_tenant() -> None:
    cache = RecordCache(10)
    a, b = memory("a"), memory("b")
    cache.fill("acme", [a, b], read_at=cache.epoch)
    found, missing = cache.lookup("acme", [a.key, b.key, 12345])
    assert found == {a.key: a, b.key: b} and missing == [12345]
    assert cache.lookup("globex", [a.key]) == ({}, [a.key])


def test_pending_memories_are_not_kept() -> None:
    cache = RecordCache(10)
    pending = memory("p", applied=False)
    cache.fill("acme", [pending], read_at=cache.epoch)
    assert cache.lookup("acme", [pending.key]) == ({}, [pending.key])
    cache.fill("acme", [replace(pending, applied=True)], read_at=cache.epoch)
    assert cache.lookup("acme", [pending.key])[0][pending.key].applied


def test_forget_drops_keys_and_refuses_a_read_that_overlapped_it() -> None:
    cache = RecordCache(10)
    a, b = memory("a"), memory("b")
    cache.fill("acme", [a], read_at=cache.epoch)
    read_at = cache.epoch  # a read of b starts
    cache.forget("acme", [key_of(a.id), key_of(b.id)])  # b is forgotten while the read runs
    cache.fill("acme", [b], read_at=read_at)
    assert cache.lookup("acme", [a.key, b.key]) == ({}, [a.key, b.key])
    cache.fill("acme", [b], read_at=cache.epoch)
    assert b.key in cache.lookup("acme", [b.key])[0]


def test_least_recently_used_go_first_and_size_zero_keeps_none() -> None:
    cache = RecordCache(2)
    a, b, c = memory("a"), memory("b"), memory("c")
    cache.fill("acme", [a, b], read_at=cache.epoch)
    cache.lookup("acme", [a.key])  # a is used again: b is now the oldest
    cache.fill("acme", [c], read_at=cache.epoch)
    assert len(cache) == 2
    assert cache.lookup("acme", [a.key, b.key, c.key])[1] == [b.key]
    off = RecordCache(0)
    off.fill("acme", [a], read_at=off.epoch)
    assert len(off) == 0
