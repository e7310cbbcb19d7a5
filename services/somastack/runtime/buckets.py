"""Token buckets: in this process, or in Redis where the replicas of a service share them.

A bucket holds up to `burst` tokens and gains `per_second` of them each second; a request takes one. A check
covers several buckets at once (a caller's and its tenant's): it takes a token from each only when every one has
a token, so a request refused by one budget costs nothing from the others. A refused check says how long until
every bucket it named has a token again, the delay a client is told to wait.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # redis-py is imported by the first RedisBuckets: a mesh on in-process buckets never loads it
    from redis.asyncio import Redis


@dataclass(frozen=True)
class Rate:
    """A budget: `per_second` tokens gained each second, `burst` held at most. Either 0: no limit."""

    per_second: float
    burst: int

    @property
    def unlimited(self) -> bool:
        return self.per_second <= 0 or self.burst <= 0


@dataclass(frozen=True)
class Refusal:
    """Which of the checked buckets lacked a token the longest (its index), and the seconds until all have one."""

    index: int
    retry_after: float


class Buckets(Protocol):
    """Named token buckets; `take` is atomic over the buckets it names."""

    async def take(self, checks: Sequence[tuple[str, Rate]]) -> Refusal | None:
        """Takes a token from each named bucket if every one has a token (None); else takes none (the Refusal)."""
        ...

    async def close(self) -> None:
        """Releases the buckets' resources; idempotent."""
        ...


def _refilled(tokens: float, idle: float, rate: Rate) -> float:
    return min(float(rate.burst), tokens + max(0.0, idle) * rate.per_second)


def _wait(tokens: float, rate: Rate) -> float:
    """Seconds until a bucket holding `tokens` (< 1) holds one, rounded up to the millisecond."""
    return math.ceil((1.0 - tokens) / rate.per_second * 1000) / 1000


class LocalBuckets:
    """Buckets in this process on a monotonic clock, at most `max_keys` of them, the least recently used dropped.

    A dropped bucket comes back full; the bound only drops buckets of callers quiet for longest, which had refilled.
    No method awaits, so a check is atomic on its event loop.
    """

    def __init__(self, *, max_keys: int = 100_000, clock: Callable[[], float] = time.monotonic) -> None:
        self._max_keys = max_keys
        self._clock = clock
        #: key -> (tokens, when they were counted)
        self._state: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._state)

    def take_now(self, checks: Sequence[tuple[str, Rate]]) -> Refusal | None:
        now = self._clock()
        levels = []
        for key, rate in checks:
            tokens, at = self._state.get(key, (float(rate.burst), now))
            levels.append(_refilled(tokens, now - at, rate))
        waits = [(_wait(level, rate), i) for i, (level, (_, rate)) in enumerate(zip(levels, checks, strict=True))]
        lacking = [(wait, i) for wait, i in waits if levels[i] < 1.0]
        admitted = not lacking
        for (key, _), level in zip(checks, levels, strict=True):
            self._state[key] = (level - 1.0 if admitted else level, now)
            self._state.move_to_end(key)
        while len(self._state) > self._max_keys:
            self._state.popitem(last=False)
        if admitted:
            return None
        wait, index = max(lacking)
        return Refusal(index, wait)

    async def take(self, checks: Sequence[tuple[str, Rate]]) -> Refusal | None:
        return self.take_now(checks)

    async def close(self) -> None:
        self._state.clear()


#: One check in Redis, atomic: refill every bucket from the server's clock, take a token from each only if all have
#: one. ARGV: per_second and burst of each key in turn. Returns {index of the bucket that waits longest, its wait in
#: seconds as text} or {-1, "0"}. A bucket expires once it would be full again, so idle callers cost no memory.
_TAKE_SCRIPT = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local levels = {}
local worst, worst_wait = -1, 0
for i, key in ipairs(KEYS) do
  local rate, burst = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens, at = tonumber(state[1]), tonumber(state[2])
  if tokens == nil or at == nil then tokens, at = burst, now end
  tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
  levels[i] = tokens
  if tokens < 1 then
    local wait = (1 - tokens) / rate
    if wait > worst_wait then worst, worst_wait = i - 1, wait end
  end
end
for i, key in ipairs(KEYS) do
  local rate, burst = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local tokens = levels[i]
  if worst < 0 then tokens = tokens - 1 end
  redis.call('HSET', key, 'tokens', string.format('%.6f', tokens), 'at', string.format('%.6f', now))
  redis.call('PEXPIRE', key, math.ceil((burst - tokens) / rate * 1000) + 1000)
end
return {worst, string.format('%.6f', worst_wait)}
"""


class RedisBuckets:
    """Buckets in Redis under `soma:<namespace>:*`, each check one script call: replicas share every budget.

    Raises redis-py's ConnectionError or TimeoutError when Redis cannot answer within `timeout` (no retries: the
    caller falls back at once rather than hold the request).
    """

    def __init__(self, url: str, namespace: str, *, timeout: float = 0.25, max_connections: int = 32) -> None:
        from redis.asyncio import BlockingConnectionPool, Redis

        self._prefix = f"soma:{namespace}:"
        self._pool = BlockingConnectionPool.from_url(
            url,
            max_connections=max_connections,
            timeout=timeout,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry_on_timeout=False,
        )
        self._client: Redis = Redis(connection_pool=self._pool)
        self._script = self._client.register_script(_TAKE_SCRIPT)

    async def take(self, checks: Sequence[tuple[str, Rate]]) -> Refusal | None:
        keys = [self._prefix + key for key, _ in checks]
        args: list[float | int] = []
        for _, rate in checks:
            args += [rate.per_second, rate.burst]
        index, wait = await self._script(keys=keys, args=args)
        if int(index) < 0:
            return None
        return Refusal(int(index), math.ceil(float(wait) * 1000) / 1000)

    async def close(self) -> None:
        await self._client.aclose(close_connection_pool=True)
