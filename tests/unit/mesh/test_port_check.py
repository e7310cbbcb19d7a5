"""`soma up`'s port check: default ports below the ephemeral range; a taken port named with what holds it."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from somastack.config import Settings
from somastack.mesh import supervisor as supervisor_module
from somastack.mesh.ports import PortsTakenError, port_holders
from somastack.mesh.supervisor import Supervisor
from somastack.registry import SERVICES, by_domain
from somastack.runtime.server import PortInUseError
from somastack.testing import free_ports

#: Linux's default ephemeral range starts here (net.ipv4.ip_local_port_range).
EPHEMERAL_LOW = 32768


def my_command() -> str:
    return " ".join(" ".join(p.decode().split()) for p in Path("/proc/self/cmdline").read_bytes().split(b"\0") if p)


@pytest.fixture
def mesh_settings(tmp_path: Path) -> Settings:
    ports = free_ports(len(SERVICES) + 2)
    return Settings(
        home=tmp_path, envoy_port=ports[0], envoy_admin_port=ports[1], port_base=ports[2], metrics_port_base=0
    )


@pytest.fixture
def squatter() -> Iterator[socket.socket]:
    with socket.socket() as held:
        yield held


def test_default_ports_lie_below_the_ephemeral_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("SOMA_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no soma.toml
    ports = Supervisor(Settings(home=tmp_path)).ports()
    assert len(ports) == 2 + 2 * len(SERVICES)
    assert all(1024 < port < EPHEMERAL_LOW for port, _ in ports), ports


def test_port_holders_name_the_listening_process(squatter: socket.socket) -> None:
    squatter.bind(("127.0.0.1", 0))
    squatter.listen()
    port = squatter.getsockname()[1]
    holders = port_holders(port)
    assert holders[0].state == "LISTEN"
    assert (holders[0].pid, holders[0].command) == (os.getpid(), my_command())
    assert port_holders(free_ports(1)[0]) == []


def test_a_taken_port_fails_the_check_naming_port_service_and_holder(
    mesh_settings: Settings, squatter: socket.socket
) -> None:
    memory = by_domain("memory").port(mesh_settings)
    squatter.bind(("127.0.0.1", memory))
    squatter.listen()
    with pytest.raises(PortsTakenError) as raised:
        Supervisor(mesh_settings).check_ports()
    assert isinstance(raised.value, PortInUseError) and raised.value.port == memory
    message = str(raised.value)
    assert message == (
        f"port already in use: memory gRPC cannot listen on 127.0.0.1:{memory}: "
        f"held by pid {os.getpid()} ({my_command()}), LISTEN"
    )


def test_every_taken_port_is_named(mesh_settings: Settings) -> None:
    wanted = [mesh_settings.envoy_port, by_domain("identity").port(mesh_settings)]
    with socket.socket() as first, socket.socket() as second:
        for held, port in zip((first, second), wanted, strict=True):
            held.bind(("127.0.0.1", port))
            held.listen()
        with pytest.raises(PortsTakenError) as raised:
            Supervisor(mesh_settings).check_ports()
    assert [t.port for t in raised.value.taken] == wanted
    assert [t.what for t in raised.value.taken] == ["envoy listener", "identity gRPC"]
    assert str(raised.value).count(f"held by pid {os.getpid()}") == 2


def test_a_port_in_the_ephemeral_range_is_warned_of(mesh_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(supervisor_module, "ephemeral_range", lambda: (mesh_settings.port_base, 60999))
    events: list[str] = []
    Supervisor(mesh_settings, on_event=events.append).check_ports()
    assert len(events) == 1 and "ephemeral range" in events[0]
    assert f"{mesh_settings.port_base} (meta gRPC)" in events[0]
    assert f"{mesh_settings.envoy_port} (envoy listener)" not in events[0]  # below the (patched) range
