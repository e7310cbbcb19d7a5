"""List paging: page sizes with a default and a cap, and opaque page tokens."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import TypeVar

from somastack.platform.errors import invalid

T = TypeVar("T")


def page_size(requested: int, *, default: int = 50, maximum: int = 500) -> int:
    """The page size to use; INVALID_ARGUMENT on a negative size."""
    if requested < 0:
        raise invalid("page_size", f"must not be negative, got {requested}")
    return min(requested or default, maximum)


def encode_token(last_key: str) -> str:
    return base64.urlsafe_b64encode(f"k:{last_key}".encode()).decode().rstrip("=")


def decode_token(token: str) -> str:
    """The key after which the next page starts; '' for the first page."""
    if not token:
        return ""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except ValueError:  # not base64, not ASCII (binascii.Error), or not UTF-8 (UnicodeDecodeError)
        raw = ""
    if not raw.startswith("k:"):
        raise invalid("page_token", "is not a token this service issued")
    return raw[2:]


def next_token(keys: list[str], limit: int) -> str:
    """The token of the page after one that returned `keys` when asked for `limit` (fetch limit+1 to know)."""
    return encode_token(keys[limit - 1]) if len(keys) > limit else ""


async def fetch_page(
    fetch: Callable[[str, int], Awaitable[list[T]]], key: Callable[[T], str], size: int, token: str
) -> tuple[list[T], str]:
    """One page of a keyed listing: `fetch(after, limit)` returns rows ordered by `key`, after the given key."""
    limit = page_size(size)
    rows = await fetch(decode_token(token), limit + 1)
    return rows[:limit], next_token([key(row) for row in rows], limit)
