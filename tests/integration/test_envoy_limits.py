"""Envoy bounds what a caller can hold: connections beyond the configured limit are closed at once while admitted
calls keep being served, a client that does not finish its headers is closed, and so is a silent connection; every
request leaves a line in the access log."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import httpx
import pytest

from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from soma.notification.v1 import notification_service_pb2 as npb
from soma.notification.v1 import notification_service_pb2_grpc
from somastack.testing import MeshProcess
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, mesh_on, signed_in

MAX_CONNECTIONS = 60
HEADERS_TIMEOUT = 1.0
IDLE_TIMEOUT = 3.0
MAX_STREAMS = 3


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    with mesh_on(
        "embedded",
        tmp_path_factory.mktemp("limited"),
        "",
        SOMA_ENVOY_MAX_CONNECTIONS=str(MAX_CONNECTIONS),
        SOMA_ENVOY_REQUEST_HEADERS_TIMEOUT=str(HEADERS_TIMEOUT),
        SOMA_ENVOY_IDLE_TIMEOUT=str(IDLE_TIMEOUT),
        SOMA_MAX_STREAMS_PER_CALLER=str(MAX_STREAMS),
    ) as mesh:
        yield mesh


def _stat(mesh: MeshProcess, suffix: str) -> int:
    """The sum of Envoy's counters and gauges whose name ends with `suffix`."""
    text = httpx.get(f"http://127.0.0.1:{mesh.admin_port}/stats", timeout=5).text
    values = [line.rpartition(": ")[2] for line in text.splitlines() if line.partition(": ")[0].endswith(suffix)]
    return sum(int(value) for value in values if value.isdigit())


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the peer closes `sock` within `seconds` (whatever it sends first, e.g. a 408)."""
    sock.settimeout(0.1)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if sock.recv(4096) == b"":
                return True
        except TimeoutError:
            continue
        except ConnectionResetError:
            return True
    return False


def _contract(channel: grpc.Channel) -> str:
    stub = contract_service_pb2_grpc.ContractServiceStub(channel)
    return stub.GetContractInfo(contract_service_pb2.GetContractInfoRequest(), timeout=5).current_version


def test_connections_beyond_the_limit_are_closed_while_admitted_calls_go_on(limited: MeshProcess) -> None:
    with limited.channel() as admitted:
        assert _contract(admitted)
        flood: list[socket.socket] = []
        try:
            for _ in range(MAX_CONNECTIONS + 20):  # more than the limit, whatever the mesh's own channels hold
                flood.append(socket.create_connection(("127.0.0.1", limited.envoy_port), timeout=2))
            refused = sum(_closed_within(sock, 0.5) for sock in flood[-20:])
            assert refused >= 10, f"only {refused} of the last 20 connections were closed"
            assert _stat(limited, "downstream_global_cx_overflow") >= refused
            assert _contract(admitted)  # the connection admitted before the flood is still served
        finally:
            for sock in flood:
                sock.close()
    # Once the flood is gone, new connections are admitted again.
    deadline = time.monotonic() + 5
    while True:
        try:
            with limited.channel() as fresh:
                assert _contract(fresh)
            break
        except grpc.RpcError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_client_that_does_not_finish_its_headers_is_closed(limited: MeshProcess) -> None:
    with socket.create_connection(("127.0.0.1", limited.envoy_port), timeout=2) as slow:
        slow.sendall(b"GET /v1/contract HTTP/1.1\r\nHost: soma\r\n")  # and never the blank line
        assert _closed_within(slow, HEADERS_TIMEOUT + 3)


def test_a_silent_connection_is_closed(limited: MeshProcess) -> None:
    with socket.create_connection(("127.0.0.1", limited.envoy_port), timeout=2) as silent:
        assert not _closed_within(silent, 0.5)  # open at first
        assert _closed_within(silent, IDLE_TIMEOUT + 3)


def test_every_request_is_in_the_access_log(limited: MeshProcess) -> None:
    request_id = f"access-log-{time.monotonic_ns()}"
    with limited.http(timeout=5) as http:
        response = http.get("/v1/contract", headers={"x-request-id": request_id})
    assert response.status_code == 200
    log = Path(limited.home) / "dev" / "logs" / "envoy-access.log"
    deadline = time.monotonic() + 10  # Envoy flushes its access log buffer every second or so
    while True:
        lines = (
            [json.loads(line) for line in log.read_text().splitlines() if request_id in line] if log.exists() else []
        )
        if lines or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(lines) == 1, f"no line for {request_id} in {log}"
    # The path as the client sent it; the method as it reached the service (a transcoded call is a gRPC POST).
    assert (lines[0]["method"], lines[0]["path"], lines[0]["status"]) == ("POST", "/v1/contract", 200)
    assert lines[0]["grpc_status"] == 0 and lines[0]["upstream"] == "meta"


def _idle(stream: grpc.Future) -> bool:
    """Whether `stream` is open and silent: its first message times out instead of a refusal."""
    try:
        next(stream)  # type: ignore[call-overload]
    except grpc.RpcError as error:
        return error.code() is grpc.StatusCode.DEADLINE_EXCEEDED  # type: ignore[attr-defined, no-any-return]
    return False


def test_a_caller_holds_a_bounded_number_of_open_streams(limited: MeshProcess) -> None:
    with limited.channel() as channel:
        acting = ensure_tenant_with_owner(channel, limited.admin_token, "streams")  # the operator acting for olga
        olga = signed_in(channel, limited.admin_token, "streams")  # olga's own token: another caller
        stub = notification_service_pb2_grpc.NotificationServiceStub(channel)
        subscribe = npb.SubscribeRequest(parent="tenants/streams/users/olga")
        held = [stub.Subscribe(subscribe, metadata=bearer(olga), timeout=30) for _ in range(MAX_STREAMS)]
        time.sleep(0.5)  # the service has counted them
        with pytest.raises(grpc.RpcError) as refused:
            next(stub.Subscribe(subscribe, metadata=bearer(olga), timeout=5))
        error = failure(refused.value)
        assert (error.code, error.reason, error.metadata["limit"]) == (
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "TOO_MANY_STREAMS",
            str(MAX_STREAMS),
        )
        assert _idle(stub.Subscribe(subscribe, metadata=bearer(acting), timeout=1.5))  # another caller opens one
        held[0].cancel()  # type: ignore[attr-defined]
        time.sleep(0.5)
        assert _idle(stub.Subscribe(subscribe, metadata=bearer(olga), timeout=1.5))  # a closed stream's place is free
        for stream in held[1:]:
            stream.cancel()  # type: ignore[attr-defined]
