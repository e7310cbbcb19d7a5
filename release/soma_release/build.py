"""The release builder: each layer's artifacts and its signed manifest, byte for byte reproducible.

    contracts  soma_proto-{v}-py3-none-any.whl, soma_proto-{v}.tar.gz, soma-contracts-{v}.binpb
    daemons    soma-daemon-{v}-{os}-{arch}.tar.gz per platform (the soma-stack and soma-proto wheels,
               Envoy's config and an install script)
    desktop    soma-desktop-{v}.tar.gz from the console's built dist directory

Every build writes into `{out}/{owner}/{repo}/{tag}/`, the layout of a local release
directory (see `soma_release.sources`), with `{type}-release-manifest.json` and its `.sig`.
Each artifact gets its CycloneDX SBOM `{artifact}.cdx.json` beside it (see `soma_release.sbom`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import semver
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cyclonedx.model.component import Component, ComponentType

from soma_release.archive import copy_tree, normalize_tar_gz, source_date_epoch, write_tar_gz
from soma_release.errors import BuildError
from soma_release.manifest import SBOM_KIND, Artifact, Manifest, expected_tag, write_manifest
from soma_release.platforms import Platform
from soma_release.sbom import application_root, npm_sbom, python_sbom, wheel_root

LAYERS = ("contracts", "daemons", "desktop")


@dataclass(frozen=True)
class BuildInputs:
    """What every layer's build needs besides its own sources."""

    #: The checkout to build from.
    root: Path
    #: Where releases are written: `{out}/{owner}/{repo}/{tag}/`.
    out: Path
    #: The GitHub repository that publishes the release, owner/name.
    repo: str
    #: None: unsigned (readers will refuse it; for dry runs only).
    signing_key: Ed25519PrivateKey | None
    #: Download URL prefix of the release's assets; default https://github.com/{repo}/releases/download/{tag}/.
    base_url: str | None = None

    def release_dir(self, tag: str) -> Path:
        return self.out / self.repo / tag

    def url(self, tag: str, name: str) -> str:
        base = (
            self.base_url if self.base_url is not None else f"https://github.com/{self.repo}/releases/download/{tag}/"
        )
        return (base if base.endswith("/") else base + "/") + name


def check_version(version: str, what: str) -> str:
    if not semver.Version.is_valid(version):
        raise BuildError(f"{what}: version {version!r} is not a semantic version (semver.org)")
    return version


