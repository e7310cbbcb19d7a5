"""Who holds a TCP port: the sockets on it from /proc/net/tcp{,6} and the processes owning them (Linux, best effort).

`soma up` asks when a port of the mesh cannot be bound, so that its error names the culprit instead of only the
port. Sockets of other users' processes show without a pid (their /proc/<pid>/fd cannot be read); a connection in
TIME_WAIT belongs to no process any more.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from somastack.runtime.server import PortInUseError

#: /proc/net/tcp's `st` column.
TCP_STATES = {
    "01": "ESTABLISHED",
    "02": "SYN_SENT",
    "03": "SYN_RECV",
    "04": "FIN_WAIT1",
    "05": "FIN_WAIT2",
    "06": "TIME_WAIT",
    "07": "CLOSE",
    "08": "CLOSE_WAIT",
    "09": "LAST_ACK",
    "0A": "LISTEN",
    "0B": "CLOSING",
}
_PROC = Path("/proc")


@dataclass(frozen=True)
class Holder:
    """One socket bound to the port, and the process that owns it when it can be seen."""

    state: str
    inode: int
    pid: int | None = None
    command: str | None = None

    def describe(self) -> str:
        if self.pid is not None:
            return f"pid {self.pid} ({self.command or '?'}), {self.state}"
        if self.inode == 0:
            return f"a closed connection in {self.state} (no process; the kernel frees the port shortly)"
        return f"a {self.state} socket of a process this user cannot see (inode {self.inode})"


def _sockets(port: int, tables: Iterable[Path]) -> list[tuple[str, int]]:
    """(state, inode) of every socket whose local port is `port`."""
    found = []
    for table in tables:
        try:
            lines = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10:
                continue
            local_port = int(fields[1].rpartition(":")[2], 16)
            if local_port == port:
                found.append((TCP_STATES.get(fields[3], fields[3]), int(fields[9])))
    return found


def _owners(inodes: set[int]) -> dict[int, int]:
    """inode -> pid, for the sockets among `inodes` that this user's processes hold."""
    wanted = {f"socket:[{inode}]": inode for inode in inodes if inode}
    owners: dict[int, int] = {}
    if not wanted:
        return owners
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            descriptors = os.listdir(entry / "fd")
        except OSError:
            continue
        for descriptor in descriptors:
            try:
                target = os.readlink(entry / "fd" / descriptor)
            except OSError:
                continue
            if target in wanted:
                owners.setdefault(wanted[target], int(entry.name))
    return owners


def _command(pid: int) -> str | None:
    try:
        raw = (_PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return None
    # One line, however the arguments were written: it goes into an error message.
    command = " ".join(" ".join(part.decode(errors="replace").split()) for part in raw.split(b"\0") if part)
    return command[:200] or None


def port_holders(port: int) -> list[Holder]:
    """The sockets on TCP `port` (IPv4 and IPv6) with their owning process where visible; listeners first."""
    sockets = _sockets(port, (_PROC / "net" / "tcp", _PROC / "net" / "tcp6"))
    owners = _owners({inode for _, inode in sockets})
    holders = {
        Holder(state, inode, owners.get(inode), _command(owners[inode]) if inode in owners else None)
        for state, inode in sockets
    }
    return sorted(holders, key=lambda h: (h.state != "LISTEN", h.pid is None, h.pid or 0, h.inode))


def describe_holders(holders: Sequence[Holder]) -> str:
    """Who holds a port, in words: each owning process once, else what the kernel shows."""
    if not holders:
        return "held by nothing this user can see"
    with_pid = {h.pid: h for h in holders if h.pid is not None}
    shown = list(with_pid.values()) or list(holders[:1])
    return "held by " + "; ".join(h.describe() for h in shown)


@dataclass(frozen=True)
class TakenPort:
    """A port the mesh needs that cannot be bound."""

    host: str
    port: int
    what: str
    holders: tuple[Holder, ...]

    def describe(self) -> str:
        return f"{self.what} cannot listen on {self.host}:{self.port}: {describe_holders(self.holders)}"


class PortsTakenError(PortInUseError):
    """Ports of the mesh are already in use; the message names each, who wanted it and what holds it."""

    def __init__(self, taken: Sequence[TakenPort]) -> None:
        first = taken[0]
        super().__init__(first.host, first.port, first.what)
        self.taken = tuple(taken)
        lines = [t.describe() for t in self.taken]
        if len(lines) == 1:
            self.args = (f"port already in use: {lines[0]}",)
        else:
            self.args = ("ports already in use:\n  " + "\n  ".join(lines),)


def ephemeral_range() -> tuple[int, int] | None:
    """The kernel's range of ports for the client side of outgoing connections (Linux), None when unknown."""
    try:
        low, high = (_PROC / "sys" / "net" / "ipv4" / "ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return None
