"""Signing keys and tokens: EdDSA JWTs, the JWKS that verifies them, and key rotation."""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from somastack.identity.directory import IMPERSONATE_CAPABILITY, Directory, require_own_token
from somastack.identity.model import SigningKey, UserState
from somastack.identity.ports import IdentityStore
from somastack.platform import names
from somastack.platform.claims import (
    ACT_CLAIM,
    CAPABILITIES_CLAIM,
    CONSTITUTION_CLAIM,
    KEY_WAIT,
    MIN_REFRESH_INTERVAL,
    RETRY_INTERVAL,
    SESSION_CLAIM,
    TENANT_CLAIM,
    keys_unavailable,
    public_key_from_jwk,
)
from somastack.platform.errors import FailedPrecondition, PermissionDenied, invalid
from somastack.platform.principal import Principal
from somastack.platform.refresh import SharedRefresh

#: The subject of the bootstrap platform token that `soma up` writes in dev.
ADMIN_SUBJECT = "platform/admin"


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: float
    capabilities: tuple[str, ...]
    kid: str


def new_signing_key(now: float) -> SigningKey:
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return SigningKey(
        kid=uuid.uuid4().hex[:16],
        private_pem=pem,
        public_x=base64.urlsafe_b64encode(raw).decode().rstrip("="),
        created_at=now,
    )


