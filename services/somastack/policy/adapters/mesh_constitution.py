"""ConstitutionSource over the mesh: ConstitutionService.GetActive through Envoy, with the caller's token."""

from __future__ import annotations

import grpc

from soma.constitution.v1 import constitution_service_pb2, constitution_service_pb2_grpc
from somastack.platform.errors import FailedPrecondition, Unavailable
from somastack.policy.model import ActiveConstitution, Credentials, RuleSpec
from somastack.runtime.context import REQUEST_ID_HEADER

#: Seconds to wait for the constitution service; Evaluate is on every session's hot path.
DEFAULT_TIMEOUT = 3.0


class MeshConstitutionSource:
    """Reads the active constitution from the constitution service through Envoy."""

    def __init__(self, channel: grpc.aio.Channel, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._stub = constitution_service_pb2_grpc.ConstitutionServiceStub(channel)
        self._timeout = timeout

    async def active(self, credentials: Credentials) -> ActiveConstitution:
        metadata: list[tuple[str, str]] = []
        if credentials.authorization:
            metadata.append(("authorization", credentials.authorization))
        if credentials.request_id:
            metadata.append((REQUEST_ID_HEADER, credentials.request_id))
        try:
            response = await self._stub.GetActive(
                constitution_service_pb2.GetActiveRequest(), metadata=metadata, timeout=self._timeout
            )
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                raise FailedPrecondition(
                    "CONSTITUTION_NOT_FOUND", "no constitution is active: load one before evaluating actions"
                ) from None
            raise Unavailable(
                "SERVICE_UNAVAILABLE",
                f"the constitution service cannot be reached ({error.code().name})",
                metadata={"service": "soma.constitution.v1.ConstitutionService"},
                retry_after=1.0,
            ) from None
        version = response.constitution_version
        document = version.constitution
        return ActiveConstitution(
            checksum=version.checksum,
            version=version.version,
            rules=tuple(RuleSpec(r.id, r.expression, r.weight, r.reason_code) for r in document.rules),
            allow_below=document.thresholds.allow_below,
            deny_above=document.thresholds.deny_above,
        )
