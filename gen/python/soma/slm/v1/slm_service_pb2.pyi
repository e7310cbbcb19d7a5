from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from soma.common.v1 import auth_pb2 as _auth_pb2
from soma.common.v1 import effect_pb2 as _effect_pb2
from soma.slm.v1 import slm_pb2 as _slm_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InferSyncRequest(_message.Message):
    __slots__ = ("parent", "messages", "parameters")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    parent: str
    messages: _containers.RepeatedCompositeFieldContainer[_slm_pb2.ChatMessage]
    parameters: _slm_pb2.InferenceParameters
    def __init__(self, parent: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[_slm_pb2.ChatMessage, _Mapping]]] = ..., parameters: _Optional[_Union[_slm_pb2.InferenceParameters, _Mapping]] = ...) -> None: ...

class InferSyncResponse(_message.Message):
    __slots__ = ("completion",)
    COMPLETION_FIELD_NUMBER: _ClassVar[int]
    completion: _slm_pb2.Completion
    def __init__(self, completion: _Optional[_Union[_slm_pb2.Completion, _Mapping]] = ...) -> None: ...

class EmbedRequest(_message.Message):
    __slots__ = ("parent", "texts", "model", "provider")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    TEXTS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    texts: _containers.RepeatedScalarFieldContainer[str]
    model: str
    provider: str
    def __init__(self, parent: _Optional[str] = ..., texts: _Optional[_Iterable[str]] = ..., model: _Optional[str] = ..., provider: _Optional[str] = ...) -> None: ...

class Embedding(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, values: _Optional[_Iterable[float]] = ...) -> None: ...

class EmbedResponse(_message.Message):
    __slots__ = ("embeddings", "provider", "model", "usage")
    EMBEDDINGS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    embeddings: _containers.RepeatedCompositeFieldContainer[Embedding]
    provider: str
    model: str
    usage: _slm_pb2.TokenUsage
    def __init__(self, embeddings: _Optional[_Iterable[_Union[Embedding, _Mapping]]] = ..., provider: _Optional[str] = ..., model: _Optional[str] = ..., usage: _Optional[_Union[_slm_pb2.TokenUsage, _Mapping]] = ...) -> None: ...

class SubmitInferenceRequest(_message.Message):
    __slots__ = ("parent", "inference", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INFERENCE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    inference: _slm_pb2.Inference
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., inference: _Optional[_Union[_slm_pb2.Inference, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class SubmitInferenceResponse(_message.Message):
    __slots__ = ("inference",)
    INFERENCE_FIELD_NUMBER: _ClassVar[int]
    inference: _slm_pb2.Inference
    def __init__(self, inference: _Optional[_Union[_slm_pb2.Inference, _Mapping]] = ...) -> None: ...

class GetInferenceRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetInferenceResponse(_message.Message):
    __slots__ = ("inference",)
    INFERENCE_FIELD_NUMBER: _ClassVar[int]
    inference: _slm_pb2.Inference
    def __init__(self, inference: _Optional[_Union[_slm_pb2.Inference, _Mapping]] = ...) -> None: ...

class WatchInferenceRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class WatchInferenceResponse(_message.Message):
    __slots__ = ("state", "token", "inference")
    STATE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    INFERENCE_FIELD_NUMBER: _ClassVar[int]
    state: _slm_pb2.InferenceState
    token: str
    inference: _slm_pb2.Inference
    def __init__(self, state: _Optional[_Union[_slm_pb2.InferenceState, str]] = ..., token: _Optional[str] = ..., inference: _Optional[_Union[_slm_pb2.Inference, _Mapping]] = ...) -> None: ...

class ListProvidersRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListProvidersResponse(_message.Message):
    __slots__ = ("providers",)
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    providers: _containers.RepeatedCompositeFieldContainer[_slm_pb2.Provider]
    def __init__(self, providers: _Optional[_Iterable[_Union[_slm_pb2.Provider, _Mapping]]] = ...) -> None: ...
