"""Revocation through Envoy, on gRPC and REST, on the embedded engines and on PostgreSQL + Redis + Kafka (Tansu):
disabling a user, lowering its membership and signing out make every service refuse the tokens issued before, with
UNAUTHENTICATED `TOKEN_REVOKED`, within a second of the RPC returning (tokens each service has already verified and
cached included); a token issued afterwards works, and a service restarted after the revocation still refuses."""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import Callable, Iterator

import grpc
import httpx
import pytest

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.memory.v1 import memory_service_pb2 as mpb
from soma.memory.v1 import memory_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as opb
from soma.orchestrator.v1 import session_service_pb2_grpc
from somastack.testing import MeshProcess
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity, mesh_on
from tests.integration.test_restarts import restart

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
#: The bound the revocation must meet, from the revoking RPC's return to a refusal on every service.
BOUND = 1.0
DOMAINS = ("memory", "orchestrator", "identity")


@pytest.fixture(scope="module", params=["embedded", "postgres-redis-tansu"])
def mesh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    with mesh_on(request.param, tmp_path_factory.mktemp(f"revoke-{request.param}"), "rv") as running:
        yield running


@pytest.fixture
def channel(mesh: MeshProcess) -> Iterator[grpc.Channel]:
    with mesh.channel() as ch:
        yield ch


@pytest.fixture
def http(mesh: MeshProcess) -> Iterator[httpx.Client]:
    with mesh.http(timeout=10) as client:
        yield client


def grpc_read(channel: grpc.Channel, domain: str, tenant: str, token: str) -> None:
    """One authenticated call to `domain` through Envoy: each service verifies the token itself."""
    parent = f"tenants/{tenant}"
    if domain == "memory":
        memory_service_pb2_grpc.MemoryServiceStub(channel).Recall(
            mpb.RecallRequest(parent=parent, query="anything"), metadata=bearer(token), timeout=10
        )
    elif domain == "orchestrator":
        session_service_pb2_grpc.SessionServiceStub(channel).ListSessions(
            opb.ListSessionsRequest(parent=parent), metadata=bearer(token), timeout=10
        )
    else:
        identity(channel).ListUsers(ipb.ListUsersRequest(parent=parent), metadata=bearer(token), timeout=10)


def rest_read(http: httpx.Client, domain: str, tenant: str, token: str) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"}
    if domain == "memory":
        return http.post(f"/v1/tenants/{tenant}/memories:recall", json={"query": "anything"}, headers=headers)
    if domain == "orchestrator":
        return http.get(f"/v1/tenants/{tenant}/sessions", headers=headers)
    return http.get(f"/v1/tenants/{tenant}/users", headers=headers)


def grpc_refusal(channel: grpc.Channel, domain: str, tenant: str, token: str) -> str | None:
    """`code/reason` of the refusal, or None when the call succeeded."""
    try:
        grpc_read(channel, domain, tenant, token)
    except grpc.RpcError as error:
        got = failure(error)
        return f"{got.code.name}/{got.reason}"
    return None


def rest_refusal(http: httpx.Client, domain: str, tenant: str, token: str) -> str | None:
    response = rest_read(http, domain, tenant, token)
    if response.status_code == 200:
        return None
    body = response.json()
    reasons = [d["reason"] for d in body.get("details", []) if d["@type"] == ERROR_INFO]
    return f"{response.status_code}/{reasons[0] if reasons else body}"


def first_answer(call: Callable[[], str | None]) -> str | None:
    """What a restarted service answers first, once Envoy routes to it again (UNAVAILABLE until then)."""
    deadline = time.monotonic() + 15
    while True:
        got = call()
        if got not in ("UNAVAILABLE/", "503/SERVICE_UNAVAILABLE") or time.monotonic() > deadline:
            return got
        time.sleep(0.05)


def works_everywhere(channel: grpc.Channel, http: httpx.Client, tenant: str, token: str) -> None:
    for domain in DOMAINS:
        grpc_read(channel, domain, tenant, token)
        response = rest_read(http, domain, tenant, token)
        assert response.status_code == 200, (domain, response.text)


def refused_everywhere_within_the_bound(
    channel: grpc.Channel, http: httpx.Client, tenant: str, token: str, since: float
) -> None:
    """Every service refuses `token` as revoked, on gRPC and REST, no later than BOUND after `since`."""
    pending = {(domain, api) for domain in DOMAINS for api in ("grpc", "rest")}
    last: dict[tuple[str, str], str | None] = {}
    while pending:
        for domain, api in sorted(pending):
            if api == "grpc":
                got = grpc_refusal(channel, domain, tenant, token)
                expected = "UNAUTHENTICATED/TOKEN_REVOKED"
            else:
                got = rest_refusal(http, domain, tenant, token)
                expected = "401/TOKEN_REVOKED"
            last[(domain, api)] = got
            if got == expected:
                pending.discard((domain, api))
        elapsed = time.monotonic() - since
        assert not pending or elapsed < BOUND, f"still not refused {elapsed:.2f}s after the RPC: {last}"
        time.sleep(0.01)


