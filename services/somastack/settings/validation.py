"""Input checks of the settings resources: each problem becomes a field violation naming the request field."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Mapping
from enum import IntEnum
from urllib.parse import urlsplit

from somastack.platform.errors import FieldViolation, InvalidArgument
from somastack.settings.model import (
    PROVIDERS,
    DeploymentMode,
    ModelProfile,
    NotificationChannels,
    NotificationPreferences,
    Severity,
    TenantSettings,
)

MAX_RETENTION_DAYS = 36500
MAX_ATTRIBUTES = 100
MAX_VALUE_CHARS = 4096
MAX_TIMEOUT_SECONDS = 600
ATTRIBUTE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def time_zone_problem(value: str) -> str | None:
    """Why `value` is not an IANA time zone, or None when it is one."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f"{value!r} is not an IANA time zone such as 'Europe/Paris' or 'UTC'"
    return None


def _http_url_problem(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{value!r} is not an http(s) URL"
    return None


def _enum_problem(value: int, enum: type[IntEnum], name: str) -> str | None:
    if value not in {member.value for member in enum}:
        return f"{value} is not a {name} value"
    return None


def settings_problems(settings: TenantSettings, prefix: str = "settings") -> list[FieldViolation]:
    out: list[FieldViolation] = []
    if settings.display_time_zone and (problem := time_zone_problem(settings.display_time_zone)):
        out.append(FieldViolation(f"{prefix}.display_time_zone", problem))
    if not 0 <= settings.data_retention_days <= MAX_RETENTION_DAYS:
        out.append(FieldViolation(f"{prefix}.data_retention_days", f"must be between 0 and {MAX_RETENTION_DAYS} days"))
    if problem := _enum_problem(settings.deployment_mode, DeploymentMode, "DeploymentMode"):
        out.append(FieldViolation(f"{prefix}.deployment_mode", problem))
    if settings.default_language and not LANGUAGE.match(settings.default_language):
        out.append(FieldViolation(f"{prefix}.default_language", f"{settings.default_language!r} is not a BCP 47 tag"))
    out += _map_problems(settings.attributes, f"{prefix}.attributes")
    return out


def _map_problems(items: Mapping[str, str], field: str) -> list[FieldViolation]:
    out: list[FieldViolation] = []
    if len(items) > MAX_ATTRIBUTES:
        out.append(FieldViolation(field, f"at most {MAX_ATTRIBUTES} keys, got {len(items)}"))
    for key, value in sorted(items.items()):
        if not ATTRIBUTE_KEY.match(key):
            out.append(
                FieldViolation(f"{field}[{key}]", "keys are 1 to 64 letters, digits, dots, hyphens, underscores")
            )
        elif len(value) > MAX_VALUE_CHARS:
            out.append(FieldViolation(f"{field}[{key}]", f"values are at most {MAX_VALUE_CHARS} characters"))
    return out


def profile_problems(profile: ModelProfile, prefix: str = "model_profile") -> list[FieldViolation]:
    out: list[FieldViolation] = []
    if not profile.provider:
        out.append(FieldViolation(f"{prefix}.provider", "required field is missing"))
    elif profile.provider not in PROVIDERS:
        out.append(
            FieldViolation(f"{prefix}.provider", f"{profile.provider!r} is not one of {', '.join(sorted(PROVIDERS))}")
        )
    if not profile.model:
        out.append(FieldViolation(f"{prefix}.model", "required field is missing"))
    elif len(profile.model) > 200:
        out.append(FieldViolation(f"{prefix}.model", "at most 200 characters"))
    if profile.base_url and (problem := _http_url_problem(profile.base_url)):
        out.append(FieldViolation(f"{prefix}.base_url", problem))
    if not 0.0 <= profile.temperature <= 2.0:
        out.append(FieldViolation(f"{prefix}.temperature", "must be between 0 and 2"))
    if profile.max_tokens < 0:
        out.append(FieldViolation(f"{prefix}.max_tokens", "must not be negative"))
    if profile.timeout is not None:
        seconds = profile.timeout.total_seconds
        if not 0 < seconds <= MAX_TIMEOUT_SECONDS or not 0 <= profile.timeout.nanos < 1_000_000_000:
            out.append(FieldViolation(f"{prefix}.timeout", f"must be positive and at most {MAX_TIMEOUT_SECONDS}s"))
    out += _map_problems(profile.parameters, f"{prefix}.parameters")
    return out


def preferences_problems(
    preferences: NotificationPreferences, prefix: str = "notification_preferences"
) -> list[FieldViolation]:
    out: list[FieldViolation] = []
    if (quiet := preferences.quiet_hours) is not None:
        field = f"{prefix}.quiet_hours"
        if not quiet.time_zone:
            out.append(FieldViolation(f"{field}.time_zone", "required field is missing"))
        elif problem := time_zone_problem(quiet.time_zone):
            out.append(FieldViolation(f"{field}.time_zone", problem))
        for name, value in (("start", quiet.start), ("end", quiet.end)):
            if not CLOCK.match(value):
                out.append(FieldViolation(f"{field}.{name}", f"{value!r} is not a time of day HH:MM (00:00-23:59)"))
        if CLOCK.match(quiet.start) and quiet.start == quiet.end:
            out.append(FieldViolation(f"{field}.end", "must differ from start: an empty window is no window"))
    if problem := _enum_problem(preferences.minimum_severity, Severity, "Severity"):
        out.append(FieldViolation(f"{prefix}.minimum_severity", problem))
    channels = preferences.channels or NotificationChannels()
    if channels.webhook_url and (problem := _http_url_problem(channels.webhook_url)):
        out.append(FieldViolation(f"{prefix}.channels.webhook_url", problem))
    if channels.email and not EMAIL.match(channels.email):
        out.append(FieldViolation(f"{prefix}.channels.email", f"{channels.email!r} is not an email address"))
    return out


def check(problems: list[FieldViolation]) -> None:
    if problems:
        raise InvalidArgument(*problems)
