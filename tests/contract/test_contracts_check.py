"""scripts/contracts-check, run as CI runs it, on copies of the real contracts with one edit each.

Each test signs a baseline release manifest with a throwaway Ed25519 key (the release tooling's
own writer), edits a copy of contracts/, and reads what the gate says about it.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from soma_release.keys import public_key_pem
from soma_release.manifest import Artifact, Manifest, write_manifest

from soma_proto import DESCRIPTOR_SET_PATH
from tests.conftest import REPO

CHECK = REPO / "scripts" / "contracts-check"
VERSION = (REPO / "contracts" / "VERSION").read_text().strip()
MEMORY = "soma/memory/v1/memory.proto"
MEMORY_SERVICE = "soma/memory/v1/memory_service.proto"


@dataclass(frozen=True)
class Signer:
    key: Ed25519PrivateKey
    trusted: Path  # the PEM of its public key


@pytest.fixture(scope="module")
def signer(tmp_path_factory: pytest.TempPathFactory) -> Signer:
    key = Ed25519PrivateKey.generate()
    trusted = tmp_path_factory.mktemp("keys") / "release.pem"
    trusted.write_bytes(public_key_pem(key.public_key()))
    return Signer(key, trusted)


def release(folder: Path, signer: Signer, version: str, descriptor_set: bytes) -> Path:
    """A signed contracts release in `folder`: the manifest, its .sig and the descriptor set next to them."""
    name = f"soma-contracts-{version}.binpb"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(descriptor_set)
    artifact = Artifact(
        name=name,
        kind="descriptor-set",
        os="any",
        arch="any",
        url=name,
        sha256=hashlib.sha256(descriptor_set).hexdigest(),
        size=len(descriptor_set),
    )
    manifest = Manifest(
        release_type="contracts",
        version=version,
        tag=f"contracts-v{version}",
        repo="somastack/soma-contracts",
        artifacts=(artifact,),
    )
    return write_manifest(manifest, folder, signer.key)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory, signer: Signer) -> Path:
    """The manifest of a release of today's contracts (the descriptor set soma-proto ships)."""
    return release(tmp_path_factory.mktemp("release"), signer, VERSION, DESCRIPTOR_SET_PATH.read_bytes())


