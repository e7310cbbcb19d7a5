"""TenantModes on the settings service: a tenant's effective deployment mode, read with this service's own token.

The mode is a fact about the tenant, not about the caller, and the calls that need it include some without a
caller able to read settings: the worker running a queued inference, and the memory service embedding with a
token that carries only `slm.infer`. So it is read with the SLM service's own token (`settings.read`, from
`ServiceSpec.calls`) and cached per tenant like the chat profile; `settings.changed` of kind settings drops it.
"""

from __future__ import annotations

import grpc

from soma.settings.v1 import settings_pb2, settings_service_pb2, settings_service_pb2_grpc
from somastack.platform.cache import Cache, TenantEntries
from somastack.platform.credentials import Credentials
from somastack.platform.errors import Unavailable
from somastack.platform.outbound import NO_RETRY, RetryPolicy, outgoing_metadata
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import Target, aio_channel

_SERVICE = "soma.settings.v1.SettingsService"
_PROD = b"prod"
_OTHER = b"other"


def mode_key(tenant: str) -> str:
    """The cache key of a tenant's effective deployment mode."""
    return f"deployment-mode:{tenant}"


class SettingsTenantModes:
    """Asks `GetSettings` for a tenant's `effective_mode`; keeps the answer `ttl` seconds in `cache`.

    Any failure is Unavailable (SERVICE_UNAVAILABLE) and is never cached: a mode that cannot be read must not
    let the local provider answer a tenant that may be in prod.
    """

    def __init__(
        self,
        mesh: Target,
        token: ServiceToken,
        *,
        timeout: float = 5.0,
        cache: Cache | None = None,
        ttl: float = 60.0,
        retry: RetryPolicy = NO_RETRY,
    ) -> None:
        self._channel = aio_channel(mesh)
        self._stub = settings_service_pb2_grpc.SettingsServiceStub(self._channel)
        self._token = token
        self._timeout = timeout
        self._retry = retry
        self._modes = TenantEntries(cache, mode_key, ttl=ttl)

    async def prod(self, tenant: str) -> bool:
        cached = await self._modes.get(tenant)
        if cached in (_PROD, _OTHER):
            return cached == _PROD
        generation = self._modes.generation
        prod = await self._fetch(tenant)
        await self._modes.put(tenant, _PROD if prod else _OTHER, read_at=generation)
        return prod

    async def forget(self, tenant: str) -> None:
        """Drops the tenant's cached mode: the next call that needs it asks the settings service again."""
        await self._modes.forget(tenant)

    async def close(self) -> None:
        await self._channel.close()

    async def _fetch(self, tenant: str) -> bool:
        credentials = Credentials(self._token.authorization(), client_type="service", tenant=tenant)
        try:
            response = await self._retry.unary(
                self._stub.GetSettings,
                settings_service_pb2.GetSettingsRequest(name=f"tenants/{tenant}/settings"),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise Unavailable(
                "SERVICE_UNAVAILABLE",
                f"the deployment mode of tenant {tenant!r} could not be read from {_SERVICE} "
                f"({error.code().name}: {error.details()}); the built-in local provider does not answer without it",
                metadata={"service": _SERVICE},
                retry_after=1.0,
            ) from error
        return response.settings.effective_mode == settings_pb2.DEPLOYMENT_MODE_PROD
