"""Single sign-on: a tenant trusts an external OIDC issuer, whose ID tokens are exchanged for SomaStack tokens."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import jwt

from somastack.identity.directory import Directory, require_own_token
from somastack.identity.model import Role, User
from somastack.identity.signin_ports import ClaimMatch, CredentialStore, IssuerClient, OidcProvider, OidcStore
from somastack.platform import names
from somastack.platform.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Unauthenticated,
    invalid,
)
from somastack.platform.principal import Principal

GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
TOKEN_TYPE_ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token"
TOKEN_TYPE_ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token"
#: Asymmetric algorithms only: `none` and HMAC (whose key would be the public JWK) are never accepted.
ALGORITHMS = ("RS256", "ES256")
_CLAIM = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
#: An unknown kid refetches the JWKS at most this often, so forged kids cannot make identity hammer the issuer.
MIN_REFETCH_SECONDS = 10.0


def url_violation(url: str, field: str) -> FieldViolation | None:
    """Why an issuer or JWKS URL is refused: not absolute, or plain HTTP to anything but a loopback host."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname in _LOOPBACK:
        return None
    return FieldViolation(field, "must be an https URL (http only on a loopback host)")


def _token_invalid(check: str, detail: str) -> Unauthenticated:
    return Unauthenticated(
        "SUBJECT_TOKEN_INVALID", f"the subject token is refused: {detail}", metadata={"check": check}
    )


