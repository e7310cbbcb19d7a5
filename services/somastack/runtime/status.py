"""The one place that turns a domain error into a gRPC status with `google.rpc` details."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from somastack.platform.errors import DomainError


def to_rpc_status(error: DomainError, *, domain: str, request_id: str) -> status_pb2.Status:
    """The `google.rpc.Status` of an error: ErrorInfo always, then BadRequest, ResourceInfo, RetryInfo."""
    metadata = dict(error.metadata)
    if request_id:
        metadata.setdefault("requestId", request_id)
    details = [error_details_pb2.ErrorInfo(reason=error.reason, domain=domain, metadata=metadata)]
    if error.violations:
        details.append(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
                    for v in error.violations
                ]
            )
        )
    if error.resource is not None:
        details.append(
            error_details_pb2.ResourceInfo(
                resource_type=error.resource.type,
                resource_name=error.resource.name,
                owner=error.resource.owner,
                description=error.message,
            )
        )
    if error.retry_after is not None:
        details.append(error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=int(error.retry_after))))
    packed = []
    for detail in details:
        holder = any_pb2.Any()
        holder.Pack(detail)
        packed.append(holder)
    status: status_pb2.Status = status_pb2.Status(
        code=code_pb2.Code.Value(error.code.value), message=error.message, details=packed
    )
    return status


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