def tree(tmp_path: Path, name: str = "contracts") -> Path:
    """A copy of contracts/ to edit."""
    root = tmp_path / name
    shutil.copytree(REPO / "contracts", root)
    return root


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replaces the one occurrence of `old` in `root/file`; the test is wrong if it is not there exactly once."""
    path = root / file
    text = path.read_text()
    assert text.count(old) == 1, f"{file}: expected one {old!r}"
    path.write_text(text.replace(old, new))


def bump(root: Path, version: str, entry: str) -> None:
    """Sets VERSION and writes the changelog entry of that version (above the newest one, or in its place)."""
    (root / "VERSION").write_text(version + "\n")
    changelog = root / "CHANGELOG.md"
    text = changelog.read_text()
    first = text.index("\n## ") + 1
    if text.startswith(f"## {version}\n", first):
        first_end = text.index("\n## ", first) + 1
        text = text[:first] + text[first_end:]
    changelog.write_text(f"{text[:first]}## {version}\n\n{entry.strip()}\n\n{text[first:]}")


def descriptor_set(root: Path, tmp_path: Path) -> bytes:
    """The descriptor set of a contracts tree, built as scripts/codegen.sh builds it."""
    import google.api
    import grpc_tools

    out = tmp_path / f"{root.name}.binpb"
    protos = sorted(p.relative_to(root).as_posix() for p in (root / "soma").rglob("*.proto"))
    api = Path(next(iter(google.api.__path__))).parent.parent
    wkt = Path(grpc_tools.__file__).parent / "_proto"
    protoc = [sys.executable, "-m", "grpc_tools.protoc", "-I", ".", "-I", str(api), "-I", str(wkt)]
    subprocess.run(
        [*protoc, f"--descriptor_set_out={out}", "--include_imports", "--include_source_info", *protos],
        cwd=root,
        check=True,
    )
    return out.read_bytes()


def check(root: Path | None, manifest: Path | str | None, signer: Signer | None) -> subprocess.CompletedProcess[str]:
    """Runs scripts/contracts-check on `root` (via SOMA_PROTO_ROOT) against `manifest`."""
    env = {k: v for k, v in os.environ.items() if k != "SOMA_PROTO_ROOT"}
    if root is not None:
        env["SOMA_PROTO_ROOT"] = str(root)
    args = [str(CHECK)]
    if manifest is not None:
        args += ["--manifest", str(manifest)]
    if signer is not None:
        args += ["--trusted-keys", str(signer.trusted)]
    return subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def problems(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, f"expected a failed check, got {result.returncode}:\n{result.stdout}{result.stderr}"
    return result.stderr


def passes(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contracts-check: OK" in result.stdout
    return result.stdout


# -- the tree as it is ----------------------------------------------------------------------------------------------


def test_the_current_tree_passes_against_the_last_committed_release() -> None:
    out = passes(check(None, None, None))
    assert f"{VERSION} against release" in out


def test_an_unchanged_copy_passes(tmp_path: Path, released: Path, signer: Signer) -> None:
    out = passes(check(tree(tmp_path), released, signer))
    assert "no contract change" in out


# -- additive changes -----------------------------------------------------------------------------------------------

ADDITIVE = [
    (
        MEMORY,
        "  StoreState store_state = 7 [(google.api.field_behavior) = OUTPUT_ONLY];\n",
        "  // Optional. Where the memory came from.\n  string origin = 8;\n",
    ),
    (MEMORY, "  MEMORY_KIND_SEMANTIC = 2;\n", "  // A way of doing something.\n  MEMORY_KIND_PROCEDURAL = 3;\n"),
    (MEMORY, "    MemoriesForgotten forgotten = 4;\n", "    // Two memories were unlinked.\n    Link unlinked = 5;\n"),
]


def additive(root: Path) -> None:
    """A new field, a new enum value and a new event variant, right after existing lines."""
    for file, line, added in ADDITIVE:
        edit(root, file, line, line + added)


def test_an_additive_change_with_a_minor_bump_and_a_changelog_entry_passes(
    tmp_path: Path, released: Path, signer: Signer
) -> None:
    root = tree(tmp_path)
    additive(root)
    major, minor, _ = (int(p) for p in VERSION.split("."))
    bump(root, f"{major}.{minor + 1}.0", "### Added\n\n- `soma.memory.v1.Memory.origin`, a new kind and event variant.")
    out = passes(check(root, released, signer))
    assert "additive (minor)" in out and f"changed: {MEMORY} changed" in out


def test_an_additive_change_needs_a_minor_bump_and_a_changelog_entry(
    tmp_path: Path, released: Path, signer: Signer
) -> None:
    root = tree(tmp_path)
    additive(root)
    major, minor, patch = (int(p) for p in VERSION.split("."))
    out = problems(check(root, released, signer))
    assert f"semver: {root}/VERSION is {VERSION}, but the change since {VERSION} is additive (minor)" in out
    assert f"it needs at least {major}.{minor + 1}.0" in out
    patched = f"{major}.{minor}.{patch + 1}"
    (root / "VERSION").write_text(patched + "\n")
    out = problems(check(root, released, signer))
    assert f"it needs at least {major}.{minor + 1}.0" in out
    assert f"changelog: {root}/CHANGELOG.md has no entry `## {patched}`: the contracts changed" in out


def test_a_comment_change_is_a_patch(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, MEMORY, "// MemoryKind says what sort of memory a memory is.", "// MemoryKind says what a memory is.")
    out = problems(check(root, released, signer))
    assert "is comments only (patch)" in out
    major, minor, patch = (int(p) for p in VERSION.split("."))
    bump(root, f"{major}.{minor}.{patch + 1}", "### Changed\n\n- The comment of `soma.memory.v1.MemoryKind`.")
    assert "comments only (patch)" in passes(check(root, released, signer))


# -- breaking changes, each named ----------------------------------------------------------------------------------


def test_a_renumbered_field_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, MEMORY, "StoreState store_state = 7 ", "StoreState store_state = 9 ")
    out = problems(check(root, released, signer))
    assert 'reserved: soma.memory.v1.Memory field "store_state" renumbered 7 -> 9' in out
    assert "semver: soma.memory.v1 has breaking changes" in out and "new package soma.memory.v2" in out
    assert "buf breaking: soma/memory/v1/memory.proto" in out


def test_a_removed_field_fails_until_it_was_deprecated_and_both_number_and_name_are_reserved(
    tmp_path: Path, released: Path, signer: Signer
) -> None:
    importance = "  // Optional. How much the memory matters, from 0 to 1; 0 when unset.\n  float importance = 5;\n"
    root = tree(tmp_path)
    edit(root, MEMORY, importance, "")
    out = problems(check(root, released, signer))
    assert 'reserved: soma.memory.v1.Memory field 5 "importance" removed without reserved\n' in out
    assert "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED" in out

    half = tree(tmp_path, "half")
    edit(half, MEMORY, importance, "  reserved 5;\n")
    out = problems(check(half, released, signer))
    assert 'soma.memory.v1.Memory field 5 "importance" removed without reserved (its number is reserved' in out

    # Reserved but never deprecated in a release: still refused.
    reserved = tree(tmp_path, "reserved")
    edit(reserved, MEMORY, importance, '  reserved 5;\n  reserved "importance";\n')
    out = problems(check(reserved, released, signer))
    assert 'field 5 "importance" removed, but it was not deprecated in' in out

    # Deprecated in the release before, then removed with both reservations: a minor change.
    deprecated = tree(tmp_path, "deprecated")
    edit(deprecated, MEMORY, "float importance = 5;", "float importance = 5 [deprecated = true];")
    earlier = release(tmp_path / "earlier", signer, VERSION, descriptor_set(deprecated, tmp_path))
    major, minor, _ = (int(p) for p in VERSION.split("."))
    bump(reserved, f"{major}.{minor + 1}.0", "### Removed\n\n- `soma.memory.v1.Memory.importance` (deprecated).")
    passes(check(reserved, earlier, signer))


def test_a_changed_rest_path_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(
        root, MEMORY_SERVICE, 'post: "/v1/{parent=tenants/*}/memories:recall"', 'post: "/v1/{parent=tenants/*}/recall"'
    )
    out = problems(check(root, released, signer))
    assert (
        "http: soma.memory.v1.MemoryService.Recall: HTTP rule changed: "
        "POST /v1/{parent=tenants/*}/memories:recall body=* -> POST /v1/{parent=tenants/*}/recall body=*"
    ) in out
    assert "semver: soma.memory.v1 has breaking changes" in out


def test_a_changed_rest_verb_or_body_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, "soma/meta/v1/contract_service.proto", '{get: "/v1/contract"}', '{post: "/v1/contract" body: "*"}')
    out = problems(check(root, released, signer))
    assert (
        "soma.meta.v1.ContractService.GetContractInfo: HTTP rule changed: GET /v1/contract -> POST /v1/contract body=*"
    ) in out


def test_a_removed_event_variant_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, MEMORY, "    // Memories were forgotten.\n    MemoriesForgotten forgotten = 4;\n", "")
    out = problems(check(root, released, signer))
    assert 'reserved: soma.memory.v1.MemoryWritten oneof "change" variant 4 "forgotten" removed without reserved' in out


def test_a_reused_event_variant_number_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, MEMORY, "MemoriesForgotten forgotten = 4;", "MemoriesForgotten erased = 4;")
    out = problems(check(root, released, signer))
    assert 'soma.memory.v1.MemoryWritten oneof "change" variant 4 "forgotten" renamed to "erased"' in out


def test_a_removed_enum_value_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, MEMORY, "  LINK_TYPE_FOLLOWS = 5;\n", "")
    out = problems(check(root, released, signer))
    assert 'reserved: soma.memory.v1.LinkType value 5 "LINK_TYPE_FOLLOWS" removed without reserved' in out


# -- event topics ---------------------------------------------------------------------------------------------------

CONSTITUTION = "soma/constitution/v1/constitution.proto"
SLM = "soma/slm/v1/slm.proto"


def minor(root: Path, entry: str) -> None:
    """A minor bump with its changelog entry: what an additive change needs, so only real breaks fail."""
    major, minor, _ = (int(p) for p in VERSION.split("."))
    bump(root, f"{major}.{minor + 1}.0", f"### Added\n\n- {entry}")


def test_a_renamed_topic_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, CONSTITUTION, '{topic: "constitution.updated"}', '{topic: "constitution.changed"}')
    minor(root, "The topic `constitution.changed`.")
    out = problems(check(root, released, signer))
    assert (
        'topic: topic "constitution.updated" of soma.constitution.v1.ConstitutionUpdated renamed to '
        f'"constitution.changed": a topic released in {VERSION} keeps its name and payload type'
    ) in out
    assert "semver: soma.constitution.v1 has breaking changes" in out and "soma.constitution.v2" in out


def test_a_topic_given_another_payload_type_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, SLM, '{topic: "slm.requests"}', '{topic: "slm.swapped"}')
    edit(root, SLM, '{topic: "slm.metrics"}', '{topic: "slm.requests"}')
    minor(root, "Swapped topics.")
    out = problems(check(root, released, signer))
    assert (
        'topic: topic "slm.metrics" of soma.slm.v1.InferenceMetered renamed to "slm.requests": a topic released in '
        f"{VERSION} keeps its name and payload type"
    ) in out
    assert (
        'topic: topic "slm.requests" payload type changed: soma.slm.v1.InferenceRequested -> '
        "soma.slm.v1.InferenceMetered"
    ) in out
    assert "semver: soma.slm.v1 has breaking changes" in out


def test_a_removed_topic_declaration_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, CONSTITUTION, '  option (soma.common.v1.event) = {topic: "constitution.updated"};\n\n', "")
    out = problems(check(root, released, signer))
    assert 'topic: topic "constitution.updated" of soma.constitution.v1.ConstitutionUpdated removed' in out


def test_a_new_topic_on_a_new_payload_is_additive(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(
        root,
        CONSTITUTION,
        "message ConstitutionUpdated {\n",
        "// ConstitutionValidated is the payload of the events on topic\n// `constitution.validated`.\n"
        "message ConstitutionValidated {\n"
        '  option (soma.common.v1.event) = {topic: "constitution.validated"};\n\n'
        "  // Required. The checksum of the validated constitution.\n"
        "  string checksum = 1 [(google.api.field_behavior) = REQUIRED];\n}\n\n"
        "message ConstitutionUpdated {\n",
    )
    out = problems(check(root, released, signer))
    assert "additive (minor): it needs at least" in out and "topic:" not in out
    minor(root, "`soma.constitution.v1.ConstitutionValidated` on topic `constitution.validated`.")
    assert f"changed: {CONSTITUTION} changed" in passes(check(root, released, signer))


def test_a_topic_declared_twice_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, SLM, '{topic: "slm.metrics"}', '{topic: "slm.requests"}')
    minor(root, "Twice.")
    out = problems(check(root, released, signer))
    assert "topic 'slm.requests' is already the topic of soma.slm.v1.InferenceRequested; one payload per topic" in out


# -- package versions, deprecation, the changelog ------------------------------------------------------------------


def add_meta_v2(root: Path) -> None:
    """soma.meta.v2: a copy of soma.meta.v1 under the next major version."""
    (root / "soma/meta/v2").mkdir()
    text = (root / "soma/meta/v1/contract_service.proto").read_text()
    (root / "soma/meta/v2/contract_service.proto").write_text(
        text.replace("package soma.meta.v1;", "package soma.meta.v2;")
        .replace("dev.somastack.meta.v1", "dev.somastack.meta.v2")
        .replace('"/v1/contract"', '"/v2/contract"')
    )


def test_a_new_package_version_needs_a_major_bump_named_in_the_changelog(
    tmp_path: Path, released: Path, signer: Signer
) -> None:
    root = tree(tmp_path)
    add_meta_v2(root)
    major, minor, _ = (int(p) for p in VERSION.split("."))
    bump(root, f"{major}.{minor + 1}.0", "### Added\n\n- A new contract service version.")
    out = problems(check(root, released, signer))
    assert f"is a new or retired package version (major): it needs at least {major + 1}.0.0" in out
    assert f"the entry of {major}.{minor + 1}.0 does not name soma.meta.v2 (a new package version)" in out
    bump(root, f"{major + 1}.0.0", "### Added\n\n- `soma.meta.v2`, served beside `soma.meta.v1`.")
    assert "new package version soma.meta.v2" in passes(check(root, released, signer))


def test_a_package_version_is_retired_only_after_a_deprecated_major_cycle_beside_its_successor(
    tmp_path: Path, signer: Signer
) -> None:
    major = int(VERSION.split(".")[0])
    # Release N+1: soma.meta.v2 is added beside soma.meta.v1, whose RPC is deprecated.
    both = tree(tmp_path, "both")
    add_meta_v2(both)
    edit(
        both,
        "soma/meta/v1/contract_service.proto",
        "option (soma.common.v1.auth) = {public: true};",
        "option (soma.common.v1.auth) = {public: true};\n    option deprecated = true;",
    )
    with_deprecation = release(tmp_path / "r2", signer, f"{major + 1}.0.0", descriptor_set(both, tmp_path))
    # Release N+2 retires soma.meta.v1.
    retired = tree(tmp_path, "retired")
    add_meta_v2(retired)
    shutil.rmtree(retired / "soma/meta/v1")
    bump(retired, f"{major + 2}.0.0", "### Removed\n\n- Something.")
    out = problems(check(retired, with_deprecation, signer))
    assert f"the entry of {major + 2}.0.0 does not name soma.meta.v1 (a retired package)" in out
    bump(retired, f"{major + 2}.0.0", "### Removed\n\n- `soma.meta.v1`, replaced by `soma.meta.v2`.")
    assert "package soma.meta.v1 retired" in passes(check(retired, with_deprecation, signer))

    # Without the deprecation in the release before, the same removal is refused, naming the RPC.
    undeprecated = tree(tmp_path, "undeprecated")
    add_meta_v2(undeprecated)
    plain = release(tmp_path / "r2-plain", signer, f"{major + 1}.0.0", descriptor_set(undeprecated, tmp_path))
    out = problems(check(retired, plain, signer))
    assert (
        "retire: soma.meta.v1 removed, but soma.meta.v1.ContractService.GetContractInfo was not deprecated in "
        f"{major + 1}.0.0"
    ) in out
    # Without a successor released beside it, too.
    alone = release(tmp_path / "r1", signer, VERSION, DESCRIPTOR_SET_PATH.read_bytes())
    gone = tree(tmp_path, "gone")
    shutil.rmtree(gone / "soma/meta/v1")
    out = problems(check(gone, alone, signer))
    assert "retire: soma.meta.v1 removed, but no later version of it (soma.meta.v2) was released beside it" in out


def test_a_newly_deprecated_rpc_is_named_in_the_changelog(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(
        root,
        MEMORY_SERVICE,
        "option (soma.common.v1.effect) = {read_only: true};\n  }\n\n  // Retrieves context",
        "option (soma.common.v1.effect) = {read_only: true};\n    option deprecated = true;\n  }\n\n"
        "  // Retrieves context",
    )
    major, minor, _ = (int(p) for p in VERSION.split("."))
    bump(root, f"{major}.{minor + 1}.0", "### Deprecated\n\n- Recall.")
    out = problems(check(root, released, signer))
    assert "does not name soma.memory.v1.MemoryService.Recall (newly deprecated)" in out
    bump(root, f"{major}.{minor + 1}.0", "### Deprecated\n\n- `soma.memory.v1.MemoryService.Recall`.")
    passes(check(root, released, signer))


# -- the baseline must be a verified release ------------------------------------------------------------------------


@pytest.fixture
def served(released: Path) -> Iterator[str]:
    """The release folder over real HTTP; yields the manifest's URL."""
    handler = functools.partial(QuietHandler, directory=str(released.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{released.name}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_baseline_can_come_from_a_url(tmp_path: Path, served: str, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, MEMORY, "MemoriesForgotten forgotten = 4;", "MemoriesForgotten erased = 4;")
    out = problems(check(root, served, signer))
    assert served in out and 'variant 4 "forgotten" renamed to "erased"' in out


def test_a_tampered_or_untrusted_baseline_is_refused(tmp_path: Path, released: Path, signer: Signer) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(released.parent, copy)
    artifact = next(copy.glob("*.binpb"))
    artifact.write_bytes(artifact.read_bytes()[:-1] + b"\x00")
    result = check(REPO / "contracts", copy / released.name, signer)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"cannot check: baseline refused: artifact {artifact.name}: sha256" in result.stderr

    manifest = copy / released.name
    manifest.write_text(manifest.read_text().replace('"repo": "somastack/soma-contracts"', '"repo": "evil/contracts"'))
    result = check(REPO / "contracts", manifest, signer)
    assert result.returncode == 2 and "signature does not verify" in result.stderr, result.stderr

    stranger = Ed25519PrivateKey.generate()
    other = tmp_path / "other.pem"
    other.write_bytes(public_key_pem(stranger.public_key()))
    result = check(REPO / "contracts", released, Signer(stranger, other))
    assert result.returncode == 2 and "is not trusted" in result.stderr, result.stderr


def test_a_contracts_tree_that_does_not_compile_fails(tmp_path: Path, released: Path, signer: Signer) -> None:
    root = tree(tmp_path)
    edit(root, MEMORY, "float importance = 5;", "float importance = 5")
    out = problems(check(root, released, signer))
    assert "protoc: soma/memory/v1/memory.proto" in out
