"""Hostile bytes get exact answers: undecodable bodies, bytes that are not UTF-8, huge values, numbers JSON cannot
carry and page tokens that are not ASCII are INVALID_ARGUMENT over gRPC and HTTP 400 over REST, never UNKNOWN,
INTERNAL or a 5xx, and no error quotes a value whole."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator

import grpc
import httpx
import pytest
from google.protobuf import struct_pb2

from soma.identity.v1 import identity_service_pb2 as identity_pb
from soma.memory.v1 import memory_pb2, memory_service_pb2, memory_service_pb2_grpc
from soma.orchestrator.v1 import session_pb2, session_service_pb2, session_service_pb2_grpc
from soma.policy.v1 import policy_pb2, policy_service_pb2, policy_service_pb2_grpc
from somastack.platform.limits import HARD_MESSAGE_BYTES, MAX_MESSAGE_BYTES
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity

GET_USER = "/soma.identity.v1.IdentityService/GetUser"
START_SESSION = "/soma.orchestrator.v1.SessionService/StartSession"
#: The longest status message a refusal of a huge value may carry (the runtime quotes a bounded prefix).
MESSAGE_BOUND = 2048


@pytest.fixture(scope="module")
def grpc_channel(mesh: Mesh) -> Iterator[grpc.Channel]:
    with mesh.channel() as channel:
        yield channel


@pytest.fixture(scope="module")
def http(mesh: Mesh) -> Iterator[httpx.Client]:
    with mesh.http(timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def tenant(mesh: Mesh, grpc_channel: grpc.Channel) -> tuple[str, str]:
    """A tenant and its owner's token."""
    name = f"hostile-{uuid.uuid4().hex[:8]}"
    return name, ensure_tenant_with_owner(grpc_channel, mesh.admin_token, name)


def raw(channel: grpc.Channel, method: str, body: bytes, token: str | None) -> grpc.RpcError:
    """Sends `body` as the request's bytes, unchecked; returns the error it must end with."""
    call = channel.unary_unary(method, request_serializer=lambda b: b, response_deserializer=lambda b: b)
    with pytest.raises(grpc.RpcError) as refused:
        call(body, metadata=bearer(token) if token else None, timeout=10)
    return refused.value


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"\x0a\x05ab", id="truncated"),
        pytest.param(b"\x0a\x02\xff\xfe", id="invalid-utf8"),
        pytest.param(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", id="corrupt-tag"),
    ],
)
def test_an_undecodable_body_is_invalid_argument(
    mesh: Mesh, grpc_channel: grpc.Channel, tenant: tuple[str, str], body: bytes
) -> None:
    for method in (GET_USER, START_SESSION):  # a read, and a mutating RPC whose refusal is audited
        refused = failure(raw(grpc_channel, method, body, tenant[1]))
        assert refused.code is grpc.StatusCode.INVALID_ARGUMENT, (method, refused)
        assert refused.reason == "FIELD_INVALID"
        assert [field for field, _ in refused.violations] == ["request"]
    # The caller is authenticated first: without a token the answer is the same as for any other request.
    assert raw(grpc_channel, GET_USER, body, None).code() is grpc.StatusCode.UNAUTHENTICATED


def test_a_path_variable_that_is_not_utf8_is_400_over_rest(mesh: Mesh, http: httpx.Client) -> None:
    response = http.get("/v1/tenants/%ff/users/olga", headers={"authorization": f"Bearer {mesh.admin_token}"})
    assert response.status_code == 400, response.text
    assert response.json()["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]


def test_a_huge_value_is_refused_with_a_bounded_message(
    mesh: Mesh, grpc_channel: grpc.Channel, http: httpx.Client, tenant: tuple[str, str]
) -> None:
    huge = "x" * 24_000
    with pytest.raises(grpc.RpcError) as refused:
        identity(grpc_channel).GetUser(identity_pb.GetUserRequest(name=huge), metadata=bearer(tenant[1]), timeout=10)
    error = failure(refused.value)
    assert error.code is grpc.StatusCode.INVALID_ARGUMENT, error
    assert len(error.message) < MESSAGE_BOUND
    assert all(len(description) < MESSAGE_BOUND for _, description in error.violations)
    response = http.get(f"/v1/tenants/{tenant[0]}/users/{'y' * 8000}", headers={"authorization": f"Bearer {tenant[1]}"})
    assert response.status_code in (400, 404), response.text
    assert len(response.text) < 2 * MESSAGE_BOUND


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_numbers_json_cannot_carry_are_invalid_argument(
    grpc_channel: grpc.Channel, tenant: tuple[str, str], number: float
) -> None:
    context = struct_pb2.Struct()
    context.update({"risk": number})
    sessions = session_service_pb2_grpc.SessionServiceStub(grpc_channel)
    with pytest.raises(grpc.RpcError) as refused:
        sessions.StartSession(
            session_service_pb2.StartSessionRequest(
                parent=f"tenants/{tenant[0]}", session=session_pb2.Session(prompt="hello", context=context)
            ),
            metadata=bearer(tenant[1]),
            timeout=10,
        )
    error = failure(refused.value)
    assert (error.code, [field for field, _ in error.violations]) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["session.context"],
    )
    policy = policy_service_pb2_grpc.PolicyServiceStub(grpc_channel)
    with pytest.raises(grpc.RpcError) as refused:
        policy.Evaluate(
            policy_service_pb2.EvaluateRequest(
                parent=f"tenants/{tenant[0]}", action=policy_pb2.Action(name="chat"), context=context
            ),
            metadata=bearer(tenant[1]),
            timeout=10,
        )
    error = failure(refused.value)
    assert (error.code, [field for field, _ in error.violations]) == (grpc.StatusCode.INVALID_ARGUMENT, ["context"])


