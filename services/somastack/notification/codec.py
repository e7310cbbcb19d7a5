"""Proto <-> domain conversions of the notification service (the servicer and the event handlers share them)."""

from __future__ import annotations

import json

from google.protobuf import json_format

from soma.notification.v1 import notification_pb2
from soma.settings.v1 import settings_pb2
from somastack.notification.model import DeliveryState, Notification, Preferences, QuietHours, Severity
from somastack.platform.protoconv import timestamp

STATE_TO_PROTO = {
    DeliveryState.DELIVERED: notification_pb2.DELIVERY_STATE_DELIVERED,
    DeliveryState.HELD: notification_pb2.DELIVERY_STATE_HELD,
    DeliveryState.SUPPRESSED: notification_pb2.DELIVERY_STATE_SUPPRESSED,
}


def notification_pb(n: Notification) -> notification_pb2.Notification:
    message = notification_pb2.Notification(
        name=n.name,
        severity=int(n.severity),  # type: ignore[arg-type]
        title=n.title,
        body=n.body,
        subject=n.subject,
        topic=n.topic,
        delivery_state=STATE_TO_PROTO[n.state],
        create_time=timestamp(n.created_at),
        event_id=n.event_id,
    )
    if n.ack_at is not None:
        message.ack_time.FromNanoseconds(round(n.ack_at * 1e9))
    return message


def notification_json(n: Notification) -> str:
    """The notification in proto JSON form (camelCase fields, enum names, RFC 3339 times), compact."""
    return json.dumps(json_format.MessageToDict(notification_pb(n)), separators=(",", ":"), ensure_ascii=False)


def preferences_of(message: settings_pb2.NotificationPreferences) -> Preferences:
    """The domain view of preferences announced by the settings service."""
    quiet = None
    if message.HasField("quiet_hours"):
        q = message.quiet_hours
        quiet = QuietHours.parse(q.time_zone, q.start, q.end)
    severity = message.minimum_severity if message.minimum_severity in Severity._value2member_map_ else 0
    updated = message.update_time.seconds + message.update_time.nanos / 1e9
    return Preferences(
        minimum_severity=Severity(severity),
        quiet_hours=quiet,
        in_app=message.channels.in_app,
        webhook_url=message.channels.webhook_url,
        updated_at=updated,
    )
