"""Pure policy evaluation: compile a constitution's rules, score an action, turn the score into a decision."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import cel

from somastack.constitution.rules import RULE_VARIABLES, RuleError, compile_rule
from somastack.policy.model import (
    ActiveConstitution,
    Decision,
    Evaluation,
    FiredRule,
    Policy,
    Rule,
    RuleFailure,
)


def compile_policy(active: ActiveConstitution) -> Policy:
    """Compiles every rule once. A rule that does not compile here is kept and fails closed at every evaluation."""
    rules = []
    for spec in active.rules:
        try:
            rules.append(Rule(spec, compile_rule(spec.expression)))
        except RuleError as error:
            rules.append(Rule(spec, None, f"does not compile: {error}"))
    return Policy(active.checksum, active.version, tuple(rules), active.allow_below, active.deny_above)


def decide(score: float, allow_below: float, deny_above: float) -> Decision:
    """Below `allow_below` allows, above `deny_above` denies, in between (both ends included) needs approval."""
    if score < allow_below:
        return Decision.ALLOW
    if score > deny_above:
        return Decision.DENY
    return Decision.REQUIRE_APPROVAL


def evaluate(policy: Policy, activation: Mapping[str, Mapping[str, Any]], overrides: Mapping[str, float]) -> Evaluation:
    """Runs every rule on one action.

    The score sums the weights of the matching rules, a tenant override replacing the
    constitution's weight. A rule that fails fails closed: it adds nothing to the score
    (a negative weight must not lower the risk of an action it could not judge) and
    forces the decision to DENY, whatever the score.
    """
    # One CEL context for every rule: converting the variables once instead of once per rule is what keeps
    # a large constitution cheap (about 0.5 us per rule instead of 40).
    variables = cel.Context()
    for name in RULE_VARIABLES:
        variables.add_variable(name, dict(activation.get(name, {})))
    fired: list[FiredRule] = []
    failures: list[RuleFailure] = []
    score = 0.0
    for rule in policy.rules:
        spec = rule.spec
        if rule.program is None:
            failures.append(RuleFailure(spec.id, spec.reason_code, rule.compile_error))
            continue
        try:
            matched = rule.program.program.execute(variables)
        except Exception as error:  # the library raises KeyError, TypeError, RuntimeError, ... per failure kind
            failures.append(RuleFailure(spec.id, spec.reason_code, f"{type(error).__name__}: {error}"))
            continue
        if not isinstance(matched, bool):
            failures.append(RuleFailure(spec.id, spec.reason_code, f"evaluated to {type(matched).__name__}, not bool"))
            continue
        if matched:
            weight = overrides.get(spec.id)
            fired.append(
                FiredRule(spec.id, spec.reason_code, spec.weight if weight is None else weight, weight is not None)
            )
            score += fired[-1].weight
    decision = Decision.DENY if failures else decide(score, policy.allow_below, policy.deny_above)
    reasons = tuple(dict.fromkeys(f.reason_code for f in fired))
    return Evaluation(
        decision=decision,
        score=score,
        reason_codes=reasons,
        fired=tuple(fired),
        failures=tuple(failures),
        checksum=policy.checksum,
        version=policy.version,
        allow_below=policy.allow_below,
        deny_above=policy.deny_above,
    )