class TokenService:
    """Issues tokens with the active key; serves and rotates the key set.

    It is also the KeySource of the identity process itself, so identity verifies
    tokens from its own store instead of calling itself through the mesh. An unknown kid
    (a key another identity replica just made, or a forged one) re-reads the store the way
    the runtime re-reads the JWKS: shared, a few times a second at most, with a bounded wait.
    """

    def __init__(
        self,
        store: IdentityStore,
        directory: Directory,
        *,
        issuer: str,
        audience: str,
        default_ttl: float,
        max_ttl: float,
        verify_window: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._directory = directory
        self._issuer = issuer
        self._audience = audience
        self._default_ttl = default_ttl
        self._max_ttl = max_ttl
        #: How long a retired key keeps verifying: the longest lifetime of a token it may have signed.
        self._verify_window = verify_window
        self._clock = clock
        self._keys: dict[str, SigningKey] = {}
        self._signer: tuple[SigningKey, Ed25519PrivateKey] | None = None
        self._reloads = SharedRefresh(self._reloaded, min_interval=MIN_REFRESH_INTERVAL, retry_interval=RETRY_INTERVAL)

    async def ensure_key(self) -> SigningKey:
        """Loads the key set, creating the first key if there is none."""
        await self._reload()
        if self._signer is None:
            await self._store.add_signing_key(new_signing_key(self._clock()))
            await self._reload()
        assert self._signer is not None
        return self._signer[0]

    async def _reload(self) -> None:
        keys = await self._store.signing_keys()
        now = self._clock()
        self._keys = {k.kid: k for k in keys if k.expires_at is None or k.expires_at > now}
        active = [k for k in keys if k.active]
        self._signer = None
        if active:
            key = active[0]
            private = serialization.load_pem_private_key(key.private_pem, password=None)
            assert isinstance(private, Ed25519PrivateKey)
            self._signer = (key, private)

    async def _reloaded(self) -> bool:
        await self._reload()
        return True

    # -- KeySource ----------------------------------------------------------------------------

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        key = self._keys.get(kid)
        if key is None:
            if not await self._reloads.since(time.monotonic(), within=KEY_WAIT):
                raise keys_unavailable("database")
            key = self._keys.get(kid)
        if key is None or (key.expires_at is not None and key.expires_at <= self._clock()):
            return None
        return public_key_from_jwk(key.public_x)

    # -- use cases ----------------------------------------------------------------------------

    async def jwks(self) -> list[SigningKey]:
        """The keys that verify tokens now: the active key first, then retired keys, newest first.

        Read from the store on every call: a service asks only when it meets a kid it does not know, and the answer
        must hold a key another identity replica has just rotated in.
        """
        await self._reload()
        now = self._clock()
        return sorted(
            (k for k in self._keys.values() if k.expires_at is None or k.expires_at > now),
            key=lambda k: (k.active, k.created_at),
            reverse=True,
        )

    async def rotate(self) -> tuple[str, list[str]]:
        now = self._clock()
        key = new_signing_key(now)
        retired = await self._store.rotate_signing_key(key, retired_at=now, expires_at=now + self._verify_window)
        await self._reload()
        return key.kid, retired

    async def issue(self, actor: Principal, user_name: str, requested: Iterable[str], ttl: float) -> IssuedToken:
        """A token for a user, carrying its capabilities (narrowed to `requested` when given).

        A token for someone else is impersonation: only a holder of `platform.tokens.impersonate` may mint one, it
        never carries more than the minting token does, and its `act` claim names who minted it, so whatever is done
        with it (an approval, say) is traced to that person. An impersonation token mints nothing itself: a token
        it minted for its own subject would shed the `act` claim.
        """
        ids = names.parse(user_name, "tenants/{tenant}/users/{user}", field="user")
        require_own_token(actor, "issue tokens")
        impersonating = actor.subject != user_name
        if impersonating and not actor.can(IMPERSONATE_CAPABILITY):
            raise PermissionDenied(
                "CAPABILITY_MISSING",
                f"{actor.subject} cannot issue a token for {user_name}: a token for another user is impersonation, "
                f"which needs {IMPERSONATE_CAPABILITY!r} (platform operators only)",
                metadata={"capability": IMPERSONATE_CAPABILITY},
            )
        lifetime = self._lifetime(ttl)
        user = await self._directory.get_user(user_name)
        if user.state is not UserState.ACTIVE:
            raise FailedPrecondition("USER_DISABLED", f"{user_name} is disabled and cannot receive tokens")
        membership = await self._directory.get_membership(f"tenants/{ids['tenant']}/memberships/{ids['user']}")
        if impersonating:
            await self._directory.require_role_at_least(actor, membership, "impersonate")
        held = set(self._directory.capabilities_of(membership))
        wanted = sorted(set(requested)) or sorted(held)
        lacking = [c for c in wanted if c not in held]
        if lacking:
            raise PermissionDenied(
                "GRANT_NOT_ALLOWED",
                f"{user_name} does not hold {', '.join(lacking)}",
                metadata={"capabilities": ",".join(lacking)},
            )
        # Impersonation is bounded by the impersonator's own token, even an operator's.
        beyond_issuer = [c for c in wanted if (impersonating or not actor.is_platform) and not actor.can(c)]
        if beyond_issuer:
            raise PermissionDenied(
                "GRANT_NOT_ALLOWED",
                f"the caller cannot issue capabilities it lacks itself: {', '.join(beyond_issuer)}; "
                "narrow the token with `capabilities`",
                metadata={"capabilities": ",".join(beyond_issuer)},
            )
        constitution = await self._store.active_constitution()
        act = actor.subject if impersonating else None
        return self._sign(user_name, ids["tenant"], tuple(wanted), lifetime, constitution=constitution, actor=act)

    async def issue_signed_in(self, user_name: str, ttl: float, *, session: str = "") -> IssuedToken:
        """A token for a user who proved who they are (sign-in, refresh, token exchange): all its capabilities, and
        the sign-in session it belongs to as its `sid` claim."""
        ids = names.parse(user_name, "tenants/{tenant}/users/{user}", field="user")
        user = await self._directory.get_user(user_name)
        if user.state is not UserState.ACTIVE:
            raise FailedPrecondition("USER_DISABLED", f"{user_name} is disabled and cannot receive tokens")
        membership = await self._directory.get_membership(f"tenants/{ids['tenant']}/memberships/{ids['user']}")
        capabilities = self._directory.capabilities_of(membership)
        constitution = await self._store.active_constitution()
        return self._sign(user_name, ids["tenant"], capabilities, ttl, constitution=constitution, session=session)

    def issue_platform_token(self, capabilities: Iterable[str], ttl: float) -> IssuedToken:
        """The bootstrap operator token: every tenant, every capability. Dev only (see bootstrap)."""
        return self._sign(ADMIN_SUBJECT, names.ANY_TENANT, tuple(sorted(capabilities)), ttl)

    def issue_service_token(self, domain: str, capabilities: Iterable[str], ttl: float) -> IssuedToken:
        """A service's own token (subject `services/{domain}`): every tenant, only the capabilities it calls with."""
        return self._sign(f"services/{domain}", names.ANY_TENANT, tuple(sorted(capabilities)), ttl)

    def _lifetime(self, ttl: float) -> float:
        if ttl < 0:
            raise invalid("ttl", "must not be negative")
        if ttl > self._max_ttl:
            raise invalid("ttl", f"must be at most {int(self._max_ttl)}s")
        return ttl or self._default_ttl

    def _sign(
        self,
        subject: str,
        tenant: str,
        capabilities: tuple[str, ...],
        ttl: float,
        *,
        constitution: str | None = None,
        actor: str | None = None,
        session: str = "",
    ) -> IssuedToken:
        if self._signer is None:
            raise RuntimeError("TokenService.ensure_key() was not awaited")
        key, private = self._signer
        now = self._clock()
        expires = now + ttl
        claims: dict[str, object] = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": subject,
            TENANT_CLAIM: tenant,
            CAPABILITIES_CLAIM: list(capabilities),
            # Not rounded: a revocation refuses the subject's tokens issued before its instant, and a token issued
            # right after it, within the same second, must not look older than it.
            "iat": now,
            "nbf": int(now),
            "exp": int(expires),
            "jti": uuid.uuid4().hex,
        }
        if constitution:
            claims[CONSTITUTION_CLAIM] = constitution
        if actor:
            claims[ACT_CLAIM] = {"sub": actor}
        if session:
            claims[SESSION_CLAIM] = session
        token = jwt.encode(claims, private, algorithm="EdDSA", headers={"kid": key.kid})
        return IssuedToken(token, float(int(expires)), capabilities, key.kid)
