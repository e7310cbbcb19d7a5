"""What the Soma runtime costs per call: GetContractInfo on a bare grpc.aio server, through the full chain, via Envoy.

Run from the repo root with the project's venv:

    .venv/bin/python bench/runtime.py             # 3 s per cell at concurrency 1, 16 and 64
    .venv/bin/python bench/runtime.py --quick     # a short smoke run

Targets: (a) a bare grpc.aio server without interceptors (bench/bare_server.py); (b) the meta service of a real
`soma up` with its full interceptor chain, called directly with a bearer token; (c) the same through Envoy. On two
cores a Python load client saturates before the server does, so the figure that shows the runtime's cost is the
server's CPU time per call, read from the server process's own accounting (/proc/<pid>/stat). h2load (gRPC) and
wrk (REST through Envoy) drive the same calls from C clients when they are installed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc
from bare_server import launch_bare, stop_process  # bench/bare_server.py: scripts here run with bench/ on sys.path
from rich.console import Console
from rich.table import Table
from stats import percentile  # bench/stats.py
from unthrottled import UNTHROTTLED  # bench/unthrottled.py

from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc
from somastack.testing import MeshProcess, await_mesh, descendants, launch_mesh, process_name

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
METHOD = "/soma.meta.v1.ContractService/GetContractInfo"
REST_PATH = "/v1/contract"
CLOCK_TICK = os.sysconf("SC_CLK_TCK")
CPU_TARGET_RATIO = 2.0
ENVOY_P50_TARGET_MS = 0.75
INSTALL_HINT = "apt-get install nghttp2-client wrk"
US = "\u00b5s"  # micro sign, spelt as an escape so the source stays ASCII

# Piped into a file or CI log the tables would wrap at rich's default 80 columns; give them room there.
console = Console(width=None if sys.stdout.isatty() else 150)


# -- processes and their CPU accounting --------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a whole process (every thread), from its own /proc accounting."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name in field 2 may hold spaces and parentheses; the fields after its last ')' are fixed.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICK


def cpu_snapshot(pids: dict[str, int]) -> dict[str, float]:
    return {name: cpu_seconds(pid) for name, pid in pids.items()}


def per_call_us(before: dict[str, float], after: dict[str, float], name: str, calls: int) -> float | None:
    if name not in before or calls <= 0:
        return None
    return (after[name] - before[name]) / calls * 1e6


# -- the servers under test --------------------------------------------------------------------------------------


@dataclass
class Mesh:
    """A running `soma up` and the pids the bench reads CPU time from."""

    process: MeshProcess
    meta_pid: int
    envoy_pid: int
    token: str

    @property
    def envoy_address(self) -> str:
        return self.process.target

    @property
    def meta_address(self) -> str:
        return self.process.service_target("meta")


def find_pids(mesh: MeshProcess) -> tuple[int, int]:
    """The pids of meta and Envoy under `soma up`."""
    meta_pid = envoy_pid = 0
    for pid in descendants(mesh.process.pid):
        name = process_name(pid)
        if name == "serve meta":
            meta_pid = pid
        elif name.startswith("envoy"):
            envoy_pid = pid
    if not meta_pid or not envoy_pid:
        raise RuntimeError(f"cannot find the meta and envoy processes under soma up (pid {mesh.process.pid})")
    return meta_pid, envoy_pid


# -- targets and results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One server to call: where, with which credentials, and whose CPU time counts."""

    key: str
    label: str
    address: str
    server_pid: int
    token: str
    via_envoy: bool

    @property
    def metadata(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token}"),) if self.token else ()


@dataclass
class Cell:
    """One measured window: a client kind against a target at one concurrency."""

    client: str
    target: str
    concurrency: int
    calls: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    server_cpu_us: float | None
    envoy_cpu_us: float | None = None
    note: str = ""


@dataclass
class Run:
    """Everything one invocation measured."""

    seconds: float
    warmup: float
    concurrency: list[int]
    cells: list[Cell] = field(default_factory=list)
    verdicts: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def find(self, client: str, target: str, concurrency: int) -> Cell | None:
        return next(
            (c for c in self.cells if (c.client, c.target, c.concurrency) == (client, target, concurrency)), None
        )


