"""Request rates per caller, per tenant and per client address, through Envoy on gRPC and REST: a budget used up is
RESOURCE_EXHAUSTED `RATE_LIMITED` (HTTP 429) with RetryInfo, other callers and tenants are still served; in Redis
two processes share one budget, and with Redis gone the limits fall back to each process (fail open)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import grpc
import httpx
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as pb
from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from somastack.testing import MeshProcess, free_ports
from tests.conftest import REPO, require_env
from tests.integration.helpers import bearer, failure, identity, mesh_on, own_token

CALLER_RPS, CALLER_BURST = 2, 10
TENANT_RPS, TENANT_BURST = 2, 25
ADDRESS_RPS, ADDRESS_BURST = 2, 30
LIMITS = {
    "SOMA_RATE_LIMIT_CALLER_RPS": str(CALLER_RPS),
    "SOMA_RATE_LIMIT_CALLER_BURST": str(CALLER_BURST),
    "SOMA_RATE_LIMIT_TENANT_RPS": str(TENANT_RPS),
    "SOMA_RATE_LIMIT_TENANT_BURST": str(TENANT_BURST),
    "SOMA_RATE_LIMIT_ADDRESS_RPS": str(ADDRESS_RPS),
    "SOMA_RATE_LIMIT_ADDRESS_BURST": str(ADDRESS_BURST),
}
T = TypeVar("T")


def patiently(call: Callable[[], T]) -> T:
    """`call()`, sent again after the delay a rate limit names: the setup shares the budgets under test."""
    for _ in range(50):
        try:
            return call()
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:  # type: ignore[attr-defined]
                raise
            time.sleep(_retry_delay(error) or 0.5)
    raise AssertionError("still rate limited after 50 attempts")


def _retry_delay(error: grpc.RpcError) -> float | None:
    """The RetryInfo delay of a failed call, in seconds; None when it carries none."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    for detail in status.details if status is not None else ():
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            detail.Unpack(retry)
            return float(retry.retry_delay.seconds + retry.retry_delay.nanos / 1e9)
    return None


def people(mesh: MeshProcess, channel: grpc.Channel, tenant: str, users: list[str]) -> dict[str, str]:
    """Creates `tenant` with `users` (the first its owner) and returns each user's own token."""
    stub, admin = identity(channel), bearer(mesh.admin_token)
    tenant_message = identity_pb2.Tenant(display_name=tenant.title())
    patiently(
        lambda: stub.CreateTenant(pb.CreateTenantRequest(tenant_id=tenant, tenant=tenant_message), metadata=admin)
    )
    for i, user in enumerate(users):
        request = pb.CreateUserRequest(
            parent=f"tenants/{tenant}",
            user_id=user,
            user=identity_pb2.User(display_name=user.title()),
            role=identity_pb2.ROLE_OWNER if i == 0 else identity_pb2.ROLE_MEMBER,
        )
        patiently(lambda request=request: stub.CreateUser(request, metadata=admin))  # type: ignore[misc]
    return {user: own_token(mesh, f"tenants/{tenant}/users/{user}") for user in users}


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    with mesh_on("embedded", tmp_path_factory.mktemp("rates"), "", SOMA_LOG_LEVEL="warning", **LIMITS) as mesh:
        yield mesh


def contract_info(channel: grpc.Channel, token: str | None) -> grpc.RpcError | None:
    """One call of meta's GetContractInfo (public: a token makes it the caller's); the error, or None when served."""
    stub = contract_service_pb2_grpc.ContractServiceStub(channel)
    try:
        stub.GetContractInfo(contract_service_pb2.GetContractInfoRequest(), metadata=bearer(token) if token else ())
    except grpc.RpcError as error:
        return error
    return None


def until_refused(call: Callable[[], grpc.RpcError | None], most: int = 200) -> tuple[int, grpc.RpcError]:
    """Calls until the first refusal: how many were served before it, and the refusal."""
    for served in range(most):
        error = call()
        if error is not None:
            return served, error
    raise AssertionError(f"{most} calls served, none refused")


