"""The settings use cases: tenant settings, model profiles and notification preferences, with etags and guardrails."""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import IntEnum
from typing import Any, TypeVar

from google.protobuf import field_mask_pb2
from google.protobuf.message import Message

from soma.settings.v1 import settings_pb2
from somastack.config import Stage
from somastack.platform.errors import invalid
from somastack.platform.names import parse
from somastack.settings import validation
from somastack.settings.events import changed_event
from somastack.settings.model import (
    PROD_NO_LOCAL_PROVIDER,
    ROLE_IDS,
    ROLE_NAMES,
    DeploymentMode,
    EtagMismatch,
    Kind,
    ModelRole,
    check_mode_change,
    check_provider,
    effective_mode,
    etag,
    guardrails,
    profile_not_found,
)
from somastack.settings.ports import SettingsStore, Stored

M = TypeVar("M", bound=Message)

SETTINGS_NAME = "tenants/{tenant}/settings"
PROFILE_NAME = "tenants/{tenant}/modelProfiles/{role}"
PREFERENCES_NAME = "tenants/{tenant}/users/{user}/notificationPreferences"


def settings_name(tenant: str) -> str:
    return f"tenants/{tenant}/settings"


def profile_name(tenant: str, role: ModelRole) -> str:
    return f"tenants/{tenant}/modelProfiles/{ROLE_NAMES[role]}"


def parse_profile_name(name: str, *, field: str) -> tuple[str, ModelRole]:
    """The tenant and role of `tenants/{tenant}/modelProfiles/{role}`; INVALID_ARGUMENT for an unknown role."""
    parts = name.split("/")
    role_id = parts[3] if len(parts) == 4 else ""
    if role_id not in ROLE_IDS:
        if len(parts) == 4 and parts[:1] == ["tenants"] and parts[2] == "modelProfiles":
            raise invalid(field, f"unknown model role {role_id!r}; one of {', '.join(ROLE_IDS)}")
    values = parse(name, PROFILE_NAME, field=field)
    return values["tenant"], ROLE_IDS[values["role"]]


