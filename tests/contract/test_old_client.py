"""An old client against a real mesh: built from an older descriptor set, it keeps working within v1.

The old client is what soma-proto 0.9.0 would have been: today's contracts without
`Memory.importance`, without `MEMORY_KIND_SEMANTIC` and without the `forgotten` variant of the
`MemoryWritten` event. It is compiled with grpc_tools.protoc into a descriptor set of its own and
uses dynamic messages from that pool only. The mesh supports 0.9.0 and recommends today's version,
so the old client is served with a warning header, and one older than 0.9.0 is refused.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
from google.protobuf.message import Message

import soma_proto
from soma.memory.v1 import memory_pb2, memory_service_pb2, memory_service_pb2_grpc
from soma_proto import CONTRACT_VERSION, CONTRACT_VERSION_HEADER
from somastack.config import Settings
from somastack.platform.events import open_bus
from somastack.testing import MeshProcess, start_mesh
from tests.conftest import REPO
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure

OLD_VERSION = "0.9.0"
TOO_OLD = "0.8.0"
WARNING_HEADER = "x-soma-contract-warning"
MEMORY = "soma/memory/v1/memory.proto"
REMOVED = [
    "  // Optional. How much the memory matters, from 0 to 1; 0 when unset.\n  float importance = 5;\n",
    "  // Something that is known: a fact, a rule, a preference.\n  MEMORY_KIND_SEMANTIC = 2;\n",
    "    // Memories were forgotten.\n    MemoriesForgotten forgotten = 4;\n",
]


@dataclass(frozen=True)
class OldClient:
    """Message classes of the older contracts, from a descriptor pool of their own."""

    pool: descriptor_pool.DescriptorPool

    def message(self, name: str) -> type[Message]:
        return message_factory.GetMessageClass(self.pool.FindMessageTypeByName(name))

    def call(
        self, channel: grpc.Channel, method: str, request: Message, response: str, metadata: tuple[tuple[str, str], ...]
    ) -> tuple[Any, grpc.Call]:
        """A unary call by full method name; returns the response and the call (for its headers)."""
        stub = channel.unary_unary(
            f"/soma.memory.v1.MemoryService/{method}",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=self.message(response).FromString,
        )
        return stub.with_call(request, metadata=metadata, timeout=30)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def old(tmp_path_factory: pytest.TempPathFactory) -> OldClient:
    """Compiles the older contracts with grpc_tools.protoc and loads them into a fresh pool."""
    import google.api
    import grpc_tools

    root = tmp_path_factory.mktemp("old") / "contracts"
    shutil.copytree(REPO / "contracts", root)
    (root / "VERSION").write_text(OLD_VERSION + "\n")
    text = (root / MEMORY).read_text()
    for removed in REMOVED:
        assert text.count(removed) == 1, removed
        text = text.replace(removed, "")
    (root / MEMORY).write_text(text)
    out = root.parent / "old.binpb"
    protos = sorted(p.relative_to(root).as_posix() for p in (root / "soma").rglob("*.proto"))
    api = Path(next(iter(google.api.__path__))).parent.parent
    wkt = Path(grpc_tools.__file__).parent / "_proto"
    protoc = [sys.executable, "-m", "grpc_tools.protoc", "-I", ".", "-I", str(api), "-I", str(wkt)]
    subprocess.run([*protoc, f"--descriptor_set_out={out}", "--include_imports", *protos], cwd=root, check=True)
    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file:
        pool.Add(file)
    client = OldClient(pool)
    # The old contracts really lack what the test relies on them lacking.
    assert "importance" not in pool.FindMessageTypeByName("soma.memory.v1.Memory").fields_by_name
    assert 2 not in pool.FindEnumTypeByName("soma.memory.v1.MemoryKind").values_by_number
    assert "forgotten" not in pool.FindMessageTypeByName("soma.memory.v1.MemoryWritten").fields_by_name
    return client


@pytest.fixture(scope="module")
def old_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    """A mesh that still supports contract 0.9.0 and recommends today's version."""
    running = start_mesh(
        tmp_path_factory.mktemp("oldmesh"),
        cwd=REPO,
        SOMA_CONTRACT_MIN_SUPPORTED_VERSION=OLD_VERSION,
        SOMA_CONTRACT_RECOMMENDED_VERSION=CONTRACT_VERSION,
    )
    yield running
    assert running.stop() == 0


