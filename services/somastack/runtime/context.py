"""The request context as servicers see it: the grpc servicer context type, and the transport-free request
context of `somastack.platform.context` (re-exported here for the runtime and the servicers)."""

from __future__ import annotations

from typing import Any, TypeAlias

import grpc

from somastack.platform.context import (
    CLIENT_TYPE_HEADER,
    CLIENT_TYPES,
    CONSTITUTION_HEADER,
    REQUEST_ID_HEADER,
    RequestContext,
    bind,
    current,
    unbind,
)

#: The servicer context every Soma servicer method receives.
ServicerContext: TypeAlias = grpc.aio.ServicerContext[Any, Any]

__all__ = [
    "CLIENT_TYPES",
    "CLIENT_TYPE_HEADER",
    "CONSTITUTION_HEADER",
    "REQUEST_ID_HEADER",
    "RequestContext",
    "ServicerContext",
    "bind",
    "current",
    "unbind",
]
