"""The one way out of a service: outgoing metadata, transient retries and the meaning of a failed call.

Every adapter that calls another service through the mesh builds its metadata with `outgoing_metadata`, sends
its calls through a `RetryPolicy` and turns a failure into a domain error with `domain_error` (or
`constitution_error`). The RPC paths and capabilities stay in the adapters and the contracts.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import grpc
from google.rpc import error_details_pb2, status_pb2
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from soma_proto import CONTRACT_VERSION, CONTRACT_VERSION_HEADER
from somastack.platform.credentials import (
    CLIENT_TYPE_HEADER,
    CONSTITUTION_HEADER,
    REQUEST_ID_HEADER,
    TENANT_HEADER,
    Credentials,
)
from somastack.platform.errors import (
    Aborted,
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    PermissionDenied,
    ResourceRef,
    Unauthenticated,
    Unavailable,
)

__all__ = [
    "CLIENT_TYPE_HEADER",
    "CONSTITUTION_HEADER",
    "NO_RETRY",
    "REQUEST_ID_HEADER",
    "TENANT_HEADER",
    "TRANSIENT",
    "Credentials",
    "Failure",
    "RetryPolicy",
    "constitution_error",
    "domain_error",
    "failure_of",
    "outgoing_metadata",
]

if TYPE_CHECKING:
    from somastack.config import Settings

_VERSION = (CONTRACT_VERSION_HEADER, CONTRACT_VERSION)
_PROPAGATOR = TraceContextTextMapPropagator()

Metadata = tuple[tuple[str, str], ...]


def outgoing_metadata(credentials: Credentials, *extra: tuple[str, str]) -> Metadata:
    """The metadata of one call made for `credentials`: client type, contract version, token, request id,
    tenant, the W3C trace context of the current span, then `extra`."""
    metadata = [(CLIENT_TYPE_HEADER, credentials.client_type or "unknown"), _VERSION]
    if credentials.authorization:
        metadata.append(("authorization", credentials.authorization))
    if credentials.request_id:
        metadata.append((REQUEST_ID_HEADER, credentials.request_id))
    if credentials.tenant:
        metadata.append((TENANT_HEADER, credentials.tenant))
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    if carrier:
        metadata.extend(carrier.items())
    metadata.extend(extra)
    return tuple(metadata)


# -- retries --------------------------------------------------------------------------------------------------------

#: The codes google/rpc/code.proto says a client may retry the very call for (ABORTED means: retry at a higher
#: level; FAILED_PRECONDITION: fix the state first).
TRANSIENT = frozenset({grpc.StatusCode.UNAVAILABLE})

Response = TypeVar("Response")
Response_co = TypeVar("Response_co", covariant=True)
Update = TypeVar("Update")


class UnaryCall(Protocol[Response_co]):
    """A bound unary-unary method of a generated stub."""

    def __call__(self, request: Any, *, metadata: Metadata, timeout: float | None) -> Awaitable[Response_co]: ...


@dataclass(frozen=True)
class RetryPolicy:
    """When and how soon a failed call is sent again: exponential backoff with jitter, inside the call's deadline.

    Only idempotent calls are retried (reads, and writes that carry a request id); the first attempt costs one
    clock read more than a bare call. A pause that would end past the deadline is not taken: the last failure
    is raised instead.
    """

    #: Attempts in all, the first included; 1 turns retries off.
    max_attempts: int = 20
    #: The pause before the first retry; each further pause is `multiplier` times longer, up to `max_backoff`.
    initial_backoff: float = 0.05
    max_backoff: float = 1.0
    multiplier: float = 2.0
    #: Each pause is drawn from +/- this fraction around its nominal length, so restarted callees are not hit
    #: by every caller at once.
    jitter: float = 0.2
    codes: frozenset[grpc.StatusCode] = TRANSIENT

    @classmethod
    def of(cls, settings: Settings) -> RetryPolicy:
        """The policy `SOMA_MESH_RETRY_*` configure for service-to-service calls."""
        return cls(
            max_attempts=settings.mesh_retry_attempts,
            initial_backoff=settings.mesh_retry_backoff_seconds,
            max_backoff=settings.mesh_retry_max_backoff_seconds,
        )

    def pause(self, retry: int) -> float:
        """The pause before retry number `retry` (0 for the first retry)."""
        nominal = min(self.max_backoff, self.initial_backoff * self.multiplier**retry)
        return nominal * random.uniform(1.0 - self.jitter, 1.0 + self.jitter)

    def next_pause(self, error: grpc.aio.AioRpcError, retry: int, deadline: float | None) -> float | None:
        """The pause before sending the call again after `error`, or None when it must not be retried."""
        if retry + 1 >= self.max_attempts:
            return None
        pause = self.pause(retry) if error.code() in self.codes else self.rate_limited_pause(error)
        if pause is None:
            return None
        if deadline is not None and time.monotonic() + pause >= deadline:
            return None
        return pause

    def rate_limited_pause(self, error: grpc.aio.AioRpcError) -> float | None:
        """After a refusal by a rate limit (RESOURCE_EXHAUSTED with RetryInfo: the callee did no work), the delay it
        named, stretched by up to `jitter` and never shortened, so a session rides out a short throttle of its
        tenant instead of failing; None for any other failure."""
        if error.code() is not grpc.StatusCode.RESOURCE_EXHAUSTED:
            return None
        delay = failure_of(error).retry_after
        if delay is None:
            return None
        return delay * random.uniform(1.0, 1.0 + self.jitter)

    async def unary(
        self,
        method: UnaryCall[Response],
        request: Any,
        *,
        metadata: Metadata,
        within: float | None,
        idempotent: bool = True,
        attempt_timeout: float | None = None,
    ) -> Response:
        """Sends `request` through `method`; transient failures of an idempotent call are retried.

        `within` seconds bound the whole call, retries included (None: only `max_attempts` does);
        `attempt_timeout`, when given, bounds each attempt. Raises the last `grpc.aio.AioRpcError`.
        """
        if not idempotent or self.max_attempts <= 1:
            return await method(request, metadata=metadata, timeout=_least(within, attempt_timeout))
        deadline = None if within is None else time.monotonic() + within
        limit = _least(within, attempt_timeout)
        retry = 0
        while True:
            try:
                return await method(request, metadata=metadata, timeout=limit)
            except grpc.aio.AioRpcError as error:
                pause = self.next_pause(error, retry, deadline)
                if pause is None:
                    raise
            await asyncio.sleep(pause)
            retry += 1
            if deadline is not None:
                limit = _least(deadline - time.monotonic(), attempt_timeout)

    async def stream(
        self,
        open_stream: Callable[[float | None], AsyncIterable[Update]],
        *,
        within: float | None,
    ) -> AsyncIterator[Update]:
        """The updates of a server stream, re-opened after a transient failure that came before any update.

        `open_stream(timeout)` starts the call with the time left of `within` seconds. A stream that failed
        after it delivered something is not re-opened (the caller decides how to resume).
        """
        deadline = None if within is None else time.monotonic() + within
        limit = within
        retry = 0
        while True:
            delivered = False
            try:
                async for update in open_stream(limit):
                    delivered = True
                    yield update
                return
            except grpc.aio.AioRpcError as error:
                pause = None if delivered else self.next_pause(error, retry, deadline)
                if pause is None:
                    raise
            await asyncio.sleep(pause)
            retry += 1
            if deadline is not None:
                limit = deadline - time.monotonic()


def _least(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


NO_RETRY = RetryPolicy(max_attempts=1)


# -- failures -------------------------------------------------------------------------------------------------------

_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True)
class Failure:
    """A failed call as the callee described it: code, message and the `google.rpc` details it attached."""

    code: grpc.StatusCode
    message: str
    reason: str = ""
    metadata: tuple[tuple[str, str], ...] = ()
    violations: tuple[FieldViolation, ...] = ()
    resource: ResourceRef | None = None
    retry_after: float | None = None


def failure_of(error: grpc.aio.AioRpcError) -> Failure:
    """Reads the code, message and `google.rpc` details (ErrorInfo, BadRequest, ResourceInfo, RetryInfo)."""
    status: status_pb2.Status | None = None
    for key, value in error.trailing_metadata() or ():
        if key == _DETAILS_KEY and isinstance(value, bytes):
            status = status_pb2.Status.FromString(value)
    if status is None:
        return Failure(error.code(), error.details() or "")
    reason = ""
    metadata: tuple[tuple[str, str], ...] = ()
    violations: list[FieldViolation] = []
    resource: ResourceRef | None = None
    retry_after: float | None = None
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason, metadata = info.reason, tuple(sorted(info.metadata.items()))
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            violations.extend(FieldViolation(v.field, v.description) for v in bad.field_violations)
        elif detail.Is(error_details_pb2.ResourceInfo.DESCRIPTOR):
            info_r = error_details_pb2.ResourceInfo()
            detail.Unpack(info_r)
            resource = ResourceRef(info_r.resource_type, info_r.resource_name, info_r.owner)
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            detail.Unpack(retry)
            retry_after = retry.retry_delay.seconds + retry.retry_delay.nanos / 1e9
    return Failure(
        error.code(), error.details() or status.message, reason, metadata, tuple(violations), resource, retry_after
    )


#: Callee codes passed on to the caller's client as they are: they are about the request or its caller.
_PASSED_ON: dict[grpc.StatusCode, type[DomainError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.ABORTED: Aborted,
}


def domain_error(error: grpc.aio.AioRpcError, service: str) -> DomainError:
    """The domain error a failed call to `service` means for the caller.

    Errors about the request or the caller (invalid argument, permission, precondition, conflict) are passed on
    with the callee's reason, metadata and details. Anything else, a callee that is away, timed out or failed
    inside, is Unavailable (SERVICE_UNAVAILABLE): retry the call later.
    """
    failure = failure_of(error)
    kind = _PASSED_ON.get(failure.code)
    if kind is None:
        return Unavailable(
            "SERVICE_UNAVAILABLE",
            f"{service} did not answer ({failure.code.name})",
            metadata={"service": service},
            retry_after=failure.retry_after if failure.retry_after is not None else 1.0,
        )
    passed = kind.__new__(kind)
    DomainError.__init__(
        passed,
        failure.reason or failure.code.name,
        failure.message,
        metadata=dict(failure.metadata),
        violations=failure.violations,
        resource=failure.resource,
        retry_after=failure.retry_after,
    )
    return passed


CONSTITUTION_SERVICE = "soma.constitution.v1.ConstitutionService"


def constitution_error(error: grpc.aio.AioRpcError) -> DomainError:
    """What a failed call to the constitution service means: NOT_FOUND is no active constitution, which the
    caller cannot act without (FAILED_PRECONDITION, CONSTITUTION_NOT_FOUND); anything else as `domain_error`."""
    if error.code() == grpc.StatusCode.NOT_FOUND:
        return FailedPrecondition(
            "CONSTITUTION_NOT_FOUND", "no constitution is active: load one before sessions or evaluations"
        )
    return domain_error(error, CONSTITUTION_SERVICE)
