"""The outbound seam against a real grpc.aio server: retries of transient failures inside the deadline, the
metadata every call carries, and the domain error a failed call means."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import grpc
import pytest
from google.protobuf import struct_pb2
from opentelemetry.sdk.trace import TracerProvider

from soma_proto import CONTRACT_VERSION, CONTRACT_VERSION_HEADER
from somastack.platform.credentials import Credentials
from somastack.platform.errors import FailedPrecondition, PermissionDenied, ResourceExhausted, Unavailable
from somastack.platform.outbound import (
    RetryPolicy,
    constitution_error,
    domain_error,
    outgoing_metadata,
)
from somastack.runtime.status import to_grpc_status, to_rpc_status

SERVICE = "test.Echo"
FAST = RetryPolicy(initial_backoff=0.01, max_backoff=0.05)


class Echo:
    """Answers `failures` codes first, one per call, then echoes; `delay` makes every call slow."""

    def __init__(self) -> None:
        self.failures: list[grpc.StatusCode] = []
        self.status: grpc.Status | None = None
        self.delay = 0.0
        self.calls = 0
        self.metadata: dict[str, str] = {}

    async def Call(
        self, request: struct_pb2.Struct, context: grpc.aio.ServicerContext[object, object]
    ) -> struct_pb2.Struct:
        self.calls += 1
        self.metadata = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status is not None:
            await context.abort(self.status.code, self.status.details, self.status.trailing_metadata)
        if self.failures:
            await context.abort(self.failures.pop(0), "scripted failure")
        return request


def serve(echo: Echo, port: int = 0) -> tuple[grpc.aio.Server, int]:
    server = grpc.aio.server()
    handler = grpc.unary_unary_rpc_method_handler(
        echo.Call,
        request_deserializer=struct_pb2.Struct.FromString,
        response_serializer=struct_pb2.Struct.SerializeToString,
    )
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(SERVICE, {"Call": handler})])
    return server, server.add_insecure_port(f"127.0.0.1:{port}")


@pytest.fixture
async def echo() -> AsyncIterator[tuple[Echo, grpc.aio.UnaryUnaryMultiCallable[struct_pb2.Struct, struct_pb2.Struct]]]:
    servicer = Echo()
    server, port = serve(servicer)
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield (
            servicer,
            channel.unary_unary(
                f"/{SERVICE}/Call",
                request_serializer=struct_pb2.Struct.SerializeToString,
                response_deserializer=struct_pb2.Struct.FromString,
            ),
        )
    await server.stop(None)


Served = tuple[Echo, grpc.aio.UnaryUnaryMultiCallable[struct_pb2.Struct, struct_pb2.Struct]]


def request(value: str = "x") -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update({"value": value})
    return message


async def test_unavailable_is_retried_until_the_call_succeeds(echo: Served) -> None:
    servicer, call = echo
    servicer.failures = [grpc.StatusCode.UNAVAILABLE] * 3
    answer = await FAST.unary(call, request("hi"), metadata=(), within=5.0)
    assert answer["value"] == "hi"
    assert servicer.calls == 4


async def test_a_call_that_is_not_idempotent_is_sent_once(echo: Served) -> None:
    servicer, call = echo
    servicer.failures = [grpc.StatusCode.UNAVAILABLE]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=5.0, idempotent=False)
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert servicer.calls == 1


@pytest.mark.parametrize(
    "code", [grpc.StatusCode.ABORTED, grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.INTERNAL]
)
async def test_codes_that_do_not_mean_retry_this_call_are_not_retried(echo: Served, code: grpc.StatusCode) -> None:
    servicer, call = echo
    servicer.failures = [code]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=5.0)
    assert caught.value.code() == code
    assert servicer.calls == 1


def _rate_limited(retry_after: float | None) -> grpc.Status:
    error = ResourceExhausted("RATE_LIMITED", "used up", retry_after=retry_after)
    return to_grpc_status(to_rpc_status(error, domain="test", request_id=""))


async def test_a_rate_limited_call_is_sent_again_after_the_delay_the_callee_named(echo: Served) -> None:
    servicer, call = echo
    servicer.status = _rate_limited(0.2)
    started = time.monotonic()
    task = asyncio.create_task(FAST.unary(call, request("hi"), metadata=(), within=5.0))
    await asyncio.sleep(0.1)
    servicer.status = None
    answer = await task
    assert answer["value"] == "hi"
    assert servicer.calls == 2
    assert time.monotonic() - started >= 0.2  # the named delay, never less


async def test_resource_exhausted_without_a_retry_delay_is_not_retried(echo: Served) -> None:
    servicer, call = echo
    servicer.status = _rate_limited(None)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=5.0)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert servicer.calls == 1


async def test_a_rate_limit_delay_past_the_deadline_is_not_waited_for(echo: Served) -> None:
    servicer, call = echo
    servicer.status = _rate_limited(2.0)
    started = time.monotonic()
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=0.5)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert servicer.calls == 1
    assert time.monotonic() - started < 0.5


async def test_retries_stop_at_the_attempt_limit(echo: Served) -> None:
    servicer, call = echo
    servicer.failures = [grpc.StatusCode.UNAVAILABLE] * 5
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await RetryPolicy(max_attempts=3, initial_backoff=0.01).unary(call, request(), metadata=(), within=5.0)
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert servicer.calls == 3


async def test_retries_stay_inside_the_calls_deadline(echo: Served) -> None:
    servicer, call = echo
    servicer.failures = [grpc.StatusCode.UNAVAILABLE] * 1000
    policy = RetryPolicy(max_attempts=1000, initial_backoff=0.05, max_backoff=0.1)
    started = time.monotonic()
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await policy.unary(call, request(), metadata=(), within=0.6)
    elapsed = time.monotonic() - started
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert 0.3 < elapsed < 0.6 + 0.3
    assert 2 < servicer.calls < 20


async def test_a_slow_callee_expires_the_deadline_once(echo: Served) -> None:
    servicer, call = echo
    servicer.delay = 1.0
    started = time.monotonic()
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=0.3)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 0.9
    assert servicer.calls == 1


async def test_a_restarted_callee_fails_no_call() -> None:
    """The callee goes away and comes back on the same port, as the supervisor restarts a service."""
    first = Echo()
    server, port = serve(first)
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        call = channel.unary_unary(
            f"/{SERVICE}/Call",
            request_serializer=struct_pb2.Struct.SerializeToString,
            response_deserializer=struct_pb2.Struct.FromString,
        )
        assert (await FAST.unary(call, request("a"), metadata=(), within=5.0))["value"] == "a"
        await server.stop(None)

        second = Echo()

        async def restart() -> grpc.aio.Server:
            await asyncio.sleep(0.5)
            again, bound = serve(second, port)
            assert bound == port
            await again.start()
            return again

        restarting = asyncio.create_task(restart())
        policy = RetryPolicy(max_attempts=100, initial_backoff=0.05, max_backoff=0.25)
        answer = await policy.unary(call, request("b"), metadata=(), within=8.0)
        assert answer["value"] == "b" and second.calls == 1
        await (await restarting).stop(None)


def test_outgoing_metadata_carries_the_caller_the_contract_version_and_the_trace() -> None:
    credentials = Credentials("Bearer t0k", "req-1", "cli", "tenants/acme/users/ana", tenant="acme")
    tracer = TracerProvider().get_tracer(__name__)
    with tracer.start_as_current_span("hop") as span:
        metadata = dict(outgoing_metadata(credentials, ("x-soma-constitution", "ab")))
        trace_id = format(span.get_span_context().trace_id, "032x")
    assert metadata["authorization"] == "Bearer t0k"
    assert metadata["x-request-id"] == "req-1"
    assert metadata["x-soma-client-type"] == "cli"
    assert metadata["x-soma-tenant"] == "acme"
    assert metadata[CONTRACT_VERSION_HEADER] == CONTRACT_VERSION
    assert metadata["x-soma-constitution"] == "ab"
    assert metadata["traceparent"].split("-")[1] == trace_id


def test_outgoing_metadata_without_a_caller_or_a_span() -> None:
    metadata = dict(outgoing_metadata(Credentials()))
    assert metadata == {"x-soma-client-type": "unknown", CONTRACT_VERSION_HEADER: CONTRACT_VERSION}


async def test_the_metadata_reaches_the_callee(echo: Served) -> None:
    servicer, call = echo
    await FAST.unary(call, request(), metadata=outgoing_metadata(Credentials("Bearer t", "r-9")), within=5.0)
    assert servicer.metadata["authorization"] == "Bearer t" and servicer.metadata["x-request-id"] == "r-9"


async def test_a_callees_domain_error_is_passed_on_with_its_details(echo: Served) -> None:
    servicer, call = echo
    denied = PermissionDenied("CAPABILITY_MISSING", "needs memory.read", metadata={"capability": "memory.read"})
    servicer.status = to_grpc_status(to_rpc_status(denied, domain="memory", request_id="r-1"))
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=5.0)
    error = domain_error(caught.value, "soma.memory.v1.MemoryService")
    assert isinstance(error, PermissionDenied)
    assert (error.reason, error.message) == ("CAPABILITY_MISSING", "needs memory.read")
    assert error.metadata == {"capability": "memory.read", "requestId": "r-1"}
    assert servicer.calls == 1


async def test_a_callee_that_stays_away_is_unavailable(echo: Served) -> None:
    servicer, call = echo
    servicer.failures = [grpc.StatusCode.UNAVAILABLE] * 3
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await RetryPolicy(max_attempts=2, initial_backoff=0.01).unary(call, request(), metadata=(), within=5.0)
    error = domain_error(caught.value, "soma.memory.v1.MemoryService")
    assert isinstance(error, Unavailable)
    assert (error.reason, error.retry_after) == ("SERVICE_UNAVAILABLE", 1.0)
    assert error.metadata == {"service": "soma.memory.v1.MemoryService"}


async def test_no_active_constitution_is_a_failed_precondition(echo: Served) -> None:
    servicer, call = echo
    servicer.failures = [grpc.StatusCode.NOT_FOUND]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=5.0)
    error = constitution_error(caught.value)
    assert isinstance(error, FailedPrecondition) and error.reason == "CONSTITUTION_NOT_FOUND"
    servicer.failures = [grpc.StatusCode.INTERNAL]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await FAST.unary(call, request(), metadata=(), within=5.0)
    assert isinstance(constitution_error(caught.value), Unavailable)


async def test_a_stream_that_fails_before_its_first_update_is_opened_again() -> None:
    failures = [grpc.StatusCode.UNAVAILABLE] * 2
    opened = 0

    async def updates(
        message: struct_pb2.Struct, context: grpc.aio.ServicerContext[object, object]
    ) -> AsyncIterator[struct_pb2.Struct]:
        nonlocal opened
        opened += 1
        if failures:
            await context.abort(failures.pop(0), "scripted failure")
        for value in ("a", "b"):
            yield request(value)

    server = grpc.aio.server()
    handler = grpc.unary_stream_rpc_method_handler(
        updates,
        request_deserializer=struct_pb2.Struct.FromString,
        response_serializer=struct_pb2.Struct.SerializeToString,
    )
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(SERVICE, {"Watch": handler})])
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            watch = channel.unary_stream(
                f"/{SERVICE}/Watch",
                request_serializer=struct_pb2.Struct.SerializeToString,
                response_deserializer=struct_pb2.Struct.FromString,
            )

            def open_stream(timeout: float | None) -> AsyncIterator[struct_pb2.Struct]:
                return watch(request(), timeout=timeout).__aiter__()

            got = [update["value"] async for update in FAST.stream(open_stream, within=5.0)]
        assert got == ["a", "b"] and opened == 3
    finally:
        await server.stop(None)


def test_the_domains_share_the_one_credentials_type() -> None:
    from somastack.orchestrator import model as orchestrator
    from somastack.policy import model as policy

    assert orchestrator.Credentials is policy.Credentials is Credentials
