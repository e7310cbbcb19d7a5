"""Idle streams cost no CPU: 1,000 StreamSessionEvents streams and 300 Subscribe streams held open through Envoy
keep the orchestrator and the notification service under 5 % of a core, and a change still reaches its stream at
once while the others idle.

The mesh is this module's own, with `SOMA_MAX_STREAMS_PER_CALLER` raised to let one member hold the 1,000 session
streams (the bound is per caller and process; its refusals are tested in `test_envoy_limits.py`). The Subscribe
streams, 10 for each of 30 members, are held by a client process of their own (`subscribers.py`).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import grpc
import httpx
import pytest

from soma.identity.v1 import identity_pb2
from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as pb
from somastack.testing import MeshProcess, service_pids
from tests.conftest import REPO
from tests.integration.helpers import mesh_on
from tests.integration.test_orchestrator_mesh import TENANT, people, start, user_token

SESSIONS = 1000
SUBSCRIBERS, STREAMS_PER_SUBSCRIBER = 30, 10
#: Client connections the session streams share, 250 each; the test's unary calls use a connection of their own.
CHANNELS = 4
#: How long the streams idle while the services' CPU is measured, and the most it may be (a fraction of a core).
IDLE_SECONDS = 5.0
MAX_CPU = 0.05
#: A change committed by the serving process wakes its stream at once; this leaves room for a loaded machine.
PROMPT_SECONDS = 1.0
MEASURED = ("orchestrator", "notification")

#: Starting 1,000 sessions through the mesh takes most of the module's time on two shared cores.
pytestmark = pytest.mark.timeout(600)

Metadata = tuple[tuple[str, str], ...]


@pytest.fixture(scope="module")
def idle_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    with mesh_on(
        "embedded", tmp_path_factory.mktemp("idle"), "", SOMA_MAX_STREAMS_PER_CALLER=str(SESSIONS + 100)
    ) as mesh:
        yield mesh


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process used so far, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def cpu_share(pids: dict[str, int], seconds: float) -> dict[str, float]:
    """Each process's CPU over `seconds` of wall time, as a fraction of one core."""
    before = {domain: cpu_seconds(pid) for domain, pid in pids.items()}
    started = time.monotonic()
    await asyncio.sleep(seconds)
    elapsed = time.monotonic() - started
    return {domain: (cpu_seconds(pid) - before[domain]) / elapsed for domain, pid in pids.items()}


async def settled(pids: dict[str, int], within: float = 90) -> dict[str, float]:
    """Waits until the services finished the work the set-up gave them (consuming the approval notices)."""
    deadline = time.monotonic() + within
    while True:
        shares = await cpu_share(pids, 1.0)
        if max(shares.values()) < MAX_CPU or time.monotonic() > deadline:
            return shares


@dataclass
class Follower:
    """What one stream received, and when its last change arrived."""

    received: list[object] = field(default_factory=list)
    at: float = 0.0


async def follow(call: grpc.aio.UnaryStreamCall, into: Follower) -> None:  # type: ignore[type-arg]
    async for response in call:
        into.received.append(response)
        into.at = time.monotonic()


async def start_pending(channels: list[grpc.aio.Channel], member: Metadata) -> list[str]:
    """SESSIONS sessions waiting for approval (risk 0.5 asks for a second person), started 16 at a time."""
    gate = asyncio.Semaphore(16)

    async def one(i: int) -> str:
        sessions = session_service_pb2_grpc.SessionServiceStub(channels[i % len(channels)])
        async with gate:
            response = await sessions.StartSession(start(f"idle {i}", risk=0.5), metadata=member)
        assert response.session.state == session_pb2.SESSION_STATE_PENDING_APPROVAL, response.session.error
        return str(response.session.name)

    return list(await asyncio.gather(*(one(i) for i in range(SESSIONS))))


def envoy_stat(mesh: MeshProcess, name: str) -> int:
    text = httpx.get(f"http://127.0.0.1:{mesh.admin_port}/stats?filter=^{name}$", timeout=5).text
    return int(text.rpartition(": ")[2] or 0)