class SettingsBook:
    """Reads and writes a tenant's settings resources; every write goes out as `settings.changed`."""

    def __init__(self, store: SettingsStore, stage: Stage, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._stage = stage
        self._clock = clock

    # Tenant settings ------------------------------------------------------------------------------------------

    async def get_settings(self, name: str) -> settings_pb2.Settings:
        tenant = parse(name, SETTINGS_NAME, field="name")["tenant"]
        stored = await self._store.get(tenant, Kind.SETTINGS, "")
        return self._settings_view(tenant, _decode(stored, settings_pb2.Settings), stored)

    async def update_settings(
        self, update: settings_pb2.Settings, mask: field_mask_pb2.FieldMask, expected_etag: str = ""
    ) -> settings_pb2.Settings:
        tenant = parse(update.name, SETTINGS_NAME, field="settings.name")["tenant"]
        name = settings_name(tenant)
        stored = await self._store.get(tenant, Kind.SETTINGS, "")
        current = _decode(stored, settings_pb2.Settings)
        current_etag = etag(current)
        if expected_etag and expected_etag != current_etag:
            raise EtagMismatch(name, current_etag)
        merged = validation.apply_mask(current, update, mask, prefix="settings")
        validation.check(validation.settings_problems(merged))
        await self._check_mode(tenant, merged.deployment_mode)
        return self._settings_view(tenant, *await self._write(tenant, Kind.SETTINGS, "", name, merged, stored))

    async def _check_mode(self, tenant: str, mode: int) -> None:
        check_mode_change(mode, self._stage)
        effective = effective_mode(mode, self._stage)
        if PROD_NO_LOCAL_PROVIDER not in guardrails(effective, self._stage):
            return
        for stored in await self._store.list(tenant, Kind.MODEL_PROFILE):
            name = f"tenants/{tenant}/modelProfiles/{stored.key}"
            check_provider(
                settings_pb2.ModelProfile.FromString(stored.body).provider,
                effective,
                self._stage,
                resource=name,
                detail=f"model profile {name!r} uses it; change its provider before switching to prod",
            )

    def _settings_view(
        self, tenant: str, settings: settings_pb2.Settings, stored: Stored | None
    ) -> settings_pb2.Settings:
        view = settings_pb2.Settings()
        view.CopyFrom(settings)
        view.name = settings_name(tenant)
        view.effective_mode = _wire(effective_mode(settings.deployment_mode, self._stage))
        view.guardrails.extend(
            settings_pb2.Guardrail(id=g.id, description=g.description, enforced=g.enforced)
            for g in guardrails(view.effective_mode, self._stage)
        )
        view.etag = etag(settings)
        if stored is not None:
            view.update_time.FromNanoseconds(round(stored.updated_at * 1e9))
        return view

    async def _mode(self, tenant: str) -> DeploymentMode:
        settings = _decode(await self._store.get(tenant, Kind.SETTINGS, ""), settings_pb2.Settings)
        return effective_mode(settings.deployment_mode, self._stage)

    # Model profiles -------------------------------------------------------------------------------------------

    async def get_profile(self, name: str) -> settings_pb2.ModelProfile:
        tenant, role = parse_profile_name(name, field="name")
        stored = await self._store.get(tenant, Kind.MODEL_PROFILE, ROLE_NAMES[role])
        if stored is None:
            raise profile_not_found(profile_name(tenant, role))
        return _profile_view(tenant, role, stored)

    async def list_profiles(self, parent: str) -> list[settings_pb2.ModelProfile]:
        tenant = parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        views = [_profile_view(tenant, ROLE_IDS[s.key], s) for s in await self._store.list(tenant, Kind.MODEL_PROFILE)]
        return sorted(views, key=lambda p: p.role)

    async def update_profile(
        self,
        update: settings_pb2.ModelProfile,
        mask: field_mask_pb2.FieldMask,
        expected_etag: str = "",
        *,
        allow_missing: bool = False,
    ) -> settings_pb2.ModelProfile:
        tenant, role = parse_profile_name(update.name, field="model_profile.name")
        name = profile_name(tenant, role)
        stored = await self._store.get(tenant, Kind.MODEL_PROFILE, ROLE_NAMES[role])
        if stored is None and not allow_missing:
            raise profile_not_found(name)
        if expected_etag and (stored is None or expected_etag != stored.etag):
            raise EtagMismatch(name, stored.etag if stored else "")
        current = _decode(stored, settings_pb2.ModelProfile)
        merged = validation.apply_mask(current, update, mask, prefix="model_profile")
        validation.check(validation.profile_problems(merged))
        mode = await self._mode(tenant)
        check_provider(merged.provider, mode, self._stage, resource=name, detail=f"{name!r} cannot use it in prod")
        written, at = await self._write(tenant, Kind.MODEL_PROFILE, ROLE_NAMES[role], name, merged, stored)
        return _profile_view(tenant, role, at, written)

    async def delete_profile(self, name: str, expected_etag: str = "") -> None:
        tenant, role = parse_profile_name(name, field="name")
        name = profile_name(tenant, role)
        stored = await self._store.get(tenant, Kind.MODEL_PROFILE, ROLE_NAMES[role])
        if stored is None:
            raise profile_not_found(name)
        if expected_etag and expected_etag != stored.etag:
            raise EtagMismatch(name, stored.etag)
        conflict = await self._store.delete(
            tenant,
            Kind.MODEL_PROFILE,
            ROLE_NAMES[role],
            expected=stored.etag,
            event=changed_event(tenant, Kind.MODEL_PROFILE, name, "", deleted=True),
        )
        if conflict == "":
            raise profile_not_found(name)
        if conflict is not None:
            raise EtagMismatch(name, conflict)

    # Notification preferences ---------------------------------------------------------------------------------

    async def get_preferences(self, name: str) -> settings_pb2.NotificationPreferences:
        values = parse(name, PREFERENCES_NAME, field="name")
        stored = await self._store.get(values["tenant"], Kind.NOTIFICATION_PREFERENCES, values["user"])
        return _preferences_view(name, _decode_preferences(stored), stored)

    async def update_preferences(
        self, update: settings_pb2.NotificationPreferences, mask: field_mask_pb2.FieldMask, expected_etag: str = ""
    ) -> settings_pb2.NotificationPreferences:
        field = "notification_preferences.name"
        values = parse(update.name, PREFERENCES_NAME, field=field)
        tenant, user = values["tenant"], values["user"]
        stored = await self._store.get(tenant, Kind.NOTIFICATION_PREFERENCES, user)
        current = _decode_preferences(stored)
        current_etag = etag(current)
        if expected_etag and expected_etag != current_etag:
            raise EtagMismatch(update.name, current_etag)
        merged = validation.apply_mask(current, update, mask, prefix="notification_preferences")
        validation.check(validation.preferences_problems(merged))
        written, at = await self._write(tenant, Kind.NOTIFICATION_PREFERENCES, user, update.name, merged, stored)
        return _preferences_view(update.name, written, at)

    # Shared ---------------------------------------------------------------------------------------------------

    async def _write(
        self, tenant: str, kind: Kind, key: str, name: str, message: M, stored: Stored | None
    ) -> tuple[M, Stored | None]:
        """Stores `message` unless it is what is stored already; raises ABORTED when it changed since it was read."""
        new_etag = etag(message)
        if stored is not None and stored.etag == new_etag:
            return message, stored  # nothing changed: no write, no event
        record = Stored(key, message.SerializeToString(deterministic=True), new_etag, self._clock())
        preferences = None
        if isinstance(message, settings_pb2.NotificationPreferences):
            # The event carries the preferences as stored, so consumers keep a copy without a call.
            preferences = _preferences_view(name, message, record)
        conflict = await self._store.put(
            tenant,
            kind,
            record,
            expected=stored.etag if stored is not None else None,
            event=changed_event(tenant, kind, name, new_etag, preferences=preferences),
        )
        if conflict is not None:
            raise EtagMismatch(name, conflict)
        return message, record


def _wire(value: IntEnum) -> Any:
    """A domain enum as the contract's enum value: the same number."""
    return int(value)


def _decode(stored: Stored | None, cls: type[M]) -> M:
    return cls.FromString(stored.body) if stored is not None else cls()


def _decode_preferences(stored: Stored | None) -> settings_pb2.NotificationPreferences:
    if stored is not None:
        return settings_pb2.NotificationPreferences.FromString(stored.body)
    # The defaults: every severity, in the console only, no quiet hours.
    return settings_pb2.NotificationPreferences(channels=settings_pb2.NotificationChannels(in_app=True))


def _profile_view(
    tenant: str,
    role: ModelRole,
    stored: Stored | None,
    message: settings_pb2.ModelProfile | None = None,
) -> settings_pb2.ModelProfile:
    view = settings_pb2.ModelProfile()
    view.CopyFrom(message if message is not None else _decode(stored, settings_pb2.ModelProfile))
    view.name = profile_name(tenant, role)
    view.role = _wire(role)
    view.etag = etag(view)
    if stored is not None:
        view.update_time.FromNanoseconds(round(stored.updated_at * 1e9))
    return view


def _preferences_view(
    name: str, preferences: settings_pb2.NotificationPreferences, stored: Stored | None
) -> settings_pb2.NotificationPreferences:
    view = settings_pb2.NotificationPreferences()
    view.CopyFrom(preferences)
    view.name = name
    view.etag = etag(preferences)
    if stored is not None:
        view.update_time.FromNanoseconds(round(stored.updated_at * 1e9))
    return view
