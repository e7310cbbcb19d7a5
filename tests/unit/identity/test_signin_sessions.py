"""Sign-in sessions in identity: each sign-in starts one (how, from which client), its access tokens carry its id, its
owner or a tenant admin lists and ends it, and ending it (or signing out, or replaying a refresh token) refuses its
access tokens while the user's other sessions live on. Also the account's sign-in state, the public sign-in options,
credential changes refused to impersonation tokens and the sign-in's audit note."""

from __future__ import annotations

from dataclasses import dataclass, replace

import jwt
import pyotp
import pytest
from argon2 import PasswordHasher

from somastack.identity.accounts import Accounts, Lockout, secret_hash
from somastack.identity.adapters.sql_signin import SqlSignInStore
from somastack.identity.model import Revocation, RevocationCause, Role
from somastack.identity.refresh import RefreshTokens, TokenPair
from somastack.identity.roles import Capabilities
from somastack.identity.sessions import SignInSessions
from somastack.identity.signin_ports import (
    ClaimMatch,
    OidcProvider,
    RefreshFamily,
    Rotation,
    SignInClient,
    SignInMethod,
)
from somastack.platform.audit import notes
from somastack.platform.errors import InvalidArgument, NotFound, PermissionDenied, Unauthenticated
from somastack.platform.principal import Principal
from somastack.platform.sealing import Sealer
from somastack.runtime.contract import capability_catalogue
from tests.unit.identity.conftest import World
from tests.unit.identity.test_revocations import BOB, Revoking, announced
from tests.unit.identity.test_tokens import seed

PASSWORD = "bob keeps a long passphrase"
AMY = "tenants/acme/users/amy"
ADMIN_CAPABILITY = "identity.credentials.reset"


@dataclass
class Signing:
    """Sign-in use cases on identity's SQLite store, their revocations reaching a verifier at once."""

    world: World
    revoking: Revoking
    store: SqlSignInStore
    accounts: Accounts
    refresh: RefreshTokens
    sessions: SignInSessions

    async def sign_in(self, user_agent: str = "", **factor: str) -> TokenPair:
        user, method = await self.accounts.verify_sign_in("tenants/acme", "bob", PASSWORD, **factor)
        return await self.refresh.start(user, SignInClient(method, user_agent))

    async def own(self, pair: TokenPair) -> Principal:
        """The principal of a pair's access token, as a service sees it."""
        return await self.revoking.verifier.verify(pair.access_token)

    async def listed(self, actor: Principal, user: str = BOB) -> list[RefreshFamily]:
        return (await self.sessions.list(actor, user, 0, ""))[0]


@pytest.fixture
async def signing(world: World) -> Signing:
    await seed(world)
    await world.directory.create_user(
        world.platform, "tenants/acme", "amy", display_name="", email="", role=Role.MEMBER
    )
    revoking = Revoking(world)
    store = SqlSignInStore(world.store._engine, sealer=Sealer.ephemeral())
    directory = revoking.directory

    async def end_session(family: RefreshFamily, now: float) -> None:
        await directory.end_session(family.tenant, family.user_name, family.id, now)

    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    accounts = Accounts(
        store,
        directory,
        lockout=Lockout(),
        reset_ttl=3600,
        totp_issuer="Soma",
        totp_window=1,
        hasher=hasher,
        clock=world.clock,
    )
    refresh = RefreshTokens(
        store, world.tokens, access_ttl=600, refresh_ttl=86400, on_ended=end_session, clock=world.clock
    )
    sessions = SignInSessions(store, store, store, directory, refresh, clock=world.clock)
    await store.set_password("acme", "bob", hasher.hash(PASSWORD), now=world.clock.now)
    return Signing(world, revoking, store, accounts, refresh, sessions)


def sid_of(pair: TokenPair) -> str:
    return str(jwt.decode(pair.access_token, options={"verify_signature": False})["sid"])


async def refused(signing: Signing, pair: TokenPair) -> None:
    await signing.revoking.refused(pair.access_token)


