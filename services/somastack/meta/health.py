"""Mesh health: `grpc.health.v1.Health` answered for every service of the mesh, not just meta.

Through Envoy, health calls reach meta; for another domain's service meta asks that
domain's own health endpoint, so `grpcurl ... grpc.health.v1.Health/Check` with any
service name tells the truth about that service.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from somastack.config import Settings
from somastack.platform.tls import Dial, aio_channel, mesh_dial
from somastack.registry import SERVICES
from somastack.runtime.context import ServicerContext

_Status = health_pb2.HealthCheckResponse
#: The identity meta presents to the services it asks (their certificates, with mTLS).
META = "meta"


class MeshHealthServicer(health_pb2_grpc.HealthServicer):  # type: ignore[misc]
    """Health of meta itself ("" and its own services) and, by asking them, of every other service."""

    def __init__(self, settings: Settings, own_services: tuple[str, ...], *, timeout: float = 1.0) -> None:
        self._own = frozenset(("", *own_services))
        self._serving = True
        self._timeout = timeout
        self._channels: dict[str, grpc.aio.Channel] = {}
        self._targets: dict[str, Dial] = {
            name: mesh_dial(settings, META, spec.target(settings)) for spec in SERVICES for name in spec.services
        }

    def set_serving(self, serving: bool) -> None:
        self._serving = serving

    async def status_of(self, service: str) -> int | None:
        """The serving status of a service, or None when the mesh has no such service."""
        if service in self._own:
            return int(_Status.SERVING if self._serving else _Status.NOT_SERVING)
        dial = self._targets.get(service)
        if dial is None:
            return None
        channel = self._channels.get(dial.target)
        if channel is None:
            channel = self._channels[dial.target] = aio_channel(dial)
        try:
            reply = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=self._timeout
            )
        except grpc.aio.AioRpcError:
            return int(_Status.NOT_SERVING)
        return int(reply.status)

    async def Check(self, request: Any, context: ServicerContext) -> Any:
        status = await self.status_of(request.service)
        if status is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, f"unknown service {request.service!r}")
        return _Status(status=status)

    async def Watch(self, request: Any, context: ServicerContext) -> AsyncIterator[Any]:
        last: int | None = -1
        while True:
            status = await self.status_of(request.service)
            if status is None:
                status = _Status.SERVICE_UNKNOWN
            if status != last:
                last = status
                yield _Status(status=status)
            await asyncio.sleep(1.0)

    async def close(self) -> None:
        for channel in self._channels.values():
            await channel.close()
