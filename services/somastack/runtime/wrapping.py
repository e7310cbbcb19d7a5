"""Interceptors wrap each method's handler once: grpc hands out the same handler object for a method on every call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import grpc

#: grpc's stubs make the handler generic; the class itself is not subscriptable at run time.
Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"


class WrappedHandlers:
    """The wrapped handler of each method, made on its first call and reused while grpc's handler is the same."""

    def __init__(self) -> None:
        self._wrapped: dict[str, tuple[Handler, Handler]] = {}

    def get(self, method: str, handler: Handler, wrap: Callable[[Handler], Handler]) -> Handler:
        cached = self._wrapped.get(method)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = wrap(handler)
        self._wrapped[method] = (handler, wrapped)
        return wrapped
