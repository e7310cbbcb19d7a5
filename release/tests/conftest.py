"""Fixtures of the release tooling tests: throwaway keys, small signed releases, a fake GitHub."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fake_github import FakeGitHub, FakeRelease, serve
from soma_release import keys
from soma_release.archive import write_tar_gz
from soma_release.manifest import Artifact, Manifest, expected_tag, write_manifest

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "manifests" / "release-manifest.v1.schema.json"
EPOCH = 1700000000


@pytest.fixture(scope="session")
def signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="session")
def key_dir(tmp_path_factory: pytest.TempPathFactory, signing_key: Ed25519PrivateKey) -> Path:
    """A directory with the test key pair: `private.pem` and `trusted/test.pem` (the public key)."""
    directory = tmp_path_factory.mktemp("keys")
    (directory / "private.pem").write_bytes(keys.private_key_pem(signing_key))
    (directory / "trusted").mkdir()
    (directory / "trusted" / "test.pem").write_bytes(keys.public_key_pem(signing_key.public_key()))
    return directory


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    yield from serve(page_size=2)


def make_layer_release(
    out: Path,
    layer: str,
    version: str,
    key: Ed25519PrivateKey | None,
    *,
    repo: str = "acme/backend",
    platforms: tuple[tuple[str, str], ...] = (("linux", "amd64"), ("linux", "arm64")),
    extra: tuple[Artifact, ...] = (),
    payload: str = "",
) -> dict[str, bytes]:
    """A small but real release of a layer (tar.gz artifacts + signed manifest); returns its assets by name."""
    tag = expected_tag(layer, version)
    release_dir = out / tag
    release_dir.mkdir(parents=True, exist_ok=True)
    artifacts: list[Artifact] = list(extra)
    tree = out / f"tree-{tag}"
    if layer == "daemons":
        for os_name, arch in platforms:
            (tree / "wheels").mkdir(parents=True, exist_ok=True)
            (tree / "install.sh").write_text(f"#!/bin/sh\necho daemon {version} {os_name}-{arch} {payload}\n")
            (tree / "install.sh").chmod(0o755)
            (tree / "wheels" / "placeholder.txt").write_text(f"daemon {version}\n")
            archive = release_dir / f"soma-daemon-{version}-{os_name}-{arch}.tar.gz"
            write_tar_gz(archive, tree, f"soma-daemon-{version}", EPOCH)
            artifacts.append(Artifact.from_file(archive, url=archive.name, kind="daemon", os=os_name, arch=arch))
    else:
        tree.mkdir(parents=True, exist_ok=True)
        (tree / "index.html").write_text(f"<!doctype html><title>console {version}</title>{payload}\n")
        archive = release_dir / f"soma-desktop-{version}.tar.gz"
        write_tar_gz(archive, tree, f"soma-desktop-{version}", EPOCH)
        artifacts.append(Artifact.from_file(archive, url=archive.name, kind="desktop", app="console"))
    manifest = Manifest(
        release_type=layer,
        version=version,
        tag=tag,
        repo=repo,
        artifacts=tuple(artifacts),
        source_date_epoch=EPOCH,
    )
    write_manifest(manifest, release_dir, key)
    return {f.name: f.read_bytes() for f in sorted(release_dir.iterdir())}


def publish(
    github: FakeGitHub,
    repo: str,
    assets: dict[str, bytes],
    tag: str,
    *,
    prerelease: bool = False,
    draft: bool = False,
    digests: dict[str, str] | None = None,
) -> FakeRelease:
    """Add a release with these assets to the fake GitHub (after those already listed)."""
    release = FakeRelease(tag=tag, assets=dict(assets), prerelease=prerelease, draft=draft, digests=digests or {})
    return github.add(repo, release)


def soma_release(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `soma-release` console script of this venv."""
    script = Path(sys.executable).with_name("soma-release")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SOMA_RELEASE_", "GITHUB_"))}
    clean.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [str(script), *map(str, args)],
        capture_output=True,
        text=True,
        env={**clean, "COLUMNS": "200", **(env or {})},
        timeout=300,
        check=False,
    )