def assert_rate_limited(error: grpc.RpcError, scope: str, rate: float, burst: int) -> float:
    """The refusal is RESOURCE_EXHAUSTED RATE_LIMITED of `scope`'s budget, with a RetryInfo delay; returns it."""
    refused = failure(error)
    assert refused.code == grpc.StatusCode.RESOURCE_EXHAUSTED, refused
    assert refused.reason == "RATE_LIMITED"
    assert refused.metadata["scope"] == scope
    assert refused.metadata["ratePerSecond"] == f"{rate:g}" and refused.metadata["burst"] == str(burst)
    delay = _retry_delay(error)
    assert delay is not None and 0 < delay <= 1 / rate, delay
    return delay


def test_a_caller_over_its_rate_waits_while_its_tenant_and_others_are_served(limited: MeshProcess) -> None:
    with grpc.insecure_channel(limited.target) as channel:
        acme = people(limited, channel, "acme", ["olga", "ivan", "anna"])
        globex = people(limited, channel, "globex", ["olga"])
        served, error = until_refused(lambda: contract_info(channel, acme["olga"]))
        # The burst, and what refilled meanwhile (a call takes a few milliseconds).
        assert CALLER_BURST <= served <= CALLER_BURST + 2
        delay = assert_rate_limited(error, "caller", CALLER_RPS, CALLER_BURST)
        assert contract_info(channel, acme["ivan"]) is None  # another caller of the same tenant
        time.sleep(delay)
        assert contract_info(channel, acme["olga"]) is None  # a token came back when RetryInfo said

        # ivan's burst and anna's calls use up acme's budget: anna is refused for her tenant, not for herself.
        until_refused(lambda: contract_info(channel, acme["ivan"]))
        _, error = until_refused(lambda: contract_info(channel, acme["anna"]))
        assert_rate_limited(error, "tenant", TENANT_RPS, TENANT_BURST)
        assert contract_info(channel, globex["olga"]) is None  # another tenant is unaffected


