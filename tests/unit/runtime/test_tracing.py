"""The trace context a service carries on when no span exporter is configured."""

from __future__ import annotations

import pytest
from opentelemetry.trace import TraceFlags

from somastack.runtime.tracing import TraceContextInterceptor, server_span_context, setup

PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def test_a_call_with_a_trace_continues_it_under_a_new_span_id() -> None:
    context = server_span_context(PARENT, "vendor=1")
    assert f"{context.trace_id:032x}" == "0af7651916cd43dd8448eb211c80319c"
    assert context.span_id not in (0, 0xB7AD6B7169203331)
    assert context.trace_flags.sampled
    assert context.trace_state.get("vendor") == "1"
    assert not context.is_remote


def test_an_unsampled_parent_stays_unsampled() -> None:
    context = server_span_context(PARENT[:-2] + "00", "")
    assert f"{context.trace_id:032x}" == "0af7651916cd43dd8448eb211c80319c"
    assert context.trace_flags == TraceFlags(TraceFlags.DEFAULT)


def test_a_call_without_a_valid_trace_starts_a_sampled_one() -> None:
    for traceparent in ("", "not-a-traceparent", "00-" + "0" * 32 + "-b7ad6b7169203331-01"):
        context = server_span_context(traceparent, "")
        assert context.is_valid
        assert context.trace_flags.sampled
        assert f"{context.trace_id:032x}" != "0af7651916cd43dd8448eb211c80319c"
    assert server_span_context("", "").trace_id != server_span_context("", "").trace_id


def test_without_an_exporter_the_light_interceptor_carries_the_trace() -> None:
    assert isinstance(setup("test", "none"), TraceContextInterceptor)
    assert not isinstance(setup("test", "console"), TraceContextInterceptor)
    with pytest.raises(ValueError, match="unknown SOMA_OTEL_EXPORTER"):
        setup("test", "jaeger")
