import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from soma.common.v1 import event_pb2 as _event_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ActivationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTIVATION_KIND_UNSPECIFIED: _ClassVar[ActivationKind]
    ACTIVATION_KIND_LOAD: _ClassVar[ActivationKind]
    ACTIVATION_KIND_ROLLBACK: _ClassVar[ActivationKind]
ACTIVATION_KIND_UNSPECIFIED: ActivationKind
ACTIVATION_KIND_LOAD: ActivationKind
ACTIVATION_KIND_ROLLBACK: ActivationKind

class Constitution(_message.Message):
    __slots__ = ("version", "title", "principles", "rules", "thresholds")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PRINCIPLES_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    version: str
    title: str
    principles: _containers.RepeatedCompositeFieldContainer[Principle]
    rules: _containers.RepeatedCompositeFieldContainer[PolicyRule]
    thresholds: Thresholds
    def __init__(self, version: _Optional[str] = ..., title: _Optional[str] = ..., principles: _Optional[_Iterable[_Union[Principle, _Mapping]]] = ..., rules: _Optional[_Iterable[_Union[PolicyRule, _Mapping]]] = ..., thresholds: _Optional[_Union[Thresholds, _Mapping]] = ...) -> None: ...

class Principle(_message.Message):
    __slots__ = ("id", "text")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class PolicyRule(_message.Message):
    __slots__ = ("id", "description", "expression", "weight", "reason_code")
    ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXPRESSION_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    id: str
    description: str
    expression: str
    weight: float
    reason_code: str
    def __init__(self, id: _Optional[str] = ..., description: _Optional[str] = ..., expression: _Optional[str] = ..., weight: _Optional[float] = ..., reason_code: _Optional[str] = ...) -> None: ...

class Thresholds(_message.Message):
    __slots__ = ("allow_below", "deny_above")
    ALLOW_BELOW_FIELD_NUMBER: _ClassVar[int]
    DENY_ABOVE_FIELD_NUMBER: _ClassVar[int]
    allow_below: float
    deny_above: float
    def __init__(self, allow_below: _Optional[float] = ..., deny_above: _Optional[float] = ...) -> None: ...

class Signature(_message.Message):
    __slots__ = ("signer_id", "signature")
    SIGNER_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    signer_id: str
    signature: bytes
    def __init__(self, signer_id: _Optional[str] = ..., signature: _Optional[bytes] = ...) -> None: ...

class ConstitutionVersion(_message.Message):
    __slots__ = ("version", "checksum", "constitution", "signatures", "signers", "active", "load_time", "loaded_by", "activate_time")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    CONSTITUTION_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    SIGNERS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    LOAD_TIME_FIELD_NUMBER: _ClassVar[int]
    LOADED_BY_FIELD_NUMBER: _ClassVar[int]
    ACTIVATE_TIME_FIELD_NUMBER: _ClassVar[int]
    version: str
    checksum: str
    constitution: Constitution
    signatures: _containers.RepeatedCompositeFieldContainer[Signature]
    signers: _containers.RepeatedScalarFieldContainer[str]
    active: bool
    load_time: _timestamp_pb2.Timestamp
    loaded_by: str
    activate_time: _timestamp_pb2.Timestamp
    def __init__(self, version: _Optional[str] = ..., checksum: _Optional[str] = ..., constitution: _Optional[_Union[Constitution, _Mapping]] = ..., signatures: _Optional[_Iterable[_Union[Signature, _Mapping]]] = ..., signers: _Optional[_Iterable[str]] = ..., active: _Optional[bool] = ..., load_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., loaded_by: _Optional[str] = ..., activate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConstitutionUpdated(_message.Message):
    __slots__ = ("checksum", "version", "previous_checksum", "previous_version", "kind", "activate_time")
    CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VERSION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTIVATE_TIME_FIELD_NUMBER: _ClassVar[int]
    checksum: str
    version: str
    previous_checksum: str
    previous_version: str
    kind: ActivationKind
    activate_time: _timestamp_pb2.Timestamp
    def __init__(self, checksum: _Optional[str] = ..., version: _Optional[str] = ..., previous_checksum: _Optional[str] = ..., previous_version: _Optional[str] = ..., kind: _Optional[_Union[ActivationKind, str]] = ..., activate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
