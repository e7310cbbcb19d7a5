"""The ports identity's use cases need: its store of tenants, users, memberships, keys and locks."""

from __future__ import annotations

from typing import Protocol

from somastack.identity.model import (
    Membership,
    Revocation,
    Role,
    SigningKey,
    Tenant,
    TrainingLock,
    User,
    UserState,
)
from somastack.platform.uow import Transaction


class IdentityStore(Protocol):
    """Persistence of identity. Every method touching tenant data takes the tenant id and filters by it."""

    async def create_tenant(self, tenant: Tenant) -> bool:
        """Inserts a tenant; False when the id is taken."""
        ...

    async def get_tenant(self, tenant: str) -> Tenant | None: ...

    async def list_tenants(self, *, after: str, limit: int) -> list[Tenant]: ...

    async def create_user(self, user: User, membership: Membership) -> str | None:
        """Inserts a user and its membership atomically; returns the conflicting field (`user_id`, `email`) or None."""
        ...

    async def get_user(self, tenant: str, user: str) -> User | None: ...

    async def list_users(self, tenant: str, *, after: str, limit: int) -> list[User]: ...

    async def set_user_state(
        self, tenant: str, user: str, state: UserState, *, revocation: Revocation | None = None
    ) -> User | None:
        """Sets the state; with `revocation`, records and announces it in the same transaction."""
        ...

    async def get_membership(self, tenant: str, user: str) -> Membership | None: ...

    async def list_memberships(self, tenant: str, *, after: str, limit: int) -> list[Membership]: ...

    async def update_membership(
        self,
        tenant: str,
        user: str,
        *,
        role: Role,
        extras: tuple[str, ...],
        expected_version: int,
        now: float,
        revocation: Revocation | None = None,
    ) -> Membership | None:
        """Compare-and-set on the version; None when it moved (or the membership is gone). With `revocation`, records
        and announces it in the same transaction, only if the update happened."""
        ...

    async def revoke_tokens(self, revocation: Revocation) -> None:
        """Records the revocation (replacing an older one of its tenant and subject) and queues its
        `identity.revocations` event, in one transaction."""
        ...

    async def list_revocations(self, *, since: float, after: tuple[str, str], limit: int) -> list[Revocation]:
        """The revocations whose not-before is after `since`, ordered by (tenant, subject), after `after`."""
        ...

    async def count_active_owners(self, tenant: str) -> int: ...

    async def add_signing_key(self, key: SigningKey) -> None: ...

    async def signing_keys(self) -> list[SigningKey]:
        """Every key that is active or not yet expired, newest first."""
        ...

    async def rotate_signing_key(self, new_key: SigningKey, *, retired_at: float, expires_at: float) -> list[str]:
        """Retires the active keys and adds `new_key` in one transaction; returns the retired kids."""
        ...

    async def acquire_training_lock(
        self, tenant: str, holder: str, *, now: float, expires_at: float, reason: str
    ) -> tuple[TrainingLock, bool]:
        """Takes or renews the lock atomically; the bool says whether `holder` has it now."""
        ...

    async def release_training_lock(self, tenant: str, holder: str, *, now: float) -> bool:
        """Releases the lock if `holder` holds an unexpired lease."""
        ...

    async def get_training_lock(self, tenant: str) -> TrainingLock: ...

    async def active_constitution(self) -> str | None:
        """The checksum of the active constitution, or None before the first `constitution.updated`."""
        ...

    async def record_constitution(self, tx: Transaction, checksum: str, version: str, now: float) -> None:
        """Stores the active checksum inside `tx` (the event consumer's transaction, with its inbox row)."""
        ...