def tenant_with_bob(channel: grpc.Channel, mesh: MeshProcess, role: int = identity_pb2.ROLE_MEMBER) -> tuple[str, str]:
    """A new tenant with owner olga and user bob; the tenant id and olga's token."""
    tenant = f"rv-{uuid.uuid4().hex[:8]}"
    owner = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
    identity(channel).CreateUser(
        ipb.CreateUserRequest(
            parent=f"tenants/{tenant}", user_id="bob", user=identity_pb2.User(display_name="Bob"), role=role
        ),
        metadata=bearer(mesh.admin_token),  # memberships change under the operator's own token
    )
    return tenant, owner


def token_of(channel: grpc.Channel, tenant: str, operator: str, user: str = "bob") -> str:
    """A token the operator issues for `user` (an impersonation token: revocations refuse it by its subject)."""
    issued = identity(channel).IssueToken(
        ipb.IssueTokenRequest(user=f"tenants/{tenant}/users/{user}"), metadata=bearer(operator)
    )
    return issued.access_token


def test_a_disabled_users_token_is_refused_everywhere_within_a_second(
    mesh: MeshProcess, channel: grpc.Channel, http: httpx.Client
) -> None:
    tenant, owner = tenant_with_bob(channel, mesh)
    bob = token_of(channel, tenant, mesh.admin_token)
    works_everywhere(channel, http, tenant, bob)  # verified and cached by every service
    identity(channel).DisableUser(ipb.DisableUserRequest(name=f"tenants/{tenant}/users/bob"), metadata=bearer(owner))
    refused_everywhere_within_the_bound(channel, http, tenant, bob, time.monotonic())
    works_everywhere(channel, http, tenant, owner)  # only bob's tokens


def test_lowering_a_membership_revokes_and_a_token_issued_after_works(
    mesh: MeshProcess, channel: grpc.Channel, http: httpx.Client
) -> None:
    tenant, _ = tenant_with_bob(channel, mesh, identity_pb2.ROLE_ADMIN)
    admin = token_of(channel, tenant, mesh.admin_token)
    works_everywhere(channel, http, tenant, admin)
    membership = identity_pb2.Membership(name=f"tenants/{tenant}/memberships/bob", role=identity_pb2.ROLE_MEMBER)
    identity(channel).UpdateMembership(
        ipb.UpdateMembershipRequest(membership=membership), metadata=bearer(mesh.admin_token)
    )
    refused_everywhere_within_the_bound(channel, http, tenant, admin, time.monotonic())
    works_everywhere(channel, http, tenant, token_of(channel, tenant, mesh.admin_token))


def test_raising_a_membership_revokes_nothing(mesh: MeshProcess, channel: grpc.Channel, http: httpx.Client) -> None:
    tenant, _ = tenant_with_bob(channel, mesh)
    member = token_of(channel, tenant, mesh.admin_token)
    membership = identity_pb2.Membership(name=f"tenants/{tenant}/memberships/bob", role=identity_pb2.ROLE_ADMIN)
    identity(channel).UpdateMembership(
        ipb.UpdateMembershipRequest(membership=membership), metadata=bearer(mesh.admin_token)
    )
    time.sleep(BOUND)
    works_everywhere(channel, http, tenant, member)


def test_signing_out_on_grpc_and_rest_revokes_and_signing_in_again_works(
    mesh: MeshProcess, channel: grpc.Channel, http: httpx.Client
) -> None:
    tenant, _ = tenant_with_bob(channel, mesh)
    first, second = token_of(channel, tenant, mesh.admin_token), token_of(channel, tenant, mesh.admin_token)
    works_everywhere(channel, http, tenant, first)
    response = identity(channel).RevokeTokens(
        ipb.RevokeTokensRequest(parent=f"tenants/{tenant}"), metadata=bearer(first)
    )
    assert response.revocation.subject == f"tenants/{tenant}/users/bob"
    assert response.revocation.cause == identity_pb2.REVOCATION_CAUSE_SIGNED_OUT
    returned = time.monotonic()
    refused_everywhere_within_the_bound(channel, http, tenant, first, returned)
    refused_everywhere_within_the_bound(channel, http, tenant, second, returned)  # every earlier token of bob's
    again = token_of(channel, tenant, mesh.admin_token)  # right after: same second as the revocation
    works_everywhere(channel, http, tenant, again)

    # On REST; a token may not sign out another tenant's subject.
    other_tenant, _ = tenant_with_bob(channel, mesh)
    mismatch = http.post(
        f"/v1/tenants/{other_tenant}/tokens:revoke", json={}, headers={"authorization": f"Bearer {again}"}
    )
    assert mismatch.status_code == 403, mismatch.text
    signed_out = http.post(f"/v1/tenants/{tenant}/tokens:revoke", json={}, headers={"authorization": f"Bearer {again}"})
    assert signed_out.status_code == 200, signed_out.text
    assert signed_out.json()["revocation"]["cause"] == "REVOCATION_CAUSE_SIGNED_OUT"
    refused_everywhere_within_the_bound(channel, http, tenant, again, time.monotonic())


PASSWORD = "bob keeps a long passphrase"