@contextmanager
def subscribers(mesh: MeshProcess, tokens: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """STREAMS_PER_SUBSCRIBER Subscribe streams per user, held by a client process of their own (see
    `tests/integration/subscribers.py`); open once this returns."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.subscribers", mesh.target, str(STREAMS_PER_SUBSCRIBER)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write("".join(f"{user} {token}\n" for user, token in tokens.items()))
    process.stdin.close()
    try:
        expected = len(tokens) * STREAMS_PER_SUBSCRIBER
        for _ in range(300):
            if envoy_stat(mesh, "cluster.notification.upstream_rq_active") >= expected:
                break
            time.sleep(0.1)
        assert envoy_stat(mesh, "cluster.notification.upstream_rq_active") >= expected
        yield process
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


async def test_idle_streams_cost_no_cpu_and_a_change_still_arrives_at_once(idle_mesh: MeshProcess) -> None:
    with grpc.insecure_channel(idle_mesh.target) as channel:
        who = people(idle_mesh, channel)
        members = [f"idle{i}" for i in range(SUBSCRIBERS - 1)]
        tokens = {who.user("max"): who.member[0][1].removeprefix("Bearer ")}
        for m in members:
            tokens[who.user(m)] = user_token(idle_mesh, channel, TENANT, m, identity_pb2.ROLE_MEMBER)
    pids = {domain: pid for domain, pid in service_pids(idle_mesh.process.pid).items() if domain in MEASURED}
    channels = [grpc.aio.insecure_channel(idle_mesh.target) for _ in range(CHANNELS + 1)]
    control = session_service_pb2_grpc.SessionServiceStub(channels[CHANNELS])
    try:
        began = time.monotonic()
        names = await start_pending(channels, who.member)
        print(f"\nidle streams: {SESSIONS} sessions started in {time.monotonic() - began:.1f} s")
        quiet = await settled(pids)
        baseline = await cpu_share(pids, IDLE_SECONDS)

        with subscribers(idle_mesh, tokens) as notified:
            sessions = [session_service_pb2_grpc.SessionServiceStub(c) for c in channels[:CHANNELS]]
            streams = {name: Follower() for name in names}
            tasks = [
                asyncio.create_task(
                    follow(
                        sessions[i % CHANNELS].StreamSessionEvents(
                            pb.StreamSessionEventsRequest(name=name), metadata=who.member
                        ),
                        streams[name],
                    )
                )
                for i, name in enumerate(names)
            ]
            # Every session stream first sends its session's history: RUNNING, the check, policy, APPROVAL, PENDING.
            for _ in range(300):
                if all(len(s.received) >= 5 for s in streams.values()):
                    break
                await asyncio.sleep(0.2)
            assert all(len(s.received) == 5 for s in streams.values()), "not every stream got its session's history"
            print(f"idle streams: streams open and caught up after {time.monotonic() - began:.1f} s")
            await settled(pids, within=10)

            idle = await cpu_share(pids, IDLE_SECONDS)
            print(
                f"idle streams: {SESSIONS} session streams over {CHANNELS} channels, "
                f"{SUBSCRIBERS * STREAMS_PER_SUBSCRIBER} Subscribe streams of {SUBSCRIBERS} users; "
                + "; ".join(
                    f"{d} CPU {100 * quiet[d]:.1f} % settling, {100 * baseline[d]:.1f} % without streams, "
                    f"{100 * idle[d]:.1f} % with them"
                    for d in MEASURED
                )
            )
            assert not any(task.done() for task in tasks), "a stream ended while idle"
            assert notified.poll() is None, "the subscribers' process ended"
            assert all(share < MAX_CPU for share in idle.values()), idle

            # One session changes while 999 others idle: its stream hears at once (and ends with the session), and
            # its requester's Subscribe streams get the "Session cancelled" notification.
            changed = SESSIONS // 2
            cancelled_at = time.monotonic()
            await control.CancelSession(pb.CancelSessionRequest(name=names[changed]), metadata=who.member)
            await asyncio.wait_for(tasks[changed], 5)
            latency = streams[names[changed]].at - cancelled_at
            assert streams[names[changed]].received[-1].event.state == session_pb2.SESSION_STATE_CANCELLED  # type: ignore[attr-defined]
            assert latency < PROMPT_SECONDS, latency
            assert sum(len(s.received) for s in streams.values()) == 5 * SESSIONS + 2  # its SKIPPED step and state
            assert not any(task.done() for i, task in enumerate(tasks) if i != changed)
            assert notified.stdout is not None
            lines = [await asyncio.wait_for(asyncio.to_thread(notified.stdout.readline), 10) for _ in range(10)]
            assert lines == [f"{who.user('max')} Session cancelled\n"] * STREAMS_PER_SUBSCRIBER, lines
            print(f"idle streams: the changed session's stream heard after {1000 * latency:.0f} ms")
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        for c in channels:
            await c.close()
