"""Faults of the memory store and of the memory service itself: acknowledged writes are never lost, replay is ordered.

The store is a local server speaking SomaBrain's HTTP API (SomaBrain cannot run here); the memory service is
a real `soma serve memory` process, verifying tokens from the shared mesh's identity service.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import httpx
import pytest

from soma.memory.v1 import memory_pb2, memory_service_pb2_grpc
from soma.memory.v1 import memory_service_pb2 as pb
from somastack.memory.adapters.somabrain import SomaBrainStore, coord_of, coord_text, key_of_coord
from somastack.memory.model import (
    Forgotten,
    Link,
    Linked,
    LinkType,
    Memory,
    MemoryKind,
    Remembered,
    Write,
    key_of,
    new_memory_id,
)
from somastack.memory.ports import StoreUnavailable, WriteRejected
from somastack.testing import free_ports
from tests.conftest import Mesh
from tests.integration.fake_somabrain import FakeSomaBrain
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure
from tests.integration.memory_process import MemoryProcess, start_memory

pytestmark = pytest.mark.timeout(60)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def wait_until(condition: Callable[[], bool], within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def fake() -> Iterator[FakeSomaBrain]:
    server = FakeSomaBrain(port=free_ports(1)[0])
    yield server
    server.stop()


def somabrain_settings(fake: FakeSomaBrain) -> dict[str, str]:
    return {
        "SOMA_MEMORY_STORE": "somabrain",
        "SOMA_MEMORY_SOMABRAIN_URL": fake.url,
        "SOMA_MEMORY_SOMABRAIN_TIMEOUT_SECONDS": "2",
        "SOMA_MEMORY_REPLAY_BACKOFF_MAX_SECONDS": "0.2",
    }


class Client:
    """A MemoryService stub on one memory process, with one tenant's owner token."""

    def __init__(self, process: MemoryProcess, tenant: str, token: str) -> None:
        self.channel = process.channel()
        self.stub = memory_service_pb2_grpc.MemoryServiceStub(self.channel)
        self.tenant = tenant
        self.token = token

    def remember(self, text: str) -> memory_pb2.Memory:
        return self.stub.Remember(
            pb.RememberRequest(
                parent=f"tenants/{self.tenant}",
                memory=memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_EPISODIC, text=text),
                request_id=uuid.uuid4().hex,
            ),
            metadata=bearer(self.token),
            timeout=10,
        ).memory

    def get(self, name: str) -> memory_pb2.Memory:
        return self.stub.GetMemory(pb.GetMemoryRequest(name=name), metadata=bearer(self.token), timeout=10).memory

    def close(self) -> None:
        self.channel.close()


