"""What sign-in stores and fetches: credentials, failed attempts, refresh-token families, trusted OIDC issuers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from somastack.identity.model import User


@dataclass(frozen=True)
class Credential:
    """A user's secrets, hashed where they can be: the password, a pending reset code, the TOTP second factor."""

    password_hash: str | None = None
    reset_code_hash: str | None = None
    reset_expires_at: float | None = None
    #: The base32 TOTP secret; kept in clear because verifying a code needs it.
    totp_secret: str | None = None
    totp_confirmed: bool = False
    #: The last 30 s step a code was accepted for: a code of that step or an older one is a replay.
    totp_last_step: int = 0
    #: When the password was last set; None when none is.
    password_changed_at: float | None = None


class SignInMethod(StrEnum):
    """How a sign-in session started."""

    PASSWORD = "password"
    PASSWORD_TOTP = "password_totp"
    PASSWORD_RECOVERY_CODE = "password_recovery_code"
    OIDC = "oidc"


@dataclass(frozen=True)
class SignInClient:
    """What a sign-in says about itself: how the user proved who they are, and the client's user agent."""

    method: SignInMethod
    user_agent: str = ""


@dataclass(frozen=True)
class RefreshFamily:
    """The refresh tokens descended from one sign-in; revoking the family ends them all. It is the user's sign-in
    session (a device or browser): its access tokens carry its id as their `sid` claim."""

    id: str
    tenant: str
    user: str
    created_at: float
    expires_at: float
    revoked_at: float | None = None
    method: SignInMethod = SignInMethod.PASSWORD
    user_agent: str = ""
    last_refresh_at: float | None = None

    @property
    def user_name(self) -> str:
        return f"tenants/{self.tenant}/users/{self.user}"

    @property
    def name(self) -> str:
        return f"{self.user_name}/signInSessions/{self.id}"

    def live_at(self, now: float) -> bool:
        return self.revoked_at is None and self.expires_at > now


class Rotation(StrEnum):
    """What a refresh-token rotation found."""

    ROTATED = "rotated"
    #: The old token was used already: a replay.
    REUSED = "reused"
    #: The family was revoked meanwhile (signed out, or its session ended).
    ENDED = "ended"


class ClaimMatch(StrEnum):
    """Which user attribute an ID-token claim names."""

    EMAIL = "email"
    USER_ID = "user_id"


@dataclass(frozen=True)
class OidcProvider:
    """The external OpenID Connect issuer a tenant trusts, and how its tokens map to users."""

    tenant: str
    issuer: str
    audience: str
    jwks_url: str
    user_claim: str
    match: ClaimMatch
    auto_provision: bool
    updated_at: float

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/oidcProvider"


class CredentialStore(Protocol):
    """Persistence of credentials and of failed attempts. Every method takes the tenant id and filters by it."""

    async def find_user(self, tenant: str, login: str) -> User | None:
        """The user whose e-mail address (when `login` has an @) or id is `login`, already lower-cased."""
        ...

    async def credential(self, tenant: str, user: str) -> Credential:
        """The user's credential; an empty one when none was ever set."""
        ...

    async def set_password(self, tenant: str, user: str, password_hash: str, *, now: float) -> None:
        """Stores a new password hash and drops any pending reset code."""
        ...

    async def set_reset_code(self, tenant: str, user: str, code_hash: str, *, expires_at: float) -> None: ...

    async def take_reset_code(self, tenant: str, user: str, code_hash: str, *, now: float) -> bool:
        """Consumes the pending reset code if it is `code_hash` and unexpired; False otherwise (atomic)."""
        ...

    async def start_totp(self, tenant: str, user: str, secret: str) -> None:
        """Stores an unconfirmed TOTP secret, replacing an unconfirmed one."""
        ...

    async def confirm_totp(self, tenant: str, user: str, *, step: int, recovery_hashes: list[str]) -> bool:
        """Confirms the pending secret at `step` and replaces the recovery codes; False when none is pending."""
        ...

    async def advance_totp_step(self, tenant: str, user: str, step: int) -> bool:
        """Records `step` as used if it is newer than the last used one (atomic); False for a replay."""
        ...

    async def use_recovery_code(self, tenant: str, user: str, code_hash: str, *, now: float) -> bool:
        """Marks an unused recovery code used (atomic); False when it is unknown or used."""
        ...

    async def locked_until(self, tenant: str, login: str) -> float | None:
        """When the lock on an account name ends, or None when it is not locked."""
        ...

    async def add_failure(self, tenant: str, login: str, *, now: float) -> int:
        """Counts one more consecutive failure of an account name; returns the count (atomic)."""
        ...

    async def lock(self, tenant: str, login: str, *, until: float) -> None: ...

    async def clear_failures(self, tenant: str, login: str) -> None: ...

    async def recovery_codes_left(self, tenant: str, user: str) -> int:
        """How many of the user's recovery codes are unused."""
        ...


class RefreshStore(Protocol):
    """Persistence of refresh-token families; tokens are stored only as their SHA-256."""

    async def create_family(self, family: RefreshFamily, token_hash: str) -> None: ...

    async def find_refresh(self, token_hash: str) -> tuple[RefreshFamily, bool] | None:
        """The family of a token and whether the token was used already; None for an unknown token."""
        ...

    async def rotate_refresh(self, family_id: str, old_hash: str, new_hash: str, *, now: float) -> Rotation:
        """Marks `old_hash` used, adds `new_hash` and stamps the family's last refresh, in one transaction that
        serialises with `revoke_family` on the family: nothing changes unless it is ROTATED."""
        ...

    async def revoke_family(self, family_id: str, *, now: float) -> bool:
        """Revokes a family; False when it was revoked already."""
        ...

    async def get_family(self, tenant: str, user: str, family_id: str) -> RefreshFamily | None: ...

    async def list_families(
        self, tenant: str, user: str, *, now: float, before: tuple[float, str] | None, limit: int
    ) -> list[RefreshFamily]:
        """The user's live families (neither revoked nor expired), newest first, older than `before` when set."""
        ...

    async def revoke_user_families(self, tenant: str, user: str, *, now: float) -> None: ...


class OidcStore(Protocol):
    """Persistence of each tenant's trusted issuer."""

    async def get_oidc_provider(self, tenant: str) -> OidcProvider | None: ...

    async def put_oidc_provider(self, provider: OidcProvider) -> None: ...


class IssuerClient(Protocol):
    """Reads an external issuer's documents over HTTP."""

    async def discover_jwks_url(self, issuer: str) -> str:
        """The `jwks_uri` of the issuer's discovery document (whose `issuer` must be `issuer`).

        Raises:
            Unavailable: the document cannot be fetched or is malformed.
        """
        ...

    async def fetch_jwks(self, url: str) -> dict[str, Any]:
        """The JSON Web Key Set at `url`.

        Raises:
            Unavailable: it cannot be fetched or is malformed.
        """
        ...
