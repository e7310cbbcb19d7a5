"""An embedder that asks the mesh's own SLM service: `SlmService.Embed` through Envoy, as the memory service."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
import numpy as np

from soma.slm.v1 import slm_service_pb2, slm_service_pb2_grpc
from somastack.memory.embedder import Vectors, normalised, vector_problem
from somastack.platform.credentials import Credentials
from somastack.platform.errors import Unavailable, invalid
from somastack.platform.outbound import RetryPolicy, domain_error, outgoing_metadata
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import Target, aio_channel

#: SlmService.Embed takes at most this many texts per call (see its contract).
MAX_TEXTS = 256
_SLM = "soma.slm.v1.SlmService"

#: Answers worth another attempt: the SLM service or its provider is briefly away or overloaded. Wider than the
#: mesh's default (UNAVAILABLE): embedding runs in the background write applier, with no caller waiting.
_TRANSIENT = frozenset(
    {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.RESOURCE_EXHAUSTED}
)


class SlmEmbedder:
    """Embeds each tenant's texts with `SlmService.Embed`, presenting the memory service's own token.

    The provider and model are fixed by configuration, so every tenant's vectors share one embedding space
    (`name` says which). Texts the SLM service refuses (INVALID_ARGUMENT) raise InvalidArgument, as a model
    refusing the input would; FAILED_PRECONDITION (a state to fix first, such as GUARDRAIL_VIOLATED for the
    local provider and a tenant in prod) raises FailedPrecondition with the SLM service's reason and metadata;
    anything else that fails after the retries raises Unavailable (SERVICE_UNAVAILABLE). The write applier
    retries both later.
    """

    def __init__(
        self,
        mesh: Target,
        token: ServiceToken,
        *,
        provider: str,
        model: str,
        dimensions: int,
        timeout: float = 10.0,
        max_retries: int = 3,
        backoff: float = 0.25,
        batch_size: int = 64,
    ) -> None:
        self.name = f"slm:{provider}:{model}"
        self.dimensions = dimensions
        self._channel = aio_channel(mesh)
        self._stub = slm_service_pb2_grpc.SlmServiceStub(self._channel)
        self._token = token
        self._provider = provider
        self._model = model
        self._timeout = timeout
        self._retry = RetryPolicy(
            max_attempts=max_retries + 1,
            initial_backoff=backoff,
            max_backoff=backoff * 2**max_retries,
            codes=_TRANSIENT,
        )
        self._batch_size = min(batch_size, MAX_TEXTS)

    async def aclose(self) -> None:
        await self._channel.close()

    async def embed(self, texts: Sequence[str], *, tenant: str = "") -> Vectors:
        if not tenant:
            raise ValueError("SlmEmbedder.embed needs the tenant whose texts these are")
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), self._batch_size):
            batch = list(texts[start : start + self._batch_size])
            out[start : start + len(batch)] = await self._embed_batch(tenant, batch)
        return out

    async def _embed_batch(self, tenant: str, texts: list[str]) -> Vectors:
        request = slm_service_pb2.EmbedRequest(
            parent=f"tenants/{tenant}", texts=texts, model=self._model, provider=self._provider
        )
        credentials = Credentials(self._token.authorization(), client_type="service", tenant=tenant)
        try:
            # Each attempt gets the whole timeout: no caller's deadline bounds the background applier.
            response = await self._retry.unary(
                self._stub.Embed,
                request,
                metadata=outgoing_metadata(credentials),
                within=None,
                attempt_timeout=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.INVALID_ARGUMENT:
                raise invalid("text", f"the SLM service refused the input: {error.details()}") from error
            if error.code() == grpc.StatusCode.FAILED_PRECONDITION:
                raise domain_error(error, _SLM) from error
            raise self._unavailable(f"answered {error.code().name}: {error.details()}") from error
        matrix = np.asarray([e.values for e in response.embeddings], dtype=np.float32)
        problem = vector_problem(matrix, len(texts), self.dimensions)
        if problem:
            raise self._unavailable(problem)
        return normalised(matrix)

    def _unavailable(self, cause: str) -> Unavailable:
        return Unavailable(
            "SERVICE_UNAVAILABLE",
            f"the SLM service (SlmService.Embed, provider {self._provider!r}) {cause}",
            metadata={"embedder": self.name},
        )
