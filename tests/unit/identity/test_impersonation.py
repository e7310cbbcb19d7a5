"""Impersonation: who may issue a token for someone else, what it carries, and what it cannot do."""

from dataclasses import replace

import jwt
import pytest

from somastack.identity.directory import IMPERSONATE_CAPABILITY
from somastack.identity.model import Role
from somastack.platform.errors import PermissionDenied
from somastack.platform.principal import Principal
from somastack.runtime.auth import TokenVerifier
from tests.unit.identity.conftest import World

OLGA = "tenants/acme/users/olga"
BOB = "tenants/acme/users/bob"


async def seed(world: World) -> None:
    await world.directory.create_tenant("acme", "Acme")
    for user, role in (("olga", Role.OWNER), ("ada", Role.ADMIN), ("bob", Role.MEMBER)):
        await world.directory.create_user(world.platform, "tenants/acme", user, display_name="", email="", role=role)


def verifier(world: World) -> TokenVerifier:
    return TokenVerifier(world.tokens, issuer="soma-identity", audience="soma", leeway=0, clock=world.clock)


async def test_a_token_for_someone_else_names_its_actor_and_one_for_oneself_does_not(world: World) -> None:
    await seed(world)
    impersonation = await world.tokens.issue(world.platform, OLGA, [], 60)
    claims = jwt.decode(impersonation.token, options={"verify_signature": False})
    assert claims["sub"] == OLGA and claims["act"] == {"sub": "platform/admin"}
    principal = await verifier(world).verify(impersonation.token)
    assert principal.actor == "platform/admin" and principal.people == {OLGA, "platform/admin"}
    assert not principal.is_service

    own = world.principal("acme", "olga")
    mine = await world.tokens.issue(own, OLGA, ["identity.users.read"], 60)
    assert "act" not in jwt.decode(mine.token, options={"verify_signature": False})
    assert (await verifier(world).verify(mine.token)).actor is None


async def test_impersonation_needs_the_operator_capability(world: World) -> None:
    await seed(world)
    owner = world.principal("acme", "olga")
    assert IMPERSONATE_CAPABILITY not in owner.capabilities  # no tenant role grants it
    with pytest.raises(PermissionDenied) as caught:
        await world.tokens.issue(owner, "tenants/acme/users/ada", [], 60)
    assert caught.value.reason == "CAPABILITY_MISSING"
    assert caught.value.metadata == {"capability": IMPERSONATE_CAPABILITY}


async def test_impersonation_never_carries_more_than_the_impersonator(world: World) -> None:
    await seed(world)
    narrow = replace(
        world.platform, capabilities=frozenset({"identity.tokens.issue", IMPERSONATE_CAPABILITY, "identity.users.read"})
    )
    with pytest.raises(PermissionDenied) as caught:
        await world.tokens.issue(narrow, OLGA, [], 60)
    assert caught.value.reason == "GRANT_NOT_ALLOWED"
    issued = await world.tokens.issue(narrow, OLGA, ["identity.users.read"], 60)
    assert issued.capabilities == ("identity.users.read",)

    # A tenant user holding the capability (no role grants it) would still not reach above its own role.
    admin = world.principal("acme", "ada", world.directory._caps.of_role(Role.OWNER) | {IMPERSONATE_CAPABILITY})
    with pytest.raises(PermissionDenied) as above:
        await world.tokens.issue(admin, OLGA, ["identity.users.read"], 60)
    assert above.value.reason == "GRANT_NOT_ALLOWED" and above.value.metadata == {"role": "owner"}
    below = await world.tokens.issue(admin, BOB, ["identity.users.read"], 60)
    assert (await verifier(world).verify(below.token)).actor == "tenants/acme/users/ada"


async def test_an_impersonation_token_changes_no_role_membership_or_token(world: World) -> None:
    await seed(world)
    as_olga = await verifier(world).verify((await world.tokens.issue(world.platform, OLGA, [], 60)).token)
    membership = await world.directory.get_membership("tenants/acme/memberships/ada")
    attempts = [
        world.directory.update_membership(as_olga, membership.name, role=Role.OWNER, extras=(), etag=""),
        world.directory.create_user(as_olga, "tenants/acme", "eve", display_name="", email="", role=Role.OWNER),
        world.tokens.issue(as_olga, OLGA, [], 60),
        world.tokens.issue(as_olga, BOB, [], 60),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as caught:
            await attempt
        assert caught.value.reason == "IMPERSONATION_NOT_ALLOWED"
        assert caught.value.metadata == {"actor": "platform/admin"}
    assert (await world.directory.get_membership(membership.name)).role is Role.ADMIN


def test_service_tokens_are_told_apart_from_people() -> None:
    service = Principal("services/orchestrator", "*", frozenset(), 0.0)
    person = Principal(OLGA, "acme", frozenset(), 0.0)
    assert service.is_service and not person.is_service
    assert not Principal("platform/admin", "*", frozenset(), 0.0).is_service
