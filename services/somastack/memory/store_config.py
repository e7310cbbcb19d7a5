"""Settings of the memory gateway's store and write replay (`SOMA_MEMORY_*`, `[memory]` in soma.toml)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from somastack.config import SomaSettings


class StoreKind(StrEnum):
    """Where memories are applied and recalled from."""

    #: This service's own database rows plus the recall engine's vector and lexical indexes.
    BUILTIN = "builtin"
    #: A SomaBrain server, over its HTTP API (`/remember`, `/recall`, `/link`, `/delete`).
    SOMABRAIN = "somabrain"


class StoreSettings(SomaSettings):
    """Which memory store the gateway uses and how it replays writes to it. Defaults serve a laptop."""

    model_config = SettingsConfigDict(env_prefix="SOMA_MEMORY_")

    store: StoreKind = StoreKind.BUILTIN
    #: Base URL of the SomaBrain server (e.g. `http://127.0.0.1:9696`); needed for `somabrain`.
    somabrain_url: str | None = None
    #: Bearer token SomaBrain expects, when its auth is on.
    somabrain_token: SecretStr | None = None
    somabrain_timeout_seconds: float = Field(5.0, gt=0)

    #: Writes the replay loop hands the store at once (the built-in store embeds them as one batch).
    replay_batch_size: int = Field(128, ge=1, le=4096)
    #: First retry delay after the store failed; doubles per failure up to `replay_backoff_max_seconds`.
    replay_backoff_seconds: float = Field(0.05, gt=0)
    replay_backoff_max_seconds: float = Field(2.0, gt=0)
    #: How often an idle replay loop looks for writes anyway: each commit of this process wakes it, so this bounds
    #: only how late it sees writes another process committed to the same database.
    replay_poll_seconds: float = Field(30.0, gt=0)
    #: While the store is healthy, Remember waits up to this long for its write to be applied, so that a recall
    #: right after it finds the memory. 0 acknowledges at commit. Never waited for while the store is failing.
    remember_apply_wait_seconds: float = Field(2.0, ge=0)
    #: How often changed vector indexes are written to disk (and always at shutdown).
    index_save_interval_seconds: float = Field(30.0, gt=0)
    #: Filtered recall fetches `top_k * recall_overfetch` candidates first, then grows by this factor.
    recall_overfetch: int = Field(4, ge=1, le=64)
    #: The most candidates a filtered recall fetches from the ANN before falling back to exact search.
    recall_max_candidates: int = Field(4096, ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> StoreSettings:
        if self.store is StoreKind.SOMABRAIN and not self.somabrain_url:
            raise ValueError("SOMA_MEMORY_STORE=somabrain needs SOMA_MEMORY_SOMABRAIN_URL")
        return self
