import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from soma.common.v1 import auth_pb2 as _auth_pb2
from soma.common.v1 import effect_pb2 as _effect_pb2
from soma.constitution.v1 import constitution_pb2 as _constitution_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetActiveRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetActiveResponse(_message.Message):
    __slots__ = ("constitution_version",)
    CONSTITUTION_VERSION_FIELD_NUMBER: _ClassVar[int]
    constitution_version: _constitution_pb2.ConstitutionVersion
    def __init__(self, constitution_version: _Optional[_Union[_constitution_pb2.ConstitutionVersion, _Mapping]] = ...) -> None: ...

class GetChecksumRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetChecksumResponse(_message.Message):
    __slots__ = ("checksum", "version", "activate_time")
    CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTIVATE_TIME_FIELD_NUMBER: _ClassVar[int]
    checksum: str
    version: str
    activate_time: _timestamp_pb2.Timestamp
    def __init__(self, checksum: _Optional[str] = ..., version: _Optional[str] = ..., activate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ValidateRequest(_message.Message):
    __slots__ = ("constitution", "checksum", "signatures")
    CONSTITUTION_FIELD_NUMBER: _ClassVar[int]
    CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    constitution: _constitution_pb2.Constitution
    checksum: str
    signatures: _containers.RepeatedCompositeFieldContainer[_constitution_pb2.Signature]
    def __init__(self, constitution: _Optional[_Union[_constitution_pb2.Constitution, _Mapping]] = ..., checksum: _Optional[str] = ..., signatures: _Optional[_Iterable[_Union[_constitution_pb2.Signature, _Mapping]]] = ...) -> None: ...

class ValidationProblem(_message.Message):
    __slots__ = ("field", "description", "reason")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    reason: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ValidateResponse(_message.Message):
    __slots__ = ("checksum", "valid", "problems", "signers", "active", "active_checksum", "version")
    CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    SIGNERS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    checksum: str
    valid: bool
    problems: _containers.RepeatedCompositeFieldContainer[ValidationProblem]
    signers: _containers.RepeatedScalarFieldContainer[str]
    active: bool
    active_checksum: str
    version: str
    def __init__(self, checksum: _Optional[str] = ..., valid: _Optional[bool] = ..., problems: _Optional[_Iterable[_Union[ValidationProblem, _Mapping]]] = ..., signers: _Optional[_Iterable[str]] = ..., active: _Optional[bool] = ..., active_checksum: _Optional[str] = ..., version: _Optional[str] = ...) -> None: ...

class LoadRequest(_message.Message):
    __slots__ = ("constitution", "signatures", "expected_active_checksum")
    CONSTITUTION_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ACTIVE_CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    constitution: _constitution_pb2.Constitution
    signatures: _containers.RepeatedCompositeFieldContainer[_constitution_pb2.Signature]
    expected_active_checksum: str
    def __init__(self, constitution: _Optional[_Union[_constitution_pb2.Constitution, _Mapping]] = ..., signatures: _Optional[_Iterable[_Union[_constitution_pb2.Signature, _Mapping]]] = ..., expected_active_checksum: _Optional[str] = ...) -> None: ...

class LoadResponse(_message.Message):
    __slots__ = ("constitution_version", "changed")
    CONSTITUTION_VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    constitution_version: _constitution_pb2.ConstitutionVersion
    changed: bool
    def __init__(self, constitution_version: _Optional[_Union[_constitution_pb2.ConstitutionVersion, _Mapping]] = ..., changed: _Optional[bool] = ...) -> None: ...

class ListVersionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListVersionsResponse(_message.Message):
    __slots__ = ("constitution_versions", "next_page_token")
    CONSTITUTION_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    constitution_versions: _containers.RepeatedCompositeFieldContainer[_constitution_pb2.ConstitutionVersion]
    next_page_token: str
    def __init__(self, constitution_versions: _Optional[_Iterable[_Union[_constitution_pb2.ConstitutionVersion, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RollbackRequest(_message.Message):
    __slots__ = ("version", "checksum", "expected_active_checksum")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ACTIVE_CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    version: str
    checksum: str
    expected_active_checksum: str
    def __init__(self, version: _Optional[str] = ..., checksum: _Optional[str] = ..., expected_active_checksum: _Optional[str] = ...) -> None: ...

class RollbackResponse(_message.Message):
    __slots__ = ("constitution_version", "changed")
    CONSTITUTION_VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    constitution_version: _constitution_pb2.ConstitutionVersion
    changed: bool
    def __init__(self, constitution_version: _Optional[_Union[_constitution_pb2.ConstitutionVersion, _Mapping]] = ..., changed: _Optional[bool] = ...) -> None: ...
