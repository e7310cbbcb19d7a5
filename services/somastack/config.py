"""Settings of every Soma process, read from `SOMA_*` environment variables and an optional `soma.toml`.

Every settings class of the backend derives from `SomaSettings`, so all of them read the same sources in the same
order (docs/operations.md, Configuration): values passed to the constructor, then `SOMA_*` environment variables,
then `soma.toml`, then the field's default. In `soma.toml` the root settings (`SOMA_<NAME>`) are top-level keys
and a class whose variables start with `SOMA_<TABLE>_` reads the `[<table>]` table, e.g. `SOMA_MEMORY_EMBEDDER`
is `embedder` under `[memory]`.
"""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    InitSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from soma_proto import CONTRACT_VERSION
from somastack.platform.limits import (
    MAX_STREAMS_PER_CALLER,
    RATE_LIMIT_ADDRESS_BURST,
    RATE_LIMIT_ADDRESS_RPS,
    RATE_LIMIT_CALLER_BURST,
    RATE_LIMIT_CALLER_RPS,
    RATE_LIMIT_TENANT_BURST,
    RATE_LIMIT_TENANT_RPS,
)

#: The settings file every process reads, relative to its working directory (`soma up`'s children inherit it).
CONFIG_FILE = Path("soma.toml")

#: Every settings class of the backend (`module:class`), imported when asked for: their modules import this one.
SETTINGS_CLASSES = (
    "somastack.config:Settings",
    "somastack.constitution.config:ConstitutionSettings",
    "somastack.identity.config:IdentitySettings",
    "somastack.memory.config:MemorySettings",
    "somastack.memory.store_config:StoreSettings",
    "somastack.notification.config:NotificationSettings",
    "somastack.slm.config:SlmSettings",
)


def toml_table(settings_cls: type[BaseSettings]) -> str | None:
    """The `soma.toml` table a settings class reads: `memory` for `SOMA_MEMORY_*`, None (top level) for `SOMA_*`."""
    prefix = str(settings_cls.model_config.get("env_prefix", ""))
    return prefix.removeprefix("SOMA_").rstrip("_").lower() or None


