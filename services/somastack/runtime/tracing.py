"""OpenTelemetry for one service process: a tracer provider named after the domain, and the gRPC interceptor.

With an exporter (`console`), every RPC opens a recording server span (`opentelemetry-instrumentation-grpc`).
Without one (`none`, the default) nobody reads spans, so a call only carries the W3C trace context on: the
caller's trace (or a new one) with a span id of its own becomes the current span while the handler runs, so
outgoing calls and the events it writes name the same trace, without building, timing and ending a span per RPC.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.instrumentation.grpc import aio_server_interceptor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from somastack.runtime.wrapping import WrappedHandlers

_PROPAGATOR = TraceContextTextMapPropagator()
_SAMPLED = TraceFlags(TraceFlags.SAMPLED)


def setup(domain: str, exporter: str) -> Any:
    """Configures tracing and returns the server interceptor that carries (and, with an exporter, records) the
    trace of each RPC.

    `exporter` is `none` (the trace context is propagated, spans are never recorded) or `console`.
    """
    provider = TracerProvider(resource=Resource.create({"service.name": f"soma-{domain}"}))
    if exporter == "console":
        provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
    elif exporter != "none":
        raise ValueError(f"unknown SOMA_OTEL_EXPORTER {exporter!r}; use none or console")
    trace.set_tracer_provider(provider)
    if exporter == "none":
        return TraceContextInterceptor()
    return aio_server_interceptor(tracer_provider=provider)  # type: ignore[no-untyped-call]


def server_span_context(traceparent: str, tracestate: str) -> SpanContext:
    """The context of a server span under the caller's W3C trace context: the caller's trace, flags and state
    with a new span id; a new sampled trace when the caller sent none (or one that does not parse), as the SDK's
    default sampler (parent-based, always on) decides."""
    parent: SpanContext | None = None
    if traceparent:
        carrier = {"traceparent": traceparent}
        if tracestate:
            carrier["tracestate"] = tracestate
        parent = trace.get_current_span(_PROPAGATOR.extract(carrier)).get_span_context()
    span_id = random.getrandbits(64)
    while span_id == trace.INVALID_SPAN_ID:
        span_id = random.getrandbits(64)
    if parent is not None and parent.is_valid:
        return SpanContext(parent.trace_id, span_id, False, parent.trace_flags, parent.trace_state)
    trace_id = random.getrandbits(128)
    while trace_id == trace.INVALID_TRACE_ID:
        trace_id = random.getrandbits(128)
    return SpanContext(trace_id, span_id, False, _SAMPLED)


def _trace_headers(context: grpc.aio.ServicerContext[Any, Any]) -> tuple[str, str]:
    traceparent = tracestate = ""
    for key, value in context.invocation_metadata() or ():
        if key == "traceparent" and isinstance(value, str):
            traceparent = value
        elif key == "tracestate" and isinstance(value, str):
            tracestate = value
    return traceparent, tracestate


def _attach(context: grpc.aio.ServicerContext[Any, Any]) -> object:
    span = NonRecordingSpan(server_span_context(*_trace_headers(context)))
    return otel_context.attach(trace.set_span_in_context(span))


Behavior = Callable[[Any, Any], Any]


class TraceContextInterceptor(grpc.aio.ServerInterceptor):
    """Makes the caller's trace context (or a new trace) current while a handler runs; records nothing."""

    def __init__(self) -> None:
        self._wrapped = WrappedHandlers()

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(details)
        if handler is None:
            return None
        return self._wrapped.get(details.method, handler, _wrap)


def _wrap(handler: grpc.RpcMethodHandler[Any, Any]) -> grpc.RpcMethodHandler[Any, Any]:
    serializers: dict[str, Any] = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.unary_unary is not None:
        return grpc.unary_unary_rpc_method_handler(_unary(handler.unary_unary), **serializers)
    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(_server_stream(handler.unary_stream), **serializers)
    if handler.stream_unary is not None:
        return grpc.stream_unary_rpc_method_handler(_unary(handler.stream_unary), **serializers)
    if handler.stream_stream is not None:
        return grpc.stream_stream_rpc_method_handler(_server_stream(handler.stream_stream), **serializers)
    return handler


def _unary(behavior: Behavior) -> Behavior:
    async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        token = _attach(context)
        try:
            return await behavior(request, context)
        finally:
            otel_context.detach(token)  # type: ignore[arg-type]

    return unary


def _server_stream(behavior: Behavior) -> Behavior:
    async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
        token = _attach(context)
        try:
            result = behavior(request, context)
            if hasattr(result, "__aiter__"):
                async for item in result:
                    yield item
            else:  # a handler that writes with context.write() returns an awaitable
                await result
        finally:
            otel_context.detach(token)  # type: ignore[arg-type]

    return stream
