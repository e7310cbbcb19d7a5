from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from soma.common.v1 import auth_pb2 as _auth_pb2
from soma.common.v1 import effect_pb2 as _effect_pb2
from soma.constitution.v1 import constitution_pb2 as _constitution_pb2
from soma.policy.v1 import policy_pb2 as _policy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EvaluateRequest(_message.Message):
    __slots__ = ("parent", "action", "subject", "resource", "context")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    action: _policy_pb2.Action
    subject: _policy_pb2.Subject
    resource: _policy_pb2.Resource
    context: _struct_pb2.Struct
    def __init__(self, parent: _Optional[str] = ..., action: _Optional[_Union[_policy_pb2.Action, _Mapping]] = ..., subject: _Optional[_Union[_policy_pb2.Subject, _Mapping]] = ..., resource: _Optional[_Union[_policy_pb2.Resource, _Mapping]] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class EvaluateResponse(_message.Message):
    __slots__ = ("decision", "score", "reason_codes", "fired_rules", "rule_failures", "constitution_checksum", "constitution_version", "thresholds")
    DECISION_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODES_FIELD_NUMBER: _ClassVar[int]
    FIRED_RULES_FIELD_NUMBER: _ClassVar[int]
    RULE_FAILURES_FIELD_NUMBER: _ClassVar[int]
    CONSTITUTION_CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    CONSTITUTION_VERSION_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    decision: _policy_pb2.Decision
    score: float
    reason_codes: _containers.RepeatedScalarFieldContainer[str]
    fired_rules: _containers.RepeatedCompositeFieldContainer[_policy_pb2.FiredRule]
    rule_failures: _containers.RepeatedCompositeFieldContainer[_policy_pb2.RuleFailure]
    constitution_checksum: str
    constitution_version: str
    thresholds: _constitution_pb2.Thresholds
    def __init__(self, decision: _Optional[_Union[_policy_pb2.Decision, str]] = ..., score: _Optional[float] = ..., reason_codes: _Optional[_Iterable[str]] = ..., fired_rules: _Optional[_Iterable[_Union[_policy_pb2.FiredRule, _Mapping]]] = ..., rule_failures: _Optional[_Iterable[_Union[_policy_pb2.RuleFailure, _Mapping]]] = ..., constitution_checksum: _Optional[str] = ..., constitution_version: _Optional[str] = ..., thresholds: _Optional[_Union[_constitution_pb2.Thresholds, _Mapping]] = ...) -> None: ...

class GetWeightOverridesRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetWeightOverridesResponse(_message.Message):
    __slots__ = ("weight_overrides",)
    WEIGHT_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    weight_overrides: _policy_pb2.WeightOverrides
    def __init__(self, weight_overrides: _Optional[_Union[_policy_pb2.WeightOverrides, _Mapping]] = ...) -> None: ...

class SetWeightOverridesRequest(_message.Message):
    __slots__ = ("name", "weights")
    class WeightsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    weights: _containers.ScalarMap[str, float]
    def __init__(self, name: _Optional[str] = ..., weights: _Optional[_Mapping[str, float]] = ...) -> None: ...

class SetWeightOverridesResponse(_message.Message):
    __slots__ = ("weight_overrides",)
    WEIGHT_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    weight_overrides: _policy_pb2.WeightOverrides
    def __init__(self, weight_overrides: _Optional[_Union[_policy_pb2.WeightOverrides, _Mapping]] = ...) -> None: ...
