"""ConstitutionSource over the mesh: ConstitutionService.GetActive through Envoy, as the caller, retried while the
constitution service restarts (inside the timeout)."""

from __future__ import annotations

import grpc

from soma.constitution.v1 import constitution_service_pb2, constitution_service_pb2_grpc
from somastack.platform.outbound import RetryPolicy, constitution_error, outgoing_metadata
from somastack.policy.model import ActiveConstitution, Credentials, RuleSpec

#: Seconds to wait for the constitution service, retries included; Evaluate is on every session's hot path.
DEFAULT_TIMEOUT = 3.0


class MeshConstitutionSource:
    """Reads the active constitution from the constitution service through Envoy."""

    def __init__(
        self, channel: grpc.aio.Channel, *, timeout: float = DEFAULT_TIMEOUT, retry: RetryPolicy | None = None
    ) -> None:
        self._stub = constitution_service_pb2_grpc.ConstitutionServiceStub(channel)
        self._timeout = timeout
        self._retry = retry or RetryPolicy()

    async def active(self, credentials: Credentials) -> ActiveConstitution:
        try:
            response = await self._retry.unary(
                self._stub.GetActive,
                constitution_service_pb2.GetActiveRequest(),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise constitution_error(error) from None
        version = response.constitution_version
        document = version.constitution
        return ActiveConstitution(
            checksum=version.checksum,
            version=version.version,
            rules=tuple(RuleSpec(r.id, r.expression, r.weight, r.reason_code) for r in document.rules),
            allow_below=document.thresholds.allow_below,
            deny_above=document.thresholds.deny_above,
        )
