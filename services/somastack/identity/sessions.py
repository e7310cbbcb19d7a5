"""Sign-in sessions and accounts as their owner sees them: the devices signed in, ending one, the sign-in state.

A sign-in session is a refresh-token family (somastack.identity.refresh): one sign-in on one device or browser. Its
owner, or an admin holding `identity.credentials.reset` in its tenant, may list and end it; ending it refuses its
refresh tokens and, through a revocation every service applies, its access tokens at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from somastack.identity.directory import Directory, require_own_token
from somastack.identity.model import Revocation, RevocationCause, User
from somastack.identity.refresh import RefreshTokens
from somastack.identity.signin_ports import CredentialStore, OidcStore, RefreshFamily, RefreshStore
from somastack.platform import names, paging
from somastack.platform.errors import NotFound, PermissionDenied, invalid
from somastack.platform.principal import Principal

#: Who may read and end another user's sessions and read its sign-in state: tenant admins.
ADMIN_CAPABILITY = "identity.credentials.reset"


@dataclass(frozen=True)
class AccountState:
    """How a user signs in, never the secrets themselves."""

    user: User
    password_set: bool
    password_changed_at: float | None
    totp: str  # "none", "pending" or "confirmed"
    recovery_codes_left: int

    @property
    def name(self) -> str:
        return f"{self.user.name}/account"


@dataclass(frozen=True)
class SignInOptions:
    """How people sign in to a tenant: password always; the OIDC issuer and client id when it trusts one."""

    tenant: str
    issuer: str = ""
    client_id: str = ""

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/signInOptions"


async def account_user(directory: Directory, actor: Principal, user_name: str) -> User:
    """The user `user_name`, if `actor` is that user or an admin of its tenant (the runtime checked the tenant)."""
    user = await directory.get_user(user_name)
    if actor.subject != user.name and not actor.can(ADMIN_CAPABILITY):
        raise PermissionDenied(
            "NOT_ACCOUNT_OWNER",
            f"only {user.name} or an admin of its tenant may do this to its account",
            metadata={"user": user.name},
        )
    return user


def _page_key(after: str) -> tuple[float, str]:
    """The (creation time, id) a page token continues after."""
    created, _, family = after.partition(":")
    try:
        return float(created), family
    except ValueError:
        raise invalid("page_token", "is not a token this service issued") from None


class SignInSessions:
    """Use cases of a user's sign-in sessions and sign-in state."""

    def __init__(
        self,
        families: RefreshStore,
        credentials: CredentialStore,
        issuers: OidcStore,
        directory: Directory,
        refresh: RefreshTokens,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._families = families
        self._credentials = credentials
        self._issuers = issuers
        self._directory = directory
        self._refresh = refresh
        self._clock = clock

    async def list(self, actor: Principal, parent: str, size: int, token: str) -> tuple[list[RefreshFamily], str]:
        """The user's live sessions, newest first, a page at a time."""
        user = await account_user(self._directory, actor, parent)
        now = self._clock()

        async def fetch(after: str, limit: int) -> list[RefreshFamily]:
            before = _page_key(after) if after else None
            return await self._families.list_families(user.tenant, user.id, now=now, before=before, limit=limit)

        return await paging.fetch_page(fetch, lambda f: f"{f.created_at!r}:{f.id}", size, token)

    async def revoke(self, actor: Principal, name: str) -> Revocation:
        """Ends a live session: its refresh tokens stop working and its access tokens are revoked everywhere."""
        ids = names.parse(name, "tenants/{tenant}/users/{user}/signInSessions/{session}", field="name")
        require_own_token(actor, "end sign-in sessions")
        user = await account_user(self._directory, actor, f"tenants/{ids['tenant']}/users/{ids['user']}")
        family = await self._families.get_family(user.tenant, user.id, ids["session"])
        ended = await self._refresh.end(family) if family is not None and family.live_at(self._clock()) else None
        if family is None or ended is None:
            raise NotFound("SIGN_IN_SESSION_NOT_FOUND", "sign-in session (live)", name)
        return Revocation(family.tenant, family.user_name, ended, RevocationCause.SIGN_IN_SESSION_ENDED, family.id)

    async def account(self, actor: Principal, name: str) -> AccountState:
        ids = names.parse(name, "tenants/{tenant}/users/{user}/account", field="name")
        user = await account_user(self._directory, actor, f"tenants/{ids['tenant']}/users/{ids['user']}")
        credential = await self._credentials.credential(user.tenant, user.id)
        totp = "none" if credential.totp_secret is None else "confirmed" if credential.totp_confirmed else "pending"
        left = await self._credentials.recovery_codes_left(user.tenant, user.id) if totp == "confirmed" else 0
        password_set = credential.password_hash is not None
        changed = credential.password_changed_at if password_set else None
        return AccountState(user, password_set, changed, totp, left)

    async def options(self, name: str) -> SignInOptions:
        """Public: an unknown tenant gets the defaults, so the answer tells nobody which tenants exist."""
        tenant = names.parse(name, "tenants/{tenant}/signInOptions", field="name")["tenant"]
        provider = await self._issuers.get_oidc_provider(tenant)
        if provider is None:
            return SignInOptions(tenant)
        return SignInOptions(tenant, provider.issuer, provider.audience)
