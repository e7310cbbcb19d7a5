"""Signing keys through Envoy: a token from a just-rotated key works on every service at once and old tokens keep
working; a service restarted while identity was up keeps accepting good tokens while identity restarts."""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Callable, Iterator

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from soma.constitution.v1 import constitution_service_pb2 as cpb
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.memory.v1 import memory_service_pb2 as mpb
from soma.memory.v1 import memory_service_pb2_grpc
from soma.notification.v1 import notification_service_pb2 as npb
from soma.notification.v1 import notification_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as opb
from soma.orchestrator.v1 import session_service_pb2_grpc
from soma.policy.v1 import policy_service_pb2 as ppb
from soma.policy.v1 import policy_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2 as spb
from soma.settings.v1 import settings_service_pb2_grpc
from soma.slm.v1 import slm_service_pb2 as lpb
from soma.slm.v1 import slm_service_pb2_grpc
from somastack.registry import by_domain
from somastack.testing import MeshProcess, wait_serving
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity, mesh_on
from tests.integration.test_constitution_mesh import document, load
from tests.integration.test_constitution_mesh import stub as constitution
from tests.integration.test_restarts import child_pid, restart

#: One authenticated read per service, as the tenant's owner: each service verifies the token itself.
Call = Callable[[grpc.Channel, str, str], object]
READS: dict[str, Call] = {
    "memory": lambda ch, tenant, token: memory_service_pb2_grpc.MemoryServiceStub(ch).Recall(
        mpb.RecallRequest(parent=f"tenants/{tenant}", query="keys"), metadata=bearer(token)
    ),
    "policy": lambda ch, tenant, token: policy_service_pb2_grpc.PolicyServiceStub(ch).GetWeightOverrides(
        ppb.GetWeightOverridesRequest(name=f"tenants/{tenant}/policy/weights"), metadata=bearer(token)
    ),
    "orchestrator": lambda ch, tenant, token: session_service_pb2_grpc.SessionServiceStub(ch).ListSessions(
        opb.ListSessionsRequest(parent=f"tenants/{tenant}"), metadata=bearer(token)
    ),
    "slm": lambda ch, tenant, token: slm_service_pb2_grpc.SlmServiceStub(ch).ListProviders(
        lpb.ListProvidersRequest(parent=f"tenants/{tenant}"), metadata=bearer(token)
    ),
    "settings": lambda ch, tenant, token: settings_service_pb2_grpc.SettingsServiceStub(ch).GetSettings(
        spb.GetSettingsRequest(name=f"tenants/{tenant}/settings"), metadata=bearer(token)
    ),
    "notification": lambda ch, tenant, token: notification_service_pb2_grpc.NotificationServiceStub(
        ch
    ).ListNotifications(npb.ListNotificationsRequest(parent=f"tenants/{tenant}/users/olga"), metadata=bearer(token)),
    "identity": lambda ch, tenant, token: identity(ch).GetTenant(
        ipb.GetTenantRequest(name=f"tenants/{tenant}"), metadata=bearer(token)
    ),
}


@pytest.fixture(scope="module", params=["embedded", "postgres-redis-tansu"])
def mesh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    """A mesh of this module's own (its identity and constitution get killed), on each set of engines."""
    with mesh_on(request.param, tmp_path_factory.mktemp(f"keys-{request.param}"), "keys") as running:
        yield running


def forged_token(kid: str) -> str:
    now = int(time.time())
    claims = {"iss": "soma-identity", "aud": "soma", "sub": "x", "tenant": "x", "caps": [], "iat": now, "exp": now + 60}
    return jwt.encode(claims, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": kid})


def test_a_token_from_a_just_rotated_key_works_on_every_service_at_once(mesh: MeshProcess) -> None:
    tenant = f"keys-{uuid.uuid4().hex[:8]}"
    with mesh.channel() as channel:
        old = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
        for read in READS.values():
            read(channel, tenant, old)
        # Anyone may make every service fetch its keys with a made-up kid, which starts its cool-down...
        for domain, read in READS.items():
            with pytest.raises(grpc.RpcError) as caught:
                read(channel, tenant, forged_token(uuid.uuid4().hex))
            got = failure(caught.value)
            assert (got.code, got.reason) == (grpc.StatusCode.UNAUTHENTICATED, "TOKEN_INVALID"), domain
            assert "unknown key" in got.message

        # ...right before an operator rotates the signing key and a token is issued with the new one.
        stub = identity(channel)
        rotated = stub.RotateSigningKey(ipb.RotateSigningKeyRequest(), metadata=bearer(mesh.admin_token))
        issued = stub.IssueToken(
            ipb.IssueTokenRequest(user=f"tenants/{tenant}/users/olga"), metadata=bearer(mesh.admin_token)
        )
        assert issued.key_id == rotated.active_key_id
        for read in READS.values():
            read(channel, tenant, issued.access_token)  # accepted at once by every service
        for read in READS.values():
            read(channel, tenant, old)  # the retired key's tokens keep working until they expire

        kids = [key.kid for key in stub.GetJwks(ipb.GetJwksRequest()).keys]
        assert kids[0] == rotated.active_key_id and set(rotated.retired_key_ids) <= set(kids)


def test_a_service_restarted_before_identity_goes_away_accepts_good_tokens(mesh: MeshProcess) -> None:
    tenant = f"keys-{uuid.uuid4().hex[:8]}"
    with mesh.channel() as channel:
        owner = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
        active = load(mesh, channel, document()).constitution_version.checksum
        # A restarted constitution service that no token has reached yet (policy and the orchestrator keep the
        # active constitution for a while, so none may reach it for many seconds)...
        restart(mesh, "constitution")
        # ...meets one while identity restarts: it must know identity's keys already.
        old = child_pid(mesh, "identity")
        assert old is not None
        os.kill(old, signal.SIGKILL)
        try:
            got = constitution(channel).GetChecksum(cpb.GetChecksumRequest(), metadata=bearer(owner), timeout=10)
            assert got.checksum == active
        finally:
            deadline = time.monotonic() + 30
            while child_pid(mesh, "identity") in (None, old):
                assert time.monotonic() < deadline, f"identity was not restarted:\n{mesh.log()}"
                time.sleep(0.05)
            assert wait_serving(mesh.dial(mesh.service_target("identity")), by_domain("identity").services, within=30)
        READS["identity"](channel, tenant, owner)
