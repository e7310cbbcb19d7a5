"""Shared fixtures: free ports, and a real mesh (`soma up` as a subprocess: Envoy + every service).

Integration tests need real servers. PostgreSQL tests run when SOMA_TEST_POSTGRES_URL
is set; without it they skip with the reason, except under CI=true, where a missing
server is a failure.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from somastack.registry import SERVICES

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_env(name: str) -> str:
    """The value of a test-server URL variable; skip without it (fail under CI)."""
    value = os.environ.get(name)
    if not value:
        message = f"{name} is not set: no server to test against"
        if IN_CI:
            pytest.fail(f"{message} (CI=true requires it)")
        pytest.skip(message)
    return value


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> list[int]:
    """`count` consecutive free ports on 127.0.0.1 (the registry gives services consecutive ports)."""
    for _ in range(200):
        base = random.randint(20000, 60000 - count)
        ports = list(range(base, base + count))
        if all(_bindable(p) for p in ports):
            return ports
    raise RuntimeError("no block of free ports found")


@dataclass
class Mesh:
    """A running `soma up`: where to reach it and how to stop it."""

    home: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    envoy_port: int
    admin_port: int
    port_base: int
    metrics_base: int
    output: list[str] = field(default_factory=list)

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.envoy_port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.envoy_port}"

    def service_target(self, domain: str) -> str:
        index = next(s.index for s in SERVICES if s.domain == domain)
        return f"127.0.0.1:{self.port_base + index}"

    @property
    def admin_token(self) -> str:
        return (self.home / "dev" / "admin.token").read_text().strip()

    def stop(self, timeout: float = 30) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def mesh_env(home: Path, **extra: str) -> tuple[dict[str, str], dict[str, int]]:
    envoy_port, admin_port = free_ports(2)
    port_base = free_ports(len(SERVICES))[0]
    metrics_base = free_ports(len(SERVICES))[0]
    env = {
        **os.environ,
        "SOMA_HOME": str(home),
        "SOMA_STAGE": "dev",
        "SOMA_ENVOY_PORT": str(envoy_port),
        "SOMA_ENVOY_ADMIN_PORT": str(admin_port),
        "SOMA_PORT_BASE": str(port_base),
        "SOMA_METRICS_PORT_BASE": str(metrics_base),
        "SOMA_DRAIN_GRACE_SECONDS": "2",
        **extra,
    }
    env.pop("SOMA_CHANNEL", None)
    ports = {"envoy": envoy_port, "admin": admin_port, "base": port_base, "metrics": metrics_base}
    return env, ports


def wait_serving(target: str, services: list[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(target) as channel:
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


def start_mesh(home: Path, timeout: float = 60, **extra: str) -> Mesh:
    """Runs `soma up` and returns once every service answers SERVING through Envoy."""
    env, ports = mesh_env(home, **extra)
    home.mkdir(parents=True, exist_ok=True)
    with (home / "soma-up.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "somastack", "up"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    mesh = Mesh(home, env, process, ports["envoy"], ports["admin"], ports["base"], ports["metrics"])
    names = [name for spec in SERVICES for name in spec.services]
    if not wait_serving(mesh.target, names, timeout) or process.poll() is not None:
        mesh.stop()
        raise RuntimeError(f"mesh did not become healthy:\n{(home / 'soma-up.log').read_text()}")
    # `soma up` writes the admin token before it reports healthy; wait for its table too.
    deadline = time.monotonic() + timeout
    while "healthy in" not in (home / "soma-up.log").read_text():
        if time.monotonic() > deadline or process.poll() is not None:
            mesh.stop()
            raise RuntimeError(f"soma up did not report healthy:\n{(home / 'soma-up.log').read_text()}")
        time.sleep(0.05)
    return mesh


@pytest.fixture(scope="session")
def mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    """The whole mesh on SQLite, shared by the integration and contract tests."""
    running = start_mesh(tmp_path_factory.mktemp("mesh"))
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="session")
def pg_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    """The whole mesh on PostgreSQL, in schemas of its own that are dropped afterwards."""
    url = require_env("SOMA_TEST_POSTGRES_URL")
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    running = start_mesh(tmp_path_factory.mktemp("pgmesh"), SOMA_DATABASE_URL=url, SOMA_DB_SCHEMA_PREFIX=prefix)
    yield running
    assert running.stop() == 0
    _drop_schemas(url, prefix)


def _drop_schemas(url: str, prefix: str) -> None:
    import asyncio

    import asyncpg  # type: ignore[import-untyped]

    async def drop() -> None:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            for spec in SERVICES:
                await connection.execute(f'DROP SCHEMA IF EXISTS "{prefix}{spec.domain}" CASCADE')
        finally:
            await connection.close()

    asyncio.run(drop())
