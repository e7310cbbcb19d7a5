"""The contracts as a client depends on them: documented, REST-mapped, authorized, linted, generated fresh."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

from soma.common.v1 import auth_pb2, common_pb2
from soma_proto import DESCRIPTOR_SET_PATH
from tests.conftest import REPO

BUF = shutil.which("buf") or str(Path(__file__).resolve().parents[2] / ".venv/bin/buf")


def soma_files() -> list[descriptor_pb2.FileDescriptorProto]:
    fds = descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR_SET_PATH.read_bytes())
    return [f for f in fds.file if f.name.startswith("soma/")]


def comments(file: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], str]:
    return {tuple(loc.path): loc.leading_comments.strip() for loc in file.source_code_info.location}


def test_every_service_rpc_message_field_and_enum_value_is_commented() -> None:
    undocumented = []
    for file in soma_files():
        docs = comments(file)
        for i, message in enumerate(file.message_type):
            if not docs.get((4, i)):
                undocumented.append(f"{file.name}: message {message.name}")
            for j, field in enumerate(message.field):
                if not docs.get((4, i, 2, j)):
                    undocumented.append(f"{file.name}: field {message.name}.{field.name}")
        for i, enum in enumerate(file.enum_type):
            if not docs.get((5, i)):
                undocumented.append(f"{file.name}: enum {enum.name}")
            for j, value in enumerate(enum.value):
                if not docs.get((5, i, 2, j)):
                    undocumented.append(f"{file.name}: enum value {value.name}")
        for i, service in enumerate(file.service):
            if not docs.get((6, i)):
                undocumented.append(f"{file.name}: service {service.name}")
            for j, method in enumerate(service.method):
                if not docs.get((6, i, 2, j)):
                    undocumented.append(f"{file.name}: rpc {service.name}.{method.name}")
    assert not undocumented


def test_every_rpc_is_rest_mapped_and_authorized_and_tenant_scoped() -> None:
    problems = []
    for file in soma_files():
        for service in file.service:
            for method in service.method:
                where = f"{service.name}.{method.name}"
                http = method.options.Extensions[annotations_pb2.http]
                if not http.WhichOneof("pattern"):
                    problems.append(f"{where}: no google.api.http rule")
                if not method.options.HasExtension(auth_pb2.auth):
                    problems.append(f"{where}: no (soma.common.v1.auth) rule")
                    continue
                rule = method.options.Extensions[auth_pb2.auth]
                path = getattr(http, http.WhichOneof("pattern") or "get", "")
                cross_tenant = rule.public or rule.capability.startswith("platform.")
                if not cross_tenant and "{" not in str(path):
                    problems.append(f"{where}: a tenant capability but no tenants/* resource in its path")
    assert not problems


def test_every_error_reason_raised_is_in_the_catalogue() -> None:
    catalogue = {name.removeprefix("ERROR_REASON_") for name in common_pb2.ErrorReason.keys()}
    raised: set[str] = set()
    pattern = re.compile(
        r"(?:NotFound|AlreadyExists|FailedPrecondition|PermissionDenied|Unauthenticated|Aborted|Unavailable|"
        r"DomainError|SealingError)\(\s*\"([A-Z_]+)\""
    )
    for source in (REPO / "services").rglob("*.py"):
        raised |= set(pattern.findall(source.read_text()))
    assert raised, "the scan found no reasons at all"
    assert raised - catalogue == set()


def test_buf_lint_and_format_are_clean() -> None:
    lint = subprocess.run(
        [BUF, "lint", str(DESCRIPTOR_SET_PATH), "--path", "soma", "--config", "buf.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = subprocess.run(
        [BUF, "format", "--diff", "--exit-code", "contracts"], cwd=REPO, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_generated_code_is_fresh() -> None:
    check = subprocess.run(["bash", "scripts/codegen.sh", "--check"], cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_another_contracts_root_generates_byte_identical_output(tmp_path: Path) -> None:
    elsewhere = tmp_path / "soma-contracts"
    shutil.copytree(REPO / "contracts", elsewhere)
    same = subprocess.run(
        ["bash", "scripts/codegen.sh", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**_env(), "SOMA_PROTO_ROOT": str(elsewhere)},
    )
    assert same.returncode == 0, same.stderr
    proto = elsewhere / "soma/meta/v1/contract_service.proto"
    proto.write_text(
        proto.read_text().replace(
            "// Request message for ContractService.GetContractInfo.",
            "// Request message for ContractService.GetContractInfo (edited).",
        )
    )
    stale = subprocess.run(
        ["bash", "scripts/codegen.sh", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**_env(), "SOMA_PROTO_ROOT": str(elsewhere)},
    )
    assert stale.returncode == 1
    assert "stale" in stale.stderr


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_committed_envoy_config_matches_the_registry() -> None:
    from somastack.config import Settings
    from somastack.mesh import envoy

    committed = (REPO / "deploy/envoy/envoy.yaml").read_text()
    assert committed == envoy.render_yaml(Settings.model_construct(), portable=True), (
        "deploy/envoy/envoy.yaml is stale: run `soma envoy render --portable -o deploy/envoy/envoy.yaml`"
    )
