from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from soma.common.v1 import auth_pb2 as _auth_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetContractInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetContractInfoResponse(_message.Message):
    __slots__ = ("current_version", "min_supported_version", "recommended_version", "services")
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    MIN_SUPPORTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_VERSION_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    current_version: str
    min_supported_version: str
    recommended_version: str
    services: _containers.RepeatedCompositeFieldContainer[ServedService]
    def __init__(self, current_version: _Optional[str] = ..., min_supported_version: _Optional[str] = ..., recommended_version: _Optional[str] = ..., services: _Optional[_Iterable[_Union[ServedService, _Mapping]]] = ...) -> None: ...

class ServedService(_message.Message):
    __slots__ = ("name", "api_version", "domain")
    NAME_FIELD_NUMBER: _ClassVar[int]
    API_VERSION_FIELD_NUMBER: _ClassVar[int]
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    name: str
    api_version: str
    domain: str
    def __init__(self, name: _Optional[str] = ..., api_version: _Optional[str] = ..., domain: _Optional[str] = ...) -> None: ...
