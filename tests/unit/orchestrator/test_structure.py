"""The orchestrator's shape, enforced: a pipeline of small rooms, not one class that does everything.

- A step of a session's trace (the domain `Step`) is built in one place, the step helper (`hops.py`): no
  `Step(...)` elsewhere (the proto message `session_pb2.Step` the codec fills is another type).
- No function or method of the orchestrator package is longer than 60 lines.
- `service.py`, the pipeline itself, stays under 600 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import somastack.orchestrator

PACKAGE = Path(somastack.orchestrator.__file__).parent
STEP_HELPER = PACKAGE / "hops.py"
MAX_FUNCTION_LINES = 60
MAX_SERVICE_LINES = 600


def modules() -> dict[Path, ast.Module]:
    parsed = {path: ast.parse(path.read_text(), str(path)) for path in sorted(PACKAGE.rglob("*.py"))}
    assert STEP_HELPER in parsed and PACKAGE / "service.py" in parsed
    return parsed


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', '?')}"


def test_steps_are_built_only_by_the_step_helper() -> None:
    built = [
        where(path, node)
        for path, tree in modules().items()
        if path != STEP_HELPER
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "Step")
            or (
                isinstance(node.func, ast.Attribute)
                and node.func.attr == "Step"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "model"
            )
        )
    ]
    assert built == [], "a session step is built only by the step helper in orchestrator/hops.py, never by hand"


def test_no_function_is_longer_than_60_lines() -> None:
    long = [
        f"{where(path, node)} {node.name}: {lines} lines"
        for path, tree in modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (lines := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]
    assert long == [], f"no function in the orchestrator package is longer than {MAX_FUNCTION_LINES} lines"


def test_the_service_module_stays_under_600_lines() -> None:
    lines = len((PACKAGE / "service.py").read_text().splitlines())
    assert lines < MAX_SERVICE_LINES, (
        f"orchestrator/service.py is the session pipeline only and stays under {MAX_SERVICE_LINES} lines, not {lines}"
    )
