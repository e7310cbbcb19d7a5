"""Text embedders: a deterministic feature-hashing default and an adapter for OpenAI-compatible servers."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import httpx
import numpy as np
import numpy.typing as npt

from somastack.memory.config import EmbedderKind, MemorySettings
from somastack.platform.errors import Unavailable, invalid

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors of a fixed width."""

    #: Identifies the embedding space (model and version): vectors of different names must not be mixed.
    name: str
    dimensions: int

    async def embed(self, texts: Sequence[str], *, tenant: str = "") -> Vectors:
        """Returns an array of shape (len(texts), dimensions), float32, each row L2-normalised.

        `tenant` is whose texts these are: an embedder that bills or routes per tenant needs it.
        """
        ...

    async def aclose(self) -> None:
        """Releases connections, if any."""
        ...


# -- text normalisation, shared with the lexical (BM25) index -------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")

#: Function words carry no topic; dropping them stands in for the IDF weighting a corpus-free embedder cannot have.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just let me more most my myself no nor
    not now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves anything something
    everything did does us get got any s t d ll m re ve""".split()
)


def words(text: str) -> list[str]:
    """Case-folded words of a text with accents removed (`Café` and `cafe` are one word)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(stripped.casefold())


def stem(word: str) -> str:
    """A light English stemmer: inflections first (plurals, -ing, -ed, -ly), then a few derivations (-ation, -ment)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for rules in _INFLECTIONS, _DERIVATIONS:
        for suffix, replacement in rules:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + replacement
                break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    # Doubled final consonants of inflected stems (`planned` -> `plann` -> `plan`).
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


_INFLECTIONS = (("ing", ""), ("ed", ""), ("ly", ""))
_DERIVATIONS = (("ational", "ate"), ("ation", "ate"), ("ment", ""), ("ness", ""), ("er", ""))


def terms(text: str) -> list[str]:
    """The content terms of a text, stemmed, in order: what both the embedder and BM25 index."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


# -- the built-in embedder ------------------------------------------------------------------------------------------


