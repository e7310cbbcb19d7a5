"""The mesh on mutual TLS (SOMA_MTLS=on): `soma up` healthy, gRPC and REST through Envoy over TLS, every service
port and Envoy's internal listener refusing plaintext, certificate-less and wrongly-signed clients, and
certificates rotated under load without a failed call."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from grpc_health.v1 import health_pb2, health_pb2_grpc

from soma.memory.v1 import memory_pb2, memory_service_pb2, memory_service_pb2_grpc
from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from somastack.config import Settings
from somastack.mesh import certs
from somastack.platform.tls import ENVOY, OPERATOR, CertLayout, Dial, client_credentials, ssl_context, sync_channel
from somastack.registry import SERVICES
from tests.conftest import REPO, Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, mesh_on

IDENTITY = "soma.identity.v1.IdentityService"


@pytest.fixture(scope="module")
def mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    """`soma up` with SOMA_MTLS=on: it issues the certificates that are missing and serves every hop on TLS."""
    with mesh_on("embedded", tmp_path_factory.mktemp("mtls"), "tm", SOMA_MTLS="on") as running:
        yield running


@pytest.fixture(scope="module")
def owner(mesh: Mesh) -> tuple[str, str]:
    """A tenant and its owner's token, made over TLS through Envoy."""
    tenant = f"mtls-{uuid.uuid4().hex[:8]}"
    with mesh.channel() as channel:
        return tenant, ensure_tenant_with_owner(channel, mesh.admin_token, tenant)


@pytest.fixture(scope="module")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> CertLayout:
    """A CA of its own, with a client certificate named like the operator's: trusted by nobody in the mesh."""
    settings = Settings(home=tmp_path_factory.mktemp("stranger"))
    certs.ensure_certificates(settings, [OPERATOR])
    return CertLayout(settings.certs_root)


def health(target: Dial | str, service: str = IDENTITY) -> grpc.StatusCode:
    """The code a health check ends with (OK when it answered)."""
    with sync_channel(target) as channel:
        try:
            health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        except grpc.RpcError as error:
            return error.code()  # type: ignore[attr-defined, no-any-return]
    return grpc.StatusCode.OK


def remember(channel: grpc.Channel, owner: tuple[str, str], text: str) -> str:
    """A write that crosses the mesh twice: memory reads identity's keys through Envoy's internal listener."""
    memory = memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text=text)
    reply = memory_service_pb2_grpc.MemoryServiceStub(channel).Remember(
        memory_service_pb2.RememberRequest(parent=f"tenants/{owner[0]}", memory=memory),
        metadata=bearer(owner[1]),
        timeout=10,
    )
    return str(reply.memory.name)


def test_soma_up_is_healthy_and_serves_grpc_and_rest_over_tls(mesh: Mesh, owner: tuple[str, str]) -> None:
    assert "SERVING" in mesh.log() and "over TLS" in mesh.log()
    with mesh.channel() as channel:
        info = contract_service_pb2_grpc.ContractServiceStub(channel).GetContractInfo(
            contract_service_pb2.GetContractInfoRequest(), timeout=5
        )
        assert info.current_version
        for spec in SERVICES:  # meta asks each service on its own port, over mTLS
            assert health(mesh.dial(), spec.services[0]) is grpc.StatusCode.OK, spec.domain
        assert remember(channel, owner, "written over TLS").startswith(f"tenants/{owner[0]}/memories/")
    with mesh.http() as http:
        assert mesh.url.startswith("https://")
        response = http.post(
            f"/v1/tenants/{owner[0]}/memories",
            json={"memory": {"kind": "MEMORY_KIND_SEMANTIC", "text": "written over HTTPS"}},
            headers={"authorization": f"Bearer {owner[1]}"},
        )
        assert response.status_code == 200, response.text
        assert http.get("/console/").status_code in (200, 503)


def test_plaintext_clients_are_refused_everywhere(mesh: Mesh) -> None:
    for target in (mesh.target, f"127.0.0.1:{mesh.internal_port}", mesh.service_target("identity")):
        assert health(target) is grpc.StatusCode.UNAVAILABLE, target


def test_service_ports_and_the_internal_listener_require_a_mesh_client_certificate(mesh: Mesh) -> None:
    anonymous = grpc.ssl_channel_credentials(root_certificates=mesh.certs.ca_cert.read_bytes())
    internal = f"127.0.0.1:{mesh.internal_port}"
    for spec in SERVICES:
        target = mesh.service_target(spec.domain)
        assert health(Dial(target, anonymous), spec.services[0]) is grpc.StatusCode.UNAVAILABLE, spec.domain
        assert health(mesh.dial(target), spec.services[0]) is grpc.StatusCode.OK, spec.domain
    assert health(Dial(internal, anonymous)) is grpc.StatusCode.UNAVAILABLE
    assert health(mesh.dial(internal)) is grpc.StatusCode.OK
    # Envoy's public listener asks for no client certificate: clients, grpcurl and the console need none.
    assert health(Dial(mesh.target, anonymous)) is grpc.StatusCode.OK


