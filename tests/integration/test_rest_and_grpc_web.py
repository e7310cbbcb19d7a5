"""The same contracts over REST/JSON (Envoy transcoding) and gRPC-Web: same data, one error shape, CORS."""

from __future__ import annotations

import struct
import uuid

import grpc
import httpx
import pytest
from google.protobuf import json_format

from soma.identity.v1 import identity_service_pb2 as pb
from soma.meta.v1 import contract_service_pb2
from soma_proto import CONTRACT_VERSION
from somastack.registry import SERVICES
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, identity

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"


@pytest.fixture
def http(any_mesh: Mesh) -> httpx.Client:
    with any_mesh.http(timeout=10) as client:
        yield client  # type: ignore[misc]


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def assert_status(response: httpx.Response, http_status: int, code: int, reason: str | None = None) -> dict:  # type: ignore[type-arg]
    assert response.status_code == http_status, response.text
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert body["code"] == code and body["message"], body
    if reason is not None:
        infos = [d for d in body.get("details", []) if d["@type"] == ERROR_INFO]
        assert infos and infos[0]["reason"] == reason, body
    return body  # type: ignore[no-any-return]


def test_rest_returns_the_same_data_as_grpc(any_mesh: Mesh, channel: grpc.Channel, http: httpx.Client) -> None:
    tenant = f"rest-{uuid.uuid4().hex[:8]}"
    owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    via_grpc = identity(channel).GetUser(pb.GetUserRequest(name=f"tenants/{tenant}/users/olga"), metadata=bearer(owner))
    response = http.get(f"/v1/tenants/{tenant}/users/olga", headers=auth(owner))
    assert response.status_code == 200, response.text
    assert response.json() == json_format.MessageToDict(via_grpc, always_print_fields_with_no_presence=True)
    created = http.post(
        f"/v1/tenants/{tenant}/users",
        params={"userId": "rita"},
        json={"email": "rita@example.com"},
        headers=auth(any_mesh.admin_token),  # the owner's token is the operator's impersonation token
    )
    assert created.status_code == 200, created.text
    assert created.json()["user"]["name"] == f"tenants/{tenant}/users/rita"
    assert created.json()["user"]["state"] == "USER_STATE_ACTIVE"


def test_public_rest_endpoints(http: httpx.Client) -> None:
    contract = http.get("/v1/contract")
    assert contract.status_code == 200
    assert contract.json()["currentVersion"] == CONTRACT_VERSION
    jwks = http.get("/v1/jwks").json()
    assert jwks["keys"] and {"kty", "crv", "x", "kid", "alg", "use"} <= set(jwks["keys"][0])
    assert jwks["keys"][0]["kty"] == "OKP" and jwks["keys"][0]["alg"] == "EdDSA"


def test_errors_are_google_rpc_status_json(any_mesh: Mesh, http: httpx.Client) -> None:
    admin = auth(any_mesh.admin_token)
    assert_status(http.get("/v1/tenants/acme"), 401, 16, "TOKEN_MISSING")
    missing = assert_status(http.post("/v1/tenants", json={}, headers=admin), 400, 3, "FIELD_INVALID")
    violations = next(d for d in missing["details"] if d["@type"] == BAD_REQUEST)["fieldViolations"]
    assert [v["field"] for v in violations] == ["tenant_id", "tenant.display_name"]
    assert_status(http.get("/v1/tenants/no-such-tenant", headers=admin), 404, 5, "TENANT_NOT_FOUND")
    assert_status(http.get("/v1/no/such/path", headers=admin), 404, 5)
    assert_status(http.get("/v1/tenants", params={"bogus": "1"}, headers=admin), 400, 3)
    assert_status(
        http.post("/v1/tenants", content=b"{not json", headers={**admin, "content-type": "application/json"}), 400, 3
    )


def test_cors_preflight_allows_the_console(http: httpx.Client) -> None:
    response = http.options(
        "/v1/tenants",
        headers={
            "origin": "http://localhost:5173",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "authorization" in response.headers["access-control-allow-headers"]
    foreign = http.options(
        "/v1/tenants", headers={"origin": "https://evil.example", "access-control-request-method": "POST"}
    )
    assert "access-control-allow-origin" not in foreign.headers


def _grpc_web_frames(body: bytes) -> list[tuple[int, bytes]]:
    frames, at = [], 0
    while at < len(body):
        flag, size = struct.unpack(">BI", body[at : at + 5])
        frames.append((flag, body[at + 5 : at + 5 + size]))
        at += 5 + size
    return frames


def test_grpc_web_calls_reach_the_services(any_mesh: Mesh, http: httpx.Client) -> None:
    message = contract_service_pb2.GetContractInfoRequest().SerializeToString()
    response = http.post(
        "/soma.meta.v1.ContractService/GetContractInfo",
        content=struct.pack(">BI", 0, len(message)) + message,
        headers={"content-type": "application/grpc-web+proto", "x-grpc-web": "1", "origin": "http://localhost:5173"},
    )
    assert response.status_code == 200
    frames = _grpc_web_frames(response.content)
    data = [payload for flag, payload in frames if flag == 0]
    trailers = b"".join(payload for flag, payload in frames if flag == 0x80).decode()
    info = contract_service_pb2.GetContractInfoResponse.FromString(data[0])
    assert info.current_version == CONTRACT_VERSION
    assert "grpc-status:0" in trailers.replace(" ", "")

    request = pb.GetTenantRequest(name="tenants/whatever").SerializeToString()
    denied = http.post(
        "/soma.identity.v1.IdentityService/GetTenant",
        content=struct.pack(">BI", 0, len(request)) + request,
        headers={"content-type": "application/grpc-web+proto", "x-grpc-web": "1"},
    )
    grpc_status = denied.headers.get("grpc-status") or "".join(
        p.decode() for f, p in _grpc_web_frames(denied.content) if f == 0x80
    )
    assert "16" in grpc_status


def test_envoy_admin_exposes_prometheus_stats(any_mesh: Mesh) -> None:
    stats = httpx.get(f"http://127.0.0.1:{any_mesh.admin_port}/stats/prometheus", timeout=5).text
    assert "envoy_cluster_upstream_rq" in stats
    metrics = httpx.get(f"http://127.0.0.1:{any_mesh.metrics_base + 1}/metrics", timeout=5).text
    assert "soma_rpc_requests_total{" in metrics and 'domain="identity"' in metrics


def test_event_and_replay_metrics_are_exported_with_the_runtime_metrics(any_mesh: Mesh) -> None:
    index = {spec.domain: spec.index for spec in SERVICES}
    identity_metrics = httpx.get(
        f"http://127.0.0.1:{any_mesh.metrics_base + index['identity']}/metrics", timeout=5
    ).text
    assert "soma_events_handled" in identity_metrics
    memory_metrics = httpx.get(f"http://127.0.0.1:{any_mesh.metrics_base + index['memory']}/metrics", timeout=5).text
    assert "soma_outbox_backlog" in memory_metrics
