"""The shared runtime on a real grpc.aio server: public RPCs, errors, health, reflection, graceful drain."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import jwt
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from soma.meta.v1 import contract_service_pb2 as cpb
from soma.meta.v1 import contract_service_pb2_grpc as cg
from soma_proto import CONTRACT_VERSION, CONTRACT_VERSION_HEADER
from somastack.config import Settings
from somastack.registry import ServiceSpec
from somastack.runtime.server import ServiceHost
from tests.integration import runtime_app
from tests.integration.helpers import failure

SPEC = ServiceSpec(
    domain="runtimetest",
    index=0,
    services=("soma.meta.v1.ContractService",),
    bootstrap="tests.integration.runtime_app:assemble",
    stateful=False,
    description="runtime test",
)


def token(**claims: object) -> str:
    now = int(time.time())
    body = {
        "iss": "soma-identity",
        "aud": "soma",
        "sub": "tenants/acme/users/bob",
        "tenant": "acme",
        "caps": [],
        "iat": now,
        "exp": now + 60,
        **claims,
    }
    return jwt.encode(body, runtime_app.KEY, algorithm="EdDSA", headers={"kid": runtime_app.KID})


@pytest.fixture
async def host(tmp_path: Path) -> AsyncIterator[ServiceHost]:
    settings = Settings(
        home=tmp_path,
        metrics_port_base=0,
        contract_min_supported_version="1.0.0",
        contract_recommended_version="1.2.0",
        mtls=False,  # in process, in plain text, whatever SOMA_MTLS says: transport is test_mtls_mesh.py's
    )
    server = ServiceHost(SPEC, settings, port=0)
    await server.start()
    yield server
    await server.stop(0)


async def call(
    host: ServiceHost, metadata: tuple[tuple[str, str], ...] = (), deadline: float = 10
) -> cpb.GetContractInfoResponse:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{host.port}") as channel:
        return await cg.ContractServiceStub(channel).GetContractInfo(
            cpb.GetContractInfoRequest(), metadata=metadata, timeout=deadline
        )


async def test_public_rpcs_need_no_token_but_a_sent_token_must_be_valid(host: ServiceHost) -> None:
    assert (await call(host)).current_version == CONTRACT_VERSION
    assert (await call(host, (("authorization", f"Bearer {token()}"),))).current_version == CONTRACT_VERSION
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call(host, (("authorization", f"Bearer {token(exp=int(time.time()) - 60)}"),))
    assert failure(caught.value).reason == "TOKEN_EXPIRED"  # type: ignore[arg-type]


async def test_an_unexpected_error_is_internal_with_a_request_id_and_no_internals(host: ServiceHost) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call(host, (("x-test-crash", "1"), ("x-request-id", "req-42")))
    got = failure(caught.value)  # type: ignore[arg-type]
    assert got.code == grpc.StatusCode.INTERNAL and got.reason == "INTERNAL"
    assert got.metadata["requestId"] == "req-42" and "req-42" in got.message
    assert "secret" not in got.message


async def test_contract_versions_are_negotiated(host: ServiceHost) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{host.port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        reply = await health.Check(health_pb2.HealthCheckRequest(service="soma.meta.v1.ContractService"))
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
        # ContractService itself always answers, so an old client can learn why it is refused.
        info = await cg.ContractServiceStub(channel).GetContractInfo(
            cpb.GetContractInfoRequest(), metadata=((CONTRACT_VERSION_HEADER, "0.1.0"),)
        )
        assert info.min_supported_version == "1.0.0" and info.recommended_version == "1.2.0"


async def test_drain_finishes_in_flight_calls_and_refuses_new_ones(host: ServiceHost) -> None:
    slow = asyncio.create_task(call(host, (("x-test-sleep", "1.0"),)))
    await asyncio.sleep(0.3)
    stopping = asyncio.create_task(host.stop(grace=5))
    await asyncio.sleep(0.1)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await call(host, deadline=2)
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
    assert (await slow).current_version == CONTRACT_VERSION
    await stopping


async def test_metrics_count_calls_by_code(host: ServiceHost) -> None:
    await call(host)
    with pytest.raises(grpc.aio.AioRpcError):
        await call(host, (("x-test-crash", "1"),))
    text = host.metrics.registry.get_sample_value(
        "soma_rpc_requests_total",
        {"domain": "runtimetest", "service": "soma.meta.v1.ContractService", "method": "GetContractInfo", "code": "OK"},
    )
    assert text == 1.0
    assert (
        host.metrics.registry.get_sample_value(
            "soma_rpc_requests_total",
            {
                "domain": "runtimetest",
                "service": "soma.meta.v1.ContractService",
                "method": "GetContractInfo",
                "code": "INTERNAL",
            },
        )
        == 1.0
    )
