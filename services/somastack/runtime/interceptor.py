"""The Soma interceptor: request context, authentication, authorization, validation, errors, metrics.

Tracing (OpenTelemetry) runs first as its own interceptor; everything else is this
one wrapper around each handler, so a call pays one extra frame, not six. The
stages run in the order DESIGN.md gives:

    context -> authentication -> rate limits -> authorization -> validation -> handler
            -> error mapping -> metrics -> audit

The audit stage records every call to a mutating RPC, refused ones included (runtime.audit).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any, NoReturn

import grpc
from google.protobuf.message import Message

from soma_proto import CONTRACT_VERSION_HEADER, parse_version
from somastack.platform.audit import notes
from somastack.platform.errors import (
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    PermissionDenied,
    Unauthenticated,
)
from somastack.platform.limits import MAX_STREAMS_PER_CALLER
from somastack.platform.names import ANY_TENANT, tenant_of
from somastack.platform.principal import Principal
from somastack.runtime import context as request_context
from somastack.runtime.audit import AuditTrail
from somastack.runtime.auth import TokenVerifier
from somastack.runtime.context import (
    CLIENT_TYPE_HEADER,
    CLIENT_TYPES,
    CONSTITUTION_HEADER,
    REQUEST_ID_HEADER,
    RequestContext,
    ServicerContext,
)
from somastack.runtime.contract import MethodContract
from somastack.runtime.decoding import Undecodable, tolerant
from somastack.runtime.deprecation import DeprecatedCalls
from somastack.runtime.metrics import RpcMetrics
from somastack.runtime.ratelimit import CLIENT_ADDRESS_HEADER, RateLimiter
from somastack.runtime.status import to_grpc_status, to_rpc_status
from somastack.runtime.streams import StreamQuota
from somastack.runtime.wrapping import WrappedHandlers

_log = logging.getLogger(__name__)

CONTRACT_WARNING_HEADER = "x-soma-contract-warning"
_META_SERVICE = "soma.meta.v1.ContractService"


@lru_cache(maxsize=64)
def _version(value: str) -> tuple[int, int, int] | None:
    try:
        return parse_version(value)
    except ValueError:
        return None


class SomaInterceptor(grpc.aio.ServerInterceptor):
    """Enforces each RPC's contract and maps its outcome, for one service process."""

    def __init__(
        self,
        *,
        domain: str,
        contracts: dict[str, MethodContract],
        verifier: TokenVerifier,
        metrics: RpcMetrics,
        deployment_mode: str,
        min_supported_version: str,
        recommended_version: str,
        transient: Callable[[Exception], DomainError | None] | None = None,
        audit: AuditTrail | None = None,
        streams: StreamQuota | None = None,
        rates: RateLimiter | None = None,
    ) -> None:
        """`transient` turns an infrastructure failure a retry can cure (a database that went away) into its
        DomainError (UNAVAILABLE with RetryInfo); anything else a handler raises unexpectedly is INTERNAL. `audit`
        records the calls to the mutating RPCs (None: nothing is recorded); `streams` bounds each caller's open
        server streams (default: `MAX_STREAMS_PER_CALLER`); `rates` charges each call to its caller's, tenant's or
        address's request rate once it is authenticated (None: no rate limits)."""
        self._domain = domain
        self._streams = streams or StreamQuota(MAX_STREAMS_PER_CALLER)
        self._rates = rates if rates is not None and rates.enabled else None
        self._audit = audit
        self._transient = transient
        self._error_domain = f"{domain}.somastack.dev"
        self._contracts = contracts
        self._verifier = verifier
        self._metrics = metrics
        self._mode = deployment_mode
        self._min_version = parse_version(min_supported_version)
        self._min_version_text = min_supported_version
        self._recommended = parse_version(recommended_version)
        self._recommended_text = recommended_version
        self._deprecated = DeprecatedCalls(metrics.deprecated_calls, domain)
        self._wrapped = WrappedHandlers()

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(details)
        contract = self._contracts.get(details.method)
        if handler is None or contract is None:
            # Health, reflection and unknown methods: grpc answers those itself.
            return handler
        return self._wrapped.get(details.method, handler, lambda h: self._wrap(contract, h))

    def _wrap(
        self, contract: MethodContract, handler: grpc.RpcMethodHandler[Any, Any]
    ) -> grpc.RpcMethodHandler[Any, Any]:
        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(contract, handler.unary_unary),  # type: ignore[arg-type]
                request_deserializer=tolerant(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap_server_stream(contract, handler.unary_stream),  # type: ignore[arg-type]
                request_deserializer=tolerant(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        raise NotImplementedError(f"{contract.full_method}: client-streaming RPCs are not supported by the runtime yet")

    # -- stages -------------------------------------------------------------------------------

    def _call_context(self, contract: MethodContract, context: ServicerContext) -> tuple[RequestContext, str]:
        """The request context from the call's metadata (no principal yet), and its authorization header."""
        request_id = ""
        authorization = ""
        client_type = "unknown"
        client_version = ""
        constitution = ""
        for key, raw in context.invocation_metadata() or ():
            # Only binary ("-bin") keys carry bytes, and none of ours is binary.
            value = raw if isinstance(raw, str) else ""
            if key == "authorization":
                authorization = value
            elif key == REQUEST_ID_HEADER:
                request_id = value
            elif key == CLIENT_TYPE_HEADER:
                client_type = value if value in CLIENT_TYPES else "unknown"
            elif key == CONTRACT_VERSION_HEADER:
                client_version = value
            elif key == CONSTITUTION_HEADER:
                constitution = value
        ctx = RequestContext(
            request_id=request_id or uuid.uuid4().hex,
            method=contract.full_method,
            principal=None,
            client_type=client_type,
            client_contract_version=client_version,
            deployment_mode=self._mode,
            constitution_checksum=constitution,
        )
        return ctx, authorization

    async def _authenticate(
        self, contract: MethodContract, context: ServicerContext, ctx: RequestContext, authorization: str
    ) -> Principal | None:
        """Version negotiation, then the principal of the call's token (None for a public RPC called without one)."""
        if contract.deprecated:
            self._deprecated.record(contract.rpc, ctx.client_type, ctx.client_contract_version)
        if ctx.client_contract_version and contract.service != _META_SERVICE:
            warning = self._negotiate(ctx.client_contract_version)
            if warning:
                # A header, not a trailer: Envoy passes headers on to REST clients, and they come first.
                await context.send_initial_metadata(((CONTRACT_WARNING_HEADER, warning),))
        if authorization:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token:
                raise Unauthenticated("TOKEN_INVALID", "the authorization header must be `Bearer <token>`")
            return await self._verifier.verify(token.strip())
        if not contract.public:
            raise Unauthenticated("TOKEN_MISSING", f"{contract.method} needs a bearer token")
        return None

    async def _limit(self, contract: MethodContract, context: ServicerContext, principal: Principal | None) -> None:
        """Charges the call to its request-rate budgets (runtime.ratelimit), before any work is done for it."""
        if self._rates is not None:
            address = _client_address(context) if principal is None else ""
            await self._rates.admit(contract.service, contract.method, principal, address)

    def _admit(
        self, contract: MethodContract, request: Message, ctx: RequestContext, principal: Principal | None
    ) -> None:
        """Authorization and validation; binds the context for the handler."""
        if not contract.public:
            assert principal is not None
            if not principal.can(contract.capability):
                raise PermissionDenied(
                    "CAPABILITY_MISSING",
                    f"{contract.method} needs the capability {contract.capability!r}, which the token lacks",
                    metadata={"capability": contract.capability},
                )
            if principal.tenant != ANY_TENANT:
                for path, value in contract.tenants_addressed(request):
                    tenant = tenant_of(value)
                    if tenant is not None and tenant != principal.tenant:
                        raise PermissionDenied(
                            "TENANT_MISMATCH",
                            f"the token belongs to tenant {principal.tenant!r}; {path} addresses {value!r}",
                            metadata={"field": path},
                        )

        violations = contract.required.violations(request)
        if violations:
            raise InvalidArgument(*violations)
        request_context.bind(replace(ctx, principal=principal) if principal is not None else ctx)

    def _negotiate(self, client_version: str) -> str:
        """Refuses a client older than the minimum supported version; the warning for one below the recommended."""
        version = _version(client_version)
        if version is None:
            return ""
        if version < self._min_version:
            raise FailedPrecondition(
                "CONTRACT_VERSION_UNSUPPORTED",
                f"contract version {client_version} is no longer supported; upgrade the client to "
                f"{self._recommended_text} (at least {self._min_version_text})",
                metadata={"minSupportedVersion": self._min_version_text, "recommendedVersion": self._recommended_text},
            )
        if version < self._recommended:
            return f"contract {client_version} is outdated; {self._recommended_text} is recommended"
        return ""

    async def _fail(self, context: ServicerContext, error: DomainError, request_id: str) -> None:
        status = to_grpc_status(to_rpc_status(error, domain=self._error_domain, request_id=request_id))
        trailers = (*status.trailing_metadata, ("x-request-id", request_id), *_retry_after(error))
        await context.abort(status.code, status.details, trailing_metadata=trailers)

    def _internal(self, contract: MethodContract, request_id: str) -> DomainError:
        _log.exception("unhandled error in %s (request %s)", contract.full_method, request_id)
        return DomainError("INTERNAL", f"internal error; quote request id {request_id}")

    # -- wrappers -----------------------------------------------------------------------------

    def _classify(self, error: BaseException, contract: MethodContract, ctx: RequestContext) -> BaseException:
        """A transient infrastructure failure as the DomainError it maps to; any other error as it is."""
        if self._transient is None or isinstance(error, DomainError) or not isinstance(error, Exception):
            return error
        mapped = self._transient(error)
        if mapped is None:
            return error
        _log.warning("%s in %s (request %s): %r", mapped.message, contract.full_method, ctx.request_id, error)
        return mapped

    async def _settle(
        self, error: BaseException, contract: MethodContract, context: ServicerContext, ctx: RequestContext
    ) -> NoReturn:
        """Turns what a call raised into its status: domain errors mapped, anything unexpected INTERNAL."""
        if isinstance(error, DomainError):
            await self._fail(context, error, ctx.request_id)
        if isinstance(error, Exception) and not isinstance(error, grpc.aio.AbortError):
            await self._fail(context, self._internal(contract, ctx.request_id), ctx.request_id)
        # An abort already carries its status; cancellation and exits must propagate untouched.
        raise error

    def _wrap_unary(
        self, contract: MethodContract, behavior: Callable[[Any, ServicerContext], Awaitable[Any]]
    ) -> Callable[[Any, ServicerContext], Awaitable[Any]]:
        observe = self._metrics.observe
        audit = self._audit if contract.mutating else None

        async def unary(request: Any, context: ServicerContext) -> Any:
            started = time.perf_counter()
            outcome = _OK
            ctx, authorization = self._call_context(contract, context)
            principal: Principal | None = None
            note = notes.open_note() if audit is not None else None
            undecodable, request = _decoded(request)
            try:
                principal = await self._authenticate(contract, context, ctx, authorization)
                await self._limit(contract, context, principal)
                if undecodable is not None:
                    raise undecodable.error()
                self._admit(contract, request, ctx, principal)
                return await behavior(request, context)
            except BaseException as raised:
                error = self._classify(raised, contract, ctx)
                outcome = _outcome_of(error, context)
                await self._settle(error, contract, context, ctx)
            finally:
                observe(contract.service, contract.method, outcome[0], time.perf_counter() - started)
                if audit is not None:
                    audit.record(contract, request, ctx, principal, outcome, note)

        return unary

    def _wrap_server_stream(
        self,
        contract: MethodContract,
        behavior: Callable[[Any, ServicerContext], AsyncIterator[Any]],
    ) -> Callable[[Any, ServicerContext], AsyncIterator[Any]]:
        observe = self._metrics.observe
        audit = self._audit if contract.mutating else None

        async def stream(request: Any, context: ServicerContext) -> AsyncIterator[Any]:
            started = time.perf_counter()
            outcome = _OK
            ctx, authorization = self._call_context(contract, context)
            principal: Principal | None = None
            note = notes.open_note() if audit is not None else None
            undecodable, request = _decoded(request)
            holder: str | None = None
            try:
                principal = await self._authenticate(contract, context, ctx, authorization)
                await self._limit(contract, context, principal)
                if undecodable is not None:
                    raise undecodable.error()
                self._admit(contract, request, ctx, principal)
                caller = (principal.actor or principal.subject) if principal is not None else "anonymous"
                self._streams.open(caller)
                holder = caller
                async for item in behavior(request, context):
                    yield item
            except BaseException as raised:
                error = self._classify(raised, contract, ctx)
                outcome = _outcome_of(error, context)
                await self._settle(error, contract, context, ctx)
            finally:
                if holder is not None:
                    self._streams.close(holder)
                observe(contract.service, contract.method, outcome[0], time.perf_counter() - started)
                if audit is not None:
                    audit.record(contract, request, ctx, principal, outcome, note)

        return stream


_OK = ("OK", "")


def _retry_after(error: DomainError) -> tuple[tuple[str, str], ...]:
    """HTTP's `retry-after` (whole seconds, rounded up) beside RetryInfo: a REST client reads it without parsing the
    body (an error status has no message, so Envoy passes the trailer on as a response header)."""
    if error.retry_after is None:
        return ()
    return (("retry-after", str(max(1, math.ceil(error.retry_after)))),)


def _client_address(context: ServicerContext) -> str:
    """The address the client connected from: Envoy's `x-soma-client-address`, else the peer of a direct call."""
    for key, value in context.invocation_metadata() or ():
        if key == CLIENT_ADDRESS_HEADER and isinstance(value, str) and value:
            return value
    # "ipv4:127.0.0.1:52345", "ipv6:[::1]:52345": the host without the port, which changes with each connection.
    peer = context.peer() or "unknown"
    return peer.partition(":")[2].rpartition(":")[0] or peer


def _decoded(request: Any) -> tuple[Undecodable | None, Any]:
    """What the tolerant deserializer made of the body: (None, the request), or (why not, the empty request)."""
    if isinstance(request, Undecodable):
        return request, request.empty
    return None, request


def _outcome_of(error: BaseException, context: ServicerContext) -> tuple[str, str]:
    """The status code name a call ends with (for metrics and the audit trail) and its ErrorInfo reason, if known."""
    if isinstance(error, DomainError):
        return error.code.value, error.reason
    if isinstance(error, grpc.aio.AbortError):
        code = context.code()
        return (code.name if isinstance(code, grpc.StatusCode) else "UNKNOWN"), ""
    if isinstance(error, asyncio.CancelledError):
        return "CANCELLED", ""
    return "INTERNAL", "INTERNAL"
