"""Request bodies that are not a message of the method's type: answered INVALID_ARGUMENT, not UNKNOWN.

grpc runs a method's request deserializer before any handler or interceptor code sees the call, and a deserializer
that raises (a truncated or corrupt body, a string field with invalid UTF-8, nesting beyond protobuf's limit) ends
the call with UNKNOWN ("Unexpected DecodeError"), which Envoy's transcoder turns into HTTP 500. The runtime
therefore wraps each deserializer (`tolerant`): what cannot be decoded arrives as an `Undecodable`, which the
interceptor refuses with INVALID_ARGUMENT once the caller is authenticated.

A body over `MAX_MESSAGE_BYTES` (platform/limits.py) is refused the same way without being parsed, as Google's APIs
answer an oversized payload: INVALID_ARGUMENT says it can never succeed, where gRPC's own RESOURCE_EXHAUSTED (HTTP
429 through Envoy) invites a retry. gRPC's receive limit (`HARD_MESSAGE_BYTES`) sits above it, so every body up to
that limit gets this typed answer, whether it came as gRPC or as REST JSON transcoded by Envoy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from somastack.platform.errors import FieldViolation, InvalidArgument
from somastack.platform.limits import MAX_MESSAGE_BYTES

#: The field a violation of the whole body names.
BODY = "request"


class Undecodable:
    """A request body that is not a valid message; `empty` is the method's empty request, for the audit record."""

    __slots__ = ("empty", "why")

    def __init__(self, empty: Any, why: str) -> None:
        self.empty = empty
        self.why = why

    def error(self) -> InvalidArgument:
        kind = type(self.empty).DESCRIPTOR.full_name
        return InvalidArgument(FieldViolation(BODY, f"is not a valid {kind}: {self.why or 'undecodable bytes'}"))


def tolerant(deserialize: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """`deserialize`, returning an `Undecodable` where it would raise."""
    if deserialize is None:
        return None
    empty = deserialize(b"")

    def decode(data: bytes) -> Any:
        if len(data) > MAX_MESSAGE_BYTES:
            return Undecodable(empty, f"{len(data):,} bytes, over the limit of {MAX_MESSAGE_BYTES:,}")
        try:
            return deserialize(data)
        except Exception as error:  # untrusted bytes: whatever the parser refuses, the body is not a message
            return Undecodable(empty, str(error))

    return decode