async def test_a_sign_in_starts_a_session_that_its_access_tokens_name(signing: Signing) -> None:
    world = signing.world
    pair = await signing.sign_in(user_agent="Mozilla/5.0 " + "x" * 400)
    bob = await signing.own(pair)
    # Tokens issued otherwise (IssueToken) belong to no session.
    issued = await signing.revoking.token()
    assert "sid" not in jwt.decode(issued, options={"verify_signature": False})
    assert (await signing.revoking.verifier.verify(issued)).session == ""
    [session] = await signing.listed(bob)
    assert sid_of(pair) == session.id == bob.session
    assert (session.method, len(session.user_agent), session.last_refresh_at) == (SignInMethod.PASSWORD, 256, None)
    assert session.user_agent.startswith("Mozilla/5.0 ") and session.name == f"{BOB}/signInSessions/{session.id}"

    world.clock.now += 30
    again = await signing.refresh.refresh(pair.refresh_token)
    assert sid_of(again) == session.id, "a refresh stays in its session"
    [refreshed] = await signing.listed(bob)
    assert refreshed.last_refresh_at == world.clock.now and refreshed.created_at == session.created_at


async def test_the_method_names_the_second_factor_that_proved_the_sign_in(signing: Signing) -> None:
    world = signing.world
    bob = await signing.own(await signing.sign_in())
    uri, secret = await signing.accounts.enroll_totp(bob, BOB)
    assert (await signing.sessions.account(bob, f"{BOB}/account")).totp == "pending"
    assert (await signing.sign_in()).user == BOB, "a pending enrolment asks no code yet"
    codes = await signing.accounts.confirm_totp(bob, BOB, pyotp.TOTP(secret).at(world.clock.now))
    world.clock.now += 30  # each 30 s step is accepted once: the next sign-in uses the next code
    with pytest.raises(Unauthenticated) as caught:
        await signing.sign_in()
    assert caught.value.reason == "SECOND_FACTOR_REQUIRED"
    await signing.sign_in(totp_code=pyotp.TOTP(secret).at(world.clock.now))
    world.clock.now += 1
    await signing.sign_in(recovery_code=codes[0])
    methods = [s.method for s in await signing.listed(bob)]
    assert methods == [
        SignInMethod.PASSWORD_RECOVERY_CODE,
        SignInMethod.PASSWORD_TOTP,
        SignInMethod.PASSWORD,
        SignInMethod.PASSWORD,
    ], "newest first"
    assert uri.startswith("otpauth://totp/")


async def test_ending_a_session_refuses_its_tokens_and_spares_the_users_others(signing: Signing) -> None:
    world = signing.world
    laptop, phone = await signing.sign_in(), await signing.sign_in()
    bob = await signing.own(laptop)
    await signing.own(phone)  # verified once: cached, as on a busy service
    world.clock.now += 0.2
    name = f"{BOB}/signInSessions/{sid_of(phone)}"
    revocation = await signing.sessions.revoke(bob, name)
    assert (revocation.tenant, revocation.subject, revocation.session) == ("acme", BOB, sid_of(phone))
    assert revocation.cause is RevocationCause.SIGN_IN_SESSION_ENDED and revocation.not_before == world.clock.now
    await refused(signing, phone)
    assert (await signing.own(laptop)).subject == BOB, "the laptop's session lives on"
    assert (await signing.revoking.verifier.verify(await signing.revoking.token())).subject == BOB
    with pytest.raises(Unauthenticated) as caught:
        await signing.refresh.refresh(phone.refresh_token)
    assert caught.value.reason == "REFRESH_TOKEN_INVALID"
    assert [s.id for s in await signing.listed(bob)] == [sid_of(laptop)]

    # Announced on identity.revocations, listed in force for services that start later; ended once only.
    [event] = await announced(world)
    assert (event.subject, event.sign_in_session) == (BOB, sid_of(phone))
    in_force = (await signing.revoking.directory.list_revocations(50, "")).items
    assert [(r.subject, r.session, r.cause) for r in in_force] == [
        (BOB, sid_of(phone), RevocationCause.SIGN_IN_SESSION_ENDED)
    ]
    with pytest.raises(NotFound) as missing:
        await signing.sessions.revoke(bob, name)
    assert (missing.value.reason, missing.value.metadata) == ("SIGN_IN_SESSION_NOT_FOUND", {"resource": name})
    with pytest.raises(NotFound):
        await signing.sessions.revoke(bob, f"{BOB}/signInSessions/0123abc")


