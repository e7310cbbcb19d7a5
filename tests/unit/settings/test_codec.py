"""The settings codec: stored bodies and etags stay what they were when the service kept messages as its model."""

from __future__ import annotations

import pytest
from google.protobuf import duration_pb2
from google.protobuf.message import Message

from soma.settings.v1 import settings_pb2 as spb
from somastack.settings import codec
from somastack.settings.model import DEFAULT_PREFERENCES, Kind, NotificationChannels, NotificationPreferences

MESSAGES: list[tuple[Kind, Message]] = [
    (Kind.SETTINGS, spb.Settings()),
    (
        Kind.SETTINGS,
        spb.Settings(
            display_time_zone="Europe/Paris",
            data_retention_days=90,
            deployment_mode=spb.DEPLOYMENT_MODE_PROD,
            default_language="pt-BR",
            attributes={"b": "2", "a": "1"},
        ),
    ),
    (Kind.MODEL_PROFILE, spb.ModelProfile(provider="openai", model="gpt-4o")),
    (
        Kind.MODEL_PROFILE,
        spb.ModelProfile(
            provider="ollama",
            model="llama",
            base_url="http://127.0.0.1:11434",
            temperature=0.7,
            max_tokens=512,
            timeout=duration_pb2.Duration(seconds=30, nanos=1),
            parameters={"top_p": "0.9"},
        ),
    ),
    # Present but empty parts are kept apart from absent ones: they serialize and hash differently.
    (Kind.MODEL_PROFILE, spb.ModelProfile(provider="local", model="echo", timeout=duration_pb2.Duration())),
    (Kind.NOTIFICATION_PREFERENCES, spb.NotificationPreferences()),
    (Kind.NOTIFICATION_PREFERENCES, spb.NotificationPreferences(channels=spb.NotificationChannels())),
    (
        Kind.NOTIFICATION_PREFERENCES,
        spb.NotificationPreferences(
            quiet_hours=spb.QuietHours(time_zone="UTC", start="22:00", end="06:00"),
            minimum_severity=spb.SEVERITY_ERROR,
            channels=spb.NotificationChannels(in_app=True, webhook_url="https://h.example/x", email="a@b.example"),
        ),
    ),
]


@pytest.mark.parametrize(("kind", "message"), MESSAGES)
def test_stored_bodies_and_etags_round_trip(kind: Kind, message: Message) -> None:
    body = message.SerializeToString(deterministic=True)
    resource = codec.decode(kind, body)
    assert codec.encode(resource) == body
    assert codec.etag(resource) == codec.wire_etag(message)


def test_presence_of_optional_parts_is_kept() -> None:
    absent = codec.decode(Kind.NOTIFICATION_PREFERENCES, b"")
    empty = codec.decode(Kind.NOTIFICATION_PREFERENCES, spb.NotificationPreferences(channels={}).SerializeToString())
    assert absent == NotificationPreferences() and empty == NotificationPreferences(channels=NotificationChannels())
    assert codec.etag(absent) != codec.etag(empty)
    assert codec.preferences_pb(DEFAULT_PREFERENCES) == spb.NotificationPreferences(
        channels=spb.NotificationChannels(in_app=True)
    )
