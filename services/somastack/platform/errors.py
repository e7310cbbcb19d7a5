"""Domain errors: what went wrong, in terms a client can act on, with no transport attached.

The runtime maps each error to a gRPC status code with `google.rpc` details
(ErrorInfo always; BadRequest, ResourceInfo, RetryInfo when present). Reasons
are the names of `soma.common.v1.ErrorReason` without the `ERROR_REASON_` prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """The canonical codes of google/rpc/code.proto that domain code may raise."""

    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FAILED_PRECONDITION = "FAILED_PRECONDITION"
    ABORTED = "ABORTED"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED"
    UNAVAILABLE = "UNAVAILABLE"
    INTERNAL = "INTERNAL"


@dataclass(frozen=True)
class FieldViolation:
    """One bad field of a request: its path (proto field names, dotted) and what is wrong."""

    field: str
    description: str


@dataclass(frozen=True)
class ResourceRef:
    """The resource an error is about."""

    type: str
    name: str
    owner: str = ""


class DomainError(Exception):
    """Base of every error a client is meant to see."""

    code: Code = Code.INTERNAL

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        metadata: dict[str, str] | None = None,
        violations: tuple[FieldViolation, ...] = (),
        resource: ResourceRef | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.metadata = metadata or {}
        self.violations = violations
        self.resource = resource
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.reason!r}, {self.message!r})"


class InvalidArgument(DomainError):
    """The request is malformed; `violations` names each bad field."""

    code = Code.INVALID_ARGUMENT

    def __init__(self, *violations: FieldViolation, message: str | None = None) -> None:
        text = message or "; ".join(f"{v.field}: {v.description}" for v in violations) or "invalid request"
        super().__init__("FIELD_INVALID", text, violations=violations)


def invalid(field: str, description: str) -> InvalidArgument:
    """Shorthand for an InvalidArgument about one field."""
    return InvalidArgument(FieldViolation(field, description))


class NotFound(DomainError):
    """The named resource does not exist (or is not visible to the caller's tenant)."""

    code = Code.NOT_FOUND

    def __init__(self, reason: str, resource_type: str, name: str) -> None:
        super().__init__(
            reason,
            f"{resource_type} {name!r} not found",
            metadata={"resource": name},
            resource=ResourceRef(resource_type, name),
        )


class AlreadyExists(DomainError):
    """A resource with that name exists already."""

    code = Code.ALREADY_EXISTS

    def __init__(self, reason: str, resource_type: str, name: str) -> None:
        super().__init__(
            reason,
            f"{resource_type} {name!r} already exists",
            metadata={"resource": name},
            resource=ResourceRef(resource_type, name),
        )


class FailedPrecondition(DomainError):
    """The system is not in a state the call needs; fix the state, then retry."""

    code = Code.FAILED_PRECONDITION


class PermissionDenied(DomainError):
    """The caller is known but may not do this."""

    code = Code.PERMISSION_DENIED


class Unauthenticated(DomainError):
    """The caller's credentials are missing or bad."""

    code = Code.UNAUTHENTICATED


class Aborted(DomainError):
    """A concurrency conflict: re-read, then retry the whole operation."""

    code = Code.ABORTED


class Unavailable(DomainError):
    """Retry this very call, after `retry_after` seconds when given."""

    code = Code.UNAVAILABLE


class ResourceExhausted(DomainError):
    """A per-caller limit is used up (too many attempts); wait `retry_after` seconds, then try again."""

    code = Code.RESOURCE_EXHAUSTED
