"""The `settings.changed` event: its topic, type and how it is built."""

from __future__ import annotations

from soma.events.v1 import envelope_pb2
from soma.events.v1.topics import SETTINGS_CHANGED
from soma.settings.v1 import settings_pb2
from somastack.platform.events.envelope import new_event
from somastack.settings.model import Kind

TOPIC = SETTINGS_CHANGED
EVENT_TYPE = "soma.settings.v1.SettingsChanged"
SOURCE = "//settings.soma"

_KIND = {
    Kind.SETTINGS: settings_pb2.CHANGE_KIND_SETTINGS,
    Kind.MODEL_PROFILE: settings_pb2.CHANGE_KIND_MODEL_PROFILE,
    Kind.NOTIFICATION_PREFERENCES: settings_pb2.CHANGE_KIND_NOTIFICATION_PREFERENCES,
}


def changed_event(
    tenant: str,
    kind: Kind,
    name: str,
    etag: str,
    *,
    deleted: bool = False,
    preferences: settings_pb2.NotificationPreferences | None = None,
) -> envelope_pb2.Event:
    """The event announcing that resource `name` of `tenant` now has `etag` (or was deleted).

    Notification preferences travel with their event (`preferences`, as stored after the change), so the
    notification service keeps its copy without calling back.
    """
    payload = settings_pb2.SettingsChanged(
        tenant=tenant, kind=_KIND[kind], name=name, etag=etag, deleted=deleted, notification_preferences=preferences
    )
    return new_event(type=EVENT_TYPE, source=SOURCE, tenant=tenant, payload=payload, subject=name)
