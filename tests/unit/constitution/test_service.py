"""Constitution use cases on a real SQLite or PostgreSQL store, the real outbox and event log, an in-process cache."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

import asyncpg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from soma.constitution.v1 import constitution_pb2
from soma.events.v1.envelope_pb2 import Event
from somastack.config import Settings
from somastack.constitution.adapters.sql_store import SqlConstitutionStore, outbox
from somastack.constitution.canonical import checksum
from somastack.constitution.events import EVENT_TYPE, TOPIC
from somastack.constitution.model import (
    CHECKSUM_MISMATCH,
    QUORUM_NOT_MET,
    SIGNATURE_INVALID,
    VERSION_EXISTS,
    Document,
    PolicyRule,
    Principle,
    Signature,
    SignatureInvalid,
    Thresholds,
)
from somastack.constitution.service import ACTIVE_KEY, Constitutions, version_key
from somastack.constitution.signatures import TrustedSigners, signing_message
from somastack.platform.cache import open_cache
from somastack.platform.db import create_engine
from somastack.platform.errors import Aborted, AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from somastack.platform.events import EmbeddedLogBus, OutboxRelay, payload_of
from somastack.platform.migrations import upgrade_async
from tests.conftest import require_env

ADMIN = "platform/admin"


def document(version: str, *, expression: str = 'action.name == "memory.delete"') -> Document:
    return Document(
        version=version,
        title=f"Constitution {version}",
        principles=(Principle("honesty", "Agents never deceive their users."),),
        rules=(PolicyRule("deletes", "Deleting memories is risky", expression, 0.6, "MEMORY_DELETE"),),
        thresholds=Thresholds(0.3, 0.7),
    )


@dataclass
class World:
    settings: Settings
    constitutions: Constitutions
    store: SqlConstitutionStore
    keys: dict[str, Ed25519PrivateKey]
    relay: OutboxRelay
    bus: EmbeddedLogBus

    def sign(self, doc: Document, *signers: str) -> list[Signature]:
        digest = checksum(doc)
        return [Signature(s, self.keys[s].sign(signing_message(digest))) for s in signers]

    def trust(self, quorum: int, *signers: str) -> TrustedSigners:
        return TrustedSigners({s: self.keys[s].public_key() for s in signers}, quorum)

    async def outbox_rows(self) -> int:
        async with self.store._engine.connect() as connection:
            return int(await connection.scalar(select(func.count()).select_from(outbox)) or 0)

    async def events(self, group: str) -> list[constitution_pb2.ConstitutionUpdated]:
        await self.relay.relay_once()
        subscription = await self.bus.subscribe(group, [TOPIC])
        try:
            deliveries = await subscription.next(100, max_wait=0.5)
        finally:
            await subscription.close()
        out = []
        for delivery in deliveries:
            event = Event.FromString(delivery.record.value)
            assert event.type == EVENT_TYPE and event.tenant == "*"
            payload = payload_of(event, constitution_pb2.ConstitutionUpdated)
            assert payload is not None
            out.append(payload)
        return out


@pytest.fixture(params=["sqlite", "postgres"])
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    """The use cases on SQLite, then on PostgreSQL (in a schema of their own, dropped afterwards)."""
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=prefix)
    await upgrade_async(settings, "constitution")
    engine = create_engine(settings, "constitution")
    store = SqlConstitutionStore(engine)
    keys = {name: Ed25519PrivateKey.generate() for name in ("alice", "bob", "carol")}
    trust = TrustedSigners({name: key.public_key() for name, key in keys.items()}, 2)
    cache = open_cache(settings, namespace="constitution-test")
    bus = EmbeddedLogBus(tmp_path / "events.db")
    relay = OutboxRelay(engine, outbox, bus, domain="constitution")
    yield World(settings, Constitutions(store, trust, cache), store, keys, relay, bus)
    await bus.close()
    await cache.close()
    await engine.dispose()
    if url is not None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(f'DROP SCHEMA IF EXISTS "{prefix}constitution" CASCADE')
        finally:
            await connection.close()


async def test_load_activates_a_signed_document_and_announces_it(world: World) -> None:
    doc = document("1.0.0")
    with pytest.raises(NotFound) as nothing:
        await world.constitutions.get_active()
    assert nothing.value.reason == "CONSTITUTION_NOT_FOUND"

    outcome = await world.constitutions.load(ADMIN, doc, world.sign(doc, "alice", "bob"))
    assert outcome.changed and outcome.view.is_active
    active = await world.constitutions.get_active()
    assert active.stored.document == doc and active.stored.checksum == checksum(doc)
    assert active.signers == ("alice", "bob") and active.stored.loaded_by == ADMIN
    assert (await world.constitutions.get_checksum()).checksum == checksum(doc)

    # The same document again: nothing changes, nothing is announced.
    again = await world.constitutions.load(ADMIN, doc, world.sign(doc, "alice", "carol"))
    assert not again.changed and again.view.is_active
    assert await world.outbox_rows() == 1

    [event] = await world.events("reader")
    assert (event.checksum, event.version, event.previous_checksum) == (checksum(doc), "1.0.0", "")
    assert event.kind == constitution_pb2.ACTIVATION_KIND_LOAD
    assert await world.outbox_rows() == 0


async def test_rollback_reactivates_an_earlier_version_with_its_event(world: World) -> None:
    first, second = document("1"), document("2", expression='action.name == "memory.write"')
    await world.constitutions.load(ADMIN, first, world.sign(first, "alice", "bob"))
    await world.constitutions.load(ADMIN, second, world.sign(second, "bob", "carol"))
    assert (await world.constitutions.get_active()).stored.document.version == "2"

    back = await world.constitutions.rollback(ADMIN, version="1")
    assert back.changed and back.view.stored.document == first
    assert (await world.constitutions.get_active()).stored.checksum == checksum(first)
    forward = await world.constitutions.rollback(ADMIN, checksum=checksum(second))
    assert forward.changed and (await world.constitutions.get_checksum()).version == "2"
    assert not (await world.constitutions.rollback(ADMIN, version="2")).changed

    events = await world.events("history")
    assert [(e.version, e.previous_version, e.kind) for e in events] == [
        ("1", "", constitution_pb2.ACTIVATION_KIND_LOAD),
        ("2", "1", constitution_pb2.ACTIVATION_KIND_LOAD),
        ("1", "2", constitution_pb2.ACTIVATION_KIND_ROLLBACK),
        ("2", "1", constitution_pb2.ACTIVATION_KIND_ROLLBACK),
    ]
    assert events[2].previous_checksum == checksum(second)

    with pytest.raises(NotFound) as unknown:
        await world.constitutions.rollback(ADMIN, version="9")
    assert unknown.value.metadata["resource"] == "constitution/versions/9"
    with pytest.raises(InvalidArgument):
        await world.constitutions.rollback(ADMIN)


async def test_a_forged_signature_is_refused_naming_the_signer(world: World) -> None:
    doc = document("1")
    forged = Signature("bob", Ed25519PrivateKey.generate().sign(signing_message(checksum(doc))))
    with pytest.raises(SignatureInvalid) as caught:
        await world.constitutions.load(ADMIN, doc, [*world.sign(doc, "alice"), forged])
    assert caught.value.reason == SIGNATURE_INVALID and caught.value.code.value == "INVALID_ARGUMENT"
    assert caught.value.metadata == {"signerId": "bob"}
    assert [v.field for v in caught.value.violations] == ["signatures[1].signature"]
    # A signature of another document is just as invalid.
    other = document("2")
    with pytest.raises(SignatureInvalid):
        await world.constitutions.load(ADMIN, doc, [*world.sign(doc, "alice"), *world.sign(other, "bob")])
    assert await world.outbox_rows() == 0


async def test_too_few_trusted_signers_is_refused_with_have_and_need(world: World) -> None:
    doc = document("1")
    mallory = Signature("mallory", Ed25519PrivateKey.generate().sign(signing_message(checksum(doc))))
    with pytest.raises(FailedPrecondition) as caught:
        await world.constitutions.load(ADMIN, doc, [*world.sign(doc, "alice"), mallory])
    assert caught.value.reason == QUORUM_NOT_MET
    assert caught.value.metadata == {"have": "1", "need": "2", "signers": "alice", "untrusted": "mallory"}
    with pytest.raises(FailedPrecondition):
        await world.constitutions.load(ADMIN, doc, [])


async def test_a_malformed_document_and_bad_cel_are_refused_field_by_field(world: World) -> None:
    doc = replace(document("1", expression="action.name == 'x' &&"), title="")
    with pytest.raises(InvalidArgument) as caught:
        await world.constitutions.load(ADMIN, doc, world.sign(doc, "alice", "bob"))
    fields = {v.field: v.description for v in caught.value.violations}
    assert set(fields) == {"constitution.title", "constitution.rules[0].expression"}
    assert "Syntax error" in fields["constitution.rules[0].expression"]


async def test_a_version_belongs_to_one_document(world: World) -> None:
    first = document("1")
    await world.constitutions.load(ADMIN, first, world.sign(first, "alice", "bob"))
    impostor = document("1", expression="true")
    with pytest.raises(AlreadyExists) as caught:
        await world.constitutions.load(ADMIN, impostor, world.sign(impostor, "alice", "bob"))
    assert caught.value.reason == VERSION_EXISTS and caught.value.metadata["checksum"] == checksum(first)


async def test_expected_active_checksum_detects_concurrent_changes(world: World) -> None:
    first, second = document("1"), document("2", expression="true")
    await world.constitutions.load(ADMIN, first, world.sign(first, "alice", "bob"))
    with pytest.raises(Aborted) as caught:
        await world.constitutions.load(ADMIN, second, world.sign(second, "alice", "bob"), expected_active="0" * 64)
    assert caught.value.reason == "ETAG_MISMATCH" and caught.value.metadata["activeChecksum"] == checksum(first)
    done = await world.constitutions.load(
        ADMIN, second, world.sign(second, "alice", "bob"), expected_active=checksum(first)
    )
    assert done.changed
    # The refused load stored nothing: version 2 is the only other one.
    assert [v.stored.document.version for v in (await world.constitutions.list_versions(0, "")).items] == ["2", "1"]


async def test_concurrent_loads_serialise_and_chain_their_events(world: World) -> None:
    docs = [document(str(i), expression=f"context.level == {i}") for i in range(6)]
    await asyncio.gather(*(world.constitutions.load(ADMIN, d, world.sign(d, "alice", "bob")) for d in docs))
    events = await world.events("chain")
    assert len(events) == 6
    for before, after in itertools.pairwise(events):
        assert after.previous_checksum == before.checksum
    assert (await world.constitutions.get_checksum()).checksum == events[-1].checksum


async def test_rollback_checks_the_signers_trusted_now(world: World) -> None:
    first, second = document("1"), document("2", expression="true")
    await world.constitutions.load(ADMIN, first, world.sign(first, "alice", "bob"))
    await world.constitutions.load(ADMIN, second, world.sign(second, "alice", "carol"))
    # bob is no longer trusted: version 1 has only alice left, below the quorum of 2.
    stricter = Constitutions(world.store, world.trust(2, "alice", "carol"), open_cache(world.settings, namespace="s"))
    with pytest.raises(FailedPrecondition) as caught:
        await stricter.rollback(ADMIN, version="1")
    assert caught.value.metadata["have"] == "1" and caught.value.metadata["untrusted"] == "bob"


async def test_validate_reports_every_problem_without_loading(world: World) -> None:
    good = document("1")
    report = await world.constitutions.validate_document(good, world.sign(good, "alice", "bob"))
    assert report.valid and report.checksum == checksum(good) and report.signers == ("alice", "bob")
    assert not report.active and await world.outbox_rows() == 0

    bad = document("2", expression="nope(1)")
    forged = Signature("carol", b"\x00" * 64)
    report = await world.constitutions.validate_document(bad, [*world.sign(bad, "alice"), forged])
    assert [(p.field, p.reason) for p in report.problems] == [
        ("constitution.rules[0].expression", "FIELD_INVALID"),
        ("signatures[1].signature", SIGNATURE_INVALID),
        ("signatures", QUORUM_NOT_MET),
    ]

    await world.constitutions.load(ADMIN, good, world.sign(good, "alice", "bob"))
    clash = document("1", expression="true")
    report = await world.constitutions.validate_document(clash, world.sign(clash, "alice", "bob"))
    assert [(p.field, p.reason) for p in report.problems] == [("constitution.version", VERSION_EXISTS)]

    active = await world.constitutions.validate_checksum(checksum(good))
    assert active.valid and active.active and active.version == "1"
    stale = await world.constitutions.validate_checksum("f" * 64)
    assert not stale.valid and stale.problems[0].reason == CHECKSUM_MISMATCH
    assert stale.active_checksum == checksum(good)
    with pytest.raises(InvalidArgument):
        await world.constitutions.validate_checksum("not-a-checksum")


async def test_list_versions_pages_newest_first(world: World) -> None:
    for i in range(5):
        doc = document(f"{i}", expression=f"context.level == {i}")
        await world.constitutions.load(ADMIN, doc, world.sign(doc, "alice", "bob"))
    first = await world.constitutions.list_versions(2, "")
    assert [v.stored.document.version for v in first.items] == ["4", "3"] and first.items[0].is_active
    second = await world.constitutions.list_versions(2, first.next_page_token)
    third = await world.constitutions.list_versions(2, second.next_page_token)
    assert [v.stored.document.version for v in second.items + third.items] == ["2", "1", "0"]
    assert third.next_page_token == "" and not second.items[0].is_active
    with pytest.raises(InvalidArgument):
        await world.constitutions.list_versions(2, "garbage")


async def test_the_active_pointer_is_cached_until_invalidated(world: World) -> None:
    first, second = document("1"), document("2", expression="true")
    await world.constitutions.load(ADMIN, first, world.sign(first, "alice", "bob"))
    assert (await world.constitutions.get_checksum()).version == "1"
    # Another replica activates version 2 behind this one's back: this replica serves its cache ...
    other = Constitutions(world.store, world.trust(2, "alice", "bob"), open_cache(world.settings, namespace="o"))
    await other.load(ADMIN, second, world.sign(second, "alice", "bob"))
    assert (await world.constitutions.get_checksum()).version == "1"
    # ... until the constitution.updated event makes it forget the pointer; documents stay cached by checksum.
    await world.constitutions.forget_active()
    assert (await world.constitutions.get_active()).stored.document.version == "2"
    assert await world.constitutions._cache.get(ACTIVE_KEY) is not None


async def test_the_pointer_cache_expires_on_its_own(world: World) -> None:
    doc = document("1")
    constitutions = Constitutions(
        world.store, world.trust(1, "alice"), open_cache(world.settings, namespace="ttl"), active_ttl=0.2
    )
    await constitutions.load(ADMIN, doc, world.sign(doc, "alice"))
    await constitutions.get_checksum()
    assert await constitutions._cache.get(ACTIVE_KEY) is not None
    await asyncio.sleep(0.25)
    assert await constitutions._cache.get(ACTIVE_KEY) is None


async def test_redis_shares_the_pointer_between_replicas(world: World) -> None:
    url = require_env("SOMA_TEST_REDIS_URL")
    namespace = f"constitution-test-{uuid.uuid4().hex[:8]}"
    shared = Settings(home=world.settings.home, redis_url=url)
    trust = world.trust(2, "alice", "bob")
    caches = [open_cache(shared, namespace=namespace) for _ in range(2)]
    one, two = (Constitutions(world.store, trust, cache) for cache in caches)
    first, second = document("1"), document("2", expression="true")
    await one.load(ADMIN, first, world.sign(first, "alice", "bob"))
    assert (await two.get_checksum()).version == "1"  # cached in Redis by two
    await one.load(ADMIN, second, world.sign(second, "alice", "bob"))
    # one dropped the shared pointer after its activation, so two sees version 2 at once.
    assert (await two.get_active()).stored.document.version == "2"
    await caches[0].delete(ACTIVE_KEY, version_key(checksum(first)), version_key(checksum(second)))
    for cache in caches:
        await cache.close()


async def test_a_cache_outage_falls_back_to_the_store(world: World) -> None:
    # Nothing listens on port 1: every cache call fails, and reads still succeed from the store.
    down = open_cache(Settings(home=world.settings.home, redis_url="redis://127.0.0.1:1/0"), namespace="down")
    constitutions = Constitutions(world.store, world.trust(2, "alice", "bob"), down)
    doc = document("1")
    loaded = await constitutions.load(ADMIN, doc, world.sign(doc, "alice", "bob"))
    assert loaded.changed
    assert (await constitutions.get_active()).stored.checksum == checksum(doc)
    await down.close()
