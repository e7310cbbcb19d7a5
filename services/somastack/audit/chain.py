"""The hash chain: the canonical content of a link, linking an entry after the previous one, and walking a chain.

A link's hash is the SHA-256 of its canonical content: every field of the entry, its tenant and sequence, and the
previous link's hash, as JSON with sorted keys and no spaces. Editing a stored link changes its content (its hash no
longer matches); deleting one leaves a gap in the sequence and a previous hash that matches nothing; moving one
changes its sequence, which is part of its content. Cutting links off the end of a chain is the one change a chain
cannot show by itself: the walk reports each chain's head hash for the reader to keep and compare.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict

from somastack.audit.model import Broken, Entry, Link

#: The version of the canonical form, part of the content so that a later form cannot be confused with this one.
CANONICAL_VERSION = 1


def canonical(entry: Entry, sequence: int, previous_hash: str) -> bytes:
    """The bytes a link's hash covers."""
    content = asdict(entry)
    content.update(v=CANONICAL_VERSION, sequence=sequence, previous_hash=previous_hash)
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(entry: Entry, sequence: int, previous_hash: str) -> str:
    """The hex SHA-256 of a link's canonical content."""
    return hashlib.sha256(canonical(entry, sequence, previous_hash)).hexdigest()


def link(entry: Entry, previous: Link | None) -> Link:
    """The link that appends `entry` after `previous` (None: it starts its tenant's chain)."""
    sequence = previous.sequence + 1 if previous is not None else 1
    previous_hash = previous.hash if previous is not None else ""
    return Link(entry, sequence, digest(entry, sequence, previous_hash), previous_hash)


class ChainWalk:
    """Checks the links of one chain, fed in sequence order, and remembers the first that does not hold."""

    def __init__(self) -> None:
        self.checked = 0
        self.head = ""
        self.broken: Broken | None = None
        self._sequence = 0

    def feed(self, current: Link) -> bool:
        """Checks the next link; False once a link did not hold (the walk can stop)."""
        if self.broken is not None:
            return False
        self.checked += 1
        problem = self._problem(current)
        if problem:
            self.broken = Broken(current, problem)
            return False
        self._sequence, self.head = current.sequence, current.hash
        return True

    def _problem(self, current: Link) -> str:
        if digest(current.entry, current.sequence, current.previous_hash) != current.hash:
            return "hash mismatch: the record's content is not what was chained"
        if current.sequence != self._sequence + 1:
            return f"sequence gap: expected record {self._sequence + 1}, found {current.sequence}"
        if current.previous_hash != self.head:
            if self._sequence == 0:
                return "the first record of the chain names a previous hash"
            return f"previous hash does not match record {self._sequence}"
        return ""


def walk(links: Iterable[Link]) -> ChainWalk:
    """Walks a whole chain given in sequence order."""
    walker = ChainWalk()
    for current in links:
        if not walker.feed(current):
            break
    return walker
