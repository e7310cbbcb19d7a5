"""What a session costs: StartSession through Envoy against the sum of its hops, each measured on its own.

Run from the repo root with the project's venv:

    .venv/bin/python bench/session.py                 # starts its own `soma up` (dev stage, SQLite, local model)
    .venv/bin/python bench/session.py --calls 300 --concurrency 1 8
    .venv/bin/python bench/session.py --h2load 10       # and the same from h2load (a C client) through Envoy

A session's path is: ConstitutionService.GetChecksum -> PolicyService.Evaluate -> MemoryService.RetrieveContext ->
SlmService.InferSync, plus the orchestrator's own work (validation, the session row, one event per step through
the outbox). In the same run, with the same client, tokens and data, each hop is called through Envoy on its own
with the request the orchestrator would send, then StartSession. Reported: p50/p99 per hop and of StartSession at
concurrency 1; the ratio of StartSession's p50 to the sum of the hops' p50 (target <= 1.5: orchestration adds at
most half again), and the same against the hops a session calls on the wire (all but GetChecksum: the
orchestrator answers the constitution check from the checksum it keeps between `constitution.updated` events,
see docs/orchestrator.md); each hop's share of a session as the session's own trace (step durations) reports it; and
StartSession throughput at each concurrency, with the mesh's CPU per session by process (from /proc; target
<= 9 ms at concurrency 8).

Two passes measure latency. Back to back, each call starts when the last one returns, so a session also pays for
the work the one before it left running (outbox relays, the notification service consuming its events) on the
same cores. Paced (`--pace-ms`, default 60), every call, hops and StartSession alike, starts after that work is
done: the latency one request sees on an idle mesh. Both ratios are reported. In each pass the calls are
interleaved in `--rounds` rounds (each round measures a share of every hop and of StartSession in turn), so that a
shared machine whose speed drifts during the run weighs on both sides of the ratio alike.

With `--h2load SECONDS`, h2load (nghttp2-client) repeats the comparison from a C client through Envoy: each hop
and StartSession back to back for SECONDS each, then StartSession at each concurrency with rate, latency and CPU
per session. Its StartSession requests carry no request id, so none is deduplicated and each starts a session.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import grpc
from people import member_token  # bench/people.py
from record import write_results  # bench/record.py: scripts here run with bench/ on sys.path
from rich.console import Console
from rich.table import Table
from runtime import grpc_frame, h2load_shape, parse_h2load, read_h2load_log  # bench/runtime.py
from stats import percentile  # bench/stats.py
from unthrottled import UNTHROTTLED  # bench/unthrottled.py

from soma.constitution.v1 import constitution_service_pb2 as cspb
from soma.constitution.v1 import constitution_service_pb2_grpc
from soma.identity.v1 import identity_service_pb2_grpc
from soma.memory.v1 import memory_pb2, memory_service_pb2_grpc
from soma.memory.v1 import memory_service_pb2 as mpb
from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as opb
from soma.policy.v1 import policy_pb2, policy_service_pb2_grpc
from soma.policy.v1 import policy_service_pb2 as ppb
from soma.slm.v1 import slm_pb2, slm_service_pb2_grpc
from soma.slm.v1 import slm_service_pb2 as lpb
from somastack.cli.demo import FACTS, QUESTION, demo_constitution
from somastack.constitution import signing
from somastack.testing import start_mesh

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RATIO_TARGET = 1.5
#: The hop a session no longer calls while the orchestrator keeps the active checksum (measured all the same).
CHECKSUM_HOP = "constitution GetChecksum"
#: Mesh CPU per session at concurrency 8 (issue 13): 2 cores then serve >= 200 sessions/s.
CPU_TARGET_MS = 9.0
TENANT = "bench"

console = Console(width=None if sys.stdout.isatty() else 150)

Call = Callable[[], Awaitable[Any]]


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a process, from /proc; None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def mesh_cpu(root: int) -> dict[str, float]:
    """CPU seconds used so far by each process of the mesh started as `root`, by service (Linux /proc)."""
    stats = {int(p.name): _proc_stat(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, stat in stats.items():
        if stat is not None:
            children.setdefault(stat[0], []).append(pid)
    usage: dict[str, float] = {}
    todo = list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            # Arguments apart (`somastack serve memory`) or one title (`soma serve memory`, a forked service).
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
        except OSError:
            continue
        words = [a.decode(errors="replace") for a in argv]
        name = words[words.index("serve") + 1] if "serve" in words else Path(words[0]).name
        stat = stats.get(pid)
        if stat is not None:
            usage[name] = usage.get(name, 0.0) + stat[1]
    return usage


def cpu_per_call(before: dict[str, float], after: dict[str, float], calls: int) -> dict[str, float]:
    """CPU milliseconds per call of each process, between two `mesh_cpu` readings `calls` calls apart."""
    return {name: (after[name] - before.get(name, 0.0)) * 1000 / calls for name in after}


async def timed(call: Call, calls: int, warmup: int, pause: float = 0.0) -> list[float]:
    """Milliseconds of each of `calls` sequential calls, after `warmup` unmeasured ones, `pause` s apart."""
    for _ in range(warmup):
        await call()
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
        if pause:
            await asyncio.sleep(pause)
    return samples


async def throughput(call: Call, concurrency: int, calls: int) -> float:
    """Calls per second with `concurrency` calls in flight, `calls` in all."""
    remaining = calls

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return calls / (time.perf_counter() - started)


class Bench:
    def __init__(self, channel: grpc.aio.Channel, admin: str, signer: Path) -> None:
        self.channel = channel
        self.admin = admin
        self.signer = signer
        self.identity = identity_service_pb2_grpc.IdentityServiceStub(channel)
        self.constitution = constitution_service_pb2_grpc.ConstitutionServiceStub(channel)
        self.memory = memory_service_pb2_grpc.MemoryServiceStub(channel)
        self.policy = policy_service_pb2_grpc.PolicyServiceStub(channel)
        self.slm = slm_service_pb2_grpc.SlmServiceStub(channel)
        self.sessions = session_service_pb2_grpc.SessionServiceStub(channel)
        self.parent = f"tenants/{TENANT}"
        self.metadata: tuple[tuple[str, str], ...] = ()
        self.context = ""

    async def setup(self) -> None:
        admin = (("authorization", f"Bearer {self.admin}"),)
        token = await member_token(self.identity, TENANT, "Bench", admin)
        doc = demo_constitution()
        checksum = signing.checksum(doc)
        try:
            current = (await self.constitution.GetChecksum(cspb.GetChecksumRequest())).checksum
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:  # none loaded yet
                raise
            current = ""
        if current != checksum:
            try:
                await self.constitution.Load(
                    cspb.LoadRequest(
                        constitution=doc,
                        signatures=[signing.sign(checksum, signing.load_private_key(self.signer))],
                    ),
                    metadata=admin,
                )
            except grpc.aio.AioRpcError:
                await self.constitution.Rollback(cspb.RollbackRequest(version=doc.version), metadata=admin)
        self.metadata = (
            ("authorization", f"Bearer {token}"),
            ("x-soma-client-type", "sdk"),
            ("x-soma-constitution", checksum),
        )
        for number, fact in enumerate(FACTS):
            await self.memory.Remember(
                mpb.RememberRequest(
                    parent=self.parent,
                    memory=memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text=fact),
                    request_id=f"bench-fact-{number}",
                ),
                metadata=self.metadata,
            )
        retrieved = await self.retrieve()
        self.context = retrieved.context

    # -- the hops, as the orchestrator calls them ------------------------------------------------------------------

    def checksum_request(self) -> cspb.GetChecksumRequest:
        return cspb.GetChecksumRequest()

    def evaluate_request(self) -> ppb.EvaluateRequest:
        return ppb.EvaluateRequest(parent=self.parent, action=policy_pb2.Action(name="session.start"))

    def retrieve_request(self) -> mpb.RetrieveContextRequest:
        return mpb.RetrieveContextRequest(parent=self.parent, query=QUESTION, token_budget=1024)

    def infer_request(self) -> lpb.InferSyncRequest:
        messages = [
            slm_pb2.ChatMessage(role=slm_pb2.CHAT_ROLE_SYSTEM, content="Answer from the context."),
            slm_pb2.ChatMessage(
                role=slm_pb2.CHAT_ROLE_USER, content=f"Context:\n{self.context}\n\nQuestion: {QUESTION}"
            ),
        ]
        return lpb.InferSyncRequest(parent=self.parent, messages=messages)

    def start_request(self, request_id: str) -> opb.StartSessionRequest:
        return opb.StartSessionRequest(
            parent=self.parent, session=session_pb2.Session(prompt=QUESTION), request_id=request_id
        )

    async def checksum(self) -> Any:
        return await self.constitution.GetChecksum(self.checksum_request(), metadata=self.metadata)

    async def evaluate(self) -> Any:
        return await self.policy.Evaluate(self.evaluate_request(), metadata=self.metadata)

    async def retrieve(self) -> Any:
        return await self.memory.RetrieveContext(self.retrieve_request(), metadata=self.metadata)

    async def infer(self) -> Any:
        return await self.slm.InferSync(self.infer_request(), metadata=self.metadata)

    async def start(self) -> opb.StartSessionResponse:
        request = self.start_request(uuid.uuid4().hex)
        response: opb.StartSessionResponse = await self.sessions.StartSession(request, metadata=self.metadata)
        if response.session.state != session_pb2.SESSION_STATE_SUCCEEDED:
            raise RuntimeError(f"session ended {response.session.state}: {response.session.error}")
        return response

    def framed(self) -> dict[str, tuple[str, bytes]]:
        """Each call as h2load sends it: its gRPC path and its framed request. StartSession goes without a request
        id (an empty one is never deduplicated), so every request starts a session of its own."""
        requests: dict[str, tuple[str, Any]] = {
            CHECKSUM_HOP: (
                "/soma.constitution.v1.ConstitutionService/GetChecksum",
                self.checksum_request(),
            ),
            "policy Evaluate": ("/soma.policy.v1.PolicyService/Evaluate", self.evaluate_request()),
            "memory RetrieveContext": ("/soma.memory.v1.MemoryService/RetrieveContext", self.retrieve_request()),
            "slm InferSync": ("/soma.slm.v1.SlmService/InferSync", self.infer_request()),
            "StartSession": ("/soma.orchestrator.v1.SessionService/StartSession", self.start_request("")),
        }
        return {name: (path, grpc_frame(message.SerializeToString())) for name, (path, message) in requests.items()}

    async def sessions_in(self, state: int) -> int:
        """How many of the tenant's sessions are in `state`."""
        count, token = 0, ""
        while True:
            page = await self.sessions.ListSessions(
                opb.ListSessionsRequest(parent=self.parent, state=state, page_size=100, page_token=token),
                metadata=self.metadata,
            )
            count += len(page.sessions)
            token = page.next_page_token
            if not token:
                return count


