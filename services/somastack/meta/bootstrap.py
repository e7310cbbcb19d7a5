"""Composition root of meta: ContractService, reflection of the whole mesh, mesh health."""

from __future__ import annotations

from soma.meta.v1 import contract_service_pb2_grpc
from somastack.config import Settings
from somastack.meta.health import MeshHealthServicer
from somastack.registry import ServiceSpec, mesh_services
from somastack.runtime.contract_service import ContractServicer
from somastack.runtime.server import Assembly, Registration


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    health = MeshHealthServicer(settings, spec.services)
    return Assembly(
        registrations=[
            Registration(
                "soma.meta.v1.ContractService",
                ContractServicer(settings),
                contract_service_pb2_grpc.add_ContractServiceServicer_to_server,
            )
        ],
        reflected_services=mesh_services(),
        health_servicer=health,
        closers=[health.close],
    )
