"""Settings of every Soma process, read from `SOMA_*` environment variables and an optional `soma.toml`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from soma_proto import CONTRACT_VERSION


class Stage(StrEnum):
    """Where the mesh runs; each stage carries its guardrails."""

    DEV = "dev"
    STAGING = "staging"
    PROD = "prod"


class Settings(BaseSettings):
    """One process's configuration. Defaults serve a laptop."""

    model_config = SettingsConfigDict(env_prefix="SOMA_", toml_file="soma.toml", extra="ignore", frozen=True)

    stage: Stage = Field(Stage.DEV, validation_alias=AliasChoices("SOMA_STAGE", "SOMA_CHANNEL", "stage"))
    #: Root of local state. Non-prod stages keep their data under `<home>/<stage>/`.
    home: Path = Path(".soma")
    host: str = "127.0.0.1"
    #: Service i of the registry listens on `port_base + i`.
    port_base: int = 50050
    #: Service i exposes Prometheus metrics on `metrics_port_base + i`; 0 turns metrics endpoints off.
    metrics_port_base: int = 9460
    envoy_port: int = 8080
    envoy_admin_port: int = 9901
    #: PostgreSQL URL (`postgresql+asyncpg://...`). Unset: SQLite files under the data dir.
    database_url: str | None = None
    #: With PostgreSQL each service owns the schema `<prefix><domain>`.
    db_schema_prefix: str = "soma_"
    #: gRPC target of the mesh (Envoy) for service-to-service calls; default `host:envoy_port`.
    mesh_target: str | None = None
    #: Service-to-service calls that fail with UNAVAILABLE are sent again (reads, and writes carrying a request
    #: id) up to this many attempts in all, inside the call's deadline; 1 turns retries off.
    mesh_retry_attempts: int = 20
    #: The first pause before a retry, doubled at each further one up to the maximum (each +/- 20 % jitter).
    mesh_retry_backoff_seconds: float = 0.05
    mesh_retry_max_backoff_seconds: float = 1.0
    #: Kafka bootstrap servers (`host:port,...`). Unset: the embedded event log under the data dir.
    kafka_bootstrap: str | None = None
    #: Redis URL (`redis://host:port/db`). Unset: in-process caches.
    redis_url: str | None = None

    token_issuer: str = "soma-identity"
    token_audience: str = "soma"
    token_ttl_seconds: int = 3600
    token_max_ttl_seconds: int = 86400
    #: Lifetime of the bootstrap admin token written in dev.
    admin_token_ttl_seconds: int = 7 * 86400

    contract_min_supported_version: str = "1.0.0"
    contract_recommended_version: str = CONTRACT_VERSION

    drain_grace_seconds: float = 10.0
    #: `none`, or `console` to print spans (debugging).
    otel_exporter: str = "none"
    cors_allowed_origins: tuple[str, ...] = (r"^https?://(127\.0\.0\.1|localhost)(:[0-9]+)?$",)
    log_level: str = "INFO"
    #: The built web console (`npm run build` in desktop/), served at /console/ through Envoy. Unset: desktop/dist
    #: of the checkout the backend runs from; /console/ says how to build it when that does not exist.
    console_dir: Path | None = None
    #: Route `/metrics/<domain>` and `/metrics/envoy` through Envoy's listener. Unset: on, except in prod.
    metrics_through_envoy: bool | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @model_validator(mode="after")
    def _guardrails(self) -> Settings:
        if self.stage is Stage.PROD and not self.database_url:
            raise ValueError("stage prod needs SOMA_DATABASE_URL (PostgreSQL); SQLite is for dev and staging")
        return self

    @property
    def data_dir(self) -> Path:
        """Where this stage keeps its files: `<home>/<stage>` (prod uses `<home>` itself)."""
        return self.home if self.stage is Stage.PROD else self.home / self.stage.value

    @property
    def admin_token_path(self) -> Path:
        return self.data_dir / "admin.token"

    def service_token_path(self, domain: str) -> Path:
        """Where the identity service writes `domain`'s own token (see somastack.platform.service_token)."""
        return self.data_dir / "service-tokens" / f"{domain}.token"

    @property
    def mesh(self) -> str:
        return self.mesh_target or f"{self.host}:{self.envoy_port}"

    @property
    def console_root(self) -> Path | None:
        """The console's build output: `console_dir`, else desktop/dist of this checkout; None outside a checkout."""
        if self.console_dir is not None:
            return self.console_dir
        checkout = Path(__file__).resolve().parents[2]
        if (checkout / "pyproject.toml").is_file() and (checkout / "services" / "somastack").is_dir():
            return checkout / "desktop" / "dist"
        return None

    @property
    def routes_metrics(self) -> bool:
        """Whether Envoy's listener serves `/metrics/...` (metrics_through_envoy, else every stage but prod)."""
        if self.metrics_through_envoy is not None:
            return self.metrics_through_envoy
        return self.stage is not Stage.PROD
