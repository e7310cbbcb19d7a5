"""The ports the memory use cases need: the record of memories and writes, and the memory store writes reach."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from somastack.memory.model import Candidate, Direction, Link, LinkType, Memory, MemoryFilter, Write


class StoreUnavailable(Exception):
    """The memory store cannot take or answer requests now; retry later.

    `applied` says how many of the writes handed to `MemoryStore.apply` were applied before the failure.
    """

    def __init__(self, message: str, *, applied: int = 0) -> None:
        super().__init__(message)
        self.applied = applied


class WriteRejected(Exception):
    """The memory store refused one write for good (retrying cannot help); the writes before it were applied."""

    def __init__(self, seq: int, message: str, *, applied: int) -> None:
        super().__init__(message)
        self.seq = seq
        self.applied = applied


class MemoryRecord(Protocol):
    """The memory service's own database: memories, links, and the log of writes the store has yet to apply.

    Every change is committed together with its write-log entry and its `memory.writes` outbox event, so
    an acknowledged write is never lost whatever happens to the store. Every method filters by tenant.
    """

    async def remember(self, memory: Memory) -> tuple[Memory, bool]:
        """Inserts the memory unless its `request_id` was seen; returns (the memory, whether it is new)."""
        ...

    async def get(self, tenant: str, memory_id: str) -> Memory | None: ...

    async def by_keys(self, tenant: str, keys: Sequence[int]) -> dict[int, Memory]:
        """The memories of these vector keys that still exist, by key."""
        ...

    async def count(self, tenant: str, where: MemoryFilter) -> int: ...

    async def keys(self, tenant: str, where: MemoryFilter, *, limit: int) -> list[int]:
        """Vector keys of the applied memories that pass the filter, at most `limit`."""
        ...

    async def link(self, link: Link) -> Link | str:
        """Creates or updates an edge; returns it, or the id of the end that does not exist."""
        ...

    async def edges(
        self, tenant: str, memory_ids: Sequence[str], *, types: frozenset[LinkType], direction: Direction
    ) -> list[Link]:
        """Edges touching these memories in the given direction, of the given types (all when empty)."""
        ...

    async def forget(self, tenant: str, memory_ids: Sequence[str] | None, where: MemoryFilter) -> list[str]:
        """Deletes the memories (those named, or all when None) that pass the filter, with their edges."""
        ...

    async def pending_writes(self, *, limit: int) -> list[Write]:
        """The oldest writes not yet applied, in log order."""
        ...

    async def mark_applied(self, seqs: Sequence[int]) -> None: ...

    async def mark_rejected(self, seq: int, error: str) -> None:
        """Takes a write the store refused for good out of the replay, keeping it for inspection."""
        ...

    async def backlog(self) -> tuple[int, float | None]:
        """How many writes wait for the store, and when the oldest was committed (unix seconds)."""
        ...


class MemoryStore(Protocol):
    """Where writes are applied, in log order, and where recall looks for candidates."""

    #: `builtin` or `somabrain`; shown in logs and metrics.
    kind: str
    #: Whether `search_among` is supported (exact ranking of a given candidate set).
    exact: bool
    #: How many writes the replay hands over per `apply` call. The write log advances after each call, so a
    #: process that dies mid-replay re-sends at most this many (idempotently).
    apply_batch: int

    async def open(self) -> None:
        """Prepares the store (loads or rebuilds indexes); called once before anything else."""
        ...

    async def apply(self, writes: Sequence[Write]) -> None:
        """Applies writes in order; applying one twice has the effect of applying it once.

        Raises StoreUnavailable (transient) or WriteRejected (permanent), both saying how many were applied.
        """
        ...

    async def search(self, tenant: str, query: str, k: int) -> list[Candidate]:
        """Up to k candidates for a query, best first. Raises StoreUnavailable."""
        ...

    async def search_among(self, tenant: str, query: str, keys: Sequence[int], k: int) -> list[Candidate]:
        """The k best of the given keys for a query, ranked exactly."""
        ...

    async def flush(self) -> None:
        """Persists what the store keeps in memory (indexes), if anything."""
        ...

    async def close(self) -> None: ...
