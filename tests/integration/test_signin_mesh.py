"""Sign-in through real Envoy, gRPC and REST, on SQLite and PostgreSQL: passwords, TOTP, lockout, refresh, SSO."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import grpc
import jwt
import pyotp
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as pb
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity, signed_in

PASSWORD = "correct horse battery staple"
ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def refused(call: Any, request: Any, **kwargs: Any) -> tuple[grpc.StatusCode, str, dict[str, str]]:
    with pytest.raises(grpc.RpcError) as caught:
        call(request, **kwargs)
    got = failure(caught.value)
    return got.code, got.reason, got.metadata


def user_with_password(channel: grpc.Channel, mesh: Mesh, tenant: str, user_id: str = "bob") -> str:
    """A member of a fresh tenant whose password was set through an admin reset; returns the owner's token."""
    owner = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
    stub = identity(channel)
    stub.CreateUser(
        pb.CreateUserRequest(
            parent=f"tenants/{tenant}", user_id=user_id, user=identity_pb2.User(email=f"{user_id}@example.com")
        ),
        metadata=bearer(mesh.admin_token),
    )
    code = stub.ResetPassword(
        pb.ResetPasswordRequest(user=f"tenants/{tenant}/users/{user_id}"), metadata=bearer(mesh.admin_token)
    ).reset_code
    stub.CompletePasswordReset(
        pb.CompletePasswordResetRequest(
            tenant=f"tenants/{tenant}", username=f"{user_id}@example.com", reset_code=code, new_password=PASSWORD
        )
    )
    return owner


def sign_in(channel: grpc.Channel, tenant: str, username: str, password: str = PASSWORD, **factor: str) -> pb.TokenPair:
    request = pb.SignInRequest(tenant=f"tenants/{tenant}", username=username, password=password, **factor)
    return identity(channel).SignIn(request).tokens


def test_password_sign_in_and_same_error_for_unknown_user(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("pw")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    tokens = sign_in(channel, tenant, "BOB@example.com")
    assert tokens.user == f"tenants/{tenant}/users/bob" and tokens.token_type == "Bearer"
    assert tokens.expire_time.seconds - time.time() == pytest.approx(600, abs=10)
    assert tokens.refresh_token and "identity.account.write" in tokens.capabilities
    # The access token works across the mesh, and signing in by user id works too.
    assert stub.GetUser(pb.GetUserRequest(name=tokens.user), metadata=bearer(tokens.access_token)).user.email
    assert sign_in(channel, tenant, "bob").user == tokens.user
    wrong = pb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password="not the password!")
    unknown = pb.SignInRequest(tenant=f"tenants/{tenant}", username="nobody@example.com", password=PASSWORD)
    code_wrong, reason_wrong, _ = refused(stub.SignIn, wrong)
    code_unknown, reason_unknown, _ = refused(stub.SignIn, unknown)
    assert (
        (code_wrong, reason_wrong)
        == (code_unknown, reason_unknown)
        == (
            grpc.StatusCode.UNAUTHENTICATED,
            "INVALID_CREDENTIALS",
        )
    )


def test_lockout_backs_off_and_unknown_names_lock_alike(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("lock")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    for name in ("ghost", "bob"):
        bad = pb.SignInRequest(tenant=f"tenants/{tenant}", username=name, password="wrong password!!")
        for _ in range(5):
            assert refused(stub.SignIn, bad)[1] == "INVALID_CREDENTIALS"
        code, reason, metadata = refused(stub.SignIn, bad)
        assert (code, reason, metadata["retryAfterSeconds"]) == (
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "SIGN_IN_LOCKED",
            "1",
        )
    # Even the right password waits out the lock; then one more failure locks for twice as long.
    good = pb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password=PASSWORD)
    assert refused(stub.SignIn, good)[1] == "SIGN_IN_LOCKED"
    time.sleep(1.2)
    assert refused(stub.SignIn, pb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password="x" * 12))[1] == (
        "INVALID_CREDENTIALS"
    )
    assert refused(stub.SignIn, good)[2]["retryAfterSeconds"] == "2"
    time.sleep(2.2)
    assert sign_in(channel, tenant, "bob").user.endswith("/bob")
    assert refused(stub.SignIn, pb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password="x" * 12))[1] == (
        "INVALID_CREDENTIALS"
    ), "a success resets the count"


