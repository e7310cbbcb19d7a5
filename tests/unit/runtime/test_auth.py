"""Token verification: EdDSA signatures, expiry, audience, unknown keys, and the verified-token cache.

The JWKS key source (refresh on an unknown kid) is tested against a real HTTP server in test_jwks.py.
"""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from soma.identity.v1 import identity_pb2
from somastack.platform.errors import Unauthenticated
from somastack.runtime.auth import TokenVerifier
from somastack.runtime.revocation import Revocations


class Keys:
    def __init__(self) -> None:
        self.private = Ed25519PrivateKey.generate()
        self.lookups = 0

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        self.lookups += 1
        return self.private.public_key() if kid == "k1" else None


def make_token(private: Ed25519PrivateKey, *, kid: str = "k1", exp_in: float = 60, **overrides: object) -> str:
    now = int(time.time())
    claims = {
        "iss": "soma-identity",
        "aud": "soma",
        "sub": "tenants/acme/users/bob",
        "tenant": "acme",
        "caps": ["identity.users.read"],
        "iat": now,
        "exp": int(now + exp_in),
    }
    claims.update(overrides)
    return jwt.encode(claims, private, algorithm="EdDSA", headers={"kid": kid})


def verifier(keys: Keys) -> TokenVerifier:
    return TokenVerifier(keys, issuer="soma-identity", audience="soma", leeway=0)


async def test_a_valid_token_yields_its_principal_and_is_cached() -> None:
    keys = Keys()
    check = verifier(keys)
    token = make_token(keys.private)
    principal = await check.verify(token)
    assert principal.subject == "tenants/acme/users/bob"
    assert principal.tenant == "acme"
    assert principal.can("identity.users.read")
    await check.verify(token)
    assert keys.lookups == 1


async def expect(reason: str, token: str, keys: Keys) -> None:
    with pytest.raises(Unauthenticated) as caught:
        await verifier(keys).verify(token)
    assert caught.value.reason == reason


async def test_expired_forged_unknown_and_foreign_tokens_are_refused() -> None:
    keys = Keys()
    await expect("TOKEN_EXPIRED", make_token(keys.private, exp_in=-10), keys)
    await expect("TOKEN_INVALID", make_token(Ed25519PrivateKey.generate()), keys)
    await expect("TOKEN_INVALID", make_token(keys.private, kid="k2"), keys)
    await expect("TOKEN_INVALID", make_token(keys.private, aud="someone-else"), keys)
    await expect("TOKEN_INVALID", make_token(keys.private, iss="evil"), keys)
    await expect("TOKEN_INVALID", "not.a.jwt", keys)
    hs256 = jwt.encode({"sub": "x"}, "a-secret-long-enough-for-hmac-sha256!", algorithm="HS256", headers={"kid": "k1"})
    await expect("TOKEN_INVALID", hs256, keys)


async def test_a_cached_token_still_expires() -> None:
    keys = Keys()
    now = [time.time()]
    check = TokenVerifier(keys, issuer="soma-identity", audience="soma", leeway=0, clock=lambda: now[0])
    token = make_token(keys.private, exp_in=30)
    await check.verify(token)
    now[0] += 60
    with pytest.raises(Unauthenticated) as caught:
        await check.verify(token)
    assert caught.value.reason == "TOKEN_EXPIRED"


async def test_the_act_claim_names_the_actor_or_the_token_is_refused() -> None:
    keys = Keys()
    assert (await verifier(keys).verify(make_token(keys.private))).actor is None
    acted = await verifier(keys).verify(make_token(keys.private, act={"sub": "platform/admin"}))
    assert acted.actor == "platform/admin" and acted.people == {"tenants/acme/users/bob", "platform/admin"}
    for act in ({}, {"sub": ""}, "platform/admin", {"sub": 3}):
        await expect("TOKEN_INVALID", make_token(keys.private, act=act), keys)


async def test_ending_a_sign_in_session_refuses_its_tokens_only() -> None:
    keys = Keys()
    revocations = Revocations(window=3600)
    check = TokenVerifier(keys, issuer="soma-identity", audience="soma", leeway=0, revocations=revocations)
    issued = time.time() - 5
    laptop = make_token(keys.private, sid="laptop", iat=issued)
    phone = make_token(keys.private, sid="phone", iat=issued)
    unsessioned = make_token(keys.private, iat=issued)
    assert (await check.verify(laptop)).session == "laptop" and (await check.verify(unsessioned)).session == ""
    ended = identity_pb2.TokenRevocation(
        tenant="acme",
        subject="tenants/acme/users/bob",
        cause=identity_pb2.REVOCATION_CAUSE_SIGN_IN_SESSION_ENDED,
        sign_in_session="laptop",
    )
    ended.not_before.FromSeconds(int(issued) + 1)
    revocations.apply_message(ended)
    with pytest.raises(Unauthenticated) as caught:
        await check.verify(laptop)  # cached, and refused all the same
    assert caught.value.reason == "TOKEN_REVOKED"
    assert (await check.verify(phone)).session == "phone", "the user's other sessions live on"
    assert (await check.verify(unsessioned)).subject == "tenants/acme/users/bob"
    # Another tenant's session of that id is not this one; a later token of the session would pass (none is issued).
    assert (await check.verify(make_token(keys.private, sid="laptop", tenant="other"))).tenant == "other"
    assert (await check.verify(make_token(keys.private, sid="laptop", iat=int(issued) + 2))).session == "laptop"

    # A revocation of the subject still covers every session of it.
    revocations.apply("acme", "tenants/acme/users/bob", issued + 1)
    for token in (phone, unsessioned):
        with pytest.raises(Unauthenticated) as caught:
            await check.verify(token)
        assert caught.value.reason == "TOKEN_REVOKED"
