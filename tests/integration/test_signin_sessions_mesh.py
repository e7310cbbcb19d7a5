"""The account pages' API through real Envoy, gRPC and REST, on SQLite and PostgreSQL: public sign-in options, the
account's sign-in state, sign-in sessions (devices) listed and ended, credential changes refused to impersonation
tokens, and every sign-in recorded in the audit trail."""

from __future__ import annotations

import time

import grpc
import pyotp
import pytest

from soma.audit.v1 import audit_pb2
from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as pb
from tests.conftest import Mesh
from tests.integration.conftest import EVERY_ENGINE, every_mesh
from tests.integration.helpers import bearer, failure, identity, signed_in
from tests.integration.test_audit_mesh import wait_for
from tests.integration.test_signin_mesh import (
    ID_TOKEN,
    PASSWORD,
    LocalIssuer,
    refused,
    sign_in,
    unique,
    user_with_password,
)

SIGN_IN_RPC = "soma.identity.v1.IdentityService.SignIn"
SIGN_OUT_RPC = "soma.identity.v1.IdentityService.SignOut"
EXCHANGE_RPC = "soma.identity.v1.IdentityService.ExchangeToken"
RESET_RPC = "soma.identity.v1.IdentityService.CompletePasswordReset"


@pytest.fixture(params=EVERY_ENGINE)
def any_mesh(request: pytest.FixtureRequest) -> Mesh:
    """This suite runs on the Kafka variant too: the records and revocations it checks cross the broker there."""
    return every_mesh(request)


