"""The change a settings write announces on `settings.changed` (`codec.changed_event` makes its envelope)."""

from __future__ import annotations

from dataclasses import dataclass

from somastack.settings.model import Kind, PreferencesView


@dataclass(frozen=True)
class Change:
    """Resource `name` of `tenant` now has `etag` (or was deleted: etag '').

    Notification preferences travel with their change (`preferences`, as stored after it), so the notification
    service keeps its copy without calling back.
    """

    tenant: str
    kind: Kind
    name: str
    etag: str
    deleted: bool = False
    preferences: PreferencesView | None = None
