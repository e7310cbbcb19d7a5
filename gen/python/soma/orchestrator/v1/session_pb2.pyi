import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from soma.common.v1 import event_pb2 as _event_pb2
from soma.policy.v1 import policy_pb2 as _policy_pb2
from soma.slm.v1 import slm_pb2 as _slm_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SessionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SESSION_STATE_UNSPECIFIED: _ClassVar[SessionState]
    SESSION_STATE_RUNNING: _ClassVar[SessionState]
    SESSION_STATE_PENDING_APPROVAL: _ClassVar[SessionState]
    SESSION_STATE_SUCCEEDED: _ClassVar[SessionState]
    SESSION_STATE_FAILED: _ClassVar[SessionState]
    SESSION_STATE_DENIED: _ClassVar[SessionState]
    SESSION_STATE_REJECTED: _ClassVar[SessionState]
    SESSION_STATE_CANCELLED: _ClassVar[SessionState]

class StepKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_KIND_UNSPECIFIED: _ClassVar[StepKind]
    STEP_KIND_CONSTITUTION_CHECK: _ClassVar[StepKind]
    STEP_KIND_POLICY: _ClassVar[StepKind]
    STEP_KIND_APPROVAL: _ClassVar[StepKind]
    STEP_KIND_MEMORY: _ClassVar[StepKind]
    STEP_KIND_INFERENCE: _ClassVar[StepKind]
    STEP_KIND_TOOL: _ClassVar[StepKind]

class StepStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_STATUS_UNSPECIFIED: _ClassVar[StepStatus]
    STEP_STATUS_OK: _ClassVar[StepStatus]
    STEP_STATUS_FAILED: _ClassVar[StepStatus]
    STEP_STATUS_SKIPPED: _ClassVar[StepStatus]
    STEP_STATUS_WAITING: _ClassVar[StepStatus]

class SessionEventKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SESSION_EVENT_KIND_UNSPECIFIED: _ClassVar[SessionEventKind]
    SESSION_EVENT_KIND_STEP: _ClassVar[SessionEventKind]
    SESSION_EVENT_KIND_STATE: _ClassVar[SessionEventKind]
SESSION_STATE_UNSPECIFIED: SessionState
SESSION_STATE_RUNNING: SessionState
SESSION_STATE_PENDING_APPROVAL: SessionState
SESSION_STATE_SUCCEEDED: SessionState
SESSION_STATE_FAILED: SessionState
SESSION_STATE_DENIED: SessionState
SESSION_STATE_REJECTED: SessionState
SESSION_STATE_CANCELLED: SessionState
STEP_KIND_UNSPECIFIED: StepKind
STEP_KIND_CONSTITUTION_CHECK: StepKind
STEP_KIND_POLICY: StepKind
STEP_KIND_APPROVAL: StepKind
STEP_KIND_MEMORY: StepKind
STEP_KIND_INFERENCE: StepKind
STEP_KIND_TOOL: StepKind
STEP_STATUS_UNSPECIFIED: StepStatus
STEP_STATUS_OK: StepStatus
STEP_STATUS_FAILED: StepStatus
STEP_STATUS_SKIPPED: StepStatus
STEP_STATUS_WAITING: StepStatus
SESSION_EVENT_KIND_UNSPECIFIED: SessionEventKind
SESSION_EVENT_KIND_STEP: SessionEventKind
SESSION_EVENT_KIND_STATE: SessionEventKind

class Step(_message.Message):
    __slots__ = ("index", "kind", "status", "rpc", "start_time", "duration", "summary", "detail", "error")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RPC_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    index: int
    kind: StepKind
    status: StepStatus
    rpc: str
    start_time: _timestamp_pb2.Timestamp
    duration: _duration_pb2.Duration
    summary: str
    detail: _struct_pb2.Struct
    error: str
    def __init__(self, index: _Optional[int] = ..., kind: _Optional[_Union[StepKind, str]] = ..., status: _Optional[_Union[StepStatus, str]] = ..., rpc: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., summary: _Optional[str] = ..., detail: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., error: _Optional[str] = ...) -> None: ...

