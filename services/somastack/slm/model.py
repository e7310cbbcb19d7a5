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
    """How to answer; empty model/provider, 0 max_tokens and None temperature mean "the tenant's profile decides".

    The service resolves them before a provider sees them (`service.resolve_params`): a provider always gets a
    max_tokens of 1 or more, and the fields below from the tenant's model profile.
    """

    model: str = ""
    provider: str = ""
    #: 0: unset (the profile's max_tokens, else 512).
    max_tokens: int = 0
    temperature: float | None = None
    #: From the profile: the endpoint that serves the call ("": the provider's configured one).
    base_url: str = ""
    #: From the profile: bounds each request of the call, in place of the provider's configured timeout.
    timeout: float | None = None
    #: From the profile: extra request-body fields, as given (typed and filtered by the provider adapter).
    extra: tuple[tuple[str, str], ...] = ()


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
    """Which provider and models a tenant uses by default, and how its calls are made.

    Everything past `allowed` applies only to calls its provider serves; values are as the source gave them
    (the service clamps or ignores what is out of range).
    """

    provider: str
    model: str = ""
    embedding_model: str = ""
    #: Providers the tenant may name explicitly; empty means every configured provider.
    allowed: tuple[str, ...] = field(default_factory=tuple)
    #: The endpoint of the provider; "": the configured one. Used only when the operator allows it.
    base_url: str = ""
    #: Default temperature of a request that sets none; None: the provider's default.
    temperature: float | None = None
    #: Default max_tokens of a request that sets none; 0: the service's default.
    max_tokens: int = 0
    #: Seconds one provider request may take; None: the provider's configured timeout.
    timeout: float | None = None
    #: Provider-specific request-body fields, sorted by key.
    parameters: tuple[tuple[str, str], ...] = field(default_factory=tuple)


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
