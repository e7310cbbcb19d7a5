"""Settings domain rules without storage: etags, guardrails, input checks, update masks.

Inputs are written as the messages a client sends and turned into domain resources by the codec, as the
servicer does.
"""

from __future__ import annotations

import pytest
from google.protobuf import duration_pb2, field_mask_pb2

from soma.common.v1 import common_pb2
from soma.settings.v1 import settings_pb2 as spb
from somastack.config import Stage
from somastack.platform.errors import FieldViolation, InvalidArgument
from somastack.settings import codec, model, validation


def test_every_reason_the_service_raises_is_in_the_catalogue() -> None:
    catalogue = {name.removeprefix("ERROR_REASON_") for name in common_pb2.ErrorReason.keys()}
    assert set(model.REASONS) <= catalogue


def test_etag_hashes_content_only() -> None:
    a = spb.Settings(display_time_zone="Europe/Paris", attributes={"b": "2", "a": "1"})
    b = spb.Settings(attributes={"a": "1", "b": "2"}, display_time_zone="Europe/Paris")
    b.name, b.etag, b.effective_mode = "tenants/acme/settings", "stale", spb.DEPLOYMENT_MODE_PROD
    b.guardrails.add(id="x")
    b.update_time.FromSeconds(5)
    assert codec.wire_etag(a) == codec.wire_etag(b)  # names, etags, times and derived fields do not count
    assert len(codec.wire_etag(a)) == 64
    assert codec.wire_etag(a) != codec.wire_etag(spb.Settings(display_time_zone="UTC", attributes={"a": "1", "b": "2"}))
    # A field at its default and an unset field mean the same on the wire, so they hash the same.
    assert codec.wire_etag(spb.Settings(data_retention_days=0)) == codec.wire_etag(spb.Settings())
    assert codec.wire_etag(spb.ModelProfile(provider="openai", model="m")) != codec.wire_etag(
        spb.ModelProfile(provider="openai")
    )


def test_roles_are_named_with_hyphens() -> None:
    assert model.ROLE_IDS["speech-recognition"] == spb.MODEL_ROLE_SPEECH_RECOGNITION
    assert model.ROLE_NAMES[spb.MODEL_ROLE_CHAT] == "chat"
    assert len(model.ROLE_IDS) == 6


def test_guardrails_follow_mode_and_stage() -> None:
    assert model.guardrails(spb.DEPLOYMENT_MODE_DEV, Stage.DEV) == ()
    assert model.guardrails(spb.DEPLOYMENT_MODE_STAGING, Stage.DEV) == ()
    prod = model.guardrails(spb.DEPLOYMENT_MODE_PROD, Stage.DEV)
    assert [g.id for g in prod] == ["prod-no-local-provider", "prod-signed-constitution"]
    assert [g.enforced for g in prod] == [True, False]  # constitutions are the constitution service's job
    assert model.PROD_STAGE_LOCKS_MODE in model.guardrails(spb.DEPLOYMENT_MODE_PROD, Stage.PROD)
    assert model.effective_mode(spb.DEPLOYMENT_MODE_UNSPECIFIED, Stage.STAGING) == spb.DEPLOYMENT_MODE_STAGING
    assert model.effective_mode(spb.DEPLOYMENT_MODE_PROD, Stage.DEV) == spb.DEPLOYMENT_MODE_PROD


def fields(violations: list[FieldViolation]) -> list[str]:
    return [v.field for v in violations]


def settings_problems(message: spb.Settings) -> list[FieldViolation]:
    return validation.settings_problems(codec.settings_of(message))


def profile_problems(message: spb.ModelProfile) -> list[FieldViolation]:
    return validation.profile_problems(codec.profile_of(message))


def preferences_problems(message: spb.NotificationPreferences) -> list[FieldViolation]:
    return validation.preferences_problems(codec.preferences_of(message))


def test_settings_checks() -> None:
    assert settings_problems(spb.Settings(display_time_zone="America/New_York", default_language="pt-BR")) == []
    bad = spb.Settings(
        display_time_zone="Mars/Olympus",
        data_retention_days=-1,
        deployment_mode=9,  # type: ignore[arg-type]
        default_language="English",
        attributes={"ok": "x", "bad key": "y", "long": "z" * 5000},
    )
    assert fields(settings_problems(bad)) == [
        "settings.display_time_zone",
        "settings.data_retention_days",
        "settings.deployment_mode",
        "settings.default_language",
        "settings.attributes[bad key]",
        "settings.attributes[long]",
    ]
    assert "IANA" in settings_problems(bad)[0].description


