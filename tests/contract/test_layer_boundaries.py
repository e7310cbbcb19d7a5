"""The layer boundaries of docs/contracts.md, enforced: each layer could move to its own repository tomorrow.

- gen/python (soma-proto) imports nothing from the backend; hand-written code never lives under `soma.*`.
- The backend reads the installed soma-proto, never contracts/ at run time.
- The desktop speaks only HTTP to one configurable base URL: no Python, no service port or host, no REST path
  spelled by hand (paths come from the generated client), no import from outside desktop/ but @soma/proto and npm.
(release/tests/test_release_boundary.py checks that release/ imports nothing from the backend.)
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO

IMPORTS_SOMASTACK = re.compile(r"^\s*(from|import)\s+somastack\b", re.M)


def relative(paths: list[Path]) -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in paths)


def test_soma_proto_imports_nothing_from_the_backend() -> None:
    files = list((REPO / "gen/python").rglob("*.py"))
    assert len(files) > 20
    assert relative([p for p in files if IMPORTS_SOMASTACK.search(p.read_text())]) == []
    hand_written = [
        p
        for p in (REPO / "gen/python/soma").rglob("*.py")
        if not p.name.endswith(("_pb2.py", "_pb2_grpc.py", "__init__.py"))
    ]
    assert relative(hand_written) == [], "hand-written code never lives under the generated soma namespace"


def test_the_backend_never_reads_contracts_at_run_time() -> None:
    readers = [p for p in (REPO / "services").rglob("*.py") if re.search(r"[\"'][^\"'\n]*\bcontracts/", p.read_text())]
    assert relative(readers) == [], "the backend reads the installed soma-proto, never contracts/"


def desktop_sources() -> list[Path]:
    sources = [
        p
        for folder in ("src", "tests")
        for p in (REPO / "desktop" / folder).rglob("*")
        if p.suffix in {".ts", ".tsx", ".js", ".mjs"}
    ]
    assert len(sources) > 10
    return sources


def test_the_desktop_speaks_only_http_through_its_base_url() -> None:
    app = [p for p in desktop_sources() if p.is_relative_to(REPO / "desktop/src")]
    # A `placeholder` only shows the user an example base URL.
    code = {p: re.sub(r'placeholder="[^"]*"', "", p.read_text()) for p in app}
    hosts = [p for p in app if re.search(r"\b(127\.0\.0\.1|localhost|0\.0\.0\.0)\b|:\d{4,5}\b", code[p])]
    assert relative(hosts) == [], "the console reaches Envoy through its base URL only, never a host or port"
    paths = [p for p in app if re.search(r"[\"'`]/v1/", code[p])]
    assert relative(paths) == [], "REST paths come from @soma/proto's generated client, never spelled by hand"
    python = [p for p in (REPO / "desktop").rglob("*.py") if "node_modules" not in p.parts]
    assert relative(python) == []


def test_the_desktop_imports_only_its_own_files_protos_and_npm_packages() -> None:
    escaping = []
    for path in desktop_sources():
        for spec in re.findall(r"""(?:from|import)\s*\(?\s*["']([^"']+)["']""", path.read_text()):
            if spec.startswith("."):
                target = (path.parent / spec).resolve()
                if not target.is_relative_to(REPO / "desktop"):
                    escaping.append(f"{path.relative_to(REPO)}: {spec}")
    assert escaping == [], "the console imports nothing from other layers (types come from @soma/proto)"
    assert '"@soma/proto"' in (REPO / "desktop/package.json").read_text()
