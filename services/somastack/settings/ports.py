"""The ports the settings use cases need: a store of versioned resources with the outbox in its transactions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from somastack.settings.events import Change
from somastack.settings.model import Kind, Resource


@dataclass(frozen=True)
class Stored:
    """One stored resource: its key within the tenant and kind, its content, etag and change time."""

    key: str
    resource: Resource
    etag: str
    updated_at: float


class Etags(Protocol):
    def __call__(self, resource: Resource) -> str:
        """The hash of a resource's content: equal content, equal etag."""
        ...


class SettingsStore(Protocol):
    async def get(self, tenant: str, kind: Kind, key: str) -> Stored | None: ...

    async def list(self, tenant: str, kind: Kind) -> list[Stored]:
        """Every resource of a kind in the tenant, ordered by key."""
        ...

    async def put(self, tenant: str, kind: Kind, stored: Stored, *, expected: str | None, change: Change) -> str | None:
        """Writes `stored` and announces `change` in one transaction if the stored etag is still `expected` (None:
        the resource must not exist yet). Returns None when written, else the current etag ('' when absent)."""
        ...

    async def delete(self, tenant: str, kind: Kind, key: str, *, expected: str, change: Change) -> str | None:
        """Deletes the resource and announces `change` if its etag is still `expected`; None when deleted, else the
        current etag ('' when absent)."""
        ...
