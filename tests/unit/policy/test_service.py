"""Policy use cases: compiled constitutions cached by checksum, invalidation, the checksum header, overrides in SQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from somastack.config import Settings
from somastack.platform.cache import InProcessCache
from somastack.platform.db import create_engine
from somastack.platform.errors import FailedPrecondition, InvalidArgument
from somastack.platform.migrations import upgrade_async
from somastack.policy.adapters.sql_store import SqlOverrideStore
from somastack.policy.model import Action, ActiveConstitution, Credentials, Decision, Inquiry, RuleSpec, Subject
from somastack.policy.service import PolicyEngine
from tests.conftest import require_env

DELETE = RuleSpec("deletes", 'action.name == "memory.delete"', 0.6, "DELETE")
NO_CREDENTIALS = Credentials()


class SwitchableSource:
    """The constitution service's answer, as the test sets it; counts the fetches."""

    def __init__(self) -> None:
        self.current: ActiveConstitution | None = None
        self.calls = 0

    def activate(self, checksum: str, *rules: RuleSpec, allow_below: float = 0.3, deny_above: float = 0.7) -> None:
        self.current = ActiveConstitution(checksum * 64, checksum, rules, allow_below, deny_above)

    async def active(self, credentials: Credentials) -> ActiveConstitution:
        self.calls += 1
        await asyncio.sleep(0)
        if self.current is None:
            raise FailedPrecondition("CONSTITUTION_NOT_FOUND", "no constitution is active")
        return self.current


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class World:
    engine: PolicyEngine
    source: SwitchableSource
    clock: Clock


@pytest.fixture(params=["sqlite", "postgres"])
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=prefix)
    await upgrade_async(settings, "policy")
    db = create_engine(settings, "policy")
    source, clock = SwitchableSource(), Clock()
    cache = InProcessCache(clock=clock)
    yield World(PolicyEngine(source, SqlOverrideStore(db), cache, active_ttl=30.0, clock=clock), source, clock)
    await cache.close()
    await db.dispose()
    if url is not None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(f'DROP SCHEMA IF EXISTS "{prefix}policy" CASCADE')
        finally:
            await connection.close()


def delete_action(**subject: str) -> Inquiry:
    return Inquiry(Action("memory.delete"), Subject(**subject))


async def test_no_active_constitution_is_a_failed_precondition(world: World) -> None:
    with pytest.raises(FailedPrecondition) as caught:
        await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    assert caught.value.reason == "CONSTITUTION_NOT_FOUND"


async def test_the_compiled_constitution_is_reused_until_forgotten(world: World) -> None:
    world.source.activate("a", DELETE)
    first = await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    assert first.decision is Decision.REQUIRE_APPROVAL and world.source.calls == 1

    # A new constitution is not seen until the event drops the pointer...
    world.source.activate("b", RuleSpec("deletes", 'action.name == "memory.delete"', 0.9, "DELETE"))
    stale = await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    assert stale.checksum == "a" * 64
    await world.engine.forget_active()
    fresh = await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    assert (fresh.checksum, fresh.decision, world.source.calls) == ("b" * 64, Decision.DENY, 2)

    # ...or until the pointer's TTL runs out, for a replica that missed the event.
    world.source.activate("a", DELETE)
    world.clock.now += 31
    back = await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    assert back.checksum == "a" * 64 and world.source.calls == 3


async def test_concurrent_misses_fetch_the_constitution_once(world: World) -> None:
    world.source.activate("a", DELETE)
    results = await asyncio.gather(*(world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS) for _ in range(20)))
    assert {r.checksum for r in results} == {"a" * 64} and world.source.calls == 1


async def test_a_checksum_header_the_cache_lacks_refreshes_it(world: World) -> None:
    world.source.activate("a", DELETE)
    await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    world.source.activate("b", DELETE)
    result = await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS, constitution="b" * 64)
    assert result.checksum == "b" * 64 and world.source.calls == 2
    # The known checksum needs no fetch.
    await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS, constitution="b" * 64)
    assert world.source.calls == 2

    with pytest.raises(FailedPrecondition) as caught:
        await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS, constitution="c" * 64)
    assert caught.value.reason == "CONSTITUTION_CHECKSUM_MISMATCH"
    assert caught.value.metadata == {"requested": "c" * 64, "active": "b" * 64}


async def test_overrides_are_per_tenant_and_take_effect_at_once(world: World) -> None:
    world.source.activate("a", DELETE)
    empty = await world.engine.get_overrides("acme")
    assert (dict(empty.weights), empty.updated_at, empty.updated_by) == ({}, None, "")
    assert (await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)).score == pytest.approx(0.6)

    stored = await world.engine.set_overrides(
        "acme", {"deletes": 1.5, "unknown-rule": 0.1}, actor="tenants/acme/users/o"
    )
    assert stored.updated_by == "tenants/acme/users/o" and stored.updated_at is not None
    got = await world.engine.get_overrides("acme")
    assert dict(got.weights) == {"deletes": 1.5, "unknown-rule": 0.1}
    acme = await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)
    assert (acme.score, acme.decision, acme.fired[0].overridden) == (1.5, Decision.DENY, True)
    other = await world.engine.evaluate("globex", delete_action(), NO_CREDENTIALS)
    assert other.score == pytest.approx(0.6) and not other.fired[0].overridden

    await world.engine.set_overrides("acme", {}, actor="tenants/acme/users/o")
    assert dict((await world.engine.get_overrides("acme")).weights) == {}
    assert (await world.engine.evaluate("acme", delete_action(), NO_CREDENTIALS)).score == pytest.approx(0.6)


async def test_bad_overrides_name_each_field(world: World) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await world.engine.set_overrides(
            "acme", {"Bad Id": 1.0, "nan": float("nan"), "huge": 1e6, "ok": 1.0}, actor="x"
        )
    assert {v.field for v in caught.value.violations} == {"weights['Bad Id']", "weights['nan']", "weights['huge']"}
    with pytest.raises(InvalidArgument) as too_many:
        await world.engine.set_overrides("acme", {f"r{i}": 0.0 for i in range(501)}, actor="x")
    assert too_many.value.violations[0].field == "weights"
    assert dict((await world.engine.get_overrides("acme")).weights) == {}  # nothing stored


async def test_bad_inquiries_name_each_field(world: World) -> None:
    world.source.activate("a", DELETE)
    bad = Inquiry(Action(" ", tool="t" * 201), Subject(tenant="globex", roles=("r",) * 65))
    with pytest.raises(InvalidArgument) as caught:
        await world.engine.evaluate("acme", bad, NO_CREDENTIALS)
    assert {v.field for v in caught.value.violations} == {
        "action.name",
        "action.tool",
        "subject.tenant",
        "subject.roles",
    }
    assert world.source.calls == 0  # input is checked before anything is fetched


async def test_the_subject_tenant_defaults_to_the_request_tenant(world: World) -> None:
    world.source.activate("a", RuleSpec("own", 'subject.tenant == "acme"', 0.5, "OWN"))
    result = await world.engine.evaluate("acme", Inquiry(Action("x")), NO_CREDENTIALS)
    assert [f.rule_id for f in result.fired] == ["own"]
