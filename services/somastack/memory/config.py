"""Settings of the memory service's recall engine and working memory (`SOMA_MEMORY_*`, `[memory]` in soma.toml)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from somastack.config import SomaSettings


class EmbedderKind(StrEnum):
    """Which embedder turns text into vectors."""

    #: The built-in deterministic feature-hashing embedder: no model, no network, same vector everywhere.
    HASHING = "hashing"
    #: Any server speaking OpenAI's `POST /v1/embeddings` (OpenAI, vLLM, llama.cpp, Ollama, TEI, LiteLLM...).
    OPENAI = "openai"
    #: The mesh's own SLM service (`SlmService.Embed` through Envoy), called with the memory service's token.
    SLM = "slm"


class Fusion(StrEnum):
    """How vector and lexical hits are merged into one ranking (see docs/memory.md for the measurements)."""

    #: Weighted sum of the cosine similarity and the max-normalised BM25 score.
    WSUM = "wsum"
    #: Weighted reciprocal-rank fusion, scaled to [0, 1].
    RRF = "rrf"


class MemorySettings(SomaSettings):
    """Configuration of recall: embedder, ANN index, hybrid ranking, working memory. Defaults serve a laptop."""

    model_config = SettingsConfigDict(env_prefix="SOMA_MEMORY_")

    embedder: EmbedderKind = EmbedderKind.HASHING
    #: Base URL of an OpenAI-compatible server, without `/v1` (e.g. `http://127.0.0.1:8000`); needed for `openai`.
    embedder_url: str | None = None
    embedder_model: str = "text-embedding-3-small"
    #: For `slm`: the SLM provider that embeds (`local`, `openai`, `anthropic`...). Fixed, so that every tenant's
    #: vectors live in one embedding space.
    embedder_provider: str | None = None
    embedder_api_key: SecretStr | None = None
    embedder_timeout_seconds: float = Field(10.0, gt=0)
    #: Retries after the first attempt on 429, 5xx, timeouts and connection errors.
    embedder_max_retries: int = Field(3, ge=0, le=10)
    #: First backoff delay; doubles per retry (a `Retry-After` header wins, capped at 30 s).
    embedder_backoff_seconds: float = Field(0.25, ge=0)
    #: Texts per `/v1/embeddings` request; larger inputs are split.
    embedder_batch_size: int = Field(64, ge=1, le=2048)
    #: Send `dimensions` in the request (OpenAI text-embedding-3 models shorten their vectors to it).
    embedder_send_dimensions: bool = False
    #: Vector width: the hashing embedder's output, and what an OpenAI-compatible model must return.
    dimensions: int = Field(384, ge=8, le=8192)

    #: HNSW graph degree (M). 16 measured best for 384-dim vectors at 100k (docs/memory.md).
    index_connectivity: int = Field(16, ge=4, le=128)
    #: Beam width while inserting (efConstruction).
    index_expansion_add: int = Field(128, ge=8, le=2048)
    #: Beam width while searching (ef); raised to k when k is larger.
    index_expansion_search: int = Field(128, ge=8, le=4096)
    #: Where the per-tenant index files live; unset: `<data_dir>/memory/indexes` (the service decides).
    index_directory: Path | None = None
    #: Tenants with at most this many vectors (or filtered candidate sets this small) are searched exactly.
    exact_search_threshold: int = Field(2048, ge=0)

    #: Candidates fetched from each of the vector and lexical indexes before fusion (at least top_k).
    recall_candidates: int = Field(50, ge=1, le=1000)
    fusion: Fusion = Fusion.WSUM
    #: Share of the vector score in the fused score, BM25 gets the rest. Unset: 0.3 for the hashing embedder
    #: (it adds typo tolerance to BM25, not meaning), 0.7 for a semantic model.
    vector_weight: float | None = Field(None, ge=0.0, le=1.0)
    recall_default_top_k: int = Field(10, ge=1)
    recall_max_top_k: int = Field(100, ge=1)
    #: Applied memories Recall keeps in process (least recently recalled out first), so that its hits need no
    #: query; 0 turns it off. The built-in store only (one replica per database); other stores read each hit.
    recall_cached_records: int = Field(10_000, ge=0, le=1_000_000)

    #: Working memory (short-term, per session): at most this many items per session, each kept this long.
    working_max_items: int = Field(200, ge=1)
    working_ttl_seconds: float = Field(3600.0, gt=0)
    #: Bytes one session's working memory may hold (its entries as stored); a put beyond it is refused.
    working_max_bytes: int = Field(1024 * 1024, ge=1024)
    #: Bytes all of one tenant's working memories may hold together; a put beyond it is refused (see memory.working).
    working_tenant_max_bytes: int = Field(64 * 1024 * 1024, ge=1024)

    @property
    def effective_vector_weight(self) -> float:
        """`vector_weight`, or the default measured for the configured embedder."""
        if self.vector_weight is not None:
            return self.vector_weight
        return 0.3 if self.embedder is EmbedderKind.HASHING else 0.7

    @model_validator(mode="after")
    def _consistent(self) -> MemorySettings:
        if self.embedder is EmbedderKind.OPENAI and not self.embedder_url:
            raise ValueError("SOMA_MEMORY_EMBEDDER=openai needs SOMA_MEMORY_EMBEDDER_URL")
        if self.embedder is EmbedderKind.SLM and not self.embedder_provider:
            raise ValueError("SOMA_MEMORY_EMBEDDER=slm needs SOMA_MEMORY_EMBEDDER_PROVIDER")
        if self.recall_default_top_k > self.recall_max_top_k:
            raise ValueError("recall_default_top_k must not exceed recall_max_top_k")
        return self
