from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from soma.common.v1 import auth_pb2 as _auth_pb2
from soma.settings.v1 import settings_pb2 as _settings_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetSettingsRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: _settings_pb2.Settings
    def __init__(self, settings: _Optional[_Union[_settings_pb2.Settings, _Mapping]] = ...) -> None: ...

class UpdateSettingsRequest(_message.Message):
    __slots__ = ("settings", "update_mask", "etag")
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    settings: _settings_pb2.Settings
    update_mask: _field_mask_pb2.FieldMask
    etag: str
    def __init__(self, settings: _Optional[_Union[_settings_pb2.Settings, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class UpdateSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: _settings_pb2.Settings
    def __init__(self, settings: _Optional[_Union[_settings_pb2.Settings, _Mapping]] = ...) -> None: ...

class GetModelProfileRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetModelProfileResponse(_message.Message):
    __slots__ = ("model_profile",)
    MODEL_PROFILE_FIELD_NUMBER: _ClassVar[int]
    model_profile: _settings_pb2.ModelProfile
    def __init__(self, model_profile: _Optional[_Union[_settings_pb2.ModelProfile, _Mapping]] = ...) -> None: ...

class ListModelProfilesRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListModelProfilesResponse(_message.Message):
    __slots__ = ("model_profiles",)
    MODEL_PROFILES_FIELD_NUMBER: _ClassVar[int]
    model_profiles: _containers.RepeatedCompositeFieldContainer[_settings_pb2.ModelProfile]
    def __init__(self, model_profiles: _Optional[_Iterable[_Union[_settings_pb2.ModelProfile, _Mapping]]] = ...) -> None: ...

class UpdateModelProfileRequest(_message.Message):
    __slots__ = ("model_profile", "update_mask", "etag", "allow_missing")
    MODEL_PROFILE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ALLOW_MISSING_FIELD_NUMBER: _ClassVar[int]
    model_profile: _settings_pb2.ModelProfile
    update_mask: _field_mask_pb2.FieldMask
    etag: str
    allow_missing: bool
    def __init__(self, model_profile: _Optional[_Union[_settings_pb2.ModelProfile, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., etag: _Optional[str] = ..., allow_missing: _Optional[bool] = ...) -> None: ...

class UpdateModelProfileResponse(_message.Message):
    __slots__ = ("model_profile",)
    MODEL_PROFILE_FIELD_NUMBER: _ClassVar[int]
    model_profile: _settings_pb2.ModelProfile
    def __init__(self, model_profile: _Optional[_Union[_settings_pb2.ModelProfile, _Mapping]] = ...) -> None: ...

class DeleteModelProfileRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class DeleteModelProfileResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetNotificationPreferencesRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetNotificationPreferencesResponse(_message.Message):
    __slots__ = ("notification_preferences",)
    NOTIFICATION_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    notification_preferences: _settings_pb2.NotificationPreferences
    def __init__(self, notification_preferences: _Optional[_Union[_settings_pb2.NotificationPreferences, _Mapping]] = ...) -> None: ...

class UpdateNotificationPreferencesRequest(_message.Message):
    __slots__ = ("notification_preferences", "update_mask", "etag")
    NOTIFICATION_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    notification_preferences: _settings_pb2.NotificationPreferences
    update_mask: _field_mask_pb2.FieldMask
    etag: str
    def __init__(self, notification_preferences: _Optional[_Union[_settings_pb2.NotificationPreferences, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class UpdateNotificationPreferencesResponse(_message.Message):
    __slots__ = ("notification_preferences",)
    NOTIFICATION_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    notification_preferences: _settings_pb2.NotificationPreferences
    def __init__(self, notification_preferences: _Optional[_Union[_settings_pb2.NotificationPreferences, _Mapping]] = ...) -> None: ...
