"""The SomaBrain memory store: writes and recall over SomaBrain's HTTP API (`/remember`, `/recall`, `/link`, `/delete`).

The JSON mirrors SomaBrain's own schemas (somabrain/schemas.py): `RememberRequest {coord, payload}` with a
`MemoryPayload` (`task`, `content`, `memory_type`, `importance`, `timestamp`), `RecallRequest {query,
top_k, universe}` answered by `{wm, memory, namespace, trace_id, ...}`, `LinkRequest {from_coord, to_coord,
type, weight}` answered by `{ok}`, and `DeleteRequest {coordinate}`. The tenant travels in SomaBrain's
`X-Tenant-ID` header.

SomaBrain addresses a memory by a 3-D coordinate. Each memory's coordinate encodes its 63-bit id exactly
(three 21-bit parts, each divided by 2^21), so the coordinates SomaBrain returns map back to memories with no
lookup table, and re-sending a write stores it at the same coordinate: replays are idempotent. The write's
`X-Idempotency-Key` is the memory's resource name.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import httpx

from somastack.memory.model import Candidate, Forgotten, Linked, Remembered, Write, key_of
from somastack.memory.ports import StoreUnavailable, WriteRejected

_log = logging.getLogger(__name__)

_PART_BITS = 21
_PART = 1 << _PART_BITS
#: Statuses that say the request itself is wrong: retrying the same write cannot succeed.
_REFUSED = frozenset({400, 404, 409, 413, 422})


def coord_of(memory_id: str) -> tuple[float, float, float]:
    """The SomaBrain coordinate of a memory id: its 63 bits in three exact binary fractions in [0, 1)."""
    key = key_of(memory_id)
    if key < 0:
        raise ValueError(f"{memory_id!r} is not a memory id of this service")
    return (
        (key >> (2 * _PART_BITS)) / _PART,
        ((key >> _PART_BITS) & (_PART - 1)) / _PART,
        (key & (_PART - 1)) / _PART,
    )


def coord_text(memory_id: str) -> str:
    """SomaBrain's `"x,y,z"` form of a coordinate (repr keeps every bit)."""
    return ",".join(repr(c) for c in coord_of(memory_id))


def key_of_coord(coordinate: Any) -> int | None:
    """The memory key a coordinate SomaBrain returned stands for; None for one this service did not write."""
    if isinstance(coordinate, str):
        coordinate = coordinate.split(",")
    if not isinstance(coordinate, list | tuple) or len(coordinate) != 3:
        return None
    key = 0
    try:
        for part in coordinate:
            scaled = float(part) * _PART
            whole = int(scaled)
            if whole != scaled or not 0 <= whole < _PART:
                return None
            key = (key << _PART_BITS) | whole
    except (TypeError, ValueError):
        return None
    return key