class SomaTomlSource(TomlConfigSettingsSource):
    """`soma.toml`: the top-level keys for the root settings, the class's own table for a domain's settings."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path | None = None) -> None:
        self.table = toml_table(settings_cls)
        super().__init__(settings_cls, toml_file=path or CONFIG_FILE)

    def _read_files(self, files: Any, deep_merge: bool = False) -> dict[str, Any]:
        document = super()._read_files(files, deep_merge)
        if self.table is None:
            return document
        table = document.get(self.table, {})
        if not isinstance(table, dict):
            raise ValueError(f"{CONFIG_FILE}: `{self.table}` must be a table (`[{self.table}]`), not a value")
        return table


class SomaSettings(BaseSettings):
    """The base of every settings class: one source order for all (init > env > soma.toml > default).

    A subclass sets only its `env_prefix` (`SOMA_<TABLE>_`), which also names its `soma.toml` table.
    """

    model_config = SettingsConfigDict(env_prefix="SOMA_", toml_file=CONFIG_FILE, extra="ignore", frozen=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, SomaTomlSource(settings_cls))


def settings_classes(names: Sequence[str] = SETTINGS_CLASSES) -> list[type[SomaSettings]]:
    """The settings classes named `module:class`, imported."""
    classes = []
    for name in names:
        module, _, attribute = name.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        if not (isinstance(found, type) and issubclass(found, SomaSettings)):
            raise TypeError(f"{name} is not a SomaSettings class")
        classes.append(found)
    return classes


#: Where a setting's value came from, strongest first (the order of `SomaSettings.settings_customise_sources`).
SOURCES = ("init", "env", "soma.toml", "default")


@dataclass(frozen=True)
class Resolved:
    """One setting of a settings object: its names, its value and the source that gave it."""

    field: str
    #: The environment variable (`SOMA_MEMORY_EMBEDDER`).
    env: str
    #: The key in soma.toml (`memory.embedder`, or `port_base` at top level).
    toml_key: str
    value: object
    #: One of SOURCES.
    source: str
    #: A SecretStr (never printed in clear).
    secret: bool


def env_name(settings_cls: type[BaseSettings], field: str) -> str:
    """The environment variable of `field`: its first alias when it has aliases, else prefix + NAME."""
    alias = settings_cls.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    if isinstance(alias, str):
        return alias
    return f"{settings_cls.model_config.get('env_prefix', '')}{field}".upper()


def toml_key(settings_cls: type[BaseSettings], field: str) -> str:
    """The key of `field` in soma.toml, with its table: `memory.embedder`, `port_base`."""
    table = toml_table(settings_cls)
    return f"{table}.{field}" if table else field


def _keys(settings_cls: type[BaseSettings], field: str) -> set[str]:
    """Every key under which a source may hand in `field`: its name and its aliases."""
    keys = {field}
    alias = settings_cls.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices):
        keys.update(choice for choice in alias.choices if isinstance(choice, str))
    elif isinstance(alias, str):
        keys.add(alias)
    return keys


def _is_secret(annotation: Any) -> bool:
    if annotation is SecretStr:
        return True
    return any(_is_secret(argument) for argument in getattr(annotation, "__args__", ()))


def explain(settings_cls: type[SomaSettings], **init: Any) -> tuple[SomaSettings, list[Resolved]]:
    """Builds `settings_cls(**init)` and says, for each field, which source gave its value.

    Raises:
        pydantic.ValidationError: the configuration is not valid.
    """
    settings = settings_cls(**init)
    sources = settings_cls.settings_customise_sources(
        settings_cls,
        init_settings=InitSettingsSource(settings_cls, init),
        env_settings=EnvSettingsSource(settings_cls),
        dotenv_settings=InitSettingsSource(settings_cls, {}),
        file_secret_settings=InitSettingsSource(settings_cls, {}),
    )
    given: list[tuple[str, dict[str, Any]]] = []
    for source in sources:
        # SomaTomlSource is also an InitSettingsSource: ask about it first.
        label = "soma.toml" if isinstance(source, TomlConfigSettingsSource) else None
        label = label or ("env" if isinstance(source, EnvSettingsSource) else "init")
        given.append((label, source()))
    resolved = []
    for field, info in settings_cls.model_fields.items():
        keys = _keys(settings_cls, field)
        origin = next((label for label, values in given if keys & values.keys()), "default")
        resolved.append(
            Resolved(
                field,
                env_name(settings_cls, field),
                toml_key(settings_cls, field),
                getattr(settings, field),
                origin,
                _is_secret(info.annotation),
            )
        )
    return settings, resolved


def unknown_toml_keys(classes: Sequence[type[SomaSettings]], path: Path | None = None) -> list[str]:
    """Keys of soma.toml that no settings class reads (a typo, or a setting in the wrong table), dotted."""
    path = path or CONFIG_FILE
    if not path.is_file():
        return []
    document = tomllib.loads(path.read_text())
    known: dict[str | None, set[str]] = {}
    for settings_cls in classes:
        fields = known.setdefault(toml_table(settings_cls), set())
        for field in settings_cls.model_fields:
            fields.update(_keys(settings_cls, field))
    unknown = []
    for key, value in document.items():
        if key in known and key is not None and isinstance(value, dict):
            unknown += [f"{key}.{inner}" for inner in value if inner not in known[key]]
        elif key not in known.get(None, set()):
            unknown.append(key)
    return unknown


class Stage(StrEnum):
    """Where the mesh runs; each stage carries its guardrails."""

    DEV = "dev"
    STAGING = "staging"
    PROD = "prod"


class Settings(SomaSettings):
    """One process's configuration. Defaults serve a laptop."""

    model_config = SettingsConfigDict(env_prefix="SOMA_")

    stage: Stage = Field(Stage.DEV, validation_alias=AliasChoices("SOMA_STAGE", "SOMA_CHANNEL", "stage"))
    #: Root of local state. Non-prod stages keep their data under `<home>/<stage>/`.
    home: Path = Path(".soma")
    host: str = "127.0.0.1"
    #: Service i of the registry listens on `port_base + i`.
    port_base: int = 20050
    #: Service i exposes Prometheus metrics on `metrics_port_base + i`; 0 turns metrics endpoints off.
    metrics_port_base: int = 9460
    envoy_port: int = 8080
    envoy_admin_port: int = 9901
    #: Envoy's worker threads (`--concurrency`). One proxies a few thousand calls a second, far past what the
    #: services on one host serve; each more costs idle wake-ups (Envoy's default is one per core).
    envoy_concurrency: int = Field(default=1, ge=1)
    #: Server streams (Subscribe, StreamSessionEvents, WatchInference) one caller may hold open at one service
    #: process; one more is RESOURCE_EXHAUSTED `TOO_MANY_STREAMS`.
    max_streams_per_caller: int = Field(default=MAX_STREAMS_PER_CALLER, ge=1)
    #: Requests per second one caller (the token's actor, else its subject) may make at one service, sustained,
    #: and how many at once (the bucket's size); one more is RESOURCE_EXHAUSTED `RATE_LIMITED` with RetryInfo.
    #: 0 turns the limit off. Shared by the replicas of a service when `redis_url` is set.
    rate_limit_caller_rps: float = Field(default=RATE_LIMIT_CALLER_RPS, ge=0)
    rate_limit_caller_burst: int = Field(default=RATE_LIMIT_CALLER_BURST, ge=0)
    #: The same for all the callers of one tenant together (service and platform tokens are charged to none).
    rate_limit_tenant_rps: float = Field(default=RATE_LIMIT_TENANT_RPS, ge=0)
    rate_limit_tenant_burst: int = Field(default=RATE_LIMIT_TENANT_BURST, ge=0)
    #: The same for the public RPCs (sign-in, keys, contract info) per client address (the one Envoy saw).
    rate_limit_address_rps: float = Field(default=RATE_LIMIT_ADDRESS_RPS, ge=0)
    rate_limit_address_burst: int = Field(default=RATE_LIMIT_ADDRESS_BURST, ge=0)
    #: Connections Envoy holds open at once, all listeners together (its overload manager); beyond it a new
    #: connection is accepted and closed at once, while the ones already open keep being served.
    envoy_max_connections: int = Field(default=10_000, ge=1)
    #: Seconds a client has to send a request's headers once it started them; a slower one is closed (408).
    envoy_request_headers_timeout: float = Field(default=10.0, gt=0)
    #: Seconds a connection may stay open with no request in flight; a silent one is closed.
    envoy_idle_timeout: float = Field(default=300.0, gt=0)
    #: Envoy's access log, one JSON line per request (method, path, status, gRPC status, duration, bytes, request
    #: id, peer); default `<data dir>/logs/envoy-access.log`. `off` writes none.
    envoy_access_log: str | None = None
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
    #: A file of key-encryption keys that seal secrets at rest (signing keys, TOTP secrets): one `<id>=<base64 of 32
    #: bytes>` a line, the current key first (docs/security.md, Sealed secrets). Read again when it changes.
    kek_file: Path | None = None
    #: The same keys inline (comma-separated) when no file is mounted. Staging and prod need one of the two; dev
    #: generates a key into the data dir when neither is set.
    kek: SecretStr | None = None

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
    #: Origins (`https://idp.example.com`) of the OIDC issuers tenants sign in with: the console's content security
    #: policy lets it connect to them (discovery document, token endpoint). Unset: none, single sign-on from the
    #: console is then refused by the browser.
    console_sso_origins: tuple[str, ...] = ()
    #: Route `/metrics/<domain>` and `/metrics/envoy` through Envoy's listener. Unset: on, except in prod.
    metrics_through_envoy: bool | None = None
    #: Mutual TLS on every hop of the mesh (`on`/`off`): services serve TLS and require a client certificate of the
    #: mesh CA, Envoy's listener serves TLS, service-to-service calls use Envoy's internal listener. Unset: on in
    #: staging and prod, off in dev.
    mtls: bool | None = None
    #: The mesh CA and its certificates (`soma certs`). Unset: `<data dir>/certs`.
    certs_dir: Path | None = None
    #: With mTLS, Envoy's listener for service-to-service calls, which requires a certificate of the mesh CA.
    envoy_internal_port: int = 8081
    #: With mTLS, the certificate and key Envoy's public listener serves (PEM; e.g. from the operator's own CA).
    #: Unset: Envoy's mesh certificate, signed by the mesh CA.
    envoy_tls_cert: Path | None = None
    envoy_tls_key: Path | None = None

    @model_validator(mode="after")
    def _guardrails(self) -> Settings:
        if self.stage is Stage.PROD and not self.database_url:
            raise ValueError("stage prod needs SOMA_DATABASE_URL (PostgreSQL); SQLite is for dev and staging")
        if (self.envoy_tls_cert is None) != (self.envoy_tls_key is None):
            raise ValueError("SOMA_ENVOY_TLS_CERT and SOMA_ENVOY_TLS_KEY go together: set both or neither")
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
    def uses_mtls(self) -> bool:
        """Whether the mesh runs on mutual TLS (`mtls`, else every stage but dev)."""
        return self.mtls if self.mtls is not None else self.stage is not Stage.DEV

    @property
    def certs_root(self) -> Path:
        return self.certs_dir or self.data_dir / "certs"

    @property
    def mesh(self) -> str:
        """Where service-to-service calls go: Envoy's listener, its internal (mTLS) one when mTLS is on."""
        port = self.envoy_internal_port if self.uses_mtls else self.envoy_port
        return self.mesh_target or f"{self.host}:{port}"

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
