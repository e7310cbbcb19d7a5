"""Bearer-token verification: EdDSA JWTs issued by the identity service, checked against its JWKS.

A verified token is cached until it expires, so a caller pays the signature check once.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

# The claims are shared with their issuer (identity); re-exported for the runtime's callers.
from somastack.platform.claims import CAPABILITIES_CLAIM as CAPABILITIES_CLAIM
from somastack.platform.claims import CONSTITUTION_CLAIM as CONSTITUTION_CLAIM
from somastack.platform.claims import TENANT_CLAIM as TENANT_CLAIM
from somastack.platform.claims import public_key_from_jwk as public_key_from_jwk
from somastack.platform.errors import Unauthenticated
from somastack.platform.principal import Principal


class KeySource(Protocol):
    """Finds the public key of a key id."""

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        """The key, or None when no such key is known (after a refresh where that makes sense)."""
        ...


class JwksKeySource:
    """Keys fetched from the identity service's JWKS, refreshed when an unknown kid shows up.

    Refreshes are rate-limited so a flood of forged kids cannot hammer identity. A fetch that fails (identity
    restarting) keeps the keys already known, so tokens they signed still verify, and may be tried again after
    `retry_interval` rather than the full `min_refresh_interval`.
    """

    def __init__(
        self,
        fetch: Callable[[], Awaitable[Sequence[tuple[str, str]] | None]],
        *,
        min_refresh_interval: float = 5.0,
        retry_interval: float = 0.25,
    ) -> None:
        self._fetch = fetch
        self._keys: dict[str, Ed25519PublicKey] = {}
        self._min_interval = min_refresh_interval
        self._retry_interval = retry_interval
        self._next_refresh = float("-inf")
        self._lock = asyncio.Lock()

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        key = self._keys.get(kid)
        if key is not None:
            return key
        async with self._lock:
            if kid not in self._keys and time.monotonic() >= self._next_refresh:
                pairs = await self._fetch()
                if pairs is None:
                    self._next_refresh = time.monotonic() + self._retry_interval
                else:
                    self._next_refresh = time.monotonic() + self._min_interval
                    self._keys = {k: public_key_from_jwk(x) for k, x in pairs}
        return self._keys.get(kid)


class TokenVerifier:
    """Verifies bearer tokens and caches each verified token until it expires."""

    def __init__(
        self,
        keys: KeySource,
        *,
        issuer: str,
        audience: str,
        cache_size: int = 10_000,
        leeway: float = 5.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._cache: OrderedDict[str, Principal] = OrderedDict()
        self._cache_size = cache_size
        self._leeway = leeway
        self._clock = clock

    async def verify(self, token: str) -> Principal:
        """The principal a token speaks for.

        Raises:
            Unauthenticated: reason TOKEN_EXPIRED or TOKEN_INVALID.
        """
        cached = self._cache.get(token)
        if cached is not None:
            if cached.expires_at + self._leeway > self._clock():
                return cached
            del self._cache[token]
            raise Unauthenticated("TOKEN_EXPIRED", "the bearer token has expired")
        principal = await self._verify_signature(token)
        self._cache[token] = principal
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return principal

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
        return Principal(
            subject=str(claims["sub"]),
            tenant=tenant,
            capabilities=frozenset(str(c) for c in caps),
            expires_at=float(claims["exp"]),
            token_id=str(claims.get("jti", "")),
            constitution=str(claims.get(CONSTITUTION_CLAIM, "")),
        )
