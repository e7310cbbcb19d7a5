"""Working memory on the in-process cache with clocks the test controls: bounds, TTL, clearing, validation."""

from __future__ import annotations

import pytest

from somastack.memory.working import WorkingMemories
from somastack.platform.cache import InProcessCache
from somastack.platform.errors import FailedPrecondition, InvalidArgument


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


NAME = "tenants/acme/sessions/chat-1/workingMemory"


@pytest.fixture
def clocks() -> tuple[Clock, Clock]:
    """(wall clock of the use case, monotonic clock of the cache), advanced together by the tests."""
    return Clock(1_700_000_000.0), Clock(100.0)


@pytest.fixture
def working(clocks: tuple[Clock, Clock]) -> WorkingMemories:
    wall, monotonic = clocks
    return WorkingMemories(InProcessCache(clock=monotonic), max_items=3, ttl=60.0, clock=wall)


def advance(clocks: tuple[Clock, Clock], seconds: float) -> None:
    for clock in clocks:
        clock.now += seconds


async def test_keeps_the_newest_items_oldest_first(working: WorkingMemories, clocks: tuple[Clock, Clock]) -> None:
    await working.put(NAME, [("one", {}), ("two", {"role": "user"})])
    advance(clocks, 1)
    state = await working.put(NAME, [("three", {}), ("four", {}), ("five", {})])
    assert [i.text for i in state.items] == ["three", "four", "five"]
    assert (state.max_items, state.ttl) == (3, 60.0)
    assert state.expires_at == clocks[0].now + 60
    assert state.name == NAME


async def test_expires_ttl_after_the_last_change(working: WorkingMemories, clocks: tuple[Clock, Clock]) -> None:
    await working.put(NAME, [("remember me", {})])
    advance(clocks, 50)
    await working.put(NAME, [("and me", {})])
    advance(clocks, 50)
    assert [i.text for i in (await working.get(NAME)).items] == ["remember me", "and me"]
    advance(clocks, 11)
    expired = await working.get(NAME)
    assert expired.items == [] and expired.expires_at is None


async def test_sessions_and_tenants_are_separate_and_clear_counts(working: WorkingMemories) -> None:
    await working.put(NAME, [("a", {}), ("b", {})])
    assert (await working.get("tenants/acme/sessions/chat-2/workingMemory")).items == []
    assert (await working.get("tenants/globex/sessions/chat-1/workingMemory")).items == []
    assert await working.clear(NAME) == 2
    assert await working.clear(NAME) == 0
    assert (await working.get(NAME)).items == []


@pytest.mark.parametrize(
    ("name", "items", "field"),
    [
        ("tenants/acme/sessions/chat-1", [("x", {})], "name"),
        ("tenants/acme/sessions/Bad_Id/workingMemory", [("x", {})], "name"),
        (NAME, [], "items"),
        (NAME, [("x", {})] * 101, "items"),
        (NAME, [("ok", {}), (" ", {})], "items[1].text"),
        (NAME, [("ok", {"": "v"})], "items[0].metadata['']"),
    ],
)
async def test_bad_input_names_the_field(
    working: WorkingMemories, name: str, items: list[tuple[str, dict[str, str]]], field: str
) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await working.put(name, items)
    assert caught.value.violations[0].field == field


async def test_refuses_bytes_beyond_its_cap_and_takes_more_once_cleared(clocks: tuple[Clock, Clock]) -> None:
    wall, monotonic = clocks
    working = WorkingMemories(InProcessCache(clock=monotonic), max_items=50, ttl=60.0, max_bytes=2048, clock=wall)
    await working.put(NAME, [("a" * 900, {})])
    with pytest.raises(FailedPrecondition) as full:
        await working.put(NAME, [("b" * 900, {}), ("c" * 900, {})])
    assert full.value.reason == "WORKING_MEMORY_FULL"
    assert full.value.metadata["limitBytes"] == "2048" and int(full.value.metadata["usedBytes"]) > 2048
    assert [item.text[0] for item in (await working.get(NAME)).items] == ["a"]  # nothing of the refused call
    await working.put(NAME, [("b" * 900, {})])  # what fits is taken
    await working.clear(NAME)
    await working.put(NAME, [("d" * 900, {}), ("e" * 900, {})])
    assert [item.text[0] for item in (await working.get(NAME)).items] == ["d", "e"]


async def test_entries_the_item_bound_drops_do_not_count_against_the_bytes(clocks: tuple[Clock, Clock]) -> None:
    wall, monotonic = clocks
    working = WorkingMemories(InProcessCache(clock=monotonic), max_items=2, ttl=60.0, max_bytes=2500, clock=wall)
    for text in "abcdef":  # only the newest two stay, so the bytes never pass the cap
        await working.put(NAME, [(text * 1000, {})])
    assert [item.text[0] for item in (await working.get(NAME)).items] == ["e", "f"]


def _session(number: int) -> str:
    return f"tenants/acme/sessions/chat-{number}/workingMemory"


async def test_a_tenant_holds_at_most_its_bytes_across_sessions(clocks: tuple[Clock, Clock]) -> None:
    wall, monotonic = clocks
    working = WorkingMemories(
        InProcessCache(clock=monotonic), max_items=50, ttl=60.0, max_bytes=4096, max_tenant_bytes=10_000, clock=wall
    )
    for number in range(4):  # about 2,000 bytes each: 8,000 of the tenant's 10,000
        await working.put(_session(number), [("s" * 1000, {}), ("t" * 1000, {})])
    with pytest.raises(FailedPrecondition) as full:
        await working.put(_session(4), [("u" * 1500, {}), ("v" * 1500, {})])
    assert full.value.reason == "WORKING_MEMORY_FULL"
    assert full.value.metadata["scope"] == "tenant" and full.value.metadata["limitBytes"] == "10000"
    assert (await working.get(_session(4))).items == []  # nothing of the refused call
    await working.put("tenants/other/sessions/chat-4/workingMemory", [("o" * 3000, {})])  # another tenant's room
    await working.clear(_session(0))  # a cleared session's bytes are the tenant's again
    await working.put(_session(4), [("u" * 1500, {})])


async def test_a_tenant_bound_holds_across_windows_and_frees_as_sessions_expire(clocks: tuple[Clock, Clock]) -> None:
    wall, monotonic = clocks
    working = WorkingMemories(
        InProcessCache(clock=monotonic), max_items=50, ttl=60.0, max_bytes=4096, max_tenant_bytes=10_000, clock=wall
    )
    for number in range(4):
        await working.put(_session(number), [("s" * 2000, {})])
    advance(clocks, 45)  # into the next window (they start every 60 s of the wall clock, at ...020 here)
    for number in range(4):  # each keeps its entries alive, and moves its count to this window: all are taken
        await working.put(_session(number), [("k" * 10, {})])
    held = 0
    for number in range(4):
        held += sum(len(item.text) for item in (await working.get(_session(number))).items)
    with pytest.raises(FailedPrecondition):  # never above the bound, whichever window the puts fell in
        await working.put(_session(5), [("x" * (10_000 - held + 100), {})])
    advance(clocks, 125)  # every session expired and both windows passed
    for number in range(5, 8):  # the whole bound again, in new sessions
        await working.put(_session(number), [("x" * 3000, {})])
