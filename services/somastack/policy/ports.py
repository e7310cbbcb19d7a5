"""Ports of the policy service: where the active constitution comes from, where overrides are kept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from somastack.policy.model import ActiveConstitution, Credentials, WeightOverrides


class ConstitutionSource(Protocol):
    """The active constitution, as the constitution service serves it."""

    async def active(self, credentials: Credentials) -> ActiveConstitution:
        """The active constitution.

        Raises FailedPrecondition (CONSTITUTION_NOT_FOUND) when none is active and Unavailable
        when the constitution service cannot be reached.
        """
        ...


class OverrideStore(Protocol):
    """Each tenant's weight overrides."""

    async def get(self, tenant: str) -> WeightOverrides:
        """The tenant's overrides; empty when never set."""
        ...

    async def replace(self, tenant: str, weights: Mapping[str, float], *, by: str, at: float) -> WeightOverrides:
        """Replaces the tenant's overrides with `weights` in one transaction."""
        ...
