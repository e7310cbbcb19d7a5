"""Settings of the SLM service (`SOMA_SLM_*`, `[slm]` in soma.toml): providers, models, keys, timeouts, retries."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from somastack.config import SomaSettings
from somastack.slm.endpoints import Endpoint, parse_allowed


class SlmSettings(SomaSettings):
    """Which providers exist and how they are called. Defaults: only the built-in local provider."""

    model_config = SettingsConfigDict(env_prefix="SOMA_SLM_")

    #: The provider a tenant gets when its model profile names none: `local`, `openai` or `anthropic`.
    default_provider: str = "local"

    local_model: str = "soma-local-1"
    local_embedding_model: str = "soma-local-embed-1"
    #: Pause between the local model's tokens, so streaming can be watched in development.
    local_token_delay_seconds: float = Field(0.0, ge=0, le=5)

    #: Root of an OpenAI-compatible server without `/v1` (OpenAI, vLLM, llama.cpp, Ollama); unset: no provider.
    openai_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_model: str = "gpt-4o-mini"
    openai_embedding_model: str = "text-embedding-3-small"

    #: Root of Anthropic's API (`https://api.anthropic.com`); unset: no provider.
    anthropic_base_url: str | None = None
    anthropic_api_key: SecretStr | None = None
    anthropic_model: str = "claude-3-5-haiku-latest"

    #: Per-request timeout of remote providers.
    timeout_seconds: float = Field(60.0, gt=0)
    #: The longest timeout a tenant's model profile may set (longer ones are cut to it); the contract's limit is 600.
    max_timeout_seconds: float = Field(600.0, gt=0, le=600)

    #: Comma-separated URL prefixes (`https://llm.internal.example/team-a,http://10.0.0.7:8000`) a tenant's model
    #: profile may send its provider's calls to with `base_url`. Empty: only the configured base URLs. Those
    #: endpoints get no API key of the configured providers: `*_API_KEY` goes only to the matching `*_BASE_URL`.
    allowed_base_urls: str = ""
    #: API keys for allowed endpoints, as JSON: `{"https://llm.internal.example/team-a": "sk-..."}`. A key goes to
    #: the endpoints under its URL prefix (the longest matching prefix wins), which an allowed prefix must cover.
    endpoint_keys: dict[str, SecretStr] = Field(default_factory=dict)

    #: Retries after the first attempt on 429, 5xx, timeouts and connection errors.
    max_retries: int = Field(2, ge=0, le=10)
    #: First backoff delay; doubles per retry (a `Retry-After` header wins), capped at `max_backoff_seconds`.
    backoff_seconds: float = Field(0.25, ge=0)
    max_backoff_seconds: float = Field(8.0, ge=0)
    #: Consecutive failures that open a provider's circuit, and how long it stays open before a probe.
    breaker_threshold: int = Field(5, ge=1)
    breaker_reset_seconds: float = Field(30.0, gt=0)

    #: Where tenants' model profiles come from: `settings` (the settings service's `chat` profile, through the
    #: mesh as the caller; this configuration when a tenant has none) or `config` (this configuration only).
    profile_source: str = Field("settings", pattern="^(settings|config)$")
    #: How long a tenant's profile read from the settings service is reused; `settings.changed` drops it sooner.
    #: 0: ask the settings service on every call.
    profile_cache_seconds: float = Field(60.0, ge=0, le=86_400)

    #: Attempts of a queued inference before the consumer dead-letters its request.
    worker_max_attempts: int = Field(3, ge=1, le=20)
    #: How often WatchInference polls the record when the run happens in another process.
    watch_poll_seconds: float = Field(0.1, gt=0)
    #: Longest WatchInference waits for a job to finish before ending the stream.
    watch_timeout_seconds: float = Field(600.0, gt=0)

    @field_validator("allowed_base_urls")
    @classmethod
    def _check_allowed_base_urls(cls, value: str) -> str:
        parse_allowed(value)  # raises ValueError naming the entry that is not a plain http(s) URL
        return value

    @model_validator(mode="after")
    def _check_endpoint_keys(self) -> SlmSettings:
        allowed = parse_allowed(self.allowed_base_urls)
        for url in self.endpoint_keys:
            prefix = Endpoint.parse(url)  # a ValueError names the URL
            if not any(prefix.under(entry) for entry in allowed):
                raise ValueError(f"endpoint_keys names {url!r}, which no prefix of allowed_base_urls covers")
        return self
