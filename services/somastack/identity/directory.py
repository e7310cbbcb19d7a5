"""Tenants, users and memberships: who belongs to a tenant and with which capabilities."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable

from somastack.identity.model import Membership, Page, Revocation, RevocationCause, Role, Tenant, User, UserState
from somastack.identity.ports import IdentityStore
from somastack.identity.roles import Capabilities
from somastack.platform import names, paging
from somastack.platform.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
    invalid,
)
from somastack.platform.principal import Principal

#: Told of each revocation once it is committed (the identity process applies it to the tokens it verifies at once).
RevocationListener = Callable[[Revocation], None]
#: The capability that lets a token be issued for another user than its caller (impersonation). A `platform.`
#: capability: no tenant role grants it; the contract declares it on IssueToken.
IMPERSONATE_CAPABILITY = "platform.tokens.impersonate"
_RANK = {Role.MEMBER: 0, Role.ADMIN: 1, Role.OWNER: 2}


def require_own_token(actor: Principal, action: str) -> None:
    """Refuses an impersonation token: roles, memberships and tokens change only under the caller's own token,
    so nobody raises a role or mints a token while passing as someone else."""
    if actor.actor is not None:
        raise PermissionDenied(
            "IMPERSONATION_NOT_ALLOWED",
            f"{actor.actor} acts as {actor.subject} through an impersonation token, which cannot {action}; "
            "use a token of your own",
            metadata={"actor": actor.actor},
        )


class Directory:
    """Use cases over tenants, users and memberships, and the revocation of tokens they make stale."""

    def __init__(
        self,
        store: IdentityStore,
        capabilities: Capabilities,
        *,
        clock: Callable[[], float] = time.time,
        on_revoked: RevocationListener | None = None,
        revocation_window: float = 7 * 86400.0,
    ) -> None:
        self._store = store
        self._caps = capabilities
        self._clock = clock
        self._on_revoked = on_revoked or (lambda _revocation: None)
        #: How long a revocation matters: the longest token lifetime.
        self._revocation_window = revocation_window

    # -- tenants ------------------------------------------------------------------------------

    async def create_tenant(self, tenant_id: str, display_name: str) -> Tenant:
        names.check_id(tenant_id, field="tenant_id", tenant=True)
        if not display_name.strip():
            raise invalid("tenant.display_name", "must not be blank")
        tenant = Tenant(tenant_id, display_name.strip(), self._clock())
        if not await self._store.create_tenant(tenant):
            raise AlreadyExists("TENANT_EXISTS", "tenant", tenant.name)
        return tenant

    async def get_tenant(self, name: str, *, field: str = "name") -> Tenant:
        tenant_id = names.parse(name, "tenants/{tenant}", field=field)["tenant"]
        return await self._tenant(tenant_id)

    async def list_tenants(self, size: int, token: str) -> Page[Tenant]:
        rows, next_token = await paging.fetch_page(
            lambda after, limit: self._store.list_tenants(after=after, limit=limit), lambda t: t.id, size, token
        )
        return Page(rows, next_token)

    async def _tenant(self, tenant_id: str) -> Tenant:
        tenant = await self._store.get_tenant(tenant_id)
        if tenant is None:
            raise NotFound("TENANT_NOT_FOUND", "tenant", f"tenants/{tenant_id}")
        return tenant

    # -- users --------------------------------------------------------------------------------

    async def create_user(
        self, actor: Principal, parent: str, user_id: str, *, display_name: str, email: str, role: Role
    ) -> User:
        tenant_id = names.parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        names.check_id(user_id, field="user_id")
        email = email.strip().lower()
        if email and ("@" not in email or len(email) > 254):
            raise invalid("user.email", f"{email!r} is not an e-mail address")
        require_own_token(actor, "create users")
        await self._tenant(tenant_id)
        if role is Role.OWNER:
            await self._require_owner(actor, tenant_id, "grant the owner role")
        now = self._clock()
        user = User(tenant_id, user_id, display_name.strip(), email, UserState.ACTIVE, now)
        membership = Membership(tenant_id, user_id, role, (), 1, now)
        conflict = await self._store.create_user(user, membership)
        if conflict == "email":
            raise AlreadyExists("USER_EXISTS", "user", f"{parent}/users?email={email}")
        if conflict is not None:
            raise AlreadyExists("USER_EXISTS", "user", user.name)
        return user

    async def get_user(self, name: str) -> User:
        ids = names.parse(name, "tenants/{tenant}/users/{user}", field="name")
        return await self._user(ids["tenant"], ids["user"])

    async def list_users(self, parent: str, size: int, token: str) -> Page[User]:
        tenant_id = names.parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        await self._tenant(tenant_id)
        rows, next_token = await paging.fetch_page(
            lambda after, limit: self._store.list_users(tenant_id, after=after, limit=limit),
            lambda u: u.id,
            size,
            token,
        )
        return Page(rows, next_token)

    async def disable_user(self, actor: Principal, name: str) -> User:
        ids = names.parse(name, "tenants/{tenant}/users/{user}", field="name")
        membership = await self._membership(ids["tenant"], ids["user"])
        if membership.role is Role.OWNER:
            await self._require_owner(actor, ids["tenant"], "disable an owner")
            await self._keep_an_owner(ids["tenant"])
        subject = f"tenants/{ids['tenant']}/users/{ids['user']}"
        revocation = Revocation(ids["tenant"], subject, self._clock(), RevocationCause.USER_DISABLED)
        user = await self._store.set_user_state(ids["tenant"], ids["user"], UserState.DISABLED, revocation=revocation)
        if user is None:
            raise NotFound("USER_NOT_FOUND", "user", name)
        self._on_revoked(revocation)
        return user

    async def _user(self, tenant_id: str, user_id: str) -> User:
        user = await self._store.get_user(tenant_id, user_id)
        if user is None:
            raise NotFound("USER_NOT_FOUND", "user", f"tenants/{tenant_id}/users/{user_id}")
        return user

    # -- memberships --------------------------------------------------------------------------

    async def get_membership(self, name: str) -> Membership:
        ids = names.parse(name, "tenants/{tenant}/memberships/{user}", field="name")
        return await self._membership(ids["tenant"], ids["user"])

    async def list_memberships(self, parent: str, size: int, token: str) -> Page[Membership]:
        tenant_id = names.parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        await self._tenant(tenant_id)
        rows, next_token = await paging.fetch_page(
            lambda after, limit: self._store.list_memberships(tenant_id, after=after, limit=limit),
            lambda m: m.user,
            size,
            token,
        )
        return Page(rows, next_token)

    async def update_membership(
        self, actor: Principal, name: str, *, role: Role, extras: Iterable[str], etag: str
    ) -> Membership:
        ids = names.parse(name, "tenants/{tenant}/memberships/{user}", field="membership.name")
        tenant_id, user_id = ids["tenant"], ids["user"]
        require_own_token(actor, "change memberships")
        extras_sorted = tuple(sorted(set(extras)))
        for i, capability in enumerate(extras_sorted):
            if not self._caps.grantable(capability):
                raise invalid(f"membership.extra_capabilities[{i}]", f"{capability!r} is not a tenant capability")
        current = await self._membership(tenant_id, user_id)
        if etag and etag != current.etag:
            raise Aborted(
                "ETAG_MISMATCH",
                f"membership {name!r} changed since etag {etag}; re-read it (now {current.etag})",
                metadata={"etag": current.etag},
            )
        if Role.OWNER in (role, current.role) and role != current.role:
            await self._require_owner(actor, tenant_id, "grant or revoke the owner role")
            if current.role is Role.OWNER:
                await self._keep_an_owner(tenant_id)
        missing = [c for c in extras_sorted if not actor.is_platform and not actor.can(c)]
        if missing:
            raise PermissionDenied(
                "GRANT_NOT_ALLOWED",
                f"cannot grant capabilities the caller lacks: {', '.join(missing)}",
                metadata={"capabilities": ",".join(missing)},
            )
        now = self._clock()
        lost = set(self.capabilities_of(current)) - set(self._caps.effective(role, extras_sorted))
        revocation = Revocation(tenant_id, current.user_name, now, RevocationCause.MEMBERSHIP_LOWERED) if lost else None
        updated = await self._store.update_membership(
            tenant_id,
            user_id,
            role=role,
            extras=extras_sorted,
            expected_version=current.version,
            now=now,
            revocation=revocation,
        )
        if updated is None:
            raise Aborted("ETAG_MISMATCH", f"membership {name!r} changed concurrently; re-read it and retry")
        if revocation is not None:
            self._on_revoked(revocation)
        return updated

    # -- token revocations --------------------------------------------------------------------

    async def sign_out(self, actor: Principal, parent: str) -> Revocation:
        """Revokes every token of the caller's subject in its tenant issued until now, the calling one included.

        `parent` names the caller's tenant (the runtime refuses another one); a platform operator's tokens are those
        of tenant `*`, whichever tenant it names.
        """
        names.parse(parent, "tenants/{tenant}", field="parent")
        revocation = Revocation(actor.tenant, actor.subject, self._clock(), RevocationCause.SIGNED_OUT)
        await self._store.revoke_tokens(revocation)
        self._on_revoked(revocation)
        return revocation

    async def end_session(self, tenant: str, subject: str, session: str, now: float) -> Revocation:
        """Revokes the tokens of one sign-in session of a user, issued until `now`: its other sessions live on."""
        revocation = Revocation(tenant, subject, now, RevocationCause.SIGN_IN_SESSION_ENDED, session)
        await self._store.revoke_tokens(revocation)
        self._on_revoked(revocation)
        return revocation

    async def list_revocations(self, size: int, token: str) -> Page[Revocation]:
        """The revocations still in force (younger than the longest token lifetime), by tenant and subject."""
        since = self._clock() - self._revocation_window

        def fetch(after: str, limit: int) -> Awaitable[list[Revocation]]:
            tenant, _, subject = after.partition("\n")
            return self._store.list_revocations(since=since, after=(tenant, subject), limit=limit)

        rows, next_token = await paging.fetch_page(fetch, lambda r: f"{r.tenant}\n{r.key}", size, token)
        return Page(rows, next_token)

    def capabilities_of(self, membership: Membership) -> tuple[str, ...]:
        return self._caps.effective(membership.role, membership.extra_capabilities)

    async def _membership(self, tenant_id: str, user_id: str) -> Membership:
        membership = await self._store.get_membership(tenant_id, user_id)
        if membership is None:
            await self._tenant(tenant_id)
            raise NotFound("MEMBERSHIP_NOT_FOUND", "membership", f"tenants/{tenant_id}/memberships/{user_id}")
        return membership

    async def _rank_of(self, actor: Principal, tenant_id: str) -> int | None:
        """The rank of a tenant user's own role in `tenant_id`; None for anyone else."""
        parts = actor.subject.split("/")
        if len(parts) == 4 and parts[0] == "tenants" and parts[1] == tenant_id and parts[2] == "users":
            mine = await self._store.get_membership(tenant_id, parts[3])
            return _RANK[mine.role] if mine is not None else None
        return None

    async def require_role_at_least(self, actor: Principal, membership: Membership, action: str) -> None:
        """Refuses a tenant user whose own role in the membership's tenant is below the membership's role.
        Operators stand outside tenant roles: their tokens' capabilities bound what they may do instead."""
        if actor.is_platform:
            return
        mine = await self._rank_of(actor, membership.tenant)
        if mine is None or mine < _RANK[membership.role]:
            raise PermissionDenied(
                "GRANT_NOT_ALLOWED",
                f"{actor.subject} cannot {action} {membership.user_name}: its role "
                f"{membership.role.value} is above the caller's own",
                metadata={"role": membership.role.value},
            )

    async def require_role_above(self, actor: Principal, membership: Membership, action: str) -> None:
        """Refuses a tenant user whose own role is not strictly above the membership's: whoever sets another
        person's credentials can sign in as them, so that must never reach a peer's or a superior's account (a
        second approval key, or the owner role). Operators stand outside tenant roles."""
        if actor.is_platform:
            return
        mine = await self._rank_of(actor, membership.tenant)
        if mine is None or mine <= _RANK[membership.role]:
            raise PermissionDenied(
                "GRANT_NOT_ALLOWED",
                f"{actor.subject} cannot {action} {membership.user_name}: only a role above its "
                f"{membership.role.value} role may",
                metadata={"role": membership.role.value},
            )

    async def require_owner(self, actor: Principal, tenant_id: str, action: str) -> None:
        """Refuses anyone but an owner of the tenant (and operators)."""
        await self._require_owner(actor, tenant_id, action)

    async def _require_owner(self, actor: Principal, tenant_id: str, action: str) -> None:
        if actor.is_platform:
            return
        parts = actor.subject.split("/")
        if len(parts) == 4 and parts[0] == "tenants" and parts[1] == tenant_id and parts[2] == "users":
            membership = await self._store.get_membership(tenant_id, parts[3])
            if membership is not None and membership.role is Role.OWNER:
                return
        raise PermissionDenied("GRANT_NOT_ALLOWED", f"only an owner of tenants/{tenant_id} may {action}")

    async def _keep_an_owner(self, tenant_id: str) -> None:
        if await self._store.count_active_owners(tenant_id) <= 1:
            raise FailedPrecondition(
                "LAST_OWNER", f"tenants/{tenant_id} would be left without an active owner; add another owner first"
            )