def test_sign_in_options_are_public_and_tell_nothing_of_unknown_tenants(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("opt")
    user_with_password(channel, any_mesh, tenant)
    with any_mesh.http(timeout=10) as http:
        plain = http.get(f"/v1/tenants/{tenant}/signInOptions")
        assert plain.status_code == 200, plain.text
        assert plain.json() == {"signInOptions": {"name": f"tenants/{tenant}/signInOptions", "password": True}}
        unknown = http.get("/v1/tenants/no-such-tenant-here/signInOptions").json()["signInOptions"]
        assert unknown == {"name": "tenants/no-such-tenant-here/signInOptions", "password": True}
        assert http.get("/v1/tenants/NOT_A_TENANT/signInOptions").status_code == 400
        provider = identity_pb2.OidcProvider(
            name=f"tenants/{tenant}/oidcProvider", issuer="http://127.0.0.1:9/issuer", audience="console-client"
        )
        identity(channel).UpdateOidcProvider(
            pb.UpdateOidcProviderRequest(oidc_provider=provider), metadata=bearer(any_mesh.admin_token)
        )
        sso = http.get(f"/v1/tenants/{tenant}/signInOptions").json()["signInOptions"]["singleSignOn"]
    assert sso == {"issuer": "http://127.0.0.1:9/issuer", "clientId": "console-client"}


def test_account_state_follows_enrolment_and_recovery_codes(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("acct")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    name = f"tenants/{tenant}/users/bob"
    bob = sign_in(channel, tenant, "bob")

    def state() -> identity_pb2.Account:
        return stub.GetAccount(pb.GetAccountRequest(name=f"{name}/account"), metadata=bearer(bob.access_token)).account

    first = state()
    assert first.password_set and first.password_update_time.seconds > 0
    assert first.totp_state == identity_pb2.TOTP_STATE_NONE and first.recovery_codes_left == 0
    secret = stub.EnrollTotp(pb.EnrollTotpRequest(user=name), metadata=bearer(bob.access_token)).secret
    assert state().totp_state == identity_pb2.TOTP_STATE_PENDING
    codes = stub.ConfirmTotp(
        pb.ConfirmTotpRequest(user=name, code=pyotp.TOTP(secret).now()), metadata=bearer(bob.access_token)
    ).recovery_codes
    confirmed = state()
    assert (confirmed.totp_state, confirmed.recovery_codes_left) == (identity_pb2.TOTP_STATE_CONFIRMED, 10)
    sign_in(channel, tenant, "bob", recovery_code=codes[0])
    assert state().recovery_codes_left == 9
    listed = stub.ListSignInSessions(
        pb.ListSignInSessionsRequest(parent=name), metadata=bearer(bob.access_token)
    ).sign_in_sessions
    assert [s.method for s in listed] == [
        identity_pb2.SIGN_IN_METHOD_PASSWORD_RECOVERY_CODE,
        identity_pb2.SIGN_IN_METHOD_PASSWORD,
    ]
    with any_mesh.http(timeout=10) as http:
        got = http.get(f"/v1/{name}/account", headers={"authorization": f"Bearer {bob.access_token}"})
    assert got.status_code == 200, got.text
    account = got.json()["account"]
    assert {k: v for k, v in account.items() if k != "passwordUpdateTime"} == {
        "name": f"{name}/account",
        "passwordSet": True,
        "totpState": "TOTP_STATE_CONFIRMED",
        "recoveryCodesLeft": 9,
    }
    assert account["passwordUpdateTime"].endswith("Z")

    # Another member may not read it; an admin of the tenant (olga, her own token) may.
    stub.CreateUser(
        pb.CreateUserRequest(parent=f"tenants/{tenant}", user_id="mia", user=identity_pb2.User()),
        metadata=bearer(any_mesh.admin_token),
    )
    mia = signed_in(channel, any_mesh.admin_token, tenant, "mia")
    got = refused(stub.GetAccount, pb.GetAccountRequest(name=f"{name}/account"), metadata=bearer(mia))
    assert got[:2] == (grpc.StatusCode.PERMISSION_DENIED, "NOT_ACCOUNT_OWNER")
    olga = signed_in(channel, any_mesh.admin_token, tenant)
    read = stub.GetAccount(pb.GetAccountRequest(name=f"{name}/account"), metadata=bearer(olga)).account
    assert read.totp_state == identity_pb2.TOTP_STATE_CONFIRMED
    got = refused(
        stub.GetAccount, pb.GetAccountRequest(name=f"tenants/{tenant}/users/nobody/account"), metadata=bearer(olga)
    )
    assert got[:2] == (grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND")


def test_sessions_are_listed_and_ended_by_their_owner_or_an_admin(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("dev")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    parent = f"tenants/{tenant}/users/bob"
    with any_mesh.http(timeout=10) as http:
        signed = http.post(
            f"/v1/tenants/{tenant}:signIn",
            json={"username": "bob", "password": PASSWORD},
            headers={"user-agent": "Mozilla/5.0 (X11; Linux) SomaConsoleTest/1.0"},
        )
        assert signed.status_code == 200, signed.text
        browser = signed.json()["tokens"]
        laptop = sign_in(channel, tenant, "bob")
        stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=browser["refreshToken"]))
        listed = http.get(f"/v1/{parent}/signInSessions", headers={"authorization": f"Bearer {laptop.access_token}"})
    assert listed.status_code == 200, listed.text
    sessions = listed.json()["signInSessions"]
    assert [s["method"] for s in sessions] == ["SIGN_IN_METHOD_PASSWORD"] * 2
    newest, oldest = sessions
    assert newest.get("current") is True and not oldest.get("current"), "newest first; the laptop's is the caller's"
    assert "SomaConsoleTest/1.0" in oldest["userAgent"] and "lastRefreshTime" in oldest
    assert "lastRefreshTime" not in newest

    page = stub.ListSignInSessions(
        pb.ListSignInSessionsRequest(parent=parent, page_size=1), metadata=bearer(laptop.access_token)
    )
    assert len(page.sign_in_sessions) == 1 and page.next_page_token
    rest = stub.ListSignInSessions(
        pb.ListSignInSessionsRequest(parent=parent, page_token=page.next_page_token),
        metadata=bearer(laptop.access_token),
    )
    assert [s.name for s in (*page.sign_in_sessions, *rest.sign_in_sessions)] == [s["name"] for s in sessions]

    # Another member is refused; an impersonation token of bob's ends nothing; olga (admin, own token) ends it.
    stub.CreateUser(
        pb.CreateUserRequest(parent=f"tenants/{tenant}", user_id="mia", user=identity_pb2.User()),
        metadata=bearer(any_mesh.admin_token),
    )
    mia = signed_in(channel, any_mesh.admin_token, tenant, "mia")
    revoke = pb.RevokeSignInSessionRequest(name=oldest["name"])
    assert refused(stub.RevokeSignInSession, revoke, metadata=bearer(mia))[1] == "NOT_ACCOUNT_OWNER"
    posing = stub.IssueToken(pb.IssueTokenRequest(user=parent), metadata=bearer(any_mesh.admin_token)).access_token
    assert refused(stub.RevokeSignInSession, revoke, metadata=bearer(posing))[1] == "IMPERSONATION_NOT_ALLOWED"
    olga = signed_in(channel, any_mesh.admin_token, tenant)
    ended = stub.RevokeSignInSession(revoke, metadata=bearer(olga)).revocation
    assert ended.sign_in_session == oldest["name"].rsplit("/", 1)[1] and ended.subject == parent
    got = refused(stub.RevokeSignInSession, revoke, metadata=bearer(olga))
    assert got[:2] == (grpc.StatusCode.NOT_FOUND, "SIGN_IN_SESSION_NOT_FOUND")
    assert got[2]["resource"] == oldest["name"]
    # Services that start later read it among the revocations in force.
    assert in_force(channel, any_mesh.admin_token, ended.sign_in_session) == ended
    left = stub.ListSignInSessions(pb.ListSignInSessionsRequest(parent=parent), metadata=bearer(laptop.access_token))
    assert [s.name for s in left.sign_in_sessions] == [newest["name"]]


def in_force(channel: grpc.Channel, operator: str, session: str) -> identity_pb2.TokenRevocation:
    """The revocation of a sign-in session among identity's revocations in force (ListTokenRevocations)."""
    page = ""
    while True:
        listed = identity(channel).ListTokenRevocations(
            pb.ListTokenRevocationsRequest(page_size=500, page_token=page), metadata=bearer(operator)
        )
        found = [r for r in listed.revocations if r.sign_in_session == session]
        if found:
            return found[0]
        assert listed.next_page_token, f"no revocation of session {session} in force"
        page = listed.next_page_token


def revoked_within_a_second(channel: grpc.Channel, tenant: str, token: str) -> None:
    """Identity refuses `token` as revoked (through Envoy) no later than a second from now."""
    deadline = time.monotonic() + 1.0
    while True:
        got = refused_or_none(channel, tenant, token)
        if got == (grpc.StatusCode.UNAUTHENTICATED, "TOKEN_REVOKED"):
            return
        assert time.monotonic() < deadline, f"still {got} a second later"
        time.sleep(0.05)


def refused_or_none(channel: grpc.Channel, tenant: str, token: str) -> tuple[grpc.StatusCode, str] | None:
    try:
        identity(channel).ListUsers(pb.ListUsersRequest(parent=f"tenants/{tenant}"), metadata=bearer(token))
    except grpc.RpcError as error:
        got = failure(error)
        return got.code, got.reason
    return None


def test_a_replayed_refresh_token_ends_its_session_access_tokens_included(
    any_mesh: Mesh, channel: grpc.Channel
) -> None:
    tenant = unique("rep")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    stolen, other = sign_in(channel, tenant, "bob"), sign_in(channel, tenant, "bob")
    thief = stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=stolen.refresh_token)).tokens
    assert refused_or_none(channel, tenant, thief.access_token) is None
    got = refused(stub.RefreshToken, pb.RefreshTokenRequest(refresh_token=stolen.refresh_token))
    assert got[:2] == (grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_REUSED")
    revoked_within_a_second(channel, tenant, thief.access_token)
    revoked_within_a_second(channel, tenant, stolen.access_token)
    assert refused_or_none(channel, tenant, other.access_token) is None, "bob's other session lives on"
    assert stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=other.refresh_token)).tokens.access_token