async def test_signing_out_ends_the_session_of_the_refresh_token(signing: Signing) -> None:
    world = signing.world
    laptop, phone = await signing.sign_in(), await signing.sign_in()
    world.clock.now += 0.2
    await signing.refresh.sign_out(phone.refresh_token)
    await refused(signing, phone)
    await signing.own(laptop)
    assert [(r.cause, r.session) for r in signing.revoking.heard] == [
        (RevocationCause.SIGN_IN_SESSION_ENDED, sid_of(phone))
    ]
    await signing.refresh.sign_out("no such refresh token")  # a quiet success
    assert len(signing.revoking.heard) == 1


async def test_a_replayed_refresh_token_ends_its_session_access_tokens_included(signing: Signing) -> None:
    world = signing.world
    first = await signing.sign_in()
    other = await signing.sign_in()
    world.clock.now += 1
    thief = await signing.refresh.refresh(first.refresh_token)
    world.clock.now += 1
    with pytest.raises(Unauthenticated) as caught:
        await signing.refresh.refresh(first.refresh_token)
    assert caught.value.reason == "REFRESH_TOKEN_REUSED"
    await refused(signing, thief)
    await refused(signing, first)
    await signing.own(other)


class EndedMeanwhile(SqlSignInStore):
    """A store whose family is revoked between the refresh's read and its rotation, as by a concurrent sign-out."""

    def __init__(self, inner: SqlSignInStore, signing: Signing) -> None:
        super().__init__(inner._engine, sealer=inner._sealer)
        self.signing = signing

    async def rotate_refresh(self, family_id: str, old_hash: str, new_hash: str, *, now: float) -> Rotation:
        found = await self.find_refresh(old_hash)
        assert found is not None
        await self.signing.refresh.end(found[0])
        return await super().rotate_refresh(family_id, old_hash, new_hash, now=now)


async def test_a_refresh_racing_the_end_of_its_session_hands_out_no_token(signing: Signing) -> None:
    pair = await signing.sign_in()
    racing = RefreshTokens(
        EndedMeanwhile(signing.store, signing), signing.world.tokens, access_ttl=600, refresh_ttl=86400
    )
    with pytest.raises(Unauthenticated) as caught:
        await racing.refresh(pair.refresh_token)
    assert caught.value.reason == "REFRESH_TOKEN_INVALID"
    # The token was not spent by the failed rotation: it is the session's end that refuses it, not a replay.
    found = await signing.store.find_refresh(secret_hash(pair.refresh_token))
    assert found is not None and found[1] is False and found[0].revoked_at is not None


