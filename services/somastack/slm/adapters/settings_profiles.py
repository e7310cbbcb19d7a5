"""ProfileSource on the settings service: GetModelProfile (`chat` role) through the mesh, as the caller."""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass

import grpc

from soma.settings.v1 import settings_service_pb2, settings_service_pb2_grpc
from somastack.platform.errors import Unavailable
from somastack.slm.model import ModelProfile
from somastack.slm.ports import ProfileSource

_log = logging.getLogger(__name__)

#: Settings provider names served by the OpenAI-compatible adapter.
_OPENAI_COMPATIBLE = {"openai", "ollama", "vllm", "openai-compatible", "llama.cpp"}


@dataclass(frozen=True)
class Caller:
    """The credentials of the call being served, forwarded on service-to-service calls."""

    authorization: str
    request_id: str


#: Set by the servicer for the duration of a call; unset in the background worker.
CALLER: contextvars.ContextVar[Caller] = contextvars.ContextVar("slm_caller")


def provider_name(settings_provider: str) -> str:
    """The SLM provider that serves a provider name of the settings service."""
    value = settings_provider.strip().lower()
    return "openai" if value in _OPENAI_COMPATIBLE else value


class SettingsProfileSource:
    """Reads `tenants/{tenant}/modelProfiles/chat` with the caller's token; falls back when there is none.

    A missing profile (or no caller, as in the worker, which runs what submit already resolved) gets the fallback.
    An unreachable settings service fails the call: silently switching providers could send a tenant's
    prompts somewhere it did not choose.
    """

    def __init__(self, mesh: str, fallback: ProfileSource, *, timeout: float = 5.0) -> None:
        self._channel = grpc.aio.insecure_channel(mesh)
        self._stub = settings_service_pb2_grpc.SettingsServiceStub(self._channel)
        self._fallback = fallback
        self._timeout = timeout

    async def profile(self, tenant: str) -> ModelProfile:
        caller = CALLER.get(None)
        if caller is None or not caller.authorization:
            return await self._fallback.profile(tenant)
        metadata = [("authorization", caller.authorization)]
        if caller.request_id:
            metadata.append(("x-request-id", caller.request_id))
        try:
            response = await self._stub.GetModelProfile(
                settings_service_pb2.GetModelProfileRequest(name=f"tenants/{tenant}/modelProfiles/chat"),
                metadata=metadata,
                timeout=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                return await self._fallback.profile(tenant)
            raise Unavailable(
                "SERVICE_UNAVAILABLE",
                f"the settings service did not answer the model profile: {error.code().name} {error.details()}",
                metadata={"service": "soma.settings.v1.SettingsService"},
            ) from error
        found = response.model_profile
        if not found.provider:
            return await self._fallback.profile(tenant)
        return ModelProfile(provider=provider_name(found.provider), model=found.model)

    async def close(self) -> None:
        await self._channel.close()
