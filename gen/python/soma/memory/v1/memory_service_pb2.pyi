from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from soma.common.v1 import auth_pb2 as _auth_pb2
from soma.common.v1 import effect_pb2 as _effect_pb2
from soma.memory.v1 import memory_pb2 as _memory_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RememberRequest(_message.Message):
    __slots__ = ("parent", "memory", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    memory: _memory_pb2.Memory
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., memory: _Optional[_Union[_memory_pb2.Memory, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RememberResponse(_message.Message):
    __slots__ = ("memory",)
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    memory: _memory_pb2.Memory
    def __init__(self, memory: _Optional[_Union[_memory_pb2.Memory, _Mapping]] = ...) -> None: ...

class GetMemoryRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetMemoryResponse(_message.Message):
    __slots__ = ("memory",)
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    memory: _memory_pb2.Memory
    def __init__(self, memory: _Optional[_Union[_memory_pb2.Memory, _Mapping]] = ...) -> None: ...

class RecallRequest(_message.Message):
    __slots__ = ("parent", "query", "top_k", "filter")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TOP_K_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    query: str
    top_k: int
    filter: _memory_pb2.MemoryFilter
    def __init__(self, parent: _Optional[str] = ..., query: _Optional[str] = ..., top_k: _Optional[int] = ..., filter: _Optional[_Union[_memory_pb2.MemoryFilter, _Mapping]] = ...) -> None: ...

class RecallResponse(_message.Message):
    __slots__ = ("hits",)
    HITS_FIELD_NUMBER: _ClassVar[int]
    hits: _containers.RepeatedCompositeFieldContainer[_memory_pb2.MemoryHit]
    def __init__(self, hits: _Optional[_Iterable[_Union[_memory_pb2.MemoryHit, _Mapping]]] = ...) -> None: ...

class RetrieveContextRequest(_message.Message):
    __slots__ = ("parent", "query", "token_budget", "top_k", "filter")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_BUDGET_FIELD_NUMBER: _ClassVar[int]
    TOP_K_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    query: str
    token_budget: int
    top_k: int
    filter: _memory_pb2.MemoryFilter
    def __init__(self, parent: _Optional[str] = ..., query: _Optional[str] = ..., token_budget: _Optional[int] = ..., top_k: _Optional[int] = ..., filter: _Optional[_Union[_memory_pb2.MemoryFilter, _Mapping]] = ...) -> None: ...

class RetrieveContextResponse(_message.Message):
    __slots__ = ("chunks", "total_tokens", "context")
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TOKENS_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    chunks: _containers.RepeatedCompositeFieldContainer[_memory_pb2.ContextChunk]
    total_tokens: int
    context: str
    def __init__(self, chunks: _Optional[_Iterable[_Union[_memory_pb2.ContextChunk, _Mapping]]] = ..., total_tokens: _Optional[int] = ..., context: _Optional[str] = ...) -> None: ...

class LinkRequest(_message.Message):
    __slots__ = ("name", "target", "type", "weight")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    name: str
    target: str
    type: _memory_pb2.LinkType
    weight: float
    def __init__(self, name: _Optional[str] = ..., target: _Optional[str] = ..., type: _Optional[_Union[_memory_pb2.LinkType, str]] = ..., weight: _Optional[float] = ...) -> None: ...

class LinkResponse(_message.Message):
    __slots__ = ("link",)
    LINK_FIELD_NUMBER: _ClassVar[int]
    link: _memory_pb2.Link
    def __init__(self, link: _Optional[_Union[_memory_pb2.Link, _Mapping]] = ...) -> None: ...

class NeighborsRequest(_message.Message):
    __slots__ = ("name", "depth", "types", "direction", "max_neighbors")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    MAX_NEIGHBORS_FIELD_NUMBER: _ClassVar[int]
    name: str
    depth: int
    types: _containers.RepeatedScalarFieldContainer[_memory_pb2.LinkType]
    direction: _memory_pb2.LinkDirection
    max_neighbors: int
    def __init__(self, name: _Optional[str] = ..., depth: _Optional[int] = ..., types: _Optional[_Iterable[_Union[_memory_pb2.LinkType, str]]] = ..., direction: _Optional[_Union[_memory_pb2.LinkDirection, str]] = ..., max_neighbors: _Optional[int] = ...) -> None: ...

class NeighborsResponse(_message.Message):
    __slots__ = ("neighbors", "truncated")
    NEIGHBORS_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    neighbors: _containers.RepeatedCompositeFieldContainer[_memory_pb2.Neighbor]
    truncated: bool
    def __init__(self, neighbors: _Optional[_Iterable[_Union[_memory_pb2.Neighbor, _Mapping]]] = ..., truncated: _Optional[bool] = ...) -> None: ...

class ForgetRequest(_message.Message):
    __slots__ = ("parent", "names", "filter")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    names: _containers.RepeatedScalarFieldContainer[str]
    filter: _memory_pb2.MemoryFilter
    def __init__(self, parent: _Optional[str] = ..., names: _Optional[_Iterable[str]] = ..., filter: _Optional[_Union[_memory_pb2.MemoryFilter, _Mapping]] = ...) -> None: ...

class ForgetResponse(_message.Message):
    __slots__ = ("forgotten_count",)
    FORGOTTEN_COUNT_FIELD_NUMBER: _ClassVar[int]
    forgotten_count: int
    def __init__(self, forgotten_count: _Optional[int] = ...) -> None: ...

class PutWorkingRequest(_message.Message):
    __slots__ = ("name", "items")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    name: str
    items: _containers.RepeatedCompositeFieldContainer[_memory_pb2.WorkingItem]
    def __init__(self, name: _Optional[str] = ..., items: _Optional[_Iterable[_Union[_memory_pb2.WorkingItem, _Mapping]]] = ...) -> None: ...

class PutWorkingResponse(_message.Message):
    __slots__ = ("working_memory",)
    WORKING_MEMORY_FIELD_NUMBER: _ClassVar[int]
    working_memory: _memory_pb2.WorkingMemory
    def __init__(self, working_memory: _Optional[_Union[_memory_pb2.WorkingMemory, _Mapping]] = ...) -> None: ...

class GetWorkingRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetWorkingResponse(_message.Message):
    __slots__ = ("working_memory",)
    WORKING_MEMORY_FIELD_NUMBER: _ClassVar[int]
    working_memory: _memory_pb2.WorkingMemory
    def __init__(self, working_memory: _Optional[_Union[_memory_pb2.WorkingMemory, _Mapping]] = ...) -> None: ...

class ClearWorkingRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ClearWorkingResponse(_message.Message):
    __slots__ = ("cleared_count",)
    CLEARED_COUNT_FIELD_NUMBER: _ClassVar[int]
    cleared_count: int
    def __init__(self, cleared_count: _Optional[int] = ...) -> None: ...