def test_totp_enrolment_and_single_use_recovery_codes(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("mfa")
    owner = user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    bob = sign_in(channel, tenant, "bob")
    name = f"tenants/{tenant}/users/bob"
    assert refused(stub.EnrollTotp, pb.EnrollTotpRequest(user=name), metadata=bearer(owner))[1] == "NOT_ACCOUNT_OWNER"
    enrolled = stub.EnrollTotp(pb.EnrollTotpRequest(user=name), metadata=bearer(bob.access_token))
    assert enrolled.otpauth_uri.startswith("otpauth://totp/") and enrolled.secret in enrolled.otpauth_uri
    totp = pyotp.TOTP(enrolled.secret)
    assert (
        refused(stub.ConfirmTotp, pb.ConfirmTotpRequest(user=name, code="000000"), metadata=bearer(bob.access_token))[1]
        in {"INVALID_CREDENTIALS"}
        or totp.now() == "000000"
    )
    # The confirming code uses up the current step; sign-in below takes the next one.
    codes = list(
        stub.ConfirmTotp(
            pb.ConfirmTotpRequest(user=name, code=totp.at(time.time() - 30)), metadata=bearer(bob.access_token)
        ).recovery_codes
    )
    assert len(codes) == 10 and len(set(codes)) == 10
    assert (
        refused(stub.SignIn, pb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password=PASSWORD))[1]
        == "SECOND_FACTOR_REQUIRED"
    )
    assert sign_in(channel, tenant, "bob", totp_code=totp.now()).user == name
    assert (
        refused(
            stub.SignIn,
            pb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password=PASSWORD, totp_code=totp.now()),
        )[1]
        == "INVALID_CREDENTIALS"
    ), "a TOTP code works once"
    assert sign_in(channel, tenant, "bob", recovery_code=codes[0]).user == name
    again = pb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password=PASSWORD, recovery_code=codes[0])
    assert refused(stub.SignIn, again)[1] == "INVALID_CREDENTIALS", "a recovery code works once"
    assert sign_in(channel, tenant, "bob", recovery_code=codes[1].upper()).user == name


def test_refresh_rotates_and_a_replay_revokes_the_family(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("ref")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    first = sign_in(channel, tenant, "bob")
    second = stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=first.refresh_token)).tokens
    assert second.refresh_token != first.refresh_token and second.access_token != first.access_token
    assert second.refresh_expire_time == first.refresh_expire_time
    third = stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=second.refresh_token)).tokens
    code, reason, _ = refused(stub.RefreshToken, pb.RefreshTokenRequest(refresh_token=first.refresh_token))
    assert (code, reason) == (grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_REUSED")
    # The replay revoked the family: the newest token, held by the rightful user, is dead too.
    assert refused(stub.RefreshToken, pb.RefreshTokenRequest(refresh_token=third.refresh_token))[1] == (
        "REFRESH_TOKEN_INVALID"
    )
    assert refused(stub.RefreshToken, pb.RefreshTokenRequest(refresh_token="made-up"))[1] == "REFRESH_TOKEN_INVALID"
    # Another sign-in is another family, untouched.
    other = sign_in(channel, tenant, "bob")
    assert stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=other.refresh_token)).tokens.refresh_token


def test_sign_out_revokes_the_family(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("out")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    tokens = sign_in(channel, tenant, "bob")
    rotated = stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=tokens.refresh_token)).tokens
    stub.SignOut(pb.SignOutRequest(refresh_token=rotated.refresh_token))
    assert refused(stub.RefreshToken, pb.RefreshTokenRequest(refresh_token=rotated.refresh_token))[1] == (
        "REFRESH_TOKEN_INVALID"
    )
    stub.SignOut(pb.SignOutRequest(refresh_token=rotated.refresh_token))  # idempotent


