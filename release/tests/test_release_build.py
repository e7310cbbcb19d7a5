"""The release builder: real wheels, sdists and archives, byte-identical across builds, with signed manifests."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, soma_release
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from soma_release.build import BuildInputs, build_contracts, build_daemons, build_desktop
from soma_release.errors import BuildError, SignatureError
from soma_release.keys import TrustedKeys
from soma_release.manifest import load_manifest, verify_artifact
from soma_release.platforms import Platform

EPOCH = 1750000000
#: The console's npm project, installed by `make install`: the desktop SBOM lists its installed tree.
CONSOLE = REPO / "desktop"


def _checkout_copy(target: Path, mode: int) -> Path:
    """A copy of what the contracts build reads, with fresh file times and the given file mode."""
    (target / "contracts").mkdir(parents=True)
    shutil.copyfile(REPO / "contracts" / "VERSION", target / "contracts" / "VERSION")
    shutil.copytree(
        REPO / "gen" / "python", target / "gen" / "python", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
    )
    for path in (target / "gen").rglob("*"):
        if path.is_file():
            path.chmod(mode)
    return target


def _files(directory: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(directory.iterdir())}


def test_two_contracts_builds_from_different_checkouts_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signing_key: Ed25519PrivateKey
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    version = (REPO / "contracts" / "VERSION").read_text().strip()
    results = []
    for n, mode in ((1, 0o644), (2, 0o664)):
        root = _checkout_copy(tmp_path / f"checkout{n}", mode)
        inputs = BuildInputs(root=root, out=tmp_path / f"out{n}", repo="acme/contracts", signing_key=signing_key)
        manifest_path = build_contracts(inputs)
        results.append(_files(manifest_path.parent))
    assert results[0] == results[1]
    names = sorted(results[0])
    assert names == [
        "contracts-release-manifest.json",
        "contracts-release-manifest.json.sig",
        f"soma-contracts-{version}.binpb",
        f"soma-contracts-{version}.binpb.cdx.json",
        f"soma_proto-{version}-py3-none-any.whl",
        f"soma_proto-{version}-py3-none-any.whl.cdx.json",
        f"soma_proto-{version}.tar.gz",
        f"soma_proto-{version}.tar.gz.cdx.json",
    ]

    release_dir = tmp_path / "out1" / "acme" / "contracts" / f"contracts-v{version}"
    release = load_manifest(release_dir / "contracts-release-manifest.json", TrustedKeys.of(signing_key.public_key()))
    for artifact in release.manifest.artifacts:
        verify_artifact(release, artifact.name, release_dir / artifact.name)
        assert (
            artifact.url == f"https://github.com/acme/contracts/releases/download/contracts-v{version}/{artifact.name}"
        )
    assert release.manifest.source_date_epoch == EPOCH
    assert results[0][f"soma-contracts-{version}.binpb"] == (REPO / "gen/python/soma_proto/soma.binpb").read_bytes()

    sdist = release_dir / f"soma_proto-{version}.tar.gz"
    assert gzip.open(sdist).read(1) and sdist.read_bytes()[4:8] == b"\0\0\0\0", "gzip header mtime is 0"
    with tarfile.open(sdist) as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == sorted(m.name for m in members)
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(EPOCH, 0, 0, "", "")}
    assert {m.mode for m in members if m.isfile()} == {0o644}
    with zipfile.ZipFile(release_dir / f"soma_proto-{version}-py3-none-any.whl") as wheel:
        infos = wheel.infolist()
    assert {i.date_time[:3] for i in infos} == {(2025, 6, 15)}  # SOURCE_DATE_EPOCH 1750000000, UTC
    assert "soma_proto/soma.binpb" in {i.filename for i in infos}


def test_the_source_date_epoch_is_what_fixes_the_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signing_key: Ed25519PrivateKey
) -> None:
    root = _checkout_copy(tmp_path / "checkout", 0o644)
    sdists = []
    for n, epoch in ((1, EPOCH), (2, EPOCH + 86400)):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        inputs = BuildInputs(root=root, out=tmp_path / f"out{n}", repo="acme/contracts", signing_key=signing_key)
        sdists.append(next(build_contracts(inputs).parent.glob("*.tar.gz")).read_bytes())
    assert sdists[0] != sdists[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH='yesterday' is not an integer"):
        build_contracts(BuildInputs(root=root, out=tmp_path / "out3", repo="acme/contracts", signing_key=None))


def test_a_stale_generated_version_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    root = _checkout_copy(tmp_path / "checkout", 0o644)
    major, minor, _ = (root / "contracts" / "VERSION").read_text().strip().split(".")
    bumped = f"{major}.{int(minor) + 1}.0"
    (root / "contracts" / "VERSION").write_text(f"{bumped}\n")
    with pytest.raises(BuildError, match=rf"_version\.py: does not say CONTRACT_VERSION = '{re.escape(bumped)}'"):
        build_contracts(BuildInputs(root=root, out=tmp_path / "out", repo="acme/contracts", signing_key=None))


def test_two_daemons_builds_are_byte_identical_and_hold_the_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signing_key: Ed25519PrivateKey
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    platforms = [Platform.parse("linux-x86_64"), Platform.parse("linux-aarch64")]
    built = []
    for n in (1, 2):
        inputs = BuildInputs(root=REPO, out=tmp_path / f"out{n}", repo="acme/backend", signing_key=signing_key)
        built.append(build_daemons(inputs, platforms, version="0.4.0"))
    assert _files(built[0].parent) == _files(built[1].parent)
    release = load_manifest(built[0], TrustedKeys.of(signing_key.public_key()))
    assert sorted((a.name, a.os, a.arch, a.kind) for a in release.manifest.artifacts) == [
        ("soma-daemon-0.4.0-linux-amd64.tar.gz", "linux", "amd64", "daemon"),
        ("soma-daemon-0.4.0-linux-amd64.tar.gz.cdx.json", "linux", "amd64", "sbom"),
        ("soma-daemon-0.4.0-linux-arm64.tar.gz", "linux", "arm64", "daemon"),
        ("soma-daemon-0.4.0-linux-arm64.tar.gz.cdx.json", "linux", "arm64", "sbom"),
    ]
    with tarfile.open(built[0].parent / "soma-daemon-0.4.0-linux-arm64.tar.gz") as tar:
        members = {m.name: m for m in tar.getmembers()}
        platform = json.loads(tar.extractfile("soma-daemon-0.4.0/PLATFORM").read())  # type: ignore[union-attr]
    assert platform == {"os": "linux", "arch": "arm64", "version": "0.4.0"}
    assert members["soma-daemon-0.4.0/install.sh"].mode == 0o755
    assert "soma-daemon-0.4.0/deploy/envoy/envoy.yaml" in members
    wheels = sorted(n.rsplit("/", 1)[1] for n in members if n.endswith(".whl"))
    assert [w.split("-")[0] for w in wheels] == ["soma_proto", "soma_stack"]
    assert list(members) == sorted(members)
    assert {(m.uid, m.gid, m.mtime) for m in members.values()} == {(0, 0, EPOCH)}


def test_the_desktop_build_packs_the_dist_dir_and_refuses_a_missing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signing_key: Ed25519PrivateKey
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    inputs = BuildInputs(root=tmp_path, out=tmp_path / "out", repo="acme/desktop", signing_key=signing_key)
    with pytest.raises(BuildError, match=r"desktop dist directory .*dist does not exist: build the console first"):
        build_desktop(inputs, tmp_path / "dist", version="1.0.0")
    (tmp_path / "dist" / "assets").mkdir(parents=True)
    (tmp_path / "dist" / "assets" / "app.js").write_text("console.log('soma')\n")
    with pytest.raises(BuildError, match=r"has no index\.html"):
        build_desktop(inputs, tmp_path / "dist", version="1.0.0")
    (tmp_path / "dist" / "index.html").write_text("<!doctype html><title>Soma</title>\n")
    with pytest.raises(BuildError, match=r"desktop[/\\]package\.json: missing; pass --version"):
        build_desktop(inputs, tmp_path / "dist")
    (tmp_path / "desktop").mkdir()
    (tmp_path / "desktop" / "package.json").write_text(json.dumps({"name": "soma-console", "version": "1.3.0-rc.1"}))
    path = build_desktop(inputs, tmp_path / "dist", project=CONSOLE)
    release = load_manifest(path, TrustedKeys.of(signing_key.public_key()))
    artifact, sbom = release.manifest.artifacts
    assert (artifact.sbom, sbom.name, sbom.kind) == (sbom.name, f"{artifact.name}.cdx.json", "sbom")
    assert (artifact.name, artifact.kind, artifact.app, artifact.os) == (
        "soma-desktop-1.3.0-rc.1.tar.gz",
        "desktop",
        "console",
        "any",
    )
    with tarfile.open(path.parent / artifact.name) as tar:
        assert tar.getnames() == [
            "soma-desktop-1.3.0-rc.1",
            "soma-desktop-1.3.0-rc.1/assets",
            "soma-desktop-1.3.0-rc.1/assets/app.js",
            "soma-desktop-1.3.0-rc.1/index.html",
        ]


def test_the_build_command_signs_with_the_key_from_the_environment(tmp_path: Path, key_dir: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<title>Soma</title>\n")
    common: list[str | Path] = [
        "build",
        "desktop",
        "--repo",
        "acme/desktop",
        "--dist",
        dist,
        "--version",
        "2.0.0",
        "--root",
        tmp_path,
        "--project",
        CONSOLE,
    ]
    env = {"SOURCE_DATE_EPOCH": str(EPOCH)}
    refused = soma_release(*common, "--out", tmp_path / "a", env=env)
    assert refused.returncode == 1
    assert "no signing key: pass --signing-key or set SOMA_RELEASE_SIGNING_KEY" in refused.stderr
    env["SOMA_RELEASE_SIGNING_KEY_FILE"] = str(key_dir / "private.pem")
    done = soma_release(*common, "--out", tmp_path / "b", env=env)
    assert done.returncode == 0, done.stderr
    manifest = tmp_path / "b" / "acme" / "desktop" / "desktop-v2.0.0" / "desktop-release-manifest.json"
    verified = soma_release("verify", manifest, "--trusted-keys", key_dir / "trusted")
    assert verified.returncode == 0, verified.stderr
    assert "desktop-v2.0.0 (acme/desktop), signed by key" in verified.stdout
    missing = soma_release(*common[:4], "--dist", tmp_path / "nope", "--out", tmp_path / "c", env=env)
    assert missing.returncode == 1
    assert "does not exist: build the console first" in missing.stderr
    assert "Traceback" not in missing.stderr

    unsigned = soma_release(*common, "--out", tmp_path / "d", "--unsigned", env={"SOURCE_DATE_EPOCH": str(EPOCH)})
    assert unsigned.returncode == 0, unsigned.stderr
    path = tmp_path / "d" / "acme" / "desktop" / "desktop-v2.0.0" / "desktop-release-manifest.json"
    with pytest.raises(SignatureError, match="signature missing"):
        load_manifest(path, TrustedKeys.from_paths([key_dir / "trusted"]))
    assert os.path.exists(path)
