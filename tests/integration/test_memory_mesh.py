"""MemoryService through real Envoy, over gRPC and REST, with tokens from identity: the flows and tenant isolation."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.memory.v1 import memory_pb2, memory_service_pb2_grpc
from soma.memory.v1 import memory_service_pb2 as pb
from somastack.config import Settings
from somastack.memory.working import WorkingMemories
from somastack.platform.cache import open_cache
from somastack.platform.errors import FailedPrecondition
from tests.conftest import Mesh, require_env
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity
from tests.integration.memory_process import start_memory


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def memories(channel: grpc.Channel) -> memory_service_pb2_grpc.MemoryServiceStub:
    return memory_service_pb2_grpc.MemoryServiceStub(channel)


def remember(
    stub: memory_service_pb2_grpc.MemoryServiceStub,
    token: str,
    tenant: str,
    text: str,
    *,
    kind: memory_pb2.MemoryKind = memory_pb2.MEMORY_KIND_SEMANTIC,
    metadata: dict[str, str] | None = None,
    request_id: str = "",
) -> memory_pb2.Memory:
    return stub.Remember(
        pb.RememberRequest(
            parent=f"tenants/{tenant}",
            memory=memory_pb2.Memory(kind=kind, text=text, metadata=metadata or {}, importance=0.5),
            request_id=request_id,
        ),
        metadata=bearer(token),
    ).memory


@pytest.fixture
def http(any_mesh: Mesh) -> Iterator[httpx.Client]:
    """REST/JSON through Envoy, on SQLite and on PostgreSQL."""
    with any_mesh.http(timeout=10) as client:
        yield client


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_remember_recall_retry_and_isolation_over_grpc(any_mesh: Mesh, channel: grpc.Channel) -> None:
    acme, globex = unique("acme"), unique("globex")
    owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, acme)
    stranger = ensure_tenant_with_owner(channel, any_mesh.admin_token, globex)
    stub = memories(channel)

    created = remember(stub, owner, acme, "The payments API moved to the new Postgres cluster", request_id="r-1")
    assert created.name.startswith(f"tenants/{acme}/memories/")
    assert created.store_state == memory_pb2.STORE_STATE_APPLIED
    assert (
        remember(stub, owner, acme, "The payments API moved to the new Postgres cluster", request_id="r-1") == created
    )
    with pytest.raises(grpc.RpcError) as reused:
        remember(stub, owner, acme, "Something else", request_id="r-1")
    assert (failure(reused.value).code, failure(reused.value).reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "REQUEST_ID_REUSED",
    )
    remember(stub, owner, acme, "Lunch menu: ramen on Thursday", kind=memory_pb2.MEMORY_KIND_EPISODIC)

    hits = stub.Recall(
        pb.RecallRequest(parent=f"tenants/{acme}", query="which cluster does the payments API use", top_k=5),
        metadata=bearer(owner),
    ).hits
    assert hits[0].memory.name == created.name
    assert 0 < hits[0].score <= 1
    filtered = stub.Recall(
        pb.RecallRequest(
            parent=f"tenants/{acme}",
            query="payments cluster ramen",
            filter=memory_pb2.MemoryFilter(kinds=[memory_pb2.MEMORY_KIND_EPISODIC]),
        ),
        metadata=bearer(owner),
    ).hits
    assert [h.memory.kind for h in filtered] == [memory_pb2.MEMORY_KIND_EPISODIC]

    # Another tenant finds nothing of acme's in its own memories, and cannot address acme's at all.
    own = stub.Recall(
        pb.RecallRequest(parent=f"tenants/{globex}", query="payments API Postgres"), metadata=bearer(stranger)
    )
    assert list(own.hits) == []
    for call in (
        lambda: stub.Recall(pb.RecallRequest(parent=f"tenants/{acme}", query="payments"), metadata=bearer(stranger)),
        lambda: stub.GetMemory(pb.GetMemoryRequest(name=created.name), metadata=bearer(stranger)),
    ):
        with pytest.raises(grpc.RpcError) as denied:
            call()
        assert (failure(denied.value).code, failure(denied.value).reason) == (
            grpc.StatusCode.PERMISSION_DENIED,
            "TENANT_MISMATCH",
        )

    with pytest.raises(grpc.RpcError) as missing:
        stub.GetMemory(pb.GetMemoryRequest(name=f"tenants/{acme}/memories/0000000000000001"), metadata=bearer(owner))
    assert (failure(missing.value).code, failure(missing.value).reason) == (
        grpc.StatusCode.NOT_FOUND,
        "MEMORY_NOT_FOUND",
    )
    with pytest.raises(grpc.RpcError) as blank:
        remember(stub, owner, acme, "   ")
    assert failure(blank.value).code == grpc.StatusCode.INVALID_ARGUMENT
    assert failure(blank.value).violations[0][0] == "memory.text"


def test_rest_remember_recall_context_link_neighbors_and_forget(any_mesh: Mesh, http: httpx.Client) -> None:
    tenant = unique("rest")
    with any_mesh.channel() as channel:
        owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    base = f"/v1/tenants/{tenant}/memories"

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = http.post(path, json=body, headers=auth(owner))
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    incident = post(
        base,
        {
            "memory": {
                "kind": "MEMORY_KIND_EPISODIC",
                "text": "Incident: the orders database ran out of connections during the sale",
                "metadata": {"source": "pagerduty"},
                "importance": 0.9,
            },
            "requestId": "inc-1",
        },
    )["memory"]
    assert isinstance(incident, dict)
    assert incident["storeState"] == "STORE_STATE_APPLIED"
    assert incident["metadata"] == {"source": "pagerduty"}
    fix = post(
        base,
        {"memory": {"kind": "MEMORY_KIND_SEMANTIC", "text": "Raise the orders database connection pool to 200"}},
    )["memory"]
    assert isinstance(fix, dict)
    got = http.get(f"/v1/{incident['name']}", headers=auth(owner))
    assert got.status_code == 200 and got.json()["memory"] == incident

    recalled = post(
        f"{base}:recall", {"query": "orders database connections", "filter": {"metadata": {"source": "pagerduty"}}}
    )
    hits = recalled["hits"]
    assert isinstance(hits, list) and [h["memory"]["name"] for h in hits] == [incident["name"]]

    context = post(f"{base}:retrieveContext", {"query": "orders database connection pool", "tokenBudget": 12})
    assert context["totalTokens"] <= 12
    chunks = context["chunks"]
    assert isinstance(chunks, list) and chunks
    citation = chunks[0]["citation"]
    assert citation["memory"] in (incident["name"], fix["name"])
    assert str(context["context"]).startswith("[1] ")

    link = post(
        f"/v1/{fix['name']}:link", {"target": incident["name"], "type": "LINK_TYPE_DERIVED_FROM", "weight": 0.8}
    )
    assert link["link"]["source"] == fix["name"]
    neighbors = http.get(
        f"/v1/{incident['name']}:neighbors",
        params={"depth": 2, "types": "LINK_TYPE_DERIVED_FROM", "direction": "LINK_DIRECTION_INCOMING"},
        headers=auth(owner),
    )
    assert neighbors.status_code == 200, neighbors.text
    assert [n["memory"]["name"] for n in neighbors.json()["neighbors"]] == [fix["name"]]

    cross = http.post(
        f"/v1/{fix['name']}:link",
        json={"target": "tenants/someone-else/memories/0000000000000001", "type": "LINK_TYPE_RELATES_TO"},
        headers=auth(owner),
    )
    assert cross.status_code == 400, cross.text

    forgotten = post(f"{base}:forget", {"names": [incident["name"]]})
    assert forgotten["forgottenCount"] == "1"  # int64 is a JSON string
    assert http.get(f"/v1/{incident['name']}", headers=auth(owner)).status_code == 404
    after = post(f"{base}:recall", {"query": "orders database connections"})
    assert [h["memory"]["name"] for h in after.get("hits", [])] == [fix["name"]]
    empty = http.post(f"{base}:forget", json={}, headers=auth(owner))
    assert empty.status_code == 400, empty.text


def test_working_memory_is_bounded_per_session_and_cleared(mesh: Mesh) -> None:
    tenant = unique("wm")
    with mesh.channel() as channel:
        owner = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
        stub = memories(channel)
        name = f"tenants/{tenant}/sessions/s1/workingMemory"
        before = time.time()
        for batch in range(3):
            put = stub.PutWorking(
                pb.PutWorkingRequest(
                    name=name,
                    items=[memory_pb2.WorkingItem(text=f"turn {batch * 100 + i}") for i in range(100)],
                ),
                metadata=bearer(owner),
            ).working_memory
        # 300 appended, the newest `max_items` (200 by default) kept, oldest first.
        assert put.max_items == 200
        assert [i.text for i in put.items] == [f"turn {n}" for n in range(100, 300)]
        assert put.ttl.seconds == 3600
        assert put.expire_time.seconds >= before + 3600 - 1
        other = stub.GetWorking(
            pb.GetWorkingRequest(name=f"tenants/{tenant}/sessions/s2/workingMemory"), metadata=bearer(owner)
        ).working_memory
        assert list(other.items) == [] and not other.HasField("expire_time")
    with mesh.http(timeout=10) as http:
        response = http.get(f"/v1/{name}", headers=auth(owner))
        assert response.status_code == 200 and len(response.json()["workingMemory"]["items"]) == 200
        cleared = http.delete(f"/v1/{name}", headers=auth(owner))
        assert cleared.status_code == 200 and cleared.json()["clearedCount"] == 200
        assert http.get(f"/v1/{name}", headers=auth(owner)).json()["workingMemory"]["items"] == []


def test_members_read_and_never_forget(mesh: Mesh) -> None:
    tenant = unique("caps")
    with mesh.channel() as channel:
        owner = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
        ident = identity(channel)
        ident.CreateUser(
            ipb.CreateUserRequest(parent=f"tenants/{tenant}", user_id="max", user=identity_pb2.User()),
            metadata=bearer(mesh.admin_token),
        )
        member = ident.IssueToken(
            ipb.IssueTokenRequest(user=f"tenants/{tenant}/users/max"), metadata=bearer(mesh.admin_token)
        )
        stub = memories(channel)
        remember(stub, owner, tenant, "only owners and admins write here")
        hits = stub.Recall(
            pb.RecallRequest(parent=f"tenants/{tenant}", query="owners write"), metadata=bearer(member.access_token)
        ).hits
        assert len(hits) == 1
        # Forgetting is never a member's; writing is when identity's role mapping grants members memory.write.
        if "memory.write" in member.capabilities:
            remember(stub, member.access_token, tenant, "a member writes too")
        else:
            with pytest.raises(grpc.RpcError) as no_write:
                remember(stub, member.access_token, tenant, "a member tries to write")
            assert failure(no_write.value).reason == "CAPABILITY_MISSING"
        with pytest.raises(grpc.RpcError) as denied:
            stub.Forget(
                pb.ForgetRequest(parent=f"tenants/{tenant}", names=[hits[0].memory.name]),
                metadata=bearer(member.access_token),
            )
        assert (failure(denied.value).code, failure(denied.value).reason) == (
            grpc.StatusCode.PERMISSION_DENIED,
            "CAPABILITY_MISSING",
        )


def test_working_memory_expires_in_a_memory_process_configured_for_it(mesh: Mesh, tmp_path: Path) -> None:
    tenant = unique("ttl")
    with mesh.channel() as channel:
        owner = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
    process = start_memory(
        tmp_path / "memory", mesh, {"SOMA_MEMORY_WORKING_TTL_SECONDS": "1", "SOMA_MEMORY_WORKING_MAX_ITEMS": "3"}
    )
    try:
        with process.channel() as channel:
            stub = memories(channel)
            name = f"tenants/{tenant}/sessions/short/workingMemory"
            put = stub.PutWorking(
                pb.PutWorkingRequest(name=name, items=[memory_pb2.WorkingItem(text=f"t{i}") for i in range(5)]),
                metadata=bearer(owner),
            ).working_memory
            assert [i.text for i in put.items] == ["t2", "t3", "t4"] and put.max_items == 3
            time.sleep(1.3)
            expired = stub.GetWorking(pb.GetWorkingRequest(name=name), metadata=bearer(owner)).working_memory
            assert list(expired.items) == []
    finally:
        assert process.stop() == 0, process.log()


@pytest.mark.redis
async def test_working_memory_on_redis_is_bounded_and_expires() -> None:
    url = require_env("SOMA_TEST_REDIS_URL")
    cache = open_cache(Settings(redis_url=url), namespace=f"memory-test-{uuid.uuid4().hex[:8]}")
    working = WorkingMemories(cache, max_items=3, ttl=1.0)
    name = "tenants/acme/sessions/redis/workingMemory"
    try:
        state = await working.put(name, [(f"t{i}", {"i": str(i)}) for i in range(5)])
        assert [(i.text, dict(i.metadata)) for i in state.items] == [
            ("t2", {"i": "2"}),
            ("t3", {"i": "3"}),
            ("t4", {"i": "4"}),
        ]
        await asyncio.sleep(1.3)
        assert (await working.get(name)).items == []
        await working.put(name, [("again", {})])
        assert await working.clear(name) == 1
    finally:
        await cache.close()


@pytest.mark.redis
async def test_working_memory_on_redis_is_bounded_per_tenant_across_replicas() -> None:
    """Two replicas on one Redis share each tenant's bound: what one holds counts against the other's puts."""
    url = require_env("SOMA_TEST_REDIS_URL")
    namespace = f"memory-test-{uuid.uuid4().hex[:8]}"
    caches = [open_cache(Settings(redis_url=url), namespace=namespace) for _ in range(2)]
    replicas = [WorkingMemories(cache, max_items=50, ttl=60.0, max_tenant_bytes=20_000) for cache in caches]
    try:
        for number in range(4):  # about 4,000 bytes a session, alternating replicas
            await replicas[number % 2].put(f"tenants/acme/sessions/s{number}/workingMemory", [("w" * 4000, {})])
        with pytest.raises(FailedPrecondition) as full:
            await replicas[1].put("tenants/acme/sessions/s4/workingMemory", [("w" * 4000, {}), ("x" * 2000, {})])
        assert (full.value.reason, full.value.metadata["scope"]) == ("WORKING_MEMORY_FULL", "tenant")
        await replicas[0].put("tenants/other/sessions/s4/workingMemory", [("o" * 4000, {})])  # its own room
        await replicas[1].clear("tenants/acme/sessions/s0/workingMemory")  # put by the other replica
        await replicas[1].put("tenants/acme/sessions/s4/workingMemory", [("w" * 4000, {}), ("x" * 2000, {})])
    finally:
        for cache in caches:
            await cache.close()
