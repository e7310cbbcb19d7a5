"""Issuing tokens, the JWKS, and rotation: old keys verify until their tokens expire."""

import asyncio
import time
import uuid
from typing import Any, cast

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from somastack.identity.model import Role, SigningKey
from somastack.identity.ports import IdentityStore
from somastack.identity.tokens import TokenService
from somastack.platform.claims import MIN_REFRESH_INTERVAL
from somastack.platform.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied, Unauthenticated
from somastack.runtime.auth import TokenVerifier
from tests.unit.identity.conftest import World
from tests.unit.runtime.test_auth import make_token


async def seed(world: World) -> None:
    await world.directory.create_tenant("acme", "Acme")
    await world.directory.create_user(
        world.platform, "tenants/acme", "bob", display_name="", email="", role=Role.MEMBER
    )


def verifier(world: World) -> TokenVerifier:
    return TokenVerifier(world.tokens, issuer="soma-identity", audience="soma", leeway=0, clock=world.clock)


async def test_a_token_carries_the_claims_a_service_needs(world: World) -> None:
    await seed(world)
    issued = await world.tokens.issue(world.platform, "tenants/acme/users/bob", [], 0)
    header = jwt.get_unverified_header(issued.token)
    claims = jwt.decode(issued.token, options={"verify_signature": False})
    assert header["alg"] == "EdDSA" and header["kid"] == issued.kid
    assert claims["iss"] == "soma-identity" and claims["aud"] == "soma"
    assert claims["sub"] == "tenants/acme/users/bob" and claims["tenant"] == "acme"
    # `iat` keeps its fraction (a revocation compares with it); `exp` is whole seconds.
    assert claims["iat"] == world.clock.now and claims["exp"] == int(world.clock.now + 3600)
    assert "identity.users.read" in claims["caps"] and "identity.users.write" not in claims["caps"]


async def test_tokens_narrow_but_never_widen(world: World) -> None:
    await seed(world)
    narrow = await world.tokens.issue(world.platform, "tenants/acme/users/bob", ["identity.users.read"], 60)
    assert narrow.capabilities == ("identity.users.read",)
    with pytest.raises(PermissionDenied) as caught:
        await world.tokens.issue(world.platform, "tenants/acme/users/bob", ["identity.users.write"], 60)
    assert caught.value.reason == "GRANT_NOT_ALLOWED"
    issuer = world.principal("acme", "olga", frozenset({"identity.tokens.issue"}))
    with pytest.raises(PermissionDenied):
        await world.tokens.issue(issuer, "tenants/acme/users/bob", [], 60)
    with pytest.raises(InvalidArgument):
        await world.tokens.issue(world.platform, "tenants/acme/users/bob", [], 10**9)
    with pytest.raises(NotFound):
        await world.tokens.issue(world.platform, "tenants/acme/users/nobody", [], 60)


async def test_disabled_users_get_no_tokens(world: World) -> None:
    await seed(world)
    await world.directory.disable_user(world.platform, "tenants/acme/users/bob")
    with pytest.raises(FailedPrecondition) as caught:
        await world.tokens.issue(world.platform, "tenants/acme/users/bob", [], 60)
    assert caught.value.reason == "USER_DISABLED"


async def test_rotation_keeps_old_tokens_valid_until_the_window_closes(world: World) -> None:
    await seed(world)
    old = await world.tokens.issue(world.platform, "tenants/acme/users/bob", [], 3600)
    active, retired = await world.tokens.rotate()
    assert retired == [old.kid] and active != old.kid
    new = await world.tokens.issue(world.platform, "tenants/acme/users/bob", [], 3600)
    assert new.kid == active
    assert [k.kid for k in await world.tokens.jwks()] == [active, old.kid]
    assert (await verifier(world).verify(old.token)).subject == "tenants/acme/users/bob"
    # Past the verify window the retired key leaves the JWKS and its tokens stop verifying.
    world.clock.now += 86400 + 1
    assert [k.kid for k in await world.tokens.jwks()] == [active]
    with pytest.raises(Unauthenticated) as caught:
        await verifier(world).verify(old.token)
    assert caught.value.reason == "TOKEN_INVALID"


def replica(world: World, store: IdentityStore) -> TokenService:
    """Another identity process on the same store."""
    return TokenService(
        store,
        world.directory,
        issuer="soma-identity",
        audience="soma",
        default_ttl=3600,
        max_ttl=86400,
        verify_window=86400,
        clock=world.clock,
    )


async def test_a_key_rotated_by_another_replica_verifies_here_and_is_in_this_jwks(world: World) -> None:
    await seed(world)
    other = replica(world, world.store)
    await other.ensure_key()
    old = await world.tokens.issue(world.platform, "tenants/acme/users/bob", [], 3600)
    active, _ = await world.tokens.rotate()
    new = await world.tokens.issue(world.platform, "tenants/acme/users/bob", [], 3600)
    check = TokenVerifier(other, issuer="soma-identity", audience="soma", leeway=0, clock=world.clock)
    assert (await check.verify(new.token)).subject == "tenants/acme/users/bob"
    assert (await check.verify(old.token)).subject == "tenants/acme/users/bob"
    assert [k.kid for k in await other.jwks()] == [active, old.kid]


class CountingStore:
    """The real store, counting reads of the signing keys."""

    def __init__(self, store: IdentityStore) -> None:
        self._store = store
        self.key_reads = 0

    async def signing_keys(self) -> list[SigningKey]:
        self.key_reads += 1
        return await self._store.signing_keys()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


async def test_forged_kids_read_the_key_store_a_few_times_a_second_at_most(world: World) -> None:
    store = CountingStore(world.store)
    tokens = replica(world, cast(IdentityStore, store))
    await tokens.ensure_key()
    check = TokenVerifier(tokens, issuer="soma-identity", audience="soma", leeway=0, clock=world.clock)
    forger = Ed25519PrivateKey.generate()
    reads_before = store.key_reads
    began = time.monotonic()

    async def forged() -> str:
        with pytest.raises(Unauthenticated) as caught:
            await check.verify(make_token(forger, kid=uuid.uuid4().hex))
        return caught.value.reason

    flood: list[asyncio.Task[str]] = []
    for _ in range(20):  # 100 forged tokens over half a second
        flood += [asyncio.create_task(forged()) for _ in range(5)]
        await asyncio.sleep(0.025)
    assert set(await asyncio.gather(*flood)) == {"TOKEN_INVALID"}
    reads = store.key_reads - reads_before
    assert 1 <= reads <= (time.monotonic() - began) / MIN_REFRESH_INTERVAL + 2, reads
