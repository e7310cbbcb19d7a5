"""Bearer-token verification: EdDSA JWTs issued by the identity service, checked against its JWKS.

A verified token is cached until it expires, so a caller pays the signature check once; revocations
(`runtime.revocation`) are checked on every call, cached tokens included, with one dict lookup.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

# The claims are shared with their issuer (identity); re-exported for the runtime's callers.
from somastack.platform.claims import ACT_CLAIM as ACT_CLAIM
from somastack.platform.claims import CAPABILITIES_CLAIM as CAPABILITIES_CLAIM
from somastack.platform.claims import CONSTITUTION_CLAIM as CONSTITUTION_CLAIM
from somastack.platform.claims import (
    KEY_WAIT,
    MIN_REFRESH_INTERVAL,
    RETRY_INTERVAL,
    SESSION_CLAIM,
    keys_unavailable,
    session_key,
)
from somastack.platform.claims import TENANT_CLAIM as TENANT_CLAIM
from somastack.platform.claims import public_key_from_jwk as public_key_from_jwk
from somastack.platform.errors import Unauthenticated
from somastack.platform.principal import Principal
from somastack.platform.refresh import SharedRefresh
from somastack.runtime.revocation import Revocations


class KeySource(Protocol):
    """Finds the public key of a key id."""

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        """The key, or None when no such key is known (after a refresh where that makes sense).

        Raises:
            Unavailable: the key set could not be read in time, so the kid is neither known nor refused.
        """
        ...


class JwksKeySource:
    """Keys fetched from the identity service's JWKS, refreshed when an unknown kid shows up.

    Known kids never wait. An unknown kid waits (`max_wait` at most) for a fetch that began after it arrived:
    concurrent verifications share one fetch, and fetches are at least `min_refresh_interval` apart, so a flood of
    forged kids cannot hammer identity while a token signed by a just-rotated key is accepted within a fraction of a
    second instead of refused. Only a fetch that succeeded without the kid refuses it. A fetch that fails (identity
    restarting) keeps the keys already known, so tokens they signed still verify, and is tried again after
    `retry_interval`; a kid that stays unknown because no fetch succeeded is Unavailable, not refused.
    """

    def __init__(
        self,
        fetch: Callable[[], Awaitable[Sequence[tuple[str, str]] | None]],
        *,
        min_refresh_interval: float = MIN_REFRESH_INTERVAL,
        retry_interval: float = RETRY_INTERVAL,
        max_wait: float = KEY_WAIT,
    ) -> None:
        self._fetch = fetch
        self._keys: dict[str, Ed25519PublicKey] = {}
        self._max_wait = max_wait
        self._refresh = SharedRefresh(self._load, min_interval=min_refresh_interval, retry_interval=retry_interval)

    async def _load(self) -> bool:
        pairs = await self._fetch()
        if pairs is None:
            return False
        self._keys = {k: public_key_from_jwk(x) for k, x in pairs}
        return True

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        key = self._keys.get(kid)
        if key is not None:
            return key
        if not await self._refresh.since(time.monotonic(), within=self._max_wait):
            raise keys_unavailable("identity")
        return self._keys.get(kid)

    async def prime(self, within: float) -> bool:
        """Reads the key set now (waiting `within` seconds at most), so the first tokens need no fetch."""
        return await self._refresh.since(time.monotonic(), within=within)

    async def close(self) -> None:
        await self._refresh.close()


class TokenVerifier:
    """Verifies bearer tokens and caches each verified token until it expires; refuses revoked ones, cached or not."""

    def __init__(
        self,
        keys: KeySource,
        *,
        issuer: str,
        audience: str,
        cache_size: int = 10_000,
        leeway: float = 5.0,
        clock: Callable[[], float] = time.time,
        revocations: Revocations | None = None,
    ) -> None:
        self._keys = keys
        self._revocations = revocations
        self._issuer = issuer
        self._audience = audience
        self._cache: OrderedDict[str, Principal] = OrderedDict()
        self._cache_size = cache_size
        self._leeway = leeway
        self._clock = clock

    async def verify(self, token: str) -> Principal:
        """The principal a token speaks for.

        Raises:
            Unauthenticated: reason TOKEN_EXPIRED, TOKEN_INVALID or TOKEN_REVOKED.
            Unavailable: reason SERVICE_UNAVAILABLE, its key is unknown and the key set cannot be read now.
        """
        cached = self._cache.get(token)
        if cached is not None:
            if cached.expires_at + self._leeway > self._clock():
                self._refuse_revoked(cached)
                return cached
            del self._cache[token]
            raise Unauthenticated("TOKEN_EXPIRED", "the bearer token has expired")
        principal = await self._verify_signature(token)
        self._cache[token] = principal
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        self._refuse_revoked(principal)
        return principal

    def _refuse_revoked(self, principal: Principal) -> None:
        """Refuses a token issued before a revocation of its subject, or of its sign-in session."""
        if self._revocations is None:
            return
        keys = [principal.subject, session_key(principal.session)] if principal.session else [principal.subject]
        for key in keys:
            not_before = self._revocations.not_before(principal.tenant, key)
            if not_before is not None and principal.issued_at < not_before:
                raise Unauthenticated(
                    "TOKEN_REVOKED",
                    "the bearer token was revoked (its user was disabled, its membership lowered, it signed out or "
                    "its sign-in session ended); get a new token",
                )

    async def _verify_signature(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthenticated("TOKEN_INVALID", f"the bearer token is malformed: {exc}") from None
        kid = header.get("kid")
        if header.get("alg") != "EdDSA" or not isinstance(kid, str):
            raise Unauthenticated("TOKEN_INVALID", "the bearer token is not an EdDSA token with a key id")
        key = await self._keys.public_key(kid)
        if key is None:
            raise Unauthenticated("TOKEN_INVALID", f"the bearer token is signed by an unknown key {kid!r}")
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=["EdDSA"],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("TOKEN_EXPIRED", "the bearer token has expired") from None
        except jwt.PyJWTError as exc:
            raise Unauthenticated("TOKEN_INVALID", f"the bearer token is invalid: {exc}") from None
        caps = claims.get(CAPABILITIES_CLAIM, [])
        tenant = claims.get(TENANT_CLAIM)
        if not isinstance(tenant, str) or not isinstance(caps, list):
            raise Unauthenticated("TOKEN_INVALID", "the bearer token lacks its tenant or capabilities claim")
        act = claims.get(ACT_CLAIM)
        if act is not None and not (isinstance(act, dict) and isinstance(act.get("sub"), str) and act["sub"]):
            raise Unauthenticated("TOKEN_INVALID", "the bearer token's act claim names no actor subject")
        return Principal(
            subject=str(claims["sub"]),
            tenant=tenant,
            capabilities=frozenset(str(c) for c in caps),
            expires_at=float(claims["exp"]),
            token_id=str(claims.get("jti", "")),
            constitution=str(claims.get(CONSTITUTION_CLAIM, "")),
            issued_at=float(claims["iat"]),
            actor=act["sub"] if act is not None else None,
            session=str(claims.get(SESSION_CLAIM, "")),
        )