def test_profile_checks() -> None:
    good = spb.ModelProfile(provider="openai", model="gpt-4o-mini", base_url="https://api.openai.com/v1")
    good.timeout.CopyFrom(duration_pb2.Duration(seconds=30))
    assert profile_problems(good) == []
    assert fields(profile_problems(spb.ModelProfile())) == ["model_profile.provider", "model_profile.model"]
    bad = spb.ModelProfile(
        provider="skynet",
        model="m",
        base_url="ftp://x",
        temperature=3,
        max_tokens=-5,
        timeout=duration_pb2.Duration(seconds=3600),
    )
    assert fields(profile_problems(bad)) == [
        "model_profile.provider",
        "model_profile.base_url",
        "model_profile.temperature",
        "model_profile.max_tokens",
        "model_profile.timeout",
    ]


def test_preferences_checks() -> None:
    good = spb.NotificationPreferences(
        quiet_hours=spb.QuietHours(time_zone="Asia/Tokyo", start="22:00", end="07:30"),
        minimum_severity=spb.SEVERITY_WARNING,
        channels=spb.NotificationChannels(in_app=True, webhook_url="https://hooks.example/x", email="a@b.example"),
    )
    assert preferences_problems(good) == []
    bad = spb.NotificationPreferences(
        quiet_hours=spb.QuietHours(time_zone="Nowhere/Land", start="24:00", end="7:00"),
        channels=spb.NotificationChannels(webhook_url="not a url", email="nobody"),
    )
    assert fields(preferences_problems(bad)) == [
        "notification_preferences.quiet_hours.time_zone",
        "notification_preferences.quiet_hours.start",
        "notification_preferences.quiet_hours.end",
        "notification_preferences.channels.webhook_url",
        "notification_preferences.channels.email",
    ]
    empty = spb.NotificationPreferences(quiet_hours=spb.QuietHours(time_zone="UTC", start="08:00", end="08:00"))
    assert fields(preferences_problems(empty)) == ["notification_preferences.quiet_hours.end"]
    assert fields(preferences_problems(spb.NotificationPreferences(quiet_hours=spb.QuietHours()))) == [
        "notification_preferences.quiet_hours.time_zone",
        "notification_preferences.quiet_hours.start",
        "notification_preferences.quiet_hours.end",
    ]


def test_update_mask_merges_named_fields_and_refuses_the_rest() -> None:
    current = spb.Settings(display_time_zone="UTC", data_retention_days=30, attributes={"a": "1"})
    update = spb.Settings(display_time_zone="Europe/Paris", attributes={"b": "2"})
    merged = codec.apply_mask(
        current, update, field_mask_pb2.FieldMask(paths=["display_time_zone", "attributes"]), prefix="settings"
    )
    assert (merged.display_time_zone, merged.data_retention_days, dict(merged.attributes)) == (
        "Europe/Paris",
        30,
        {"b": "2"},
    )
    # No mask: every writable field comes from the update, unset ones clear.
    full = codec.apply_mask(current, update, field_mask_pb2.FieldMask(), prefix="settings")
    assert full.data_retention_days == 0 and full.display_time_zone == "Europe/Paris"
    with pytest.raises(InvalidArgument) as caught:
        codec.apply_mask(
            current, update, field_mask_pb2.FieldMask(paths=["etag", "nope", "display_time_zone"]), prefix="settings"
        )
    assert [v.field for v in caught.value.violations] == ["update_mask.paths[0]", "update_mask.paths[1]"]
    prefs = spb.NotificationPreferences(quiet_hours=spb.QuietHours(time_zone="UTC", start="22:00", end="06:00"))
    narrowed = codec.apply_mask(
        prefs,
        spb.NotificationPreferences(quiet_hours=spb.QuietHours(start="23:00")),
        field_mask_pb2.FieldMask(paths=["quiet_hours.start"]),
        prefix="notification_preferences",
    )
    assert (narrowed.quiet_hours.time_zone, narrowed.quiet_hours.start) == ("UTC", "23:00")
