"""The memory service's domain objects: memories, filters, hits, links, context chunks, working memory, writes."""

from __future__ import annotations

import math
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

#: Limits of what one memory or working-memory entry may carry.
MAX_TEXT_CHARS = 32_768
MAX_METADATA_ENTRIES = 32
MAX_METADATA_KEY_CHARS = 63
MAX_METADATA_VALUE_CHARS = 256
MAX_REQUEST_ID_CHARS = 128


class MemoryKind(StrEnum):
    EPISODIC = "episodic"
    SEMANTIC = "semantic"


class LinkType(StrEnum):
    RELATES_TO = "relates_to"
    DERIVED_FROM = "derived_from"
    CONTRADICTS = "contradicts"
    SUPPORTS = "supports"
    FOLLOWS = "follows"


class Direction(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"
    BOTH = "both"


def new_memory_id() -> str:
    """A fresh memory id: 16 hex digits of a random 63-bit number, which is also the memory's vector-index key."""
    return f"{secrets.randbits(63):016x}"


def key_of(memory_id: str) -> int:
    """The vector-index key of a memory id (its 63-bit number); -1 for an id this service did not mint."""
    if len(memory_id) != 16:
        return -1
    try:
        value = int(memory_id, 16)
    except ValueError:
        return -1
    return value if value < 1 << 63 else -1


def id_of(key: int) -> str:
    return f"{key:016x}"


def memory_name(tenant: str, memory_id: str) -> str:
    return f"tenants/{tenant}/memories/{memory_id}"


@dataclass(frozen=True)
class Memory:
    tenant: str
    id: str
    kind: MemoryKind
    text: str
    metadata: Mapping[str, str]
    importance: float
    created_at: float
    #: The idempotency key of the Remember call that created it ('' when none was sent).
    request_id: str = ""
    #: Position of its Remember write in the write log.
    write_seq: int = 0
    #: Whether the memory store has applied that write.
    applied: bool = False

    @property
    def name(self) -> str:
        return memory_name(self.tenant, self.id)

    @property
    def key(self) -> int:
        return key_of(self.id)


@dataclass(frozen=True)
class MemoryFilter:
    """Criteria a memory must all meet; an empty filter lets everything through."""

    kinds: frozenset[MemoryKind] = frozenset()
    metadata: Mapping[str, str] = field(default_factory=dict)
    #: Created at or after (unix seconds).
    after: float | None = None
    #: Created strictly before (unix seconds).
    before: float | None = None

    @property
    def empty(self) -> bool:
        return not self.kinds and not self.metadata and self.after is None and self.before is None

    def matches(self, memory: Memory) -> bool:
        if self.kinds and memory.kind not in self.kinds:
            return False
        if any(memory.metadata.get(k) != v for k, v in self.metadata.items()):
            return False
        if self.after is not None and memory.created_at < self.after:
            return False
        return not (self.before is not None and memory.created_at >= self.before)


@dataclass(frozen=True)
class Candidate:
    """A memory key a ranker returned, with its fused and per-ranker scores."""

    key: int
    score: float
    vector_score: float = 0.0
    lexical_score: float = 0.0


@dataclass(frozen=True)
class Hit:
    memory: Memory
    score: float
    vector_score: float = 0.0
    lexical_score: float = 0.0


@dataclass(frozen=True)
class Link:
    tenant: str
    source: str
    target: str
    type: LinkType
    weight: float
    updated_at: float

    @property
    def source_name(self) -> str:
        return memory_name(self.tenant, self.source)

    @property
    def target_name(self) -> str:
        return memory_name(self.tenant, self.target)


@dataclass(frozen=True)
class Neighbor:
    memory: Memory
    depth: int
    link: Link


@dataclass(frozen=True)
class Chunk:
    """A span of one memory's text, packed into retrieved context."""

    memory: str
    text: str
    start: int
    end: int
    tokens: int
    score: float


@dataclass(frozen=True)
class Context:
    chunks: list[Chunk]
    total_tokens: int
    text: str


@dataclass(frozen=True)
class WorkingItem:
    text: str
    metadata: Mapping[str, str]
    created_at: float


@dataclass(frozen=True)
class WorkingMemory:
    tenant: str
    session: str
    items: list[WorkingItem]
    max_items: int
    ttl: float
    expires_at: float | None

    @property
    def name(self) -> str:
        return f"tenants/{self.tenant}/sessions/{self.session}/workingMemory"


# -- the write log --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Remembered:
    memory: Memory


@dataclass(frozen=True)
class Linked:
    link: Link


@dataclass(frozen=True)
class Forgotten:
    tenant: str
    ids: tuple[str, ...]


Change = Remembered | Linked | Forgotten


@dataclass(frozen=True)
class Write:
    """One committed write, in log order: what the memory store must apply."""

    seq: int
    tenant: str
    change: Change
    created_at: float


def check_unit(value: float) -> bool:
    """Whether a score-like value is a finite number in [0, 1]."""
    return math.isfinite(value) and 0.0 <= value <= 1.0