def test_single_sign_on_starts_an_oidc_session_and_is_audited(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("oid")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    issuer = LocalIssuer()
    try:
        provider = identity_pb2.OidcProvider(
            name=f"tenants/{tenant}/oidcProvider", issuer=issuer.url, audience="soma-client"
        )
        stub.UpdateOidcProvider(
            pb.UpdateOidcProviderRequest(oidc_provider=provider), metadata=bearer(any_mesh.admin_token)
        )
        started = time.time()
        with any_mesh.http(timeout=10) as http:
            answer = http.post(
                f"/v1/tenants/{tenant}:exchangeToken",
                json={"subjectToken": issuer.id_token("soma-client", "bob@example.com"), "subjectTokenType": ID_TOKEN},
                headers={"user-agent": "SomaConsoleTest/2.0 (SSO)"},
            )
            assert answer.status_code == 200, answer.text
            unknown = http.post(
                f"/v1/tenants/{tenant}:exchangeToken",
                json={
                    "subjectToken": issuer.id_token("soma-client", "ghost@example.com"),
                    "subjectTokenType": ID_TOKEN,
                },
            )
            assert unknown.status_code == 401, unknown.text
    finally:
        issuer.close()
    tokens = answer.json()["tokens"]
    user = f"tenants/{tenant}/users/bob"
    [session] = stub.ListSignInSessions(
        pb.ListSignInSessionsRequest(parent=user), metadata=bearer(tokens["accessToken"])
    ).sign_in_sessions
    assert (session.method, session.user_agent, session.current) == (
        identity_pb2.SIGN_IN_METHOD_OIDC,
        "SomaConsoleTest/2.0 (SSO)",
        True,
    )
    olga = signed_in(channel, any_mesh.admin_token, tenant)
    exchanged = wait_for(
        channel,
        olga,
        f"tenants/{tenant}",
        lambda r: r.time.seconds >= int(started) and r.code == "OK",
        rpc=EXCHANGE_RPC,
    )
    assert (exchanged.kind, exchanged.subject, exchanged.tenant) == (audit_pb2.AUDIT_KIND_SIGN_IN, user, tenant)
    failed = wait_for(channel, olga, f"tenants/{tenant}", lambda r: r.code == "UNAUTHENTICATED", rpc=EXCHANGE_RPC)
    assert (failed.kind, failed.reason, failed.subject, failed.tenant) == (
        audit_pb2.AUDIT_KIND_SIGN_IN,
        "SUBJECT_UNKNOWN",
        "",
        tenant,
    )


def test_credentials_never_change_through_an_impersonation_token(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("imp")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    name = f"tenants/{tenant}/users/bob"
    # (ResetPassword's refusal of an impersonation token is in test_signin_mesh: bob's lacks the capability anyway.)
    posing = stub.IssueToken(pb.IssueTokenRequest(user=name), metadata=bearer(any_mesh.admin_token)).access_token
    calls = [
        (stub.ChangePassword, pb.ChangePasswordRequest(user=name, current_password=PASSWORD, new_password="x" * 16)),
        (stub.EnrollTotp, pb.EnrollTotpRequest(user=name)),
        (stub.ConfirmTotp, pb.ConfirmTotpRequest(user=name, code="123456")),
    ]
    for call, request in calls:
        got = refused(call, request, metadata=bearer(posing))
        assert got[:2] == (grpc.StatusCode.PERMISSION_DENIED, "IMPERSONATION_NOT_ALLOWED"), call
    assert sign_in(channel, tenant, "bob").user == name, "the password is unchanged"


def test_every_sign_in_is_audited_with_its_user_and_outcome(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("sia")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    started = time.time()
    with pytest.raises(grpc.RpcError):
        sign_in(channel, tenant, "bob", password="not the password!")
    with pytest.raises(grpc.RpcError):
        sign_in(channel, tenant, "nobody", password="not the password!")
    bob = sign_in(channel, tenant, "bob")
    stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=bob.refresh_token))
    olga = signed_in(channel, any_mesh.admin_token, tenant)
    parent, user = f"tenants/{tenant}", f"tenants/{tenant}/users/bob"

    def sign_in_record(code: str, subject: str) -> audit_pb2.AuditRecord:
        return wait_for(
            channel,
            olga,
            parent,
            lambda r: r.code == code and r.subject == subject and r.time.seconds >= int(started),
            rpc=SIGN_IN_RPC,
        )

    failed = sign_in_record("UNAUTHENTICATED", user)
    assert (failed.kind, failed.reason, failed.tenant) == (audit_pb2.AUDIT_KIND_SIGN_IN, "INVALID_CREDENTIALS", tenant)
    assert failed.actor == user and failed.resource == parent
    unknown = sign_in_record("UNAUTHENTICATED", "")
    assert unknown.kind == audit_pb2.AUDIT_KIND_SIGN_IN and unknown.reason == "INVALID_CREDENTIALS"
    ok = sign_in_record("OK", user)
    assert ok.kind == audit_pb2.AUDIT_KIND_SIGN_IN
    refreshed = wait_for(
        channel,
        olga,
        parent,
        lambda r: r.subject == user and r.code == "OK",
        rpc="soma.identity.v1.IdentityService.RefreshToken",
    )
    assert refreshed.kind == audit_pb2.AUDIT_KIND_SIGN_IN and refreshed.tenant == tenant
    stub.SignOut(pb.SignOutRequest(refresh_token=sign_in(channel, tenant, "bob").refresh_token))
    signed_out = wait_for(channel, olga, parent, lambda r: r.subject == user, rpc=SIGN_OUT_RPC)
    assert (signed_out.kind, signed_out.code, signed_out.tenant) == (audit_pb2.AUDIT_KIND_SIGN_IN, "OK", tenant)
    # The password bob set with the admin's reset code (user_with_password) is a sign-in of his too.
    reset = wait_for(channel, olga, parent, lambda r: r.subject == user, rpc=RESET_RPC)
    assert (reset.kind, reset.code, reset.tenant, reset.actor) == (audit_pb2.AUDIT_KIND_SIGN_IN, "OK", tenant, user)
