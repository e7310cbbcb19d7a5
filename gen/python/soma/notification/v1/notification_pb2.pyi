import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from soma.common.v1 import event_pb2 as _event_pb2
from soma.settings.v1 import settings_pb2 as _settings_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeliveryState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELIVERY_STATE_UNSPECIFIED: _ClassVar[DeliveryState]
    DELIVERY_STATE_DELIVERED: _ClassVar[DeliveryState]
    DELIVERY_STATE_HELD: _ClassVar[DeliveryState]
    DELIVERY_STATE_SUPPRESSED: _ClassVar[DeliveryState]
DELIVERY_STATE_UNSPECIFIED: DeliveryState
DELIVERY_STATE_DELIVERED: DeliveryState
DELIVERY_STATE_HELD: DeliveryState
DELIVERY_STATE_SUPPRESSED: DeliveryState

class Notification(_message.Message):
    __slots__ = ("name", "severity", "title", "body", "subject", "topic", "delivery_state", "create_time", "ack_time", "event_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ACK_TIME_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    severity: _settings_pb2.Severity
    title: str
    body: str
    subject: str
    topic: str
    delivery_state: DeliveryState
    create_time: _timestamp_pb2.Timestamp
    ack_time: _timestamp_pb2.Timestamp
    event_id: str
    def __init__(self, name: _Optional[str] = ..., severity: _Optional[_Union[_settings_pb2.Severity, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., subject: _Optional[str] = ..., topic: _Optional[str] = ..., delivery_state: _Optional[_Union[DeliveryState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ack_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., event_id: _Optional[str] = ...) -> None: ...

class NotificationRequested(_message.Message):
    __slots__ = ("recipient", "severity", "title", "body", "subject", "topic")
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    recipient: str
    severity: _settings_pb2.Severity
    title: str
    body: str
    subject: str
    topic: str
    def __init__(self, recipient: _Optional[str] = ..., severity: _Optional[_Union[_settings_pb2.Severity, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., subject: _Optional[str] = ..., topic: _Optional[str] = ...) -> None: ...
