"""What the mesh costs while nobody calls it: wake-ups, CPU and memory of each process of an idle `soma up`.

Run from the repo root with the project's venv:

    .venv/bin/python bench/idle.py                 # 60 s window after 10 s of quiet
    .venv/bin/python bench/idle.py --seconds 120 --quiet 20 --threads

It starts `soma up` on the embedded defaults (SQLite, embedded event log) in a fresh home through
`somastack.testing.launch_mesh` (with `--restart`: a second start in the same home, every database at head, as a
restarted mesh runs most of its life), waits until it is healthy and then `--quiet` seconds more (start-up work
such as the first lease grabs and checkpoints settles), and then reads, at the start and the end of a `--seconds`
window, from /proc for every process of the mesh (`soma up`, each service, Envoy, Temporal when it runs):

- wake-ups: voluntary + involuntary context switches of all its threads (`/proc/<pid>/task/*/status`), per second,
  also by thread name (`--threads` prints them: gRPC's `event_engine`, `lifeguard` and `grpc_global_tim`, Envoy's
  `wrk:worker_N`, Python threads under the process's own name);
- CPU: user + system ticks of the process (`/proc/<pid>/stat`), as a percentage of one core;
- memory at the end of the window: PSS (`/proc/<pid>/smaps_rollup`), each page shared among processes counted
  as its share, so that the sum is what the mesh takes from the machine (the services are forked from one fork
  server and share its preloaded modules: summed RSS counts those pages once per process); RSS (VmRSS) beside it.

The baseline, measured in the same run, is bench/bare_server.py: one bare grpc.aio process, idle for the same window.
Wake-ups and CPU ticks hardly depend on the machine's load, memory not at all, so the figures hold on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bare_server import launch_bare, stop_process  # bench/bare_server.py
from record import write_results  # bench/record.py: scripts here run with bench/ on sys.path

from somastack.testing import await_mesh, launch_mesh, process_name
from somastack.testing import descendants as below

REPO = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
#: The targets of issue 13: per process, and for the whole mesh.
WAKEUPS_TARGET = 10.0
CPU_TARGET_PCT = 2.0
MEMORY_TARGET_MB = 1024.0


@dataclass(frozen=True)
class Sample:
    """One reading of a process: context switches of all its threads, CPU ticks, resident memory."""

    switches: int
    ticks: int
    rss_kb: int
    #: Proportional set size: each page shared with other processes (the fork server's preloaded modules, shared
    #: libraries) counted as its share, so the mesh's PSS summed is what it takes from the machine.
    pss_kb: int
    #: Context switches by thread name (`/proc/<pid>/task/*/comm`: gRPC names its threads `event_engine`,
    #: `lifeguard`, `grpc_global_tim`, Envoy `wrk:worker_N`, ...; Python threads carry the process's name).
    by_thread: dict[str, int]


def _status_fields(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in path.read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return fields


def sample(pid: int) -> Sample | None:
    """The process's counters now; None if it is gone."""
    proc = Path(f"/proc/{pid}")
    try:
        by_thread: dict[str, int] = {}
        for task in (proc / "task").iterdir():
            try:
                fields = _status_fields(task / "status")
            except FileNotFoundError:
                continue  # a thread that ended meanwhile; its switches are lost with it
            count = int(fields["voluntary_ctxt_switches"]) + int(fields["nonvoluntary_ctxt_switches"])
            by_thread[fields["Name"]] = by_thread.get(fields["Name"], 0) + count
        switches = sum(by_thread.values())
        # utime and stime are fields 14 and 15; the name (field 2) may hold spaces, so split after its ')'.
        stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(stat[11]) + int(stat[12])
        rss_kb = int(_status_fields(proc / "status")["VmRSS"].split()[0])
        pss_kb = int(_status_fields(proc / "smaps_rollup")["Pss"].split()[0])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return Sample(switches, ticks, rss_kb, pss_kb, by_thread)


def descendants(root: int) -> list[int]:
    """`root` and every process below it (the services are forked by soma up's fork server)."""
    return [root, *below(root)]


def per_thread(before: Sample, after: Sample, elapsed: float) -> dict[str, float]:
    """Wake-ups/s by thread name, busiest first (threads that ended in the window are left out)."""
    rates = {name: (count - before.by_thread.get(name, 0)) / elapsed for name, count in after.by_thread.items()}
    return dict(sorted(((name, rate) for name, rate in rates.items() if rate > 0), key=lambda item: -item[1]))


