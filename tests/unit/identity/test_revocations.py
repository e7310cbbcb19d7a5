"""Revocation in identity: disabling, lowering a membership and signing out record a revocation with its event, and
the verifier refuses the subject's older tokens, cached ones included, while newer ones pass."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from soma.events.v1.envelope_pb2 import Event
from soma.identity.v1 import identity_pb2
from somastack.identity import codec
from somastack.identity.adapters.sql_store import outbox
from somastack.identity.directory import Directory
from somastack.identity.model import Revocation, RevocationCause, Role
from somastack.identity.roles import Capabilities
from somastack.platform.errors import Unauthenticated
from somastack.platform.events import payload_of
from somastack.runtime.auth import TokenVerifier
from somastack.runtime.contract import capability_catalogue
from somastack.runtime.revocation import Revocations
from tests.unit.identity.conftest import World
from tests.unit.identity.test_tokens import seed

BOB = "tenants/acme/users/bob"
WINDOW = 86400.0


class Revoking:
    """A directory whose revocations reach a verifier's list at once, as in the identity process."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.revocations = Revocations(window=WINDOW, clock=world.clock)
        self.heard: list[Revocation] = []
        self.directory = Directory(
            world.store,
            Capabilities(capability_catalogue()),
            clock=world.clock,
            on_revoked=self._heard,
            revocation_window=WINDOW,
        )
        self.verifier = TokenVerifier(
            world.tokens,
            issuer="soma-identity",
            audience="soma",
            leeway=5,  # the test's clock runs ahead of the real one, which checks `iat`
            clock=world.clock,
            revocations=self.revocations,
        )

    def _heard(self, revocation: Revocation) -> None:
        # As identity's own process applies them (bootstrap): through the message every service reads.
        self.heard.append(revocation)
        self.revocations.apply_message(codec.revocation_pb(revocation))

    async def token(self, user: str = BOB) -> str:
        return (await self.world.tokens.issue(self.world.platform, user, [], 0)).token

    async def refused(self, token: str) -> None:
        with pytest.raises(Unauthenticated) as caught:
            await self.verifier.verify(token)
        assert caught.value.reason == "TOKEN_REVOKED"


async def announced(world: World) -> list[identity_pb2.TokenRevocation]:
    """The revocations waiting in identity's outbox, in order."""
    async with world.store._engine.connect() as connection:
        rows = (await connection.execute(select(outbox.c.topic, outbox.c.payload).order_by(outbox.c.id))).all()
    found = []
    for topic, payload in rows:
        assert topic == "identity.revocations"
        revoked = payload_of(Event.FromString(payload), identity_pb2.TokensRevoked)
        assert revoked is not None
        found.append(revoked.revocation)
    return found


async def test_disabling_a_user_revokes_its_tokens_cached_ones_included(world: World) -> None:
    await seed(world)
    r = Revoking(world)
    token = await r.token()
    assert (await r.verifier.verify(token)).subject == BOB  # verified and cached
    world.clock.now += 0.2
    await r.directory.disable_user(world.platform, BOB)
    assert [(x.subject, x.cause) for x in r.heard] == [(BOB, RevocationCause.USER_DISABLED)]
    await r.refused(token)
    [event] = await announced(world)
    assert (event.tenant, event.subject, event.cause) == ("acme", BOB, identity_pb2.REVOCATION_CAUSE_USER_DISABLED)
    assert abs(event.not_before.ToNanoseconds() / 1e9 - r.heard[0].not_before) < 1e-6


async def test_lowering_a_membership_revokes_and_raising_it_does_not(world: World) -> None:
    await seed(world)
    r = Revoking(world)
    name = "tenants/acme/memberships/bob"
    await r.directory.update_membership(world.platform, name, role=Role.ADMIN, extras=(), etag="")
    assert r.heard == [] and await announced(world) == []
    admin = await r.token()
    await r.verifier.verify(admin)
    world.clock.now += 0.2
    await r.directory.update_membership(world.platform, name, role=Role.MEMBER, extras=(), etag="")
    assert [x.cause for x in r.heard] == [RevocationCause.MEMBERSHIP_LOWERED]
    await r.refused(admin)
    world.clock.now += 0.001  # a new token, within the same second as the revocation, works
    assert (await r.verifier.verify(await r.token())).subject == BOB


async def test_signing_out_revokes_the_callers_tokens_only(world: World) -> None:
    await seed(world)
    await world.directory.create_user(
        world.platform, "tenants/acme", "amy", display_name="", email="", role=Role.MEMBER
    )
    r = Revoking(world)
    bobs, amys = await r.token(), await r.token("tenants/acme/users/amy")
    bob = await r.verifier.verify(bobs)
    world.clock.now += 0.2
    revocation = await r.directory.sign_out(bob, "tenants/acme")
    assert (revocation.tenant, revocation.subject, revocation.cause) == ("acme", BOB, RevocationCause.SIGNED_OUT)
    await r.refused(bobs)
    assert (await r.verifier.verify(amys)).subject == "tenants/acme/users/amy"
    world.clock.now += 0.001
    await r.verifier.verify(await r.token())


async def test_revocations_in_force_are_listed_and_old_ones_dropped(world: World) -> None:
    await seed(world)
    r = Revoking(world)
    await r.directory.sign_out(world.principal("acme", "bob"), "tenants/acme")
    await r.directory.sign_out(world.principal("acme", "amy"), "tenants/acme")
    page = await r.directory.list_revocations(1, "")
    assert [x.subject for x in page.items] == ["tenants/acme/users/amy"] and page.next_page_token
    rest = await r.directory.list_revocations(1, page.next_page_token)
    assert [x.subject for x in rest.items] == [BOB] and not rest.next_page_token
    # A day later those matter no more: every token they refuse has expired.
    world.clock.now += WINDOW + 120
    assert (await r.directory.list_revocations(50, "")).items == []
    r.revocations.apply("acme", "tenants/acme/users/carl", world.clock.now)
    assert len(r.revocations) == 1 and r.revocations.not_before("acme", BOB) is None


async def test_a_later_revocation_of_a_subject_wins_and_an_earlier_one_changes_nothing() -> None:
    revocations = Revocations(window=WINDOW)
    revocations.apply("acme", BOB, 100.0)
    revocations.apply("acme", BOB, 50.0)
    assert revocations.not_before("acme", BOB) == 100.0
    assert revocations.not_before("other", BOB) is None
