"""Settings use cases on a real SQLite or PostgreSQL store, with the real outbox and event log."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from google.protobuf import field_mask_pb2

from soma.events.v1.envelope_pb2 import Event
from soma.settings.v1 import settings_pb2 as spb
from somastack.config import Settings, Stage
from somastack.platform.db import create_engine
from somastack.platform.errors import Aborted, FailedPrecondition, InvalidArgument, NotFound
from somastack.platform.events import EmbeddedLogBus, OutboxRelay, payload_of
from somastack.platform.migrations import upgrade_async
from somastack.settings import codec
from somastack.settings.adapters.sql_store import SqlSettingsStore, outbox
from somastack.settings.codec import EVENT_TYPE, TOPIC
from somastack.settings.events import Change
from somastack.settings.model import (
    ETAG_MISMATCH,
    GUARDRAIL_VIOLATED,
    MODEL_PROFILE_NOT_FOUND,
    Kind,
    TenantSettings,
)
from somastack.settings.ports import Stored
from somastack.settings.service import SettingsBook
from tests.conftest import require_env

MASK = field_mask_pb2.FieldMask
NAME = "tenants/acme/settings"
CHAT = "tenants/acme/modelProfiles/chat"
PREFS = "tenants/acme/users/olga/notificationPreferences"


@dataclass
class WireBook:
    """The use cases as the servicer drives them: messages in, messages out, through the codec both ways."""

    book: SettingsBook

    async def get_settings(self, name: str) -> spb.Settings:
        return codec.settings_view_pb(await self.book.get_settings(name))

    async def update_settings(
        self, update: spb.Settings, mask: field_mask_pb2.FieldMask, expected_etag: str = ""
    ) -> spb.Settings:
        view = await self.book.update_settings(update.name, codec.settings_edit(update, mask), expected_etag)
        return codec.settings_view_pb(view)

    async def get_profile(self, name: str) -> spb.ModelProfile:
        return codec.profile_view_pb(await self.book.get_profile(name))

    async def list_profiles(self, parent: str) -> list[spb.ModelProfile]:
        return [codec.profile_view_pb(view) for view in await self.book.list_profiles(parent)]

    async def update_profile(
        self,
        update: spb.ModelProfile,
        mask: field_mask_pb2.FieldMask,
        expected_etag: str = "",
        *,
        allow_missing: bool = False,
    ) -> spb.ModelProfile:
        edit = codec.profile_edit(update, mask)
        view = await self.book.update_profile(update.name, edit, expected_etag, allow_missing=allow_missing)
        return codec.profile_view_pb(view)

    async def delete_profile(self, name: str, expected_etag: str = "") -> None:
        await self.book.delete_profile(name, expected_etag)

    async def get_preferences(self, name: str) -> spb.NotificationPreferences:
        return codec.preferences_view_pb(await self.book.get_preferences(name))

    async def update_preferences(
        self, update: spb.NotificationPreferences, mask: field_mask_pb2.FieldMask, expected_etag: str = ""
    ) -> spb.NotificationPreferences:
        view = await self.book.update_preferences(update.name, codec.preferences_edit(update, mask), expected_etag)
        return codec.preferences_view_pb(view)


@dataclass
class World:
    store: SqlSettingsStore
    relay: OutboxRelay
    bus: EmbeddedLogBus

    def book(self, stage: Stage = Stage.DEV) -> WireBook:
        return WireBook(SettingsBook(self.store, stage, etags=codec.etag, clock=lambda: 1_700_000_000.5))

    async def events(self) -> list[tuple[Event, spb.SettingsChanged]]:
        await self.relay.relay_once()
        subscription = await self.bus.subscribe(f"g-{uuid.uuid4().hex[:6]}", [TOPIC])
        try:
            deliveries = await subscription.next(100, max_wait=0.5)
        finally:
            await subscription.close()
        out = []
        for delivery in deliveries:
            event = Event.FromString(delivery.record.value)
            payload = payload_of(event, spb.SettingsChanged)
            assert payload is not None and event.type == EVENT_TYPE
            out.append((event, payload))
        return out


@pytest.fixture(params=["sqlite", "postgres"])
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    url = require_env("SOMA_TEST_POSTGRES_URL") if request.param == "postgres" else None
    settings = Settings(home=tmp_path, database_url=url, db_schema_prefix=f"t{uuid.uuid4().hex[:8]}_")
    await upgrade_async(settings, "settings")
    engine = create_engine(settings, "settings")
    bus = EmbeddedLogBus(tmp_path / "events.db")
    yield World(SqlSettingsStore(engine), OutboxRelay(engine, outbox, bus, domain="settings"), bus)
    await bus.close()
    await engine.dispose()


async def test_settings_defaults_update_etag_and_event(world: World) -> None:
    book = world.book()
    defaults = await book.get_settings(NAME)
    assert (
        defaults.name == NAME
        and defaults.etag == codec.wire_etag(spb.Settings())
        and not defaults.HasField("update_time")
    )
    assert defaults.effective_mode == spb.DEPLOYMENT_MODE_DEV and not defaults.guardrails

    update = spb.Settings(name=NAME, display_time_zone="Europe/Paris", data_retention_days=90, attributes={"k": "v"})
    written = await book.update_settings(update, MASK(), defaults.etag)
    assert written.display_time_zone == "Europe/Paris" and written.etag != defaults.etag
    assert written.update_time.seconds == 1_700_000_000
    assert await book.get_settings(NAME) == written

    # A partial update keeps what the mask does not name.
    narrowed = await book.update_settings(
        spb.Settings(name=NAME, data_retention_days=7), MASK(paths=["data_retention_days"])
    )
    assert (narrowed.display_time_zone, narrowed.data_retention_days) == ("Europe/Paris", 7)

    with pytest.raises(Aborted) as stale:
        await book.update_settings(update, MASK(), written.etag)
    assert stale.value.reason == ETAG_MISMATCH and stale.value.metadata["currentEtag"] == narrowed.etag

    # Writing the same content again changes nothing and announces nothing.
    same = await book.update_settings(
        spb.Settings(name=NAME, data_retention_days=7), MASK(paths=["data_retention_days"])
    )
    assert same.etag == narrowed.etag
    events = await world.events()
    assert [(p.kind, p.name, p.etag) for _, p in events] == [
        (spb.CHANGE_KIND_SETTINGS, NAME, written.etag),
        (spb.CHANGE_KIND_SETTINGS, NAME, narrowed.etag),
    ]
    assert all(e.tenant == "acme" and e.subject == NAME for e, _ in events)


async def test_model_profiles_crud(world: World) -> None:
    book = world.book()
    with pytest.raises(NotFound) as missing:
        await book.get_profile(CHAT)
    assert missing.value.reason == MODEL_PROFILE_NOT_FOUND
    with pytest.raises(NotFound):
        await book.update_profile(spb.ModelProfile(name=CHAT, provider="openai", model="m"), MASK())
    chat = await book.update_profile(
        spb.ModelProfile(name=CHAT, provider="openai", model="gpt-4o"), MASK(), allow_missing=True
    )
    assert chat.role == spb.MODEL_ROLE_CHAT and chat.etag
    code = await book.update_profile(
        spb.ModelProfile(name="tenants/acme/modelProfiles/code", provider="local", model="echo"),
        MASK(),
        allow_missing=True,
    )
    listed = await book.list_profiles("tenants/acme")
    assert [p.name for p in listed] == [CHAT, code.name] and listed[0] == chat
    warmer = await book.update_profile(
        spb.ModelProfile(name=CHAT, temperature=0.7), MASK(paths=["temperature"]), chat.etag
    )
    assert (warmer.model, warmer.temperature) == ("gpt-4o", 0.7)
    with pytest.raises(Aborted):
        await book.update_profile(spb.ModelProfile(name=CHAT, temperature=0.1), MASK(paths=["temperature"]), chat.etag)
    with pytest.raises(Aborted):
        await book.delete_profile(CHAT, chat.etag)
    await book.delete_profile(CHAT, warmer.etag)
    with pytest.raises(NotFound):
        await book.delete_profile(CHAT)
    with pytest.raises(InvalidArgument) as unknown:
        await book.get_profile("tenants/acme/modelProfiles/poetry")
    assert (
        unknown.value.violations[0].field == "name" and "unknown model role" in unknown.value.violations[0].description
    )
    events = [p for _, p in await world.events()]
    assert events[-1].deleted and events[-1].name == CHAT and events[-1].etag == ""


async def test_prod_guardrails(world: World) -> None:
    book = world.book()
    await book.update_profile(spb.ModelProfile(name=CHAT, provider="local", model="echo"), MASK(), allow_missing=True)
    prod = spb.Settings(name=NAME, deployment_mode=spb.DEPLOYMENT_MODE_PROD)
    with pytest.raises(FailedPrecondition) as refused:
        await book.update_settings(prod, MASK(paths=["deployment_mode"]))
    assert (
        refused.value.reason == GUARDRAIL_VIOLATED and refused.value.metadata["guardrail"] == "prod-no-local-provider"
    )
    assert refused.value.metadata["resource"] == CHAT
    await book.update_profile(spb.ModelProfile(name=CHAT, provider="anthropic", model="claude"), MASK())
    switched = await book.update_settings(prod, MASK(paths=["deployment_mode"]))
    assert switched.effective_mode == spb.DEPLOYMENT_MODE_PROD
    assert [g.id for g in switched.guardrails] == ["prod-no-local-provider", "prod-signed-constitution"]
    with pytest.raises(FailedPrecondition) as local:
        await book.update_profile(spb.ModelProfile(name=CHAT, provider="local"), MASK(paths=["provider"]))
    assert local.value.metadata == {"guardrail": "prod-no-local-provider", "resource": CHAT, "provider": "local"}

    # A mesh in stage prod: every tenant is prod, whatever it set, and cannot switch to dev.
    prod_mesh = world.book(Stage.PROD)
    with pytest.raises(FailedPrecondition) as locked:
        await prod_mesh.update_settings(
            spb.Settings(name="tenants/beta/settings", deployment_mode=spb.DEPLOYMENT_MODE_DEV), MASK()
        )
    assert locked.value.metadata["guardrail"] == "prod-stage-locks-mode"
    beta = await prod_mesh.get_settings("tenants/beta/settings")
    assert beta.effective_mode == spb.DEPLOYMENT_MODE_PROD
    with pytest.raises(FailedPrecondition):
        await prod_mesh.update_profile(
            spb.ModelProfile(name="tenants/beta/modelProfiles/chat", provider="local", model="x"),
            MASK(),
            allow_missing=True,
        )


async def test_notification_preferences(world: World) -> None:
    book = world.book()
    defaults = await book.get_preferences(PREFS)
    assert defaults.channels.in_app and not defaults.HasField("quiet_hours") and defaults.etag
    update = spb.NotificationPreferences(
        name=PREFS,
        quiet_hours=spb.QuietHours(time_zone="Europe/Berlin", start="22:00", end="06:00"),
        minimum_severity=spb.SEVERITY_ERROR,
    )
    written = await book.update_preferences(update, MASK(paths=["quiet_hours", "minimum_severity"]), defaults.etag)
    assert written.channels.in_app and written.quiet_hours.time_zone == "Europe/Berlin"
    assert await book.get_preferences(PREFS) == written
    with pytest.raises(Aborted):
        await book.update_preferences(update, MASK(), defaults.etag)
    with pytest.raises(InvalidArgument) as bad:
        await book.update_preferences(
            spb.NotificationPreferences(name=PREFS, quiet_hours=spb.QuietHours(time_zone="Berlin", start="1", end="2")),
            MASK(paths=["quiet_hours"]),
        )
    assert [v.field for v in bad.value.violations] == [
        "notification_preferences.quiet_hours.time_zone",
        "notification_preferences.quiet_hours.start",
        "notification_preferences.quiet_hours.end",
    ]
    with pytest.raises(InvalidArgument) as malformed:
        await book.get_preferences("tenants/acme/users/olga")
    assert malformed.value.violations[0].field == "name"
    assert (await world.events())[-1][1].kind == spb.CHANGE_KIND_NOTIFICATION_PREFERENCES


async def test_preference_events_carry_the_preferences_as_stored(world: World) -> None:
    """Every NOTIFICATION_PREFERENCES change carries the whole stored preferences; other kinds carry none."""
    book = world.book()
    first = await book.update_preferences(
        spb.NotificationPreferences(name=PREFS, minimum_severity=spb.SEVERITY_WARNING), MASK(paths=["minimum_severity"])
    )
    second = await book.update_preferences(
        spb.NotificationPreferences(
            name=PREFS, channels=spb.NotificationChannels(webhook_url="https://hooks.example.com/x")
        ),
        MASK(paths=["channels"]),
    )
    await book.update_settings(spb.Settings(name=NAME, data_retention_days=3), MASK(paths=["data_retention_days"]))
    changes = [p for _, p in await world.events()]
    prefs = [p for p in changes if p.kind == spb.CHANGE_KIND_NOTIFICATION_PREFERENCES]
    assert [p.notification_preferences for p in prefs] == [first, second]
    # The channels were replaced as a whole by the masked write: in_app is off now, the severity stays.
    assert prefs[-1].notification_preferences.minimum_severity == spb.SEVERITY_WARNING
    assert prefs[-1].notification_preferences.channels.webhook_url == "https://hooks.example.com/x"
    assert prefs[-1].notification_preferences.update_time.seconds == 1_700_000_000
    assert all(not p.HasField("notification_preferences") for p in changes if p.kind == spb.CHANGE_KIND_SETTINGS)


async def test_store_writes_are_compare_and_set(world: World) -> None:
    """Two writers that read the same version: the second loses with the winner's etag, and writes no event."""
    store = world.store

    def event() -> Change:
        return Change("acme", Kind.SETTINGS, NAME, "x")

    first = Stored("", TenantSettings(data_retention_days=1), "e1", 1.0)
    second = Stored("", TenantSettings(data_retention_days=2), "e2", 2.0)
    assert await store.put("acme", Kind.SETTINGS, first, expected=None, change=event()) is None
    # Both believed it absent: the insert of the second hits the primary key.
    assert await store.put("acme", Kind.SETTINGS, second, expected=None, change=event()) == "e1"
    assert await store.put("acme", Kind.SETTINGS, second, expected="stale", change=event()) == "e1"
    assert await store.put("acme", Kind.SETTINGS, second, expected="e1", change=event()) is None
    assert await store.delete("acme", Kind.SETTINGS, "", expected="e1", change=event()) == "e2"
    assert await store.delete("acme", Kind.SETTINGS, "nope", expected="e1", change=event()) == ""
    assert await store.delete("acme", Kind.SETTINGS, "", expected="e2", change=event()) is None
    assert await store.get("acme", Kind.SETTINGS, "") is None
    assert len(await world.events()) == 3  # only the writes that won
