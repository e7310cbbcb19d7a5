"""The settings domain: its resources, model roles, deployment modes and their guardrails, errors.

Modes, roles and severities are the domain's own enums; their numbers are the contract's (`soma.settings.v1`),
so a value crosses the wire unchanged (a unit test holds them equal). `codec.py` maps the resources to and from
their messages; the etag, a hash of the wire form, is computed there too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from somastack.config import Stage
from somastack.platform.errors import Aborted, FailedPrecondition, NotFound

# The ErrorInfo reasons this service raises (checked against soma.common.v1.ErrorReason by a unit test).
FIELD_INVALID = "FIELD_INVALID"
ETAG_MISMATCH = "ETAG_MISMATCH"
GUARDRAIL_VIOLATED = "GUARDRAIL_VIOLATED"
MODEL_PROFILE_NOT_FOUND = "MODEL_PROFILE_NOT_FOUND"
REASONS = (FIELD_INVALID, ETAG_MISMATCH, GUARDRAIL_VIOLATED, MODEL_PROFILE_NOT_FOUND)

#: The built-in deterministic model provider, fine for dev and tests, refused in prod.
LOCAL_PROVIDER = "local"
PROVIDERS = frozenset({LOCAL_PROVIDER, "openai", "anthropic", "ollama", "vllm", "openai-compatible"})


class Kind(StrEnum):
    """The three kinds of resource the service stores, one row each."""

    SETTINGS = "settings"
    MODEL_PROFILE = "model_profile"
    NOTIFICATION_PREFERENCES = "notification_preferences"


class DeploymentMode(IntEnum):
    """How strictly a tenant runs; UNSPECIFIED follows the mesh's stage."""

    UNSPECIFIED = 0
    DEV = 1
    STAGING = 2
    PROD = 3


class ModelRole(IntEnum):
    """What a model profile is used for."""

    UNSPECIFIED = 0
    CHAT = 1
    PLANNING = 2
    CODE = 3
    EMBEDDING = 4
    SPEECH_RECOGNITION = 5
    SPEECH_SYNTHESIS = 6


class Severity(IntEnum):
    """How serious a notification is; a user hears of those at or above their minimum."""

    UNSPECIFIED = 0
    INFO = 1
    WARNING = 2
    ERROR = 3
    CRITICAL = 4


#: Model roles by their id in resource names (`speech-recognition`), and back.
ROLE_IDS: dict[str, ModelRole] = {role.name.lower().replace("_", "-"): role for role in ModelRole if role}
ROLE_NAMES = {role: role_id for role_id, role in ROLE_IDS.items()}


@dataclass(frozen=True)
class Guardrail:
    id: str
    description: str
    #: False for rules another service enforces; the settings service only reports them.
    enforced: bool


PROD_NO_LOCAL_PROVIDER = Guardrail(
    "prod-no-local-provider",
    f"model profiles may not use the built-in {LOCAL_PROVIDER!r} provider",
    enforced=True,
)
PROD_SIGNED_CONSTITUTION = Guardrail(
    "prod-signed-constitution",
    "the constitution must be signed by a quorum of trusted signers (enforced by the constitution service)",
    enforced=False,
)
PROD_STAGE_LOCKS_MODE = Guardrail(
    "prod-stage-locks-mode",
    "a mesh running in stage prod serves every tenant in deployment mode prod",
    enforced=True,
)

# Resources --------------------------------------------------------------------------------------------------------
# The writable content of each resource. Enum-valued fields hold plain numbers: a client may send a number the
# contract does not define, and validation refuses it by name. Optional parts are None when unset.


@dataclass(frozen=True)
class TenantSettings:
    """A tenant's settings, `tenants/{tenant}/settings`."""

    display_time_zone: str = ""
    data_retention_days: int = 0
    #: A DeploymentMode number; UNSPECIFIED follows the mesh's stage.
    deployment_mode: int = DeploymentMode.UNSPECIFIED
    default_language: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Span:
    """A length of time as whole seconds and nanoseconds; well-formed when 0 <= nanos < 1e9.

    Kept as the two numbers a client sent, not a timedelta: nanoseconds survive, and a malformed span is refused
    by validation rather than silently normalized.
    """

    seconds: int = 0
    nanos: int = 0

    @property
    def total_seconds(self) -> float:
        return self.seconds + self.nanos / 1e9