class SomaBrainStore:
    """The MemoryStore port on a SomaBrain server.

    Writes are sent one at a time, in log order. Connection failures, timeouts, 429, 401/403 (a credentials
    problem an operator fixes) and 5xx raise StoreUnavailable, so the write stays in the log and is replayed;
    400/404/409/413/422 on a write raise WriteRejected (a 404 on a delete counts as done). Recall asks
    `/recall` and maps the returned coordinates back to memories; SomaBrain's long-term hits carry no
    score, so a hit's score is its own `score` field when present, else 1 / (1 + rank).
    """

    kind = "somabrain"
    exact = False
    #: One write per call: the log advances after each answer, so a crash re-sends at most the write in flight.
    apply_batch = 1

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 5.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._owns_client = client is None
        # One request per connection: a server restart never leaves a half-dead pooled connection behind.
        self._client = client or httpx.AsyncClient(
            timeout=httpx.Timeout(timeout), limits=httpx.Limits(max_keepalive_connections=0)
        )

    async def open(self) -> None:
        return None

    async def _post(self, path: str, tenant: str, body: dict[str, Any], *, idempotency_key: str = "") -> httpx.Response:
        headers = {**self._headers, "X-Tenant-ID": tenant}
        if idempotency_key:
            headers["X-Idempotency-Key"] = idempotency_key
        try:
            response = await self._client.post(f"{self._base}{path}", json=body, headers=headers)
        except httpx.TimeoutException as error:
            raise StoreUnavailable(f"SomaBrain {path} timed out ({type(error).__name__})") from error
        except httpx.TransportError as error:
            raise StoreUnavailable(f"SomaBrain {path} unreachable ({type(error).__name__}: {error})") from error
        return response

    async def apply(self, writes: Sequence[Write]) -> None:
        for applied, write in enumerate(writes):
            try:
                await self._apply_one(write)
            except StoreUnavailable as error:
                raise StoreUnavailable(str(error), applied=applied) from error
            except _Refused as error:
                raise WriteRejected(write.seq, str(error), applied=applied) from error

    async def _apply_one(self, write: Write) -> None:
        change = write.change
        if isinstance(change, Remembered):
            memory = change.memory
            body: dict[str, Any] = {
                "coord": coord_text(memory.id),
                "payload": {
                    "task": memory.text,
                    "content": memory.text,
                    "memory_type": memory.kind.value,
                    "importance": memory.importance,
                    "timestamp": memory.created_at,
                },
            }
            self._check("/remember", await self._post("/remember", write.tenant, body, idempotency_key=memory.name))
        elif isinstance(change, Linked):
            link = change.link
            link_body: dict[str, Any] = {
                "from_coord": coord_text(link.source),
                "to_coord": coord_text(link.target),
                "type": link.type.value,
                "weight": link.weight,
            }
            key = f"{link.source_name}:link:{link.type.value}:{link.target}"
            self._check("/link", await self._post("/link", write.tenant, link_body, idempotency_key=key))
        elif isinstance(change, Forgotten):
            for memory_id in change.ids:
                name = f"tenants/{change.tenant}/memories/{memory_id}"
                delete_body = {"coordinate": list(coord_of(memory_id))}
                response = await self._post("/delete", write.tenant, delete_body, idempotency_key=f"{name}:delete")
                if response.status_code != 404:
                    self._check("/delete", response)

    @staticmethod
    def _check(path: str, response: httpx.Response) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        detail = response.text[:200]
        if status in _REFUSED:
            raise _Refused(f"SomaBrain {path} refused the write ({status}): {detail}")
        raise StoreUnavailable(f"SomaBrain {path} answered {status}: {detail}")

    async def search(self, tenant: str, query: str, k: int) -> list[Candidate]:
        response = await self._post("/recall", tenant, {"query": query, "top_k": k, "universe": None})
        if response.status_code != 200:
            raise StoreUnavailable(f"SomaBrain /recall answered {response.status_code}: {response.text[:200]}")
        try:
            body = response.json()
        except ValueError as error:
            raise StoreUnavailable(f"SomaBrain /recall answered no JSON: {error}") from error
        payloads = (body.get("memory") or body.get("results") or []) if isinstance(body, dict) else []
        out: list[Candidate] = []
        seen: set[int] = set()
        for rank, payload in enumerate(payloads):
            if not isinstance(payload, dict):
                continue
            key = key_of_coord(payload.get("coordinate", payload.get("coord")))
            if key is None or key in seen:
                continue
            seen.add(key)
            score = payload.get("score")
            value = float(score) if isinstance(score, int | float) else 1.0 / (1.0 + rank)
            out.append(Candidate(key, min(max(value, 0.0), 1.0)))
        return out[:k]

    async def search_among(self, tenant: str, query: str, keys: Sequence[int], k: int) -> list[Candidate]:
        raise NotImplementedError("SomaBrain cannot rank a given candidate set; the gateway over-fetches instead")

    async def flush(self) -> None:
        return None

    async def close(self) -> None:
        if self._owns_client:
            await self._client.aclose()


class _Refused(Exception):
    """SomaBrain refused one write for good."""
