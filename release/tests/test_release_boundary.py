"""release/ stands alone: it imports nothing from the backend (somastack), so it can move to its own repo."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

RELEASE = REPO / "release"


def _imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_release_module_imports_somastack() -> None:
    files = sorted(RELEASE.rglob("*.py"))
    assert len(files) > 10
    offenders = {
        str(f.relative_to(REPO)): sorted(m for m in _imported_modules(f.read_text()) if m.split(".")[0] == "somastack")
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_release_module_loads_no_somastack() -> None:
    modules = sorted(f.stem for f in (RELEASE / "soma_release").glob("*.py") if f.stem != "__init__")
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module('soma_release.' + name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'somastack'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert "cli" in modules and "manifest" in modules