async def test_only_the_owner_or_a_tenant_admin_reads_and_ends_sessions(signing: Signing) -> None:
    world = signing.world
    pair = await signing.sign_in()
    bob = await signing.own(pair)
    name = f"{BOB}/signInSessions/{sid_of(pair)}"
    member_caps = Capabilities(capability_catalogue()).of_role(Role.MEMBER)
    amy = Principal(AMY, "acme", member_caps, world.clock.now + 600)
    assert ADMIN_CAPABILITY not in member_caps
    for call in (
        signing.sessions.list(amy, BOB, 0, ""),
        signing.sessions.account(amy, f"{BOB}/account"),
        signing.sessions.revoke(amy, name),
    ):
        with pytest.raises(PermissionDenied) as caught:
            await call
        assert (caught.value.reason, caught.value.metadata) == ("NOT_ACCOUNT_OWNER", {"user": BOB})

    # An impersonation token of bob's reads, but ends nothing.
    posing = replace(bob, actor="platform/admin")
    assert [s.id for s in await signing.listed(posing)] == [sid_of(pair)]
    with pytest.raises(PermissionDenied) as caught:
        await signing.sessions.revoke(posing, name)
    assert caught.value.reason == "IMPERSONATION_NOT_ALLOWED"

    # A session of amy's is not found under bob's name; an admin ends bob's.
    olga = world.principal("acme", "olga", Capabilities(capability_catalogue()).of_role(Role.ADMIN))
    assert [s.id for s in await signing.listed(olga)] == [sid_of(pair)]
    with pytest.raises(NotFound) as missing:
        await signing.sessions.list(olga, "tenants/acme/users/nobody", 0, "")
    assert missing.value.reason == "USER_NOT_FOUND"
    amys = await signing.refresh.start(await world.directory.get_user(AMY), SignInClient(SignInMethod.PASSWORD))
    with pytest.raises(NotFound) as missing:
        await signing.sessions.revoke(olga, f"{BOB}/signInSessions/{sid_of(amys)}")
    assert missing.value.reason == "SIGN_IN_SESSION_NOT_FOUND"
    world.clock.now += 0.2
    ended = await signing.sessions.revoke(olga, name)
    assert ended.subject == BOB
    await refused(signing, pair)


async def test_sessions_are_listed_newest_first_a_page_at_a_time(signing: Signing) -> None:
    world = signing.world
    pairs = []
    for _ in range(3):
        pairs.append(await signing.sign_in())
        world.clock.now += 1
    bob = await signing.own(pairs[-1])
    first, token = await signing.sessions.list(bob, BOB, 2, "")
    rest, last = await signing.sessions.list(bob, BOB, 2, token)
    assert [s.id for s in (*first, *rest)] == [sid_of(p) for p in reversed(pairs)] and token and not last
    with pytest.raises(InvalidArgument) as caught:
        # A token this service never issued: k:<not a number>:<id>, base64url.
        await signing.sessions.list(bob, BOB, 2, "azpub3QtYS1udW1iZXI6YWJj")
    assert caught.value.violations[0].field == "page_token"
    # Expired sessions are no longer listed.
    world.clock.now += 86400
    assert await signing.listed(world.principal("acme", "bob")) == []


async def test_the_account_tells_the_state_of_the_password_and_second_factor(signing: Signing) -> None:
    world = signing.world
    bob = await signing.own(await signing.sign_in())
    state = await signing.sessions.account(bob, f"{BOB}/account")
    assert (state.name, state.password_set, state.totp, state.recovery_codes_left) == (
        f"{BOB}/account",
        True,
        "none",
        0,
    )
    assert state.password_changed_at == pytest.approx(world.clock.now)
    _, secret = await signing.accounts.enroll_totp(bob, BOB)
    codes = await signing.accounts.confirm_totp(bob, BOB, pyotp.TOTP(secret).at(world.clock.now))
    confirmed = await signing.sessions.account(bob, f"{BOB}/account")
    assert (confirmed.totp, confirmed.recovery_codes_left) == ("confirmed", 10)
    await signing.sign_in(recovery_code=codes[3])
    assert (await signing.sessions.account(bob, f"{BOB}/account")).recovery_codes_left == 9
    amy = await signing.sessions.account(world.principal("acme", "amy"), f"{AMY}/account")
    assert (amy.password_set, amy.password_changed_at, amy.totp) == (False, None, "none")


async def test_sign_in_options_are_the_defaults_unless_the_tenant_trusts_an_issuer(signing: Signing) -> None:
    options = await signing.sessions.options("tenants/no-such-tenant/signInOptions")
    assert (options.name, options.issuer, options.client_id) == ("tenants/no-such-tenant/signInOptions", "", "")
    assert (await signing.sessions.options("tenants/acme/signInOptions")).issuer == ""
    provider = OidcProvider(
        "acme", "https://login.example.com", "console", "https://login.example.com/jwks", "sub", ClaimMatch.USER_ID,
        False, signing.world.clock.now,
    )  # fmt: skip
    await signing.store.put_oidc_provider(provider)
    options = await signing.sessions.options("tenants/acme/signInOptions")
    assert (options.issuer, options.client_id) == ("https://login.example.com", "console")
    with pytest.raises(InvalidArgument):
        await signing.sessions.options("tenants/ACME/signInOptions")


