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

class MemoryKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMORY_KIND_UNSPECIFIED: _ClassVar[MemoryKind]
    MEMORY_KIND_EPISODIC: _ClassVar[MemoryKind]
    MEMORY_KIND_SEMANTIC: _ClassVar[MemoryKind]

class StoreState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STORE_STATE_UNSPECIFIED: _ClassVar[StoreState]
    STORE_STATE_PENDING: _ClassVar[StoreState]
    STORE_STATE_APPLIED: _ClassVar[StoreState]

class LinkType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINK_TYPE_UNSPECIFIED: _ClassVar[LinkType]
    LINK_TYPE_RELATES_TO: _ClassVar[LinkType]
    LINK_TYPE_DERIVED_FROM: _ClassVar[LinkType]
    LINK_TYPE_CONTRADICTS: _ClassVar[LinkType]
    LINK_TYPE_SUPPORTS: _ClassVar[LinkType]
    LINK_TYPE_FOLLOWS: _ClassVar[LinkType]

class LinkDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINK_DIRECTION_UNSPECIFIED: _ClassVar[LinkDirection]
    LINK_DIRECTION_OUTGOING: _ClassVar[LinkDirection]
    LINK_DIRECTION_INCOMING: _ClassVar[LinkDirection]
    LINK_DIRECTION_BOTH: _ClassVar[LinkDirection]
MEMORY_KIND_UNSPECIFIED: MemoryKind
MEMORY_KIND_EPISODIC: MemoryKind
MEMORY_KIND_SEMANTIC: MemoryKind
STORE_STATE_UNSPECIFIED: StoreState
STORE_STATE_PENDING: StoreState
STORE_STATE_APPLIED: StoreState
LINK_TYPE_UNSPECIFIED: LinkType
LINK_TYPE_RELATES_TO: LinkType
LINK_TYPE_DERIVED_FROM: LinkType
LINK_TYPE_CONTRADICTS: LinkType
LINK_TYPE_SUPPORTS: LinkType
LINK_TYPE_FOLLOWS: LinkType
LINK_DIRECTION_UNSPECIFIED: LinkDirection
LINK_DIRECTION_OUTGOING: LinkDirection
LINK_DIRECTION_INCOMING: LinkDirection
LINK_DIRECTION_BOTH: LinkDirection

class Memory(_message.Message):
    __slots__ = ("name", "kind", "text", "metadata", "importance", "create_time", "store_state")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    STORE_STATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: MemoryKind
    text: str
    metadata: _containers.ScalarMap[str, str]
    importance: float
    create_time: _timestamp_pb2.Timestamp
    store_state: StoreState
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[MemoryKind, str]] = ..., text: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ..., importance: _Optional[float] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store_state: _Optional[_Union[StoreState, str]] = ...) -> None: ...

class Link(_message.Message):
    __slots__ = ("source", "target", "type", "weight", "update_time")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    source: str
    target: str
    type: LinkType
    weight: float
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, source: _Optional[str] = ..., target: _Optional[str] = ..., type: _Optional[_Union[LinkType, str]] = ..., weight: _Optional[float] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MemoryFilter(_message.Message):
    __slots__ = ("kinds", "metadata", "create_after", "create_before")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    KINDS_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    CREATE_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATE_BEFORE_FIELD_NUMBER: _ClassVar[int]
    kinds: _containers.RepeatedScalarFieldContainer[MemoryKind]
    metadata: _containers.ScalarMap[str, str]
    create_after: _timestamp_pb2.Timestamp
    create_before: _timestamp_pb2.Timestamp
    def __init__(self, kinds: _Optional[_Iterable[_Union[MemoryKind, str]]] = ..., metadata: _Optional[_Mapping[str, str]] = ..., create_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MemoryHit(_message.Message):
    __slots__ = ("memory", "score", "vector_score", "lexical_score")
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    VECTOR_SCORE_FIELD_NUMBER: _ClassVar[int]
    LEXICAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    memory: Memory
    score: float
    vector_score: float
    lexical_score: float
    def __init__(self, memory: _Optional[_Union[Memory, _Mapping]] = ..., score: _Optional[float] = ..., vector_score: _Optional[float] = ..., lexical_score: _Optional[float] = ...) -> None: ...

class Citation(_message.Message):
    __slots__ = ("memory", "start_offset", "end_offset", "score")
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    START_OFFSET_FIELD_NUMBER: _ClassVar[int]
    END_OFFSET_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    memory: str
    start_offset: int
    end_offset: int
    score: float
    def __init__(self, memory: _Optional[str] = ..., start_offset: _Optional[int] = ..., end_offset: _Optional[int] = ..., score: _Optional[float] = ...) -> None: ...

class ContextChunk(_message.Message):
    __slots__ = ("text", "token_count", "citation")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TOKEN_COUNT_FIELD_NUMBER: _ClassVar[int]
    CITATION_FIELD_NUMBER: _ClassVar[int]
    text: str
    token_count: int
    citation: Citation
    def __init__(self, text: _Optional[str] = ..., token_count: _Optional[int] = ..., citation: _Optional[_Union[Citation, _Mapping]] = ...) -> None: ...

class Neighbor(_message.Message):
    __slots__ = ("memory", "depth", "link")
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    memory: Memory
    depth: int
    link: Link
    def __init__(self, memory: _Optional[_Union[Memory, _Mapping]] = ..., depth: _Optional[int] = ..., link: _Optional[_Union[Link, _Mapping]] = ...) -> None: ...

class WorkingItem(_message.Message):
    __slots__ = ("text", "metadata", "create_time")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TEXT_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    text: str
    metadata: _containers.ScalarMap[str, str]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, text: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WorkingMemory(_message.Message):
    __slots__ = ("name", "items", "max_items", "ttl", "expire_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_ITEMS_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    items: _containers.RepeatedCompositeFieldContainer[WorkingItem]
    max_items: int
    ttl: _duration_pb2.Duration
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., items: _Optional[_Iterable[_Union[WorkingItem, _Mapping]]] = ..., max_items: _Optional[int] = ..., ttl: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MemoryWritten(_message.Message):
    __slots__ = ("sequence", "remembered", "linked", "forgotten")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    REMEMBERED_FIELD_NUMBER: _ClassVar[int]
    LINKED_FIELD_NUMBER: _ClassVar[int]
    FORGOTTEN_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    remembered: Memory
    linked: Link
    forgotten: MemoriesForgotten
    def __init__(self, sequence: _Optional[int] = ..., remembered: _Optional[_Union[Memory, _Mapping]] = ..., linked: _Optional[_Union[Link, _Mapping]] = ..., forgotten: _Optional[_Union[MemoriesForgotten, _Mapping]] = ...) -> None: ...

class MemoriesForgotten(_message.Message):
    __slots__ = ("names",)
    NAMES_FIELD_NUMBER: _ClassVar[int]
    names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, names: _Optional[_Iterable[str]] = ...) -> None: ...