# -- h2load (a C client through Envoy) -------------------------------------------------------------------------------


def h2load_run(
    target: str, path: str, body: Path, headers: Sequence[tuple[str, str]], concurrency: int, seconds: float, log: Path
) -> tuple[float, list[float], int]:
    """Calls per second, ascending latencies (ms) and failures (HTTP or gRPC status) of one h2load run."""
    log.unlink(missing_ok=True)  # h2load appends to its log file
    connections, streams = h2load_shape(concurrency)
    argv = ["h2load", "-D", f"{max(1, round(seconds * 1000))}ms", "-c", str(connections), "-m", str(streams)]
    argv += ["-t", "1", "-d", str(body), "-H", "content-type: application/grpc", "-H", "te: trailers"]
    for key, value in headers:
        argv += ["-H", f"{key}: {value}"]
    done = subprocess.run([*argv, f"--log-file={log}", f"http://{target}{path}"], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"h2load failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    _, rate, _, failed = parse_h2load(done.stdout)
    latencies, bad = read_h2load_log(log)
    return rate, [seconds * 1000 for seconds in latencies], failed + bad


def check_grpc_ok(target: str, path: str, body: Path, headers: Sequence[tuple[str, str]]) -> None:
    """h2load sees HTTP statuses only, and gRPC fails with HTTP 200: prove with nghttp that the exact request h2load
    sends gets grpc-status 0."""
    argv = ["nghttp", "-v", "-d", str(body), "-H", "content-type: application/grpc", "-H", "te: trailers"]
    for key, value in headers:
        argv += ["-H", f"{key}: {value}"]
    done = subprocess.run([*argv, f"http://{target}{path}"], capture_output=True)
    if not re.search(rb"grpc-status: 0\b", done.stdout):
        raise RuntimeError(f"{path}: the h2load request does not get grpc-status 0:\n{done.stdout[-2000:]!r}")


async def h2load_passes(
    bench: Bench, target: str, concurrency: Sequence[int], root: int, seconds: float
) -> dict[str, Any]:
    """The same comparison from h2load through Envoy: each hop and StartSession back to back (concurrency 1, one
    run of `seconds` each, after a warm-up), then StartSession at each concurrency with the mesh's CPU per session.
    Sessions that did not succeed are counted from the orchestrator afterwards (h2load sees only transport
    errors)."""
    if shutil.which("h2load") is None or shutil.which("nghttp") is None:
        console.print(
            "[yellow]h2load or nghttp is not installed: no h2load pass[/yellow] (apt-get install nghttp2-client)"
        )
        return {}
    headers = bench.metadata
    failed_before = await bench.sessions_in(session_pb2.SESSION_STATE_FAILED)
    latency: dict[str, list[float]] = {}
    rates: dict[int, dict[str, Any]] = {}
    errors = 0
    with tempfile.TemporaryDirectory(prefix="soma-bench-h2load-") as tmp:
        bodies = {}
        for number, (name, (path, framed)) in enumerate(bench.framed().items()):
            body = Path(tmp) / f"body-{number}.grpc"
            body.write_bytes(framed)
            check_grpc_ok(target, path, body, headers)
            bodies[name] = (path, body)
        log = Path(tmp) / "h2load.tsv"
        console.print(f"h2load: each hop and StartSession back to back, {seconds:g} s each…")
        for name, (path, body) in bodies.items():
            h2load_run(target, path, body, headers, 1, min(1.0, seconds), log)  # warm-up
            _, latency[name], failed = h2load_run(target, path, body, headers, 1, seconds, log)
            errors += failed
        path, body = bodies["StartSession"]
        for level in concurrency:
            console.print(f"h2load: StartSession at concurrency {level}, {seconds:g} s…")
            before = mesh_cpu(root)
            rate, samples, failed = h2load_run(target, path, body, headers, level, seconds, log)
            after = mesh_cpu(root)
            errors += failed
            rates[level] = {
                "sessions_per_s": rate,
                "p50_ms": percentile(samples, 50),
                "p99_ms": percentile(samples, 99),
                "cpu_ms": cpu_per_call(before, after, max(1, len(samples))),
            }
    failed_sessions = await bench.sessions_in(session_pb2.SESSION_STATE_FAILED) - failed_before
    return {"latency": latency, "concurrency": rates, "errors": errors, "failed_sessions": failed_sessions}


async def interleaved(
    calls: dict[str, Call], per_call: int, rounds: int, warmup: int, pause: float = 0.0
) -> dict[str, list[float]]:
    """Milliseconds of `per_call` calls of each of `calls`, taken in `rounds` rounds that each measure a share of every
    call in turn (after `warmup` unmeasured ones), so that a machine whose speed drifts during the run (other
    tenants, frequency scaling) weighs on the hops and on StartSession alike."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for round_ in range(rounds):
        share = per_call // rounds + (1 if round_ < per_call % rounds else 0)
        for name, call in calls.items():
            samples[name].extend(await timed(call, share, warmup, pause))
    return samples


async def measure(
    target: str,
    admin: str,
    signer: Path,
    calls: int,
    concurrency: Sequence[int],
    root: int,
    pace: float,
    rounds: int,
    h2load_seconds: float = 0.0,
) -> dict[str, Any]:
    async with grpc.aio.insecure_channel(target) as channel:
        bench = Bench(channel, admin, signer)
        await bench.setup()
        shares: dict[str, list[float]] = {}

        async def start_and_trace() -> None:
            session = (await bench.start()).session
            for step in session.steps:
                kind = session_pb2.StepKind.Name(step.kind).removeprefix("STEP_KIND_").lower()
                shares.setdefault(kind, []).append(step.duration.ToTimedelta().total_seconds() * 1000)

        every: dict[str, Call] = {
            CHECKSUM_HOP: bench.checksum,
            "policy Evaluate": bench.evaluate,
            "memory RetrieveContext": bench.retrieve,
            "slm InferSync": bench.infer,
            "StartSession": start_and_trace,
        }
        for call in every.values():  # the first calls of each path: connections, caches, compiled statements
            await timed(call, 0, max(10, calls // 10))
        shares.clear()
        warmup = 5
        console.print(f"measuring each hop and StartSession back to back ({calls} calls each, {rounds} rounds)…")
        latency = await interleaved(every, calls, rounds, warmup)
        steps = {kind: list(values) for kind, values in shares.items()}  # the back-to-back sessions' own traces
        before = mesh_cpu(root)
        cpu_calls = max(calls // 2, 20)
        await timed(bench.start, cpu_calls, 0)
        after = mesh_cpu(root)
        cpu = cpu_per_call(before, after, cpu_calls)
        # Paced: the same calls with a pause after each, so the work a session leaves behind (outbox relays, the
        # consumers of its events) is done before the next call starts: per-call latency on an otherwise idle
        # mesh, for the hops and for StartSession alike.
        paced: dict[str, list[float]] = {}
        if pace:
            console.print(f"measuring every call again, {pace * 1000:.0f} ms apart…")
            paced = await interleaved(every, calls, rounds, warmup, pace)
        rates = {}
        cpu_at: dict[int, dict[str, float]] = {}
        for level in concurrency:
            console.print(f"StartSession throughput at concurrency {level}…")
            sessions = max(calls, 20 * level)
            before = mesh_cpu(root)
            rates[level] = await throughput(bench.start, level, sessions)
            cpu_at[level] = cpu_per_call(before, mesh_cpu(root), sessions)
        loaded = {}
        if h2load_seconds:
            loaded = await h2load_passes(bench, target, concurrency, root, h2load_seconds)
    return {
        "latency": latency,
        "paced": paced,
        "steps": steps,
        "throughput": rates,
        "cpu_ms": cpu,
        "cpu_ms_at": cpu_at,
        "h2load": loaded,
    }


def latency_table(title: str, latency: dict[str, list[float]]) -> dict[str, Any]:
    """Prints p50/p99 per call and the StartSession ratio; returns them."""
    table = Table(title=title, title_justify="left")
    for column in ("call", "p50", "p99"):
        table.add_column(column, justify="right" if column != "call" else "left")
    summary: dict[str, Any] = {"p50_ms": {}, "p99_ms": {}}
    for name, samples in latency.items():
        p50, p99 = percentile(samples, 50), percentile(samples, 99)
        summary["p50_ms"][name], summary["p99_ms"][name] = p50, p99
        table.add_row(name, f"{p50:.2f}", f"{p99:.2f}")
    hop_sum = sum(v for k, v in summary["p50_ms"].items() if k != "StartSession")
    session_p50 = summary["p50_ms"]["StartSession"]
    ratio = session_p50 / hop_sum
    table.add_row("[bold]sum of hops' p50[/bold]", f"{hop_sum:.2f}", "")
    console.print(table)
    verdict = "[green]within[/green]" if ratio <= RATIO_TARGET else "[red]over[/red]"
    console.print(
        f"StartSession p50 / sum of hop p50s = [bold]{ratio:.2f}x[/bold] ({verdict} the {RATIO_TARGET}x target); "
        f"orchestration adds {session_p50 - hop_sum:.2f} ms"
    )
    # The orchestrator answers the check from the checksum it keeps between `constitution.updated` events, so a
    # session calls only the other hops on the wire: the same ratio against those, to read the one above with.
    called = hop_sum - summary["p50_ms"].get(CHECKSUM_HOP, 0.0)
    console.print(
        f"  against the hops a session calls (all but {CHECKSUM_HOP}, {called:.2f} ms): "
        f"{session_p50 / called:.2f}x; orchestration adds {session_p50 - called:.2f} ms"
    )
    summary.update(hop_p50_sum_ms=hop_sum, ratio=ratio, called_hop_p50_sum_ms=called, called_ratio=session_p50 / called)
    return summary


def cpu_tables(client: str, cpu_at: dict[int, dict[str, float]]) -> dict[int, dict[str, float]]:
    """Prints CPU per session by process at each concurrency, with the mesh total against its target."""
    table = Table(title=f"CPU per session by process under load, {client} (ms)", title_justify="left")
    table.add_column("process")
    levels = sorted(cpu_at)
    for level in levels:
        table.add_column(f"c={level}", justify="right")
    names = sorted({name for cpu in cpu_at.values() for name in cpu}, key=lambda n: -cpu_at[levels[-1]].get(n, 0.0))
    for name in names:
        table.add_row(name, *(f"{cpu_at[level].get(name, 0.0):.2f}" for level in levels))
    table.add_row("[bold]mesh[/bold]", *(f"{sum(cpu_at[level].values()):.2f}" for level in levels))
    console.print(table)
    for level in levels:
        total = sum(cpu_at[level].values())
        verdict = "[green]within[/green]" if total <= CPU_TARGET_MS else "[red]over[/red]"
        console.print(f"c={level}: mesh CPU per session {total:.2f} ms ({verdict} the {CPU_TARGET_MS:g} ms target)")
    return {level: {**cpu, "mesh": sum(cpu.values())} for level, cpu in cpu_at.items()}


def h2load_report(loaded: dict[str, Any]) -> dict[str, Any]:
    """Prints the h2load pass: the ratio at concurrency 1, then rate, latency and CPU per session at each level."""
    summary = latency_table("h2load through Envoy, back to back, concurrency 1 (ms)", loaded["latency"])
    rates = Table(title="h2load: StartSession under load", title_justify="left")
    for column in ("concurrency", "sessions/s", "p50 ms", "p99 ms", "mesh CPU ms/session"):
        rates.add_column(column, justify="right")
    for level, cell in loaded["concurrency"].items():
        rates.add_row(
            str(level),
            f"{cell['sessions_per_s']:.0f}",
            f"{cell['p50_ms']:.2f}",
            f"{cell['p99_ms']:.2f}",
            f"{sum(cell['cpu_ms'].values()):.2f}",
        )
    console.print(rates)
    cpu_tables("h2load", {level: cell["cpu_ms"] for level, cell in loaded["concurrency"].items()})
    failures = loaded["errors"] + loaded["failed_sessions"]
    style = "green" if failures == 0 else "red"
    console.print(
        f"[{style}]h2load: {loaded['errors']} failed calls, {loaded['failed_sessions']} failed sessions[/{style}]"
    )
    summary.update(
        concurrency=loaded["concurrency"], errors=loaded["errors"], failed_sessions=loaded["failed_sessions"]
    )
    return summary


def report(results: dict[str, Any]) -> dict[str, Any]:
    summary = latency_table("session path through Envoy, back to back, concurrency 1 (ms)", results["latency"])
    if results["paced"]:
        summary["paced"] = latency_table("the same calls paced: each on an idle mesh (ms)", results["paced"])
    session_p50 = summary["p50_ms"]["StartSession"]
    # The first three steps run at once (the orchestrator starts its reads together); the model comes after.
    step_p50 = {kind: percentile(values, 50) for kind, values in results["steps"].items()}
    reads = max(step_p50.get(k, 0.0) for k in ("constitution_check", "policy", "memory"))
    critical = reads + step_p50.get("inference", 0.0)
    steps = Table(title="inside a session (its own trace, p50 ms)", title_justify="left")
    for column in ("step", "p50", "share of StartSession"):
        steps.add_column(column)
    for kind, value in step_p50.items():
        steps.add_row(kind, f"{value:.2f}", f"{value / session_p50:.0%}")
    steps.add_row("critical path: slowest read + inference", f"{critical:.2f}", f"{critical / session_p50:.0%}")
    steps.add_row("the rest: writes, events, gRPC", f"{session_p50 - critical:.2f}", "")
    console.print(steps)
    cpu = Table(title="CPU per session, by process (ms, StartSession run)", title_justify="left")
    cpu.add_column("process")
    cpu.add_column("CPU ms")
    for name, value in sorted(results["cpu_ms"].items(), key=lambda item: -item[1]):
        cpu.add_row(name, f"{value:.2f}")
    cpu.add_row("[bold]all[/bold]", f"{sum(results['cpu_ms'].values()):.2f}")
    console.print(cpu)
    rates = Table(title="StartSession throughput", title_justify="left")
    rates.add_column("concurrency")
    rates.add_column("sessions/s")
    for level, rate in results["throughput"].items():
        rates.add_row(str(level), f"{rate:.0f}")
    console.print(rates)
    summary["cpu_ms_per_session_at"] = cpu_tables("Python client", results["cpu_ms_at"])
    if results["h2load"]:
        summary["h2load"] = h2load_report(results["h2load"])
    summary.update(
        critical_path_ms=critical,
        cpu_ms_per_session=results["cpu_ms"],
        ratio_target=RATIO_TARGET,
        step_p50_ms=step_p50,
        throughput=results["throughput"],
    )
    return summary


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200, help="measured calls per hop and for StartSession")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8], help="StartSession throughput levels")
    parser.add_argument("--database-url", help="run the mesh on this PostgreSQL (default: SQLite)")
    parser.add_argument(
        "--pace-ms", type=float, default=60.0, help="pause after each call of the paced pass (0: no paced pass)"
    )
    parser.add_argument(
        "--rounds", type=int, default=10, help="rounds the calls are interleaved in (each measures every call in turn)"
    )
    parser.add_argument(
        "--h2load",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="also drive each call with h2load through Envoy, SECONDS per run (0: no h2load pass)",
    )
    parser.add_argument("--json", type=Path, help="write results here (default bench/results/session-<time>.json)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soma-bench-session-") as home:
        extra = {"SOMA_LOG_LEVEL": "warning", **UNTHROTTLED}
        if args.database_url:
            extra |= {"SOMA_DATABASE_URL": args.database_url, "SOMA_DB_SCHEMA_PREFIX": f"b{uuid.uuid4().hex[:8]}_"}
        engine = "PostgreSQL" if args.database_url else "SQLite"
        console.print(f"starting soma up (dev stage, {engine}, embedded log, local model)…")
        mesh = start_mesh(Path(home), cwd=REPO, **extra)
        try:
            results = asyncio.run(
                measure(
                    mesh.target,
                    mesh.admin_token,
                    mesh.home / "dev" / signing.DEV_KEY_FILE,
                    args.calls,
                    args.concurrency,
                    mesh.process.pid,
                    args.pace_ms / 1000,
                    max(1, min(args.rounds, args.calls)),
                    args.h2load,
                )
            )
        finally:
            mesh.stop()
    summary = report(results)
    path = write_results("session", {"calls": args.calls, "rounds": args.rounds, "summary": summary}, args.json)
    console.print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
