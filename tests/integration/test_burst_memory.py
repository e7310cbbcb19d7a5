"""A burst of 1 MB requests leaves the serving processes' memory near where it was: bursts of 50 concurrent calls
whose field is about 1 MB (refused on that field's own bound) grow the memory service and the orchestrator by no
more than 32 MB over their resident size after a first, warm-up burst."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import grpc
import pytest

from soma.memory.v1 import memory_pb2, memory_service_pb2, memory_service_pb2_grpc
from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as pb
from somastack.testing import MeshProcess, service_pids
from tests.integration.helpers import bearer, ensure_tenant_with_owner, mesh_on

TENANT = "burst"
BURST, BURSTS = 50, 4
FIELD_BYTES = 1024 * 1024
#: How far above its size after the warm-up burst a process may stay once a burst is over.
NEAR = 32 * 1024 * 1024
#: When "afterwards" is: a process gives memory back 0.5 s after the last large request, at most every 2 s
#: (runtime/release.py).
AFTERWARDS = 3.0
MEASURED = ("memory", "orchestrator")


@pytest.fixture(scope="module")
def burst_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    with mesh_on("embedded", tmp_path_factory.mktemp("burst"), "") as mesh:
        yield mesh


def rss(pid: int) -> int:
    """The process's resident memory in bytes, from /proc/<pid>/status."""
    with open(f"/proc/{pid}/status") as status:
        line = next(row for row in status if row.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024


async def burst(channel: grpc.aio.Channel, token: str, round_: int) -> None:
    """BURST Remember calls and BURST StartSession calls at once, each with a field of FIELD_BYTES: every one is
    INVALID_ARGUMENT on that field."""
    memories = memory_service_pb2_grpc.MemoryServiceStub(channel)
    sessions = session_service_pb2_grpc.SessionServiceStub(channel)
    auth = bearer(token)

    async def remember(i: int) -> grpc.StatusCode:
        text = f"{round_}-{i}-" + "m" * FIELD_BYTES
        request = memory_service_pb2.RememberRequest(parent=f"tenants/{TENANT}", memory=memory_pb2.Memory(text=text))
        try:
            await memories.Remember(request, metadata=auth, timeout=60)
        except grpc.aio.AioRpcError as error:
            return error.code()
        return grpc.StatusCode.OK

    async def start(i: int) -> grpc.StatusCode:
        prompt = f"{round_}-{i}-" + "p" * FIELD_BYTES
        request = pb.StartSessionRequest(parent=f"tenants/{TENANT}", session=session_pb2.Session(prompt=prompt))
        try:
            await sessions.StartSession(request, metadata=auth, timeout=60)
        except grpc.aio.AioRpcError as error:
            return error.code()
        return grpc.StatusCode.OK

    codes = await asyncio.gather(*(remember(i) for i in range(BURST)), *(start(i) for i in range(BURST)))
    assert set(codes) == {grpc.StatusCode.INVALID_ARGUMENT}, codes


async def test_a_burst_of_large_requests_leaves_memory_near_its_baseline(burst_mesh: MeshProcess) -> None:
    with grpc.insecure_channel(burst_mesh.target) as sync:
        token = ensure_tenant_with_owner(sync, burst_mesh.admin_token, TENANT)
    pids = {domain: pid for domain, pid in service_pids(burst_mesh.process.pid).items() if domain in MEASURED}
    started = {domain: rss(pid) for domain, pid in pids.items()}
    async with grpc.aio.insecure_channel(burst_mesh.target) as channel:
        await burst(channel, token, 0)
        await asyncio.sleep(AFTERWARDS)
        baseline = {domain: rss(pid) for domain, pid in pids.items()}
        after: dict[str, list[int]] = {domain: [] for domain in pids}
        for round_ in range(1, BURSTS + 1):
            await burst(channel, token, round_)
            await asyncio.sleep(AFTERWARDS)
            for domain, pid in pids.items():
                after[domain].append(rss(pid))
    mb = 1024 * 1024
    print(
        "\nburst memory: RSS MB "
        + "; ".join(
            f"{d} {started[d] // mb} at start, {baseline[d] // mb} after the warm-up burst, "
            + ", ".join(str(v // mb) for v in after[d])
            + " after each burst"
            for d in pids
        )
    )
    for domain in pids:
        assert all(value <= baseline[domain] + NEAR for value in after[domain]), (domain, baseline, after)
