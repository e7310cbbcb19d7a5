"""The orchestrator's domain: sessions, their steps, events and the mesh answers they are built from.

No grpc or proto imports: the adapters and the servicer translate.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

# Whose authority a hop runs with: the platform's one type, passed explicitly (re-exported for domain code).
from somastack.platform.credentials import Credentials as Credentials

#: Tools a session may call after the model answers.
TOOLS = frozenset({"memory.remember", "memory.recall"})
#: The action policy scores when the session names none.
DEFAULT_ACTION = "session.start"
TOOL_ACTION = "tool.invoke"
PREVIEW_CHARS = 200
#: Status codes of a hop that fail for a while only (a service restarting): a retried session runs again.
TRANSIENT_CODES = frozenset({"UNAVAILABLE"})


class State(StrEnum):
    RUNNING = "RUNNING"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    DENIED = "DENIED"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"

    @property
    def done(self) -> bool:
        return self not in (State.RUNNING, State.PENDING_APPROVAL)


class StepKind(StrEnum):
    CONSTITUTION_CHECK = "CONSTITUTION_CHECK"
    POLICY = "POLICY"
    APPROVAL = "APPROVAL"
    MEMORY = "MEMORY"
    INFERENCE = "INFERENCE"
    TOOL = "TOOL"


class StepStatus(StrEnum):
    OK = "OK"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"
    WAITING = "WAITING"


class Decision(StrEnum):
    UNSPECIFIED = ""
    ALLOW = "ALLOW"
    DENY = "DENY"
    REQUIRE_APPROVAL = "REQUIRE_APPROVAL"


class EventKind(StrEnum):
    STEP = "STEP"
    STATE = "STATE"


@dataclass(frozen=True)
class Action:
    name: str = DEFAULT_ACTION
    tool: str = ""
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ToolCall:
    tool: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ToolResult:
    tool: str
    decision: Decision
    ran: bool
    output: dict[str, Any] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class Options:
    queued: bool = False
    max_tokens: int = 0
    context_token_budget: int = 0
    provider: str = ""


@dataclass(frozen=True)
class Answer:
    text: str = ""
    citations: tuple[str, ...] = ()
    provider: str = ""
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    #: The proto name of the finish reason, for example `FINISH_REASON_STOP`.
    finish_reason: str = ""
    refused: bool = False
    inference: str = ""


@dataclass(frozen=True)
class Approval:
    approver: str
    approved: bool
    comment: str
    decided_at: float
    #: Who acted for the approver (the `act` subject of an impersonation token); empty for the approver's own token.
    approver_actor: str = ""


@dataclass(frozen=True)
class Step:
    index: int
    kind: StepKind
    status: StepStatus
    rpc: str = ""
    started_at: float = 0.0
    duration: float = 0.0
    summary: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class Session:
    tenant: str
    id: str
    prompt: str
    requester: str
    client_type: str
    state: State
    created_at: float
    updated_at: float
    action: Action = field(default_factory=Action)
    context: dict[str, Any] = field(default_factory=dict)
    tool_calls: tuple[ToolCall, ...] = ()
    options: Options = field(default_factory=Options)
    constitution_checksum: str = ""
    decision: Decision = Decision.UNSPECIFIED
    score: float = 0.0
    reason_codes: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    answer: Answer | None = None
    tool_results: tuple[ToolResult, ...] = ()
    approval: Approval | None = None
    error: str = ""
    request_id: str = ""
    #: The sequence number of the session's last event (0 before the first).
    sequence: int = 0
    #: Who acted for the requester (the `act` subject of an impersonation token); empty for their own token.
    requester_actor: str = ""

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/sessions/{self.id}"

    @property
    def requesters(self) -> frozenset[str]:
        """The persons behind the request: the requester and their actor. None of them may approve it."""
        return frozenset(p for p in (self.requester, self.requester_actor) if p)

    @property
    def preview(self) -> str:
        return self.prompt[:PREVIEW_CHARS]

    def fingerprint(self) -> tuple[Any, ...]:
        """What a retry with the same request id must repeat to get this session back."""
        return (self.prompt, self.action, self.context, self.tool_calls, self.options)

    @property
    def failed_transiently(self) -> bool:
        """Whether the session failed because a hop was unavailable for a while: a retry runs it again."""
        if self.state is not State.FAILED:
            return False
        failed = next((s for s in reversed(self.steps) if s.status is StepStatus.FAILED), None)
        return failed is not None and HopError.code_in(failed.error) in TRANSIENT_CODES

    def waiting_step(self, kind: StepKind) -> Step | None:
        return next((s for s in self.steps if s.kind is kind and s.status is StepStatus.WAITING), None)

    def with_step(self, step: Step) -> Session:
        """The session with `step` added, or replacing the step of the same index."""
        steps = [s for s in self.steps if s.index != step.index]
        steps.append(step)
        return replace(self, steps=tuple(sorted(steps, key=lambda s: s.index)))

    def next_index(self) -> int:
        return max((s.index for s in self.steps), default=0) + 1


@dataclass(frozen=True)
class SessionEvent:
    """One step or state change of a session, as stored, streamed and published."""

    session: str
    kind: EventKind
    state: State
    requester: str
    sequence: int
    time: float
    step: Step | None = None
    prompt_preview: str = ""
    reason_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """A NotificationRequested for one user."""

    recipient: str
    title: str
    body: str
    subject: str
    topic: str


# -- what the mesh answers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    decision: Decision
    score: float
    reason_codes: tuple[str, ...]
    fired_rules: tuple[str, ...] = ()
    rule_failures: tuple[str, ...] = ()
    checksum: str = ""
    version: str = ""


@dataclass(frozen=True)
class Retrieved:
    context: str
    citations: tuple[str, ...]
    total_tokens: int


@dataclass(frozen=True)
class Completion:
    text: str
    provider: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str
    refused: bool


@dataclass(frozen=True)
class InferenceStatus:
    """A queued inference as SlmService reports it: done once it has a completion or an error."""

    name: str
    done: bool
    completion: Completion | None = None
    error: str = ""


@dataclass(frozen=True)
class Page:
    sessions: list[Session]
    next_token: str


class HopError(Exception):
    """A call to another service failed: its status code name, ErrorInfo reason and message."""

    def __init__(self, rpc: str, code: str, message: str, reason: str = "") -> None:
        super().__init__(f"{rpc}: {code} {reason + ': ' if reason else ''}{message}")
        self.rpc = rpc
        self.code = code
        self.reason = reason
        self.message = message

    @staticmethod
    def code_in(text: str) -> str:
        """The status code name in the text of a HopError (`{rpc}: {code} ...`, as a failed step keeps it)."""
        rpc, colon, rest = text.partition(": ")
        return rest.partition(" ")[0] if colon and rpc.startswith("/") else ""
