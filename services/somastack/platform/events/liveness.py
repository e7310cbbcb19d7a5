"""Whether the process that wrote an id is gone: lets the embedded log hand a dead holder's lease over at once.

An id names its process as `<machine>/<pid>/<start>`: the machine is the kernel's boot id and the process's pid
namespace (so two containers sharing a volume never judge each other's pids), the start is the process's start
time in clock ticks since boot (so a pid the kernel reused does not pass for the old process). Only a process on
the same machine can tell, and only where /proc says so (Linux); elsewhere `gone` always answers False and a lease
runs out as before.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


def _start_ticks(pid: int | str) -> str | None:
    """The start time of a live process (field 22 of /proc/<pid>/stat); None if there is none, or only its zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields[19]


@cache
def _machine() -> str | None:
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        return None
    return f"{boot}:{namespace}"


def process_id() -> str | None:
    """This process's id, `<machine>/<pid>/<start>`; None where processes cannot be told apart this way."""
    machine, start = _machine(), _start_ticks("self")
    if machine is None or start is None:
        return None
    return f"{machine}/{os.getpid()}/{start}"


def gone(process: str) -> bool:
    """Whether the process `process` (an id from `process_id`) has certainly exited; False when unsure."""
    parts = process.split("/")
    if len(parts) != 3 or parts[0] != _machine() or not parts[1].isdigit():
        return False
    return _start_ticks(int(parts[1])) != parts[2]
