"""CEL rules: what compiles, what is refused at load time and why, and evaluation against one action."""

from __future__ import annotations

import cel
import pytest

from somastack.constitution.rules import (
    MAX_EXPRESSION_LENGTH,
    STANDARD_FUNCTIONS,
    RuleError,
    RuleEvaluationError,
    compile_rule,
)


@pytest.mark.parametrize(
    "expression",
    [
        'action.name == "memory.delete" && context.risk > 0.5',
        'subject.capabilities.exists(c, c.startsWith("platform."))',
        "size(action.arguments) > 3 || resource.kind in ['secret', 'key']",
        "has(context.client_type) ? context.client_type != 'ui' : true",
        "action.tools.all(t, [t].exists(u, u == t)) && action.tools.map(t, size(t)).exists_one(n, n > 2)",
        'timestamp(context.now).getHours() < 6 && duration("1h") > duration("30m")',
        "type(context.risk) == double && int(context.level) >= 2 && string(action.name).matches('^mem')",
    ],
)
def test_rules_over_the_declared_variables_compile(expression: str) -> None:
    rule = compile_rule(expression)
    assert set(rule.variables) <= {"action", "subject", "resource", "context"}


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('action.name == "x" &&', "does not compile"),
        ("action.name ==== 1", "does not compile"),
        ('"unterminated', "does not compile"),
        ("actor.name == 'x'", "undeclared variable(s) actor"),
        ("user.admin || request.risk > 1", "undeclared variable(s) request, user"),
        ("exfiltrate(action.arguments)", "unknown function(s) exfiltrate"),
        ("action.name.lowerAscii() == 'x'", "unknown function(s) lowerAscii"),
        ("   ", "is empty"),
        ("true || " * 600 + "true", f"at most {MAX_EXPRESSION_LENGTH}"),
    ],
)
def test_bad_rules_are_refused_with_the_reason(expression: str, message: str) -> None:
    with pytest.raises(RuleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_rule(expression)


def test_every_allowed_function_is_one_the_library_implements() -> None:
    # A function the library lacks fails with "Undefined ... function" at evaluation; every allowed one must not.
    probes = {
        "size": 'size("ab")',
        "contains": '"ab".contains("a")',
        "startsWith": '"ab".startsWith("a")',
        "endsWith": '"ab".endsWith("b")',
        "matches": '"ab".matches("a")',
        "int": 'int("1")',
        "uint": "uint(1)",
        "double": "double(1)",
        "string": "string(1)",
        "bytes": 'bytes("a")',
        "timestamp": 'timestamp("2024-01-01T00:00:00Z")',
        "duration": 'duration("1s")',
        "type": "type(1)",
        "dyn": "dyn(1)",
    }
    stamp = 'timestamp("2024-01-01T00:00:00Z")'
    for accessor in STANDARD_FUNCTIONS - set(probes):
        probes[accessor] = f"{stamp}.{accessor}()"
    assert set(probes) == STANDARD_FUNCTIONS
    for name, probe in probes.items():
        cel.evaluate(probe, {})  # raises on an undefined function
        assert name in cel.compile(probe).functions()


def test_a_rule_evaluates_against_an_action() -> None:
    rule = compile_rule('action.name == "memory.delete" && context.risk > 0.5')
    assert rule.matches({"action": {"name": "memory.delete"}, "context": {"risk": 0.9}})
    assert not rule.matches({"action": {"name": "memory.read"}, "context": {"risk": 0.9}})
    with pytest.raises(RuleEvaluationError, match="risk"):
        rule.matches({"action": {"name": "memory.delete"}})
    with pytest.raises(RuleEvaluationError, match="not bool"):
        compile_rule("size(action)").matches({"action": {"a": 1}})
