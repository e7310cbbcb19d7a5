"""The event envelope: CloudEvents attributes, the request id and trace of the call being served, typed payloads."""

import time

from google.protobuf.wrappers_pb2 import Int64Value, StringValue
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.events import new_event, payload_of, stamp
from somastack.runtime.context import RequestContext, bind, unbind


def test_a_new_event_carries_the_cloudevents_attributes_and_its_payload() -> None:
    before = time.time()
    event = new_event(
        type="soma.test.v1.Said",
        source="//test.soma/tenants/acme",
        tenant="acme",
        payload=StringValue(value="hi"),
        subject="tenants/acme/things/1",
    )
    assert len(event.id) == 32 and int(event.id, 16) >= 0
    assert (event.type, event.source, event.tenant, event.subject) == (
        "soma.test.v1.Said",
        "//test.soma/tenants/acme",
        "acme",
        "tenants/acme/things/1",
    )
    assert event.spec_version == "1.0"
    assert abs(event.time.seconds + event.time.nanos / 1e9 - before) < 5
    assert event.data.type_url == "type.googleapis.com/google.protobuf.StringValue"
    assert event.request_id == "" and event.trace_parent == ""  # outside a call and a trace
    assert new_event(type="t", source="s", tenant="acme", payload=StringValue()).id != event.id
    assert Event.FromString(event.SerializeToString()) == event


def _call(request_id: str) -> RequestContext:
    """The context of a call being served, with this request id."""
    return RequestContext(
        request_id=request_id,
        method="/x.v1.S/M",
        principal=None,
        client_type="cli",
        client_contract_version="1.0.0",
        deployment_mode="dev",
    )


def test_the_request_id_of_the_call_being_served_is_recorded() -> None:
    token = bind(_call("req-42"))
    try:
        event = new_event(type="t", source="s", tenant="acme", payload=StringValue())
    finally:
        unbind(token)
    assert event.request_id == "req-42"


def test_the_current_trace_is_recorded_as_a_w3c_traceparent() -> None:
    span = NonRecordingSpan(SpanContext(0x1234, 0x5678, is_remote=False, trace_flags=TraceFlags(TraceFlags.SAMPLED)))
    with trace.use_span(span):
        event = new_event(type="t", source="s", tenant="acme", payload=StringValue())
    assert event.trace_parent == f"00-{0x1234:032x}-{0x5678:016x}-01"


def test_payload_of_unpacks_the_expected_type_and_skips_others() -> None:
    event = new_event(type="t", source="s", tenant="acme", payload=StringValue(value="hi"))
    assert payload_of(event, StringValue) == StringValue(value="hi")
    assert payload_of(event, Int64Value) is None
    assert payload_of(Event(), StringValue) is None


def test_the_events_of_one_write_share_one_stamp_and_keep_their_own_ids() -> None:
    span = NonRecordingSpan(SpanContext(0xAB, 0xCD, is_remote=False, trace_flags=TraceFlags(TraceFlags.SAMPLED)))
    token = bind(_call("req-7"))
    try:
        with trace.use_span(span):
            shared = stamp()
    finally:
        unbind(token)
    time.sleep(0.01)  # later, and outside the call: the events still carry the stamp's time, request and trace
    events = [
        new_event(type="t", source="s", tenant="acme", payload=Int64Value(value=n), shared=shared) for n in range(3)
    ]
    assert len({e.id for e in events}) == 3
    for n, event in enumerate(events):
        assert (event.time, event.request_id, event.spec_version) == (shared.time, "req-7", "1.0")
        assert event.trace_parent == f"00-{0xAB:032x}-{0xCD:016x}-01"
        assert payload_of(event, Int64Value) == Int64Value(value=n)