class JwksCache:
    """Each issuer's key set, cached for `ttl`; an unknown kid refetches, but not more often than every 10 s."""

    def __init__(self, client: IssuerClient, *, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._ttl = ttl
        self._clock = clock
        self._sets: dict[str, tuple[float, jwt.PyJWKSet]] = {}

    async def key(self, provider: OidcProvider, kid: str | None) -> jwt.PyJWK | None:
        url = provider.jwks_url or await self._client.discover_jwks_url(provider.issuer)
        cached = self._sets.get(url)
        now = self._clock()
        if cached is None or now - cached[0] > self._ttl:
            cached = await self._load(url)
        key = self._find(cached[1], kid)
        if key is None and now - cached[0] >= MIN_REFETCH_SECONDS:
            key = self._find((await self._load(url))[1], kid)
        return key

    async def _load(self, url: str) -> tuple[float, jwt.PyJWKSet]:
        document = await self._client.fetch_jwks(url)
        try:
            keys = jwt.PyJWKSet.from_dict(document)
        except jwt.PyJWTError:
            keys = jwt.PyJWKSet([])
        entry = (self._clock(), keys)
        self._sets[url] = entry
        return entry

    @staticmethod
    def _find(keys: jwt.PyJWKSet, kid: str | None) -> jwt.PyJWK | None:
        candidates = [k for k in keys.keys if kid is None or k.key_id == kid]
        return candidates[0] if len(candidates) == 1 or (candidates and kid is not None) else None


class OidcExchange:
    """Configures a tenant's trusted issuer and turns its verified ID tokens into users."""

    def __init__(
        self,
        store: OidcStore,
        users: CredentialStore,
        directory: Directory,
        keys: JwksCache,
        *,
        leeway: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._users = users
        self._directory = directory
        self._keys = keys
        self._leeway = leeway
        self._clock = clock

    async def get(self, name: str) -> OidcProvider:
        tenant = names.parse(name, "tenants/{tenant}/oidcProvider", field="name")["tenant"]
        provider = await self._store.get_oidc_provider(tenant)
        if provider is None:
            await self._directory.get_tenant(f"tenants/{tenant}")
            raise NotFound("SSO_NOT_CONFIGURED", "oidcProvider", name)
        return provider

    async def put(self, actor: Principal, provider: OidcProvider) -> OidcProvider:
        """Stores a tenant's issuer after checking its URLs and claim name.

        Only an owner, under its own token: whoever names the issuer can sign in as any user of the tenant through
        it, so an admin must not be able to reach an owner's account (or a peer's approval key) this way.
        """
        require_own_token(actor, "set the tenant's single sign-on")
        await self._directory.require_owner(actor, provider.tenant, "set the tenant's single sign-on")
        violations = [
            v
            for v in (
                url_violation(provider.issuer, "oidc_provider.issuer"),
                url_violation(provider.jwks_url, "oidc_provider.jwks_url") if provider.jwks_url else None,
            )
            if v is not None
        ]
        if not provider.audience.strip():
            violations.append(FieldViolation("oidc_provider.audience", "must not be blank"))
        if not _CLAIM.match(provider.user_claim):
            violations.append(FieldViolation("oidc_provider.user_claim", "must be a claim name"))
        if violations:
            raise InvalidArgument(*violations)
        await self._directory.get_tenant(f"tenants/{provider.tenant}")
        stored = OidcProvider(
            provider.tenant,
            provider.issuer,
            provider.audience.strip(),
            provider.jwks_url,
            provider.user_claim,
            provider.match,
            provider.auto_provision,
            self._clock(),
        )
        await self._store.put_oidc_provider(stored)
        return stored

    async def exchange(self, tenant_name: str, subject_token: str, subject_token_type: str, grant_type: str) -> User:
        """The user an ID token of the tenant's trusted issuer names, after verifying it (RFC 8693 exchange)."""
        tenant = names.parse(tenant_name, "tenants/{tenant}", field="tenant")["tenant"]
        if grant_type and grant_type != GRANT_TOKEN_EXCHANGE:
            raise invalid("grant_type", f"must be {GRANT_TOKEN_EXCHANGE}")
        if subject_token_type != TOKEN_TYPE_ID_TOKEN:
            raise invalid("subject_token_type", f"must be {TOKEN_TYPE_ID_TOKEN}")
        provider = await self._store.get_oidc_provider(tenant)
        if provider is None:
            raise FailedPrecondition("SSO_NOT_CONFIGURED", f"tenants/{tenant} trusts no OIDC issuer")
        claims = await self._verify(provider, subject_token)
        return await self._user_of(provider, claims)

    async def _verify(self, provider: OidcProvider, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise _token_invalid("malformed", str(exc)) from None
        if header.get("alg") not in ALGORITHMS:
            raise _token_invalid("algorithm", f"alg {header.get('alg')!r} is not one of {', '.join(ALGORITHMS)}")
        key = await self._keys.key(provider, header.get("kid"))
        if key is None:
            raise _token_invalid("signature", f"the issuer has no key {header.get('kid')!r}")
        checks: list[tuple[type[jwt.PyJWTError], str]] = [
            (jwt.ExpiredSignatureError, "expired"),
            (jwt.ImmatureSignatureError, "not_yet_valid"),
            (jwt.InvalidIssuerError, "issuer"),
            (jwt.InvalidAudienceError, "audience"),
            (jwt.InvalidSignatureError, "signature"),
            (jwt.MissingRequiredClaimError, "claims"),
        ]
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=[str(header["alg"])],
                audience=provider.audience,
                issuer=provider.issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            check = next((name for kind, name in checks if isinstance(exc, kind)), "malformed")
            raise _token_invalid(check, str(exc)) from None
        if claims["iat"] > self._clock() + self._leeway:
            raise _token_invalid("not_yet_valid", "it was issued in the future")
        return claims

    async def _user_of(self, provider: OidcProvider, claims: dict[str, Any]) -> User:
        value = claims.get(provider.user_claim)
        if not isinstance(value, str) or not value.strip():
            raise _token_invalid("claims", f"it has no {provider.user_claim!r} claim")
        if provider.match is ClaimMatch.EMAIL and claims.get("email_verified") is False:
            raise _token_invalid("claims", "its e-mail address is not verified")
        login = value.strip().lower()
        if provider.match is ClaimMatch.EMAIL and "@" not in login:
            raise _token_invalid("claims", f"{provider.user_claim!r} is not an e-mail address")
        found = await self._directory_user(provider.tenant, login, provider.match)
        if found is not None:
            return found
        if not provider.auto_provision:
            raise Unauthenticated("SUBJECT_UNKNOWN", f"no user of tenants/{provider.tenant} matches the subject token")
        return await self._provision(provider, login, claims)

    async def _directory_user(self, tenant: str, login: str, match: ClaimMatch) -> User | None:
        if match is ClaimMatch.USER_ID and "@" in login:
            return None  # a user id never has one; do not let the claim reach the e-mail column
        return await self._users.find_user(tenant, login)

    async def _provision(self, provider: OidcProvider, login: str, claims: dict[str, Any]) -> User:
        """A new member for a subject the issuer vouches for, its id derived from the claim."""
        base = login.split("@", 1)[0] if provider.match is ClaimMatch.EMAIL else login
        user_id = re.sub(r"[^a-z0-9.-]+", "-", base).strip(".-")[:50] or "user"
        email = login if provider.match is ClaimMatch.EMAIL else ""
        display = claims.get("name") if isinstance(claims.get("name"), str) else ""
        # The member role needs no owner to grant it; this principal only names who created the user.
        creator = Principal("services/identity", provider.tenant, frozenset(), 0.0)
        return await self._directory.create_user(
            creator, f"tenants/{provider.tenant}", user_id, display_name=display or "", email=email, role=Role.MEMBER
        )
