"""What a connection flood does to the mesh: 21,000 idle TCP connections against Envoy, as an attacker would open them.

Run from the repo root with the project's venv:

    .venv/bin/python bench/flood.py                          # 21,000 connections in 3 holder processes
    .venv/bin/python bench/flood.py --connections 5000 --holders 1 --calls 300

It starts `soma up` on the embedded defaults (Envoy's connection limit `SOMA_ENVOY_MAX_CONNECTIONS`, 10,000 unless
set) and opens one gRPC channel to Envoy, admitted before the flood. It calls GetContractInfo `--calls` times on it
back to back (the baseline), then `--holders` processes open `--connections` TCP connections to Envoy between them
and hold them without sending a byte, and the same calls are made again on the admitted channel while the flood
stands (the ratio of the two p50/p99 is the flood's cost to a client already connected). Reported beside it: how
many flood connections Envoy accepted and how many it closed at once (its overload manager), Envoy's own count of
refused connections, Envoy's RSS before and during the flood, whether a new client could connect during the flood,
and how long after the flood is released a new client is served again.

Before the connection limit, 21,000 such connections took the whole mesh offline. Each holder process opens at most
`--per-holder` sockets (the machine's per-process file limit is 20,000 here).
"""

from __future__ import annotations

import argparse
import json
import resource
import select
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import grpc
import httpx
from record import write_results  # bench/record.py: scripts here run with bench/ on sys.path
from rich.console import Console
from rich.table import Table
from stats import percentile  # bench/stats.py

from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from somastack.testing import MeshProcess, await_mesh, launch_mesh


def _hold(port: int, count: int) -> None:
    """A holder process: opens `count` connections, reports how many Envoy closed, holds the rest until stdin ends."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    held: list[socket.socket] = []
    failed = 0
    for _ in range(count):
        try:
            held.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        except OSError:
            failed += 1
    time.sleep(1.0)  # Envoy closes what it refuses at once: give it a moment
    closed = _closed(held)
    print(json.dumps({"opened": len(held), "failed": failed, "closed": closed}), flush=True)
    sys.stdin.read()  # held until the parent closes our stdin
    for sock in held:
        sock.close()


def _closed(sockets: list[socket.socket]) -> int:
    """How many of `sockets` the peer has closed (readable with nothing to read, or reset)."""
    closed = 0
    for start in range(0, len(sockets), 512):  # select() takes at most FD_SETSIZE descriptors: poll in slices
        chunk = sockets[start : start + 512]
        poller = select.poll()
        for sock in chunk:
            poller.register(sock, select.POLLIN | select.POLLHUP | select.POLLERR)
        for fd, _ in poller.poll(0):
            sock = next(s for s in chunk if s.fileno() == fd)
            try:
                closed += sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
            except (ConnectionResetError, BlockingIOError):
                closed += 1
    return closed


def _calls(channel: grpc.Channel, count: int) -> tuple[list[float], int]:
    """Latencies (ms) of `count` GetContractInfo calls back to back, and how many failed."""
    stub = contract_service_pb2_grpc.ContractServiceStub(channel)
    request = contract_service_pb2.GetContractInfoRequest()
    latencies, failed = [], 0
    for _ in range(count):
        start = time.perf_counter()
        try:
            stub.GetContractInfo(request, timeout=5)
            latencies.append((time.perf_counter() - start) * 1000)
        except grpc.RpcError:
            failed += 1
    return latencies, failed


def _fresh_client_served(target: str, timeout: float = 2.0) -> bool:
    """Whether a client that connects now is served."""
    with grpc.insecure_channel(target) as channel:
        try:
            contract_service_pb2_grpc.ContractServiceStub(channel).GetContractInfo(
                contract_service_pb2.GetContractInfoRequest(), timeout=timeout
            )
        except grpc.RpcError:
            return False
    return True


def _envoy_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kb / 1024


def _envoy_pid(mesh: MeshProcess) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmdline and cmdline[0].endswith(b"envoy") and str(mesh.home).encode() in b" ".join(cmdline):
                return int(entry.name)
    raise RuntimeError("no Envoy process of this mesh")


def _overflow(mesh: MeshProcess) -> int:
    text = httpx.get(f"http://127.0.0.1:{mesh.admin_port}/stats", timeout=5).text
    return sum(
        int(line.rpartition(": ")[2])
        for line in text.splitlines()
        if line.partition(": ")[0].endswith("downstream_global_cx_overflow")
    )


def _start_holders(port: int, connections: int, per_holder: int) -> list[subprocess.Popen[str]]:
    holders = []
    while connections > 0:
        count = min(connections, per_holder)
        holders.append(
            subprocess.Popen(
                [sys.executable, __file__, "--hold", str(count), "--port", str(port)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
        connections -= count
    return holders


def _flood_figures(holders: list[subprocess.Popen[str]]) -> dict[str, int]:
    """What the holders report once their connections are open: opened, failed to open, closed by Envoy."""
    totals = {"opened": 0, "failed": 0, "closed": 0}
    for holder in holders:
        assert holder.stdout is not None
        report = json.loads(holder.stdout.readline())
        for key in totals:
            totals[key] += report[key]
    return totals


def _release(holders: list[subprocess.Popen[str]]) -> None:
    for holder in holders:
        assert holder.stdin is not None
        holder.stdin.close()
    for holder in holders:
        holder.wait(timeout=30)


def _recovery_seconds(target: str, within: float = 60.0) -> float:
    """How long after the flood's release a new client is served again."""
    start = time.monotonic()
    while not _fresh_client_served(target, timeout=1.0):
        if time.monotonic() - start > within:
            return float("inf")
        time.sleep(0.1)
    return time.monotonic() - start


