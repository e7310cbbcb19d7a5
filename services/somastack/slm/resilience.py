"""Retries with backoff and a circuit breaker around provider calls."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from somastack.platform.errors import Unavailable

T = TypeVar("T")


class ProviderError(Exception):
    """A provider call failed; `retryable` says whether another attempt may succeed."""

    def __init__(self, provider: str, message: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.retryable = retryable
        self.retry_after = retry_after


def retryable_status(status: int) -> bool:
    """429 and 5xx are worth another attempt; other 4xx are the request's fault."""
    return status == 429 or status >= 500


@dataclass(frozen=True)
class RetryPolicy:
    #: Retries after the first attempt.
    max_retries: int = 2
    #: First backoff delay; doubles per retry, capped at `max_backoff` (a Retry-After header wins, capped too).
    backoff: float = 0.25
    max_backoff: float = 8.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_backoff)
        return min(self.backoff * 2.0**attempt, self.max_backoff)


class CircuitBreaker:
    """Opens after `threshold` consecutive failures; after `reset_after` seconds one probe call may pass
    (half-open): its success closes the circuit, its failure opens it again."""

    def __init__(self, threshold: int = 5, reset_after: float = 30.0, *, clock: Callable[[], float] = time.monotonic):
        self.threshold = threshold
        self.reset_after = reset_after
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.reset_after:
            return "half-open"
        return "open"

    def allow(self) -> bool:
        """Whether a call may go out now; in half-open only one probe at a time does."""
        state = self.state
        if state == "closed":
            return True
        if state == "half-open" and not self._probing:
            self._probing = True
            return True
        return False

    def retry_in(self) -> float:
        if self._opened_at is None:
            return 0.0
        return max(0.0, self.reset_after - (self._clock() - self._opened_at))

    def success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._probing = False

    def failure(self) -> None:
        self._failures += 1
        if self._probing or self._failures >= self.threshold:
            self._opened_at = self._clock()
        self._probing = False


def unavailable(provider: str, message: str, retry_after: float | None = None) -> Unavailable:
    return Unavailable(
        "SERVICE_UNAVAILABLE",
        f"provider {provider!r}: {message}",
        metadata={"provider": provider},
        retry_after=retry_after,
    )


async def guarded(
    provider: str,
    call: Callable[[], Awaitable[T]],
    *,
    breaker: CircuitBreaker,
    policy: RetryPolicy,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Runs `call` through the breaker, retrying retryable ProviderErrors; raises Unavailable when it gives up."""
    attempt = 0
    while True:
        if not breaker.allow():
            raise unavailable(provider, "circuit open after repeated failures", breaker.retry_in())
        try:
            result = await call()
        except ProviderError as error:
            if not error.retryable:
                # The provider answered (a 4xx about this request): it is healthy, the request is not.
                breaker.success()
                raise unavailable(provider, str(error)) from error
            breaker.failure()
            if attempt >= policy.max_retries:
                raise unavailable(provider, str(error), error.retry_after) from error
            await sleep(policy.delay(attempt, error.retry_after))
            attempt += 1
            continue
        breaker.success()
        return result