async def test_credentials_never_change_through_an_impersonation_token(signing: Signing) -> None:
    bob = await signing.own(await signing.sign_in())
    posing = replace(bob, actor="platform/admin", capabilities=frozenset(capability_catalogue()))
    calls = (
        signing.accounts.change_password(posing, BOB, PASSWORD, "another long passphrase"),
        signing.accounts.enroll_totp(posing, BOB),
        signing.accounts.confirm_totp(posing, BOB, "123456"),
        signing.accounts.start_reset(posing, BOB),
    )
    for call in calls:
        with pytest.raises(PermissionDenied) as caught:
            await call
        assert (caught.value.reason, caught.value.metadata) == (
            "IMPERSONATION_NOT_ALLOWED",
            {"actor": "platform/admin"},
        )
    assert (await signing.sign_in()).user == BOB, "the password is unchanged"


async def test_a_sign_in_names_its_user_in_the_audit_note_only_when_the_user_exists(signing: Signing) -> None:
    note = notes.open_note()
    with pytest.raises(Unauthenticated):
        await signing.accounts.verify_sign_in("tenants/acme", "bob", "not the password at all")
    assert note.subject == BOB
    note = notes.open_note()
    with pytest.raises(Unauthenticated):
        await signing.accounts.verify_sign_in("tenants/acme", "nobody", "not the password at all")
    assert note.subject == ""
    pair = await signing.sign_in()
    note = notes.open_note()
    await signing.refresh.refresh(pair.refresh_token)
    assert (note.subject, note.tenant) == (BOB, "acme")


def test_every_role_reads_and_changes_its_own_account() -> None:
    capabilities = Capabilities(capability_catalogue())
    for role in Role:
        granted = capabilities.of_role(role)
        assert {"identity.account.read", "identity.account.write"} <= granted, role


def test_a_session_revocation_is_stored_under_a_key_of_its_own() -> None:
    ended = Revocation("acme", BOB, 1.0, RevocationCause.SIGN_IN_SESSION_ENDED, "abc123")
    assert ended.key == f"{BOB}/signInSessions/abc123"
    assert Revocation.from_key("acme", ended.key, 1.0, ended.cause) == ended
    whole = Revocation("acme", BOB, 1.0, RevocationCause.SIGNED_OUT)
    assert whole.key == BOB and Revocation.from_key("acme", BOB, 1.0, whole.cause) == whole


async def test_a_rotation_changes_nothing_unless_it_rotates(signing: Signing) -> None:
    world, store = signing.world, signing.store
    pair = await signing.sign_in()
    old, sid = secret_hash(pair.refresh_token), sid_of(pair)
    assert await store.rotate_refresh(sid, old, "new-hash", now=world.clock.now + 1) is Rotation.ROTATED
    # The old token again (a concurrent refresh that lost the race): REUSED, and nothing is written.
    assert await store.rotate_refresh(sid, old, "other-hash", now=world.clock.now + 2) is Rotation.REUSED
    assert await store.find_refresh("other-hash") is None
    found = await store.find_refresh("new-hash")
    assert found is not None and found[0].last_refresh_at == world.clock.now + 1 and found[1] is False
    assert await store.revoke_family(sid, now=world.clock.now + 3)
    assert not await store.revoke_family(sid, now=world.clock.now + 4), "revoked once"
    assert await store.rotate_refresh(sid, "new-hash", "third-hash", now=world.clock.now + 5) is Rotation.ENDED
    found = await store.find_refresh("new-hash")
    assert found is not None and found[1] is False and await store.find_refresh("third-hash") is None
