"""A tiny domain for runtime tests: ContractService that can be slow or crash on request, and a test key."""

from __future__ import annotations

import asyncio

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from somastack.config import Settings
from somastack.registry import ServiceSpec
from somastack.runtime.context import ServicerContext
from somastack.runtime.contract_service import ContractServicer
from somastack.runtime.server import Assembly, Registration

KEY = Ed25519PrivateKey.generate()
KID = "runtime-test"


class StaticKeys:
    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        return KEY.public_key() if kid == KID else None


class Moody(ContractServicer):
    """Sleeps for `x-test-sleep` seconds or raises when `x-test-crash` is sent."""

    async def GetContractInfo(
        self, request: contract_service_pb2.GetContractInfoRequest, context: ServicerContext
    ) -> contract_service_pb2.GetContractInfoResponse:
        metadata = dict(context.invocation_metadata() or ())
        if "x-test-crash" in metadata:
            raise RuntimeError("secret internals that must not reach the client")
        if "x-test-sleep" in metadata:
            await asyncio.sleep(float(str(metadata["x-test-sleep"])))
        return await super().GetContractInfo(request, context)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    return Assembly(
        registrations=[
            Registration(
                "soma.meta.v1.ContractService",
                Moody(settings),
                contract_service_pb2_grpc.add_ContractServiceServicer_to_server,
            )
        ],
        key_source=StaticKeys(),
    )


async def assemble_settings(settings: Settings, spec: ServiceSpec) -> Assembly:
    """The real settings domain, with tokens verified against the test key instead of identity's JWKS."""
    from somastack.settings import bootstrap

    assembly = await bootstrap.assemble(settings, spec)
    assembly.key_source = StaticKeys()
    return assembly