def first_arrivals(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def test_writes_are_acknowledged_while_the_store_is_down_and_replayed_once_in_order(
    mesh: Mesh, fake: FakeSomaBrain, tmp_path: Path
) -> None:
    tenant = unique("brain")
    with mesh.channel() as channel:
        token = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
    fake.start()
    process = start_memory(tmp_path / "memory", mesh, somabrain_settings(fake))
    client = Client(process, tenant, token)
    try:
        before = [client.remember(f"before the outage, note {i}") for i in range(10)]
        wait_until(lambda: len(fake.state.remember_keys()) == 10, 10, "the first writes to be applied")
        assert client.get(before[-1].name).store_state == memory_pb2.STORE_STATE_APPLIED

        fake.stop()
        started = time.monotonic()
        during = [client.remember(f"during the outage, note {i}") for i in range(40)]
        acknowledged_in = time.monotonic() - started
        assert [m.store_state for m in during] == [memory_pb2.STORE_STATE_PENDING] * len(during)
        assert client.get(during[-1].name).store_state == memory_pb2.STORE_STATE_PENDING
        with pytest.raises(grpc.RpcError) as unavailable:
            client.stub.Recall(
                pb.RecallRequest(parent=f"tenants/{tenant}", query="outage"), metadata=bearer(token), timeout=10
            )
        assert failure(unavailable.value).code == grpc.StatusCode.UNAVAILABLE

        fake.start()
        back = time.monotonic()
        names = [m.name for m in before + during]
        wait_until(lambda: set(fake.state.remember_keys()) >= set(names), 20, "the backlog to be replayed")
        replayed_in = time.monotonic() - back
        assert fake.state.remember_keys() == names  # each exactly once, in acknowledgement order
        assert client.get(during[-1].name).store_state == memory_pb2.STORE_STATE_APPLIED
        stored = fake.state.stored(tenant)
        assert len(stored) == 50
        assert {key_of_coord(p["coordinate"]) for p in stored.values()} == {key_of(n.rsplit("/", 1)[1]) for n in names}

        hits = client.stub.Recall(
            pb.RecallRequest(parent=f"tenants/{tenant}", query="during the outage note 7", top_k=3),
            metadata=bearer(token),
            timeout=10,
        ).hits
        assert hits and hits[0].memory.name in names
        print(
            f"\n40 writes during the outage acknowledged in {acknowledged_in:.2f}s; "
            f"the backlog replayed {replayed_in:.2f}s after the store came back"
        )
    finally:
        client.close()
        assert process.stop() == 0, process.log()


def test_a_memory_process_killed_mid_replay_loses_nothing(mesh: Mesh, fake: FakeSomaBrain, tmp_path: Path) -> None:
    tenant = unique("crash")
    with mesh.channel() as channel:
        token = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
    home = tmp_path / "memory"
    # The store is down while the writes come in, so they all wait in the write log.
    process = start_memory(home, mesh, somabrain_settings(fake))
    client = Client(process, tenant, token)
    written = [client.remember(f"write {i} before the crash") for i in range(120)]
    client.close()
    names = [m.name for m in written]

    fake.delay = 0.02
    fake.start()
    wait_until(lambda: len(fake.state.remember_keys()) >= 40, 20, "the replay to be under way")
    process.kill()
    at_kill = len(fake.state.remember_keys())
    assert at_kill < len(names), "the replay finished before the kill; slow the fake down"

    fake.delay = 0.0
    restarted = start_memory(home, mesh, somabrain_settings(fake))
    try:
        wait_until(lambda: set(fake.state.remember_keys()) >= set(names), 30, "the replay to finish after restart")
        after = [r.at for r in fake.state.received if r.path == "/remember"][at_kill:]
        rate = (len(after) - 1) / max(after[-1] - after[0], 1e-6)
        received = fake.state.remember_keys()
        assert first_arrivals(received) == names
        # At most the one write in flight at the kill is sent twice; SomaBrain keeps it once (same coordinate).
        assert len(received) - len(names) <= 1
        assert len(fake.state.stored(tenant)) == len(names)
        client = Client(restarted, tenant, token)
        assert client.get(names[-1]).store_state == memory_pb2.STORE_STATE_APPLIED
        client.close()
        print(
            f"\nkilled after {at_kill} of {len(names)} replayed; {len(received) - len(names)} re-sent after restart; "
            f"the rest replayed at {rate:.0f} writes/s"
        )
    finally:
        assert restarted.stop() == 0, restarted.log()


# -- the SomaBrain adapter on its own -----------------------------------------------------------------------------


def test_coordinates_encode_memory_ids_exactly() -> None:
    for _ in range(1000):
        memory_id = new_memory_id()
        x, y, z = coord_of(memory_id)
        assert all(0 <= c < 1 for c in (x, y, z))
        assert key_of_coord([x, y, z]) == key_of(memory_id)
        assert key_of_coord(coord_text(memory_id)) == key_of(memory_id)
    assert key_of_coord([0.1, 0.2, 0.3]) is None  # not one of ours
    assert key_of_coord("garbage") is None


def _write(seq: int, change: Remembered | Linked | Forgotten) -> Write:
    return Write(seq, "acme", change, time.time())


def _memory(text: str) -> Memory:
    return Memory("acme", new_memory_id(), MemoryKind.SEMANTIC, text, {}, 0.4, time.time())


async def test_the_adapter_speaks_somabrains_json_and_classifies_failures(fake: FakeSomaBrain) -> None:
    fake.start()
    store = SomaBrainStore(fake.url, token="secret", timeout=2)
    try:
        a, b = _memory("the staging cluster runs Kubernetes 1.30"), _memory("staging upgrades happen on Tuesdays")
        link = Link("acme", a.id, b.id, LinkType.RELATES_TO, 0.5, time.time())
        await store.apply([_write(1, Remembered(a)), _write(2, Remembered(b)), _write(3, Linked(link))])
        remembered = [r for r in fake.state.received if r.path == "/remember"]
        assert [r.idempotency_key for r in remembered] == [a.name, b.name]
        assert remembered[0].tenant == "acme"
        assert remembered[0].body["coord"] == coord_text(a.id)
        assert remembered[0].body["payload"]["task"] == a.text
        assert remembered[0].body["payload"]["memory_type"] == "semantic"
        assert fake.state.links == [("acme", coord_text(a.id), coord_text(b.id), "relates_to", 0.5)]

        hits = await store.search("acme", "staging cluster Kubernetes", 5)
        assert hits[0].key == a.key
        assert await store.search("globex", "staging cluster", 5) == []

        await store.apply([_write(4, Forgotten("acme", (a.id, new_memory_id())))])
        assert [key_of_coord(p["coordinate"]) for p in fake.state.stored("acme").values()] == [b.key]

        fake.fail_status = 503
        with pytest.raises(StoreUnavailable):
            await store.apply([_write(5, Remembered(_memory("x")))])
        with pytest.raises(StoreUnavailable):
            await store.search("acme", "x", 3)
        fake.fail_status = 422
        with pytest.raises(WriteRejected) as refused:
            await store.apply([_write(6, Remembered(_memory("y"))), _write(7, Remembered(_memory("z")))])
        assert (refused.value.seq, refused.value.applied) == (6, 0)
        fake.fail_status = None
        fake.stop()
        with pytest.raises(StoreUnavailable):
            await store.apply([_write(8, Remembered(_memory("w")))])
    finally:
        await store.close()


def test_the_fake_answers_like_somabrain(fake: FakeSomaBrain) -> None:
    fake.start()
    remembered = httpx.post(
        f"{fake.url}/remember",
        json={"coord": None, "payload": {"task": "Paris is the capital of France", "memory_type": "semantic"}},
        headers={"X-Tenant-ID": "demo"},
    )
    assert remembered.status_code == 200
    assert {"ok", "success", "namespace", "trace_id"} <= set(remembered.json())
    recalled = httpx.post(
        f"{fake.url}/recall", json={"query": "capital of France", "top_k": 3}, headers={"X-Tenant-ID": "demo"}
    )
    assert recalled.json()["memory"][0]["task"] == "Paris is the capital of France"
    assert {"wm", "memory", "namespace", "trace_id"} <= set(recalled.json())