def rest_get(mesh: MeshProcess, path: str, **options: Any) -> httpx.Response:
    """GET `path` of Envoy's REST surface, over HTTPS when the mesh runs on mTLS."""
    with mesh.http() as http:
        return http.get(path, **options)


@pytest.fixture(scope="module")
def channel(old_mesh: MeshProcess) -> Iterator[grpc.Channel]:
    with old_mesh.channel() as ch:
        yield ch


@pytest.fixture(scope="module")
def tenant(old_mesh: MeshProcess, channel: grpc.Channel) -> tuple[str, str]:
    """A tenant and its owner's token."""
    name = f"old-{uuid.uuid4().hex[:8]}"
    return name, ensure_tenant_with_owner(channel, old_mesh.admin_token, name)


def as_old(version: str, token: str) -> tuple[tuple[str, str], ...]:
    return (*bearer(token), (CONTRACT_VERSION_HEADER, version), ("x-soma-client-type", "sdk"))


def remember_semantic(channel: grpc.Channel, tenant: str, token: str) -> memory_pb2.Memory:
    """A new client remembers a memory with everything the old client does not know."""
    stub = memory_service_pb2_grpc.MemoryServiceStub(channel)
    return stub.Remember(
        memory_service_pb2.RememberRequest(
            parent=f"tenants/{tenant}",
            memory=memory_pb2.Memory(
                kind=memory_pb2.MEMORY_KIND_SEMANTIC,
                text="The nightly fine-tune runs on the A100 pool",
                importance=0.75,
            ),
        ),
        metadata=bearer(token),
    ).memory


# -- version negotiation --------------------------------------------------------------------------------------------


def test_an_old_client_within_the_supported_range_is_served_with_a_warning_header_over_grpc_and_rest(
    old_mesh: MeshProcess, channel: grpc.Channel, tenant: tuple[str, str], old: OldClient
) -> None:
    name, token = tenant
    metadata = as_old(OLD_VERSION, token)
    request = old.message("soma.memory.v1.RememberRequest")(
        parent=f"tenants/{name}",
        memory=old.message("soma.memory.v1.Memory")(kind=1, text="an episode the old client remembers"),
    )
    response, call = old.call(channel, "Remember", request, "soma.memory.v1.RememberResponse", metadata)
    assert response.memory.name.startswith(f"tenants/{name}/memories/")
    headers = dict(call.initial_metadata() or ())
    assert headers[WARNING_HEADER] == f"contract {OLD_VERSION} is outdated; {CONTRACT_VERSION} is recommended"

    rest = rest_get(old_mesh, f"/v1/{response.memory.name}", headers=dict(metadata), timeout=30)
    assert rest.status_code == 200, rest.text
    assert rest.headers[WARNING_HEADER] == f"contract {OLD_VERSION} is outdated; {CONTRACT_VERSION} is recommended"

    # An error keeps its status and body after the warning header went out.
    missing = rest_get(old_mesh, f"/v1/tenants/{name}/memories/nope", headers=dict(metadata), timeout=30)
    assert missing.status_code == 404, missing.text
    assert missing.json()["code"] == grpc.StatusCode.NOT_FOUND.value[0] and WARNING_HEADER in missing.headers
    with pytest.raises(grpc.RpcError) as caught:
        old.call(
            channel,
            "GetMemory",
            old.message("soma.memory.v1.GetMemoryRequest")(name=f"tenants/{name}/memories/nope"),
            "soma.memory.v1.GetMemoryResponse",
            metadata,
        )
    assert failure(caught.value).code == grpc.StatusCode.NOT_FOUND

    # A current client gets no warning.
    current = rest_get(old_mesh, f"/v1/{response.memory.name}", headers=dict(as_old(CONTRACT_VERSION, token)))
    assert current.status_code == 200 and WARNING_HEADER not in current.headers


