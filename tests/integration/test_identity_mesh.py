"""IdentityService through real Envoy, on SQLite and PostgreSQL: the flows and every auth failure."""

from __future__ import annotations

import time
import uuid

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import duration_pb2

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as pb
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_tenant_user_membership_flow(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("acme")
    owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    # The owner's token was minted by the operator (an impersonation token): memberships change under the
    # operator's own token.
    admin = any_mesh.admin_token
    stub = identity(channel)
    created = stub.CreateUser(
        pb.CreateUserRequest(
            parent=f"tenants/{tenant}", user_id="bob", user=identity_pb2.User(email="bob@example.com")
        ),
        metadata=bearer(admin),
    ).user
    assert created.name == f"tenants/{tenant}/users/bob"
    assert created.state == identity_pb2.USER_STATE_ACTIVE
    got = stub.GetUser(pb.GetUserRequest(name=created.name), metadata=bearer(owner)).user
    assert got == created
    listed = stub.ListUsers(pb.ListUsersRequest(parent=f"tenants/{tenant}"), metadata=bearer(owner))
    assert [u.name.rsplit("/", 1)[1] for u in listed.users] == ["bob", "olga"]

    membership = stub.GetMembership(
        pb.GetMembershipRequest(name=f"tenants/{tenant}/memberships/bob"), metadata=bearer(owner)
    ).membership
    assert membership.role == identity_pb2.ROLE_MEMBER
    assert "identity.users.write" not in membership.capabilities
    promoted = stub.UpdateMembership(
        pb.UpdateMembershipRequest(
            membership=identity_pb2.Membership(name=membership.name, role=identity_pb2.ROLE_ADMIN),
            etag=membership.etag,
        ),
        metadata=bearer(admin),
    ).membership
    assert "identity.users.write" in promoted.capabilities
    with pytest.raises(grpc.RpcError) as stale:
        stub.UpdateMembership(
            pb.UpdateMembershipRequest(
                membership=identity_pb2.Membership(name=membership.name, role=identity_pb2.ROLE_MEMBER),
                etag=membership.etag,
            ),
            metadata=bearer(admin),
        )
    assert failure(stale.value).code == grpc.StatusCode.ABORTED
    assert failure(stale.value).reason == "ETAG_MISMATCH"


def test_tokens_from_issue_token_work_across_the_mesh(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("tok")
    ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    stub = identity(channel)
    issued = stub.IssueToken(
        pb.IssueTokenRequest(
            user=f"tenants/{tenant}/users/olga",
            capabilities=["identity.users.read"],
            ttl=duration_pb2.Duration(seconds=120),
        ),
        metadata=bearer(any_mesh.admin_token),
    )
    assert list(issued.capabilities) == ["identity.users.read"]
    assert issued.expire_time.seconds - time.time() == pytest.approx(120, abs=5)
    narrow = bearer(issued.access_token)
    assert stub.ListUsers(pb.ListUsersRequest(parent=f"tenants/{tenant}"), metadata=narrow).users
    with pytest.raises(grpc.RpcError) as denied:
        stub.ListMemberships(pb.ListMembershipsRequest(parent=f"tenants/{tenant}"), metadata=narrow)
    assert failure(denied.value).code == grpc.StatusCode.PERMISSION_DENIED
    assert failure(denied.value).reason == "CAPABILITY_MISSING"
    assert failure(denied.value).metadata["capability"] == "identity.memberships.read"


def test_training_lock_has_one_holder(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("train")
    admin = any_mesh.admin_token
    owner = ensure_tenant_with_owner(channel, admin, tenant)
    stub = identity(channel)
    stub.CreateUser(
        pb.CreateUserRequest(
            parent=f"tenants/{tenant}", user_id="eve", user=identity_pb2.User(), role=identity_pb2.ROLE_ADMIN
        ),
        metadata=bearer(admin),
    )
    eve = stub.IssueToken(pb.IssueTokenRequest(user=f"tenants/{tenant}/users/eve"), metadata=bearer(admin)).access_token
    name = f"tenants/{tenant}/trainingLock"
    lock = stub.StartTraining(
        pb.StartTrainingRequest(name=name, lease_duration=duration_pb2.Duration(seconds=60), reason="nightly"),
        metadata=bearer(owner),
    ).training_lock
    assert lock.held and lock.holder == f"tenants/{tenant}/users/olga" and lock.reason == "nightly"
    with pytest.raises(grpc.RpcError) as held:
        stub.StartTraining(pb.StartTrainingRequest(name=name), metadata=bearer(eve))
    info = failure(held.value)
    assert info.code == grpc.StatusCode.FAILED_PRECONDITION and info.reason == "TRAINING_LOCK_HELD"
    assert info.metadata["holder"] == f"tenants/{tenant}/users/olga"
    with pytest.raises(grpc.RpcError) as not_held:
        stub.StopTraining(pb.StopTrainingRequest(name=name), metadata=bearer(eve))
    assert failure(not_held.value).reason == "TRAINING_LOCK_NOT_HELD"
    assert not stub.StopTraining(pb.StopTrainingRequest(name=name), metadata=bearer(owner)).training_lock.held
    assert stub.StartTraining(pb.StartTrainingRequest(name=name), metadata=bearer(eve)).training_lock.holder.endswith(
        "/eve"
    )


def _forged_token(tenant: str) -> str:
    now = int(time.time())
    claims = {
        "iss": "soma-identity",
        "aud": "soma",
        "sub": f"tenants/{tenant}/users/olga",
        "tenant": tenant,
        "caps": ["identity.users.read"],
        "iat": now,
        "exp": now + 600,
    }
    return jwt.encode(claims, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": "forged"})


def test_auth_failures_each_have_their_exact_code(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant, other = unique("auth"), unique("other")
    owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    ensure_tenant_with_owner(channel, any_mesh.admin_token, other)
    stub = identity(channel)
    request = pb.ListUsersRequest(parent=f"tenants/{tenant}")
    expired = stub.IssueToken(
        pb.IssueTokenRequest(user=f"tenants/{tenant}/users/olga", ttl=duration_pb2.Duration(seconds=1)),
        metadata=bearer(any_mesh.admin_token),
    ).access_token
    # The verifier allows 5 s of clock skew; wait past it.
    time.sleep(7)
    cases = [
        ((), grpc.StatusCode.UNAUTHENTICATED, "TOKEN_MISSING", request),
        (bearer(expired), grpc.StatusCode.UNAUTHENTICATED, "TOKEN_EXPIRED", request),
        (bearer(_forged_token(tenant)), grpc.StatusCode.UNAUTHENTICATED, "TOKEN_INVALID", request),
        ((("authorization", "Basic b2xnYTpwdw=="),), grpc.StatusCode.UNAUTHENTICATED, "TOKEN_INVALID", request),
        (
            bearer(owner),
            grpc.StatusCode.PERMISSION_DENIED,
            "TENANT_MISMATCH",
            pb.ListUsersRequest(parent=f"tenants/{other}"),
        ),
        (bearer(owner), grpc.StatusCode.PERMISSION_DENIED, "CAPABILITY_MISSING", pb.ListTenantsRequest()),
    ]
    for metadata, code, reason, message in cases:
        method = stub.ListTenants if isinstance(message, pb.ListTenantsRequest) else stub.ListUsers
        with pytest.raises(grpc.RpcError) as caught:
            method(message, metadata=metadata)
        got = failure(caught.value)
        assert (got.code, got.reason) == (code, reason), got.message


def test_missing_required_field_names_each_violation(any_mesh: Mesh, channel: grpc.Channel) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        identity(channel).CreateTenant(
            pb.CreateTenantRequest(tenant=identity_pb2.Tenant()), metadata=bearer(any_mesh.admin_token)
        )
    got = failure(caught.value)
    assert got.code == grpc.StatusCode.INVALID_ARGUMENT and got.reason == "FIELD_INVALID"
    assert [field for field, _ in got.violations] == ["tenant_id", "tenant.display_name"]


def test_not_found_carries_the_resource(any_mesh: Mesh, channel: grpc.Channel) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        identity(channel).GetTenant(pb.GetTenantRequest(name="tenants/no-such"), metadata=bearer(any_mesh.admin_token))
    got = failure(caught.value)
    assert got.code == grpc.StatusCode.NOT_FOUND and got.reason == "TENANT_NOT_FOUND"
    assert got.metadata["resource"] == "tenants/no-such"


def test_rotation_keeps_issued_tokens_valid(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("rot")
    owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    stub = identity(channel)
    before = stub.GetJwks(pb.GetJwksRequest())
    rotated = stub.RotateSigningKey(pb.RotateSigningKeyRequest(), metadata=bearer(any_mesh.admin_token))
    after = stub.GetJwks(pb.GetJwksRequest())
    assert after.keys[0].kid == rotated.active_key_id
    assert before.keys[0].kid in rotated.retired_key_ids
    assert {k.kid for k in before.keys} <= {k.kid for k in after.keys}
    # The owner's token was signed by the retired key and still works, on identity and on meta.
    assert stub.GetTenant(pb.GetTenantRequest(name=f"tenants/{tenant}"), metadata=bearer(owner)).tenant.name
    fresh = stub.IssueToken(
        pb.IssueTokenRequest(user=f"tenants/{tenant}/users/olga"), metadata=bearer(any_mesh.admin_token)
    )
    assert fresh.key_id == rotated.active_key_id
    assert stub.GetTenant(
        pb.GetTenantRequest(name=f"tenants/{tenant}"), metadata=bearer(fresh.access_token)
    ).tenant.name


def test_a_client_older_than_the_supported_contract_is_refused(any_mesh: Mesh, channel: grpc.Channel) -> None:
    stub = identity(channel)
    assert stub.GetJwks(pb.GetJwksRequest(), metadata=(("x-soma-contract-version", "1.0.0"),)).keys
    with pytest.raises(grpc.RpcError) as caught:
        stub.GetJwks(pb.GetJwksRequest(), metadata=(("x-soma-contract-version", "0.9.0"),))
    got = failure(caught.value)
    assert got.code == grpc.StatusCode.FAILED_PRECONDITION and got.reason == "CONTRACT_VERSION_UNSUPPORTED"
    assert got.metadata["minSupportedVersion"] == "1.0.0"
