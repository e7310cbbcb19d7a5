"""SettingsService through real Envoy, over gRPC and REST: CRUD, etags, guardrails, bad input, isolation, events."""

from __future__ import annotations

import time
import uuid

import grpc
import pytest
from google.protobuf import field_mask_pb2

from soma.events.v1.envelope_pb2 import Event
from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.settings.v1 import settings_pb2 as spb
from soma.settings.v1 import settings_service_pb2 as pb
from soma.settings.v1 import settings_service_pb2_grpc
from somastack.config import Settings
from somastack.platform.events import open_bus, payload_of
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"
MASK = field_mask_pb2.FieldMask


def stub(channel: grpc.Channel) -> settings_service_pb2_grpc.SettingsServiceStub:
    return settings_service_pb2_grpc.SettingsServiceStub(channel)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def refused(call: object) -> tuple[grpc.StatusCode, str, dict[str, str], list[tuple[str, str]]]:
    with pytest.raises(grpc.RpcError) as caught:
        call()  # type: ignore[operator]
    got = failure(caught.value)
    return got.code, got.reason, got.metadata, got.violations


def test_settings_and_profiles_over_grpc(any_mesh: Mesh, channel: grpc.Channel) -> None:
    settings = stub(channel)
    tenant = unique("set")
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant))
    name = f"tenants/{tenant}/settings"

    defaults = settings.GetSettings(pb.GetSettingsRequest(name=name), metadata=owner).settings
    assert defaults.name == name and defaults.etag and defaults.effective_mode == spb.DEPLOYMENT_MODE_DEV
    update = spb.Settings(name=name, display_time_zone="Europe/Paris", data_retention_days=30, attributes={"a": "1"})
    written = settings.UpdateSettings(
        pb.UpdateSettingsRequest(settings=update, etag=defaults.etag), metadata=owner
    ).settings
    assert (written.display_time_zone, written.data_retention_days) == ("Europe/Paris", 30)
    assert written.etag != defaults.etag and written.update_time.seconds > 0
    partial = settings.UpdateSettings(
        pb.UpdateSettingsRequest(
            settings=spb.Settings(name=name, default_language="fr"), update_mask=MASK(paths=["default_language"])
        ),
        metadata=owner,
    ).settings
    assert (partial.display_time_zone, partial.default_language) == ("Europe/Paris", "fr")

    code, reason, metadata, _ = refused(
        lambda: settings.UpdateSettings(pb.UpdateSettingsRequest(settings=update, etag=written.etag), metadata=owner)
    )
    assert (code, reason, metadata["currentEtag"]) == (grpc.StatusCode.ABORTED, "ETAG_MISMATCH", partial.etag)

    code, reason, _, violations = refused(
        lambda: settings.UpdateSettings(
            pb.UpdateSettingsRequest(
                settings=spb.Settings(name=name, display_time_zone="Moon/Base", data_retention_days=-3),
                update_mask=MASK(paths=["display_time_zone", "data_retention_days", "etag"]),
            ),
            metadata=owner,
        )
    )
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID")
    assert [f for f, _ in violations] == ["update_mask.paths[2]"]
    code, _, _, violations = refused(
        lambda: settings.UpdateSettings(
            pb.UpdateSettingsRequest(settings=spb.Settings(name=name, display_time_zone="Moon/Base")), metadata=owner
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "settings.display_time_zone"
    code, _, _, violations = refused(lambda: settings.GetSettings(pb.GetSettingsRequest(), metadata=owner))
    assert (code, violations) == (grpc.StatusCode.INVALID_ARGUMENT, [("name", "required field is missing")])

    # Model profiles: create by role, read, list, update, delete; unknown roles are bad input.
    chat = f"tenants/{tenant}/modelProfiles/chat"
    profile = spb.ModelProfile(name=chat, provider="local", model="echo", temperature=0.2)
    code, reason, _, _ = refused(
        lambda: settings.UpdateModelProfile(pb.UpdateModelProfileRequest(model_profile=profile), metadata=owner)
    )
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "MODEL_PROFILE_NOT_FOUND")
    created = settings.UpdateModelProfile(
        pb.UpdateModelProfileRequest(model_profile=profile, allow_missing=True), metadata=owner
    ).model_profile
    assert created.role == spb.MODEL_ROLE_CHAT and created.etag
    got = settings.GetModelProfile(pb.GetModelProfileRequest(name=chat), metadata=owner).model_profile
    assert got == created
    listed = settings.ListModelProfiles(pb.ListModelProfilesRequest(parent=f"tenants/{tenant}"), metadata=owner)
    assert [p.name for p in listed.model_profiles] == [chat]
    code, reason, _, violations = refused(
        lambda: settings.GetModelProfile(
            pb.GetModelProfileRequest(name=f"tenants/{tenant}/modelProfiles/poetry"), metadata=owner
        )
    )
    assert (code, reason, violations[0][0]) == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID", "name")
    code, _, _, violations = refused(
        lambda: settings.DeleteModelProfile(
            pb.DeleteModelProfileRequest(name=f"tenants/{tenant}/modelProfiles/poetry"), metadata=owner
        )
    )
    assert (code, violations[0][0]) == (grpc.StatusCode.INVALID_ARGUMENT, "name")
    code, _, _, violations = refused(
        lambda: settings.ListModelProfiles(
            pb.ListModelProfilesRequest(parent=f"tenants/{tenant}/settings"), metadata=owner
        )
    )
    assert (code, violations[0][0]) == (grpc.StatusCode.INVALID_ARGUMENT, "parent")
    code, _, _, violations = refused(
        lambda: settings.UpdateModelProfile(
            pb.UpdateModelProfileRequest(
                model_profile=spb.ModelProfile(name=chat, provider="skynet", temperature=9),
                update_mask=MASK(paths=["provider", "temperature"]),
            ),
            metadata=owner,
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in violations] == ["model_profile.provider", "model_profile.temperature"]

    # Prod guardrails: the local provider blocks the switch, naming the guardrail.
    prod = pb.UpdateSettingsRequest(
        settings=spb.Settings(name=name, deployment_mode=spb.DEPLOYMENT_MODE_PROD),
        update_mask=MASK(paths=["deployment_mode"]),
    )
    code, reason, metadata, _ = refused(lambda: settings.UpdateSettings(prod, metadata=owner))
    assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "GUARDRAIL_VIOLATED")
    assert metadata["guardrail"] == "prod-no-local-provider" and metadata["resource"] == chat
    moved = settings.UpdateModelProfile(
        pb.UpdateModelProfileRequest(
            model_profile=spb.ModelProfile(name=chat, provider="openai", model="gpt-4o-mini"),
            update_mask=MASK(paths=["provider", "model"]),
            etag=created.etag,
        ),
        metadata=owner,
    ).model_profile
    assert (moved.provider, moved.temperature) == ("openai", pytest.approx(0.2))
    now_prod = settings.UpdateSettings(prod, metadata=owner).settings
    assert now_prod.effective_mode == spb.DEPLOYMENT_MODE_PROD
    assert {g.id: g.enforced for g in now_prod.guardrails} == {
        "prod-no-local-provider": True,
        "prod-signed-constitution": False,
    }
    code, reason, metadata, _ = refused(
        lambda: settings.UpdateModelProfile(
            pb.UpdateModelProfileRequest(
                model_profile=spb.ModelProfile(
                    name=f"tenants/{tenant}/modelProfiles/code", provider="local", model="x"
                ),
                allow_missing=True,
            ),
            metadata=owner,
        )
    )
    assert (code, reason, metadata["guardrail"]) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "GUARDRAIL_VIOLATED",
        "prod-no-local-provider",
    )

    code, reason, _, _ = refused(
        lambda: settings.DeleteModelProfile(pb.DeleteModelProfileRequest(name=chat, etag=created.etag), metadata=owner)
    )
    assert (code, reason) == (grpc.StatusCode.ABORTED, "ETAG_MISMATCH")
    settings.DeleteModelProfile(pb.DeleteModelProfileRequest(name=chat, etag=moved.etag), metadata=owner)
    code, reason, _, _ = refused(
        lambda: settings.DeleteModelProfile(pb.DeleteModelProfileRequest(name=chat), metadata=owner)
    )
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "MODEL_PROFILE_NOT_FOUND")