def test_admin_reset_and_password_change(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("reset")
    owner = user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    name = f"tenants/{tenant}/users/bob"
    bob = sign_in(channel, tenant, "bob")
    # The owner's token the operator issued is an impersonation token: it resets no password (else the operator
    # could set bob's password and sign in as bob with a token of bob's own, shedding the `act` claim).
    got = refused(stub.ResetPassword, pb.ResetPasswordRequest(user=name), metadata=bearer(owner))
    assert got[:2] == (grpc.StatusCode.PERMISSION_DENIED, "IMPERSONATION_NOT_ALLOWED")
    olga = signed_in(channel, any_mesh.admin_token, tenant)  # olga's own token
    code = stub.ResetPassword(pb.ResetPasswordRequest(user=name), metadata=bearer(olga)).reset_code
    complete = pb.CompletePasswordResetRequest(
        tenant=f"tenants/{tenant}", username="bob", reset_code=code, new_password="bob@example.com"
    )
    got = refused(stub.CompletePasswordReset, complete)
    assert got[:2] == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID")
    complete.new_password = "a brand new passphrase"
    stub.CompletePasswordReset(complete)
    assert refused(stub.CompletePasswordReset, complete)[1] == "INVALID_CREDENTIALS", "a reset code works once"
    assert refused(stub.RefreshToken, pb.RefreshTokenRequest(refresh_token=bob.refresh_token))[1] == (
        "REFRESH_TOKEN_INVALID"
    ), "a reset signs the user out everywhere"
    bob = sign_in(channel, tenant, "bob", password="a brand new passphrase")
    change = pb.ChangePasswordRequest(user=name, current_password="wrong current pw", new_password="x" * 12)
    assert refused(stub.ChangePassword, change, metadata=bearer(bob.access_token))[1] == "INVALID_CREDENTIALS"
    change.current_password, change.new_password = "a brand new passphrase", "short"
    code_short, reason_short, _ = refused(stub.ChangePassword, change, metadata=bearer(bob.access_token))
    assert (code_short, reason_short) == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID")
    change.new_password = "yet another passphrase"
    stub.ChangePassword(change, metadata=bearer(bob.access_token))
    assert sign_in(channel, tenant, "bob", password="yet another passphrase").user == name
    change.user = f"tenants/{tenant}/users/olga"
    assert refused(stub.ChangePassword, change, metadata=bearer(bob.access_token))[1] == "NOT_ACCOUNT_OWNER"


def test_a_password_reset_reaches_only_roles_below_the_resetters(any_mesh: Mesh, channel: grpc.Channel) -> None:
    """Whoever resets a password can sign in as its user: an admin resetting the owner's (or a peer admin's) would
    hold the owner role or a second approval key."""
    tenant = unique("rank")
    user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    for user in ("ada", "max"):
        stub.CreateUser(
            pb.CreateUserRequest(
                parent=f"tenants/{tenant}", user_id=user, user=identity_pb2.User(), role=identity_pb2.ROLE_ADMIN
            ),
            metadata=bearer(any_mesh.admin_token),
        )
    ada = signed_in(channel, any_mesh.admin_token, tenant, "ada")
    olga = signed_in(channel, any_mesh.admin_token, tenant)
    for target in ("olga", "max"):
        request = pb.ResetPasswordRequest(user=f"tenants/{tenant}/users/{target}")
        code, reason, _ = refused(stub.ResetPassword, request, metadata=bearer(ada))
        assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "GRANT_NOT_ALLOWED"), target
    assert stub.ResetPassword(
        pb.ResetPasswordRequest(user=f"tenants/{tenant}/users/bob"), metadata=bearer(ada)
    ).reset_code
    assert stub.ResetPassword(
        pb.ResetPasswordRequest(user=f"tenants/{tenant}/users/max"), metadata=bearer(olga)
    ).reset_code
    got = refused(
        stub.ResetPassword, pb.ResetPasswordRequest(user=f"tenants/{tenant}/users/olga"), metadata=bearer(olga)
    )
    assert got[:2] == (grpc.StatusCode.PERMISSION_DENIED, "GRANT_NOT_ALLOWED"), "an owner's reset is the operator's"


