"""ContractService, served by every Soma process: which contract version it speaks."""

from __future__ import annotations

from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from soma_proto import CONTRACT_VERSION
from somastack.config import Settings
from somastack.registry import SERVICES
from somastack.runtime.context import ServicerContext


class ContractServicer(contract_service_pb2_grpc.ContractServiceServicer):
    """Answers GetContractInfo from the installed soma-proto and the service registry."""

    def __init__(self, settings: Settings) -> None:
        self._info = contract_service_pb2.GetContractInfoResponse(
            current_version=CONTRACT_VERSION,
            min_supported_version=settings.contract_min_supported_version,
            recommended_version=settings.contract_recommended_version,
            services=[
                contract_service_pb2.ServedService(name=name, api_version=name.split(".")[2], domain=spec.domain)
                for spec in SERVICES
                for name in spec.services
            ],
        )

    async def GetContractInfo(
        self, request: contract_service_pb2.GetContractInfoRequest, context: ServicerContext
    ) -> contract_service_pb2.GetContractInfoResponse:
        return self._info
