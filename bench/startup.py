"""How long `soma up` takes to serve: Envoy and identity (the quick start's 5 s target), then the whole mesh.

Run from the repo root with the project's venv:

    .venv/bin/python bench/startup.py              # 5 starts
    .venv/bin/python bench/startup.py --runs 10

Each run starts `soma up` on SQLite in a fresh home (so every start migrates its databases and bootstraps the dev
admin, as a first `soma up` does), or with `--restart` in one home for all runs (after the first, every database is
at head: the daily restart), and measures, from the moment the process is spawned:

- "envoy + identity": IdentityService and ContractService answer SERVING through Envoy (what a client needs first);
- "whole mesh": `soma up` prints "healthy in" (every service SERVING on its own port and through Envoy);
- "stop": Ctrl-C until `soma up` has exited with every child gone;

and the CPU seconds the mesh's processes had used when it became healthy (start-up is CPU-bound: this figure hardly
depends on what else loads the machine, the seconds do).

The baseline, measured in the same run between the starts, is bench/bare_server.py: one bare grpc.aio process from
spawn to its first answer. It is what any Python gRPC service costs to start on this machine at that moment, so the
ratios hold across machines and loads where the seconds do not. Start time is a target, not a test: a loaded CI
machine stretches every start alike, and a timed assertion there would fail on the machine, not on the code.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import grpc
from bare_server import launch_bare, stop_process  # bench/bare_server.py
from grpc_health.v1 import health_pb2, health_pb2_grpc
from idle import descendants, sample  # bench/idle.py: the mesh's processes and their /proc counters
from record import write_results  # bench/record.py: scripts here run with bench/ on sys.path
from rich.console import Console
from rich.table import Table
from stats import percentile  # bench/stats.py

from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from somastack.testing import launch_mesh

REPO = Path(__file__).resolve().parent.parent
FIRST_SERVICES = ("soma.identity.v1.IdentityService", "soma.meta.v1.ContractService")
FIRST_TARGET_S = 5.0
TICKS = os.sysconf("SC_CLK_TCK")
POLL_S = 0.02

console = Console(width=None if sys.stdout.isatty() else 150)


def _serving(stub: health_pb2_grpc.HealthStub) -> bool:
    try:
        return all(
            stub.Check(health_pb2.HealthCheckRequest(service=s), timeout=0.5).status
            == health_pb2.HealthCheckResponse.SERVING
            for s in FIRST_SERVICES
        )
    except grpc.RpcError:
        return False


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes have used so far (those still running)."""
    samples = [sample(pid) for pid in pids]
    return sum(s.ticks for s in samples if s is not None) / TICKS


def bare_start(workdir: Path) -> tuple[float, float]:
    """Seconds from spawning bench/bare_server.py to its first GetContractInfo answer, and the CPU seconds it used."""
    started = time.monotonic()
    process, port = launch_bare(workdir)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            contract_service_pb2_grpc.ContractServiceStub(channel).GetContractInfo(
                contract_service_pb2.GetContractInfoRequest(), timeout=10, wait_for_ready=True
            )
        return time.monotonic() - started, cpu_seconds([process.pid])
    finally:
        stop_process(process, signal.SIGTERM, 5)


def mesh_start(home: Path, within: float) -> dict[str, float]:
    """One `soma up` in `home`: seconds to Envoy + identity serving, to the whole mesh healthy, and to stop."""
    started = time.monotonic()
    mesh = launch_mesh(home, cwd=REPO, within=within, SOMA_LOG_LEVEL="warning")
    times: dict[str, float] = {}
    try:
        deadline = started + within
        with grpc.insecure_channel(mesh.target) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            while "first" not in times:
                if time.monotonic() > deadline or mesh.process.poll() is not None:
                    raise RuntimeError(f"envoy and identity did not serve:\n{mesh.log()}")
                if _serving(stub):
                    times["first"] = time.monotonic() - started
                else:
                    time.sleep(POLL_S)
        while "healthy in" not in mesh.log():
            if time.monotonic() > deadline or mesh.process.poll() is not None:
                raise RuntimeError(f"the mesh did not become healthy:\n{mesh.log()}")
            time.sleep(POLL_S)
        times["all"] = time.monotonic() - started
        # CPU spent by the whole mesh until then: what start-up costs, whatever else loads the machine.
        times["cpu"] = cpu_seconds(descendants(mesh.process.pid))
    finally:
        stopping = time.monotonic()
        code = mesh.stop()
        times["stop"] = time.monotonic() - stopping
    if code != 0:
        raise RuntimeError(f"soma up exited with {code}:\n{mesh.log()}")
    return times


