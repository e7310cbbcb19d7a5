"""No path reaches the built-in local model for a tenant in deployment mode prod, through Envoy (gRPC and REST).

The mesh runs at stage dev; the tenants switch themselves to prod in their settings. Every refusal is
FAILED_PRECONDITION, reason GUARDRAIL_VIOLATED, metadata `guardrail` = `prod-no-local-provider`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import grpc
import pytest

from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as opb
from soma.settings.v1 import settings_pb2, settings_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2 as spb
from soma.slm.v1 import slm_pb2, slm_service_pb2_grpc
from soma.slm.v1 import slm_service_pb2 as pb
from somastack.constitution import signing
from somastack.settings import codec
from somastack.settings.model import Kind, ModelProfile
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure
from tests.integration.test_constitution_mesh import document
from tests.integration.test_orchestrator_mesh import load_and_wait
from tests.integration.test_slm_mesh import chat, unique

GUARDRAIL = "prod-no-local-provider"


def refused_metadata(tenant: str) -> dict[str, str]:
    return {"guardrail": GUARDRAIL, "provider": "local", "resource": f"tenants/{tenant}/modelProfiles/chat"}


def prod_tenant(mesh: Mesh, channel: grpc.Channel) -> tuple[str, str]:
    """A new tenant switched to deployment mode prod, with no model profile; returns it and its owner's token."""
    tenant = unique("prodco")
    owner = ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
    switched = (
        settings_service_pb2_grpc.SettingsServiceStub(channel)
        .UpdateSettings(
            spb.UpdateSettingsRequest(
                settings=settings_pb2.Settings(
                    name=f"tenants/{tenant}/settings", deployment_mode=settings_pb2.DEPLOYMENT_MODE_PROD
                ),
                update_mask={"paths": ["deployment_mode"]},
            ),
            metadata=bearer(owner),
        )
        .settings
    )
    assert switched.effective_mode == settings_pb2.DEPLOYMENT_MODE_PROD
    return tenant, owner


def assert_refused(call: object, tenant: str) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        call()  # type: ignore[operator]
    found = failure(caught.value)
    assert (found.code, found.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "GUARDRAIL_VIOLATED"), found
    assert {k: v for k, v in found.metadata.items() if k != "requestId"} == refused_metadata(tenant)
    assert "chat model profile" in found.message and "non-local provider" in found.message


@pytest.fixture(params=["sqlite", "postgres-redis-tansu"])
def engines(request: pytest.FixtureRequest) -> Mesh:
    """The embedded engines, and PostgreSQL + Redis + Kafka (queued inference crosses the broker there)."""
    return request.getfixturevalue("mesh" if request.param == "sqlite" else "kafka_mesh")  # type: ignore[no-any-return]


@pytest.fixture
def mesh_channel(engines: Mesh) -> Iterator[grpc.Channel]:
    with engines.channel() as channel:
        yield channel


def test_infer_embed_and_submit_are_refused_over_grpc(engines: Mesh, mesh_channel: grpc.Channel) -> None:
    tenant, owner = prod_tenant(engines, mesh_channel)
    stub = slm_service_pb2_grpc.SlmServiceStub(mesh_channel)
    parent, who = f"tenants/{tenant}", bearer(owner)

    # No chat profile: the default provider (local) is not used in prod.
    assert_refused(
        lambda: stub.InferSync(pb.InferSyncRequest(parent=parent, messages=chat("hi")), metadata=who), tenant
    )
    named = slm_pb2.InferenceParameters(provider="local")
    assert_refused(
        lambda: stub.InferSync(pb.InferSyncRequest(parent=parent, messages=chat("hi"), parameters=named), metadata=who),
        tenant,
    )
    assert_refused(lambda: stub.Embed(pb.EmbedRequest(parent=parent, texts=["a"]), metadata=who), tenant)
    assert_refused(
        lambda: stub.Embed(pb.EmbedRequest(parent=parent, texts=["a"], provider="local"), metadata=who), tenant
    )
    job = slm_pb2.Inference(messages=chat("queued"))
    assert_refused(
        lambda: stub.SubmitInference(
            pb.SubmitInferenceRequest(parent=parent, inference=job, request_id="r1"), metadata=who
        ),
        tenant,
    )
    providers = stub.ListProviders(pb.ListProvidersRequest(parent=parent), metadata=who).providers
    assert [(p.provider, p.available) for p in providers] == [("local", False)]


