"""Policy scoring: fired rules and weights, thresholds at their edges, fail-closed rules, tenant overrides."""

from __future__ import annotations

import pytest

from somastack.policy.engine import compile_policy, decide, evaluate
from somastack.policy.model import Action, ActiveConstitution, Decision, Inquiry, Resource, RuleSpec, Subject


def constitution(*rules: RuleSpec, allow_below: float = 0.3, deny_above: float = 0.7) -> ActiveConstitution:
    return ActiveConstitution("c" * 64, "1", rules, allow_below, deny_above)


DELETE = RuleSpec("deletes", 'action.name == "memory.delete"', 0.6, "DELETE")
UI = RuleSpec("trusted-ui", "context.client_type == 'ui'", -0.1, "UI")
EXPORT = RuleSpec("exports", 'action.name.startsWith("memory.") && resource.kind == "memory"', 0.2, "MEMORY")


def inquiry(name: str = "memory.delete", **context: object) -> Inquiry:
    return Inquiry(
        Action(name),
        Subject("tenants/acme/users/olga", "acme", ("member",), ("memory.read",)),
        Resource("tenants/acme/memories/m1", "memory"),
        {"client_type": "cli", **context},
    )


@pytest.mark.parametrize(
    ("score", "decision"),
    [
        (0.0, Decision.ALLOW),
        (0.2999, Decision.ALLOW),
        (0.3, Decision.REQUIRE_APPROVAL),
        (0.5, Decision.REQUIRE_APPROVAL),
        (0.7, Decision.REQUIRE_APPROVAL),
        (0.7001, Decision.DENY),
        (-5.0, Decision.ALLOW),
    ],
)
def test_thresholds_allow_strictly_below_and_deny_strictly_above(score: float, decision: Decision) -> None:
    assert decide(score, 0.3, 0.7) is decision


def test_equal_thresholds_leave_exactly_that_score_to_approval() -> None:
    assert [decide(s, 0.5, 0.5) for s in (0.49, 0.5, 0.51)] == [
        Decision.ALLOW,
        Decision.REQUIRE_APPROVAL,
        Decision.DENY,
    ]


def test_score_sums_the_weights_of_the_fired_rules_in_constitution_order() -> None:
    policy = compile_policy(constitution(DELETE, UI, EXPORT))
    result = evaluate(policy, inquiry().activation(), {})
    assert [f.rule_id for f in result.fired] == ["deletes", "exports"]
    assert result.score == pytest.approx(0.8)
    assert result.decision is Decision.DENY
    assert result.reason_codes == ("DELETE", "MEMORY")
    assert not result.failures and result.checksum == "c" * 64

    from_ui = evaluate(policy, inquiry(client_type="ui").activation(), {})
    assert from_ui.score == pytest.approx(0.7) and from_ui.decision is Decision.REQUIRE_APPROVAL
    assert [(f.rule_id, f.weight) for f in from_ui.fired] == [("deletes", 0.6), ("trusted-ui", -0.1), ("exports", 0.2)]

    harmless = evaluate(policy, inquiry("agent.reply").activation(), {})
    assert (harmless.score, harmless.decision, harmless.fired) == (0.0, Decision.ALLOW, ())


def test_reason_codes_are_reported_once() -> None:
    twice = RuleSpec("deletes-again", 'action.name.endsWith("delete")', 0.05, "DELETE")
    result = evaluate(compile_policy(constitution(DELETE, twice)), inquiry().activation(), {})
    assert result.reason_codes == ("DELETE",) and len(result.fired) == 2


def test_overrides_replace_the_constitution_weight_of_their_rule_only() -> None:
    policy = compile_policy(constitution(DELETE, EXPORT))
    result = evaluate(policy, inquiry().activation(), {"deletes": 0.1, "not-in-this-constitution": 9.0})
    assert [(f.rule_id, f.weight, f.overridden) for f in result.fired] == [
        ("deletes", 0.1, True),
        ("exports", 0.2, False),
    ]
    assert result.score == pytest.approx(0.3) and result.decision is Decision.REQUIRE_APPROVAL
    # An override of zero is an override, not "unset".
    zero = evaluate(policy, inquiry().activation(), {"deletes": 0.0, "exports": 0.0})
    assert zero.score == 0.0 and zero.decision is Decision.ALLOW and all(f.overridden for f in zero.fired)


def test_a_rule_that_fails_forces_deny_and_names_itself() -> None:
    risky = RuleSpec("risky", "context.risk > 0.5", -0.5, "RISK")  # no `risk` in the context: a missing key
    typed = RuleSpec("typed", "action.name + 1 == 2", 0.1, "TYPED")  # string + int
    not_bool = RuleSpec("not-bool", "action.name", 0.1, "NOT_BOOL")
    policy = compile_policy(constitution(risky, typed, not_bool, UI))
    result = evaluate(policy, inquiry("agent.reply", client_type="ui").activation(), {})
    assert result.decision is Decision.DENY
    assert [f.rule_id for f in result.failures] == ["risky", "typed", "not-bool"]
    assert "KeyError" in result.failures[0].error and "not bool" in result.failures[2].error
    # A failing negative-weight rule does not lower the score; the rules that did run still count.
    assert result.score == pytest.approx(-0.1) and [f.rule_id for f in result.fired] == ["trusted-ui"]
    # The same rule evaluates normally once the context has what it reads.
    fine = evaluate(compile_policy(constitution(risky)), inquiry(risk=0.9).activation(), {})
    assert fine.decision is Decision.ALLOW and fine.score == -0.5


def test_a_rule_that_does_not_compile_here_fails_every_evaluation() -> None:
    broken = RuleSpec("broken", "exfiltrate(action)", 0.0, "BROKEN")
    policy = compile_policy(constitution(broken, DELETE))
    result = evaluate(policy, inquiry("agent.reply").activation(), {})
    assert result.decision is Decision.DENY
    assert result.failures[0].rule_id == "broken" and "does not compile" in result.failures[0].error


def test_no_rules_score_zero_against_the_thresholds() -> None:
    assert evaluate(compile_policy(constitution()), inquiry().activation(), {}).decision is Decision.ALLOW
    strict = compile_policy(constitution(allow_below=0.0, deny_above=0.0))
    assert evaluate(strict, inquiry().activation(), {}).decision is Decision.REQUIRE_APPROVAL


def test_activation_exposes_every_documented_key() -> None:
    activation = Inquiry(Action("x")).activation()
    assert set(activation) == {"action", "subject", "resource", "context"}
    assert activation["action"] == {"name": "x", "tool": "", "arguments": {}}
    assert set(activation["subject"]) == {"principal", "tenant", "roles", "capabilities"}
    assert set(activation["resource"]) == {"name", "kind", "attributes"}
    rule = RuleSpec("caps", '"memory.read" in subject.capabilities && subject.tenant == "acme"', 1.0, "CAPS")
    assert evaluate(compile_policy(constitution(rule)), inquiry().activation(), {}).fired[0].rule_id == "caps"