def test_a_client_older_than_the_supported_range_is_refused_with_an_upgrade_hint(
    old_mesh: MeshProcess, channel: grpc.Channel, tenant: tuple[str, str], old: OldClient
) -> None:
    name, token = tenant
    request = old.message("soma.memory.v1.GetMemoryRequest")(name=f"tenants/{name}/memories/any")
    with pytest.raises(grpc.RpcError) as caught:
        old.call(channel, "GetMemory", request, "soma.memory.v1.GetMemoryResponse", as_old(TOO_OLD, token))
    got = failure(caught.value)
    assert got.code == grpc.StatusCode.FAILED_PRECONDITION and got.reason == "CONTRACT_VERSION_UNSUPPORTED"
    assert f"upgrade the client to {CONTRACT_VERSION} (at least {OLD_VERSION})" in got.message
    assert got.metadata["minSupportedVersion"] == OLD_VERSION
    assert got.metadata["recommendedVersion"] == CONTRACT_VERSION

    rest = rest_get(old_mesh, f"/v1/tenants/{name}/memories/any", headers=dict(as_old(TOO_OLD, token)), timeout=30)
    assert rest.status_code == 400, rest.text
    body = rest.json()
    assert body["code"] == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    assert [d["reason"] for d in body["details"] if d["@type"].endswith("ErrorInfo")] == [
        "CONTRACT_VERSION_UNSUPPORTED"
    ]


def test_the_soma_proto_helper_makes_the_same_judgement_from_the_client_side(
    channel: grpc.Channel, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="soma_proto")
    compat = soma_proto.check_compatibility(channel, client_version=OLD_VERSION)
    assert compat.min_supported_version == OLD_VERSION and compat.upgrade_recommended
    assert [r.getMessage() for r in caplog.records] == [
        f"soma-proto {OLD_VERSION} works with this server but {CONTRACT_VERSION} is recommended"
    ]
    assert not soma_proto.check_compatibility(channel).upgrade_recommended
    with pytest.raises(soma_proto.ContractVersionError) as refused:
        soma_proto.check_compatibility(channel, client_version=TOO_OLD)
    assert f"pip install -U 'soma-proto>={OLD_VERSION}'" in str(refused.value)


# -- unknown fields, enum values and event variants -----------------------------------------------------------------


def test_an_old_client_reads_fields_and_enum_values_it_does_not_know_over_grpc_and_keeps_them(
    channel: grpc.Channel, tenant: tuple[str, str], old: OldClient
) -> None:
    name, token = tenant
    stored = remember_semantic(channel, name, token)
    request = old.message("soma.memory.v1.GetMemoryRequest")(name=stored.name)
    got, _ = old.call(channel, "GetMemory", request, "soma.memory.v1.GetMemoryResponse", as_old(OLD_VERSION, token))
    assert got.memory.text == stored.text
    # An open enum keeps the number it does not know; the unknown field travels along untouched.
    assert got.memory.kind == memory_pb2.MEMORY_KIND_SEMANTIC
    assert old.pool.FindEnumTypeByName("soma.memory.v1.MemoryKind").values_by_number.get(got.memory.kind) is None
    again = memory_service_pb2.GetMemoryResponse.FromString(got.SerializeToString())
    assert again.memory.importance == pytest.approx(0.75)
    assert again.memory.kind == memory_pb2.MEMORY_KIND_SEMANTIC

    # What the old client writes, a new client reads.
    request = old.message("soma.memory.v1.RememberRequest")(
        parent=f"tenants/{name}", memory=old.message("soma.memory.v1.Memory")(kind=1, text="old but gold")
    )
    written, _ = old.call(channel, "Remember", request, "soma.memory.v1.RememberResponse", as_old(OLD_VERSION, token))
    read = memory_service_pb2_grpc.MemoryServiceStub(channel).GetMemory(
        memory_service_pb2.GetMemoryRequest(name=written.memory.name), metadata=bearer(token)
    )
    assert read.memory.text == "old but gold" and read.memory.kind == memory_pb2.MEMORY_KIND_EPISODIC


