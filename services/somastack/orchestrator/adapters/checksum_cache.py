"""The active constitution's checksum, kept between two `constitution.updated` events.

Every session begins with the constitution check. The active checksum changes only when a constitution is
loaded or rolled back, and each change is announced on `constitution.updated`; between two announcements the
orchestrator answers the check from the checksum it last read instead of a GetChecksum through the mesh per
session (a call through Envoy, and the constitution service's work, on every StartSession).

The checksum is forgotten on every `constitution.updated` event (`forget`, called by the orchestrator's consumer
of that topic), and `TTL_SECONDS` after it was read in case this replica missed an event. `forget` also starts
a new generation, so a read that began before the event never stores its answer after it. A request that names
another checksum than the kept one (it acts under a constitution that was just loaded, say) is checked against
the constitution service itself, so it is never refused on a kept value.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from somastack.orchestrator.model import Credentials
from somastack.orchestrator.ports import Constitution

#: Seconds a read checksum is kept at most, should this replica miss a `constitution.updated` event.
TTL_SECONDS = 30.0


class CachedChecksum:
    """The Constitution port over another one, answering from the last read checksum until it is forgotten."""

    __slots__ = ("_clock", "_expires", "_generation", "_source", "_ttl", "_value")

    def __init__(
        self, source: Constitution, *, ttl: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._source = source
        self._ttl = ttl
        self._clock = clock
        self._value: str | None = None
        self._expires = 0.0
        self._generation = 0

    async def checksum(self, credentials: Credentials, *, expected: str = "") -> str:
        """The active checksum: the kept one unless it expired or differs from `expected`, else read anew."""
        kept = self._value
        if kept is not None and (not expected or expected == kept) and self._clock() < self._expires:
            return kept
        generation = self._generation
        value = await self._source.checksum(credentials, expected=expected)
        if generation == self._generation:
            self._value, self._expires = value, self._clock() + self._ttl
        return value

    def forget(self) -> None:
        """Drops the kept checksum (a constitution was loaded or rolled back); reads under way keep nothing."""
        self._generation += 1
        self._value = None
