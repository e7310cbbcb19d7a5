"""The settings use cases: tenant settings, model profiles and notification preferences, with etags and guardrails."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from somastack.config import Stage
from somastack.platform.errors import invalid
from somastack.platform.names import parse
from somastack.settings import validation
from somastack.settings.events import Change
from somastack.settings.model import (
    DEFAULT_PREFERENCES,
    PROD_NO_LOCAL_PROVIDER,
    ROLE_IDS,
    ROLE_NAMES,
    DeploymentMode,
    EtagMismatch,
    Kind,
    ModelProfile,
    ModelRole,
    NotificationPreferences,
    PreferencesView,
    ProfileView,
    Resource,
    SettingsView,
    TenantSettings,
    check_mode_change,
    check_provider,
    effective_mode,
    guardrails,
    profile_not_found,
)
from somastack.settings.ports import Etags, SettingsStore, Stored

R = TypeVar("R", TenantSettings, ModelProfile, NotificationPreferences)

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
    """Reads and writes a tenant's settings resources; every write goes out as `settings.changed`.

    Updates take an edit, the change a request makes to the current content (the api layer builds it from the
    request's update mask); it runs after the etag check, on what is stored.
    """

    def __init__(
        self, store: SettingsStore, stage: Stage, *, etags: Etags, clock: Callable[[], float] = time.time
    ) -> None:
        self._store = store
        self._stage = stage
        self._etag = etags
        self._clock = clock

    # Tenant settings ------------------------------------------------------------------------------------------

    async def get_settings(self, name: str) -> SettingsView:
        tenant = parse(name, SETTINGS_NAME, field="name")["tenant"]
        stored = await self._store.get(tenant, Kind.SETTINGS, "")
        return self._settings_view(tenant, _content(stored, TenantSettings()), stored)

    async def update_settings(
        self, name: str, edit: Callable[[TenantSettings], TenantSettings], expected_etag: str = ""
    ) -> SettingsView:
        tenant = parse(name, SETTINGS_NAME, field="settings.name")["tenant"]
        name = settings_name(tenant)
        stored = await self._store.get(tenant, Kind.SETTINGS, "")
        current = _content(stored, TenantSettings())
        current_etag = self._etag(current)
        if expected_etag and expected_etag != current_etag:
            raise EtagMismatch(name, current_etag)
        merged = edit(current)
        validation.check(validation.settings_problems(merged))
        await self._check_mode(tenant, merged.deployment_mode)
        return self._settings_view(tenant, merged, await self._write(tenant, Kind.SETTINGS, "", name, merged, stored))

    async def _check_mode(self, tenant: str, mode: int) -> None:
        check_mode_change(mode, self._stage)
        effective = effective_mode(mode, self._stage)
        if PROD_NO_LOCAL_PROVIDER not in guardrails(effective, self._stage):
            return
        for stored in await self._store.list(tenant, Kind.MODEL_PROFILE):
            name = f"tenants/{tenant}/modelProfiles/{stored.key}"
            check_provider(
                _content(stored, ModelProfile()).provider,
                effective,
                self._stage,
                resource=name,
                detail=f"model profile {name!r} uses it; change its provider before switching to prod",
            )

    def _settings_view(self, tenant: str, settings: TenantSettings, stored: Stored | None) -> SettingsView:
        mode = effective_mode(settings.deployment_mode, self._stage)
        return SettingsView(
            name=settings_name(tenant),
            settings=settings,
            etag=self._etag(settings),
            updated_at=_updated_at(stored),
            effective_mode=mode,
            guardrails=guardrails(mode, self._stage),
        )

    async def _mode(self, tenant: str) -> DeploymentMode:
        settings = _content(await self._store.get(tenant, Kind.SETTINGS, ""), TenantSettings())
        return effective_mode(settings.deployment_mode, self._stage)

    # Model profiles -------------------------------------------------------------------------------------------

    async def get_profile(self, name: str) -> ProfileView:
        tenant, role = parse_profile_name(name, field="name")
        stored = await self._store.get(tenant, Kind.MODEL_PROFILE, ROLE_NAMES[role])
        if stored is None:
            raise profile_not_found(profile_name(tenant, role))
        return self._profile_view(tenant, role, _content(stored, ModelProfile()), stored)

    async def list_profiles(self, parent: str) -> list[ProfileView]:
        tenant = parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        views = [
            self._profile_view(tenant, ROLE_IDS[s.key], _content(s, ModelProfile()), s)
            for s in await self._store.list(tenant, Kind.MODEL_PROFILE)
        ]
        return sorted(views, key=lambda p: p.role)

    async def update_profile(
        self,
        name: str,
        edit: Callable[[ModelProfile], ModelProfile],
        expected_etag: str = "",
        *,
        allow_missing: bool = False,
    ) -> ProfileView:
        tenant, role = parse_profile_name(name, field="model_profile.name")
        name = profile_name(tenant, role)
        stored = await self._store.get(tenant, Kind.MODEL_PROFILE, ROLE_NAMES[role])
        if stored is None and not allow_missing:
            raise profile_not_found(name)
        if expected_etag and (stored is None or expected_etag != stored.etag):
            raise EtagMismatch(name, stored.etag if stored else "")
        merged = edit(_content(stored, ModelProfile()))
        validation.check(validation.profile_problems(merged))
        mode = await self._mode(tenant)
        check_provider(merged.provider, mode, self._stage, resource=name, detail=f"{name!r} cannot use it in prod")
        written = await self._write(tenant, Kind.MODEL_PROFILE, ROLE_NAMES[role], name, merged, stored)
        return self._profile_view(tenant, role, merged, written)

    def _profile_view(self, tenant: str, role: ModelRole, profile: ModelProfile, stored: Stored | None) -> ProfileView:
        return ProfileView(profile_name(tenant, role), role, profile, self._etag(profile), _updated_at(stored))

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
            change=Change(tenant, Kind.MODEL_PROFILE, name, "", deleted=True),
        )
        if conflict == "":
            raise profile_not_found(name)
        if conflict is not None:
            raise EtagMismatch(name, conflict)

    # Notification preferences ---------------------------------------------------------------------------------

    async def get_preferences(self, name: str) -> PreferencesView:
        values = parse(name, PREFERENCES_NAME, field="name")
        stored = await self._store.get(values["tenant"], Kind.NOTIFICATION_PREFERENCES, values["user"])
        return self._preferences_view(name, _content(stored, DEFAULT_PREFERENCES), stored)

    async def update_preferences(
        self, name: str, edit: Callable[[NotificationPreferences], NotificationPreferences], expected_etag: str = ""
    ) -> PreferencesView:
        values = parse(name, PREFERENCES_NAME, field="notification_preferences.name")
        tenant, user = values["tenant"], values["user"]
        stored = await self._store.get(tenant, Kind.NOTIFICATION_PREFERENCES, user)
        current = _content(stored, DEFAULT_PREFERENCES)
        current_etag = self._etag(current)
        if expected_etag and expected_etag != current_etag:
            raise EtagMismatch(name, current_etag)
        merged = edit(current)
        validation.check(validation.preferences_problems(merged))
        written = await self._write(tenant, Kind.NOTIFICATION_PREFERENCES, user, name, merged, stored)
        return self._preferences_view(name, merged, written)

    def _preferences_view(
        self, name: str, preferences: NotificationPreferences, stored: Stored | None
    ) -> PreferencesView:
        return PreferencesView(name, preferences, self._etag(preferences), _updated_at(stored))

    # Shared ---------------------------------------------------------------------------------------------------

    async def _write(
        self, tenant: str, kind: Kind, key: str, name: str, resource: Resource, stored: Stored | None
    ) -> Stored:
        """Stores `resource` unless it is what is stored already; raises ABORTED when it changed since it was read."""
        new_etag = self._etag(resource)
        if stored is not None and stored.etag == new_etag:
            return stored  # nothing changed: no write, no event
        record = Stored(key, resource, new_etag, self._clock())
        preferences = None
        if isinstance(resource, NotificationPreferences):
            # The change carries the preferences as stored, so consumers keep a copy without a call.
            preferences = self._preferences_view(name, resource, record)
        conflict = await self._store.put(
            tenant,
            kind,
            record,
            expected=stored.etag if stored is not None else None,
            change=Change(tenant, kind, name, new_etag, preferences=preferences),
        )
        if conflict is not None:
            raise EtagMismatch(name, conflict)
        return record


def _content(stored: Stored | None, default: R) -> R:
    """The resource `stored` holds, or `default` when nothing is stored; its type is the default's."""
    if stored is None:
        return default
    if not isinstance(stored.resource, type(default)):
        raise TypeError(f"stored {type(stored.resource).__name__}, expected {type(default).__name__}")
    return stored.resource


def _updated_at(stored: Stored | None) -> float | None:
    return stored.updated_at if stored is not None else None
