"""Identity's domain objects: tenants, users, memberships, signing keys, token revocations and the training lock."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Role(StrEnum):
    """A named set of capabilities within a tenant, weakest first."""

    MEMBER = "member"
    ADMIN = "admin"
    OWNER = "owner"


class UserState(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


@dataclass(frozen=True)
class Tenant:
    id: str
    display_name: str
    created_at: float

    @property
    def name(self) -> str:
        return f"tenants/{self.id}"


@dataclass(frozen=True)
class User:
    tenant: str
    id: str
    display_name: str
    email: str
    state: UserState
    created_at: float

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/users/{self.id}"


@dataclass(frozen=True)
class Membership:
    tenant: str
    user: str
    role: Role
    extra_capabilities: tuple[str, ...]
    #: Bumped on every change; the etag is derived from it.
    version: int
    updated_at: float

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/memberships/{self.user}"

    @property
    def user_name(self) -> str:
        return f"tenants/{self.tenant}/users/{self.user}"

    @property
    def etag(self) -> str:
        return f'W/"{self.version}"'


class RevocationCause(StrEnum):
    """Why the tokens of a subject were revoked."""

    USER_DISABLED = "user_disabled"
    MEMBERSHIP_LOWERED = "membership_lowered"
    SIGNED_OUT = "signed_out"
    SIGN_IN_SESSION_ENDED = "sign_in_session_ended"


@dataclass(frozen=True)
class Revocation:
    """Every token of `subject` in `tenant` issued (`iat`) before `not_before` is refused by every service.

    Keyed by tenant and subject: a later revocation of the same subject replaces an earlier one. It matters only
    for the longest token lifetime; after that every token it refuses has expired anyway.
    """

    tenant: str
    subject: str
    not_before: float
    cause: RevocationCause
    #: When set, only the subject's tokens of this sign-in session (their `sid` claim) are refused.
    session: str = ""

    @property
    def key(self) -> str:
        """What the revocation is stored under: the subject, or the session's resource name (unique per session)."""
        return f"{self.subject}/signInSessions/{self.session}" if self.session else self.subject

    @classmethod
    def from_key(cls, tenant: str, key: str, not_before: float, cause: RevocationCause) -> Revocation:
        subject, _, session = key.partition("/signInSessions/")
        return cls(tenant, subject, not_before, cause, session)


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 key pair. The active key signs; retired keys verify until `expires_at`."""

    kid: str
    private_pem: bytes
    public_x: str
    created_at: float
    retired_at: float | None = None
    expires_at: float | None = None

    @property
    def active(self) -> bool:
        return self.retired_at is None


@dataclass(frozen=True)
class TrainingLock:
    tenant: str
    holder: str | None
    acquired_at: float | None
    expires_at: float | None
    reason: str

    def held_at(self, now: float) -> bool:
        return self.holder is not None and self.expires_at is not None and self.expires_at > now

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/trainingLock"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing and the token of the next (empty on the last page)."""

    items: list[T]
    next_page_token: str
