"""The event envelope (`soma.events.v1.Event`, CloudEvents attributes + a typed payload): building and reading it."""

from __future__ import annotations

import uuid
from typing import TypeVar

from google.protobuf.message import Message
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from soma.events.v1.envelope_pb2 import Event
from somastack.runtime.context import current

M = TypeVar("M", bound=Message)

SPEC_VERSION = "1.0"
_PROPAGATOR = TraceContextTextMapPropagator()


def new_event(*, type: str, source: str, tenant: str, payload: Message, subject: str = "") -> Event:
    """A new event: a fresh id, the current time, and the request id and trace of the call being served, if any."""
    event = Event(id=uuid.uuid4().hex, source=source, type=type, subject=subject, tenant=tenant)
    event.spec_version = SPEC_VERSION
    event.time.GetCurrentTime()
    event.data.Pack(payload)
    try:
        event.request_id = current().request_id
    except LookupError:
        pass
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    event.trace_parent = carrier.get("traceparent", "")
    return event


def payload_of(event: Event, message_cls: type[M]) -> M | None:
    """The payload as `message_cls`, or None when it holds another type (consumers skip types they do not know)."""
    if event.data.TypeName() != message_cls.DESCRIPTOR.full_name:
        return None
    message = message_cls()
    event.data.Unpack(message)
    return message
