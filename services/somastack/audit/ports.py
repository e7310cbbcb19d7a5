"""What the audit use cases need from storage."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from somastack.audit.model import Filter, Link


class AuditLog(Protocol):
    """The append-only store of the chains (appending happens in the event consumer's transaction, see adapters)."""

    async def page(self, tenant: str | None, where: Filter, before_id: int, limit: int) -> list[Link]:
        """Links of `tenant` (None: every chain) that match `where`, newest first, stored before `before_id`
        (0: from the newest), at most `limit`."""
        ...

    def chain(self, tenant: str) -> AsyncIterator[Link]:
        """Every link of one chain in sequence order, read in pages."""
        ...

    async def tenants(self) -> list[str]:
        """The tenants that have a chain (PLATFORM among them if the platform chain has links), sorted."""
        ...