class ToolCall(_message.Message):
    __slots__ = ("tool", "arguments")
    TOOL_FIELD_NUMBER: _ClassVar[int]
    ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    tool: str
    arguments: _struct_pb2.Struct
    def __init__(self, tool: _Optional[str] = ..., arguments: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ToolResult(_message.Message):
    __slots__ = ("tool", "decision", "ran", "output", "error")
    TOOL_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    RAN_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    tool: str
    decision: _policy_pb2.Decision
    ran: bool
    output: _struct_pb2.Struct
    error: str
    def __init__(self, tool: _Optional[str] = ..., decision: _Optional[_Union[_policy_pb2.Decision, str]] = ..., ran: _Optional[bool] = ..., output: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., error: _Optional[str] = ...) -> None: ...

class SessionOptions(_message.Message):
    __slots__ = ("queued", "max_tokens", "context_token_budget", "provider")
    QUEUED_FIELD_NUMBER: _ClassVar[int]
    MAX_TOKENS_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_TOKEN_BUDGET_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    queued: bool
    max_tokens: int
    context_token_budget: int
    provider: str
    def __init__(self, queued: _Optional[bool] = ..., max_tokens: _Optional[int] = ..., context_token_budget: _Optional[int] = ..., provider: _Optional[str] = ...) -> None: ...

class Answer(_message.Message):
    __slots__ = ("text", "citations", "provider", "model", "usage", "finish_reason", "refused", "inference")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CITATIONS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    FINISH_REASON_FIELD_NUMBER: _ClassVar[int]
    REFUSED_FIELD_NUMBER: _ClassVar[int]
    INFERENCE_FIELD_NUMBER: _ClassVar[int]
    text: str
    citations: _containers.RepeatedScalarFieldContainer[str]
    provider: str
    model: str
    usage: _slm_pb2.TokenUsage
    finish_reason: _slm_pb2.FinishReason
    refused: bool
    inference: str
    def __init__(self, text: _Optional[str] = ..., citations: _Optional[_Iterable[str]] = ..., provider: _Optional[str] = ..., model: _Optional[str] = ..., usage: _Optional[_Union[_slm_pb2.TokenUsage, _Mapping]] = ..., finish_reason: _Optional[_Union[_slm_pb2.FinishReason, str]] = ..., refused: _Optional[bool] = ..., inference: _Optional[str] = ...) -> None: ...

class Approval(_message.Message):
    __slots__ = ("approver", "approved", "comment", "decide_time", "approver_actor")
    APPROVER_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DECIDE_TIME_FIELD_NUMBER: _ClassVar[int]
    APPROVER_ACTOR_FIELD_NUMBER: _ClassVar[int]
    approver: str
    approved: bool
    comment: str
    decide_time: _timestamp_pb2.Timestamp
    approver_actor: str
    def __init__(self, approver: _Optional[str] = ..., approved: _Optional[bool] = ..., comment: _Optional[str] = ..., decide_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., approver_actor: _Optional[str] = ...) -> None: ...

class Session(_message.Message):
    __slots__ = ("name", "prompt", "action", "context", "tool_calls", "options", "requester", "client_type", "state", "constitution_checksum", "decision", "score", "reason_codes", "steps", "answer", "tool_results", "approval", "error", "request_id", "create_time", "update_time", "requester_actor")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALLS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    REQUESTER_FIELD_NUMBER: _ClassVar[int]
    CLIENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CONSTITUTION_CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODES_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    TOOL_RESULTS_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUESTER_ACTOR_FIELD_NUMBER: _ClassVar[int]
    name: str
    prompt: str
    action: _policy_pb2.Action
    context: _struct_pb2.Struct
    tool_calls: _containers.RepeatedCompositeFieldContainer[ToolCall]
    options: SessionOptions
    requester: str
    client_type: str
    state: SessionState
    constitution_checksum: str
    decision: _policy_pb2.Decision
    score: float
    reason_codes: _containers.RepeatedScalarFieldContainer[str]
    steps: _containers.RepeatedCompositeFieldContainer[Step]
    answer: Answer
    tool_results: _containers.RepeatedCompositeFieldContainer[ToolResult]
    approval: Approval
    error: str
    request_id: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    requester_actor: str
    def __init__(self, name: _Optional[str] = ..., prompt: _Optional[str] = ..., action: _Optional[_Union[_policy_pb2.Action, _Mapping]] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., tool_calls: _Optional[_Iterable[_Union[ToolCall, _Mapping]]] = ..., options: _Optional[_Union[SessionOptions, _Mapping]] = ..., requester: _Optional[str] = ..., client_type: _Optional[str] = ..., state: _Optional[_Union[SessionState, str]] = ..., constitution_checksum: _Optional[str] = ..., decision: _Optional[_Union[_policy_pb2.Decision, str]] = ..., score: _Optional[float] = ..., reason_codes: _Optional[_Iterable[str]] = ..., steps: _Optional[_Iterable[_Union[Step, _Mapping]]] = ..., answer: _Optional[_Union[Answer, _Mapping]] = ..., tool_results: _Optional[_Iterable[_Union[ToolResult, _Mapping]]] = ..., approval: _Optional[_Union[Approval, _Mapping]] = ..., error: _Optional[str] = ..., request_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., requester_actor: _Optional[str] = ...) -> None: ...

class SessionEvent(_message.Message):
    __slots__ = ("session", "kind", "state", "step", "requester", "prompt_preview", "reason_codes", "sequence", "time")
    SESSION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    REQUESTER_FIELD_NUMBER: _ClassVar[int]
    PROMPT_PREVIEW_FIELD_NUMBER: _ClassVar[int]
    REASON_CODES_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    session: str
    kind: SessionEventKind
    state: SessionState
    step: Step
    requester: str
    prompt_preview: str
    reason_codes: _containers.RepeatedScalarFieldContainer[str]
    sequence: int
    time: _timestamp_pb2.Timestamp
    def __init__(self, session: _Optional[str] = ..., kind: _Optional[_Union[SessionEventKind, str]] = ..., state: _Optional[_Union[SessionState, str]] = ..., step: _Optional[_Union[Step, _Mapping]] = ..., requester: _Optional[str] = ..., prompt_preview: _Optional[str] = ..., reason_codes: _Optional[_Iterable[str]] = ..., sequence: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