def test_notification_preferences_over_grpc(any_mesh: Mesh, channel: grpc.Channel) -> None:
    settings = stub(channel)
    tenant = unique("notif")
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant))
    name = f"tenants/{tenant}/users/olga/notificationPreferences"
    defaults = settings.GetNotificationPreferences(
        pb.GetNotificationPreferencesRequest(name=name), metadata=owner
    ).notification_preferences
    assert defaults.channels.in_app and not defaults.HasField("quiet_hours")
    update = spb.NotificationPreferences(
        name=name,
        quiet_hours=spb.QuietHours(time_zone="America/New_York", start="22:00", end="07:00"),
        minimum_severity=spb.SEVERITY_WARNING,
        channels=spb.NotificationChannels(in_app=True, webhook_url="https://hooks.example/soma", email="o@x.example"),
    )
    written = settings.UpdateNotificationPreferences(
        pb.UpdateNotificationPreferencesRequest(notification_preferences=update, etag=defaults.etag), metadata=owner
    ).notification_preferences
    assert written.quiet_hours.time_zone == "America/New_York" and written.etag != defaults.etag
    code, reason, _, _ = refused(
        lambda: settings.UpdateNotificationPreferences(
            pb.UpdateNotificationPreferencesRequest(notification_preferences=update, etag=defaults.etag),
            metadata=owner,
        )
    )
    assert (code, reason) == (grpc.StatusCode.ABORTED, "ETAG_MISMATCH")
    bad = spb.NotificationPreferences(
        name=name,
        quiet_hours=spb.QuietHours(time_zone="Gotham/City", start="25:00", end="25:00"),
        channels=spb.NotificationChannels(email="not-an-address"),
    )
    code, reason, _, violations = refused(
        lambda: settings.UpdateNotificationPreferences(
            pb.UpdateNotificationPreferencesRequest(notification_preferences=bad), metadata=owner
        )
    )
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID")
    assert [f for f, _ in violations] == [
        "notification_preferences.quiet_hours.time_zone",
        "notification_preferences.quiet_hours.start",
        "notification_preferences.quiet_hours.end",
        "notification_preferences.channels.email",
    ]
    code, _, _, violations = refused(
        lambda: settings.GetNotificationPreferences(
            pb.GetNotificationPreferencesRequest(name=f"tenants/{tenant}/users/olga"), metadata=owner
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "name"


def test_tenant_isolation_and_member_rights(any_mesh: Mesh, channel: grpc.Channel) -> None:
    settings = stub(channel)
    acme, globex = unique("acme"), unique("globex")
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, acme))
    stranger = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, globex))
    chat = f"tenants/{acme}/modelProfiles/chat"
    settings.UpdateModelProfile(
        pb.UpdateModelProfileRequest(
            model_profile=spb.ModelProfile(name=chat, provider="openai", model="m"), allow_missing=True
        ),
        metadata=owner,
    )
    prefs = f"tenants/{acme}/users/olga/notificationPreferences"
    for call in (
        lambda: settings.GetSettings(pb.GetSettingsRequest(name=f"tenants/{acme}/settings"), metadata=stranger),
        lambda: settings.UpdateSettings(
            pb.UpdateSettingsRequest(settings=spb.Settings(name=f"tenants/{acme}/settings")), metadata=stranger
        ),
        lambda: settings.GetModelProfile(pb.GetModelProfileRequest(name=chat), metadata=stranger),
        lambda: settings.ListModelProfiles(pb.ListModelProfilesRequest(parent=f"tenants/{acme}"), metadata=stranger),
        lambda: settings.UpdateModelProfile(
            pb.UpdateModelProfileRequest(model_profile=spb.ModelProfile(name=chat, provider="openai", model="x")),
            metadata=stranger,
        ),
        lambda: settings.DeleteModelProfile(pb.DeleteModelProfileRequest(name=chat), metadata=stranger),
        lambda: settings.GetNotificationPreferences(
            pb.GetNotificationPreferencesRequest(name=prefs), metadata=stranger
        ),
        lambda: settings.UpdateNotificationPreferences(
            pb.UpdateNotificationPreferencesRequest(notification_preferences=spb.NotificationPreferences(name=prefs)),
            metadata=stranger,
        ),
    ):
        code, reason, _, _ = refused(call)
        assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "TENANT_MISMATCH")

    # A member reads settings but does not change them.
    identity(channel).CreateUser(
        ipb.CreateUserRequest(
            parent=f"tenants/{acme}",
            user_id="mia",
            user=identity_pb2.User(display_name="Mia"),
            role=identity_pb2.ROLE_MEMBER,
        ),
        metadata=bearer(any_mesh.admin_token),
    )
    member = bearer(
        identity(channel)
        .IssueToken(ipb.IssueTokenRequest(user=f"tenants/{acme}/users/mia"), metadata=bearer(any_mesh.admin_token))
        .access_token
    )
    assert settings.GetModelProfile(pb.GetModelProfileRequest(name=chat), metadata=member).model_profile.model == "m"
    code, reason, metadata, _ = refused(
        lambda: settings.UpdateSettings(
            pb.UpdateSettingsRequest(settings=spb.Settings(name=f"tenants/{acme}/settings")), metadata=member
        )
    )
    assert (code, reason, metadata["capability"]) == (
        grpc.StatusCode.PERMISSION_DENIED,
        "CAPABILITY_MISSING",
        "settings.write",
    )
    code, reason, _, _ = refused(lambda: settings.GetSettings(pb.GetSettingsRequest(name=f"tenants/{acme}/settings")))
    assert (code, reason) == (grpc.StatusCode.UNAUTHENTICATED, "TOKEN_MISSING")


