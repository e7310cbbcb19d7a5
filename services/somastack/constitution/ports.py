"""The ports the constitution use cases need: the store of loaded versions and the active pointer."""

from __future__ import annotations

from typing import Protocol

from somastack.constitution.model import Activation, ActivationResult, Active, StoredVersion


class ConstitutionStore(Protocol):
    """Persistence of loaded versions and of which one is active, with the outbox in the same transactions."""

    async def active(self) -> Active | None:
        """The active pointer; None before the first load."""
        ...

    async def get(self, *, checksum: str = "", version: str = "") -> StoredVersion | None:
        """The version stored under a checksum or a version id."""
        ...

    async def list_versions(self, *, before: int, limit: int) -> list[StoredVersion]:
        """Versions loaded before sequence number `before` (0: from the newest), newest first."""
        ...

    async def activate(self, activation: Activation) -> ActivationResult:
        """In one transaction: insert `activation.new` if given, make the checksum active and write the
        `constitution.updated` event to the outbox. Changes nothing unless the status is ACTIVATED."""
        ...
