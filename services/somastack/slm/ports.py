"""Ports of the SLM service: model providers, tenant model profiles and modes, and the inference record."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Protocol

from somastack.platform.credentials import Credentials
from somastack.slm.model import Completion, Embeddings, Inference, Message, Meter, ModelProfile, Params, ProviderKind


class Provider(Protocol):
    """A model provider. Raises ProviderError on failures; retries and the circuit breaker wrap it.

    `params` arrive resolved (`service.resolve_params`): `params.timeout`, when set, bounds each request in place
    of the provider's own timeout, and `params.extra` are request-body fields for the remote adapters.
    """

    name: str
    kind: ProviderKind
    default_model: str
    embedding_model: str

    async def complete(self, messages: Sequence[Message], params: Params, *, model: str) -> Completion: ...

    def stream(self, messages: Sequence[Message], params: Params, *, model: str) -> AsyncIterator[str | Completion]:
        """Yields text deltas, then one final Completion."""
        ...

    async def embed(self, texts: Sequence[str], *, model: str, request_timeout: float | None = None) -> Embeddings: ...

    async def close(self) -> None: ...


class ProfileSource(Protocol):
    """Where a tenant's model profile comes from (the settings service, or configuration)."""

    async def profile(self, tenant: str, credentials: Credentials | None = None) -> ModelProfile:
        """The tenant's profile, read as the caller of `credentials` (None: no caller, as in the worker)."""
        ...


class TenantModes(Protocol):
    """Whether a tenant runs under the guardrails of deployment mode prod (the settings service knows)."""

    async def prod(self, tenant: str) -> bool:
        """True when the tenant's effective deployment mode is prod. Raises Unavailable when it cannot be read:
        the caller then refuses what prod would refuse rather than guess."""
        ...


#: Called with each token a running inference generates.
TokenSink = Callable[[str], None]


class InferenceRecord(Protocol):
    """Durable store of queued inferences and their streamed tokens."""

    async def submit(self, inference: Inference, *, topic: str) -> Inference:
        """Stores the job and its `slm.requests` event in one transaction.

        Returns the stored job: the one already queued under the same `request_id`, if any."""
        ...

    async def get(self, tenant: str, inference_id: str) -> Inference | None: ...

    async def unfinished(self) -> list[str]:
        """Names of the jobs that are QUEUED or RUNNING (to resume after a restart)."""
        ...

    async def claim(self, tenant: str, inference_id: str) -> tuple[Inference, int] | None:
        """Marks a job RUNNING, dropping tokens of an earlier attempt; returns it with its attempt number (from 1).

        None when it does not exist or is already done (a redelivered request)."""
        ...

    async def append_tokens(self, tenant: str, inference_id: str, start: int, tokens: Sequence[str]) -> None: ...

    async def tokens(self, tenant: str, inference_id: str, *, after: int) -> list[str]: ...

    async def finish(self, inference: Inference) -> None: ...

    async def meter(self, meter: Meter) -> None:
        """Queues one `slm.metrics` event through the outbox."""
        ...
