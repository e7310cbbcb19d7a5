"""The one way a session's trace gets a step: time a hop, then turn its result or its error into a `Step`."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, Generic, TypeVar

from somastack.orchestrator.model import HopError, Step, StepKind, StepStatus

T = TypeVar("T")

#: The RPC each step names in the trace.
GET_CHECKSUM = "/soma.constitution.v1.ConstitutionService/GetChecksum"
EVALUATE = "/soma.policy.v1.PolicyService/Evaluate"
LIST_MEMBERSHIPS = "/soma.identity.v1.IdentityService/ListMemberships"
RETRIEVE_CONTEXT = "/soma.memory.v1.MemoryService/RetrieveContext"
REMEMBER = "/soma.memory.v1.MemoryService/Remember"
RECALL = "/soma.memory.v1.MemoryService/Recall"
INFER_SYNC = "/soma.slm.v1.SlmService/InferSync"
SUBMIT = "/soma.slm.v1.SlmService/SubmitInference"
TOOL_RPCS = {"memory.remember": REMEMBER, "memory.recall": RECALL}


def stored_step(data: dict[str, Any]) -> Step:
    """A step as the store keeps it (a JSON object of its fields), back as a Step."""
    return Step(
        index=data["index"],
        kind=StepKind(data["kind"]),
        status=StepStatus(data["status"]),
        rpc=data["rpc"],
        started_at=data["started_at"],
        duration=data["duration"],
        summary=data["summary"],
        detail=data["detail"],
        error=data["error"],
    )


class Hop:
    """One hop of a session being timed: when it started, and (once stopped) how long it took."""

    __slots__ = ("_began", "_observe", "duration", "kind", "rpc", "started")

    def __init__(self, kind: StepKind, rpc: str, started: float, observe: Callable[[str, float], None] | None) -> None:
        self.kind = kind
        self.rpc = rpc
        self.started = started
        self.duration = 0.0
        self._observe = observe
        self._began = time.perf_counter()

    def stop(self) -> Hop:
        """Records how long the hop took (observed as the step kind's latency unless the hop is not observed)."""
        self.duration = time.perf_counter() - self._began
        if self._observe is not None:
            self._observe(self.kind.value.lower(), self.duration)
        return self

    def step(
        self, index: int, status: StepStatus, summary: str, detail: dict[str, Any] | None = None, error: str = ""
    ) -> Step:
        """The hop as the session's step `index`."""
        return Step(
            index,
            self.kind,
            status,
            rpc=self.rpc,
            started_at=self.started,
            duration=self.duration,
            summary=summary,
            detail={} if detail is None else detail,
            error=error,
        )

    def failed(
        self, index: int, summary: str, error: BaseException | None, detail: dict[str, Any] | None = None
    ) -> Step:
        return self.step(index, StepStatus.FAILED, summary, detail, str(error))


class Timed(Generic[T]):
    """A hop that ran to its end: its value, or the HopError it failed with."""

    __slots__ = ("error", "hop", "value")

    def __init__(self, hop: Hop, value: T | None = None, error: HopError | None = None) -> None:
        self.hop = hop
        self.value = value
        self.error = error


class Hops:
    """Starts and times hops on the orchestrator's clock, observing each one's latency."""

    __slots__ = ("_clock", "_observe")

    def __init__(self, clock: Callable[[], float], observe: Callable[[str, float], None]) -> None:
        self._clock = clock
        self._observe = observe

    def start(self, kind: StepKind, rpc: str, *, observed: bool = True) -> Hop:
        return Hop(kind, rpc, self._clock(), self._observe if observed else None)

    async def run(self, kind: StepKind, rpc: str, call: Awaitable[T]) -> Timed[T]:
        """Awaits a hop, catching its HopError; other errors (a refusal of the whole call) propagate."""
        hop = Hop(kind, rpc, self._clock(), self._observe)
        try:
            value = await call
        except HopError as error:
            return Timed(hop.stop(), error=error)
        return Timed(hop.stop(), value)

    def finish(
        self,
        waiting: Step,
        status: StepStatus,
        summary: str,
        detail: dict[str, Any] | None = None,
        *,
        error: str = "",
        observed: bool = True,
    ) -> Step:
        """A WAITING step (an approval, a queued inference) that ended now, as `status`."""
        took = max(self._clock() - waiting.started_at, 0.0)
        if observed:
            self._observe(waiting.kind.value.lower(), took)
        return replace(
            waiting,
            status=status,
            duration=took,
            summary=summary,
            detail=waiting.detail if detail is None else detail,
            error=error or waiting.error,
        )
