import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from soma.common.v1 import event_pb2 as _event_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeploymentMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEPLOYMENT_MODE_UNSPECIFIED: _ClassVar[DeploymentMode]
    DEPLOYMENT_MODE_DEV: _ClassVar[DeploymentMode]
    DEPLOYMENT_MODE_STAGING: _ClassVar[DeploymentMode]
    DEPLOYMENT_MODE_PROD: _ClassVar[DeploymentMode]

class ModelRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODEL_ROLE_UNSPECIFIED: _ClassVar[ModelRole]
    MODEL_ROLE_CHAT: _ClassVar[ModelRole]
    MODEL_ROLE_PLANNING: _ClassVar[ModelRole]
    MODEL_ROLE_CODE: _ClassVar[ModelRole]
    MODEL_ROLE_EMBEDDING: _ClassVar[ModelRole]
    MODEL_ROLE_SPEECH_RECOGNITION: _ClassVar[ModelRole]
    MODEL_ROLE_SPEECH_SYNTHESIS: _ClassVar[ModelRole]

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_INFO: _ClassVar[Severity]
    SEVERITY_WARNING: _ClassVar[Severity]
    SEVERITY_ERROR: _ClassVar[Severity]
    SEVERITY_CRITICAL: _ClassVar[Severity]

class ChangeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANGE_KIND_UNSPECIFIED: _ClassVar[ChangeKind]
    CHANGE_KIND_SETTINGS: _ClassVar[ChangeKind]
    CHANGE_KIND_MODEL_PROFILE: _ClassVar[ChangeKind]
    CHANGE_KIND_NOTIFICATION_PREFERENCES: _ClassVar[ChangeKind]
DEPLOYMENT_MODE_UNSPECIFIED: DeploymentMode
DEPLOYMENT_MODE_DEV: DeploymentMode
DEPLOYMENT_MODE_STAGING: DeploymentMode
DEPLOYMENT_MODE_PROD: DeploymentMode
MODEL_ROLE_UNSPECIFIED: ModelRole
MODEL_ROLE_CHAT: ModelRole
MODEL_ROLE_PLANNING: ModelRole
MODEL_ROLE_CODE: ModelRole
MODEL_ROLE_EMBEDDING: ModelRole
MODEL_ROLE_SPEECH_RECOGNITION: ModelRole
MODEL_ROLE_SPEECH_SYNTHESIS: ModelRole
SEVERITY_UNSPECIFIED: Severity
SEVERITY_INFO: Severity
SEVERITY_WARNING: Severity
SEVERITY_ERROR: Severity
SEVERITY_CRITICAL: Severity
CHANGE_KIND_UNSPECIFIED: ChangeKind
CHANGE_KIND_SETTINGS: ChangeKind
CHANGE_KIND_MODEL_PROFILE: ChangeKind
CHANGE_KIND_NOTIFICATION_PREFERENCES: ChangeKind

class Guardrail(_message.Message):
    __slots__ = ("id", "description", "enforced")
    ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ENFORCED_FIELD_NUMBER: _ClassVar[int]
    id: str
    description: str
    enforced: bool
    def __init__(self, id: _Optional[str] = ..., description: _Optional[str] = ..., enforced: _Optional[bool] = ...) -> None: ...

class Settings(_message.Message):
    __slots__ = ("name", "display_time_zone", "data_retention_days", "deployment_mode", "default_language", "attributes", "effective_mode", "guardrails", "etag", "update_time")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    DATA_RETENTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    DEPLOYMENT_MODE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_MODE_FIELD_NUMBER: _ClassVar[int]
    GUARDRAILS_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_time_zone: str
    data_retention_days: int
    deployment_mode: DeploymentMode
    default_language: str
    attributes: _containers.ScalarMap[str, str]
    effective_mode: DeploymentMode
    guardrails: _containers.RepeatedCompositeFieldContainer[Guardrail]
    etag: str
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_time_zone: _Optional[str] = ..., data_retention_days: _Optional[int] = ..., deployment_mode: _Optional[_Union[DeploymentMode, str]] = ..., default_language: _Optional[str] = ..., attributes: _Optional[_Mapping[str, str]] = ..., effective_mode: _Optional[_Union[DeploymentMode, str]] = ..., guardrails: _Optional[_Iterable[_Union[Guardrail, _Mapping]]] = ..., etag: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ModelProfile(_message.Message):
    __slots__ = ("name", "role", "provider", "model", "base_url", "temperature", "max_tokens", "timeout", "parameters", "etag", "update_time")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_FIELD_NUMBER: _ClassVar[int]
    MAX_TOKENS_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: ModelRole
    provider: str
    model: str
    base_url: str
    temperature: float
    max_tokens: int
    timeout: _duration_pb2.Duration
    parameters: _containers.ScalarMap[str, str]
    etag: str
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., role: _Optional[_Union[ModelRole, str]] = ..., provider: _Optional[str] = ..., model: _Optional[str] = ..., base_url: _Optional[str] = ..., temperature: _Optional[float] = ..., max_tokens: _Optional[int] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., parameters: _Optional[_Mapping[str, str]] = ..., etag: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QuietHours(_message.Message):
    __slots__ = ("time_zone", "start", "end")
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    time_zone: str
    start: str
    end: str
    def __init__(self, time_zone: _Optional[str] = ..., start: _Optional[str] = ..., end: _Optional[str] = ...) -> None: ...

class NotificationChannels(_message.Message):
    __slots__ = ("in_app", "webhook_url", "email")
    IN_APP_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_URL_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    in_app: bool
    webhook_url: str
    email: str
    def __init__(self, in_app: _Optional[bool] = ..., webhook_url: _Optional[str] = ..., email: _Optional[str] = ...) -> None: ...

class NotificationPreferences(_message.Message):
    __slots__ = ("name", "quiet_hours", "minimum_severity", "channels", "etag", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    quiet_hours: QuietHours
    minimum_severity: Severity
    channels: NotificationChannels
    etag: str
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., quiet_hours: _Optional[_Union[QuietHours, _Mapping]] = ..., minimum_severity: _Optional[_Union[Severity, str]] = ..., channels: _Optional[_Union[NotificationChannels, _Mapping]] = ..., etag: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SettingsChanged(_message.Message):
    __slots__ = ("tenant", "kind", "name", "etag", "deleted", "notification_preferences")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    kind: ChangeKind
    name: str
    etag: str
    deleted: bool
    notification_preferences: NotificationPreferences
    def __init__(self, tenant: _Optional[str] = ..., kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ..., deleted: _Optional[bool] = ..., notification_preferences: _Optional[_Union[NotificationPreferences, _Mapping]] = ...) -> None: ...