class HashingEmbedder:
    """Deterministic embeddings by signed feature hashing; no model, no network.

    Features: stemmed content words, adjacent word pairs, and character n-grams of each word (so that `deploying`
    and `deployment` share most of their features), each weighted by a sublinear term frequency (1 + ln tf).
    Every feature is hashed with BLAKE2b (never Python's salted `hash()`) to a slot and a sign, so the same text
    gives the same vector in every process on every machine. It captures shared vocabulary and morphology, not
    meaning: synonyms land apart. Use an OpenAI-compatible model for semantic recall.
    """

    #: Bump when features or weights change: vectors of different versions must not share an index.
    VERSION = 1
    # Weights chosen on the memory capsule (docs/memory.md): n-grams carry typos and inflections.
    UNIGRAM_WEIGHT = 1.0
    BIGRAM_WEIGHT = 0.3
    #: Total weight of one word's character n-grams, spread over them.
    CHARGRAM_WEIGHT = 1.5
    CHARGRAM_SIZES = (3, 4, 5)
    _CACHE_LIMIT = 1 << 18

    def __init__(self, dimensions: int = 384) -> None:
        if dimensions < 8:
            raise ValueError("dimensions must be at least 8")
        self.dimensions = dimensions
        self.name = f"soma-hashing-v{self.VERSION}"
        self._slots: dict[str, tuple[int, float]] = {}

    async def embed(self, texts: Sequence[str], *, tenant: str = "") -> Vectors:
        return self.embed_sync(texts)

    async def aclose(self) -> None:
        return None

    def embed_sync(self, texts: Sequence[str]) -> Vectors:
        """The same as `embed`, for callers already off the event loop (bulk rebuilds in a worker thread)."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._vector(text)
        return out

    def features(self, text: str) -> dict[str, float]:
        """Feature name -> weight of one text, before hashing (exposed for tests and debugging)."""
        content = [w for w in words(text) if w not in STOPWORDS]
        stems = [stem(w) for w in content]
        weights: dict[str, float] = {}
        for feature, count in Counter(f"w:{s}" for s in stems).items():
            weights[feature] = self.UNIGRAM_WEIGHT * (1.0 + math.log(count))
        for feature, count in Counter(f"b:{a} {b}" for a, b in itertools.pairwise(stems)).items():
            weights[feature] = self.BIGRAM_WEIGHT * (1.0 + math.log(count))
        # Each word's n-grams share unit mass, so long words do not outweigh short ones.
        grams: dict[str, float] = {}
        for word in content:
            padded = f"<{word}>"
            pieces = [padded[i : i + n] for n in self.CHARGRAM_SIZES for i in range(len(padded) - n + 1)]
            share = 1.0 / math.sqrt(max(len(pieces), 1))
            for piece in pieces:
                grams[f"c:{piece}"] = grams.get(f"c:{piece}", 0.0) + share
        for feature, mass in grams.items():
            weights[feature] = self.CHARGRAM_WEIGHT * (mass if mass <= 1.0 else 1.0 + math.log(mass))
        return weights

    def _vector(self, text: str) -> npt.NDArray[np.float32]:
        weights = self.features(text)
        if not weights:
            # An empty or all-stopword text still needs a unit vector; it is close to nothing else.
            weights = {"e:<empty>": 1.0}
        slots = np.empty(len(weights), dtype=np.int64)
        values = np.empty(len(weights), dtype=np.float64)
        for i, (feature, weight) in enumerate(weights.items()):
            slot, sign = self._slot(feature)
            slots[i] = slot
            values[i] = sign * weight
        vector = np.asarray(np.bincount(slots, weights=values, minlength=self.dimensions), dtype=np.float64)
        # fsum is exactly rounded, so the norm (unlike a BLAS dot) is bit-identical on every CPU.
        norm = math.sqrt(math.fsum((vector * vector).tolist()))
        if norm == 0.0:
            # Colliding features of opposite sign cancelled out exactly; fall back to the sentinel direction.
            vector = np.zeros(self.dimensions)
            vector[self._slot("e:<empty>")[0]] = 1.0
            norm = 1.0
        return (vector / norm).astype(np.float32)

    def _slot(self, feature: str) -> tuple[int, float]:
        cached = self._slots.get(feature)
        if cached is None:
            digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8, person=b"soma-emb").digest()
            value = int.from_bytes(digest, "little")
            cached = (value % self.dimensions, 1.0 if value >> 63 else -1.0)
            if len(self._slots) >= self._CACHE_LIMIT:
                self._slots.clear()
            self._slots[feature] = cached
        return cached


# -- OpenAI-compatible servers --------------------------------------------------------------------------------------

_RETRY_AFTER_CAP = 30.0


class OpenAICompatibleEmbedder:
    """Embeds through `POST {base_url}/v1/embeddings` of any OpenAI-compatible server.

    Retries 429, 5xx, timeouts and connection errors with exponential backoff (honouring `Retry-After`), then
    raises `Unavailable` (SERVICE_UNAVAILABLE). A 400/413/422 answer means the input itself was refused:
    `InvalidArgument`. Vectors are checked for count and width and L2-normalised.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        dimensions: int,
        api_key: str | None = None,
        timeout: float = 10.0,
        max_retries: int = 3,
        backoff: float = 0.25,
        batch_size: int = 64,
        send_dimensions: bool = False,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.name = f"openai:{model}"
        self.dimensions = dimensions
        self._url = base_url.rstrip("/").removesuffix("/v1") + "/v1/embeddings"
        self._model = model
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._max_retries = max_retries
        self._backoff = backoff
        self._batch_size = batch_size
        self._send_dimensions = send_dimensions
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(timeout))

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def embed(self, texts: Sequence[str], *, tenant: str = "") -> Vectors:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), self._batch_size):
            batch = list(texts[start : start + self._batch_size])
            out[start : start + len(batch)] = await self._embed_batch(batch)
        return out

    async def _embed_batch(self, texts: list[str]) -> Vectors:
        body: dict[str, Any] = {"model": self._model, "input": texts, "encoding_format": "float"}
        if self._send_dimensions:
            body["dimensions"] = self.dimensions
        attempt = 0
        while True:
            retry_after: float | None = None
            try:
                response = await self._client.post(self._url, json=body, headers=self._headers)
            except httpx.TimeoutException as error:
                cause = f"timed out ({type(error).__name__})"
            except httpx.TransportError as error:
                cause = f"unreachable ({type(error).__name__}: {error})"
            else:
                if response.status_code == 200:
                    return self._parse(response, len(texts))
                if response.status_code in (400, 413, 422):
                    raise invalid("text", f"the embedding model refused the input: {_upstream_message(response)}")
                cause = f"answered HTTP {response.status_code}: {_upstream_message(response)}"
                if response.status_code != 429 and response.status_code < 500:
                    # 401/403/404 and the like: a configuration problem that retrying cannot fix.
                    raise self._unavailable(cause, response.status_code, None)
                retry_after = _retry_after(response)
            if attempt >= self._max_retries:
                raise self._unavailable(cause, None, retry_after)
            delay = retry_after if retry_after is not None else self._backoff * (2**attempt) * random.uniform(0.8, 1.2)
            await asyncio.sleep(min(delay, _RETRY_AFTER_CAP))
            attempt += 1

    def _parse(self, response: httpx.Response, expected: int) -> Vectors:
        try:
            payload = response.json()
            items = sorted(payload["data"], key=lambda item: int(item["index"]))
            matrix = np.asarray([item["embedding"] for item in items], dtype=np.float32)
        except (ValueError, KeyError, TypeError) as error:
            raise self._unavailable(f"sent a malformed /v1/embeddings answer ({error!r})", None, None) from error
        problem = vector_problem(matrix, expected, self.dimensions)
        if problem:
            raise self._unavailable(problem, None, None)
        return normalised(matrix)

    def _unavailable(self, cause: str, status: int | None, retry_after: float | None) -> Unavailable:
        metadata = {"embedder": self.name}
        if status is not None:
            metadata["upstreamStatus"] = str(status)
        return Unavailable(
            "SERVICE_UNAVAILABLE",
            f"the embedding server {cause}",
            metadata=metadata,
            retry_after=retry_after,
        )