def test_a_profile_naming_local_is_refused(mesh: Mesh) -> None:
    """A chat profile on `local` left from before the switch (the settings service refuses to write one in prod)."""
    # The profile is written into SQLite behind the settings service's back: the embedded engines only.
    with mesh.channel() as mesh_channel:
        _a_profile_naming_local_is_refused(mesh, mesh_channel)


def _a_profile_naming_local_is_refused(mesh: Mesh, mesh_channel: grpc.Channel) -> None:
    tenant, owner = prod_tenant(mesh, mesh_channel)
    profile = ModelProfile(provider="local", model="tenant-local")
    with sqlite3.connect(mesh.home / "dev" / "settings.db") as db:
        db.execute(
            "INSERT INTO settings_resources (tenant, kind, key, body, etag, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (tenant, Kind.MODEL_PROFILE.value, "chat", codec.encode(profile), codec.etag(profile), time.time()),
        )
    settings = settings_service_pb2_grpc.SettingsServiceStub(mesh_channel)
    chat_profile = settings.GetModelProfile(
        spb.GetModelProfileRequest(name=f"tenants/{tenant}/modelProfiles/chat"), metadata=bearer(owner)
    ).model_profile
    assert (chat_profile.provider, chat_profile.model) == ("local", "tenant-local")
    stub = slm_service_pb2_grpc.SlmServiceStub(mesh_channel)
    request = pb.InferSyncRequest(parent=f"tenants/{tenant}", messages=chat("hi"))
    assert_refused(lambda: stub.InferSync(request, metadata=bearer(owner)), tenant)


def test_rest_infer_embed_and_submit_are_refused(engines: Mesh, mesh_channel: grpc.Channel) -> None:
    tenant, owner = prod_tenant(engines, mesh_channel)
    messages = [{"role": "CHAT_ROLE_USER", "content": "hi"}]
    calls = [
        (f"/v1/tenants/{tenant}:infer", {"messages": messages}),
        (f"/v1/tenants/{tenant}:infer", {"messages": messages, "parameters": {"provider": "local"}}),
        (f"/v1/tenants/{tenant}:embed", {"texts": ["a"]}),
        (f"/v1/tenants/{tenant}/inferences", {"messages": messages}),
    ]
    with engines.http(timeout=30) as http:
        for path, body in calls:
            answer = http.post(path, json=body, headers={"authorization": f"Bearer {owner}"})
            assert answer.status_code == 400, (path, answer.text)
            status = answer.json()
            assert status["code"] == grpc.StatusCode.FAILED_PRECONDITION.value[0], status
            info = status["details"][0]
            assert info["reason"] == "GUARDRAIL_VIOLATED", status
            assert {k: v for k, v in info["metadata"].items() if k != "requestId"} == refused_metadata(tenant)


@pytest.mark.parametrize("queued", [False, True], ids=["sync", "queued"])
def test_a_session_whose_answer_needs_the_model_fails_on_the_guardrail(
    engines: Mesh, mesh_channel: grpc.Channel, queued: bool
) -> None:
    tenant, owner = prod_tenant(engines, mesh_channel)
    doc = document()
    load_and_wait(engines, mesh_channel, doc)
    request = opb.StartSessionRequest(
        parent=f"tenants/{tenant}",
        session=session_pb2.Session(prompt="What changed?", options=session_pb2.SessionOptions(queued=queued)),
    )
    metadata = (*bearer(owner), ("x-soma-constitution", signing.checksum(doc)))
    session = session_service_pb2_grpc.SessionServiceStub(mesh_channel).StartSession(request, metadata=metadata).session
    assert session.state == session_pb2.SESSION_STATE_FAILED, session
    step = session.steps[-1]
    assert (step.kind, step.status) == (session_pb2.STEP_KIND_INFERENCE, session_pb2.STEP_STATUS_FAILED)
    rpc = "SubmitInference" if queued else "InferSync"
    assert step.rpc == f"/soma.slm.v1.SlmService/{rpc}"
    assert step.error.startswith(f"/soma.slm.v1.SlmService/{rpc}: FAILED_PRECONDITION GUARDRAIL_VIOLATED: ")
    assert GUARDRAIL in step.error and "chat model profile" in step.error
    assert not session.answer.text
