"""The request context: who calls, for which tenant, from what client, under which request id.

It lives below the transport: the grpc runtime binds it for each call, and domain and platform code (the event
envelope, use cases) read it without knowing grpc.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

# The header names are defined once, beside the credentials the outbound seam writes them from.
from somastack.platform.credentials import CLIENT_TYPE_HEADER as CLIENT_TYPE_HEADER
from somastack.platform.credentials import CONSTITUTION_HEADER as CONSTITUTION_HEADER
from somastack.platform.credentials import REQUEST_ID_HEADER as REQUEST_ID_HEADER
from somastack.platform.principal import Principal

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
