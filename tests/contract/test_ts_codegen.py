"""The @soma/proto TypeScript package (gen/ts): codegen --check catches staleness, SOMA_PROTO_ROOT works, the
declarations type-check, and the REST client works against a real mesh (the Vitest suite in scripts/ts/test)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Mesh

TOOLS = REPO / "scripts" / "ts"
BIN = TOOLS / "node_modules" / ".bin"


def _require_tools() -> None:
    if not (BIN / "protoc-gen-es").exists() or not (BIN / "vitest").exists():
        pytest.fail("scripts/ts/node_modules is missing: run `make install` (npm ci --prefix scripts/ts)")


def _codegen(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(root / "scripts" / "codegen.sh"), *args],
        env={**os.environ, "PYTHON": sys.executable, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what codegen reads and writes (contracts, scripts, gen), so the tests never touch the real gen/."""
    _require_tools()
    root = tmp_path / "repo"
    shutil.copytree(REPO / "contracts", root / "contracts")
    (root / "scripts" / "ts").mkdir(parents=True)
    for script in ("codegen.sh", "gen_topics.py"):
        shutil.copy2(REPO / "scripts" / script, root / "scripts" / script)
    for name in ("gen_rest.py", "tsconfig.gen.json", "package.json"):
        shutil.copy2(TOOLS / name, root / "scripts" / "ts" / name)
    shutil.copytree(TOOLS / "runtime", root / "scripts" / "ts" / "runtime")
    (root / "scripts" / "ts" / "node_modules").symlink_to(TOOLS / "node_modules")
    ignore = shutil.ignore_patterns("node_modules", "*.egg-info", "__pycache__")
    shutil.copytree(REPO / "gen" / "python", root / "gen" / "python", ignore=ignore)
    shutil.copytree(REPO / "gen" / "ts", root / "gen" / "ts", ignore=ignore)
    return root


# Each codegen run compiles the whole package (protoc, protoc-gen-es, tsc): allow for a loaded machine.
pytestmark = pytest.mark.timeout(600)


def test_check_passes_on_fresh_output_and_names_each_stale_ts_file(checkout: Path) -> None:
    fresh = _codegen(checkout, "--check")
    assert fresh.returncode == 0, fresh.stderr

    client = checkout / "gen" / "ts" / "soma" / "identity" / "v1" / "identity_service_rest.js"
    client.write_text(client.read_text() + "// edited by hand\n")
    (checkout / "gen" / "ts" / "google" / "rpc" / "code_pb.d.ts").unlink()
    (checkout / "gen" / "ts" / "extra.js").write_text("export {};\n")
    stale = _codegen(checkout, "--check")
    assert stale.returncode == 1
    assert "identity_service_rest.js" in stale.stderr
    assert "code_pb.d.ts" in stale.stderr
    assert "extra.js" in stale.stderr
    assert "gen/ is stale" in stale.stderr

    # Regenerating repairs it, leaves a consumer's node_modules alone, and is deterministic.
    (checkout / "gen" / "ts" / "node_modules").mkdir()
    assert _codegen(checkout).returncode == 0
    assert (checkout / "gen" / "ts" / "node_modules").is_dir()
    assert not (checkout / "gen" / "ts" / "extra.js").exists()
    assert _codegen(checkout, "--check").returncode == 0


def test_a_contract_change_makes_gen_ts_stale_and_regenerates_it(checkout: Path) -> None:
    proto = checkout / "contracts" / "soma" / "meta" / "v1" / "contract_service.proto"
    proto.write_text(
        proto.read_text().replace(
            "  // Public: it needs no token.\n", "  // Public: it needs no token. Cached by consoles.\n"
        )
    )
    stale = _codegen(checkout, "--check")
    assert stale.returncode == 1
    assert "contract_service_rest" in stale.stderr  # the client's doc comment comes from the contract
    assert _codegen(checkout).returncode == 0
    declaration = (checkout / "gen" / "ts" / "soma" / "meta" / "v1" / "contract_service_rest.d.ts").read_text()
    assert "Cached by consoles." in declaration


def test_soma_proto_root_generates_typescript_from_another_checkout(checkout: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "contracts-repo" / "contracts"
    shutil.copytree(REPO / "contracts", elsewhere)
    same = _codegen(checkout, "--check", SOMA_PROTO_ROOT=str(elsewhere))
    assert same.returncode == 0, same.stderr

    (elsewhere / "VERSION").write_text("1.7.0\n")
    assert _codegen(checkout, "--check", SOMA_PROTO_ROOT=str(elsewhere)).returncode == 1
    regenerated = _codegen(checkout, SOMA_PROTO_ROOT=str(elsewhere))
    assert regenerated.returncode == 0, regenerated.stderr
    package = json.loads((checkout / "gen" / "ts" / "package.json").read_text())
    assert (package["name"], package["version"]) == ("@soma/proto", "1.7.0")
    assert 'CONTRACT_VERSION = "1.7.0"' in (checkout / "gen" / "ts" / "version.js").read_text()


def test_committed_package_matches_the_contracts() -> None:
    package = json.loads((REPO / "gen" / "ts" / "package.json").read_text())
    assert package["version"] == (REPO / "contracts" / "VERSION").read_text().strip()
    lock = json.loads((TOOLS / "package-lock.json").read_text())
    runtime = lock["packages"]["node_modules/@bufbuild/protobuf"]["version"]
    assert package["dependencies"] == {"@bufbuild/protobuf": f"^{runtime}"}
    assert lock["packages"]["node_modules/@bufbuild/protoc-gen-es"]["version"] == runtime


@pytest.mark.envoy
def test_declarations_type_check_and_the_rest_client_works_against_the_mesh(mesh: Mesh) -> None:
    _require_tools()
    typecheck = subprocess.run(
        [str(BIN / "tsc"), "--noEmit", "-p", "tsconfig.test.json"],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert typecheck.returncode == 0, typecheck.stdout + typecheck.stderr
    env = {
        **os.environ,
        "SOMA_TEST_MESH_URL": mesh.url,
        "SOMA_TEST_ADMIN_TOKEN": mesh.admin_token,
        "NO_COLOR": "1",
        "CI": "true",
    }
    if mesh.mtls:  # Node trusts the mesh's CA for the HTTPS listener
        env["NODE_EXTRA_CA_CERTS"] = str(mesh.certs.ca_cert)
    run = subprocess.run(
        [str(BIN / "vitest"), "run", "--reporter=verbose"],
        cwd=TOOLS,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    passed = re.search(r"Tests\s+(\d+) passed", run.stdout)
    assert passed is not None and int(passed.group(1)) >= 14, run.stdout
    assert "failed" not in run.stdout and "skipped" not in run.stdout, run.stdout