def percentile_or_none(samples: Sequence[float], q: float) -> float | None:
    """`percentile` (bench/stats.py), or None when a cell got no answer at all."""
    return percentile(samples, q) if samples else None


def cpu_pids(target: Target, envoy_pid: int) -> dict[str, int]:
    return {"server": target.server_pid, "envoy": envoy_pid}


# -- the Python load client ----------------------------------------------------------------------------------------


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


async def _worker(call: Any, metadata: tuple[tuple[str, str], ...], deadline: float, tally: _Tally) -> None:
    request = contract_service_pb2.GetContractInfoRequest()
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            await call(request, metadata=metadata, timeout=10)
        except grpc.aio.AioRpcError:
            tally.errors += 1
            continue
        tally.latencies.append(time.perf_counter() - started)


async def _phase(call: Any, target: Target, concurrency: int, seconds: float) -> tuple[_Tally, float]:
    tally = _Tally()
    started = time.perf_counter()
    await asyncio.gather(*(_worker(call, target.metadata, started + seconds, tally) for _ in range(concurrency)))
    return tally, time.perf_counter() - started


async def python_cell(target: Target, envoy_pid: int, concurrency: int, seconds: float, warmup: float) -> Cell:
    """N coroutines calling in a loop on one channel (one HTTP/2 connection, as a real client would)."""
    async with grpc.aio.insecure_channel(target.address) as channel:
        call = contract_service_pb2_grpc.ContractServiceStub(channel).GetContractInfo
        await _phase(call, target, concurrency, warmup)
        pids = cpu_pids(target, envoy_pid)
        before = cpu_snapshot(pids)
        tally, elapsed = await _phase(call, target, concurrency, seconds)
        after = cpu_snapshot(pids)
    ordered = sorted(tally.latencies)
    done = len(ordered) + tally.errors
    return Cell(
        client="python",
        target=target.key,
        concurrency=concurrency,
        calls=len(ordered),
        errors=tally.errors,
        seconds=elapsed,
        rps=len(ordered) / elapsed,
        p50_ms=_ms(percentile_or_none(ordered, 50)),
        p99_ms=_ms(percentile_or_none(ordered, 99)),
        server_cpu_us=per_call_us(before, after, "server", done),
        envoy_cpu_us=per_call_us(before, after, "envoy", done) if target.via_envoy else None,
    )


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


async def check_call(target: Target) -> None:
    """One authenticated call that must succeed; on meta the first one also fetches the JWKS (kept out of timing)."""
    async with grpc.aio.insecure_channel(target.address) as channel:
        stub = contract_service_pb2_grpc.ContractServiceStub(channel)
        reply = await stub.GetContractInfo(
            contract_service_pb2.GetContractInfoRequest(), metadata=target.metadata, timeout=10
        )
    if not reply.current_version:
        raise RuntimeError(f"{target.label}: empty GetContractInfo reply")


async def python_cells(run: Run, targets: Sequence[Target], envoy_pid: int) -> None:
    for target in targets:
        await check_call(target)
    for target in targets:
        for concurrency in run.concurrency:
            console.print(f"  python  {target.label:<28} c={concurrency:<3}", end="")
            cell = await python_cell(target, envoy_pid, concurrency, run.seconds, run.warmup)
            console.print(f"  {cell.rps:8.0f} rps")
            run.cells.append(cell)


# -- h2load (gRPC from a C client) ---------------------------------------------------------------------------------


def grpc_frame(message: bytes) -> bytes:
    """A gRPC length-prefixed message: uncompressed flag, 4-byte big-endian length, the bytes."""
    return b"\0" + len(message).to_bytes(4, "big") + message


def h2load_shape(concurrency: int) -> tuple[int, int]:
    """(connections, streams per connection) giving `concurrency` calls in flight; more than one connection
    from 16 up so both Envoy workers take part."""
    connections = 1 if concurrency == 1 else min(4, concurrency)
    return connections, math.ceil(concurrency / connections)


def _duration(seconds: float) -> str:
    return f"{max(1, round(seconds * 1000))}ms"