def _commit(root: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run([git, "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    value = done.stdout.strip()
    return value if done.returncode == 0 and len(value) == 40 else None


def _artifact(path: Path, inputs: BuildInputs, tag: str, *, kind: str, os_: str = "any", arch: str = "any") -> Artifact:
    app = "console" if kind == "desktop" else None
    return Artifact.from_file(path, url=inputs.url(tag, path.name), kind=kind, app=app, os=os_, arch=arch)


def _with_sbom(artifact: Artifact, sbom: Path, inputs: BuildInputs, tag: str) -> list[Artifact]:
    """The artifact naming its SBOM, and the SBOM as an artifact of its own (same platform), checksummed."""
    described = dataclasses.replace(artifact, sbom=sbom.name)
    return [described, _artifact(sbom, inputs, tag, kind=SBOM_KIND, os_=artifact.os, arch=artifact.arch)]


def _fresh_release_dir(inputs: BuildInputs, tag: str) -> Path:
    target = inputs.release_dir(tag)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    return target


def _finish(inputs: BuildInputs, release_type: str, version: str, artifacts: list[Artifact], epoch: int) -> Path:
    manifest = Manifest(
        release_type=release_type,
        version=version,
        tag=expected_tag(release_type, version),
        repo=inputs.repo,
        artifacts=tuple(sorted(artifacts, key=lambda a: a.name)),
        commit=_commit(inputs.root),
        source_date_epoch=epoch,
    )
    return write_manifest(manifest, inputs.release_dir(manifest.tag), inputs.signing_key)


def python_dists(project: Path, out: Path, epoch: int, *, sdist: bool) -> list[Path]:
    """Build a Python project's wheel (and sdist) reproducibly; return the files.

    The project is copied first (no egg-info or build leftovers, normalized modes), built
    with the current interpreter's setuptools and SOURCE_DATE_EPOCH, and the sdist is
    repacked with sorted entries and fixed times (setuptools leaves file times in it).
    """
    if not (project / "pyproject.toml").is_file():
        raise BuildError(f"{project}: no pyproject.toml to build")
    with tempfile.TemporaryDirectory(prefix="soma-release-src-") as scratch:
        source = Path(scratch) / "src"
        copy_tree(project, source)
        dist = Path(scratch) / "dist"
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
        command = [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(dist), str(source)]
        if sdist:
            command.insert(4, "--sdist")
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            raise BuildError(f"{project}: python -m build failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        out.mkdir(parents=True, exist_ok=True)
        built: list[Path] = []
        for file in sorted(dist.iterdir()):
            target = out / file.name
            shutil.copyfile(file, target)
            if target.name.endswith(".tar.gz"):
                normalize_tar_gz(target, epoch)
            built.append(target)
        return built


def build_contracts(inputs: BuildInputs, version: str | None = None) -> Path:
    """The contracts release: soma-proto wheel and sdist, and the descriptor set. Returns the manifest path."""
    root = inputs.root
    version_file = root / "contracts" / "VERSION"
    if version is None:
        if not version_file.is_file():
            raise BuildError(f"{version_file}: missing; pass --version")
        version = version_file.read_text().strip()
    check_version(version, "contracts")
    gen = root / "gen" / "python"
    descriptor = gen / "soma_proto" / "soma.binpb"
    generated = gen / "soma_proto" / "_version.py"
    if not descriptor.is_file() or not generated.is_file():
        raise BuildError(f"{gen}: no generated soma-proto (run scripts/codegen.sh first)")
    if f'CONTRACT_VERSION = "{version}"' not in generated.read_text():
        raise BuildError(
            f"{generated}: does not say CONTRACT_VERSION = {version!r}; regenerate with scripts/codegen.sh"
        )
    epoch = source_date_epoch(root)
    tag = expected_tag("contracts", version)
    target = _fresh_release_dir(inputs, tag)
    files = python_dists(gen, target, epoch, sdist=True)
    binpb = target / f"soma-contracts-{version}.binpb"
    shutil.copyfile(descriptor, binpb)
    wheel = next(f for f in files if f.suffix == ".whl")
    artifacts: list[Artifact] = []
    for file in [*files, binpb]:
        kind = "wheel" if file.suffix == ".whl" else "sdist" if file.name.endswith(".tar.gz") else "descriptor-set"
        artifact = _artifact(file, inputs, tag, kind=kind)
        subject = _descriptor_root(version) if kind == "descriptor-set" else wheel_root(wheel)
        sbom = python_sbom(file, artifact.sha256, root=subject, wheels=[wheel], epoch=epoch)
        artifacts.extend(_with_sbom(artifact, sbom, inputs, tag))
    return _finish(inputs, "contracts", version, artifacts, epoch)


def _descriptor_root(version: str) -> Component:
    """The descriptor set as an SBOM root: data, the same file the soma-proto wheel ships."""
    root = application_root(
        "soma-contracts", version, "FileDescriptorSet of the SomaStack contracts (the one soma-proto ships)"
    )
    root.type = ComponentType.DATA
    return root


INSTALL_SH = textwrap.dedent(
    """\
    #!/bin/sh
    # Install the SomaStack daemons into a virtualenv: ./install.sh [PREFIX] (default ./venv).
    # pip resolves the platform wheels (Envoy's among them) for this machine from the index.
    set -eu
    here=$(cd "$(dirname "$0")" && pwd)
    prefix=${1:-"$here/venv"}
    python3 -m venv "$prefix"
    "$prefix/bin/python" -m pip install "$here"/wheels/*.whl
    echo "installed: $prefix/bin/soma up  (Envoy config: $here/deploy/envoy/envoy.yaml)"
    """
)


def build_daemons(inputs: BuildInputs, platforms: Sequence[Platform], version: str | None = None) -> Path:
    """The daemons release: one soma-daemon-{v}-{os}-{arch}.tar.gz per platform. Returns the manifest path."""
    root = inputs.root
    if version is None:
        pyproject = root / "pyproject.toml"
        if not pyproject.is_file():
            raise BuildError(f"{pyproject}: missing; pass --version")
        version = str(tomllib.loads(pyproject.read_text())["project"]["version"])
    check_version(version, "daemons")
    envoy = root / "deploy" / "envoy" / "envoy.yaml"
    if not envoy.is_file():
        raise BuildError(f"{envoy}: missing (render it with `soma envoy render --portable -o {envoy}`)")
    if not platforms:
        raise BuildError("daemons: no platform to build for")
    epoch = source_date_epoch(root)
    tag = expected_tag("daemons", version)
    target = _fresh_release_dir(inputs, tag)
    artifacts: list[Artifact] = []
    with tempfile.TemporaryDirectory(prefix="soma-release-daemon-") as scratch:
        tree = Path(scratch) / "tree"
        wheels = tree / "wheels"
        python_dists(root / "gen" / "python", wheels, epoch, sdist=False)
        with tempfile.TemporaryDirectory(prefix="soma-release-backend-") as backend:
            project = Path(backend)
            for name in ("pyproject.toml", "README.md"):
                if (root / name).is_file():
                    shutil.copyfile(root / name, project / name)
            copy_tree(root / "services", project / "services")
            python_dists(project, wheels, epoch, sdist=False)
        (tree / "deploy" / "envoy").mkdir(parents=True)
        shutil.copyfile(envoy, tree / "deploy" / "envoy" / "envoy.yaml")
        install = tree / "install.sh"
        install.write_text(INSTALL_SH)
        install.chmod(0o755)
        for plat in sorted(set(platforms)):
            (tree / "PLATFORM").write_text(json.dumps({"os": plat.os, "arch": plat.arch, "version": version}) + "\n")
            archive = target / f"soma-daemon-{version}-{plat.os}-{plat.arch}.tar.gz"
            write_tar_gz(archive, tree, f"soma-daemon-{version}", epoch)
            artifact = _artifact(archive, inputs, tag, kind="daemon", os_=plat.os, arch=plat.arch)
            subject = application_root("soma-daemon", version, f"SomaStack daemons for {plat.os}-{plat.arch}")
            shipped = sorted(wheels.glob("*.whl"))
            sbom = python_sbom(archive, artifact.sha256, root=subject, wheels=shipped, epoch=epoch)
            artifacts.extend(_with_sbom(artifact, sbom, inputs, tag))
    return _finish(inputs, "daemons", version, artifacts, epoch)


def build_desktop(inputs: BuildInputs, dist: Path, version: str | None = None, project: Path | None = None) -> Path:
    """The desktop release: the console's dist directory as soma-desktop-{v}.tar.gz. Returns the manifest path.

    `project` is the console's npm project (default `{root}/desktop`), whose installed tree the SBOM lists.
    """
    if not dist.is_dir():
        raise BuildError(f"desktop dist directory {dist} does not exist: build the console first (or pass --dist)")
    if not any(dist.iterdir()):
        raise BuildError(f"desktop dist directory {dist} is empty: build the console first")
    if not (dist / "index.html").is_file():
        raise BuildError(f"desktop dist directory {dist} has no index.html: is it the console's build output?")
    if version is None:
        package = inputs.root / "desktop" / "package.json"
        if not package.is_file():
            raise BuildError(f"{package}: missing; pass --version")
        try:
            version = str(json.loads(package.read_text())["version"])
        except (json.JSONDecodeError, KeyError) as exc:
            raise BuildError(f"{package}: no version field ({exc}); pass --version") from exc
    check_version(version, "desktop")
    epoch = source_date_epoch(inputs.root)
    tag = expected_tag("desktop", version)
    target = _fresh_release_dir(inputs, tag)
    archive = target / f"soma-desktop-{version}.tar.gz"
    write_tar_gz(archive, dist, f"soma-desktop-{version}", epoch)
    artifact = _artifact(archive, inputs, tag, kind="desktop")
    project = project if project is not None else inputs.root / "desktop"
    sbom = npm_sbom(archive, artifact.sha256, project=project, name=_npm_name(project), version=version, epoch=epoch)
    return _finish(inputs, "desktop", version, _with_sbom(artifact, sbom, inputs, tag), epoch)


def _npm_name(project: Path) -> str:
    """The console's package name, for its SBOM's root (npm would take the directory's name)."""
    try:
        return str(json.loads((project / "package.json").read_text())["name"])
    except (OSError, json.JSONDecodeError, KeyError):
        return "soma-console"


def host_platform() -> Platform:
    return Platform.parse(f"{platform.system().lower()}-{platform.machine().lower()}")
