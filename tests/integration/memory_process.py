"""A memory service process of its own (`soma serve memory`) for tests that configure, stop or kill it.

It verifies tokens with the JWKS of the shared mesh's identity service (through that mesh's Envoy), so the
tokens `ensure_tenant_with_owner` issues work against it, and it keeps its state under its own home.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import grpc

from somastack.mesh.forkserver import die_with_parent
from somastack.testing import free_ports, wait_serving
from tests.conftest import REPO, Mesh

SERVICE = "soma.memory.v1.MemoryService"


@dataclass
class MemoryProcess:
    home: Path
    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    #: The mesh whose identity it trusts, and whose certificates it serves with when that mesh runs on mTLS.
    mesh: Mesh

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def channel(self) -> grpc.Channel:
        """A channel to this process, over mTLS (the operator's certificate) when its mesh runs on it."""
        return self.mesh.channel(self.target)

    def log(self) -> str:
        path = self.home / "memory.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no drain, no index save, no goodbye."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> int:
        """SIGTERM: the graceful drain a supervisor would ask for."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_memory(home: Path, mesh: Mesh, settings: dict[str, str], *, within: float = 40) -> MemoryProcess:
    """Starts `soma serve memory` on a free port with `settings` (SOMA_* variables) and waits until it serves."""
    home.mkdir(parents=True, exist_ok=True)
    (port,) = free_ports(1)
    env = {key: value for key, value in os.environ.items() if not key.startswith("SOMA_")}
    env.update(
        {
            "SOMA_HOME": str(home),
            "SOMA_STAGE": "dev",
            "SOMA_MESH_TARGET": mesh.target,
            "SOMA_METRICS_PORT_BASE": "0",
            "SOMA_DRAIN_GRACE_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
            **settings,
        }
    )
    if mesh.mtls:  # serve with the mesh's certificates, and reach its identity through Envoy's internal listener
        env.update(
            {
                "SOMA_MTLS": "on",
                "SOMA_CERTS_DIR": str(mesh.certs.root),
                "SOMA_MESH_TARGET": f"127.0.0.1:{mesh.internal_port}",
            }
        )
    with (home / "memory.log").open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "somastack", "serve", "memory", "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )
    running = MemoryProcess(home, port, env, process, mesh)
    if not wait_serving(mesh.dial(running.target), [SERVICE], within) or process.poll() is not None:
        running.kill()
        raise RuntimeError(f"soma serve memory did not start:\n{running.log()}")
    return running