def test_an_old_rest_client_ignores_fields_and_enum_values_it_does_not_know(
    old_mesh: MeshProcess, channel: grpc.Channel, tenant: tuple[str, str], old: OldClient
) -> None:
    name, token = tenant
    stored = remember_semantic(channel, name, token)
    rest = rest_get(old_mesh, f"/v1/{stored.name}", headers=dict(as_old(OLD_VERSION, token)), timeout=30)
    assert rest.status_code == 200, rest.text
    assert rest.json()["memory"]["importance"] == pytest.approx(0.75)
    assert rest.json()["memory"]["kind"] == "MEMORY_KIND_SEMANTIC"
    response = old.message("soma.memory.v1.GetMemoryResponse")
    # Parsing strictly would fail: these really are unknown to the old client...
    with pytest.raises(json_format.ParseError):
        json_format.Parse(rest.text, response(), descriptor_pool=old.pool)
    # ...and the old client, as the compatibility policy asks, ignores them.
    parsed: Any = json_format.Parse(rest.text, response(), ignore_unknown_fields=True, descriptor_pool=old.pool)
    assert parsed.memory.name == stored.name and parsed.memory.text == stored.text
    assert parsed.memory.kind == 0


def test_an_old_consumer_skips_event_variants_it_does_not_know(
    old_mesh: MeshProcess, channel: grpc.Channel, tenant: tuple[str, str], old: OldClient
) -> None:
    name, token = tenant
    stored = remember_semantic(channel, name, token)
    memory_service_pb2_grpc.MemoryServiceStub(channel).Forget(
        memory_service_pb2.ForgetRequest(parent=f"tenants/{name}", names=[stored.name]), metadata=bearer(token)
    )
    seen = asyncio.run(read_memory_events(old_mesh, old, name, stored.name))
    assert seen["remembered"] >= 1
    assert seen["unknown variant"] == 1  # the forget, which the old MemoryWritten cannot name


async def read_memory_events(old_mesh: MeshProcess, old: OldClient, tenant: str, forgotten: str) -> dict[str, int]:
    """Reads the mesh's `memory.writes` log as an old consumer would, until the forget of `forgotten` arrives."""
    envelope = old.message("soma.events.v1.Event")
    written = old.message("soma.memory.v1.MemoryWritten")
    seen = {"remembered": 0, "linked": 0, "unknown variant": 0}
    bus = open_bus(Settings(home=old_mesh.home), client_id="old-consumer")
    subscription = await bus.subscribe(f"old-consumer-{uuid.uuid4().hex[:8]}", ["memory.writes"])
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            for delivery in await subscription.next(max_wait=1.0):
                event: Any = envelope.FromString(delivery.record.value)
                if event.tenant != tenant:
                    continue
                assert event.data.type_url.endswith("/soma.memory.v1.MemoryWritten")
                change: Any = written.FromString(event.data.value)
                which = change.WhichOneof("change")
                seen[which or "unknown variant"] += 1
                if which is None:
                    # Skipped without error, and nothing is lost: a newer reader still sees the variant.
                    newer = memory_pb2.MemoryWritten.FromString(change.SerializeToString())
                    assert list(newer.forgotten.names) == [forgotten]
                    return seen
    finally:
        await subscription.close()
        await bus.close()
    pytest.fail(f"no forget event for tenant {tenant} on memory.writes within 60 s; seen: {seen}")