def run(args: argparse.Namespace, console: Console) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="soma-flood-"))
    mesh = launch_mesh(home, SOMA_LOG_LEVEL="warning")
    try:
        await_mesh(mesh)
        envoy = _envoy_pid(mesh)
        with grpc.insecure_channel(mesh.target) as admitted:
            _calls(admitted, 50)  # warm-up
            baseline, baseline_failed = _calls(admitted, args.calls)
            rss_before = _envoy_rss_mb(envoy)
            console.print(f"opening {args.connections:,} idle connections in {args.holders_needed} holder(s)...")
            started = time.monotonic()
            holders = _start_holders(mesh.envoy_port, args.connections, args.per_holder)
            try:
                flood = _flood_figures(holders)
                opened_in = time.monotonic() - started
                during, during_failed = _calls(admitted, args.calls)
                figures = {
                    **flood,
                    "opened_in_s": round(opened_in, 1),
                    "envoy_refused": _overflow(mesh),
                    "envoy_rss_mb": (round(rss_before, 1), round(_envoy_rss_mb(envoy), 1)),
                    "fresh_client_served_during_flood": _fresh_client_served(mesh.target),
                }
            finally:
                _release(holders)
            figures["recovery_s"] = round(_recovery_seconds(mesh.target), 2)
            after, after_failed = _calls(admitted, args.calls)
    finally:
        mesh.stop()
    latency = {
        name: {"p50": percentile(samples, 50), "p99": percentile(samples, 99), "failed": failed}
        for name, samples, failed in (
            ("before", baseline, baseline_failed),
            ("during", during, during_failed),
            ("after", after, after_failed),
        )
    }
    return {"connections": args.connections, "latency_ms": latency, **figures}


def report(results: dict[str, Any], console: Console) -> None:
    table = Table(title="GetContractInfo on a channel admitted before the flood (ms)")
    for column in ("phase", "p50", "p99", "failed"):
        table.add_column(column, justify="right" if column != "phase" else "left")
    for phase, figures in results["latency_ms"].items():
        table.add_row(phase, f"{figures['p50']:.2f}", f"{figures['p99']:.2f}", str(figures["failed"]))
    console.print(table)
    before, during = results["latency_ms"]["before"], results["latency_ms"]["during"]
    rss = results["envoy_rss_mb"]
    console.print(
        f"flood: {results['opened']:,} of {results['connections']:,} connections opened in {results['opened_in_s']} s"
        f" ({results['failed']:,} could not connect), {results['closed']:,} closed at once by Envoy"
        f" (it counts {results['envoy_refused']:,} refused); Envoy RSS {rss[0]:.0f} -> {rss[1]:.0f} MB"
    )
    console.print(
        f"admitted client during the flood: p50 {during['p50'] / before['p50']:.2f}x, "
        f"p99 {during['p99'] / before['p99']:.2f}x its baseline, {during['failed']} failed; "
        f"a new client {'was' if results['fresh_client_served_during_flood'] else 'was not'} served during the flood;"
        f" served again {results['recovery_s']} s after the flood ended"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=21_000)
    parser.add_argument("--per-holder", type=int, default=9_000, help="connections per holder process")
    parser.add_argument("--calls", type=int, default=300, help="calls per latency phase")
    parser.add_argument("--hold", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hold is not None:
        _hold(args.port, args.hold)
        return
    args.holders_needed = -(-args.connections // args.per_holder)
    console = Console()
    results = run(args, console)
    report(results, console)
    console.print(f"results: {write_results('flood', results)}")


if __name__ == "__main__":
    main()
