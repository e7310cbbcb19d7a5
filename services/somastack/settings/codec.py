"""Settings resources <-> their protobuf messages: views, stored bodies, update masks, etags and events.

The etag is a hash of a resource's wire form and stored rows hold the serialized message, so both are made here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from google.protobuf import duration_pb2, field_mask_pb2, json_format
from google.protobuf.message import Message

from soma.events.v1 import envelope_pb2
from soma.events.v1.topics import SETTINGS_CHANGED
from soma.settings.v1 import settings_pb2
from somastack.platform.errors import FieldViolation, InvalidArgument
from somastack.platform.events.envelope import new_event
from somastack.settings.events import Change
from somastack.settings.model import (
    Kind,
    ModelProfile,
    NotificationChannels,
    NotificationPreferences,
    PreferencesView,
    ProfileView,
    QuietHours,
    Resource,
    SettingsView,
    Span,
    TenantSettings,
)

TOPIC = SETTINGS_CHANGED
EVENT_TYPE = "soma.settings.v1.SettingsChanged"
SOURCE = "//settings.soma"

M = TypeVar("M", bound=Message)
R = TypeVar("R", TenantSettings, ModelProfile, NotificationPreferences)

#: The fields a client may write, per resource; an empty update mask means all of them.
WRITABLE = {
    settings_pb2.Settings.DESCRIPTOR.full_name: (
        "display_time_zone",
        "data_retention_days",
        "deployment_mode",
        "default_language",
        "attributes",
    ),
    settings_pb2.ModelProfile.DESCRIPTOR.full_name: (
        "provider",
        "model",
        "base_url",
        "temperature",
        "max_tokens",
        "timeout",
        "parameters",
    ),
    settings_pb2.NotificationPreferences.DESCRIPTOR.full_name: ("quiet_hours", "minimum_severity", "channels"),
}

_CHANGE_KIND = {
    Kind.SETTINGS: settings_pb2.CHANGE_KIND_SETTINGS,
    Kind.MODEL_PROFILE: settings_pb2.CHANGE_KIND_MODEL_PROFILE,
    Kind.NOTIFICATION_PREFERENCES: settings_pb2.CHANGE_KIND_NOTIFICATION_PREFERENCES,
}


# Resources --------------------------------------------------------------------------------------------------------


def settings_pb(settings: TenantSettings) -> settings_pb2.Settings:
    return settings_pb2.Settings(
        display_time_zone=settings.display_time_zone,
        data_retention_days=settings.data_retention_days,
        deployment_mode=settings.deployment_mode,  # type: ignore[arg-type]  # a number the contract may not know
        default_language=settings.default_language,
        attributes=settings.attributes,
    )


def settings_of(message: settings_pb2.Settings) -> TenantSettings:
    return TenantSettings(
        display_time_zone=message.display_time_zone,
        data_retention_days=message.data_retention_days,
        deployment_mode=message.deployment_mode,
        default_language=message.default_language,
        attributes=dict(message.attributes),
    )


def profile_pb(profile: ModelProfile) -> settings_pb2.ModelProfile:
    timeout = profile.timeout
    return settings_pb2.ModelProfile(
        provider=profile.provider,
        model=profile.model,
        base_url=profile.base_url,
        temperature=profile.temperature,
        max_tokens=profile.max_tokens,
        timeout=duration_pb2.Duration(seconds=timeout.seconds, nanos=timeout.nanos) if timeout is not None else None,
        parameters=profile.parameters,
    )


def profile_of(message: settings_pb2.ModelProfile) -> ModelProfile:
    timeout = message.timeout
    return ModelProfile(
        provider=message.provider,
        model=message.model,
        base_url=message.base_url,
        temperature=message.temperature,
        max_tokens=message.max_tokens,
        timeout=Span(timeout.seconds, timeout.nanos) if message.HasField("timeout") else None,
        parameters=dict(message.parameters),
    )


def preferences_pb(preferences: NotificationPreferences) -> settings_pb2.NotificationPreferences:
    quiet, channels = preferences.quiet_hours, preferences.channels
    return settings_pb2.NotificationPreferences(
        quiet_hours=settings_pb2.QuietHours(time_zone=quiet.time_zone, start=quiet.start, end=quiet.end)
        if quiet is not None
        else None,
        minimum_severity=preferences.minimum_severity,  # type: ignore[arg-type]  # a number the contract may not know
        channels=settings_pb2.NotificationChannels(
            in_app=channels.in_app, webhook_url=channels.webhook_url, email=channels.email
        )
        if channels is not None
        else None,
    )


def preferences_of(message: settings_pb2.NotificationPreferences) -> NotificationPreferences:
    quiet, channels = message.quiet_hours, message.channels
    return NotificationPreferences(
        quiet_hours=QuietHours(quiet.time_zone, quiet.start, quiet.end) if message.HasField("quiet_hours") else None,
        minimum_severity=message.minimum_severity,
        channels=NotificationChannels(channels.in_app, channels.webhook_url, channels.email)
        if message.HasField("channels")
        else None,
    )


def resource_pb(resource: Resource) -> Message:
    if isinstance(resource, TenantSettings):
        return settings_pb(resource)
    if isinstance(resource, ModelProfile):
        return profile_pb(resource)
    return preferences_pb(resource)


# Stored rows: the serialized message, as they always were.


def encode(resource: Resource) -> bytes:
    return resource_pb(resource).SerializeToString(deterministic=True)


def decode(kind: Kind, body: bytes) -> Resource:
    if kind is Kind.SETTINGS:
        return settings_of(settings_pb2.Settings.FromString(body))
    if kind is Kind.MODEL_PROFILE:
        return profile_of(settings_pb2.ModelProfile.FromString(body))
    return preferences_of(settings_pb2.NotificationPreferences.FromString(body))


# Etags ------------------------------------------------------------------------------------------------------------


def wire_etag(message: Message) -> str:
    """The hash of a message's content: canonical JSON of its writable fields, so equal content, equal etag.

    Output-only fields (name, etag, update time, derived fields) are left out; default values are left out too,
    so an unset field and a field set to its default hash the same, as they mean the same on the wire.
    """
    content = type(message)()
    content.CopyFrom(message)
    for name in ("name", "etag", "update_time", "role", "effective_mode", "guardrails"):
        if name in content.DESCRIPTOR.fields_by_name:
            content.ClearField(name)
    canonical = json.dumps(
        json_format.MessageToDict(content, preserving_proto_field_name=True),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def etag(resource: Resource) -> str:
    """The etag of a resource: the hash of its message (the `Etags` port of the use cases)."""
    return wire_etag(resource_pb(resource))


# Views ------------------------------------------------------------------------------------------------------------


def _stamp(
    message: settings_pb2.Settings | settings_pb2.ModelProfile | settings_pb2.NotificationPreferences,
    updated_at: float | None,
) -> None:
    if updated_at is not None:
        message.update_time.FromNanoseconds(round(updated_at * 1e9))


def settings_view_pb(view: SettingsView) -> settings_pb2.Settings:
    message = settings_pb(view.settings)
    message.name = view.name
    message.effective_mode = view.effective_mode  # type: ignore[assignment]  # the same number
    message.guardrails.extend(
        settings_pb2.Guardrail(id=g.id, description=g.description, enforced=g.enforced) for g in view.guardrails
    )
    message.etag = view.etag
    _stamp(message, view.updated_at)
    return message


def profile_view_pb(view: ProfileView) -> settings_pb2.ModelProfile:
    message = profile_pb(view.profile)
    message.name = view.name
    message.role = view.role  # type: ignore[assignment]  # the same number
    message.etag = view.etag
    _stamp(message, view.updated_at)
    return message


def preferences_view_pb(view: PreferencesView) -> settings_pb2.NotificationPreferences:
    message = preferences_pb(view.preferences)
    message.name = view.name
    message.etag = view.etag
    _stamp(message, view.updated_at)
    return message


# Updates ----------------------------------------------------------------------------------------------------------


def apply_mask(current: M, update: M, mask: field_mask_pb2.FieldMask, *, prefix: str) -> M:
    """`current` with the fields `mask` names taken from `update` (every writable field when the mask is empty).

    A named field that `update` leaves unset is cleared. Raises InvalidArgument for unknown or read-only paths.
    """
    writable = WRITABLE[current.DESCRIPTOR.full_name]
    paths = list(mask.paths) or list(writable)
    bad = [
        FieldViolation(f"update_mask.paths[{i}]", f"{path!r} is not a writable field of {prefix}")
        for i, path in enumerate(paths)
        if path.split(".", 1)[0] not in writable
        or not field_mask_pb2.FieldMask(paths=[path]).IsValidForDescriptor(current.DESCRIPTOR)  # type: ignore[arg-type]
    ]
    if bad:
        raise InvalidArgument(*bad)
    merged = type(current)()
    merged.CopyFrom(current)
    field_mask_pb2.FieldMask(paths=paths).MergeMessage(
        update, merged, replace_message_field=True, replace_repeated_field=True
    )
    return merged


def _edit(
    update: M, mask: field_mask_pb2.FieldMask, prefix: str, to_pb: Callable[[R], M], of_pb: Callable[[M], R]
) -> Callable[[R], R]:
    def edit(current: R) -> R:
        return of_pb(apply_mask(to_pb(current), update, mask, prefix=prefix))

    return edit


def settings_edit(
    update: settings_pb2.Settings, mask: field_mask_pb2.FieldMask
) -> Callable[[TenantSettings], TenantSettings]:
    """The change an UpdateSettings request makes to the current settings."""
    return _edit(update, mask, "settings", settings_pb, settings_of)


def profile_edit(
    update: settings_pb2.ModelProfile, mask: field_mask_pb2.FieldMask
) -> Callable[[ModelProfile], ModelProfile]:
    """The change an UpdateModelProfile request makes to the current profile."""
    return _edit(update, mask, "model_profile", profile_pb, profile_of)


def preferences_edit(
    update: settings_pb2.NotificationPreferences, mask: field_mask_pb2.FieldMask
) -> Callable[[NotificationPreferences], NotificationPreferences]:
    """The change an UpdateNotificationPreferences request makes to the current preferences."""
    return _edit(update, mask, "notification_preferences", preferences_pb, preferences_of)


# Events -----------------------------------------------------------------------------------------------------------


def changed_event(change: Change) -> envelope_pb2.Event:
    """The `settings.changed` event of a change, its payload a SettingsChanged message."""
    payload = settings_pb2.SettingsChanged(
        tenant=change.tenant,
        kind=_CHANGE_KIND[change.kind],
        name=change.name,
        etag=change.etag,
        deleted=change.deleted,
        notification_preferences=preferences_view_pb(change.preferences) if change.preferences else None,
    )
    return new_event(type=EVENT_TYPE, source=SOURCE, tenant=change.tenant, payload=payload, subject=change.name)
