"""The audit trail's plain types: what a service recorded, a record's place in its chain, filters, verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The parent wildcard (AIP-159) of a listing or walk over every tenant, and the name of the platform chain.
ALL_TENANTS = "-"
#: The tenant of the platform chain: records that belong to no tenant (creating a tenant, rotating keys).
PLATFORM = ""


@dataclass(frozen=True)
class Entry:
    """One call as the service that served it recorded it (soma.audit.v1.AuditRecord without its chain fields)."""

    event_id: str
    tenant: str
    kind: str
    actor: str
    subject: str
    rpc: str
    resource: str
    code: str
    reason: str
    request_id: str
    client_type: str
    constitution: str
    #: Microseconds since the epoch: an integer, so that the canonical content has one spelling.
    time_us: int
    service: str


@dataclass(frozen=True)
class Link:
    """An entry at its place in its tenant's chain: its position, its hash and the hash of the entry before it."""

    entry: Entry
    sequence: int
    hash: str
    previous_hash: str
    #: The storage's own order across chains (newest last); 0 before it is stored.
    id: int = 0


@dataclass(frozen=True)
class Filter:
    """What ListAuditRecords narrows to; empty fields match everything."""

    principal: str = ""
    rpc: str = ""
    code: str = ""
    #: [start_us, end_us) in microseconds since the epoch; None: open.
    start_us: int | None = None
    end_us: int | None = None


@dataclass(frozen=True)
class Broken:
    """The first link of a chain that does not hold, and why."""

    link: Link
    problem: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of walking one or more chains."""

    checked: int
    broken: Broken | None
    #: The hash of the last link of each chain walked, by tenant (ALL_TENANTS for the platform chain).
    heads: dict[str, str] = field(default_factory=dict)
