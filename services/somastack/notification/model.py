"""The notification domain: notifications, a user's preferences, the delivery decision and quiet-hours math.

No grpc or proto here: the decision (`decide`) is a pure function of preferences, severity and the time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from somastack.platform.errors import NotFound

# The ErrorInfo reasons this service raises (checked against soma.common.v1.ErrorReason by a unit test).
FIELD_INVALID = "FIELD_INVALID"
NOTIFICATION_NOT_FOUND = "NOTIFICATION_NOT_FOUND"
#: Reading another user's notifications: no capability allows it.
CAPABILITY_MISSING = "CAPABILITY_MISSING"
REASONS = (FIELD_INVALID, NOTIFICATION_NOT_FOUND, CAPABILITY_MISSING)

MAX_TITLE = 200
MAX_BODY = 4000
MAX_SUBJECT = 512
MAX_TOPIC = 128


class Severity(IntEnum):
    """How urgent a notification is; the numbers are those of `soma.settings.v1.Severity`."""

    UNSPECIFIED = 0
    INFO = 1
    WARNING = 2
    ERROR = 3
    CRITICAL = 4


class DeliveryState(StrEnum):
    DELIVERED = "delivered"
    HELD = "held"
    SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Notification:
    """A message for one user, `tenants/{tenant}/users/{user}/notifications/{id}`."""

    tenant: str
    user: str
    id: str
    severity: Severity
    title: str
    body: str
    subject: str
    topic: str
    state: DeliveryState
    created_at: float
    event_id: str
    ack_at: float | None = None
    #: When it was delivered (streamed, webhooked); None while HELD and for SUPPRESSED ones.
    delivered_at: float | None = None

    @classmethod
    def of_event(
        cls,
        event_id: str,
        tenant: str,
        user: str,
        *,
        at: float,
        severity: Severity,
        title: str,
        body: str,
        subject: str,
        topic: str,
    ) -> Notification:
        """What an event tells one user, DELIVERED until the user's preferences decide (`Notifier.notify`).

        The id comes from the event and the recipient, so an event handled twice makes the same notification and the
        store keeps the first. Body and subject are cut to their limits; a title is shortened by its caller, who
        knows what it can drop.
        """
        return cls(
            tenant=tenant,
            user=user,
            id=notification_id(event_id, f"tenants/{tenant}/users/{user}"),
            severity=severity,
            title=title,
            body=body[:MAX_BODY],
            subject=subject[:MAX_SUBJECT],
            topic=topic,
            state=DeliveryState.DELIVERED,
            created_at=at,
            event_id=event_id,
        )

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/users/{self.user}/notifications/{self.id}"

    @property
    def recipient(self) -> str:
        return f"tenants/{self.tenant}/users/{self.user}"


def notification_id(event_id: str, recipient: str) -> str:
    """The id of the notification an event makes for a recipient: the same event handled twice, the same id."""
    return hashlib.sha256(f"{event_id}\n{recipient}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class QuietHours:
    """A daily window, in minutes after local midnight of `time_zone`; `end < start` spans midnight."""

    time_zone: str
    start: int
    end: int

    @classmethod
    def parse(cls, time_zone: str, start: str, end: str) -> QuietHours | None:
        """From `HH:MM` strings; None when they do not make a window (the settings service refuses those)."""
        try:
            zoneinfo.ZoneInfo(time_zone)
            first, last = _minutes(start), _minutes(end)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
        return cls(time_zone, first, last) if first != last else None

    def contains(self, at: float) -> bool:
        """Whether the instant `at` (unix seconds) falls inside the window, by the local wall clock."""
        local = dt.datetime.fromtimestamp(at, zoneinfo.ZoneInfo(self.time_zone))
        minute = local.hour * 60 + local.minute
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    def end_after(self, at: float) -> float:
        """The first instant after `at` at which the local wall clock reads `end`.

        A local `end` that a DST jump skips that day resolves with the offset before the jump (zoneinfo's
        fold=0), which lands just after the gap; a repeated one resolves to its first occurrence.
        """
        zone = zoneinfo.ZoneInfo(self.time_zone)
        day = dt.datetime.fromtimestamp(at, zone).date()
        hour, minute = divmod(self.end, 60)
        for offset in range(3):
            candidate = dt.datetime.combine(day + dt.timedelta(days=offset), dt.time(hour, minute), tzinfo=zone)
            if candidate.timestamp() > at:
                return candidate.timestamp()
        raise AssertionError("unreachable: a wall-clock time recurs within two days")


def _minutes(clock: str) -> int:
    hours, _, minutes = clock.partition(":")
    if len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        raise ValueError(f"{clock!r} is not HH:MM")
    h, m = int(hours), int(minutes)
    if h > 23 or m > 59:
        raise ValueError(f"{clock!r} is not HH:MM")
    return h * 60 + m


@dataclass(frozen=True)
class Preferences:
    """A user's notification preferences, as the settings service last announced them."""

    minimum_severity: Severity = Severity.UNSPECIFIED
    quiet_hours: QuietHours | None = None
    in_app: bool = True
    webhook_url: str = ""
    #: When they changed (unix seconds); 0 for the defaults.
    updated_at: float = 0.0


#: Every severity, in-app only, no quiet hours: what a user who never wrote preferences gets.
DEFAULTS = Preferences()


@dataclass(frozen=True)
class Decision:
    state: DeliveryState
    #: For HELD: when the quiet hours end and it should be delivered.
    release_at: float | None = None


def suppressed(preferences: Preferences, severity: Severity) -> bool:
    """Below the user's minimum severity (none set: nothing is suppressed)."""
    return severity < preferences.minimum_severity


def decide(preferences: Preferences, severity: Severity, now: float) -> Decision:
    """SUPPRESSED below the minimum severity; HELD inside quiet hours unless CRITICAL; DELIVERED otherwise."""
    if suppressed(preferences, severity):
        return Decision(DeliveryState.SUPPRESSED)
    quiet = preferences.quiet_hours
    if quiet is not None and severity < Severity.CRITICAL and quiet.contains(now):
        return Decision(DeliveryState.HELD, quiet.end_after(now))
    return Decision(DeliveryState.DELIVERED)


def retry_delay(attempt: int, *, base: float, cap: float) -> float:
    """Seconds to wait after failed attempt number `attempt` (from 1): `base`, doubling, at most `cap`."""
    return float(min(cap, base * 2 ** max(attempt - 1, 0)))


def notification_not_found(name: str) -> NotFound:
    return NotFound(NOTIFICATION_NOT_FOUND, "notification", name)


@dataclass(frozen=True)
class WebhookDelivery:
    """One notification to POST to one URL; retried with backoff until delivered or out of attempts."""

    tenant: str
    user: str
    notification_id: str
    url: str
    body: str
    event_id: str
    attempts: int
    next_attempt_at: float
