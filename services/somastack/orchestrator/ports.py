"""What the orchestrator needs from the outside: the services on a session's path, and its store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from somastack.orchestrator.model import (
    Action,
    Completion,
    Credentials,
    Evaluation,
    InferenceStatus,
    Notice,
    Retrieved,
    Session,
    SessionEvent,
    State,
)


class Constitution(Protocol):
    async def checksum(self, credentials: Credentials, *, expected: str = "") -> str:
        """The active constitution's checksum; `expected` is the one the request acts under, if it names one.
        Raises FailedPrecondition (CONSTITUTION_NOT_FOUND) when none is active, Unavailable when the service
        cannot be reached."""
        ...


class Policy(Protocol):
    async def evaluate(
        self, tenant: str, action: Action, context: dict[str, Any], credentials: Credentials, *, constitution: str
    ) -> Evaluation:
        """PolicyService.Evaluate under the constitution with checksum `constitution`; raises HopError."""
        ...


class Memory(Protocol):
    async def retrieve_context(self, tenant: str, query: str, budget: int, credentials: Credentials) -> Retrieved: ...

    async def remember(
        self, tenant: str, content: str, credentials: Credentials, *, request_id: str
    ) -> dict[str, Any]: ...

    async def recall(self, tenant: str, query: str, credentials: Credentials) -> dict[str, Any]: ...


class Models(Protocol):
    async def infer(
        self,
        tenant: str,
        messages: Sequence[tuple[str, str]],
        *,
        provider: str,
        max_tokens: int,
        credentials: Credentials,
    ) -> Completion:
        """SlmService.InferSync; messages are (role, content) with role `system` or `user`."""
        ...

    async def submit(
        self,
        tenant: str,
        messages: Sequence[tuple[str, str]],
        *,
        provider: str,
        max_tokens: int,
        credentials: Credentials,
        request_id: str,
    ) -> str:
        """SlmService.SubmitInference; returns the inference name."""
        ...

    async def wait(self, name: str, credentials: Credentials) -> InferenceStatus:
        """Watches the inference until it is done."""
        ...

    async def get(self, name: str, credentials: Credentials) -> InferenceStatus: ...


class Directory(Protocol):
    async def approvers(self, tenant: str, credentials: Credentials) -> list[str]:
        """The users of the tenant whose capabilities include `sessions.approve`; raises HopError."""
        ...


class SessionStore(Protocol):
    async def create(
        self, session: Session, events: Sequence[SessionEvent], notices: Sequence[Notice] = ()
    ) -> tuple[Session, bool]:
        """Stores a new session with its first events (and the notifications they ask for); with a request id
        another session already took, returns that one and False."""
        ...

    async def by_request(self, tenant: str, request_id: str) -> Session | None: ...

    async def get(self, tenant: str, session_id: str) -> Session | None: ...

    async def save(
        self,
        session: Session,
        *,
        expected_sequence: int,
        events: Sequence[SessionEvent],
        notices: Sequence[Notice] = (),
    ) -> bool:
        """Replaces the stored session if its sequence is still `expected_sequence`, appending the events and
        queueing the notices in the same transaction; False if someone else changed it first."""
        ...

    async def page(
        self, tenant: str, *, after: tuple[int, str] | None, limit: int, state: State | None, requester: str
    ) -> list[Session]:
        """Newest first (creation time, then id, both descending), after the given key."""
        ...

    async def events(self, tenant: str, session_id: str, *, after: int) -> list[SessionEvent]: ...