def test_the_same_over_rest(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("rest")
    owner = {"authorization": f"Bearer {ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)}"}
    stranger = {"authorization": f"Bearer {ensure_tenant_with_owner(channel, any_mesh.admin_token, unique('other'))}"}
    with any_mesh.http(timeout=10) as http:
        got = http.get(f"/v1/tenants/{tenant}/settings", headers=owner)
        assert got.status_code == 200, got.text
        etag = got.json()["settings"]["etag"]
        patched = http.patch(
            f"/v1/tenants/{tenant}/settings",
            params={"updateMask": "displayTimeZone,attributes", "etag": etag},
            json={"displayTimeZone": "Asia/Tokyo", "attributes": {"theme": "dark"}},
            headers=owner,
        )
        assert patched.status_code == 200, patched.text
        body = patched.json()["settings"]
        assert body["displayTimeZone"] == "Asia/Tokyo" and body["attributes"] == {"theme": "dark"}
        assert body["effectiveMode"] == "DEPLOYMENT_MODE_DEV"

        stale = http.patch(
            f"/v1/tenants/{tenant}/settings",
            params={"etag": etag},
            json={"displayTimeZone": "UTC"},
            headers=owner,
        )
        assert stale.status_code == 409, stale.text
        info = next(d for d in stale.json()["details"] if d["@type"] == ERROR_INFO)
        assert info["reason"] == "ETAG_MISMATCH" and info["metadata"]["currentEtag"] == body["etag"]

        profile = http.patch(
            f"/v1/tenants/{tenant}/modelProfiles/speech-recognition",
            params={"allowMissing": "true"},
            json={"provider": "openai", "model": "whisper-1", "timeout": "30s"},
            headers=owner,
        )
        assert profile.status_code == 200, profile.text
        assert profile.json()["modelProfile"]["role"] == "MODEL_ROLE_SPEECH_RECOGNITION"
        listed = http.get(f"/v1/tenants/{tenant}/modelProfiles", headers=owner).json()
        assert [p["name"] for p in listed["modelProfiles"]] == [f"tenants/{tenant}/modelProfiles/speech-recognition"]

        bad = http.patch(
            f"/v1/tenants/{tenant}/users/olga/notificationPreferences",
            json={"quietHours": {"timeZone": "Not/AZone", "start": "22:00", "end": "06:00"}},
            headers=owner,
        )
        assert bad.status_code == 400, bad.text
        violations = next(d for d in bad.json()["details"] if d["@type"] == BAD_REQUEST)["fieldViolations"]
        assert violations[0]["field"] == "notification_preferences.quiet_hours.time_zone"

        unknown = http.get(f"/v1/tenants/{tenant}/modelProfiles/haiku", headers=owner)
        assert unknown.status_code == 400, unknown.text
        deleted = http.delete(f"/v1/tenants/{tenant}/modelProfiles/speech-recognition", headers=owner)
        assert deleted.status_code == 200, deleted.text
        missing = http.get(f"/v1/tenants/{tenant}/modelProfiles/speech-recognition", headers=owner)
        assert missing.status_code == 404

        denied = http.get(f"/v1/tenants/{tenant}/settings", headers=stranger)
        assert denied.status_code == 403
        assert next(d for d in denied.json()["details"] if d["@type"] == ERROR_INFO)["reason"] == "TENANT_MISMATCH"


async def test_settings_changed_reaches_consumers(mesh: Mesh) -> None:
    tenant = unique("evt")
    name = f"tenants/{tenant}/settings"
    with mesh.channel() as channel:
        owner = bearer(ensure_tenant_with_owner(channel, mesh.admin_token, tenant))
        written = (
            stub(channel)
            .UpdateSettings(
                pb.UpdateSettingsRequest(settings=spb.Settings(name=name, data_retention_days=14)), metadata=owner
            )
            .settings
        )
    # An independent consumer: a fresh group starts at the topic's earliest record.
    bus = open_bus(Settings(home=mesh.home), client_id="settings-test")
    subscription = await bus.subscribe(unique("it"), ["settings.changed"])
    found: tuple[spb.SettingsChanged, Event] | None = None
    deadline = time.monotonic() + 20
    try:
        while found is None and time.monotonic() < deadline:
            for delivery in await subscription.next(500, max_wait=0.5):
                event = Event.FromString(delivery.record.value)
                payload = payload_of(event, spb.SettingsChanged)
                if payload is not None and payload.name == name:
                    found = (payload, event)
    finally:
        await subscription.close()
        await bus.close()
    assert found is not None
    changed, event = found
    assert (changed.tenant, changed.kind, changed.etag) == (tenant, spb.CHANGE_KIND_SETTINGS, written.etag)
    assert event.type == "soma.settings.v1.SettingsChanged" and event.tenant == tenant and event.subject == name
    assert event.request_id
