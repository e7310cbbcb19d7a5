"""ProfileSource on the settings service: GetModelProfile (`chat` role) through the mesh, as the caller, cached.

The caller's credentials come with each lookup (the servicer passes them down through the use case); the call
leaves through the platform's outbound seam.

The whole profile is kept: provider and model, and the endpoint, defaults, timeout and parameters the service
applies to the calls that provider serves (see `service.resolve_params` and `endpoints`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import grpc

from soma.settings.v1 import settings_pb2, settings_service_pb2, settings_service_pb2_grpc
from somastack.platform.cache import Cache, TenantEntries
from somastack.platform.credentials import Credentials
from somastack.platform.outbound import NO_RETRY, RetryPolicy, domain_error, outgoing_metadata
from somastack.platform.protoconv import seconds
from somastack.platform.tls import Target, aio_channel
from somastack.slm.model import ModelProfile
from somastack.slm.ports import ProfileSource

_log = logging.getLogger(__name__)

#: Settings provider names served by the OpenAI-compatible adapter.
_OPENAI_COMPATIBLE = {"openai", "ollama", "vllm", "openai-compatible", "llama.cpp"}

#: What the cache holds for a tenant without a `chat` profile (or whose profile names no provider).
_NO_PROFILE = b"{}"

_SERVICE = "soma.settings.v1.SettingsService"


def provider_name(settings_provider: str) -> str:
    """The SLM provider that serves a provider name of the settings service."""
    value = settings_provider.strip().lower()
    return "openai" if value in _OPENAI_COMPATIBLE else value


def profile_key(tenant: str) -> str:
    """The cache key of a tenant's resolved `chat` profile."""
    return f"model-profile:{tenant}"


def profile_of(found: settings_pb2.ModelProfile) -> ModelProfile:
    """The domain profile of a settings ModelProfile (an empty provider: none).

    proto3 cannot tell a temperature of 0 from an unset one: 0 counts as unset (the provider's default), as an
    unset or zero timeout and a max_tokens of 0 do.
    """
    if not found.provider:
        return ModelProfile(provider="")
    timeout = seconds(found.timeout) if found.HasField("timeout") else 0.0
    return ModelProfile(
        provider=provider_name(found.provider),
        model=found.model,
        base_url=found.base_url,
        temperature=found.temperature or None,
        max_tokens=found.max_tokens,
        timeout=timeout if timeout > 0 else None,
        parameters=tuple(sorted(found.parameters.items())),
    )


def profile_json(profile: ModelProfile) -> bytes:
    """The cache entry of a resolved profile; fields at their default are left out."""
    if not profile.provider:
        return _NO_PROFILE
    fields: dict[str, Any] = {"provider": profile.provider, "model": profile.model}
    if profile.base_url:
        fields["base_url"] = profile.base_url
    if profile.temperature is not None:
        fields["temperature"] = profile.temperature
    if profile.max_tokens:
        fields["max_tokens"] = profile.max_tokens
    if profile.timeout is not None:
        fields["timeout"] = profile.timeout
    if profile.parameters:
        fields["parameters"] = dict(profile.parameters)
    return json.dumps(fields, sort_keys=True).encode()


def profile_from_json(raw: bytes | str) -> ModelProfile:
    """A cache entry read back; one written before the entries held more than provider and model loads too.

    Raises ValueError (or TypeError) for an entry that is not such an object.
    """
    fields = json.loads(raw)
    if not isinstance(fields, dict):
        raise ValueError("a cached model profile is a JSON object")
    temperature, timeout = fields.get("temperature"), fields.get("timeout")
    parameters = fields.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ValueError("cached parameters are a JSON object")
    return ModelProfile(
        provider=str(fields.get("provider", "")),
        model=str(fields.get("model", "")),
        base_url=str(fields.get("base_url", "")),
        temperature=float(temperature) if temperature is not None else None,
        max_tokens=int(fields.get("max_tokens", 0)),
        timeout=float(timeout) if timeout is not None else None,
        parameters=tuple(sorted((str(k), str(v)) for k, v in parameters.items())),
    )


class SettingsProfileSource:
    """Reads `tenants/{tenant}/modelProfiles/chat` with the caller's token; falls back when there is none.

    A missing profile (or no caller, as in the worker, which runs what submit already resolved) gets the fallback.
    An unreachable settings service fails the call: silently switching providers could send a tenant's
    prompts somewhere it did not choose.

    With a `cache`, the answer per tenant (the profile, or "none: use the fallback") is kept for `ttl` seconds
    and dropped early by `forget` (on `settings.changed`), so an inference costs no settings call while the
    entry lives. Failures are never cached, nor a PERMISSION_DENIED (an answer about the caller, not the tenant).
    A cache that is down only costs the call it would have saved.
    """

    def __init__(
        self,
        mesh: Target,
        fallback: ProfileSource,
        *,
        timeout: float = 5.0,
        cache: Cache | None = None,
        ttl: float = 60.0,
        retry: RetryPolicy = NO_RETRY,
    ) -> None:
        self._channel = aio_channel(mesh)
        self._retry = retry
        self._stub = settings_service_pb2_grpc.SettingsServiceStub(self._channel)
        self._fallback = fallback
        self._timeout = timeout
        self._profiles = TenantEntries(cache, profile_key, ttl=ttl)

    async def profile(self, tenant: str, credentials: Credentials | None = None) -> ModelProfile:
        if credentials is None or not credentials.authorization:
            return await self._fallback.profile(tenant)
        cached = await self._cached(tenant)
        if cached is not None:
            return cached if cached.provider else await self._fallback.profile(tenant)
        generation = self._profiles.generation
        found = await self._fetch(tenant, credentials)
        if found is None:
            return await self._fallback.profile(tenant)
        await self._profiles.put(tenant, profile_json(found), read_at=generation)
        return found if found.provider else await self._fallback.profile(tenant)

    async def forget(self, tenant: str) -> None:
        """Drops the tenant's cached profile: the next inference asks the settings service again."""
        await self._profiles.forget(tenant)

    async def close(self) -> None:
        await self._channel.close()

    async def _fetch(self, tenant: str, credentials: Credentials) -> ModelProfile | None:
        """The tenant's profile (an empty provider: none), or None for an answer that must not be cached."""
        try:
            response = await self._retry.unary(
                self._stub.GetModelProfile,
                settings_service_pb2.GetModelProfileRequest(name=f"tenants/{tenant}/modelProfiles/chat"),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return ModelProfile(provider="")
            if error.code() == grpc.StatusCode.PERMISSION_DENIED:
                return None
            raise domain_error(error, _SERVICE) from error
        return profile_of(response.model_profile)

    async def _cached(self, tenant: str) -> ModelProfile | None:
        raw = await self._profiles.get(tenant)
        if raw is None:
            return None
        try:
            return profile_from_json(raw)
        except (ValueError, TypeError):
            _log.warning("slm: dropping an unreadable cached model profile of tenant %r", tenant)
            return None
