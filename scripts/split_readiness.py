"""The repo-split readiness checklist, Phases 1-4, each row measured by running a command.

    scripts/split-readiness            every row; exit 1 when one fails
    scripts/split-readiness --phase 3  one phase
    scripts/split-readiness -v         print a failing row's output

The rows are the checklist of the split-readiness roadmap (docs/release.md#split-readiness), restated for this
stack: a row passes only when its command exits 0 on this checkout, never because a box was ticked. Builds go to a
temporary directory, signed with a throwaway key, and nothing in the tree changes.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("SOMA_BIN", REPO / ".venv" / "bin"))
LAYERS = ("contracts", "services", "desktop", "release")

#: The packaging CLI's cross-repo flags (docs/release.md).
PACKAGE_FLAGS = (
    "--daemons-repo",
    "--desktop-repo",
    "--daemons-manifest",
    "--desktop-manifest",
    "--daemons-version",
    "--desktop-version",
    "--os",
    "--arch",
    "--bundle-version",
    "--token",
)


@dataclass(frozen=True)
class Row:
    phase: int
    item: str
    #: Shell commands, run in order from the repo root with `$WORK` (a scratch dir) and `$BIN` set.
    commands: tuple[str, ...]


def python(code: str) -> str:
    """A command that runs a Python snippet with the project's interpreter."""
    return f"{BIN}/python -c {shlex.quote(code)}"


def justfile_has(layer: str, recipes: Sequence[str]) -> str:
    names = " ".join(recipes)
    return (
        f"{BIN}/just --justfile {layer}/justfile --summary | tr ' ' '\\n' > $WORK/{layer}.recipes && "
        f'for r in {names}; do grep -qx "$r" $WORK/{layer}.recipes '
        f'|| {{ echo "{layer}/justfile lacks $r"; exit 1; }}; done'
    )


_TOPICS = r"""
import pathlib, re, sys
# Topics are declared in the contracts; the code imports their generated constants.
generated = pathlib.Path("gen/python/soma/events/v1/topics.py").read_text()
topics = set(re.findall(r'^[A-Z0-9_]+: Final = "([a-z0-9_.-]+)"', generated, re.M))
documented = pathlib.Path("docs/events.md").read_text()
missing = sorted(t for t in topics if f"`{t}`" not in documented)
print(f"{len(topics)} topics declared; undocumented: {missing or 'none'}")
sys.exit(1 if missing or not topics else 0)
"""

_SCHEMA = r"""
import json, pathlib, sys
import jsonschema
schema = json.loads(pathlib.Path("manifests/release-manifest.v1.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
good = sorted(pathlib.Path("manifests/examples").glob("*.json"))
bad = sorted(pathlib.Path("manifests/examples/invalid").glob("*.json"))
wrong = [p.name for p in good if list(validator.iter_errors(json.loads(p.read_text())))]
passed = [p.name for p in bad if not list(validator.iter_errors(json.loads(p.read_text())))]
print(f"{len(good)} examples valid, {len(bad)} invalid fixtures refused; wrong: {wrong + passed or 'none'}")
sys.exit(1 if wrong or passed or not good or not bad else 0)
"""

_WHEEL = r"""
import pathlib, re, sys, zipfile
wheel = next(pathlib.Path(sys.argv[1]).glob("soma_proto-*.whl"))
archive = zipfile.ZipFile(wheel)
names = archive.namelist()
pattern = rb"^\s*(from|import)\s+somastack\b"
bad = [n for n in names if n.endswith(".py") and re.search(pattern, archive.read(n), re.M)]
has_set = "soma_proto/soma.binpb" in names
print(f"{wheel.name}: {len(names)} files, descriptor set {'present' if has_set else 'MISSING'}, backend imports {bad}")
sys.exit(1 if bad or not has_set else 0)
"""

_DESKTOP_DEPENDS = r"""
import json, sys
deps = json.load(open("desktop/package.json")).get("dependencies", {})
print("desktop depends on @soma/proto:", deps.get("@soma/proto", "NO"))
sys.exit(0 if "@soma/proto" in deps else 1)
"""

_BUNDLE = r"""
import json, pathlib, sys
import jsonschema
schema = json.loads(pathlib.Path("manifests/release-manifest.v1.schema.json").read_text())
manifest = json.loads(pathlib.Path(sys.argv[1]).read_text())
jsonschema.validate(manifest, schema)
sources = {s["release_type"]: s["tag"] for s in manifest["source_releases"]}
print(f"bundle {manifest['tag']}: {len(manifest['artifacts'])} artifacts from {sources}")
sys.exit(0 if manifest["release_type"] == "bundle" and set(sources) == {"daemons", "desktop"} else 1)
"""

