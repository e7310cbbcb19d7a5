"""Embedders: the hashing embedder's determinism and geometry; the OpenAI-compatible adapter against a local server."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest

from somastack.memory.config import MemorySettings
from somastack.memory.embedder import (
    Embedder,
    HashingEmbedder,
    OpenAICompatibleEmbedder,
    embedder_from_settings,
    stem,
    terms,
)
from somastack.platform.errors import InvalidArgument, Unavailable

TEXTS = [
    "We rolled out the canary release to 10% of traffic on Tuesday.",
    "Café crème brûlée recipe: caramelise the sugar with a torch.",
    "",
    "the and of",
    "Ünïcödé, punctuation!!! and   spacing\tvary",
]

# -- the hashing embedder -------------------------------------------------------------------------------------------


async def test_vectors_are_float32_unit_rows() -> None:
    embedder = HashingEmbedder()
    vectors = await embedder.embed(TEXTS)
    assert isinstance(embedder, Embedder)
    assert vectors.shape == (len(TEXTS), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert (await embedder.embed([])).shape == (0, 384)


async def test_dimensions_follow_the_setting() -> None:
    vectors = await HashingEmbedder(dimensions=96).embed(["hello world"])
    assert vectors.shape == (1, 96)


def test_same_vector_in_another_process_with_another_hash_seed() -> None:
    """Python's hash() is salted per process; the embedder must not depend on it."""
    here = HashingEmbedder().embed_sync(TEXTS).tobytes()
    script = (
        "import sys; from somastack.memory.embedder import HashingEmbedder; "
        f"sys.stdout.write(HashingEmbedder().embed_sync({TEXTS!r}).tobytes().hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert bytes.fromhex(out.stdout) == here


def test_vectors_are_pinned() -> None:
    """A change of features or weights shows up here: bump HashingEmbedder.VERSION (stored vectors go stale)."""
    digest = hashlib.sha256(HashingEmbedder().embed_sync(TEXTS).tobytes()).hexdigest()
    assert HashingEmbedder().name == "soma-hashing-v1"
    assert digest == PINNED_DIGEST


PINNED_DIGEST = "055acd649b3da8cc5d212aced7e878456c2e32f6382e1352c4ca9d75f0b135ee"


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b))


def test_related_texts_are_closer_than_unrelated_ones() -> None:
    a, b, c, d = HashingEmbedder().embed_sync(
        [
            "The schema migration locked the orders table for ten minutes.",
            "Migrating the orders schema needs a shorter table lock next time.",
            "Grandma's sourdough starter needs feeding twice a day.",
            "Invoices for Contoso are overdue by thirty days.",
        ]
    )
    assert _cos(a, b) > 0.3
    assert _cos(a, b) > 2 * max(_cos(a, c), _cos(a, d), _cos(b, c))


def test_typos_and_inflections_stay_close() -> None:
    base, typo, inflected, other = HashingEmbedder().embed_sync(
        ["deployment rollback", "deploymnet rollbak", "deploying rollbacks", "gardening compost"]
    )
    # Both words misspelt share no word feature, yet most of their character n-grams.
    assert _cos(base, typo) > 0.3
    assert _cos(base, inflected) > 0.6
    assert abs(_cos(base, other)) < 0.1


def test_normalisation_of_words() -> None:
    assert terms("The Café's DEPLOYMENTS were deployed!") == ["cafe", "deploy", "deploy"]
    assert [stem(w) for w in ("migrations", "migrating", "planned", "policies", "bills")] == [
        "migrat",
        "migrat",
        "plan",
        "policy",
        "bill",
    ]


# -- the OpenAI-compatible adapter against a real local HTTP server ------------------------------------------------


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class FakeEmbeddingServer:
    """A local server speaking OpenAI's /v1/embeddings: answers from a script, else embeds by a seeded RNG."""

    url: str
    dimensions: int
    script: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def vector(self, text: str) -> list[float]:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        # Not normalised on purpose: the adapter must normalise.
        return (np.random.default_rng(seed).standard_normal(self.dimensions) * 3.0).tolist()


@pytest.fixture
def server() -> Iterator[FakeEmbeddingServer]:
    state: FakeEmbeddingServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            reply = state.script.pop(0) if state.script else None
            if reply is None:
                inputs = body["input"]
                data = [{"object": "embedding", "index": i, "embedding": state.vector(t)} for i, t in enumerate(inputs)]
                # Servers may answer out of order; the index field is what counts.
                reply = Reply(
                    200,
                    {
                        "object": "list",
                        "data": data[::-1],
                        "model": body["model"],
                        "usage": {"prompt_tokens": 3, "total_tokens": 3},
                    },
                )
            time.sleep(reply.delay)
            payload = json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state = FakeEmbeddingServer(f"http://127.0.0.1:{httpd.server_address[1]}", dimensions=16)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def _adapter(server: FakeEmbeddingServer, **options: Any) -> OpenAICompatibleEmbedder:
    options.setdefault("backoff", 0.01)
    return OpenAICompatibleEmbedder(
        server.url, "test-embed", dimensions=server.dimensions, api_key="sk-test", **options
    )