@dataclass(frozen=True)
class ModelProfile:
    """The model a tenant uses for one role, `tenants/{tenant}/modelProfiles/{role}`."""

    provider: str = ""
    model: str = ""
    base_url: str = ""
    temperature: float = 0.0
    max_tokens: int = 0
    timeout: Span | None = None
    parameters: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuietHours:
    """A daily window without notifications, in a time zone; HH:MM clock times."""

    time_zone: str = ""
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class NotificationChannels:
    """Where a user's notifications go."""

    in_app: bool = False
    webhook_url: str = ""
    email: str = ""


@dataclass(frozen=True)
class NotificationPreferences:
    """A user's notification preferences, `tenants/{tenant}/users/{user}/notificationPreferences`."""

    quiet_hours: QuietHours | None = None
    #: A Severity number.
    minimum_severity: int = Severity.UNSPECIFIED
    channels: NotificationChannels | None = None


#: What a user who never set preferences gets: every severity, in the console only, no quiet hours.
DEFAULT_PREFERENCES = NotificationPreferences(channels=NotificationChannels(in_app=True))

Resource = TenantSettings | ModelProfile | NotificationPreferences


# What the use cases return: a resource with its name, etag, change time (None until first written) and, for
# settings and profiles, what follows from them.


@dataclass(frozen=True)
class SettingsView:
    name: str
    settings: TenantSettings
    etag: str
    updated_at: float | None
    effective_mode: DeploymentMode
    guardrails: tuple[Guardrail, ...]


@dataclass(frozen=True)
class ProfileView:
    name: str
    role: ModelRole
    profile: ModelProfile
    etag: str
    updated_at: float | None


@dataclass(frozen=True)
class PreferencesView:
    name: str
    preferences: NotificationPreferences
    etag: str
    updated_at: float | None


# Guardrails -------------------------------------------------------------------------------------------------------

_MODE_OF_STAGE = {Stage.DEV: DeploymentMode.DEV, Stage.STAGING: DeploymentMode.STAGING, Stage.PROD: DeploymentMode.PROD}


def mode_of_stage(stage: Stage) -> DeploymentMode:
    return _MODE_OF_STAGE[stage]


def effective_mode(configured: int, stage: Stage) -> DeploymentMode:
    """The tenant's mode, or the mesh's stage when the tenant set none."""
    return DeploymentMode(configured) if configured else mode_of_stage(stage)


def guardrails(mode: int, stage: Stage) -> tuple[Guardrail, ...]:
    """The guardrails in force for a tenant in `mode` on a mesh in `stage`."""
    out: list[Guardrail] = []
    if stage is Stage.PROD:
        out.append(PROD_STAGE_LOCKS_MODE)
    if mode == DeploymentMode.PROD:
        out += [PROD_NO_LOCAL_PROVIDER, PROD_SIGNED_CONSTITUTION]
    return tuple(out)


def check_mode_change(mode: int, stage: Stage) -> None:
    """Raises GuardrailViolated when a mesh in stage prod is asked to run a tenant in another mode."""
    if stage is Stage.PROD and mode not in (DeploymentMode.UNSPECIFIED, DeploymentMode.PROD):
        name = f"DEPLOYMENT_MODE_{DeploymentMode(mode).name}"
        raise GuardrailViolated(PROD_STAGE_LOCKS_MODE, f"cannot switch to {name}", mode=name)


def check_provider(provider: str, mode: int, stage: Stage, *, resource: str, detail: str) -> None:
    """Raises GuardrailViolated when `resource` would use the built-in provider where prod forbids it."""
    if provider == LOCAL_PROVIDER and PROD_NO_LOCAL_PROVIDER in guardrails(mode, stage):
        raise GuardrailViolated(PROD_NO_LOCAL_PROVIDER, detail, resource=resource, provider=LOCAL_PROVIDER)


class EtagMismatch(Aborted):
    """The resource changed since the caller read it (ABORTED, reason ETAG_MISMATCH, metadata currentEtag)."""

    def __init__(self, name: str, current: str) -> None:
        super().__init__(
            ETAG_MISMATCH,
            f"{name!r} changed since the etag you sent was read; re-read it and retry",
            metadata={"resource": name, "currentEtag": current},
        )


class GuardrailViolated(FailedPrecondition):
    """A change would break a guardrail of the tenant's mode (FAILED_PRECONDITION, reason GUARDRAIL_VIOLATED)."""

    def __init__(self, guardrail: Guardrail, detail: str, **metadata: str) -> None:
        super().__init__(
            GUARDRAIL_VIOLATED,
            f"guardrail {guardrail.id!r} ({guardrail.description}): {detail}",
            metadata={"guardrail": guardrail.id, **metadata},
        )


def profile_not_found(name: str) -> NotFound:
    return NotFound(MODEL_PROFILE_NOT_FOUND, "model profile", name)