def vector_problem(matrix: npt.NDArray[np.float32], expected: int, dimensions: int) -> str | None:
    """What is wrong with an embedding server's answer (as "returned ..."), or None when it is usable."""
    if matrix.ndim != 2 or matrix.shape[0] != expected:
        return f"returned {matrix.shape[0] if matrix.ndim else 0} embeddings for {expected} inputs"
    if matrix.shape[1] != dimensions:
        return (
            f"returned {matrix.shape[1]}-dimensional vectors; the memory service is configured for "
            f"{dimensions} (SOMA_MEMORY_DIMENSIONS)"
        )
    if not np.all(np.isfinite(matrix)):
        return "returned non-finite vector components"
    if np.any(np.linalg.norm(matrix, axis=1) == 0.0):
        return "returned a zero vector"
    return None


def normalised(matrix: npt.NDArray[np.float32]) -> Vectors:
    """The rows scaled to unit length, as float32 (rows are non-zero: see `vector_problem`)."""
    out: Vectors = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)
    return out


def _upstream_message(response: httpx.Response) -> str:
    """The `error.message` of an OpenAI-style error body, else the start of the body."""
    try:
        payload = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(payload, dict):
        error = payload.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])[:200]
        if isinstance(error, str):
            return error[:200]
    return response.text[:200]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # An HTTP date: rare from embedding servers; fall back to our own backoff.


def embedder_from_settings(settings: MemorySettings) -> Embedder:
    """The self-contained embedder the settings name (`slm` needs the mesh: see memory.bootstrap)."""
    if settings.embedder is EmbedderKind.SLM:
        raise ValueError("the slm embedder calls the mesh: build it with somastack.memory.bootstrap.build_embedder")
    if settings.embedder is EmbedderKind.OPENAI:
        assert settings.embedder_url is not None  # guaranteed by MemorySettings' validator
        key = settings.embedder_api_key.get_secret_value() if settings.embedder_api_key else None
        return OpenAICompatibleEmbedder(
            settings.embedder_url,
            settings.embedder_model,
            dimensions=settings.dimensions,
            api_key=key,
            timeout=settings.embedder_timeout_seconds,
            max_retries=settings.embedder_max_retries,
            backoff=settings.embedder_backoff_seconds,
            batch_size=settings.embedder_batch_size,
            send_dimensions=settings.embedder_send_dimensions,
        )
    return HashingEmbedder(settings.dimensions)
