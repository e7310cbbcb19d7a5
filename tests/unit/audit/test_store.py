"""The chain store on SQLite through its migration: appends, listings, filters, verification, append-only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.ext.asyncio import AsyncEngine

from somastack.audit.adapters.sql_store import DOMAIN, SqlAuditLog, append
from somastack.audit.model import PLATFORM, Filter
from somastack.audit.service import AuditBook
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.errors import InvalidArgument
from somastack.platform.migrations import upgrade_async
from tests.unit.audit.test_chain import entry


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, DOMAIN)
    engine = create_engine(settings, DOMAIN)
    yield engine
    await engine.dispose()


async def fill(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        for n in range(6):
            tenant = "acme" if n % 2 == 0 else "umbrella"
            await append(connection, replace(entry(n, tenant), code="OK" if n < 4 else "PERMISSION_DENIED"))
        await append(connection, replace(entry(9, PLATFORM), rpc="soma.identity.v1.IdentityService.CreateTenant"))


async def test_each_tenant_has_its_own_chain(engine: AsyncEngine) -> None:
    await fill(engine)
    book = AuditBook(SqlAuditLog(engine))
    links, token = await book.list("tenants/acme", Filter(), 0, "")
    assert token == ""
    assert [(link.entry.event_id, link.sequence) for link in links] == [("e4", 3), ("e2", 2), ("e0", 1)]
    everything, _ = await book.list("tenants/-", Filter(), 0, "")
    assert len(everything) == 7 and everything[0].entry.tenant == PLATFORM
    verdict = await book.verify("tenants/-")
    assert (verdict.broken, verdict.checked) == (None, 7)
    assert set(verdict.heads) == {"acme", "umbrella", "-"}


async def test_a_redelivered_event_is_chained_once(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        assert await append(connection, entry(1)) is not None
        assert await append(connection, entry(1)) is None
    links, _ = await AuditBook(SqlAuditLog(engine)).list("tenants/acme", Filter(), 0, "")
    assert len(links) == 1


async def test_listings_filter_and_page(engine: AsyncEngine) -> None:
    await fill(engine)
    book = AuditBook(SqlAuditLog(engine))
    denied, _ = await book.list("tenants/-", Filter(code="PERMISSION_DENIED"), 0, "")
    assert [link.entry.event_id for link in denied] == ["e5", "e4"]
    timed, _ = await book.list("tenants/-", Filter(start_us=entry(2).time_us, end_us=entry(4).time_us), 0, "")
    assert [link.entry.event_id for link in timed] == ["e3", "e2"]
    created, _ = await book.list("tenants/-", Filter(rpc="soma.identity.v1.IdentityService.CreateTenant"), 0, "")
    assert [link.entry.event_id for link in created] == ["e9"]
    assert len((await book.list("tenants/acme", Filter(principal="tenants/acme/users/ada"), 0, ""))[0]) == 3
    assert (await book.list("tenants/acme", Filter(principal="tenants/acme/users/bob"), 0, ""))[0] == []
    first, token = await book.list("tenants/-", Filter(), 4, "")
    second, last = await book.list("tenants/-", Filter(), 4, token)
    assert len(first) == 4 and len(second) == 3 and last == ""
    assert {link.id for link in first}.isdisjoint({link.id for link in second})
    with pytest.raises(InvalidArgument):
        await book.list("tenants/-", Filter(start_us=5, end_us=5), 0, "")
    with pytest.raises(InvalidArgument):
        await book.list("acme", Filter(), 0, "")


async def test_the_table_is_append_only(engine: AsyncEngine) -> None:
    await fill(engine)
    for statement in ("UPDATE audit_records SET code = 'OK'", "DELETE FROM audit_records"):
        with pytest.raises(DatabaseError, match="append-only"):
            async with engine.begin() as connection:
                await connection.execute(text(statement))


@pytest.mark.parametrize(
    ("tamper", "sequence", "problem"),
    [
        (["UPDATE audit_records SET actor = 'tenants/acme/users/eve' WHERE event_id = 'e2'"], 2, "hash mismatch"),
        (["DELETE FROM audit_records WHERE event_id = 'e2'"], 3, "sequence gap"),
        (
            # Records 2 and 3 swap places.
            [
                "UPDATE audit_records SET sequence = -2 WHERE tenant = 'acme' AND sequence = 2",
                "UPDATE audit_records SET sequence = 2 WHERE tenant = 'acme' AND sequence = 3",
                "UPDATE audit_records SET sequence = 3 WHERE tenant = 'acme' AND sequence = -2",
            ],
            2,
            "hash mismatch",
        ),
    ],
)
async def test_tampering_is_found(engine: AsyncEngine, tamper: list[str], sequence: int, problem: str) -> None:
    await fill(engine)
    async with engine.begin() as connection:
        # Whoever tampers drops the guards first; the chain still shows it.
        await connection.execute(text("DROP TRIGGER audit_records_no_update"))
        await connection.execute(text("DROP TRIGGER audit_records_no_delete"))
        for statement in tamper:
            await connection.execute(text(statement))
    book = AuditBook(SqlAuditLog(engine))
    verdict = await book.verify("tenants/acme")
    assert verdict.broken is not None
    assert (verdict.broken.link.sequence, verdict.broken.problem.split(":")[0]) == (sequence, problem)
    assert (await book.verify("tenants/umbrella")).broken is None