def measure(pids: Iterable[int], seconds: float) -> dict[int, dict[str, Any]]:
    """Per process: wake-ups/s, CPU % of one core over `seconds`, and RSS and PSS (MB) at the end."""
    pids = list(pids)
    before = {pid: sample(pid) for pid in pids}
    started = time.monotonic()
    time.sleep(seconds)
    after = {pid: sample(pid) for pid in pids}
    elapsed = time.monotonic() - started
    figures: dict[int, dict[str, Any]] = {}
    for pid in pids:
        a, b = before[pid], after[pid]
        if a is None or b is None:
            continue
        figures[pid] = {
            "wakeups_per_s": (b.switches - a.switches) / elapsed,
            "cpu_pct": 100.0 * (b.ticks - a.ticks) / TICKS / elapsed,
            "rss_mb": b.rss_kb / 1024,
            "pss_mb": b.pss_kb / 1024,
            "threads": per_thread(a, b, elapsed),
        }
    return figures


def report(bare: dict[str, float], mesh: dict[str, dict[str, Any]]) -> dict[str, Any]:
    baseline = "bare grpc.aio (baseline)"
    width = max(len(name) for name in (*mesh, baseline)) + 2

    def row(name: str, f: dict[str, float], flag: str = "") -> str:
        figures = f"{f['wakeups_per_s']:>11.1f}{f['cpu_pct']:>8.2f}{f['rss_mb']:>9.1f}{f['pss_mb']:>9.1f}"
        return f"{name:<{width}}{figures}{flag}"

    print(f"{'process':<{width}}{'wakeups/s':>11}{'cpu %':>8}{'rss MB':>9}{'pss MB':>9}")
    print(row(baseline, bare))
    for name, f in sorted(mesh.items()):
        print(row(name, f, "" if f["wakeups_per_s"] <= WAKEUPS_TARGET else "  (over)"))
    total = {key: sum(f[key] for f in mesh.values()) for key in ("wakeups_per_s", "cpu_pct", "rss_mb", "pss_mb")}
    busiest = max(mesh.items(), key=lambda item: item[1]["wakeups_per_s"])
    print(
        f"mesh: {len(mesh)} processes, {total['wakeups_per_s']:.0f} wakeups/s, {total['cpu_pct']:.2f} % of a core "
        f"(target < {CPU_TARGET_PCT:.0f}), memory {total['pss_mb']:.0f} MB PSS (target <= {MEMORY_TARGET_MB:.0f}; RSS "
        f"summed {total['rss_mb']:.0f} MB counts each page shared after fork once per process); busiest "
        f"{busiest[0]} at {busiest[1]['wakeups_per_s']:.1f} wakeups/s (target <= {WAKEUPS_TARGET:.0f})"
    )
    print(
        f"against the bare process: wakeups {busiest[1]['wakeups_per_s'] / max(bare['wakeups_per_s'], 0.1):.1f}x "
        f"(busiest), PSS {total['pss_mb'] / bare['pss_mb']:.1f}x (whole mesh)"
    )
    return {"bare": bare, "processes": mesh, "total": total, "busiest": busiest[0]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--seconds",
        type=float,
        default=60.0,
        help="length of the measured window (Envoy checks a healthy service once a minute: a shorter window may or "
        "may not hold a check)",
    )
    parser.add_argument("--threads", action="store_true", help="also print each process's wake-ups by thread name")
    parser.add_argument("--quiet", type=float, default=10.0, help="seconds to wait after healthy before measuring")
    parser.add_argument("--within", type=float, default=120.0, help="seconds the mesh may take to become healthy")
    parser.add_argument("--json", type=Path, help="write results here (default bench/results/idle-<time>.json)")
    parser.add_argument(
        "--restart",
        action="store_true",
        help="measure a restarted mesh: start it once (migrations run), stop it, start it again in the same home",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soma-bench-idle-") as root:
        if args.restart:
            first = launch_mesh(Path(root) / "mesh", cwd=REPO, within=args.within, SOMA_LOG_LEVEL="warning")
            await_mesh(first, args.within)
            first.stop()
        mesh = launch_mesh(Path(root) / "mesh", cwd=REPO, within=args.within, SOMA_LOG_LEVEL="warning")
        bare_process, _port = launch_bare(Path(root))
        try:
            await_mesh(mesh, args.within)
            time.sleep(args.quiet)
            pids = descendants(mesh.process.pid)
            labels = {pid: process_name(pid) for pid in pids}
            figures = measure([*pids, bare_process.pid], args.seconds)
        finally:
            stop_process(bare_process, signal.SIGTERM, 5)
            mesh.stop()
    bare = figures.pop(bare_process.pid)
    names: dict[str, dict[str, Any]] = {}
    for pid, f in figures.items():
        name = labels[pid]
        names[name if name not in names else f"{name} ({pid})"] = f
    summary = report(bare, names)
    if args.threads:
        for name, f in sorted(names.items()):
            print(f"{name}: " + ", ".join(f"{thread} {rate:.2f}" for thread, rate in f["threads"].items()))
    fields = {"seconds": args.seconds, "quiet": args.quiet, "restart": args.restart, **summary}
    path = write_results("idle", fields, args.json)
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
