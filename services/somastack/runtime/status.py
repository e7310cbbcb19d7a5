"""The one place that turns a domain error into a gRPC status with `google.rpc` details."""

from __future__ import annotations

import math

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from somastack.platform.errors import DomainError

#: The longest text a status carries in its message and in each detail's field; longer ones are cut, marked.
MAX_TEXT = 1024
#: Field violations a status lists; the rest are counted in the last one.
MAX_VIOLATIONS = 20


def bounded(text: str, limit: int = MAX_TEXT) -> str:
    """`text`, or its first `limit` characters and how much was left out: an error quotes what a caller sent, and
    an unbounded quote makes the status trailer too large for Envoy (the caller sees UNAVAILABLE instead)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


def to_rpc_status(error: DomainError, *, domain: str, request_id: str) -> status_pb2.Status:
    """The `google.rpc.Status` of an error: ErrorInfo always, then BadRequest, ResourceInfo, RetryInfo. Every text
    in it is bounded (`bounded`), whatever the error quotes."""
    metadata = {bounded(key, 64): bounded(value, 256) for key, value in error.metadata.items()}
    if request_id:
        metadata.setdefault("requestId", bounded(request_id, 256))
    details = [error_details_pb2.ErrorInfo(reason=error.reason, domain=domain, metadata=metadata)]
    if error.violations:
        violations = [
            error_details_pb2.BadRequest.FieldViolation(field=bounded(v.field, 256), description=bounded(v.description))
            for v in error.violations[:MAX_VIOLATIONS]
        ]
        if len(error.violations) > MAX_VIOLATIONS:
            more = len(error.violations) - MAX_VIOLATIONS
            violations.append(error_details_pb2.BadRequest.FieldViolation(description=f"and {more} more"))
        details.append(error_details_pb2.BadRequest(field_violations=violations))
    if error.resource is not None:
        details.append(
            error_details_pb2.ResourceInfo(
                resource_type=error.resource.type,
                resource_name=bounded(error.resource.name, 256),
                owner=bounded(error.resource.owner, 256),
                description=bounded(error.message),
            )
        )
    if error.retry_after is not None:
        details.append(error_details_pb2.RetryInfo(retry_delay=_duration(error.retry_after)))
    packed = []
    for detail in details:
        holder = any_pb2.Any()
        holder.Pack(detail)
        packed.append(holder)
    status: status_pb2.Status = status_pb2.Status(
        code=code_pb2.Code.Value(error.code.value), message=bounded(error.message), details=packed
    )
    return status


def _duration(seconds: float) -> duration_pb2.Duration:
    """`seconds` as a Duration, to the millisecond, rounded up: a client that waits exactly that long is not early
    (a rate limit's delay is a fraction of a second)."""
    millis = max(0, math.ceil(seconds * 1000))
    return duration_pb2.Duration(seconds=millis // 1000, nanos=(millis % 1000) * 1_000_000)


def to_grpc_status(status: status_pb2.Status) -> grpc.Status:
    """The grpc form (code, message, `grpc-status-details-bin` trailer) of a `google.rpc.Status`."""
    result: grpc.Status = rpc_status.to_status(status)
    return result


def error_reason(status: status_pb2.Status) -> str | None:
    """The ErrorInfo reason inside a status, if any (for clients and tests)."""
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return str(info.reason)
    return None
