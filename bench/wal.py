"""How large the SQLite write-ahead logs grow under sessions, and whether they shrink back when the mesh is idle.

Run from the repo root with the project's venv:

    .venv/bin/python bench/wal.py                          # 20,000 sessions at concurrency 8, then 5 s idle
    .venv/bin/python bench/wal.py --sessions 3000 --idle 10

It starts `soma up` on the embedded defaults (SQLite, embedded event log, local model) in a fresh home, prepares a
tenant as bench/session.py does, runs `--sessions` StartSession calls through Envoy with `--concurrency` in flight
and, every `--every` seconds meanwhile, reads the size of every `*-wal` file of the mesh (each service's database and
the event log). Reported per file: the largest log seen during the run, its size at the end of the run and after
`--idle` seconds without calls, beside the database file itself (the baseline: a log should stay small next to the
data it carries). The target: every log under 64 MB during the run, and back near zero at idle.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import grpc
from record import write_results  # bench/record.py: scripts here run with bench/ on sys.path
from session import Bench  # bench/session.py: the same tenant, tokens and StartSession request
from unthrottled import UNTHROTTLED  # bench/unthrottled.py

from somastack.constitution import signing
from somastack.testing import start_mesh

REPO = Path(__file__).resolve().parent.parent
TARGET_MB = 64.0
MB = 1024 * 1024


def logs(home: Path) -> dict[str, int]:
    """The size of each write-ahead log under `home`, by database file name."""
    sizes: dict[str, int] = {}
    for wal in home.rglob("*-wal"):
        try:
            sizes[wal.name.removesuffix("-wal")] = wal.stat().st_size
        except FileNotFoundError:
            continue  # truncated and removed meanwhile
    return sizes


def databases(home: Path, names: Sequence[str]) -> dict[str, int]:
    return {name: sum(p.stat().st_size for p in home.rglob(name)) for name in names}


async def run(mesh_target: str, admin: str, signer: Path, home: Path, args: argparse.Namespace) -> dict[str, Any]:
    largest: dict[str, int] = {}
    async with grpc.aio.insecure_channel(mesh_target) as channel:
        bench = Bench(channel, admin, signer)
        await bench.setup()
        remaining = args.sessions
        done = 0

        async def worker() -> None:
            nonlocal remaining, done
            while remaining > 0:
                remaining -= 1
                await bench.start()
                done += 1

        async def watch() -> None:
            while True:
                for name, size in logs(home).items():
                    largest[name] = max(largest.get(name, 0), size)
                await asyncio.sleep(args.every)

        watcher = asyncio.create_task(watch())
        started = time.monotonic()
        last = started
        workers = asyncio.gather(*(worker() for _ in range(args.concurrency)))
        while not workers.done():
            await asyncio.wait([workers], timeout=10)
            if time.monotonic() - last >= 10:
                last = time.monotonic()
                biggest = max(largest.items(), key=lambda item: item[1], default=("-", 0))
                print(
                    f"{done} sessions, {done / (last - started):.0f}/s; largest log so far {biggest[0]} "
                    f"{biggest[1] / MB:.1f} MB",
                    flush=True,
                )
        await workers
        elapsed = time.monotonic() - started
        watcher.cancel()
    for name, size in logs(home).items():
        largest[name] = max(largest.get(name, 0), size)
    at_end = logs(home)
    await asyncio.sleep(args.idle)
    at_idle = logs(home)
    return {"elapsed_s": elapsed, "largest": largest, "at_end": at_end, "at_idle": at_idle}


def report(results: dict[str, Any], home: Path, sessions: int) -> dict[str, Any]:
    names = sorted(results["largest"])
    sizes = databases(home, names)
    print(f"{sessions} sessions in {results['elapsed_s']:.0f} s ({sessions / results['elapsed_s']:.0f}/s)")
    print(f"{'database':<22}{'db MB':>9}{'largest log MB':>16}{'at end MB':>11}{'idle MB':>9}")
    rows: dict[str, dict[str, float]] = {}
    for name in names:
        row = {
            "database_mb": sizes[name] / MB,
            "largest_log_mb": results["largest"][name] / MB,
            "log_at_end_mb": results["at_end"].get(name, 0) / MB,
            "log_at_idle_mb": results["at_idle"].get(name, 0) / MB,
        }
        rows[name] = row
        flag = "" if row["largest_log_mb"] < TARGET_MB else "  (over)"
        print(
            f"{name:<22}{row['database_mb']:>9.1f}{row['largest_log_mb']:>16.1f}{row['log_at_end_mb']:>11.1f}"
            f"{row['log_at_idle_mb']:>9.1f}{flag}"
        )
    worst = max(rows.items(), key=lambda item: item[1]["largest_log_mb"])
    print(
        f"largest log: {worst[0]} at {worst[1]['largest_log_mb']:.1f} MB (target < {TARGET_MB:.0f} MB), "
        f"{worst[1]['largest_log_mb'] / max(worst[1]['database_mb'], 0.001):.2f}x its database; "
        f"all logs at idle: {sum(r['log_at_idle_mb'] for r in rows.values()):.1f} MB"
    )
    return {"elapsed_s": results["elapsed_s"], "files": rows, "largest": worst[0]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20_000, help="StartSession calls in all")
    parser.add_argument("--concurrency", type=int, default=8, help="calls in flight")
    parser.add_argument("--every", type=float, default=0.25, help="seconds between two readings of the logs")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds without calls before the last reading")
    parser.add_argument("--json", type=Path, help="write results here (default bench/results/wal-<time>.json)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soma-bench-wal-") as root:
        home = Path(root)
        print("starting soma up (dev stage, SQLite, embedded log, local model)…", flush=True)
        mesh = start_mesh(home, cwd=REPO, SOMA_LOG_LEVEL="warning", **UNTHROTTLED)
        try:
            results = asyncio.run(
                run(mesh.target, mesh.admin_token, mesh.home / "dev" / signing.DEV_KEY_FILE, home, args)
            )
            summary = report(results, home, args.sessions)
        finally:
            mesh.stop()
    path = write_results(
        "wal", {"sessions": args.sessions, "concurrency": args.concurrency, "idle_s": args.idle, **summary}, args.json
    )
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