def report(
    bare: list[float], bare_cpu: list[float], starts: list[dict[str, float]], restart: bool = False
) -> dict[str, Any]:
    base = percentile(bare, 50)
    where = "in one home (databases at head after the first)" if restart else "from a fresh home"
    table = Table(title=f"soma up, {len(starts)} starts {where} (s)", title_justify="left")
    for column in ("measure", "p50", "min", "max", "p50 / bare process"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    summary: dict[str, Any] = {"bare_process_s": {"p50": base, "min": min(bare), "max": max(bare)}}
    table.add_row("bare grpc.aio process (baseline)", f"{base:.2f}", f"{min(bare):.2f}", f"{max(bare):.2f}", "1.0x")
    for key, label in (
        ("first", "envoy + identity serving"),
        ("all", "whole mesh healthy"),
        ("stop", "Ctrl-C → all gone"),
    ):
        values = [run[key] for run in starts]
        p50 = percentile(values, 50)
        summary[f"{key}_s"] = {"p50": p50, "min": min(values), "max": max(values), "ratio": p50 / base}
        table.add_row(label, f"{p50:.2f}", f"{min(values):.2f}", f"{max(values):.2f}", f"{p50 / base:.1f}x")
    console.print(table)
    cpu, cpu_base = [run["cpu"] for run in starts], percentile(bare_cpu, 50)
    summary["cpu_s"] = {"p50": percentile(cpu, 50), "min": min(cpu), "max": max(cpu), "bare_p50": cpu_base}
    console.print(
        f"CPU seconds of the whole mesh until healthy: p50 {percentile(cpu, 50):.2f} (min {min(cpu):.2f}, max "
        f"{max(cpu):.2f}); the bare process until its first answer {cpu_base:.2f} "
        f"({percentile(cpu, 50) / max(cpu_base, 0.01):.1f}x)"
    )
    first = summary["first_s"]["p50"]
    verdict = "[green]within[/green]" if first <= FIRST_TARGET_S else "[red]over[/red]"
    console.print(
        f"envoy + identity serve {first:.2f} s after `soma up` starts ({verdict} the {FIRST_TARGET_S:.0f} s target)"
    )
    summary["first_target_s"] = FIRST_TARGET_S
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="starts of soma up (each with a bare-process start before)")
    parser.add_argument("--within", type=float, default=90.0, help="seconds a start may take before it is a failure")
    parser.add_argument("--json", type=Path, help="write results here (default bench/results/startup-<time>.json)")
    parser.add_argument(
        "--restart", action="store_true", help="start every run in the same home (databases already at head)"
    )
    args = parser.parse_args(argv)
    bare: list[float] = []
    bare_cpu: list[float] = []
    starts: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="soma-bench-startup-") as root:
        for run in range(args.runs):
            # Interleaved, so that a change in the machine's load shows in both columns.
            seconds, cpu = bare_start(Path(root))
            bare.append(seconds)
            bare_cpu.append(cpu)
            starts.append(mesh_start(Path(root) / ("home" if args.restart else f"run{run}"), args.within))
            console.print(
                f"run {run + 1}/{args.runs}: bare {bare[-1]:.2f} s, envoy + identity {starts[-1]['first']:.2f} s, "
                f"whole mesh {starts[-1]['all']:.2f} s, stop {starts[-1]['stop']:.2f} s"
            )
    summary = report(bare, bare_cpu, starts, args.restart)
    path = write_results("startup", {"runs": args.runs, "restart": args.restart, "summary": summary}, args.json)
    console.print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