def _error(message: str, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


async def test_embeds_through_the_wire_format(server: FakeEmbeddingServer) -> None:
    embedder = _adapter(server)
    try:
        vectors = await embedder.embed(["alpha", "beta", "gamma"])
    finally:
        await embedder.aclose()
    assert vectors.shape == (3, 16) and vectors.dtype == np.float32
    expected = np.array([server.vector(t) for t in ("alpha", "beta", "gamma")], dtype=np.float32)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(vectors, expected, rtol=1e-5)
    (request,) = server.requests
    assert request["path"] == "/v1/embeddings"
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    assert request["body"] == {"model": "test-embed", "input": ["alpha", "beta", "gamma"], "encoding_format": "float"}
    assert embedder.name == "openai:test-embed"


async def test_splits_large_inputs_into_batches(server: FakeEmbeddingServer) -> None:
    embedder = _adapter(server, batch_size=2, send_dimensions=True)
    try:
        vectors = await embedder.embed([f"text {i}" for i in range(5)])
    finally:
        await embedder.aclose()
    assert vectors.shape == (5, 16)
    assert [len(r["body"]["input"]) for r in server.requests] == [2, 2, 1]
    assert all(r["body"]["dimensions"] == 16 for r in server.requests)


async def test_retries_429_then_succeeds(server: FakeEmbeddingServer) -> None:
    server.script = [Reply(429, _error("Rate limit reached", "requests"), {"Retry-After": "0.05"})]
    embedder = _adapter(server)
    try:
        vectors = await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()
    assert vectors.shape == (1, 16)
    assert len(server.requests) == 2


async def test_persistent_500_is_unavailable_after_retries(server: FakeEmbeddingServer) -> None:
    server.script = [Reply(500, _error("boom", "server_error")) for _ in range(3)]
    embedder = _adapter(server, max_retries=2)
    try:
        with pytest.raises(Unavailable) as caught:
            await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()
    assert caught.value.reason == "SERVICE_UNAVAILABLE"
    assert "HTTP 500" in caught.value.message and "boom" in caught.value.message
    assert len(server.requests) == 3


async def test_400_is_invalid_argument_without_retry(server: FakeEmbeddingServer) -> None:
    server.script = [Reply(400, _error("This model's maximum context length is 8192 tokens", "invalid_request_error"))]
    embedder = _adapter(server)
    try:
        with pytest.raises(InvalidArgument) as caught:
            await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()
    assert caught.value.reason == "FIELD_INVALID"
    assert "maximum context length" in caught.value.violations[0].description
    assert len(server.requests) == 1


async def test_401_is_unavailable_without_retry(server: FakeEmbeddingServer) -> None:
    server.script = [Reply(401, _error("Incorrect API key provided", "invalid_request_error"))]
    embedder = _adapter(server)
    try:
        with pytest.raises(Unavailable) as caught:
            await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()
    assert caught.value.metadata["upstreamStatus"] == "401"
    assert len(server.requests) == 1


async def test_wrong_dimensions_are_refused(server: FakeEmbeddingServer) -> None:
    embedder = OpenAICompatibleEmbedder(server.url, "test-embed", dimensions=384)
    try:
        with pytest.raises(Unavailable, match="16-dimensional"):
            await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()


async def test_malformed_answer_is_unavailable(server: FakeEmbeddingServer) -> None:
    server.script = [Reply(200, {"object": "list", "data": [{"index": 0}]})]
    embedder = _adapter(server)
    try:
        with pytest.raises(Unavailable, match="malformed"):
            await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()


async def test_timeout_is_unavailable(server: FakeEmbeddingServer) -> None:
    server.script = [Reply(200, {}, delay=1.0)]
    embedder = _adapter(server, timeout=0.2, max_retries=0)
    try:
        with pytest.raises(Unavailable, match="timed out"):
            await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()


async def test_unreachable_server_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port now: connections are refused.
    embedder = OpenAICompatibleEmbedder(f"http://127.0.0.1:{port}", "m", dimensions=8, max_retries=1, backoff=0.01)
    try:
        with pytest.raises(Unavailable, match="unreachable"):
            await embedder.embed(["alpha"])
    finally:
        await embedder.aclose()


async def test_settings_choose_the_embedder(server: FakeEmbeddingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("SOMA_MEMORY_")]:
        monkeypatch.delenv(name)
    default = embedder_from_settings(MemorySettings())
    assert isinstance(default, HashingEmbedder) and default.dimensions == 384

    monkeypatch.setenv("SOMA_MEMORY_EMBEDDER", "openai")
    monkeypatch.setenv("SOMA_MEMORY_EMBEDDER_URL", server.url + "/v1")
    monkeypatch.setenv("SOMA_MEMORY_EMBEDDER_MODEL", "local-model")
    monkeypatch.setenv("SOMA_MEMORY_EMBEDDER_API_KEY", "sk-env")
    monkeypatch.setenv("SOMA_MEMORY_DIMENSIONS", "16")
    embedder = embedder_from_settings(MemorySettings())
    try:
        assert (await embedder.embed(["alpha"])).shape == (1, 16)
    finally:
        await embedder.aclose()
    assert server.requests[-1]["path"] == "/v1/embeddings"
    assert server.requests[-1]["body"]["model"] == "local-model"
    assert server.requests[-1]["headers"]["Authorization"] == "Bearer sk-env"

    monkeypatch.delenv("SOMA_MEMORY_EMBEDDER_URL")
    with pytest.raises(ValueError, match="EMBEDDER_URL"):
        MemorySettings()
