"""How many server streams each caller holds open at this process: a bound, so no caller can hold them all."""

from __future__ import annotations

from collections import Counter

from somastack.platform.errors import ResourceExhausted


class StreamQuota:
    """Counts each caller's open streams; `open` refuses one beyond `limit`, `close` gives one back."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._open: Counter[str] = Counter()

    def open(self, caller: str) -> None:
        if self._open[caller] >= self._limit:
            raise ResourceExhausted(
                "TOO_MANY_STREAMS",
                f"{caller} holds {self._limit} open streams at this service, as many as it may; close one first",
                metadata={"limit": str(self._limit)},
            )
        self._open[caller] += 1

    def close(self, caller: str) -> None:
        self._open[caller] -= 1
        if self._open[caller] <= 0:
            del self._open[caller]

    def held(self, caller: str) -> int:
        return self._open[caller]
