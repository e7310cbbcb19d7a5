"""The memory service embedding through the mesh's SLM service (SOMA_MEMORY_EMBEDDER=slm), with its own token."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import grpc
import httpx
import jwt
import pytest
from prometheus_client.parser import text_string_to_metric_families

from soma.memory.v1 import memory_pb2, memory_service_pb2_grpc
from soma.memory.v1 import memory_service_pb2 as pb
from soma.settings.v1 import settings_pb2, settings_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2 as spb
from somastack.registry import SERVICES
from somastack.runtime.auth import CAPABILITIES_CLAIM, TENANT_CLAIM
from somastack.testing import MeshProcess, start_mesh
from tests.conftest import REPO
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure


@pytest.fixture(scope="module")
def slm_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    running = start_mesh(
        tmp_path_factory.mktemp("slm-embedder"),
        cwd=REPO,
        SOMA_MEMORY_EMBEDDER="slm",
        SOMA_MEMORY_EMBEDDER_PROVIDER="local",
        SOMA_MEMORY_EMBEDDER_MODEL="local-embed",
        # The local provider's vectors are 64 wide.
        SOMA_MEMORY_DIMENSIONS="64",
    )
    yield running
    running.stop()


def embed_calls(mesh: MeshProcess) -> float:
    """SlmService.Embed calls the SLM service answered OK, from its Prometheus endpoint."""
    index = next(s.index for s in SERVICES if s.domain == "slm")
    text = httpx.get(f"http://127.0.0.1:{mesh.metrics_base + index}/metrics", timeout=5).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "soma_rpc_requests_total"
        and sample.labels.get("method") == "Embed"
        and sample.labels.get("code") == "OK"
    )


def test_memory_embeds_with_slm_embed_as_itself_and_recalls(slm_mesh: MeshProcess) -> None:
    token_file = Path(slm_mesh.home) / "dev" / "service-tokens" / "memory.token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    service_token = token_file.read_text().strip()
    claims = jwt.decode(service_token, options={"verify_signature": False})
    assert claims["sub"] == "services/memory"
    assert claims[CAPABILITIES_CLAIM] == sorted(["slm.infer", "platform.revocations.read"])
    assert claims[TENANT_CLAIM] == "*"
    # Only the services whose registry entry calls something get a token: memory (slm.infer), notification
    # (identity.memberships.read, to find a waiting session's approvers) and slm (settings.read, tenants' modes).
    # Every service that calls the mesh on its own has a token (each reads identity's revocations at start).
    written = sorted(p.name for p in token_file.parent.iterdir())
    assert written == sorted(f"{s.domain}.token" for s in SERVICES if s.calls)
    assert {"memory.token", "notification.token", "slm.token"} <= set(written)

    with slm_mesh.channel() as channel:
        owner = ensure_tenant_with_owner(channel, slm_mesh.admin_token, "slm-embed")
        stub = memory_service_pb2_grpc.MemoryServiceStub(channel)
        before = embed_calls(slm_mesh)
        texts = [
            "The payments API moved to the new Postgres cluster",
            "Lunch menu: ramen on Thursday",
            "Quarterly review is scheduled for March",
        ]
        made = [
            stub.Remember(
                pb.RememberRequest(
                    parent="tenants/slm-embed",
                    memory=memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text=text, importance=0.5),
                ),
                metadata=bearer(owner),
            ).memory
            for text in texts
        ]
        assert all(m.store_state == memory_pb2.STORE_STATE_APPLIED for m in made)
        hits = stub.Recall(
            pb.RecallRequest(parent="tenants/slm-embed", query="payments API Postgres cluster", top_k=3),
            metadata=bearer(owner),
        ).hits
        assert hits[0].memory.name == made[0].name
        # Three texts applied and one query: each went through SlmService.Embed on the SLM service.
        assert embed_calls(slm_mesh) >= before + 2

        # The service token holds slm.infer and nothing else: it cannot read a tenant's memories.
        with pytest.raises(grpc.RpcError) as denied:
            stub.Recall(pb.RecallRequest(parent="tenants/slm-embed", query="payments"), metadata=bearer(service_token))
        assert (failure(denied.value).code, failure(denied.value).reason) == (
            grpc.StatusCode.PERMISSION_DENIED,
            "CAPABILITY_MISSING",
        )


def test_a_tenant_in_prod_is_refused_the_local_embedder_with_the_guardrail(slm_mesh: MeshProcess) -> None:
    """Recall answers the SLM service's guardrail as it is; the write waits in the log instead of being lost."""
    with slm_mesh.channel() as channel:
        owner = ensure_tenant_with_owner(channel, slm_mesh.admin_token, "slm-embed-prod")
        settings_service_pb2_grpc.SettingsServiceStub(channel).UpdateSettings(
            spb.UpdateSettingsRequest(
                settings=settings_pb2.Settings(
                    name="tenants/slm-embed-prod/settings", deployment_mode=settings_pb2.DEPLOYMENT_MODE_PROD
                ),
                update_mask={"paths": ["deployment_mode"]},
            ),
            metadata=bearer(owner),
        )
        stub = memory_service_pb2_grpc.MemoryServiceStub(channel)
        made = stub.Remember(
            pb.RememberRequest(
                parent="tenants/slm-embed-prod",
                memory=memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_SEMANTIC, text="a prod fact", importance=0.5),
            ),
            metadata=bearer(owner),
        ).memory
        assert made.name and made.store_state != memory_pb2.STORE_STATE_APPLIED
        with pytest.raises(grpc.RpcError) as refused:
            stub.Recall(pb.RecallRequest(parent="tenants/slm-embed-prod", query="prod fact"), metadata=bearer(owner))
        found = failure(refused.value)
        assert (found.code, found.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "GUARDRAIL_VIOLATED")
        assert found.metadata["guardrail"] == "prod-no-local-provider"
        assert found.metadata["provider"] == "local"
