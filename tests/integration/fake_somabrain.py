"""A local HTTP server speaking SomaBrain's memory API, for tests: SomaBrain itself cannot run here.

It answers the JSON of SomaBrain's schemas (somabrain/schemas.py): `POST /remember {coord, payload}` ->
`{ok, success, namespace, trace_id, deadline_ms, idempotency_key}`, `POST /recall {query, top_k, universe}`
-> `{wm, memory, namespace, trace_id, results}`, `POST /link {from_coord, to_coord, type, weight}` -> `{ok}`,
`POST /delete {coordinate}` -> `{ok}`, `GET /health` -> `{ok}`, with the tenant in `X-Tenant-ID`. Memories are
kept by coordinate, as SomaBrain does, so storing the same coordinate twice keeps one memory. It records what
it received, can be stopped and restarted on the same port (its state survives), and can answer 503 or
slowly to simulate trouble.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_WORD = re.compile(r"\w+")


@dataclass
class Received:
    """One write request as the server saw it."""

    path: str
    tenant: str
    idempotency_key: str
    body: dict[str, Any]
    #: time.monotonic() when the server applied it.
    at: float = field(default_factory=time.monotonic)


@dataclass
class SomaBrainState:
    """What the fake holds; shared by every incarnation of the server."""

    #: tenant -> "x,y,z" -> payload (with its `coordinate`).
    memories: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    links: list[tuple[str, str, str, str, float]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remember_keys(self) -> list[str]:
        """Idempotency keys of every /remember received, in arrival order (duplicates included)."""
        with self.lock:
            return [r.idempotency_key for r in self.received if r.path == "/remember"]

    def remember_counts(self) -> Counter[str]:
        return Counter(self.remember_keys())

    def stored(self, tenant: str) -> dict[str, dict[str, Any]]:
        with self.lock:
            return dict(self.memories.get(tenant, {}))


def _coord_key(value: Any) -> str:
    if isinstance(value, str):
        value = value.split(",")
    return ",".join(repr(float(v)) for v in value)


class FakeSomaBrain:
    """The server: `start()`, `stop()` (down: connections refused), `start()` again on the same port."""

    def __init__(self, *, port: int = 0) -> None:
        self.state = SomaBrainState()
        self.port = port
        #: Seconds each write request takes (lets a test kill a client mid-replay).
        self.delay = 0.0
        #: When set, every request is answered with this status (e.g. 503) and not applied.
        self.fail_status: int | None = None
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            # One request per connection, as a restarted server would leave no pooled connection usable anyway.
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                if self.path == "/health":
                    self._reply(200, {"ok": True, "components": {"memory": "ok"}})
                else:
                    self._reply(404, {"detail": "Not Found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    self._reply(422, {"detail": "invalid JSON"})
                    return
                if fake.fail_status is not None:
                    self._reply(fake.fail_status, {"detail": "unavailable"})
                    return
                tenant = self.headers.get("X-Tenant-ID") or "public"
                key = self.headers.get("X-Idempotency-Key") or ""
                handler = {
                    "/remember": fake._remember,
                    "/recall": fake._recall,
                    "/link": fake._link,
                    "/delete": fake._delete,
                }.get(self.path)
                if handler is None:
                    self._reply(404, {"detail": "Not Found"})
                    return
                if self.path != "/recall" and fake.delay:
                    time.sleep(fake.delay)
                status, answer = handler(tenant, key, body)
                if status == 200 and self.path != "/recall":
                    with fake.state.lock:
                        fake.state.received.append(Received(self.path, tenant, key, body))
                answer.setdefault("namespace", f"somabrain_ns:{tenant}")
                answer.setdefault("trace_id", self.headers.get("X-Request-ID") or str(id(self)))
                self._reply(status, answer)

            def _reply(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    # -- the API --------------------------------------------------------------------------------------------------

    def _remember(self, tenant: str, key: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        payload = body.get("payload")
        if not isinstance(payload, dict) or not (payload.get("task") or body.get("coord")):
            return 422, {"detail": "payload with a task, or a coord, is required"}
        coord = body.get("coord") or payload["task"]
        stored = dict(payload)
        stored["coordinate"] = [float(c) for c in str(coord).split(",")] if "," in str(coord) else coord
        with self.state.lock:
            self.state.memories.setdefault(tenant, {})[_coord_key(coord) if "," in str(coord) else coord] = stored
        return 200, {"ok": True, "success": True, "deadline_ms": None, "idempotency_key": key or None}

    def _recall(self, tenant: str, key: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        query = set(_WORD.findall(str(body.get("query", "")).lower()))
        top_k = int(body.get("top_k") or 3)
        with self.state.lock:
            payloads = list(self.state.memories.get(tenant, {}).values())
        scored = []
        for payload in payloads:
            words = set(_WORD.findall(str(payload.get("task", "")).lower()))
            overlap = len(query & words)
            if overlap:
                scored.append((overlap / max(len(query), 1), payload))
        scored.sort(key=lambda item: -item[0])
        memory = [p for _, p in scored[:top_k]]
        return 200, {"wm": [{"score": s, "payload": p} for s, p in scored[:top_k]], "memory": memory, "results": memory}

    def _link(self, tenant: str, key: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if not (body.get("from_coord") or body.get("from_key")) or not (body.get("to_coord") or body.get("to_key")):
            return 400, {"detail": "missing from/to coords or keys"}
        with self.state.lock:
            self.state.links.append(
                (
                    tenant,
                    _coord_key(body["from_coord"]),
                    _coord_key(body["to_coord"]),
                    str(body.get("type") or "related"),
                    float(body.get("weight") or 1.0),
                )
            )
        return 200, {"ok": True}

    def _delete(self, tenant: str, key: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        coordinate = body.get("coordinate")
        if not isinstance(coordinate, list) or len(coordinate) != 3:
            return 422, {"detail": "coordinate must be [x, y, z]"}
        with self.state.lock:
            self.state.memories.get(tenant, {}).pop(_coord_key(coordinate), None)
        return 200, {"ok": True}
