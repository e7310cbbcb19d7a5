"""Policy rules in CEL: the environment they may use, compilation that rejects what it does not allow, evaluation.

The `cel` package compiles without declarations (it parses, and fails on an unknown
name only when evaluating), so the environment is enforced here from the compiled
program's references: every variable must be one of RULE_VARIABLES (or bound by a
macro such as `exists(x, ...)`), every function one of CEL's standard functions
that the library implements. A rule that would fail at evaluation for a misspelt
name fails at load time instead.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The `cel` package's __init__ imports its command-line tool (prompt_toolkit and rich: ~100 ms of start-up and several
# MB in each process that evaluates rules); the engine needs none of it, so that import finds an empty module.
sys.modules.setdefault("cel.cli", types.ModuleType("cel.cli"))
import cel  # noqa: E402

#: The variables a rule may reference; each is a map the policy engine fills for one action.
RULE_VARIABLES: Mapping[str, str] = {
    "action": "what the agent wants to do (for example `action.name`, `action.tool`, `action.arguments`)",
    "subject": "who acts (for example `subject.principal`, `subject.tenant`, `subject.capabilities`)",
    "resource": "what the action touches (for example `resource.name`, `resource.kind`)",
    "context": "anything else the caller knows (for example `context.risk`, `context.client_type`)",
}

#: CEL's standard functions that the `cel` library implements natively.
STANDARD_FUNCTIONS = frozenset(
    {
        "size",
        "contains",
        "startsWith",
        "endsWith",
        "matches",
        "int",
        "uint",
        "double",
        "string",
        "bytes",
        "timestamp",
        "duration",
        "type",
        "dyn",
        "getFullYear",
        "getMonth",
        "getDayOfMonth",
        "getDayOfWeek",
        "getDayOfYear",
        "getDate",
        "getHours",
        "getMinutes",
        "getSeconds",
        "getMilliseconds",
    }
)

#: Type names CEL lets an expression mention as values (`type(x) == int`).
TYPE_IDENTIFIERS = frozenset({"int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type"})

MAX_EXPRESSION_LENGTH = 4096

# The compiled program lists a macro's loop variable (`x` in `list.exists(x, ...)`) among its variables.
_MACRO_BINDING = re.compile(r"\.\s*(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,")


class RuleError(ValueError):
    """A rule expression that does not compile or uses what the environment does not declare."""


class RuleEvaluationError(RuntimeError):
    """A rule failed at evaluation or did not produce a boolean."""


@dataclass(frozen=True)
class CompiledRule:
    """A compiled rule expression, ready to evaluate against one action."""

    expression: str
    program: cel.Program
    variables: tuple[str, ...]

    def matches(self, activation: Mapping[str, Mapping[str, Any]]) -> bool:
        """Evaluates the rule; missing variables are empty maps. Raises RuleEvaluationError unless it yields a bool."""
        bound = {name: dict(activation.get(name, {})) for name in RULE_VARIABLES}
        try:
            result = self.program.execute(bound)
        except Exception as error:  # the library raises KeyError, TypeError, RuntimeError, ... per failure kind
            raise RuleEvaluationError(f"{type(error).__name__}: {error}") from error
        if not isinstance(result, bool):
            raise RuleEvaluationError(f"the rule evaluated to {type(result).__name__}, not bool")
        return result


def _is_operator(name: str) -> bool:
    # Operator overloads and internal helpers of the parser: `_&&_`, `!_`, `@in`, `@not_strictly_false`.
    return name.startswith(("_", "@", "!"))


def compile_rule(expression: str) -> CompiledRule:
    """Compiles a rule, raising RuleError with a message that says what is wrong."""
    if not expression.strip():
        raise RuleError("is empty")
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise RuleError(f"is {len(expression)} characters long; at most {MAX_EXPRESSION_LENGTH} are allowed")
    try:
        program = cel.compile(expression)
    except ValueError as error:
        raise RuleError(f"does not compile: {error}") from None
    references = program.references()
    bound = set(_MACRO_BINDING.findall(expression))
    unknown = sorted(set(references["variables"]) - set(RULE_VARIABLES) - TYPE_IDENTIFIERS - bound)
    if unknown:
        raise RuleError(
            f"references undeclared variable(s) {', '.join(unknown)}; rules may use {', '.join(RULE_VARIABLES)}"
        )
    functions = sorted(f for f in references["functions"] if not _is_operator(f) and f not in STANDARD_FUNCTIONS)
    if functions:
        raise RuleError(f"calls unknown function(s) {', '.join(functions)}; rules may use CEL's standard functions")
    variables = tuple(sorted(v for v in references["variables"] if v in RULE_VARIABLES))
    return CompiledRule(expression, program, variables)
