"""soma-proto as a client gets it: a wheel pip-installed into a fresh venv, typed, calling the mesh."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO, Mesh

#: The contract version the wheel must carry.
VERSION = (REPO / "contracts" / "VERSION").read_text().strip()


@pytest.fixture(scope="module")
def client_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("client")
    wheels = root / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO / "gen/python")],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("soma_proto-*.whl"))
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    return python


def test_the_wheel_installs_typed_stubs_and_only_its_own_dependencies(client_venv: Path) -> None:
    script = textwrap.dedent(
        """
        import importlib.metadata as md, pathlib, json
        import soma, soma_proto
        from soma.identity.v1 import identity_service_pb2, identity_service_pb2_grpc
        root = pathlib.Path(soma.__file__).parent
        print(json.dumps({
            "version": soma_proto.CONTRACT_VERSION,
            "requires": sorted(r.split(">")[0].split("=")[0].strip() for r in md.requires("soma-proto")),
            "pyi": len(list(root.rglob("*.pyi"))),
            "typed": (root / "py.typed").exists(),
            "descriptor": soma_proto.DESCRIPTOR_SET_PATH.stat().st_size,
            "has_stub": hasattr(identity_service_pb2_grpc, "IdentityServiceStub"),
        }))
        try:
            import somastack
            print("SOMASTACK IMPORTABLE")
        except ImportError:
            pass
        """
    )
    out = subprocess.run([str(client_venv), "-c", script], capture_output=True, text=True, check=True).stdout
    assert "SOMASTACK IMPORTABLE" not in out
    import json

    facts = json.loads(out.splitlines()[0])
    assert facts["version"] == VERSION
    assert facts["requires"] == ["googleapis-common-protos", "grpcio", "protobuf"]
    assert facts["pyi"] >= 6 and facts["typed"] and facts["descriptor"] > 10_000 and facts["has_stub"]


def test_the_installed_client_talks_to_the_mesh(client_venv: Path, mesh: Mesh) -> None:
    # As a client developer would open it: TLS trusting the mesh's CA when the mesh runs on mTLS.
    ca = f'open("{mesh.certs.ca_cert}", "rb").read()'
    opening = f'grpc.secure_channel("{mesh.target}", grpc.ssl_channel_credentials({ca}))'
    if not mesh.mtls:
        opening = f'grpc.insecure_channel("{mesh.target}")'
    script = textwrap.dedent(
        f"""
        import grpc, soma_proto
        from soma.identity.v1 import identity_service_pb2 as pb, identity_service_pb2_grpc as g
        with {opening} as channel:
            compat = soma_proto.check_compatibility(channel)
            assert "soma.identity.v1.IdentityService" in compat.services, compat
            keys = g.IdentityServiceStub(channel).GetJwks(pb.GetJwksRequest(), metadata=soma_proto.version_metadata())
            print(compat.server_version, len(keys.keys))
            try:
                soma_proto.check_compatibility(channel, client_version="0.9.0")
            except soma_proto.ContractVersionError as error:
                print("REFUSED", error)
        """
    )
    result = subprocess.run([str(client_venv), "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, refused = result.stdout.splitlines()[:2]
    assert first.startswith(f"{VERSION} ") and int(first.split()[1]) >= 1
    assert refused.startswith("REFUSED soma-proto 0.9.0 is too old")
