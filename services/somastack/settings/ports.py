"""The port the settings use cases need: a store of versioned resources with the outbox in its transactions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from soma.events.v1 import envelope_pb2
from somastack.settings.model import Kind


@dataclass(frozen=True)
class Stored:
    """One stored resource: its key within the tenant and kind, its serialized proto, etag and change time."""

    key: str
    body: bytes
    etag: str
    updated_at: float


class SettingsStore(Protocol):
    async def get(self, tenant: str, kind: Kind, key: str) -> Stored | None: ...

    async def list(self, tenant: str, kind: Kind) -> list[Stored]:
        """Every resource of a kind in the tenant, ordered by key."""
        ...

    async def put(
        self, tenant: str, kind: Kind, stored: Stored, *, expected: str | None, event: envelope_pb2.Event
    ) -> str | None:
        """Writes `stored` and its event in one transaction if the stored etag is still `expected` (None: the
        resource must not exist yet). Returns None when written, else the current etag ('' when absent)."""
        ...

    async def delete(
        self, tenant: str, kind: Kind, key: str, *, expected: str, event: envelope_pb2.Event
    ) -> str | None:
        """Deletes the resource and writes its event if its etag is still `expected`; None when deleted, else the
        current etag ('' when absent)."""
        ...