def test_a_certificate_of_another_ca_is_refused(mesh: Mesh, stranger: CertLayout) -> None:
    # The stranger trusts the mesh CA (it knows whom it calls) but presents a certificate the mesh never issued.
    forged = grpc.ssl_channel_credentials(
        root_certificates=mesh.certs.ca_cert.read_bytes(),
        private_key=stranger.key(OPERATOR).read_bytes(),
        certificate_chain=stranger.cert(OPERATOR).read_bytes(),
    )
    for target in (mesh.service_target("identity"), mesh.service_target("memory"), f"127.0.0.1:{mesh.internal_port}"):
        assert health(Dial(target, forged), "") is grpc.StatusCode.UNAVAILABLE, target
    # And a client that trusts only its own CA does not accept the mesh as a peer either.
    assert health(Dial(mesh.target, client_credentials(stranger, OPERATOR))) is grpc.StatusCode.UNAVAILABLE


def served_fingerprint(port: int, layout: CertLayout) -> str:
    """SHA-256 of the certificate a fresh TLS connection to `port` is served (presenting the operator's)."""
    context = ssl_context(layout, OPERATOR)
    context.check_hostname = False
    context.set_alpn_protocols(["h2"])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, context.wrap_socket(raw) as tls:
        der = tls.getpeercert(binary_form=True)
    assert der is not None
    return hashlib.sha256(der).hexdigest()


def file_fingerprint(path: Path) -> str:
    certificate = x509.load_pem_x509_certificate(path.read_bytes())
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


class Load:
    """Callers that keep calling through Envoy (gRPC over TLS) until stopped, counting every call and failure. Each
    opens a new channel, a new TLS handshake, every few calls, so handshakes happen across the rotation too."""

    def __init__(self, mesh: Mesh, owner: tuple[str, str], callers: int = 4) -> None:
        self.mesh, self.owner = mesh, owner
        self.calls = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(callers)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(30)

    def _run(self, caller: int) -> None:
        while not self._stop.is_set():
            with self.mesh.channel() as channel:
                for n in range(5):
                    try:
                        remember(channel, self.owner, f"caller {caller} call {n} during rotation")
                        outcome = None
                    except grpc.RpcError as error:
                        outcome = f"{error.code()}: {error.details()}"  # type: ignore[attr-defined]
                    with self._lock:
                        self.calls += 1
                        if outcome:
                            self.failures.append(outcome)


def wait_for(condition: object, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.2)
    return False


def test_certificates_rotate_under_load_without_a_failed_call(mesh: Mesh, owner: tuple[str, str]) -> None:
    layout = mesh.certs
    memory_port = int(mesh.service_target("memory").rsplit(":", 1)[1])
    before = {ENVOY: file_fingerprint(layout.cert(ENVOY)), "memory": file_fingerprint(layout.cert("memory"))}
    assert served_fingerprint(mesh.envoy_port, layout) == before[ENVOY]
    assert served_fingerprint(memory_port, layout) == before["memory"]
    with Load(mesh, owner) as load:
        for _ in range(2):
            time.sleep(1.5)
            rotated = subprocess.run(
                [sys.executable, "-m", "somastack", "certs", "rotate"],
                env=mesh.env,
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert rotated.returncode == 0, rotated.stdout + rotated.stderr
        after = {ENVOY: file_fingerprint(layout.cert(ENVOY)), "memory": file_fingerprint(layout.cert("memory"))}
        assert after[ENVOY] != before[ENVOY] and after["memory"] != before["memory"]
        # New connections get the new certificates: Envoy's listeners through SDS, the service at its next handshake.
        assert wait_for(lambda: served_fingerprint(mesh.envoy_port, layout) == after[ENVOY], 15)
        assert wait_for(lambda: served_fingerprint(mesh.internal_port, layout) == after[ENVOY], 15)
        assert wait_for(lambda: served_fingerprint(memory_port, layout) == after["memory"], 15)
        time.sleep(1.5)
    assert load.failures == [], load.failures[:5]
    assert load.calls >= 40, load.calls
    print(f"\nrotation under load: {load.calls} calls, {len(load.failures)} failed")