def signed_in_twice(channel: grpc.Channel, tenant: str, operator: str) -> tuple[ipb.TokenPair, ipb.TokenPair]:
    """Bob gets a password (an admin reset) and signs in on two devices: two sign-in sessions."""
    stub = identity(channel)
    code = stub.ResetPassword(
        ipb.ResetPasswordRequest(user=f"tenants/{tenant}/users/bob"), metadata=bearer(operator)
    ).reset_code
    stub.CompletePasswordReset(
        ipb.CompletePasswordResetRequest(
            tenant=f"tenants/{tenant}", username="bob", reset_code=code, new_password=PASSWORD
        )
    )
    request = ipb.SignInRequest(tenant=f"tenants/{tenant}", username="bob", password=PASSWORD)
    return stub.SignIn(request).tokens, stub.SignIn(request).tokens


def test_ending_a_sign_in_session_refuses_its_tokens_and_spares_the_others(
    mesh: MeshProcess, channel: grpc.Channel, http: httpx.Client
) -> None:
    tenant, _ = tenant_with_bob(channel, mesh)
    laptop, phone = signed_in_twice(channel, tenant, mesh.admin_token)
    works_everywhere(channel, http, tenant, laptop.access_token)
    works_everywhere(channel, http, tenant, phone.access_token)
    listed = identity(channel).ListSignInSessions(
        ipb.ListSignInSessionsRequest(parent=f"tenants/{tenant}/users/bob"), metadata=bearer(laptop.access_token)
    )
    assert len(listed.sign_in_sessions) == 2
    [this] = [s for s in listed.sign_in_sessions if s.current]
    [other] = [s for s in listed.sign_in_sessions if not s.current]

    # From the laptop, over REST, bob ends the phone's session: only the phone's tokens are refused.
    ended = http.post(f"/v1/{other.name}:revoke", json={}, headers={"authorization": f"Bearer {laptop.access_token}"})
    assert ended.status_code == 200, ended.text
    revocation = ended.json()["revocation"]
    assert revocation["cause"] == "REVOCATION_CAUSE_SIGN_IN_SESSION_ENDED"
    assert revocation["signInSession"] == other.name.rsplit("/", 1)[1]
    refused_everywhere_within_the_bound(channel, http, tenant, phone.access_token, time.monotonic())
    works_everywhere(channel, http, tenant, laptop.access_token)
    with pytest.raises(grpc.RpcError) as caught:
        identity(channel).RefreshToken(ipb.RefreshTokenRequest(refresh_token=phone.refresh_token))
    assert failure(caught.value).reason == "REFRESH_TOKEN_INVALID"

    # Signing out on gRPC ends the laptop's session the same way, its access token included.
    identity(channel).SignOut(ipb.SignOutRequest(refresh_token=laptop.refresh_token))
    refused_everywhere_within_the_bound(channel, http, tenant, laptop.access_token, time.monotonic())
    assert this.name != other.name


def test_a_disabled_user_keeps_no_signed_in_token_and_cannot_refresh(
    mesh: MeshProcess, channel: grpc.Channel, http: httpx.Client
) -> None:
    tenant, owner = tenant_with_bob(channel, mesh)
    laptop, _ = signed_in_twice(channel, tenant, mesh.admin_token)
    works_everywhere(channel, http, tenant, laptop.access_token)
    identity(channel).DisableUser(ipb.DisableUserRequest(name=f"tenants/{tenant}/users/bob"), metadata=bearer(owner))
    refused_everywhere_within_the_bound(channel, http, tenant, laptop.access_token, time.monotonic())
    # Refreshing would mint a token issued after the revocation: the family ends instead.
    with pytest.raises(grpc.RpcError) as caught:
        identity(channel).RefreshToken(ipb.RefreshTokenRequest(refresh_token=laptop.refresh_token))
    got = failure(caught.value)
    assert (got.code, got.reason) == (grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID")


def test_a_service_restarted_after_the_revocation_still_refuses(
    mesh: MeshProcess, channel: grpc.Channel, http: httpx.Client
) -> None:
    tenant, _ = tenant_with_bob(channel, mesh)
    old = token_of(channel, tenant, mesh.admin_token)
    works_everywhere(channel, http, tenant, old)
    identity(channel).RevokeTokens(ipb.RevokeTokensRequest(parent=f"tenants/{tenant}"), metadata=bearer(old))
    refused_everywhere_within_the_bound(channel, http, tenant, old, time.monotonic())
    restart(mesh, "memory")
    restart(mesh, "identity")
    # The first calls they answer already refuse it: each read the revocations before it served.
    for domain in ("memory", "identity"):
        on_grpc = functools.partial(grpc_refusal, channel, domain, tenant, old)
        on_rest = functools.partial(rest_refusal, http, domain, tenant, old)
        assert first_answer(on_grpc) == "UNAUTHENTICATED/TOKEN_REVOKED", domain
        assert first_answer(on_rest) == "401/TOKEN_REVOKED", domain
    works_everywhere(channel, http, tenant, token_of(channel, tenant, mesh.admin_token))
