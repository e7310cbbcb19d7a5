"""The service registry: which domains make up the mesh, what they serve, and where they listen.

Envoy's config, `soma up`, `soma status` and ContractService all read this one list.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from somastack.config import Settings


@dataclass(frozen=True)
class ServiceSpec:
    """One domain service: its own process, port and database."""

    domain: str
    #: Port offset from `Settings.port_base` (and `metrics_port_base`).
    index: int
    #: Full names of the gRPC services it implements.
    services: tuple[str, ...]
    #: `module:function` returning the domain's Assembly.
    bootstrap: str
    #: Whether it owns a database (and Alembic migrations).
    stateful: bool
    description: str
    #: `soma up` starts tier 0 first and the rest once tier 0 serves: identity issues the tokens (and the
    #: JWKS) every other service checks, and meta answers health through Envoy.
    tier: int = 1
    #: Capabilities of the service's own token (somastack.platform.service_token), for calls it makes without a
    #: caller; empty: the service gets no token.
    calls: tuple[str, ...] = ()

    def port(self, settings: Settings) -> int:
        return settings.port_base + self.index

    def metrics_port(self, settings: Settings) -> int | None:
        return settings.metrics_port_base + self.index if settings.metrics_port_base else None

    def target(self, settings: Settings) -> str:
        return f"{settings.host}:{self.port(settings)}"


#: Every service that starts after identity reads identity's token revocations with its own token before it serves
#: (somastack.runtime.revocation).
REVOCATIONS_READ = "platform.revocations.read"

SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        domain="meta",
        index=0,
        services=("soma.meta.v1.ContractService",),
        bootstrap="somastack.meta.bootstrap:assemble",
        stateful=False,
        description="contract info; reflection and health of the mesh",
        tier=0,
    ),
    ServiceSpec(
        domain="identity",
        index=1,
        services=("soma.identity.v1.IdentityService",),
        bootstrap="somastack.identity.bootstrap:assemble",
        stateful=True,
        description="tenants, users, memberships, tokens, training lock",
        tier=0,
    ),
    ServiceSpec(
        domain="constitution",
        index=2,
        services=("soma.constitution.v1.ConstitutionService",),
        bootstrap="somastack.constitution.bootstrap:assemble",
        stateful=True,
        description="the signed platform constitution: versions, CEL policy rules, checksum, rollback",
        calls=(REVOCATIONS_READ,),
    ),
    ServiceSpec(
        domain="memory",
        index=3,
        services=("soma.memory.v1.MemoryService",),
        bootstrap="somastack.memory.bootstrap:assemble",
        stateful=True,
        description="memories: remember, hybrid recall, RAG context, links, working memory",
        # The write applier embeds with SlmService.Embed when SOMA_MEMORY_EMBEDDER=slm.
        calls=("slm.infer", REVOCATIONS_READ),
    ),
    ServiceSpec(
        domain="policy",
        index=5,
        services=("soma.policy.v1.PolicyService",),
        bootstrap="somastack.policy.bootstrap:assemble",
        stateful=True,
        description="policy decisions: scores actions against the active constitution's rules, per-tenant weights",
        calls=(REVOCATIONS_READ,),
    ),
    ServiceSpec(
        domain="settings",
        index=4,
        services=("soma.settings.v1.SettingsService",),
        bootstrap="somastack.settings.bootstrap:assemble",
        stateful=True,
        description="tenant settings, model profiles per role, notification preferences, deployment-mode guardrails",
        calls=(REVOCATIONS_READ,),
    ),
    ServiceSpec(
        domain="slm",
        index=6,
        services=("soma.slm.v1.SlmService",),
        bootstrap="somastack.slm.bootstrap:assemble",
        stateful=True,
        description="SLM inference: chat completions, embeddings, queued inferences with streamed tokens",
        # Reads each tenant's deployment mode (the prod guardrail), also for calls without a caller who could.
        calls=(REVOCATIONS_READ, "settings.read"),
    ),
    ServiceSpec(
        domain="orchestrator",
        index=7,
        services=("soma.orchestrator.v1.SessionService",),
        bootstrap="somastack.orchestrator.bootstrap:assemble",
        stateful=True,
        description="agent sessions: constitution check, policy, memory context, inference and tools, traced",
        calls=(REVOCATIONS_READ,),
    ),
    ServiceSpec(
        domain="notification",
        index=8,
        services=("soma.notification.v1.NotificationService",),
        bootstrap="somastack.notification.bootstrap:assemble",
        stateful=True,
        description="notifications per user from events, filtered by preferences, streamed and posted to webhooks",
        # Lists a tenant's approvers when the orchestrator could not (see docs/notifications.md).
        calls=("identity.memberships.read", REVOCATIONS_READ),
    ),
    ServiceSpec(
        domain="audit",
        index=9,
        services=("soma.audit.v1.AuditService",),
        bootstrap="somastack.audit.bootstrap:assemble",
        stateful=True,
        description="the audit trail: every mutating call of every service, in a hash chain per tenant",
        calls=(REVOCATIONS_READ,),
    ),
)


#: sun_path holds 108 bytes, the terminating NUL included.
_MAX_SOCKET_PATH = 107


@dataclass(frozen=True)
class WebAppSpec:
    """An HTTP process behind Envoy that is no gRPC domain: Envoy routes a URL prefix to its Unix socket."""

    name: str
    #: Envoy routes this path and everything under `<prefix>/` to the process.
    prefix: str
    #: `module:function(settings)` that runs the process until SIGTERM.
    entrypoint: str
    description: str
    #: Like ServiceSpec.tier: started once tier 0 serves.
    tier: int = 1

    @property
    def socket_name(self) -> str:
        return f"{self.name}.sock"

    def socket_path(self, settings: Settings) -> Path:
        """Where it listens: a Unix socket in the data dir, so it needs no port of its own.

        A socket path holds at most 107 bytes; under a deeper data dir the socket goes to the temp dir instead, named
        after the data dir, so that Envoy's config and the process agree on it.
        """
        path = (settings.data_dir / self.socket_name).absolute()
        if len(str(path).encode()) <= _MAX_SOCKET_PATH:
            return path
        digest = hashlib.sha256(str(settings.data_dir.absolute()).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"soma-{self.name}-{digest}.sock"


#: The web console: its static files (desktop/dist) and, in dev, its sign-in token, at /console/.
CONSOLE = WebAppSpec(
    name="console",
    prefix="/console",
    entrypoint="somastack.console.server:run",
    description="the web console: static files of desktop/dist, dev sign-in",
)

WEB_APPS: tuple[WebAppSpec, ...] = (CONSOLE,)


def web_app(name: str) -> WebAppSpec | None:
    """The web app called `name`, if there is one."""
    return next((app for app in WEB_APPS if app.name == name), None)


def by_domain(domain: str) -> ServiceSpec:
    """The spec of a domain; raises KeyError naming the known domains."""
    for spec in SERVICES:
        if spec.domain == domain:
            return spec
    raise KeyError(f"unknown domain {domain!r}; known: {', '.join(s.domain for s in SERVICES)}")


def mesh_services() -> tuple[str, ...]:
    """Every Soma gRPC service the mesh serves, in registry order."""
    return tuple(name for spec in SERVICES for name in spec.services)