_CI = r"""
import re, subprocess, sys
shown = subprocess.run([sys.argv[1], "--show", "test"], capture_output=True, text=True, check=True).stdout
missing = [layer for layer in ("contracts", "backend", "desktop", "release") if f"{layer}::" not in shown]
ci = open(".ci/run").read()
print("root `just test` runs:", ", ".join(sorted(set(re.findall(r"(\w+)::", shown)))))
sys.exit(1 if missing or "make test" not in ci else 0)
"""


def rows() -> list[Row]:
    release = f"{BIN}/soma-release"
    keys = "--trusted-keys $WORK/keys"
    sign = "--signing-key $WORK/release.key"
    return [
        # Phase 1: freeze interfaces: the boundary is a documented, checked contract.
        Row(1, "Contracts inventoried: every .proto compiles into gen/", ("scripts/codegen.sh --check",)),
        Row(
            1,
            "Generated SDK locations and exports documented",
            (
                "grep -q 'gen/python' docs/contracts.md && grep -q 'gen/ts' docs/contracts.md "
                "&& grep -q '@soma/proto' docs/contracts.md && grep -q 'soma_proto' docs/contracts.md",
            ),
        ),
        Row(1, "Event semantics documented: every declared topic is in docs/events.md", (python(_TOPICS),)),
        Row(
            1,
            "Stage detection and ports documented",
            ("grep -q 'SOMA_STAGE' docs/operations.md && grep -q 'SOMA_ENVOY_PORT' docs/operations.md",),
        ),
        Row(
            1,
            "Artifact names and tag patterns documented and tested",
            (
                "grep -qF 'soma-daemon-{v}-{os}-{arch}.tar.gz' docs/release.md "
                "&& grep -qF 'contracts-v' docs/release.md && grep -qF 'bundle-' docs/release.md",
                f"{BIN}/pytest -q -p no:cacheprovider release/tests/test_release_tags.py",
            ),
        ),
        Row(
            1,
            "Layer boundaries enforced by a test",
            (f"{BIN}/pytest -q -p no:cacheprovider tests/contract/test_layer_boundaries.py",),
        ),
        # Phase 2: extract contracts: consumers take published packages, not repo-relative paths.
        Row(
            2,
            "Portable proto root: SOMA_PROTO_ROOT generates the same Python and TypeScript",
            (
                "cp -r contracts $WORK/contracts-elsewhere && SOMA_PROTO_ROOT=$WORK/contracts-elsewhere "
                "scripts/codegen.sh --check",
            ),
        ),
        Row(
            2,
            "soma-proto (Python) builds as a wheel without the backend",
            (f"{BIN}/python -m pip wheel -q --no-deps -w $WORK/wheel ./gen/python", python(_WHEEL) + " $WORK/wheel"),
        ),
        Row(
            2,
            "@soma/proto (TypeScript) packs, and the desktop consumes it",
            ("npm pack --dry-run --silent ./gen/ts > /dev/null", python(_DESKTOP_DEPENDS)),
        ),
        Row(
            2,
            "Compatibility policy documented and enforced (contracts-check)",
            (
                "test -s docs/compatibility.md && test -s contracts/CHANGELOG.md",
                "scripts/contracts-check",
            ),
        ),
        # Phase 3: decouple packaging: releases publish signed manifests; the bundle is built from them.
        Row(3, "Release manifest schema defined; examples valid, bad fixtures refused", (python(_SCHEMA),)),
        Row(
            3,
            "Contracts release publishes a signed manifest",
            (
                f"{release} build contracts --repo soma/contracts --out $WORK/releases {sign}",
                f"{release} verify $WORK/releases/soma/contracts/contracts-v*/contracts-release-manifest.json {keys}",
            ),
        ),
        Row(
            3,
            "Daemons release publishes a signed manifest",
            (
                f"{release} build daemons --repo soma/backend --out $WORK/releases {sign}",
                f"{release} verify $WORK/releases/soma/backend/daemons-v*/daemons-release-manifest.json {keys}",
            ),
        ),
        Row(
            3,
            "Desktop release publishes a signed manifest",
            (
                f"{release} build desktop --repo soma/desktop --dist desktop/dist --out $WORK/releases {sign}",
                f"{release} verify $WORK/releases/soma/desktop/desktop-v*/desktop-release-manifest.json {keys}",
            ),
        ),
        Row(
            3,
            "Packaging CLI accepts the cross-repo flags",
            (
                f"{release} package --help > $WORK/package-help.txt",
                "for f in " + " ".join(PACKAGE_FLAGS) + '; do grep -q -- "$f" $WORK/package-help.txt '
                '|| { echo "missing $f"; exit 1; }; done',
            ),
        ),
        Row(
            3,
            "Packaging CLI builds a bundle from the two repos' manifests",
            (
                f"{release} package --releases-dir $WORK/releases --daemons-repo soma/backend "
                f"--desktop-repo soma/desktop --repo soma/bundle --no-deb --out $WORK/bundle {keys} {sign}",
                f"{release} verify $WORK/bundle/bundle-release-manifest.json {keys}",
                python(_BUNDLE) + " $WORK/bundle/bundle-release-manifest.json",
            ),
        ),
        # Phase 4: split tooling: each layer builds, lints and tests on its own.
        Row(4, "Contracts have a standalone justfile", (justfile_has("contracts", ("build", "lint", "test")),)),
        Row(4, "Backend has a standalone justfile", (justfile_has("services", ("build", "lint", "test")),)),
        Row(4, "Desktop has a standalone justfile", (justfile_has("desktop", ("build", "lint", "test")),)),
        Row(4, "Release tooling has a standalone justfile", (justfile_has("release", ("build", "lint", "test")),)),
        Row(4, "CI runs every layer through its own justfile", (python(_CI) + f" {BIN}/just",)),
        Row(
            4,
            "Docs ownership decided and documented",
            ("grep -q '^## Docs ownership' docs/release.md",),
        ),
    ]


