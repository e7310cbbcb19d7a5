"""Fakes of the SLM service's ports for unit tests."""

from __future__ import annotations

from somastack.platform.errors import Unavailable


class Modes:
    """TenantModes of a test: the tenants in `prod` run in prod; `failing` makes every lookup Unavailable."""

    def __init__(self, *prod: str) -> None:
        self.prod_tenants = set(prod)
        self.failing = False
        #: The tenants asked about, in order.
        self.asked: list[str] = []

    async def prod(self, tenant: str) -> bool:
        self.asked.append(tenant)
        if self.failing:
            raise Unavailable("SERVICE_UNAVAILABLE", "the settings service is away on purpose")
        return tenant in self.prod_tenants