def test_a_page_token_that_is_not_ascii_is_invalid_argument(
    grpc_channel: grpc.Channel, http: httpx.Client, tenant: tuple[str, str]
) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        identity(grpc_channel).ListUsers(
            identity_pb.ListUsersRequest(parent=f"tenants/{tenant[0]}", page_token="é-not-ascii"),
            metadata=bearer(tenant[1]),
            timeout=10,
        )
    error = failure(refused.value)
    assert (error.code, [field for field, _ in error.violations]) == (grpc.StatusCode.INVALID_ARGUMENT, ["page_token"])
    response = http.get(
        f"/v1/tenants/{tenant[0]}/users", params={"pageToken": "é"}, headers={"authorization": f"Bearer {tenant[1]}"}
    )
    assert response.status_code == 400, response.text


def test_an_object_where_a_number_belongs_is_400_over_rest(http: httpx.Client, tenant: tuple[str, str]) -> None:
    response = http.put(
        f"/v1/tenants/{tenant[0]}/policy/weights",
        json={"weights": {"deny-pii": {"not": "a number"}}},
        headers={"authorization": f"Bearer {tenant[1]}"},
    )
    assert response.status_code == 400, response.text


def test_working_memory_refuses_bytes_beyond_its_cap(grpc_channel: grpc.Channel, tenant: tuple[str, str]) -> None:
    stub = memory_service_pb2_grpc.MemoryServiceStub(grpc_channel)
    name = f"tenants/{tenant[0]}/sessions/big-{uuid.uuid4().hex[:6]}/workingMemory"
    item = memory_pb2.WorkingItem(text="w" * 30_000)
    accepted = 0
    with pytest.raises(grpc.RpcError) as refused:
        while accepted < 200:  # 30 KB a call: the 1 MiB cap stops it long before 200 calls (6 MB)
            stub.PutWorking(
                memory_service_pb2.PutWorkingRequest(name=name, items=[item]), metadata=bearer(tenant[1]), timeout=10
            )
            accepted += 1
    error = failure(refused.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "WORKING_MEMORY_FULL")
    assert 30 <= accepted <= 36 and error.metadata["limitBytes"] == str(1024 * 1024)


@pytest.mark.parametrize("size", [MAX_MESSAGE_BYTES - 4096, MAX_MESSAGE_BYTES + 4096, HARD_MESSAGE_BYTES + 4096])
def test_one_message_size_limit_for_grpc_and_rest(
    grpc_channel: grpc.Channel, http: httpx.Client, tenant: tuple[str, str], size: int
) -> None:
    """Under MAX_MESSAGE_BYTES the service answers the oversized field on its merits; over it, the body is refused
    unparsed as INVALID_ARGUMENT on `request`, over gRPC and REST alike; over gRPC's receive limit gRPC refuses it."""
    memory = memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text="m" * size)
    with pytest.raises(grpc.RpcError) as refused:
        memory_service_pb2_grpc.MemoryServiceStub(grpc_channel).Remember(
            memory_service_pb2.RememberRequest(parent=f"tenants/{tenant[0]}", memory=memory),
            metadata=bearer(tenant[1]),
            timeout=20,
        )
    response = http.post(
        f"/v1/tenants/{tenant[0]}/memories",
        json={"memory": {"kind": "MEMORY_KIND_SEMANTIC", "text": "m" * size}},
        headers={"authorization": f"Bearer {tenant[1]}"},
        timeout=20,
    )
    if size > HARD_MESSAGE_BYTES:  # gRPC itself refuses it before reading it whole: a status without details
        assert refused.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED, refused.value
        assert response.status_code == 429 and response.json()["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
        return
    field = "memory.text" if size < MAX_MESSAGE_BYTES else "request"
    error = failure(refused.value)
    assert (error.code, [name for name, _ in error.violations]) == (grpc.StatusCode.INVALID_ARGUMENT, [field]), error
    assert response.status_code == 400, response.text[:200]
    assert [v["field"] for v in response.json()["details"][-1]["fieldViolations"]] == [field]
