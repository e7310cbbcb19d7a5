"""The pure parts of the notification domain: quiet hours, the delivery decision, signatures, the retry schedule."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from soma.common.v1 import common_pb2
from somastack.config import Stage
from somastack.notification.config import DEV_WEBHOOK_SECRET, NotificationSettings
from somastack.notification.model import (
    MAX_BODY,
    MAX_SUBJECT,
    REASONS,
    DeliveryState,
    Notification,
    Preferences,
    QuietHours,
    Severity,
    decide,
    retry_delay,
    suppressed,
)
from somastack.notification.signing import signature, signature_header, verify


def at(zone: str, *fields: int) -> float:
    return dt.datetime(*fields, tzinfo=zoneinfo.ZoneInfo(zone)).timestamp()  # type: ignore[misc]


def local(zone: str, instant: float) -> str:
    return dt.datetime.fromtimestamp(instant, zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def test_reasons_exist_in_the_contract() -> None:
    known = {name.removeprefix("ERROR_REASON_") for name in common_pb2.ErrorReason.keys()}
    assert set(REASONS) <= known


def test_quiet_hours_parse_refuses_what_is_not_a_window() -> None:
    assert QuietHours.parse("Europe/Paris", "22:00", "06:30") == QuietHours("Europe/Paris", 22 * 60, 6 * 60 + 30)
    assert QuietHours.parse("Europe/Paris", "22:00", "22:00") is None
    assert QuietHours.parse("Paris", "22:00", "06:00") is None
    assert QuietHours.parse("UTC", "24:00", "06:00") is None
    assert QuietHours.parse("UTC", "7:00", "08:00") is None


def test_a_same_day_window_is_by_local_wall_clock() -> None:
    quiet = QuietHours.parse("America/New_York", "09:00", "17:00")
    assert quiet is not None
    assert not quiet.contains(at("America/New_York", 2026, 3, 2, 8, 59))
    assert quiet.contains(at("America/New_York", 2026, 3, 2, 9, 0))
    assert quiet.contains(at("America/New_York", 2026, 3, 2, 16, 59))
    assert not quiet.contains(at("America/New_York", 2026, 3, 2, 17, 0))  # the end is exclusive
    # 14:00 UTC is 09:00 in New York in winter: the zone decides, not UTC.
    assert quiet.contains(at("UTC", 2026, 1, 15, 14, 0))
    assert not quiet.contains(at("UTC", 2026, 1, 15, 13, 59))
    end = quiet.end_after(at("America/New_York", 2026, 3, 2, 10, 0))
    assert local("America/New_York", end) == "2026-03-02 17:00 EST"


def test_a_window_spanning_midnight_ends_the_next_morning() -> None:
    quiet = QuietHours.parse("Europe/Paris", "22:00", "07:00")
    assert quiet is not None
    evening, night, morning = (at("Europe/Paris", 2026, 6, 10, h, m) for h, m in ((22, 30), (3, 0), (7, 0)))
    assert quiet.contains(evening) and quiet.contains(night) and not quiet.contains(morning)
    assert not quiet.contains(at("Europe/Paris", 2026, 6, 10, 21, 59))
    assert local("Europe/Paris", quiet.end_after(evening)) == "2026-06-11 07:00 CEST"
    assert local("Europe/Paris", quiet.end_after(night)) == "2026-06-10 07:00 CEST"


def test_quiet_hours_across_dst_changes() -> None:
    quiet = QuietHours.parse("Europe/Berlin", "22:00", "06:00")
    assert quiet is not None
    # The night the clocks go forward (2026-03-29, 02:00 -> 03:00) is an hour shorter, still ends at 06:00 local.
    start = at("Europe/Berlin", 2026, 3, 28, 23, 0)
    end = quiet.end_after(start)
    assert local("Europe/Berlin", end) == "2026-03-29 06:00 CEST"
    assert end - start == 6 * 3600  # 7 wall-clock hours, 6 real ones
    # The night they go back (2026-10-25, 03:00 -> 02:00) is an hour longer.
    start = at("Europe/Berlin", 2026, 10, 24, 23, 0)
    assert quiet.end_after(start) - start == 8 * 3600
    # Inside the repeated hour, both occurrences are in the window.
    first = at("Europe/Berlin", 2026, 10, 25, 1, 30)
    assert quiet.contains(first + 3600) and quiet.contains(first + 2 * 3600)
    # A window ending inside the skipped hour ends just after the gap, never before the start.
    gap = QuietHours.parse("Europe/Berlin", "01:00", "02:30")
    assert gap is not None
    inside = at("Europe/Berlin", 2026, 3, 29, 1, 45)
    assert gap.contains(inside)
    released = gap.end_after(inside)
    assert released > inside and not gap.contains(released)
    assert local("Europe/Berlin", released) == "2026-03-29 03:30 CEST"


def test_severity_filter() -> None:
    warning_up = Preferences(minimum_severity=Severity.WARNING)
    assert suppressed(warning_up, Severity.INFO)
    assert not suppressed(warning_up, Severity.WARNING) and not suppressed(warning_up, Severity.CRITICAL)
    assert not any(suppressed(Preferences(), s) for s in Severity if s)


def test_decide() -> None:
    now = at("UTC", 2026, 5, 1, 23, 0)
    quiet = QuietHours.parse("UTC", "22:00", "06:00")
    assert decide(Preferences(), Severity.INFO, now).state is DeliveryState.DELIVERED
    held = decide(Preferences(quiet_hours=quiet), Severity.ERROR, now)
    assert held.state is DeliveryState.HELD and held.release_at == at("UTC", 2026, 5, 2, 6, 0)
    # CRITICAL goes through quiet hours; the minimum severity wins over quiet hours.
    assert decide(Preferences(quiet_hours=quiet), Severity.CRITICAL, now).state is DeliveryState.DELIVERED
    both = Preferences(quiet_hours=quiet, minimum_severity=Severity.ERROR)
    assert decide(both, Severity.WARNING, now).state is DeliveryState.SUPPRESSED
    assert decide(Preferences(quiet_hours=quiet), Severity.INFO, now + 8 * 3600).state is DeliveryState.DELIVERED


def test_an_event_makes_one_notification_per_recipient_whatever_how_often_it_is_handled() -> None:
    def made(user: str, body: str = "b", subject: str = "s") -> Notification:
        return Notification.of_event(
            "ev1", "acme", user, at=5.0, severity=Severity.INFO, title="t", body=body, subject=subject, topic="x"
        )

    first = made("bob")
    assert made("bob").id == first.id and made("eve").id != first.id
    assert len(first.id) == 32 and first.name == f"tenants/acme/users/bob/notifications/{first.id}"
    assert (first.state, first.created_at, first.event_id, first.delivered_at) == (
        DeliveryState.DELIVERED,
        5.0,
        "ev1",
        None,
    )
    long = made("bob", body="b" * (MAX_BODY + 9), subject="s" * (MAX_SUBJECT + 9))
    assert (len(long.body), len(long.subject)) == (MAX_BODY, MAX_SUBJECT)


def test_signature_format_and_verification() -> None:
    secret, body = b"s3cret", b'{"name":"tenants/acme/users/olga/notifications/1"}'
    header = signature_header(secret, 1_700_000_000, body)
    t, v1 = header.split(",")
    assert t == "t=1700000000" and v1.startswith("v1=") and len(v1) == 3 + 64
    # HMAC-SHA256 of "<t>.<body>", hex: computed independently here.
    import hashlib
    import hmac

    expected = hmac.new(secret, b"1700000000." + body, hashlib.sha256).hexdigest()
    assert v1 == f"v1={expected}" and signature(secret, 1_700_000_000, body) == expected
    assert verify(secret, header, body, now=1_700_000_100)
    assert not verify(secret, header, body + b" ", now=1_700_000_100)
    assert not verify(b"other", header, body, now=1_700_000_100)
    assert not verify(secret, header, body, now=1_700_001_000)  # too old: a replay
    assert not verify(secret, "garbage", body, now=1_700_000_000)


def test_retry_schedule_doubles_up_to_the_cap() -> None:
    delays = [retry_delay(n, base=1.0, cap=60.0) for n in range(1, 9)]
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]
    assert retry_delay(1, base=0.25, cap=5) == 0.25


def test_the_webhook_secret_is_required_in_prod() -> None:
    assert NotificationSettings().signing_secret(Stage.DEV) == DEV_WEBHOOK_SECRET.encode()
    assert NotificationSettings(webhook_secret="k").signing_secret(Stage.PROD) == b"k"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="SOMA_NOTIFICATION_WEBHOOK_SECRET"):
        NotificationSettings().signing_secret(Stage.PROD)
