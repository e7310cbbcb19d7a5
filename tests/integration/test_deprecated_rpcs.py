"""Deprecated RPCs on a real grpc.aio server: the runtime reads `deprecated` from the descriptors, counts, logs.

The real contracts deprecate nothing yet, so the test marks ContractService.GetContractInfo
deprecated in a copy of the shipped descriptor set and serves it through the runtime's interceptor.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool

from soma.meta.v1 import contract_service_pb2 as cpb
from soma.meta.v1 import contract_service_pb2_grpc as cg
from soma_proto import CONTRACT_VERSION, DESCRIPTOR_SET_PATH
from somastack.config import Settings
from somastack.runtime.auth import TokenVerifier
from somastack.runtime.contract import method_contracts
from somastack.runtime.contract_service import ContractServicer
from somastack.runtime.deprecation import DeprecatedCalls
from somastack.runtime.interceptor import SomaInterceptor
from somastack.runtime.metrics import RpcMetrics
from tests.integration.runtime_app import StaticKeys

SERVICE = "soma.meta.v1.ContractService"
RPC = f"{SERVICE}.GetContractInfo"


def pool_with_deprecated(service: str, method: str) -> descriptor_pool.DescriptorPool:
    """The shipped contracts in a pool of their own, with `service.method` marked `option deprecated = true`."""
    files = descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR_SET_PATH.read_bytes())
    marked = 0
    for file in files.file:
        for svc in file.service:
            if f"{file.package}.{svc.name}" == service:
                for rpc in svc.method:
                    if rpc.name == method:
                        rpc.options.deprecated = True
                        marked += 1
    assert marked == 1
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:  # a set built with --include_imports lists dependencies first
        pool.Add(file)
    return pool


def test_the_contract_lookup_reads_deprecated_from_the_descriptors() -> None:
    assert not any(c.deprecated for c in method_contracts((SERVICE, "soma.memory.v1.MemoryService")).values())
    contracts = method_contracts((SERVICE,), pool_with_deprecated(SERVICE, "GetContractInfo"))
    contract = contracts[f"/{SERVICE}/GetContractInfo"]
    assert contract.deprecated and contract.rpc == RPC
    assert contract.public  # the other options are still read from the same descriptor


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[tuple[str, RpcMetrics]]:
    metrics = RpcMetrics("deprecationtest")
    interceptor = SomaInterceptor(
        domain="deprecationtest",
        contracts=method_contracts((SERVICE,), pool_with_deprecated(SERVICE, "GetContractInfo")),
        verifier=TokenVerifier(StaticKeys(), issuer="soma-identity", audience="soma"),
        metrics=metrics,
        deployment_mode="dev",
        min_supported_version="1.0.0",
        recommended_version=CONTRACT_VERSION,
    )
    grpc_server = grpc.aio.server(interceptors=[interceptor])
    cg.add_ContractServiceServicer_to_server(ContractServicer(Settings(home=tmp_path)), grpc_server)
    port = grpc_server.add_insecure_port("127.0.0.1:0")
    await grpc_server.start()
    yield f"127.0.0.1:{port}", metrics
    await grpc_server.stop(0)


def deprecated_calls(metrics: RpcMetrics, client_type: str) -> float | None:
    return metrics.registry.get_sample_value(
        "soma_deprecated_calls_total", {"domain": "deprecationtest", "method": RPC, "client_type": client_type}
    )


async def test_calls_to_a_deprecated_rpc_keep_working_and_are_counted_and_logged_once(
    server: tuple[str, RpcMetrics], caplog: pytest.LogCaptureFixture
) -> None:
    target, metrics = server
    caplog.set_level(logging.WARNING, logger="somastack.runtime.deprecation")
    async with grpc.aio.insecure_channel(target) as channel:
        stub = cg.ContractServiceStub(channel)
        for _ in range(3):
            info = await stub.GetContractInfo(cpb.GetContractInfoRequest(), metadata=(("x-soma-client-type", "cli"),))
            assert info.current_version == CONTRACT_VERSION
        await stub.GetContractInfo(
            cpb.GetContractInfoRequest(), metadata=(("x-soma-client-type", "sdk"), ("x-soma-contract-version", "1.0.0"))
        )
        await stub.GetContractInfo(cpb.GetContractInfoRequest())
    assert deprecated_calls(metrics, "cli") == 3
    assert deprecated_calls(metrics, "sdk") == 1
    assert deprecated_calls(metrics, "unknown") == 1
    warnings = [r.getMessage() for r in caplog.records if "deprecated RPC" in r.getMessage()]
    assert len(warnings) == 3, warnings  # one per client type within the minute, not one per call
    assert f"deprecated RPC {RPC} called by a cli client (contract unknown)" in warnings[0]
    assert "a sdk client (contract 1.0.0)" in warnings[1]


def test_the_log_is_rate_limited_per_method_and_client_type_and_reports_the_calls_in_between(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [1000.0]
    metrics = RpcMetrics("deprecationtest")
    calls = DeprecatedCalls(metrics.deprecated_calls, "deprecationtest", log_every=60, clock=lambda: now[0])
    caplog.set_level(logging.WARNING, logger="somastack.runtime.deprecation")
    for _ in range(5):
        calls.record(RPC, "ui", "1.0.0")
        now[0] += 10
    calls.record(RPC, "ui", "1.0.0")  # 50 s after the first: still quiet
    now[0] += 15
    calls.record(RPC, "ui", "1.0.0")  # 65 s after the first: logged, with the calls since
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "1 call(s) since the last report" in messages[0]
    assert "6 call(s) since the last report" in messages[1]
    assert deprecated_calls(metrics, "ui") == 7
