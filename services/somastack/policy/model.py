"""The policy domain: compiled constitutions, evaluation inputs and results, weight overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from somastack.constitution.rules import CompiledRule

# What a call to another service carries on behalf of the caller: the platform's one type (re-exported).
from somastack.platform.credentials import Credentials as Credentials

#: Reason codes are reported as the constitution states them; overrides are bounded so one tenant cannot
#: make a single rule outweigh every threshold by orders of magnitude by mistake.
MAX_OVERRIDE_WEIGHT = 1000.0
MAX_OVERRIDES = 500
MAX_NAME_LENGTH = 200
MAX_ROLES = 64
MAX_CAPABILITIES = 256


class Decision(StrEnum):
    """What the policy engine decides for an action."""

    ALLOW = "ALLOW"
    DENY = "DENY"
    REQUIRE_APPROVAL = "REQUIRE_APPROVAL"


@dataclass(frozen=True)
class RuleSpec:
    """One rule of a constitution as the constitution service serves it."""

    id: str
    expression: str
    weight: float
    reason_code: str


@dataclass(frozen=True)
class ActiveConstitution:
    """The active constitution, reduced to what the policy engine needs."""

    checksum: str
    version: str
    rules: tuple[RuleSpec, ...]
    allow_below: float
    deny_above: float


@dataclass(frozen=True)
class Rule:
    """A rule ready to evaluate; `program` is None when it did not compile here (it then always fails)."""

    spec: RuleSpec
    program: CompiledRule | None
    compile_error: str = ""


@dataclass(frozen=True)
class Policy:
    """A constitution compiled once per checksum."""

    checksum: str
    version: str
    rules: tuple[Rule, ...]
    allow_below: float
    deny_above: float


@dataclass(frozen=True)
class Subject:
    principal: str = ""
    tenant: str = ""
    roles: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    name: str = ""
    kind: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Action:
    name: str
    tool: str = ""
    arguments: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Inquiry:
    """One action to evaluate, with who does it, on what, and in which context."""

    action: Action
    subject: Subject = Subject()
    resource: Resource = Resource()
    context: Mapping[str, Any] = field(default_factory=dict)

    def activation(self) -> dict[str, dict[str, Any]]:
        """The CEL variables of the constitution's rules; every documented key is present, so rules can read it."""
        return {
            "action": {"name": self.action.name, "tool": self.action.tool, "arguments": dict(self.action.arguments)},
            "subject": {
                "principal": self.subject.principal,
                "tenant": self.subject.tenant,
                "roles": list(self.subject.roles),
                "capabilities": list(self.subject.capabilities),
            },
            "resource": {
                "name": self.resource.name,
                "kind": self.resource.kind,
                "attributes": dict(self.resource.attributes),
            },
            "context": dict(self.context),
        }


@dataclass(frozen=True)
class FiredRule:
    rule_id: str
    reason_code: str
    weight: float
    overridden: bool


@dataclass(frozen=True)
class RuleFailure:
    rule_id: str
    reason_code: str
    error: str


@dataclass(frozen=True)
class Evaluation:
    """The decision on one action and everything that led to it."""

    decision: Decision
    score: float
    reason_codes: tuple[str, ...]
    fired: tuple[FiredRule, ...]
    failures: tuple[RuleFailure, ...]
    checksum: str
    version: str
    allow_below: float
    deny_above: float


@dataclass(frozen=True)
class WeightOverrides:
    """A tenant's own weights for constitution rules, by rule id."""

    tenant: str
    weights: Mapping[str, float]
    updated_at: float | None = None
    updated_by: str = ""
