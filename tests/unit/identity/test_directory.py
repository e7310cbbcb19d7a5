"""Tenants, users and memberships: validation, conflicts, owner rules, etags, paging."""

import pytest

from somastack.identity.model import Role, UserState
from somastack.platform.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from tests.unit.identity.conftest import World


async def seed(world: World) -> None:
    await world.directory.create_tenant("acme", "Acme")
    await world.directory.create_user(
        world.platform, "tenants/acme", "olga", display_name="Olga", email="olga@acme.io", role=Role.OWNER
    )


async def test_create_and_read_a_tenant(world: World) -> None:
    tenant = await world.directory.create_tenant("acme", "  Acme Inc ")
    assert tenant.name == "tenants/acme" and tenant.display_name == "Acme Inc"
    assert (await world.directory.get_tenant("tenants/acme")).created_at == world.clock.now
    with pytest.raises(AlreadyExists) as caught:
        await world.directory.create_tenant("acme", "Again")
    assert caught.value.reason == "TENANT_EXISTS"
    with pytest.raises(NotFound) as missing:
        await world.directory.get_tenant("tenants/nope")
    assert missing.value.reason == "TENANT_NOT_FOUND"
    assert missing.value.resource is not None and missing.value.resource.name == "tenants/nope"


async def test_bad_input_names_the_field(world: World) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await world.directory.create_tenant("Bad_Id", "x")
    assert caught.value.violations[0].field == "tenant_id"
    with pytest.raises(InvalidArgument) as blank:
        await world.directory.create_tenant("acme", "  ")
    assert blank.value.violations[0].field == "tenant.display_name"


async def test_users_are_unique_by_id_and_email_within_a_tenant(world: World) -> None:
    await seed(world)
    with pytest.raises(AlreadyExists):
        await world.directory.create_user(
            world.platform, "tenants/acme", "olga", display_name="", email="", role=Role.MEMBER
        )
    with pytest.raises(AlreadyExists):
        await world.directory.create_user(
            world.platform, "tenants/acme", "o2", display_name="", email="OLGA@acme.io", role=Role.MEMBER
        )
    await world.directory.create_tenant("globex", "Globex")
    # The same id and e-mail in another tenant is another user.
    await world.directory.create_user(
        world.platform, "tenants/globex", "olga", display_name="", email="olga@acme.io", role=Role.MEMBER
    )
    with pytest.raises(NotFound) as caught:
        await world.directory.create_user(
            world.platform, "tenants/nope", "x", display_name="", email="", role=Role.MEMBER
        )
    assert caught.value.reason == "TENANT_NOT_FOUND"


async def test_only_owners_grant_the_owner_role(world: World) -> None:
    await seed(world)
    await world.directory.create_user(
        world.platform, "tenants/acme", "adam", display_name="", email="", role=Role.ADMIN
    )
    adam = world.principal("acme", "adam", world.directory._caps.of_role(Role.ADMIN))
    with pytest.raises(PermissionDenied) as caught:
        await world.directory.create_user(adam, "tenants/acme", "eve", display_name="", email="", role=Role.OWNER)
    assert caught.value.reason == "GRANT_NOT_ALLOWED"
    olga = world.principal("acme", "olga")
    await world.directory.create_user(olga, "tenants/acme", "eve", display_name="", email="", role=Role.OWNER)


async def test_membership_update_uses_etags_and_keeps_an_owner(world: World) -> None:
    await seed(world)
    await world.directory.create_user(
        world.platform, "tenants/acme", "bob", display_name="", email="", role=Role.MEMBER
    )
    bob = await world.directory.get_membership("tenants/acme/memberships/bob")
    assert "identity.users.read" in world.directory.capabilities_of(bob)
    assert "identity.users.write" not in world.directory.capabilities_of(bob)
    updated = await world.directory.update_membership(
        world.platform, bob.name, role=Role.MEMBER, extras=["identity.users.write"], etag=bob.etag
    )
    assert updated.extra_capabilities == ("identity.users.write",)
    assert updated.etag != bob.etag
    with pytest.raises(Aborted) as stale:
        await world.directory.update_membership(world.platform, bob.name, role=Role.ADMIN, extras=[], etag=bob.etag)
    assert stale.value.reason == "ETAG_MISMATCH"
    with pytest.raises(InvalidArgument) as unknown:
        await world.directory.update_membership(
            world.platform, bob.name, role=Role.ADMIN, extras=["platform.keys.rotate"], etag=""
        )
    assert unknown.value.violations[0].field == "membership.extra_capabilities[0]"
    with pytest.raises(FailedPrecondition) as last:
        await world.directory.update_membership(
            world.principal("acme", "olga"), "tenants/acme/memberships/olga", role=Role.ADMIN, extras=[], etag=""
        )
    assert last.value.reason == "LAST_OWNER"


async def test_an_admin_cannot_grant_what_it_lacks(world: World) -> None:
    await seed(world)
    await world.directory.create_user(
        world.platform, "tenants/acme", "bob", display_name="", email="", role=Role.MEMBER
    )
    weak = world.principal("acme", "olga", frozenset({"identity.memberships.write"}))
    with pytest.raises(PermissionDenied) as caught:
        await world.directory.update_membership(
            weak, "tenants/acme/memberships/bob", role=Role.MEMBER, extras=["identity.users.write"], etag=""
        )
    assert caught.value.reason == "GRANT_NOT_ALLOWED"


async def test_disabling_the_last_owner_is_refused(world: World) -> None:
    await seed(world)
    with pytest.raises(FailedPrecondition):
        await world.directory.disable_user(world.platform, "tenants/acme/users/olga")
    await world.directory.create_user(
        world.platform, "tenants/acme", "bob", display_name="", email="", role=Role.MEMBER
    )
    assert (await world.directory.disable_user(world.platform, "tenants/acme/users/bob")).state is UserState.DISABLED


async def test_listing_pages_in_id_order(world: World) -> None:
    await seed(world)
    for i in range(5):
        await world.directory.create_user(
            world.platform, "tenants/acme", f"u{i}", display_name="", email="", role=Role.MEMBER
        )
    first = await world.directory.list_users("tenants/acme", 4, "")
    assert [u.id for u in first.items] == ["olga", "u0", "u1", "u2"]
    second = await world.directory.list_users("tenants/acme", 4, first.next_page_token)
    assert [u.id for u in second.items] == ["u3", "u4"] and second.next_page_token == ""