def h2load_argv(target: Target, concurrency: int, seconds: float, body: Path, log: Path | None) -> list[str]:
    connections, streams = h2load_shape(concurrency)
    argv = ["h2load", "-D", _duration(seconds), "-c", str(connections), "-m", str(streams), "-t", "1"]
    argv += ["-d", str(body), "-H", "content-type: application/grpc", "-H", "te: trailers"]
    if target.token:
        argv += ["-H", f"authorization: Bearer {target.token}"]
    if log is not None:
        argv += [f"--log-file={log}"]
    return [*argv, f"http://{target.address}{METHOD}"]


_H2_FINISHED = re.compile(r"finished in ([\d.]+)(ms|s), ([\d.]+) req/s")
_H2_REQUESTS = re.compile(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed")


def parse_h2load(output: str) -> tuple[float, float, int, int]:
    """(seconds, req/s, done, failed) from h2load's summary."""
    finished = _H2_FINISHED.search(output)
    requests = _H2_REQUESTS.search(output)
    if finished is None or requests is None:
        raise RuntimeError(f"cannot parse h2load output:\n{output}")
    seconds = float(finished.group(1)) / (1000 if finished.group(2) == "ms" else 1)
    return seconds, float(finished.group(3)), int(requests.group(3)), int(requests.group(5))


def read_h2load_log(path: Path) -> tuple[list[float], int]:
    """Ascending latencies (s) of the HTTP 200 responses, and how many were not 200."""
    latencies, bad = [], 0
    for line in path.read_text().splitlines():
        columns = line.split("\t")
        if len(columns) < 3:
            continue
        if columns[1] == "200":
            latencies.append(int(columns[2]) / 1e6)
        else:
            bad += 1
    return sorted(latencies), bad


def h2load_cell(target: Target, envoy_pid: int, concurrency: int, seconds: float, warmup: float, tmp: Path) -> Cell:
    body = tmp / "get-contract-info.grpc"
    log = tmp / f"h2load-{target.key}-{concurrency}.tsv"
    # A separate warm-up run, so the CPU window below holds the measured calls only.
    subprocess.run(h2load_argv(target, concurrency, warmup, body, None), capture_output=True, check=True)
    pids = cpu_pids(target, envoy_pid)
    before = cpu_snapshot(pids)
    done = subprocess.run(h2load_argv(target, concurrency, seconds, body, log), capture_output=True, text=True)
    after = cpu_snapshot(pids)
    if done.returncode != 0:
        raise RuntimeError(f"h2load failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    elapsed, rps, completed, failed = parse_h2load(done.stdout)
    ordered, bad = read_h2load_log(log)
    connections, streams = h2load_shape(concurrency)
    return Cell(
        client="h2load",
        target=target.key,
        concurrency=concurrency,
        calls=len(ordered),
        errors=failed + bad,
        seconds=elapsed,
        rps=rps,
        p50_ms=_ms(percentile_or_none(ordered, 50)),
        p99_ms=_ms(percentile_or_none(ordered, 99)),
        server_cpu_us=per_call_us(before, after, "server", completed),
        envoy_cpu_us=per_call_us(before, after, "envoy", completed) if target.via_envoy else None,
        note=f"{connections} conn x {streams} streams",
    )


def check_h2c(target: Target, body: Path) -> None:
    """h2load sees HTTP statuses only, and gRPC fails with HTTP 200: prove with nghttp that the exact request h2load
    sends gets grpc-status 0."""
    argv = ["nghttp", "-v", "-d", str(body), "-H", "content-type: application/grpc", "-H", "te: trailers"]
    if target.token:
        argv += ["-H", f"authorization: Bearer {target.token}"]
    done = subprocess.run([*argv, f"http://{target.address}{METHOD}"], capture_output=True)
    if not re.search(rb"grpc-status: 0\b", done.stdout):
        raise RuntimeError(f"{target.label}: the h2load request does not get grpc-status 0:\n{done.stdout[-2000:]!r}")


def h2load_cells(run: Run, targets: Sequence[Target], envoy_pid: int, tmp: Path) -> None:
    body = tmp / "get-contract-info.grpc"
    body.write_bytes(grpc_frame(contract_service_pb2.GetContractInfoRequest().SerializeToString()))
    if shutil.which("nghttp"):
        for target in targets:
            check_h2c(target, body)
    for target in targets:
        for concurrency in run.concurrency:
            console.print(f"  h2load  {target.label:<28} c={concurrency:<3}", end="")
            cell = h2load_cell(target, envoy_pid, concurrency, run.seconds, run.warmup, tmp)
            console.print(f"  {cell.rps:8.0f} rps")
            run.cells.append(cell)


# -- wrk (REST through Envoy) --------------------------------------------------------------------------------------


_WRK_REQUESTS = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m)")
_WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_UNIT_SECONDS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _wrk_percentile(output: str, label: str) -> float | None:
    found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    return None if found is None else float(found.group(1)) * _UNIT_SECONDS[found.group(2)] * 1000


def parse_wrk(output: str) -> tuple[int, float, float, int]:
    """(requests, seconds, req/s, errors) from wrk's summary."""
    requests, rps = _WRK_REQUESTS.search(output), _WRK_RPS.search(output)
    if requests is None or rps is None:
        raise RuntimeError(f"cannot parse wrk output:\n{output}")
    errors = 0
    if (non_2xx := _WRK_NON_2XX.search(output)) is not None:
        errors += int(non_2xx.group(1))
    if (sockets := _WRK_SOCKET.search(output)) is not None:
        errors += sum(int(g) for g in sockets.groups())
    seconds = float(requests.group(2)) * _UNIT_SECONDS[requests.group(3)]
    return int(requests.group(1)), seconds, float(rps.group(1)), errors


def wrk_argv(mesh: Mesh, concurrency: int, seconds: float) -> list[str]:
    # wrk takes whole seconds only.
    duration = f"{max(1, round(seconds))}s"
    url = f"http://{mesh.envoy_address}{REST_PATH}"
    header = f"authorization: Bearer {mesh.token}"
    return ["wrk", "-t", "1", "-c", str(concurrency), "-d", duration, "--latency", "-H", header, url]


def wrk_cell(mesh: Mesh, concurrency: int, seconds: float, warmup: float) -> Cell:
    subprocess.run(wrk_argv(mesh, concurrency, warmup), capture_output=True, check=True)
    pids = {"server": mesh.meta_pid, "envoy": mesh.envoy_pid}
    before = cpu_snapshot(pids)
    done = subprocess.run(wrk_argv(mesh, concurrency, seconds), capture_output=True, text=True)
    after = cpu_snapshot(pids)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    requests, elapsed, rps, errors = parse_wrk(done.stdout)
    return Cell(
        client="wrk",
        target="c-rest",
        concurrency=concurrency,
        calls=requests - errors,
        errors=errors,
        seconds=elapsed,
        rps=rps,
        p50_ms=_wrk_percentile(done.stdout, "50"),
        p99_ms=_wrk_percentile(done.stdout, "99"),
        server_cpu_us=per_call_us(before, after, "server", requests),
        envoy_cpu_us=per_call_us(before, after, "envoy", requests),
        note=f"GET {REST_PATH}, HTTP/1.1",
    )


def check_rest(mesh: Mesh) -> None:
    """One REST call that must answer 200 with the contract version in its JSON."""
    argv = ["wrk", "-t", "1", "-c", "1", "-d", "1s", "-H", f"authorization: Bearer {mesh.token}"]
    done = subprocess.run([*argv, f"http://{mesh.envoy_address}{REST_PATH}"], capture_output=True, text=True)
    if done.returncode != 0 or _WRK_NON_2XX.search(done.stdout):
        raise RuntimeError(f"GET {REST_PATH} through Envoy does not answer 2xx:\n{done.stdout}{done.stderr}")


def wrk_cells(run: Run, mesh: Mesh) -> None:
    check_rest(mesh)
    for concurrency in run.concurrency:
        console.print(f"  wrk     {'c REST via Envoy':<28} c={concurrency:<3}", end="")
        cell = wrk_cell(mesh, concurrency, run.seconds, run.warmup)
        console.print(f"  {cell.rps:8.0f} rps")
        run.cells.append(cell)


# -- report --------------------------------------------------------------------------------------------------------


TARGET_LABELS = {
    "a": "a bare grpc.aio",
    "b": "b full chain, direct",
    "c": "c full chain, via Envoy",
    "c-rest": "c REST via Envoy",
}
CLIENT_TITLES = {
    "python": "Python grpc.aio client (one process, one channel; saturates first on 2 cores)",
    "h2load": "h2load (C, gRPC over h2c)",
    "wrk": f"wrk (C, REST GET {REST_PATH} through Envoy's transcoder)",
}


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def print_tables(run: Run) -> None:
    for client, title in CLIENT_TITLES.items():
        cells = [c for c in run.cells if c.client == client]
        if not cells:
            continue
        table = Table(title=title, title_justify="left")
        for name in ("target", "conc", "calls", "errors", "RPS", "p50 ms", "p99 ms"):
            table.add_column(name, justify="left" if name == "target" else "right")
        table.add_column(f"server CPU {US}/call", justify="right")
        table.add_column(f"envoy CPU {US}/call", justify="right")
        table.add_column("note")
        for c in cells:
            table.add_row(
                TARGET_LABELS[c.target],
                str(c.concurrency),
                f"{c.calls:,}",
                str(c.errors),
                _fmt(c.rps, 0),
                _fmt(c.p50_ms, 3),
                _fmt(c.p99_ms, 3),
                _fmt(c.server_cpu_us, 0),
                _fmt(c.envoy_cpu_us, 0),
                c.note,
            )
        console.print(table)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def judge(run: Run) -> None:
    """Ratios b/a (server CPU per call) and c/b (p50), and the absolute Envoy p50 overhead, against the targets."""
    for client in ("python", "h2load"):
        for concurrency in run.concurrency:
            a, b, c = (run.find(client, key, concurrency) for key in "abc")
            if a is None or b is None or c is None:
                continue
            cpu = _ratio(b.server_cpu_us, a.server_cpu_us)
            run.verdicts.append(
                {
                    "client": client,
                    "concurrency": concurrency,
                    "what": "server CPU per call b/a",
                    "value": cpu,
                    "target": f"<= {CPU_TARGET_RATIO:g}x",
                    "pass": cpu is not None and cpu <= CPU_TARGET_RATIO,
                    "detail": f"b {_fmt(b.server_cpu_us, 0)} {US} vs a {_fmt(a.server_cpu_us, 0)} {US}",
                }
            )
            p50 = _ratio(c.p50_ms, b.p50_ms)
            overhead = None if c.p50_ms is None or b.p50_ms is None else c.p50_ms - b.p50_ms
            run.verdicts.append(
                {
                    "client": client,
                    "concurrency": concurrency,
                    "what": "p50 c/b",
                    "value": p50,
                    "target": None,
                    "pass": None,
                    "detail": f"c {_fmt(c.p50_ms, 3)} ms vs b {_fmt(b.p50_ms, 3)} ms (+{_fmt(overhead, 3)} ms)",
                }
            )
            if concurrency == 1:
                run.verdicts.append(
                    {
                        "client": client,
                        "concurrency": concurrency,
                        "what": "Envoy p50 overhead (c - b), ms",
                        "value": overhead,
                        "target": f"<= +{ENVOY_P50_TARGET_MS} ms",
                        "pass": overhead is not None and overhead <= ENVOY_P50_TARGET_MS,
                        "detail": f"c/b = {_fmt(p50, 2)}x",
                    }
                )


def print_verdicts(run: Run) -> None:
    console.rule("summary")
    for v in run.verdicts:
        if v["pass"] is None:
            mark = "[dim]info[/dim]"
        else:
            mark = "[green]PASS[/green]" if v["pass"] else "[red]FAIL[/red]"
        value = _fmt(v["value"], 3 if "ms" in v["what"] else 2)
        unit = "" if "ms" in v["what"] else "x"
        target = f" (target {v['target']})" if v["target"] else ""
        console.print(
            f"{mark}  {v['client']:<6} c={v['concurrency']:<3} {v['what']}: {value}{unit}{target}  {v['detail']}"
        )
    for line in run.skipped:
        console.print(f"[yellow]skipped:[/yellow] {line}")


def write_json(run: Run, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "bench/runtime.py",
        "method": METHOD,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "grpc": grpc.__version__},
        **asdict(run),
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    console.print(f"results: {path}")


# -- main ----------------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="measured seconds per cell (default 3)")
    parser.add_argument("--warmup", type=float, default=0.5, help="warm-up seconds before each cell (default 0.5)")
    parser.add_argument("--concurrency", default="1,16,64", help="comma-separated (default 1,16,64)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 0.5 s cells, 0.2 s warm-up")
    parser.add_argument(
        "--clients", default="python,h2load,wrk", help="which load clients to run (default python,h2load,wrk)"
    )
    parser.add_argument("--json", type=Path, help="write results here (default bench/results/runtime-<time>.json)")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.warmup = 0.5, 0.2
    return args


def _raise_interrupt(_sig: int, _frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def servers(tmp: Path) -> Iterator[tuple[Mesh, int, int]]:
    """The mesh and the bare server, stopped whatever happens (SIGINT lets `soma up` drain its children)."""
    # A session of its own: a terminal's Ctrl-C reaches the bench only, which then stops the mesh in order.
    process = launch_mesh(tmp / "soma", cwd=REPO, own_session=True, **UNTHROTTLED)
    bare: subprocess.Popen[bytes] | None = None
    try:
        bare, bare_port = launch_bare(tmp)
        await_mesh(process, within=90)
        mesh = Mesh(process, *find_pids(process), token=process.admin_token)
        yield mesh, bare.pid, bare_port
    finally:
        if bare is not None:
            stop_process(bare, signal.SIGTERM, 5)
        process.stop()


def measure(run: Run, clients: set[str], tmp: Path) -> None:
    with servers(tmp) as (mesh, bare_pid, bare_port):
        targets = [
            Target("a", TARGET_LABELS["a"], f"127.0.0.1:{bare_port}", bare_pid, "", via_envoy=False),
            Target("b", TARGET_LABELS["b"], mesh.meta_address, mesh.meta_pid, mesh.token, via_envoy=False),
            Target("c", TARGET_LABELS["c"], mesh.envoy_address, mesh.meta_pid, mesh.token, via_envoy=True),
        ]
        console.print(
            f"mesh up: meta pid {mesh.meta_pid} at {mesh.meta_address}, envoy pid {mesh.envoy_pid} at "
            f"{mesh.envoy_address}; bare server pid {bare_pid} at 127.0.0.1:{bare_port}"
        )
        if "python" in clients:
            asyncio.run(python_cells(run, targets, mesh.envoy_pid))
        if "h2load" in clients:
            if shutil.which("h2load"):
                h2load_cells(run, targets, mesh.envoy_pid, tmp)
            else:
                run.skipped.append(f"h2load is not on PATH: no C gRPC client run (install: {INSTALL_HINT})")
        if "wrk" in clients:
            if shutil.which("wrk"):
                wrk_cells(run, mesh)
            else:
                run.skipped.append(f"wrk is not on PATH: no REST run (install: {INSTALL_HINT})")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM takes the same way out as Ctrl-C, so the finally blocks stop the servers.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    run = Run(seconds=args.seconds, warmup=args.warmup, concurrency=[int(c) for c in args.concurrency.split(",")])
    clients = {c.strip() for c in args.clients.split(",") if c.strip()}
    console.print(
        f"GetContractInfo, {run.seconds:g} s per cell after {run.warmup:g} s warm-up, concurrency "
        f"{', '.join(map(str, run.concurrency))}, {os.cpu_count()} CPUs"
    )
    for tool in ("h2load", "wrk"):
        if tool in clients and not shutil.which(tool):
            console.print(f"[yellow]{tool} not found; its runs are skipped. Install: {INSTALL_HINT}[/yellow]")
    with tempfile.TemporaryDirectory(prefix="soma-bench-") as tmp:
        try:
            measure(run, clients, Path(tmp))
        except KeyboardInterrupt:
            console.print("\n[yellow]interrupted; servers stopped[/yellow]")
            return 130
    print_tables(run)
    judge(run)
    print_verdicts(run)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    write_json(run, args.json or BENCH / "results" / f"runtime-{stamp}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
