"""Client helper of soma-proto: the contract version, the descriptor set, and a compatibility check.

Hand-written; everything else in this distribution is generated from contracts/.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import grpc

from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from soma_proto._version import CONTRACT_VERSION

__all__ = [
    "CONTRACT_VERSION",
    "CONTRACT_VERSION_HEADER",
    "DESCRIPTOR_SET_PATH",
    "Compatibility",
    "ContractVersionError",
    "check_compatibility",
    "check_compatibility_async",
    "descriptor_set_bytes",
    "parse_version",
    "version_metadata",
]

_log = logging.getLogger(__name__)

#: The metadata key that carries the client's contract version on every call.
CONTRACT_VERSION_HEADER = "x-soma-contract-version"

#: The FileDescriptorSet of every Soma contract, imports and source info included.
DESCRIPTOR_SET_PATH: Path = Path(str(resources.files(__name__).joinpath("soma.binpb")))


def descriptor_set_bytes() -> bytes:
    """Returns the serialized FileDescriptorSet shipped in this package."""
    return DESCRIPTOR_SET_PATH.read_bytes()


def parse_version(version: str) -> tuple[int, int, int]:
    """Parses `MAJOR.MINOR.PATCH` (a leading `v` and a pre-release suffix are ignored)."""
    core = version.strip().removeprefix("v").split("-", 1)[0].split("+", 1)[0]
    parts = core.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not a semver version: {version!r}")
    return int(parts[0]), int(parts[1]), int(parts[2])


def version_metadata() -> tuple[tuple[str, str], ...]:
    """Metadata to send on every call so that servers can negotiate the version."""
    return ((CONTRACT_VERSION_HEADER, CONTRACT_VERSION),)


class ContractVersionError(RuntimeError):
    """This client's contract version is older than the server supports."""

    def __init__(self, client_version: str, min_supported_version: str, server_version: str) -> None:
        super().__init__(
            f"soma-proto {client_version} is too old for this server: it supports contract "
            f"{min_supported_version} and newer (the server speaks {server_version}); "
            f"upgrade with `pip install -U 'soma-proto>={min_supported_version}'`"
        )
        self.client_version = client_version
        self.min_supported_version = min_supported_version
        self.server_version = server_version


@dataclass(frozen=True)
class Compatibility:
    """What the server said about this client's contract version."""

    client_version: str
    server_version: str
    min_supported_version: str
    recommended_version: str
    services: tuple[str, ...]

    @property
    def upgrade_recommended(self) -> bool:
        """True when the client works but is older than the recommended version."""
        return parse_version(self.client_version) < parse_version(self.recommended_version)


def _judge(info: contract_service_pb2.GetContractInfoResponse, client_version: str) -> Compatibility:
    result = Compatibility(
        client_version=client_version,
        server_version=info.current_version,
        min_supported_version=info.min_supported_version,
        recommended_version=info.recommended_version or info.current_version,
        services=tuple(s.name for s in info.services),
    )
    if parse_version(client_version) < parse_version(info.min_supported_version):
        raise ContractVersionError(client_version, info.min_supported_version, info.current_version)
    if result.upgrade_recommended:
        _log.warning(
            "soma-proto %s works with this server but %s is recommended",
            client_version,
            result.recommended_version,
        )
    return result


def check_compatibility(
    channel: grpc.Channel, *, timeout: float = 5.0, client_version: str = CONTRACT_VERSION
) -> Compatibility:
    """Asks the server's ContractService whether this client's contract version is supported.

    Raises:
        ContractVersionError: the client is older than the server's `min_supported_version`.
        grpc.RpcError: the server could not be asked.
    """
    stub = contract_service_pb2_grpc.ContractServiceStub(channel)
    info = stub.GetContractInfo(
        contract_service_pb2.GetContractInfoRequest(),
        timeout=timeout,
        metadata=((CONTRACT_VERSION_HEADER, client_version),),
    )
    return _judge(info, client_version)


async def check_compatibility_async(
    channel: grpc.aio.Channel, *, rpc_timeout: float = 5.0, client_version: str = CONTRACT_VERSION
) -> Compatibility:
    """The asyncio form of :func:`check_compatibility` (`rpc_timeout` is the call's deadline in seconds)."""
    stub = contract_service_pb2_grpc.ContractServiceStub(channel)
    info = await stub.GetContractInfo(
        contract_service_pb2.GetContractInfoRequest(),
        timeout=rpc_timeout,
        metadata=((CONTRACT_VERSION_HEADER, client_version),),
    )
    return _judge(info, client_version)
