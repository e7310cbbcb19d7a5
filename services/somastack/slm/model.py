"""The SLM domain: conversations, completions, embeddings, queued inferences and providers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """Who wrote a chat message."""

    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"


class Finish(StrEnum):
    """Why a model stopped generating."""

    STOP = "stop"
    LENGTH = "length"
    CONTENT_FILTER = "content_filter"
    REFUSAL = "refusal"


class State(StrEnum):
    """Where a queued inference is."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @property
    def done(self) -> bool:
        return self in (State.SUCCEEDED, State.FAILED)


class ProviderKind(StrEnum):
    """The wire protocol a provider speaks."""

    LOCAL = "local"
    OPENAI = "openai"
    ANTHROPIC = "anthropic"


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class Params:
    """How to answer; empty model/provider mean "the tenant's profile decides"."""

    model: str = ""
    provider: str = ""
    max_tokens: int = 512
    temperature: float | None = None


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class Completion:
    text: str
    finish: Finish
    usage: Usage
    model: str
    provider: str = ""
    latency: float = 0.0
    refused: bool = False
    refusal_reason: str = ""


@dataclass(frozen=True)
class Embeddings:
    vectors: list[list[float]]
    model: str
    usage: Usage
    provider: str = ""


@dataclass(frozen=True)
class Inference:
    """A queued inference job, `tenants/{tenant}/inferences/{id}`."""

    tenant: str
    id: str
    messages: tuple[Message, ...]
    params: Params
    state: State
    created_at: float
    updated_at: float
    completion: Completion | None = None
    error: str = ""
    #: The caller's idempotency key, unique per tenant; "" when none was given.
    request_id: str = ""

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/inferences/{self.id}"


@dataclass(frozen=True)
class ProviderInfo:
    name: str
    kind: ProviderKind
    default_model: str
    embedding_model: str
    default: bool
    available: bool


@dataclass(frozen=True)
class ModelProfile:
    """Which provider and models a tenant uses by default."""

    provider: str
    model: str = ""
    embedding_model: str = ""
    #: Providers the tenant may name explicitly; empty means every configured provider.
    allowed: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Update:
    """One step of a watched inference: a token, or a state change (with the inference)."""

    state: State
    token: str = ""
    inference: Inference | None = None


@dataclass(frozen=True)
class Meter:
    """One provider call, for the `slm.metrics` topic."""

    tenant: str
    operation: str
    provider: str
    model: str
    usage: Usage
    latency: float
    refused: bool = False
    failed: bool = False
