"""ProfileSource adapters: the tenant's model profile from configuration (until the settings service serves it)."""

from __future__ import annotations

from somastack.platform.credentials import Credentials
from somastack.slm.config import SlmSettings
from somastack.slm.model import ModelProfile


class ConfigProfileSource:
    """Every tenant gets the configured default provider and its default models."""

    def __init__(self, settings: SlmSettings) -> None:
        self._profile = ModelProfile(provider=settings.default_provider)

    async def profile(self, tenant: str, credentials: Credentials | None = None) -> ModelProfile:
        return self._profile
