"""MeshConstitutionSource against a real gRPC server: the mapping of the answer, errors, and propagated metadata."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest

from soma.constitution.v1 import constitution_pb2, constitution_service_pb2, constitution_service_pb2_grpc
from somastack.platform.errors import FailedPrecondition, Unavailable
from somastack.policy.adapters.mesh_constitution import MeshConstitutionSource
from somastack.policy.model import Credentials, RuleSpec
from somastack.testing import free_ports


class Constitutions(constitution_service_pb2_grpc.ConstitutionServiceServicer):
    """Serves one constitution, or NOT_FOUND before one is set; remembers the metadata it got."""

    def __init__(self) -> None:
        self.active: constitution_pb2.ConstitutionVersion | None = None
        self.metadata: dict[str, str] = {}

    async def GetActive(
        self, request: constitution_service_pb2.GetActiveRequest, context: grpc.aio.ServicerContext[object, object]
    ) -> constitution_service_pb2.GetActiveResponse:
        self.metadata = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
        if self.active is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "constitution 'constitution' not found")
        return constitution_service_pb2.GetActiveResponse(constitution_version=self.active)


@pytest.fixture
async def served() -> AsyncIterator[tuple[Constitutions, grpc.aio.Channel]]:
    servicer = Constitutions()
    server = grpc.aio.server()
    constitution_service_pb2_grpc.add_ConstitutionServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    yield servicer, channel
    await channel.close()
    await server.stop(None)


async def test_maps_the_active_constitution_and_propagates_the_caller(
    served: tuple[Constitutions, grpc.aio.Channel],
) -> None:
    servicer, channel = served
    servicer.active = constitution_pb2.ConstitutionVersion(
        version="2.0",
        checksum="ab" * 32,
        constitution=constitution_pb2.Constitution(
            version="2.0",
            rules=[constitution_pb2.PolicyRule(id="r", expression="true", weight=0.5, reason_code="R")],
            thresholds=constitution_pb2.Thresholds(allow_below=0.2, deny_above=0.8),
        ),
    )
    active = await MeshConstitutionSource(channel).active(Credentials("Bearer t0k", "req-1"))
    assert (active.checksum, active.version, active.allow_below, active.deny_above) == ("ab" * 32, "2.0", 0.2, 0.8)
    assert active.rules == (RuleSpec("r", "true", 0.5, "R"),)
    assert servicer.metadata["authorization"] == "Bearer t0k" and servicer.metadata["x-request-id"] == "req-1"


async def test_no_active_constitution_is_a_failed_precondition(served: tuple[Constitutions, grpc.aio.Channel]) -> None:
    with pytest.raises(FailedPrecondition) as caught:
        await MeshConstitutionSource(served[1]).active(Credentials())
    assert caught.value.reason == "CONSTITUTION_NOT_FOUND"


async def test_an_unreachable_constitution_service_is_unavailable() -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{free_ports(1)[0]}") as channel:
        with pytest.raises(Unavailable) as caught:
            await MeshConstitutionSource(channel, timeout=0.5).active(Credentials())
    assert caught.value.reason == "SERVICE_UNAVAILABLE" and caught.value.retry_after == 1.0
