"""The memories recall returned lately, kept by key, so that a Recall reads its hits without a database query.

A memory never changes under its key once the store has applied it: its text, kind, metadata and importance are
set by Remember, and only Forget removes it. So the cache holds applied memories only (a pending one becomes
applied later, and its `store_state` must say so) and forgets a key when Forget removes it. A read that overlaps a
Forget must not put the forgotten memory back: every Forget advances the cache's epoch, and a read fills the cache
only if no Forget ran while it was reading.

It is exact only while this process is the one that forgets: the built-in store's rule (one replica per database,
docs/memory.md). The gateway turns it off for other stores. Bounded, least recently used first out.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence

from somastack.memory.model import Memory


class RecordCache:
    """At most `size` applied memories, by (tenant, key); `size` 0 keeps none."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[str, int], Memory] = OrderedDict()
        self._epoch = 0

    @property
    def epoch(self) -> int:
        """Advances with every Forget; a read that started at another epoch must not fill the cache."""
        return self._epoch

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, tenant: str, keys: Sequence[int]) -> tuple[dict[int, Memory], list[int]]:
        """The cached memories among `keys`, and the keys that must be read from the record."""
        found: dict[int, Memory] = {}
        missing: list[int] = []
        entries = self._entries
        for key in keys:
            memory = entries.get((tenant, key))
            if memory is None:
                missing.append(key)
            else:
                entries.move_to_end((tenant, key))
                found[key] = memory
        return found, missing

    def fill(self, tenant: str, memories: Iterable[Memory], *, read_at: int) -> None:
        """Keeps the applied memories a read returned, unless a Forget ran since the read began (`read_at`)."""
        if self._size == 0 or read_at != self._epoch:
            return
        entries = self._entries
        for memory in memories:
            if memory.applied:
                entries[(tenant, memory.key)] = memory
                entries.move_to_end((tenant, memory.key))
        while len(entries) > self._size:
            entries.popitem(last=False)

    def forget(self, tenant: str, keys: Iterable[int]) -> None:
        """Drops forgotten memories and makes reads in flight leave the cache alone."""
        self._epoch += 1
        for key in keys:
            self._entries.pop((tenant, key), None)
