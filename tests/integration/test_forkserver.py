"""Services forked from soma up's fork server: set up as exec'd ones were, and gone when soma up is killed."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from somastack.registry import SERVICES, WEB_APPS
from somastack.testing import descendants, process_name, service_pids, start_mesh
from tests.conftest import REPO


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_each_service_is_a_titled_session_leader_forked_by_the_fork_server(tmp_path: Path) -> None:
    mesh = start_mesh(tmp_path, cwd=REPO)
    try:
        names = {pid: process_name(pid) for pid in descendants(mesh.process.pid)}
        servers = [pid for pid, name in names.items() if name == "fork server"]
        assert len(servers) == 1, names
        assert _parent(servers[0]) == mesh.process.pid
        pids = service_pids(mesh.process.pid)
        assert set(pids) == {spec.domain for spec in SERVICES} | {app.name for app in WEB_APPS}
        for domain, pid in pids.items():
            assert Path(f"/proc/{pid}/cmdline").read_bytes().startswith(f"soma serve {domain}".encode())
            assert _parent(pid) == servers[0]
            assert os.getsid(pid) == pid  # its own session: a terminal's Ctrl-C reaches soma up alone
            log = mesh.home / "dev" / "logs" / f"{domain}.log"
            assert log.stat().st_size > 0  # its output goes to its own log
    finally:
        assert mesh.stop() == 0


def test_killing_soma_up_takes_the_fork_server_and_every_service_with_it(tmp_path: Path) -> None:
    mesh = start_mesh(tmp_path, cwd=REPO)
    left = descendants(mesh.process.pid)
    assert len(left) >= len(SERVICES) + 2  # the services, the fork server, Envoy
    os.kill(mesh.process.pid, signal.SIGKILL)
    mesh.process.wait(timeout=10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in left):
        time.sleep(0.1)
    assert not [process_name(pid) for pid in left if _alive(pid)]
