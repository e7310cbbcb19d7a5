"""The event envelope (`soma.events.v1.Event`, CloudEvents attributes + a typed payload): building and reading it."""

from __future__ import annotations

import uuid
from typing import TypeVar

from google.protobuf.message import Message
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.context import current

M = TypeVar("M", bound=Message)

SPEC_VERSION = "1.0"
_PROPAGATOR = TraceContextTextMapPropagator()


def stamp() -> Event:
    """What the events of one write share: the current time, and the request id and trace of the call being served,
    if any (an Event holding only those). Pass it to `new_event` to build several events without asking again."""
    shared = Event(spec_version=SPEC_VERSION)
    shared.time.GetCurrentTime()
    try:
        shared.request_id = current().request_id
    except LookupError:
        pass
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    shared.trace_parent = carrier.get("traceparent", "")
    return shared


def new_event(
    *, type: str, source: str, tenant: str, payload: Message, subject: str = "", shared: Event | None = None
) -> Event:
    """A new event: a fresh id, and the time, request id and trace of `shared` (default: a new `stamp()`)."""
    event = Event(id=uuid.uuid4().hex, source=source, type=type, subject=subject, tenant=tenant)
    event.MergeFrom(shared if shared is not None else stamp())
    event.data.Pack(payload)
    return event


def payload_of(event: Event, message_cls: type[M]) -> M | None:
    """The payload as `message_cls`, or None when it holds another type (consumers skip types they do not know)."""
    if event.data.TypeName() != message_cls.DESCRIPTOR.full_name:
        return None
    message = message_cls()
    event.data.Unpack(message)
    return message
