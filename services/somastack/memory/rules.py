"""Input rules shared by the memory use cases: texts, metadata, scores, filters, and the token estimate."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from somastack.memory.model import (
    MAX_METADATA_ENTRIES,
    MAX_METADATA_KEY_CHARS,
    MAX_METADATA_VALUE_CHARS,
    MAX_TEXT_CHARS,
    MemoryFilter,
    MemoryKind,
)
from somastack.platform.errors import FieldViolation, InvalidArgument, invalid

_METADATA_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$")
_WORD = re.compile(r"\S+")


def check_text(text: str, *, field: str) -> str:
    if not text.strip():
        raise invalid(field, "must not be blank")
    if len(text) > MAX_TEXT_CHARS:
        raise invalid(field, f"must be at most {MAX_TEXT_CHARS} characters, got {len(text)}")
    return text


def check_metadata(metadata: Mapping[str, str], *, field: str) -> dict[str, str]:
    """The metadata as a plain dict; INVALID_ARGUMENT naming each bad key."""
    violations: list[FieldViolation] = []
    if len(metadata) > MAX_METADATA_ENTRIES:
        violations.append(FieldViolation(field, f"at most {MAX_METADATA_ENTRIES} entries, got {len(metadata)}"))
    for key, value in sorted(metadata.items()):
        if not (0 < len(key) <= MAX_METADATA_KEY_CHARS) or not _METADATA_KEY.match(key):
            violations.append(
                FieldViolation(
                    f"{field}[{key!r}]",
                    f"keys are 1 to {MAX_METADATA_KEY_CHARS} letters, digits and _ . : / -, starting with a "
                    "letter or digit",
                )
            )
        elif len(value) > MAX_METADATA_VALUE_CHARS:
            violations.append(
                FieldViolation(f"{field}[{key!r}]", f"values are at most {MAX_METADATA_VALUE_CHARS} chars")
            )
    if violations:
        raise InvalidArgument(*violations)
    return dict(metadata)


def check_unit_interval(value: float, *, field: str) -> float:
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise invalid(field, f"must be between 0 and 1, got {value}")
    return value


def bounded(value: int, *, field: str, default: int, maximum: int, minimum: int = 1) -> int:
    """`value`, or `default` when 0; INVALID_ARGUMENT outside [minimum, maximum]."""
    if value == 0:
        return default
    if value < minimum or value > maximum:
        raise invalid(field, f"must be between {minimum} and {maximum}, got {value}")
    return value


def memory_filter(
    kinds: Iterable[MemoryKind],
    metadata: Mapping[str, str],
    after: float | None,
    before: float | None,
    *,
    field: str,
) -> MemoryFilter:
    check_metadata(metadata, field=f"{field}.metadata")
    if after is not None and before is not None and after >= before:
        raise invalid(f"{field}.create_before", "must be later than create_after")
    return MemoryFilter(frozenset(kinds), dict(metadata), after, before)


def estimate_tokens(text: str) -> int:
    """Approximate tokens of a text: ceil(words * 4 / 3), words being runs of non-space characters.

    English averages about 0.75 words per token with BPE tokenizers; the estimate is deterministic
    and needs no tokenizer, and overestimates rather than underestimates for prose.
    """
    count = len(_WORD.findall(text))
    return (count * 4 + 2) // 3


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each word of a text."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]
