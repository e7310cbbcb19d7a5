"""`soma-release package` against a real HTTP server speaking the GitHub Releases API, and offline."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import SCHEMA_PATH, make_layer_release, publish, soma_release
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fake_github import FakeGitHub
from soma_release import keys
from soma_release.keys import TrustedKeys
from soma_release.manifest import Artifact, load_manifest

TOKEN = "ghs_test_token_123"


def _cli_env(key_dir: Path) -> dict[str, str]:
    return {"SOMA_RELEASE_TRUSTED_KEYS": str(key_dir / "trusted"), "SOURCE_DATE_EPOCH": "1760000000"}


def _package(
    github: FakeGitHub, key_dir: Path, out: Path, *args: str | Path, sign: bool = True
) -> subprocess.CompletedProcess[str]:
    env = _cli_env(key_dir)
    if sign:
        env["SOMA_RELEASE_SIGNING_KEY_FILE"] = str(key_dir / "private.pem")
    return soma_release("package", "--api-url", github.url, "--os", "linux", "--out", out, *args, env=env)


@pytest.fixture
def split_repos(github: FakeGitHub, tmp_path: Path, signing_key: Ed25519PrivateKey) -> FakeGitHub:
    """Daemons in acme/backend and desktop in acme/console, listed out of order, over several pages."""
    for version in ("0.9.0", "0.10.0-rc.1", "0.10.0", "0.2.0"):
        assets = make_layer_release(tmp_path / "backend", "daemons", version, signing_key)
        publish(github, "acme/backend", assets, f"daemons-v{version}", prerelease="-" in version)
    publish(github, "acme/backend", {"notes.txt": b"draft"}, "daemons-v9.9.9", draft=True)
    for version in ("1.1.0", "1.2.0"):
        assets = make_layer_release(tmp_path / "console", "desktop", version, signing_key, repo="acme/console")
        publish(github, "acme/console", assets, f"desktop-v{version}")
    return github


def _bundle_manifest(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "bundle-release-manifest.json").read_text())
    return loaded


def test_cross_repo_bundle_is_manifest_first_semver_picked_and_signed(
    split_repos: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    out = tmp_path / "bundle"
    done = _package(
        split_repos, key_dir, out, "--daemons-repo", "acme/backend", "--desktop-repo", "acme/console",
        "--arch", "x86_64", "--bundle-version", "2026.11.0", "--token", TOKEN,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "daemons: acme/backend daemons-v0.10.0 (manifest" in done.stderr
    assert "desktop: acme/console desktop-v1.2.0 (manifest" in done.stderr

    names = sorted(p.name for p in out.iterdir())
    expected = [
        "bundle-release-manifest.json",
        "bundle-release-manifest.json.sig",
        "soma-bundle-2026.11.0-linux-amd64.tar.gz",
        "soma-bundle-2026.11.0-linux-amd64.tar.gz.cdx.json",
    ]
    if shutil.which("dpkg-deb"):
        expected[2:2] = ["soma-bundle-2026.11.0-linux-amd64.deb", "soma-bundle-2026.11.0-linux-amd64.deb.cdx.json"]
    assert names == expected

    document = _bundle_manifest(out)
    jsonschema.validate(document, json.loads(SCHEMA_PATH.read_text()), cls=jsonschema.Draft202012Validator)
    release = load_manifest(out / "bundle-release-manifest.json", TrustedKeys.of(signing_key.public_key()))
    assert (release.manifest.release_type, release.manifest.tag) == ("bundle", "bundle-2026.11.0")
    for artifact in release.manifest.artifacts:
        release.read_artifact(artifact.name)

    daemons, desktop = document["source_releases"]
    published = split_repos.repos["acme/backend"][2].assets["daemons-release-manifest.json"]
    assert daemons == {
        "release_type": "daemons",
        "repo": "acme/backend",
        "tag": "daemons-v0.10.0",
        "version": "0.10.0",
        "manifest": "https://github.com/acme/backend/releases/download/daemons-v0.10.0/daemons-release-manifest.json",
        "manifest_sha256": hashlib.sha256(published).hexdigest(),
    }
    assert (desktop["repo"], desktop["tag"], desktop["version"]) == ("acme/console", "desktop-v1.2.0", "1.2.0")

    with tarfile.open(out / "soma-bundle-2026.11.0-linux-amd64.tar.gz") as tar:
        names = tar.getnames()
        install = tar.extractfile("soma-bundle-2026.11.0/daemon/install.sh").read()  # type: ignore[union-attr]
    assert b"daemon 0.10.0 linux-amd64" in install
    assert "soma-bundle-2026.11.0/desktop/index.html" in names
    assert "soma-bundle-2026.11.0/manifests/daemons-release-manifest.json" in names

    # The listing was paginated, the token went to the API as a Bearer token, never to the storage host.
    assert any("page=2" in r.path for r in split_repos.api_requests)
    assert {r.headers.get("authorization") for r in split_repos.api_requests} == {f"Bearer {TOKEN}"}
    assert split_repos.storage_requests, "assets are downloaded through the redirect"
    assert all("authorization" not in r.headers for r in split_repos.storage_requests)


def test_two_bundle_builds_are_byte_identical(split_repos: FakeGitHub, key_dir: Path, tmp_path: Path) -> None:
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"bundle{n}"
        done = _package(
            split_repos, key_dir, out, "--daemons-repo", "acme/backend", "--desktop-repo", "acme/console",
            "--arch", "arm64", "--daemons-version", "0.9.0",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert "soma-bundle-0.9.0-linux-arm64.tar.gz" in outputs[0]
    if shutil.which("dpkg-deb"):
        deb = tmp_path / "bundle1" / "soma-bundle-0.9.0-linux-arm64.deb"
        fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
        assert "Package: somastack" in fields and "Architecture: arm64" in fields and "Version: 0.9.0" in fields
        listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
        assert "root/root" in listing and "./opt/somastack/daemon/install.sh" in listing


def _release_with(
    github: FakeGitHub, tmp_path: Path, key: Ed25519PrivateKey, edit: Any, repo: str = "acme/backend"
) -> None:
    """Publish daemons-v1.0.0 after `edit(assets)` has changed its assets, and a good desktop release."""
    assets = make_layer_release(tmp_path / "daemons", "daemons", "1.0.0", key)
    edit(assets)
    publish(github, repo, assets, "daemons-v1.0.0")
    console = make_layer_release(tmp_path / "console", "desktop", "1.2.0", key, repo="acme/console")
    publish(github, "acme/console", console, "desktop-v1.2.0")


def _refused(github: FakeGitHub, key_dir: Path, tmp_path: Path) -> str:
    out = tmp_path / "bundle"
    done = _package(
        github, key_dir, out, "--daemons-repo", "acme/backend", "--desktop-repo", "acme/console", "--arch", "amd64"
    )
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.glob("soma-bundle-*")), "nothing is bundled from a refused release"
    return " ".join(done.stderr.split())


def test_a_tampered_artifact_is_refused_by_name(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    def tamper(assets: dict[str, bytes]) -> None:
        name = "soma-daemon-1.0.0-linux-amd64.tar.gz"
        assets[name] = assets[name][:-1] + bytes([assets[name][-1] ^ 0xFF])

    _release_with(github, tmp_path, signing_key, tamper)
    message = _refused(github, key_dir, tmp_path)
    assert "error: artifact soma-daemon-1.0.0-linux-amd64.tar.gz: sha256" in message
    assert "the manifest says" in message


def test_a_wrong_schema_version_is_refused(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    def downgrade(assets: dict[str, bytes]) -> None:
        name = "daemons-release-manifest.json"
        assets[name] = assets[name].replace(b"soma.release-manifest.v1", b"soma.release-manifest.v2")
        assets[name + ".sig"] = keys.sign(assets[name], signing_key)

    _release_with(github, tmp_path, signing_key, downgrade)
    message = _refused(github, key_dir, tmp_path)
    assert "daemons-release-manifest.json: schema_version 'soma.release-manifest.v2' is not" in message


def test_a_bad_signature_is_refused(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    def forge(assets: dict[str, bytes]) -> None:
        # Someone repoints the manifest at their own artifact and keeps the old signature.
        name = "soma-daemon-1.0.0-linux-amd64.tar.gz"
        evil = b"not the daemon"
        manifest = json.loads(assets["daemons-release-manifest.json"])
        for artifact in manifest["artifacts"]:
            if artifact["name"] == name:
                artifact.update(sha256=hashlib.sha256(evil).hexdigest(), size=len(evil))
        assets["daemons-release-manifest.json"] = json.dumps(manifest, indent=2).encode()
        assets[name] = evil

    _release_with(github, tmp_path, signing_key, forge)
    message = _refused(github, key_dir, tmp_path)
    assert "daemons-release-manifest.json: signature does not verify with key" in message


def test_an_unknown_signing_key_is_refused(github: FakeGitHub, key_dir: Path, tmp_path: Path) -> None:
    stranger = Ed25519PrivateKey.generate()
    _release_with(github, tmp_path, stranger, lambda assets: None)
    message = _refused(github, key_dir, tmp_path)
    assert f"signature key {keys.key_id(stranger.public_key())} is not trusted" in message


def test_a_missing_artifact_is_refused_by_name(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    _release_with(github, tmp_path, signing_key, lambda assets: assets.pop("soma-daemon-1.0.0-linux-amd64.tar.gz"))
    message = _refused(github, key_dir, tmp_path)
    assert "error: artifact soma-daemon-1.0.0-linux-amd64.tar.gz: listed in" in message
    assert "but not published in release acme/backend daemons-v1.0.0" in message


def test_a_release_without_a_fitting_platform_is_refused(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    _release_with(github, tmp_path, signing_key, lambda assets: None)
    done = _package(github, key_dir, tmp_path / "b", "--daemons-repo", "acme/backend", "--desktop-repo", "acme/console",
                    "--os", "darwin", "--arch", "arm64")  # fmt: skip
    assert done.returncode == 1
    assert "artifact daemon for darwin-arm64: release acme/backend daemons-v1.0.0 has none" in " ".join(
        done.stderr.split()
    )


def test_legacy_releases_are_matched_by_anchored_names_with_arch_aliases(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    built = make_layer_release(tmp_path / "legacy", "daemons", "0.3.0", None, platforms=(("linux", "amd64"),))
    daemon = built["soma-daemon-0.3.0-linux-amd64.tar.gz"]
    legacy_assets = {
        "soma-daemon-0.3.0-linux-x86_64.tar.gz": daemon,
        # Decoys an unanchored pattern would take.
        "soma-daemon-0.3.0-linux-x86_64.tar.gz.bak": b"old",
        "old-soma-daemon-0.3.0-linux-x86_64.tar.gz": b"old",
        "soma-daemon-0.3.0-linux-x86_64.tar.gz.sha256": b"old",
    }
    digests = {"soma-daemon-0.3.0-linux-x86_64.tar.gz": "sha256:" + hashlib.sha256(daemon).hexdigest()}
    publish(github, "acme/backend", legacy_assets, "daemons-v0.3.0", digests=digests)
    console = make_layer_release(tmp_path / "console", "desktop", "1.2.0", None)
    desktop = console["soma-desktop-1.2.0.tar.gz"]
    sums = f"{hashlib.sha256(desktop).hexdigest()}  soma-desktop-1.2.0.tar.gz\n".encode()
    publish(github, "acme/console", {"soma-desktop-1.2.0.tar.gz": desktop, "SHA256SUMS": sums}, "desktop-v1.2.0")

    out = tmp_path / "bundle"
    done = _package(github, key_dir, out, "--daemons-repo", "acme/backend", "--desktop-repo", "acme/console",
                    "--arch", "amd64", "--no-deb")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "daemons: acme/backend daemons-v0.3.0 (legacy asset names)" in done.stderr
    sources = _bundle_manifest(out)["source_releases"]
    assert [(s["tag"], s["manifest"], s["manifest_sha256"]) for s in sources] == [
        ("daemons-v0.3.0", "legacy", None),
        ("desktop-v1.2.0", "legacy", None),
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "bundle-release-manifest.json",
        "bundle-release-manifest.json.sig",
        "soma-bundle-0.3.0-linux-amd64.tar.gz",
        "soma-bundle-0.3.0-linux-amd64.tar.gz.cdx.json",
    ]


def test_a_legacy_artifact_without_any_checksum_is_refused(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    built = make_layer_release(tmp_path / "legacy", "daemons", "0.3.0", None, platforms=(("linux", "arm64"),))
    daemon = built["soma-daemon-0.3.0-linux-arm64.tar.gz"]
    publish(github, "acme/backend", {"soma-daemon-0.3.0-linux-aarch64.tar.gz": daemon}, "daemons-v0.3.0")
    console = make_layer_release(tmp_path / "c", "desktop", "1.0.0", signing_key, repo="acme/console")
    publish(github, "acme/console", console, "desktop-v1.0.0")
    done = _package(github, key_dir, tmp_path / "b", "--daemons-repo", "acme/backend", "--desktop-repo", "acme/console",
                    "--arch", "aarch64")  # fmt: skip
    assert done.returncode == 1
    message = " ".join(done.stderr.split())
    assert (
        "artifact soma-daemon-0.3.0-linux-aarch64.tar.gz: release acme/backend daemons-v0.3.0 has no manifest"
        in message
    )


def test_explicit_manifests_by_url_and_path_skip_discovery(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    daemons = make_layer_release(tmp_path / "d", "daemons", "0.5.0", signing_key)
    for name, data in daemons.items():
        github.files[f"mirror/daemons-v0.5.0/{name}"] = data
    make_layer_release(tmp_path / "c", "desktop", "3.0.0", signing_key, repo="acme/console")
    out = tmp_path / "bundle"
    done = _package(
        github, key_dir, out, "--no-deb", "--arch", "amd64",
        "--daemons-manifest", f"{github.url}/files/mirror/daemons-v0.5.0/daemons-release-manifest.json",
        "--desktop-manifest", tmp_path / "c" / "desktop-v3.0.0" / "desktop-release-manifest.json",
        sign=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "unsigned: no signing key" in done.stdout
    document = _bundle_manifest(out)
    assert [(s["release_type"], s["tag"], s["repo"]) for s in document["source_releases"]] == [
        ("daemons", "daemons-v0.5.0", "acme/backend"),
        ("desktop", "desktop-v3.0.0", "acme/console"),
    ]
    assert document["source_releases"][0]["manifest"].endswith(
        "/files/mirror/daemons-v0.5.0/daemons-release-manifest.json"
    )
    assert not (out / "bundle-release-manifest.json.sig").exists()
    assert not any("/repos/" in r.path for r in github.api_requests), "no release listing with explicit manifests"


def test_unknown_artifact_kinds_are_skipped_and_generic_manifest_names_are_read(
    github: FakeGitHub, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    (tmp_path / "sbom.spdx.json").write_text("{}")
    sbom = Artifact.from_file(tmp_path / "sbom.spdx.json", url="sbom.spdx.json", kind="sbom")
    assets = make_layer_release(tmp_path / "d", "daemons", "1.4.0", signing_key, extra=(sbom,))
    assets["release-manifest.json"] = assets.pop("daemons-release-manifest.json")
    assets["release-manifest.json.sig"] = assets.pop("daemons-release-manifest.json.sig")
    publish(github, "acme/mono", assets, "daemons-v1.4.0")
    publish(github, "acme/mono", make_layer_release(tmp_path / "c", "desktop", "1.0.0", signing_key), "desktop-v1.0.0")
    out = tmp_path / "bundle"
    done = _package(github, key_dir, out, "--no-deb", "--arch", "arm64", "--repo", "acme/mono")
    assert done.returncode == 0, done.stderr
    url = "https://github.com/acme/mono/releases/download/daemons-v1.4.0/release-manifest.json"
    assert f"daemons: acme/mono daemons-v1.4.0 (manifest {url})" in " ".join(done.stderr.split())
    assert _bundle_manifest(out)["repo"] == "acme/mono"


def test_a_pinned_version_that_does_not_exist_is_a_clear_404(
    split_repos: FakeGitHub, key_dir: Path, tmp_path: Path
) -> None:
    repos = ("--daemons-repo", "acme/backend", "--desktop-repo", "acme/console")
    done = _package(split_repos, key_dir, tmp_path / "b", *repos, "--daemons-version", "7.0.0")
    assert done.returncode == 1
    assert "error: acme/backend: no release tagged daemons-v7.0.0" in done.stderr
    done = _package(
        split_repos, key_dir, tmp_path / "b", "--daemons-repo", "acme/nope", "--desktop-repo", "acme/console"
    )
    assert done.returncode == 1
    assert "error: repository acme/nope not found (or the token cannot see it)" in done.stderr


def test_offline_packaging_from_a_local_release_directory(
    tmp_path: Path, key_dir: Path, signing_key: Ed25519PrivateKey
) -> None:
    releases = tmp_path / "releases"
    for version in ("2.0.0", "2.0.0-rc.1", "1.9.0"):
        make_layer_release(releases / "acme" / "backend", "daemons", version, signing_key)
    make_layer_release(releases / "acme" / "console", "desktop", "1.0.0", signing_key, repo="acme/console")
    for scratch in releases.rglob("tree-*"):
        shutil.rmtree(scratch)
    out = tmp_path / "bundle"
    env = {**_cli_env(key_dir), "SOMA_RELEASE_SIGNING_KEY_FILE": str(key_dir / "private.pem")}
    done = soma_release(
        "package", "--releases-dir", releases, "--daemons-repo", "acme/backend", "--desktop-repo", "acme/console",
        "--os", "linux", "--arch", "amd64", "--out", out, "--no-deb", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    where = "acme/backend@daemons-v2.0.0/daemons-release-manifest.json"
    assert f"daemons: acme/backend daemons-v2.0.0 (manifest {where})" in " ".join(done.stderr.split())
    assert (out / "soma-bundle-2.0.0-linux-amd64.tar.gz").is_file()
