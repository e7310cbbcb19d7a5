"""The constitution's domain objects: the document, its signatures, loaded versions, the active pointer, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from somastack.platform.errors import Code, DomainError, FieldViolation

T = TypeVar("T")

#: The version id that names whatever is active; no document may use it.
RESERVED_VERSION = "active"
#: Envelope tenant of platform-wide events: they concern every tenant.
PLATFORM_TENANT = "*"

# The ErrorInfo reasons this service raises (checked against soma.common.v1.ErrorReason by a unit test).
NOT_FOUND = "CONSTITUTION_NOT_FOUND"
SIGNATURE_INVALID = "CONSTITUTION_SIGNATURE_INVALID"
QUORUM_NOT_MET = "CONSTITUTION_QUORUM_NOT_MET"
VERSION_EXISTS = "CONSTITUTION_VERSION_EXISTS"
CHECKSUM_MISMATCH = "CONSTITUTION_CHECKSUM_MISMATCH"
FIELD_INVALID = "FIELD_INVALID"
ETAG_MISMATCH = "ETAG_MISMATCH"
REASONS = (
    NOT_FOUND,
    SIGNATURE_INVALID,
    QUORUM_NOT_MET,
    VERSION_EXISTS,
    CHECKSUM_MISMATCH,
    FIELD_INVALID,
    ETAG_MISMATCH,
)


@dataclass(frozen=True)
class Principle:
    id: str
    text: str


@dataclass(frozen=True)
class PolicyRule:
    """A CEL expression that, when true for an action, adds `weight` to its risk score."""

    id: str
    description: str
    expression: str
    weight: float
    reason_code: str


@dataclass(frozen=True)
class Thresholds:
    """Below `allow_below` an action is allowed, above `deny_above` denied, in between it needs approval."""

    allow_below: float
    deny_above: float


@dataclass(frozen=True)
class Document:
    """A constitution as signers sign it; its checksum comes from `canonical.canonical_bytes`."""

    version: str
    title: str
    principles: tuple[Principle, ...] = ()
    rules: tuple[PolicyRule, ...] = ()
    #: None when unset, which is not the same document as Thresholds(0, 0).
    thresholds: Thresholds | None = None


@dataclass(frozen=True)
class Signature:
    signer_id: str
    signature: bytes


class ActivationKind(StrEnum):
    LOAD = "load"
    ROLLBACK = "rollback"


@dataclass(frozen=True)
class StoredVersion:
    """A document as it was loaded. Immutable once stored, so it may be cached by checksum forever."""

    document: Document
    checksum: str
    #: The exact bytes the checksum is the SHA-256 of.
    canonical: bytes
    signatures: tuple[Signature, ...]
    #: The trusted signers whose signatures verified at load time.
    signers: tuple[str, ...]
    loaded_at: float
    loaded_by: str
    #: Load order; newer versions have larger numbers (0 before the store assigns one).
    seq: int = 0


@dataclass(frozen=True)
class Active:
    """Which version is active, since when, by whom, and which trusted signers vouched for it then."""

    checksum: str
    version: str
    activated_at: float
    activated_by: str
    signers: tuple[str, ...]
    kind: ActivationKind


@dataclass(frozen=True)
class VersionView:
    """A stored version together with its activation state, as reads return it."""

    stored: StoredVersion
    active: Active | None

    @property
    def is_active(self) -> bool:
        return self.active is not None and self.active.checksum == self.stored.checksum

    @property
    def signers(self) -> tuple[str, ...]:
        """Verified at the last activation for the active version, at load time for the others."""
        return self.active.signers if self.active is not None and self.is_active else self.stored.signers


@dataclass(frozen=True)
class Problem:
    """One reason Load would refuse a document: the field (a path from the request), what is wrong, the reason."""

    field: str
    description: str
    reason: str = FIELD_INVALID


@dataclass(frozen=True)
class ValidationReport:
    checksum: str
    problems: tuple[Problem, ...]
    signers: tuple[str, ...]
    active_checksum: str
    version: str

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def active(self) -> bool:
        return bool(self.active_checksum) and self.active_checksum == self.checksum


@dataclass(frozen=True)
class Outcome:
    """What a Load or Rollback did."""

    view: VersionView
    changed: bool


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_page_token: str


@dataclass(frozen=True)
class Activation:
    """What the store must do atomically: maybe insert a version, then make `checksum` active with its event."""

    checksum: str
    version: str
    kind: ActivationKind
    signers: tuple[str, ...]
    actor: str
    now: float
    #: The version to insert first; None when it is stored already.
    new: StoredVersion | None = None
    #: Proceed only while this checksum is active ('' for no check).
    expected_active: str = ""


class ActivationStatus(StrEnum):
    ACTIVATED = "activated"
    #: The checksum was active already; nothing changed and no event was written.
    UNCHANGED = "unchanged"
    #: `expected_active` was not the active checksum.
    CONFLICT = "conflict"
    #: Another document holds the version.
    VERSION_TAKEN = "version_taken"


@dataclass(frozen=True)
class ActivationResult:
    status: ActivationStatus
    previous: Active | None
    current: Active | None
    #: For VERSION_TAKEN: the checksum stored under the version.
    conflicting_checksum: str = ""


class SignatureInvalid(DomainError):
    """A trusted signer's signature does not verify (INVALID_ARGUMENT, reason CONSTITUTION_SIGNATURE_INVALID)."""

    code = Code.INVALID_ARGUMENT

    def __init__(self, signer_id: str, field: str, description: str) -> None:
        super().__init__(
            SIGNATURE_INVALID,
            f"the signature of trusted signer {signer_id!r} is invalid: {description}",
            metadata={"signerId": signer_id},
            violations=(FieldViolation(field, description),),
        )


@dataclass(frozen=True)
class QuorumReport:
    """The outcome of checking a document's signatures against the trusted signers."""

    signers: tuple[str, ...]
    need: int
    untrusted: tuple[str, ...] = ()
    #: (field, signer id, description) of each trusted signer's signature that does not verify.
    invalid: tuple[tuple[str, str, str], ...] = ()
    #: Structural problems: missing or duplicate signer ids.
    malformed: tuple[FieldViolation, ...] = field(default_factory=tuple)

    @property
    def have(self) -> int:
        return len(self.signers)

    @property
    def met(self) -> bool:
        return self.have >= self.need