@dataclass
class Outcome:
    row: Row
    passed: bool
    seconds: float
    output: str


def run(row: Row, env: dict[str, str]) -> Outcome:
    started = time.perf_counter()
    output: list[str] = []
    for command in row.commands:
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command], cwd=REPO, env=env, capture_output=True, text=True
        )
        output.append(done.stdout + done.stderr)
        if done.returncode != 0:
            return Outcome(row, False, time.perf_counter() - started, "".join(output))
    return Outcome(row, True, time.perf_counter() - started, "".join(output))


def last_line(text: str) -> str:
    # The last line that says something (a table's bottom border does not).
    lines = [line.strip(" │┃║") for line in text.splitlines() if re.search(r"\w", line)]
    return lines[-1][:90] if lines else ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phase", type=int, choices=(1, 2, 3, 4), action="append", help="only these phases")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the output of failing rows")
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 140)
    selected = [r for r in rows() if not args.phase or r.phase in args.phase]
    work = Path(tempfile.mkdtemp(prefix="soma-split-readiness-"))
    try:
        env = {**os.environ, "WORK": str(work), "BIN": str(BIN), "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}
        prepare(work, env)
        outcomes: list[Outcome] = []
        for row in selected:
            with console.status(f"phase {row.phase}: {row.item}…"):
                outcomes.append(run(row, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = Table(title="Repo split readiness (Phases 1-4)", title_justify="left")
    table.add_column("phase", justify="right")
    table.add_column("check")
    table.add_column("result")
    table.add_column("s", justify="right")
    table.add_column("evidence")
    for outcome in outcomes:
        verdict = "[green]pass[/]" if outcome.passed else "[red]FAIL[/]"
        table.add_row(
            str(outcome.row.phase), outcome.row.item, verdict, f"{outcome.seconds:.1f}", last_line(outcome.output)
        )
    console.print(table)
    failed = [o for o in outcomes if not o.passed]
    if args.verbose:
        for outcome in failed:
            console.rule(f"phase {outcome.row.phase}: {outcome.row.item}")
            console.print(outcome.output, markup=False, highlight=False)
    console.print(
        f"{len(outcomes) - len(failed)} of {len(outcomes)} checks pass" + ("" if not failed else "; -v shows why")
    )
    return 1 if failed else 0


def prepare(work: Path, env: dict[str, str]) -> None:
    """A throwaway signing key and its public half: the rows' releases are signed and verified with them."""
    (work / "keys").mkdir()
    subprocess.run(
        [
            str(BIN / "soma-release"),
            "keygen",
            "--private",
            str(work / "release.key"),
            "--public",
            str(work / "keys" / "split.pem"),
        ],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    if not re.search(r"BEGIN PUBLIC KEY", (work / "keys" / "split.pem").read_text()):
        raise SystemExit("soma-release keygen wrote no public key")


if __name__ == "__main__":
    sys.exit(main())
