"""Small conversions between protobuf well-known types and plain Python values."""

from __future__ import annotations

from typing import Any

from google.protobuf import duration_pb2, json_format, struct_pb2, timestamp_pb2

from somastack.platform.errors import invalid


def timestamp(seconds: float | None) -> timestamp_pb2.Timestamp | None:
    """A Timestamp from unix seconds; None stays None (the field stays unset)."""
    if seconds is None:
        return None
    whole = int(seconds)
    return timestamp_pb2.Timestamp(seconds=whole, nanos=round((seconds - whole) * 1e9) % 1_000_000_000)


def plain_struct(message: struct_pb2.Struct, field: str) -> dict[str, Any]:
    """A Struct as a dict; INVALID_ARGUMENT on `field` for a number JSON cannot carry (NaN, infinity), which a
    Struct holds on the wire but no JSON document, store or rule can."""
    try:
        return json_format.MessageToDict(message)
    except ValueError as error:
        raise invalid(field, f"numbers must be finite ({error})") from None


def seconds(duration: duration_pb2.Duration) -> float:
    return duration.seconds + duration.nanos / 1e9
