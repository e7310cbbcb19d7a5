"""The request context: who calls, for which tenant, from what client, under which request id.

It lives below the transport: the grpc runtime binds it for each call, and domain and platform code (the event
envelope, use cases) read it without knowing grpc.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

from somastack.platform.principal import Principal

REQUEST_ID_HEADER = "x-request-id"
CLIENT_TYPE_HEADER = "x-soma-client-type"
#: The checksum of the constitution the caller acts under; services that enforce it compare it with the active one.
CONSTITUTION_HEADER = "x-soma-constitution"
CLIENT_TYPES = frozenset({"ui", "cli", "ide", "sdk", "service", "desktop", "unknown"})


@dataclass(frozen=True)
class RequestContext:
    """Set by the runtime for the duration of one call; read by servicers."""

    request_id: str
    method: str
    principal: Principal | None
    client_type: str
    client_contract_version: str
    deployment_mode: str
    #: The constitution checksum the request claims to act under ('' when not sent).
    constitution_checksum: str = ""

    @property
    def subject(self) -> str:
        return self.principal.subject if self.principal else "anonymous"


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar("soma_request_context")


def current() -> RequestContext:
    """The context of the call being served. Raises LookupError outside a call."""
    return _current.get()


def bind(ctx: RequestContext) -> contextvars.Token[RequestContext]:
    return _current.set(ctx)


def unbind(token: contextvars.Token[RequestContext]) -> None:
    _current.reset(token)