def test_sign_in_refresh_and_sign_out_over_rest(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("rest")
    user_with_password(channel, any_mesh, tenant)
    with any_mesh.http(timeout=10) as http:
        signed = http.post(f"/v1/tenants/{tenant}:signIn", json={"username": "bob", "password": PASSWORD})
        assert signed.status_code == 200, signed.text
        tokens = signed.json()["tokens"]
        assert tokens["user"] == f"tenants/{tenant}/users/bob" and tokens["tokenType"] == "Bearer"
        wrong = http.post(f"/v1/tenants/{tenant}:signIn", json={"username": "nobody", "password": PASSWORD})
        assert wrong.status_code == 401 and wrong.json()["details"][0]["reason"] == "INVALID_CREDENTIALS"
        refreshed = http.post("/v1/tokens:refresh", json={"refreshToken": tokens["refreshToken"]})
        assert refreshed.status_code == 200, refreshed.text
        replay = http.post("/v1/tokens:refresh", json={"refreshToken": tokens["refreshToken"]})
        assert replay.status_code == 401 and replay.json()["details"][0]["reason"] == "REFRESH_TOKEN_REUSED"
        out = http.post("/v1/tokens:signOut", json={"refreshToken": refreshed.json()["tokens"]["refreshToken"]})
        assert out.status_code == 200, out.text
        for _ in range(5):
            http.post(f"/v1/tenants/{tenant}:signIn", json={"username": "carol", "password": "wrong password!"})
        locked = http.post(f"/v1/tenants/{tenant}:signIn", json={"username": "carol", "password": "wrong password!"})
        assert locked.status_code == 429 and locked.json()["details"][0]["reason"] == "SIGN_IN_LOCKED"


# -- single sign-on -----------------------------------------------------------------------------------------------


def _b64(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class LocalIssuer:
    """A real OpenID Connect issuer on 127.0.0.1: discovery document, JWKS, and ID tokens it signs."""

    def __init__(self) -> None:
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                documents = {
                    "/.well-known/openid-configuration": {"issuer": issuer.url, "jwks_uri": f"{issuer.url}/jwks"},
                    "/jwks": issuer.jwks(),
                }
                body = json.dumps(documents.get(self.path, {})).encode()
                self.send_response(200 if self.path in documents else 404)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def jwks(self) -> dict[str, Any]:
        rsa_numbers = self.rsa.public_key().public_numbers()
        ec_numbers = self.ec.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "kid": "rsa-1",
                    "alg": "RS256",
                    "use": "sig",
                    "n": _b64(rsa_numbers.n),
                    "e": _b64(rsa_numbers.e),
                },
                {
                    "kty": "EC",
                    "kid": "ec-1",
                    "alg": "ES256",
                    "use": "sig",
                    "crv": "P-256",
                    "x": base64.urlsafe_b64encode(ec_numbers.x.to_bytes(32, "big")).decode().rstrip("="),
                    "y": base64.urlsafe_b64encode(ec_numbers.y.to_bytes(32, "big")).decode().rstrip("="),
                },
            ]
        }

    def id_token(self, audience: str, email: str, *, alg: str = "RS256", key: Any = None, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": self.url, "aud": audience, "sub": "idp-" + email, "email": email, "iat": now, "exp": now + 300}
        body.update(claims)
        signer = key or (self.rsa if alg == "RS256" else self.ec)
        return jwt.encode(body, signer, algorithm=alg, headers={"kid": "rsa-1" if alg == "RS256" else "ec-1"})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def issuer() -> Iterator[LocalIssuer]:
    running = LocalIssuer()
    yield running
    running.close()


def test_oidc_token_exchange_accepts_and_refuses(any_mesh: Mesh, channel: grpc.Channel, issuer: LocalIssuer) -> None:
    tenant = unique("sso")
    owner = user_with_password(channel, any_mesh, tenant)
    stub = identity(channel)
    exchange = pb.ExchangeTokenRequest(
        tenant=f"tenants/{tenant}",
        grant_type="urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token_type=ID_TOKEN,
        subject_token=issuer.id_token("soma-client", "bob@example.com"),
    )
    assert refused(stub.ExchangeToken, exchange)[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "SSO_NOT_CONFIGURED")
    name = f"tenants/{tenant}/oidcProvider"
    provider = identity_pb2.OidcProvider(name=name, issuer=issuer.url, audience="soma-client")
    update = pb.UpdateOidcProviderRequest(oidc_provider=provider)
    # Whoever names the issuer can sign in as anyone through it: owners only, under their own token.
    got = refused(stub.UpdateOidcProvider, update, metadata=bearer(owner))
    assert got[:2] == (grpc.StatusCode.PERMISSION_DENIED, "IMPERSONATION_NOT_ALLOWED")
    stub.CreateUser(
        pb.CreateUserRequest(
            parent=f"tenants/{tenant}", user_id="ada", user=identity_pb2.User(), role=identity_pb2.ROLE_ADMIN
        ),
        metadata=bearer(any_mesh.admin_token),
    )
    ada = signed_in(channel, any_mesh.admin_token, tenant, "ada")
    assert refused(stub.UpdateOidcProvider, update, metadata=bearer(ada))[:2] == (
        grpc.StatusCode.PERMISSION_DENIED,
        "GRANT_NOT_ALLOWED",
    )
    stored = stub.UpdateOidcProvider(update, metadata=bearer(signed_in(channel, any_mesh.admin_token, tenant)))
    assert stored.oidc_provider.user_claim == "email" and not stored.oidc_provider.auto_provision
    assert stub.GetOidcProvider(pb.GetOidcProviderRequest(name=name), metadata=bearer(owner)).oidc_provider.issuer == (
        issuer.url
    )

    for alg in ("RS256", "ES256"):
        exchange.subject_token = issuer.id_token("soma-client", "BOB@example.com", alg=alg)
        answer = stub.ExchangeToken(exchange)
        assert answer.tokens.user == f"tenants/{tenant}/users/bob"
        assert answer.issued_token_type == "urn:ietf:params:oauth:token-type:access_token"
        assert stub.RefreshToken(pb.RefreshTokenRequest(refresh_token=answer.tokens.refresh_token)).tokens.access_token

    forged_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cases = {
        "issuer": issuer.id_token("soma-client", "bob@example.com", iss="https://evil.example.com"),
        "audience": issuer.id_token("soma-client-other", "bob@example.com"),
        "expired": issuer.id_token("soma-client", "bob@example.com", exp=int(time.time()) - 120),
        "signature": issuer.id_token("soma-client", "bob@example.com", key=forged_key),
        # HMAC keyed with something public (as a JWK is), and below `none`: no signature at all.
        "algorithm": issuer.id_token("soma-client", "bob@example.com", alg="HS256", key=issuer.url * 4),
    }
    unsigned = jwt.decode(cases["expired"], options={"verify_signature": False}) | {"exp": int(time.time()) + 300}
    for check, token in [*cases.items(), ("algorithm", jwt.encode(unsigned, None, algorithm="none"))]:
        exchange.subject_token = token
        code, reason, metadata = refused(stub.ExchangeToken, exchange)
        assert (code, reason, metadata["check"]) == (grpc.StatusCode.UNAUTHENTICATED, "SUBJECT_TOKEN_INVALID", check)
    exchange.subject_token = issuer.id_token("soma-client", "stranger@example.com")
    assert refused(stub.ExchangeToken, exchange)[:2] == (grpc.StatusCode.UNAUTHENTICATED, "SUBJECT_UNKNOWN")
    provider.auto_provision = True
    stub.UpdateOidcProvider(pb.UpdateOidcProviderRequest(oidc_provider=provider), metadata=bearer(any_mesh.admin_token))
    provisioned = stub.ExchangeToken(exchange).tokens
    assert provisioned.user == f"tenants/{tenant}/users/stranger"
    assert "identity.users.write" not in provisioned.capabilities, "provisioned users are plain members"

    # Over REST, with the RFC 8693 field names in their JSON form.
    with any_mesh.http(timeout=10) as http:
        answer_json = http.post(
            f"/v1/tenants/{tenant}:exchangeToken",
            json={"subjectToken": issuer.id_token("soma-client", "bob@example.com"), "subjectTokenType": ID_TOKEN},
        )
        assert answer_json.status_code == 200, answer_json.text
        assert answer_json.json()["tokens"]["user"] == f"tenants/{tenant}/users/bob"
