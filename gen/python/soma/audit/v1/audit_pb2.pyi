import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from soma.common.v1 import event_pb2 as _event_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AuditKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIT_KIND_UNSPECIFIED: _ClassVar[AuditKind]
    AUDIT_KIND_RPC: _ClassVar[AuditKind]
    AUDIT_KIND_SIGN_IN: _ClassVar[AuditKind]
AUDIT_KIND_UNSPECIFIED: AuditKind
AUDIT_KIND_RPC: AuditKind
AUDIT_KIND_SIGN_IN: AuditKind

class AuditRecord(_message.Message):
    __slots__ = ("name", "tenant", "sequence", "kind", "actor", "subject", "rpc", "resource", "code", "reason", "request_id", "client_type", "constitution_checksum", "time", "service", "event_id", "hash", "previous_hash")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    RPC_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONSTITUTION_CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    name: str
    tenant: str
    sequence: int
    kind: AuditKind
    actor: str
    subject: str
    rpc: str
    resource: str
    code: str
    reason: str
    request_id: str
    client_type: str
    constitution_checksum: str
    time: _timestamp_pb2.Timestamp
    service: str
    event_id: str
    hash: str
    previous_hash: str
    def __init__(self, name: _Optional[str] = ..., tenant: _Optional[str] = ..., sequence: _Optional[int] = ..., kind: _Optional[_Union[AuditKind, str]] = ..., actor: _Optional[str] = ..., subject: _Optional[str] = ..., rpc: _Optional[str] = ..., resource: _Optional[str] = ..., code: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ..., client_type: _Optional[str] = ..., constitution_checksum: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., service: _Optional[str] = ..., event_id: _Optional[str] = ..., hash: _Optional[str] = ..., previous_hash: _Optional[str] = ...) -> None: ...

class AuditRecorded(_message.Message):
    __slots__ = ("record",)
    RECORD_FIELD_NUMBER: _ClassVar[int]
    record: AuditRecord
    def __init__(self, record: _Optional[_Union[AuditRecord, _Mapping]] = ...) -> None: ...