def test_over_rest_a_refusal_is_429_with_retry_info(limited: MeshProcess) -> None:
    with grpc.insecure_channel(limited.target) as channel:
        token = people(limited, channel, "initech", ["peter"])["peter"]
    with httpx.Client(base_url=limited.url, headers={"authorization": f"Bearer {token}"}, timeout=10) as http:
        for _ in range(200):
            answer = http.get("/v1/contract")
            if answer.status_code != 200:
                break
        assert answer.status_code == 429, answer.text
        body = answer.json()
        assert body["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
        details = {detail["@type"].rpartition("/")[2]: detail for detail in body["details"]}
        assert details["google.rpc.ErrorInfo"]["reason"] == "RATE_LIMITED"
        assert details["google.rpc.ErrorInfo"]["metadata"]["scope"] == "caller"
        delay = details["google.rpc.RetryInfo"]["retryDelay"]
        assert delay.endswith("s") and 0 < float(delay[:-1]) <= 1 / CALLER_RPS
        assert answer.headers["retry-after"] == "1"  # HTTP's own, in whole seconds


def test_public_calls_without_a_token_are_limited_per_client_address(limited: MeshProcess) -> None:
    with grpc.insecure_channel(limited.target) as channel:
        served, error = until_refused(lambda: contract_info(channel, None))
        assert ADDRESS_BURST <= served <= ADDRESS_BURST + 2
        assert_rate_limited(error, "address", ADDRESS_RPS, ADDRESS_BURST)
    # A client cannot pick another address: Envoy overwrites the header that carries it.
    spoofed = httpx.get(f"{limited.url}/v1/contract", headers={"x-soma-client-address": "203.0.113.9"}, timeout=10)
    assert spoofed.status_code == 429
    assert spoofed.json()["details"][0]["metadata"]["scope"] == "address"


def test_refusals_are_counted_by_method_and_scope(limited: MeshProcess) -> None:
    text = httpx.get(f"{limited.url}/metrics/meta", timeout=10).text
    counted = {
        line.split("scope=")[1].split('"')[1]
        for line in text.splitlines()
        if line.startswith("soma_rate_limited_total{") and 'method="GetContractInfo"' in line
    }
    assert counted >= {"caller", "tenant", "address"}


# -- Redis ----------------------------------------------------------------------------------------------------------

_TAKER = """
import asyncio, sys, time
from prometheus_client import Counter, CollectorRegistry
from somastack.runtime.buckets import Rate, RedisBuckets
from somastack.runtime.ratelimit import Budgets, RateLimiter
from somastack.platform.errors import ResourceExhausted
from somastack.platform.principal import Principal

async def main(url, namespace, calls, start_at):
    registry = CollectorRegistry()
    limiter = RateLimiter(
        "meta",
        Budgets(caller=Rate(0.001, 40), tenant=Rate(0, 0), address=Rate(0, 0)),
        refused=Counter("r", "r", ["domain", "service", "method", "scope"], registry=registry),
        fallbacks=Counter("f", "f", ["domain"], registry=registry),
        shared=RedisBuckets(url, namespace),
    )
    olga = Principal("tenants/acme/users/olga", "acme", frozenset(), 0.0)

    async def one():
        try:
            await limiter.admit("s", "m", olga, "")
            return 1
        except ResourceExhausted:
            return 0

    await one()  # connected before the start, so that both processes check at the same time
    await asyncio.sleep(start_at - time.time())
    admitted = sum(await asyncio.gather(*(one() for _ in range(calls))))
    await limiter.close()
    print(admitted)

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
"""


def test_two_processes_share_one_budget_in_redis() -> None:
    url, namespace = require_env("SOMA_TEST_REDIS_URL"), f"test-{uuid.uuid4().hex[:8]}"
    start_at = str(time.time() + 3)
    argv = [sys.executable, "-c", _TAKER, url, namespace, "100", start_at]
    takers = [subprocess.Popen(argv, stdout=subprocess.PIPE, cwd=REPO, text=True) for _ in range(2)]
    # One check each before the start, then 100 at once each: the burst (40) passes in all, shared by both.
    admitted = [int(taker.communicate(timeout=60)[0]) for taker in takers]
    assert sum(admitted) == 40 - 2, admitted
    assert all(count < 40 for count in admitted), admitted


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Redis server of this test's own, on a free port, that the test may stop."""
    port = free_ports(1)[0]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0", server
    server.kill()
    server.wait()


def test_with_redis_gone_calls_are_served_under_each_processs_own_limit(
    tmp_path: Path, own_redis: tuple[str, subprocess.Popen[bytes]]
) -> None:
    url, server = own_redis
    env = {"SOMA_REDIS_URL": url, **LIMITS}
    with mesh_on("embedded", tmp_path, "", SOMA_LOG_LEVEL="warning", **env) as mesh:
        with grpc.insecure_channel(mesh.target) as channel:
            token = people(mesh, channel, "acme", ["olga"])["olga"]
            served, error = until_refused(lambda: contract_info(channel, token))
            assert CALLER_BURST <= served <= CALLER_BURST + 2
            assert_rate_limited(error, "caller", CALLER_RPS, CALLER_BURST)
            keys = subprocess.run(
                ["redis-cli", "-u", url, "--scan", "--pattern", "soma:*ratelimit:meta:caller:*"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            assert keys == ["soma:soma_dev:ratelimit:meta:caller:tenants/acme/users/olga"], keys  # in Redis

            server.kill()
            server.wait()
            time.sleep(1 / CALLER_RPS)
            # Redis is gone: the call is served, from a full bucket of meta's own, which still refuses a flood.
            served, error = until_refused(lambda: contract_info(channel, token))
            assert CALLER_BURST <= served <= CALLER_BURST + 2
            assert_rate_limited(error, "caller", CALLER_RPS, CALLER_BURST)
        text = httpx.get(f"{mesh.url}/metrics/meta", timeout=10).text
        fallbacks = [line for line in text.splitlines() if line.startswith("soma_rate_limit_fallbacks_total{")]
        assert fallbacks and float(fallbacks[0].rpartition(" ")[2]) > CALLER_BURST, fallbacks
        log = (mesh.home / "dev" / "logs" / "meta.log").read_text()
        assert "rate limits: Redis did not answer" in log
