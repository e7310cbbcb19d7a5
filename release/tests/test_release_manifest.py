"""Manifests: the schema, signatures, artifact checks by name, loading from a path and over HTTP."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import REPO, SCHEMA_PATH
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import descriptor_pb2
from soma_release import keys
from soma_release.errors import (
    ArtifactIntegrityError,
    ArtifactNotFoundError,
    ManifestError,
    SignatureError,
    SigningKeyError,
)
from soma_release.keys import TrustedKeys
from soma_release.manifest import (
    Artifact,
    Manifest,
    fetch_artifact,
    load_manifest,
    parse_manifest,
    read_manifest,
    verify_artifact,
    write_manifest,
)

EXAMPLES = REPO / "manifests" / "examples"


def _doc(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def _bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, indent=2).encode()


def test_the_schema_is_draft_2020_12_and_the_package_ships_the_same_file() -> None:
    schema = _doc(SCHEMA_PATH)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    from soma_release.manifest import schema as shipped

    assert shipped() == schema


@pytest.mark.parametrize("name", ["daemons", "desktop", "bundle"])
def test_example_manifests_validate(name: str) -> None:
    path = EXAMPLES / f"{name}-release-manifest.json"
    jsonschema.validate(_doc(path), _doc(SCHEMA_PATH), cls=jsonschema.Draft202012Validator)
    manifest = parse_manifest(path.read_bytes(), str(path))
    assert manifest.release_type == name


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("wrong-schema-version", "schema_version 'soma.release-manifest.v0'"),
        ("bad-sha256", ".artifacts[0].sha256"),
        ("bundle-without-sources", "'source_releases' is a required property"),
    ],
)
def test_invalid_examples_are_refused_naming_the_element(name: str, named: str) -> None:
    path = EXAMPLES / "invalid" / f"{name}.json"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_doc(path), _doc(SCHEMA_PATH), cls=jsonschema.Draft202012Validator)
    with pytest.raises(ManifestError) as refused:
        parse_manifest(path.read_bytes(), str(path))
    assert named in str(refused.value)
    assert str(path) in str(refused.value)


def test_unknown_artifact_kinds_and_unknown_fields_do_not_break_readers() -> None:
    document = _doc(EXAMPLES / "daemons-release-manifest.json")
    document["artifacts"].append(
        {"name": "provenance.intoto.jsonl", "kind": "slsa-provenance", "os": "any", "arch": "any",
         "url": "provenance.intoto.jsonl", "sha256": "ab" * 32, "size": 10, "signed_by": "ci"}
    )  # fmt: skip
    document["attestations"] = {"future": "field"}
    manifest = parse_manifest(_bytes(document), "future.json")
    kinds = {a.kind for a in manifest.artifacts}
    assert {"daemon", "sbom", "slsa-provenance"} <= kinds
    assert manifest.artifact("provenance.intoto.jsonl").size == 10


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d.update(tag="daemons-v0.2.0"), "tag 'daemons-v0.2.0' does not match 'daemons-v0.1.0'"),
        (lambda d: d.update(version="0.1"), ".version: '0.1' does not match"),
        (lambda d: d.update(release_type="firmware"), ".release_type: 'firmware' is not one of"),
        (lambda d: d["artifacts"][1].update(size=-1), ".artifacts[1].size: -1 is less than the minimum of 0"),
        (lambda d: d["artifacts"][0].pop("url"), ".artifacts[0]: 'url' is a required property"),
        (lambda d: d["artifacts"][0].pop("kind"), ".artifacts[0]: {"),
        (lambda d: d["artifacts"].append(dict(d["artifacts"][0])), "linux-amd64.tar.gz is listed twice"),
    ],
)  # fmt: skip
def test_schema_violations_name_the_element(change: Any, named: str) -> None:
    document = _doc(EXAMPLES / "daemons-release-manifest.json")
    change(document)
    with pytest.raises(ManifestError) as refused:
        parse_manifest(_bytes(document), "daemons-release-manifest.json")
    assert named in str(refused.value)


def test_not_json_is_refused() -> None:
    with pytest.raises(ManifestError, match="is not UTF-8 JSON"):
        parse_manifest(b"\xff{", "x.json")
    with pytest.raises(ManifestError, match="is not a JSON object"):
        parse_manifest(b"[]", "x.json")


@pytest.fixture
def release_dir(tmp_path: Path, signing_key: Ed25519PrivateKey) -> Path:
    (tmp_path / "soma-contracts-1.2.0.binpb").write_bytes(b"\x0a\x05hello" * 100)
    (tmp_path / "notes.txt").write_text("release notes\n")
    artifacts = tuple(
        Artifact.from_file(tmp_path / n, url=n, kind=k)
        for n, k in (("soma-contracts-1.2.0.binpb", "descriptor-set"), ("notes.txt", "notes"))
    )
    manifest = Manifest("contracts", "1.2.0", "contracts-v1.2.0", "acme/contracts", artifacts)
    write_manifest(manifest, tmp_path, signing_key)
    return tmp_path


def test_a_signed_manifest_loads_and_its_artifacts_verify_by_name(
    release_dir: Path, signing_key: Ed25519PrivateKey
) -> None:
    trusted = TrustedKeys.of(signing_key.public_key())
    release = load_manifest(release_dir / "contracts-release-manifest.json", trusted)
    assert release.key_id == keys.key_id(signing_key.public_key())
    assert (release.manifest.version, release.manifest.release_type) == ("1.2.0", "contracts")
    assert release.read_artifact("soma-contracts-1.2.0.binpb") == b"\x0a\x05hello" * 100
    assert fetch_artifact(release, "notes.txt") == release_dir / "notes.txt"


def test_a_tampered_artifact_is_refused_by_name(release_dir: Path, signing_key: Ed25519PrivateKey) -> None:
    release = load_manifest(release_dir / "contracts-release-manifest.json", TrustedKeys.of(signing_key.public_key()))
    binpb = release_dir / "soma-contracts-1.2.0.binpb"
    data = bytearray(binpb.read_bytes())
    data[10] ^= 1
    binpb.write_bytes(bytes(data))
    with pytest.raises(ArtifactIntegrityError) as refused:
        release.read_artifact("soma-contracts-1.2.0.binpb")
    assert refused.value.artifact == "soma-contracts-1.2.0.binpb"
    assert "sha256" in str(refused.value)
    binpb.write_bytes(bytes(data) + b"x")
    with pytest.raises(ArtifactIntegrityError, match=r"soma-contracts-1\.2\.0\.binpb: size 701 bytes"):
        verify_artifact(release, "soma-contracts-1.2.0.binpb", binpb)


def test_missing_and_unlisted_artifacts_are_refused_by_name(release_dir: Path, signing_key: Ed25519PrivateKey) -> None:
    release = load_manifest(release_dir / "contracts-release-manifest.json", TrustedKeys.of(signing_key.public_key()))
    (release_dir / "notes.txt").unlink()
    with pytest.raises(ArtifactNotFoundError, match=r"artifact notes\.txt: no file at"):
        release.read_artifact("notes.txt")
    with pytest.raises(ArtifactNotFoundError, match=r"artifact soma_proto-1\.2\.0\.tar\.gz: not listed"):
        release.read_artifact("soma_proto-1.2.0.tar.gz")


def test_a_changed_manifest_fails_its_signature(release_dir: Path, signing_key: Ed25519PrivateKey) -> None:
    path = release_dir / "contracts-release-manifest.json"
    path.write_bytes(path.read_bytes().replace(b'"1.2.0"', b'"1.2.1"').replace(b"v1.2.0", b"v1.2.1"))
    with pytest.raises(SignatureError, match="does not verify with key"):
        load_manifest(path, TrustedKeys.of(signing_key.public_key()))


def test_an_untrusted_key_or_no_signature_is_refused(release_dir: Path) -> None:
    path = release_dir / "contracts-release-manifest.json"
    stranger = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(SignatureError, match=r"key [0-9a-f]{16} is not trusted"):
        load_manifest(path, TrustedKeys.of(stranger))
    path.with_name(path.name + ".sig").unlink()
    with pytest.raises(SignatureError, match=r"signature missing \(expected .*contracts-release-manifest\.json\.sig\)"):
        load_manifest(path, TrustedKeys.of(stranger))


def test_malformed_signatures_are_refused(release_dir: Path, signing_key: Ed25519PrivateKey) -> None:
    data = (release_dir / "contracts-release-manifest.json").read_bytes()
    trusted = TrustedKeys.of(signing_key.public_key())
    good = json.loads(keys.sign(data, signing_key))
    for signature, named in [
        (b"not json", "is not JSON"),
        (json.dumps({**good, "algorithm": "rsa"}).encode(), "algorithm 'rsa'"),
        (json.dumps({**good, "signature": "%%%"}).encode(), "not base64"),
        (json.dumps({"algorithm": "ed25519"}).encode(), "needs string fields"),
    ]:
        with pytest.raises(SignatureError, match=named):
            read_manifest(data, signature, trusted, "m.json")


def test_a_wrong_schema_version_is_refused_even_when_signed(tmp_path: Path, signing_key: Ed25519PrivateKey) -> None:
    data = (EXAMPLES / "invalid" / "wrong-schema-version.json").read_bytes()
    with pytest.raises(
        ManifestError, match=r"schema_version 'soma\.release-manifest\.v0' is not 'soma\.release-manifest\.v1'"
    ):
        read_manifest(data, keys.sign(data, signing_key), TrustedKeys.of(signing_key.public_key()), "m.json")


@pytest.fixture
def http_dir(release_dir: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(release_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_manifest_loads_from_a_url_and_relative_artifact_urls_resolve_against_it(
    http_dir: str, release_dir: Path, signing_key: Ed25519PrivateKey, tmp_path_factory: pytest.TempPathFactory
) -> None:
    trusted = TrustedKeys.of(signing_key.public_key())
    release = load_manifest(f"{http_dir}/contracts-release-manifest.json", trusted)
    assert release.read_artifact("notes.txt") == b"release notes\n"
    downloads = tmp_path_factory.mktemp("downloads")
    (release_dir / "notes.txt").write_text("release notes, changed\n")
    with pytest.raises(ArtifactIntegrityError, match=r"artifact notes\.txt"):
        fetch_artifact(release, "notes.txt", downloads)
    assert not any(downloads.iterdir()), "a download that fails verification leaves nothing behind"
    with pytest.raises(ManifestError, match=r"not found \(HTTP 404\)"):
        load_manifest(f"{http_dir}/daemons-release-manifest.json", trusted)


def test_keys_load_from_pem_base64_seed_env_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signing_key: Ed25519PrivateKey
) -> None:
    kid = keys.key_id(signing_key.public_key())
    pem = keys.private_key_pem(signing_key)
    seed = signing_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    monkeypatch.delenv(keys.SIGNING_KEY_FILE_ENV, raising=False)
    monkeypatch.setenv(keys.SIGNING_KEY_ENV, pem.decode())
    assert keys.key_id(keys.signing_key_from_env().public_key()) == kid
    monkeypatch.setenv(keys.SIGNING_KEY_ENV, base64.b64encode(seed).decode())
    assert keys.key_id(keys.signing_key_from_env().public_key()) == kid
    monkeypatch.delenv(keys.SIGNING_KEY_ENV)
    (tmp_path / "k.pem").write_bytes(pem)
    monkeypatch.setenv(keys.SIGNING_KEY_FILE_ENV, str(tmp_path / "k.pem"))
    assert keys.key_id(keys.signing_key_from_env().public_key()) == kid
    monkeypatch.delenv(keys.SIGNING_KEY_FILE_ENV)
    with pytest.raises(SigningKeyError, match="no signing key"):
        keys.signing_key_from_env()
    with pytest.raises(SigningKeyError, match="must decode to 32 bytes, not 3"):
        keys.load_private_key(base64.b64encode(b"abc"), "x")
    (tmp_path / "pub").mkdir()
    (tmp_path / "pub" / "a.pem").write_bytes(keys.public_key_pem(signing_key.public_key()))
    monkeypatch.setenv(keys.TRUSTED_KEYS_ENV, str(tmp_path / "pub"))
    assert set(TrustedKeys.default().keys) == {kid}
    (tmp_path / "empty").mkdir()
    with pytest.raises(SigningKeyError, match="no public key found"):
        TrustedKeys.from_paths([tmp_path / "empty"])
    with pytest.raises(SigningKeyError, match="no such file or directory"):
        TrustedKeys.from_paths([tmp_path / "absent"])
    with pytest.raises(SigningKeyError, match="not a PEM public key"):
        keys.load_public_key(pem, "k.pem")


def test_the_committed_keys_are_public_keys_only() -> None:
    for path in sorted((REPO / "release" / "keys").iterdir()):
        text = path.read_text()
        assert "PRIVATE" not in text, f"{path.name} holds a private key"
        keys.load_public_key(text.encode(), path.name)


def test_the_contracts_baseline_verifies_with_the_committed_key() -> None:
    baseline = REPO / "manifests" / "releases" / "contracts-v1.0.0"
    release = load_manifest(
        baseline / "contracts-release-manifest.json", TrustedKeys.from_paths([REPO / "release" / "keys"])
    )
    assert release.manifest.tag == "contracts-v1.0.0"
    for artifact in release.manifest.artifacts:
        verify_artifact(release, artifact.name, baseline / artifact.name)
    assert {a.kind for a in release.manifest.artifacts} == {"wheel", "sdist", "descriptor-set"}
    files = descriptor_pb2.FileDescriptorSet.FromString(release.read_artifact("soma-contracts-1.0.0.binpb")).file
    assert "soma/meta/v1/contract_service.proto" in {f.name for f in files}
