"""Refresh tokens: opaque, stored hashed, single-use, in families that a replay or a sign-out revokes whole."""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from somastack.identity.accounts import secret_hash
from somastack.identity.model import User
from somastack.identity.signin_ports import RefreshFamily, RefreshStore, Rotation, SignInClient
from somastack.identity.tokens import TokenService
from somastack.platform.audit.notes import annotate
from somastack.platform.errors import FailedPrecondition, NotFound, Unauthenticated


@dataclass(frozen=True)
class TokenPair:
    """What a sign-in, refresh or token exchange returns."""

    access_token: str
    expires_at: float
    refresh_token: str
    refresh_expires_at: float
    user: str
    capabilities: tuple[str, ...]


def _invalid() -> Unauthenticated:
    return Unauthenticated(
        "REFRESH_TOKEN_INVALID", "the refresh token is unknown, expired or signed out; sign in again"
    )


class RefreshTokens:
    """Starts refresh families at sign-in, rotates their tokens on refresh, revokes them on replay or sign-out.

    A refresh token works once. Presenting a used one means two parties hold the family (a stolen token, or a
    client bug): the family is revoked, so the thief and the user both have to sign in again (OAuth 2.0 Security
    BCP, refresh token rotation).
    """

    def __init__(
        self,
        store: RefreshStore,
        tokens: TokenService,
        *,
        access_ttl: float,
        refresh_ttl: float,
        on_ended: Callable[[RefreshFamily, float], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        #: Told when a session ends (sign-out, RevokeSignInSession, a replayed refresh token), so that its access
        #: tokens are revoked too.
        self._on_ended = on_ended
        self._tokens = tokens
        self._access_ttl = access_ttl
        self._refresh_ttl = refresh_ttl
        self._clock = clock

    async def start(self, user: User, client: SignInClient) -> TokenPair:
        """A new family (sign-in session) for a user who just proved who they are."""
        now = self._clock()
        family = RefreshFamily(
            uuid.uuid4().hex,
            user.tenant,
            user.id,
            now,
            now + self._refresh_ttl,
            method=client.method,
            user_agent=client.user_agent[:256],
        )
        access = await self._tokens.issue_signed_in(user.name, self._access_ttl, session=family.id)
        token = secrets.token_urlsafe(32)
        await self._store.create_family(family, secret_hash(token))
        return TokenPair(access.token, access.expires_at, token, family.expires_at, user.name, access.capabilities)

    async def refresh(self, token: str) -> TokenPair:
        """A new pair for an unused refresh token; the token is spent.

        Raises:
            Unauthenticated: REFRESH_TOKEN_INVALID (unknown, expired, revoked, or its user can no longer sign in),
                REFRESH_TOKEN_REUSED (already used: the family is revoked now).
        """
        old_hash = secret_hash(token)
        found = await self._store.find_refresh(old_hash)
        now = self._clock()
        if found is None:
            raise _invalid()
        family, used = found
        annotate(subject=family.user_name, tenant=family.tenant)
        if not family.live_at(now):
            raise _invalid()
        if used:
            await self._reused(family)
        try:
            access = await self._tokens.issue_signed_in(family.user_name, self._access_ttl, session=family.id)
        except (FailedPrecondition, NotFound):
            # Disabled or removed since the sign-in: the family ends here.
            await self._store.revoke_family(family.id, now=now)
            raise _invalid() from None
        new = secrets.token_urlsafe(32)
        rotation = await self._store.rotate_refresh(family.id, old_hash, secret_hash(new), now=now)
        if rotation is Rotation.ENDED:
            # Signed out or ended since it was read: the access token just signed is never handed out.
            raise _invalid()
        if rotation is Rotation.REUSED:
            await self._reused(family)
        return TokenPair(access.token, access.expires_at, new, family.expires_at, family.user_name, access.capabilities)

    async def _reused(self, family: RefreshFamily) -> None:
        """A replay: two parties hold the family. Its session ends, the access tokens either party holds included."""
        await self.end(family)
        raise Unauthenticated(
            "REFRESH_TOKEN_REUSED",
            "the refresh token was used already; its whole family is revoked, sign in again",
        )

    async def sign_out(self, token: str) -> None:
        """Ends the session of a refresh token, its access tokens included; quietly nothing for an unknown one."""
        found = await self._store.find_refresh(secret_hash(token))
        if found is not None:
            annotate(subject=found[0].user_name, tenant=found[0].tenant)
            await self.end(found[0])

    async def end(self, family: RefreshFamily) -> float | None:
        """Revokes a family and the access tokens it issued; when, or None when it had ended already."""
        ended = await self._store.revoke_family(family.id, now=self._clock())
        # Read after the revocation committed: an access token signed by a refresh that completed before it (the
        # store serialises the two) was issued earlier, so the session's revocation covers it.
        now = self._clock()
        if self._on_ended is not None:
            # Also when it had ended already: an earlier attempt may have failed between the two steps.
            await self._on_ended(family, now)
        return now if ended else None

    async def sign_out_everywhere(self, user: User) -> None:
        """Revokes every family of a user, after its password changed."""
        await self._store.revoke_user_families(user.tenant, user.id, now=self._clock())
