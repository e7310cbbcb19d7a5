"""SlmServicer: proto <-> domain for SlmService, nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator

from soma.slm.v1 import slm_pb2, slm_service_pb2, slm_service_pb2_grpc
from somastack.platform.credentials import Credentials
from somastack.runtime.context import ServicerContext, current
from somastack.slm.codec import (
    KIND_TO_PROTO,
    STATE_TO_PROTO,
    completion_pb,
    inference_pb,
    message_of,
    params_of,
    usage_pb,
)
from somastack.slm.service import Slm

pb = slm_service_pb2


class SlmServicer(slm_service_pb2_grpc.SlmServiceServicer):
    """Translates SlmService calls to the SLM use cases."""

    def __init__(self, slm: Slm) -> None:
        self._slm = slm

    @staticmethod
    def _caller(context: ServicerContext) -> Credentials:
        """The caller's credentials, for the settings lookup made on its behalf."""
        authorization = ""
        for key, value in context.invocation_metadata() or ():
            if key == "authorization" and isinstance(value, str):
                authorization = value
        call = current()
        return Credentials(authorization, call.request_id, call.client_type, call.subject)

    async def InferSync(self, request: pb.InferSyncRequest, context: ServicerContext) -> pb.InferSyncResponse:
        completion = await self._slm.infer(
            request.parent,
            [message_of(m) for m in request.messages],
            params_of(request.parameters),
            credentials=self._caller(context),
        )
        return pb.InferSyncResponse(completion=completion_pb(completion))

    async def Embed(self, request: pb.EmbedRequest, context: ServicerContext) -> pb.EmbedResponse:
        result = await self._slm.embed(
            request.parent,
            list(request.texts),
            model=request.model,
            provider_name=request.provider,
            credentials=self._caller(context),
        )
        return pb.EmbedResponse(
            embeddings=[pb.Embedding(values=v) for v in result.vectors],
            provider=result.provider,
            model=result.model,
            usage=usage_pb(result.usage),
        )

    async def SubmitInference(
        self, request: pb.SubmitInferenceRequest, context: ServicerContext
    ) -> pb.SubmitInferenceResponse:
        inference = await self._slm.submit(
            request.parent,
            [message_of(m) for m in request.inference.messages],
            params_of(request.inference.parameters),
            request_id=request.request_id,
            credentials=self._caller(context),
        )
        return pb.SubmitInferenceResponse(inference=inference_pb(inference))

    async def GetInference(self, request: pb.GetInferenceRequest, context: ServicerContext) -> pb.GetInferenceResponse:
        return pb.GetInferenceResponse(inference=inference_pb(await self._slm.get(request.name)))

    async def WatchInference(
        self, request: pb.WatchInferenceRequest, context: ServicerContext
    ) -> AsyncIterator[pb.WatchInferenceResponse]:
        async for update in self._slm.watch(request.name):
            message = pb.WatchInferenceResponse(state=STATE_TO_PROTO[update.state], token=update.token)
            if update.inference is not None:
                message.inference.CopyFrom(inference_pb(update.inference))
            yield message

    async def ListProviders(
        self, request: pb.ListProvidersRequest, context: ServicerContext
    ) -> pb.ListProvidersResponse:
        credentials = self._caller(context)
        return pb.ListProvidersResponse(
            providers=[
                slm_pb2.Provider(
                    provider=p.name,
                    kind=KIND_TO_PROTO[p.kind],
                    default_model=p.default_model,
                    embedding_model=p.embedding_model,
                    default=p.default,
                    available=p.available,
                )
                for p in await self._slm.providers(request.parent, credentials=credentials)
            ]
        )
