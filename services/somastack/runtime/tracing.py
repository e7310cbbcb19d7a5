"""OpenTelemetry for one service process: a tracer provider named after the domain, and the gRPC interceptor."""

from __future__ import annotations

from typing import Any

from opentelemetry import trace
from opentelemetry.instrumentation.grpc import aio_server_interceptor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter


def setup(domain: str, exporter: str) -> Any:
    """Configures tracing and returns the server interceptor that opens a span per RPC.

    `exporter` is `none` (spans are created for context propagation, never exported)
    or `console`.
    """
    provider = TracerProvider(resource=Resource.create({"service.name": f"soma-{domain}"}))
    if exporter == "console":
        provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
    elif exporter != "none":
        raise ValueError(f"unknown SOMA_OTEL_EXPORTER {exporter!r}; use none or console")
    trace.set_tracer_provider(provider)
    return aio_server_interceptor(tracer_provider=provider)  # type: ignore[no-untyped-call]
