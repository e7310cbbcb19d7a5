"""The hash chain: appending links, and a walk that finds an edited, deleted or reordered record."""

from __future__ import annotations

from dataclasses import replace

from somastack.audit import chain
from somastack.audit.model import Entry, Link


def entry(n: int, tenant: str = "acme") -> Entry:
    return Entry(
        event_id=f"e{n}",
        tenant=tenant,
        kind="RPC",
        actor="tenants/acme/users/ada",
        subject="tenants/acme/users/ada",
        rpc="soma.identity.v1.IdentityService.CreateUser",
        resource="tenants/acme",
        code="OK",
        reason="",
        request_id=f"r{n}",
        client_type="cli",
        constitution="abc",
        time_us=1_700_000_000_000_000 + n,
        service="identity",
    )


def chained(count: int) -> list[Link]:
    links: list[Link] = []
    for n in range(count):
        links.append(chain.link(entry(n), links[-1] if links else None))
    return links


def test_links_number_from_one_and_name_the_previous_hash() -> None:
    links = chained(3)
    assert [link.sequence for link in links] == [1, 2, 3]
    assert links[0].previous_hash == ""
    assert links[1].previous_hash == links[0].hash and links[2].previous_hash == links[1].hash
    assert all(len(link.hash) == 64 for link in links)
    assert len({link.hash for link in links}) == 3


def test_an_intact_chain_walks_to_its_head() -> None:
    links = chained(5)
    walk = chain.walk(links)
    assert (walk.broken, walk.checked, walk.head) == (None, 5, links[-1].hash)
    assert chain.walk([]).broken is None


def test_the_hash_covers_every_field_and_the_link() -> None:
    one = entry(1)
    base = chain.digest(one, 1, "")
    for name in Entry.__dataclass_fields__:
        value = getattr(one, name)
        changed = replace(one, **{name: value + 1 if isinstance(value, int) else f"{value}x"})
        assert chain.digest(changed, 1, "") != base, name
    assert chain.digest(one, 2, "") != base
    assert chain.digest(one, 1, "0" * 64) != base


def test_an_edited_record_is_found() -> None:
    links = chained(5)
    links[2] = replace(links[2], entry=replace(links[2].entry, code="PERMISSION_DENIED"))
    walk = chain.walk(links)
    assert walk.broken is not None and walk.broken.link.sequence == 3
    assert walk.broken.problem.startswith("hash mismatch")
    assert walk.checked == 3


def test_a_record_edited_with_a_fresh_hash_breaks_the_next_link() -> None:
    links = chained(5)
    forged = replace(links[1].entry, actor="tenants/acme/users/mallory")
    links[1] = replace(links[1], entry=forged, hash=chain.digest(forged, 2, links[1].previous_hash))
    walk = chain.walk(links)
    assert walk.broken is not None and walk.broken.link.sequence == 3
    assert walk.broken.problem == "previous hash does not match record 2"


def test_a_deleted_record_is_found() -> None:
    links = chained(5)
    del links[2]
    walk = chain.walk(links)
    assert walk.broken is not None and walk.broken.link.sequence == 4
    assert walk.broken.problem == "sequence gap: expected record 3, found 4"


def test_a_deleted_first_record_is_found() -> None:
    walk = chain.walk(chained(3)[1:])
    assert walk.broken is not None and walk.broken.link.sequence == 2


def test_reordered_records_are_found() -> None:
    links = chained(5)
    # Swapping two records' places (their sequence numbers) changes the content both hashes cover.
    a, b = links[1], links[2]
    links[1], links[2] = replace(b, sequence=2), replace(a, sequence=3)
    walk = chain.walk(links)
    assert walk.broken is not None and walk.broken.link.entry.event_id == "e2"
    assert walk.broken.problem.startswith("hash mismatch")
    # Walking them out of order as they are stored is caught too.
    walk = chain.walk([links[0], chained(5)[2], chained(5)[1]])
    assert walk.broken is not None and walk.broken.problem == "sequence gap: expected record 2, found 3"


def test_the_canonical_form_is_stable() -> None:
    # A change here invalidates every stored chain: bump CANONICAL_VERSION and keep the old form readable instead.
    assert chain.canonical(entry(0), 1, "") == (
        b'{"actor":"tenants/acme/users/ada","client_type":"cli","code":"OK","constitution":"abc",'
        b'"event_id":"e0","kind":"RPC","previous_hash":"","reason":"","request_id":"r0",'
        b'"resource":"tenants/acme","rpc":"soma.identity.v1.IdentityService.CreateUser","sequence":1,'
        b'"service":"identity","subject":"tenants/acme/users/ada","tenant":"acme","time_us":1700000000000000,"v":1}'
    )
