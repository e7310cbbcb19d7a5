"""A tenant's `chat` profile set through the settings service shapes the SLM service's provider calls, via Envoy.

The mesh's SLM service allows one OpenAI-compatible endpoint (`SOMA_SLM_ALLOWED_BASE_URLS`) besides its
configured one: a profile pointing there gets its temperature, max_tokens and parameters into the request body
that server receives, without the operator's key; a profile pointing anywhere else is FAILED_PRECONDITION.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import grpc
import pytest

from soma.settings.v1 import settings_pb2, settings_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2 as spb
from soma.slm.v1 import slm_pb2, slm_service_pb2_grpc
from soma.slm.v1 import slm_service_pb2 as pb
from somastack.testing import MeshProcess, start_mesh
from tests.conftest import REPO
from tests.integration.fake_llm_servers import FakeServer, Script
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure
from tests.integration.test_slm_mesh import chat, unique

ANSWER = "answered by the tenant's own server"


@dataclass
class Stack:
    """A mesh whose SLM service allows `tenant_server` as a profile endpoint; `operator_server` is its openai."""

    mesh: MeshProcess
    tenant_server: FakeServer
    operator_server: FakeServer
    elsewhere: FakeServer


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with (
        FakeServer("openai", Script(text=ANSWER)) as tenant_server,
        FakeServer("openai") as operator_server,
        FakeServer("openai") as elsewhere,
    ):
        mesh = start_mesh(
            tmp_path_factory.mktemp("slm-endpoint") / "mesh",
            cwd=REPO,
            SOMA_SLM_OPENAI_BASE_URL=operator_server.url,
            SOMA_SLM_OPENAI_API_KEY="sk-operator",
            SOMA_SLM_ALLOWED_BASE_URLS=tenant_server.url,
        )
        try:
            yield Stack(mesh, tenant_server, operator_server, elsewhere)
        finally:
            assert mesh.stop() == 0, mesh.log()


@pytest.fixture
def channel(stack: Stack) -> Iterator[grpc.Channel]:
    with stack.mesh.channel() as ch:
        yield ch


def set_chat_profile(channel: grpc.Channel, token: str, tenant: str, **fields: object) -> None:
    profile = settings_pb2.ModelProfile(name=f"tenants/{tenant}/modelProfiles/chat", **fields)  # type: ignore[arg-type]
    profile.timeout.FromSeconds(30)
    settings_service_pb2_grpc.SettingsServiceStub(channel).UpdateModelProfile(
        spb.UpdateModelProfileRequest(model_profile=profile, allow_missing=True), metadata=bearer(token)
    )


def test_an_allowed_base_url_receives_the_profiles_values(stack: Stack, channel: grpc.Channel) -> None:
    tenant = unique("acme")
    owner = ensure_tenant_with_owner(channel, stack.mesh.admin_token, tenant)
    set_chat_profile(
        channel,
        owner,
        tenant,
        provider="openai-compatible",
        model="tenant-model",
        base_url=stack.tenant_server.url,
        temperature=0.35,
        max_tokens=77,
        parameters={"top_p": "0.5", "seed": "11", "user": "acme-bot", "max_tokens": "1", "stream": "true"},
    )
    stub = slm_service_pb2_grpc.SlmServiceStub(channel)
    parent = f"tenants/{tenant}"
    received = stack.tenant_server.script.requests

    answer = stub.InferSync(pb.InferSyncRequest(parent=parent, messages=chat("hi there")), metadata=bearer(owner))
    assert (answer.completion.text, answer.completion.provider) == (ANSWER, "openai")
    assert answer.completion.model == "tenant-model"
    path, headers, body = received[-1]
    assert path == "/v1/chat/completions"
    assert {key: body[key] for key in ("model", "temperature", "max_tokens", "top_p", "seed", "user")} == {
        "model": "tenant-model",
        "temperature": 0.35,
        "max_tokens": 77,
        "top_p": 0.5,
        "seed": 11,
        "user": "acme-bot",
    }
    assert "stream" not in body  # the profile's `stream` and `max_tokens` parameters never replace the adapter's
    assert "authorization" not in headers  # the operator's key goes only to SOMA_SLM_OPENAI_BASE_URL

    # What the request sets wins over the profile.
    stub.InferSync(
        pb.InferSyncRequest(
            parent=parent,
            messages=chat("again"),
            parameters=slm_pb2.InferenceParameters(temperature=1.25, max_tokens=9),
        ),
        metadata=bearer(owner),
    )
    assert (received[-1][2]["temperature"], received[-1][2]["max_tokens"]) == (1.25, 9)

    # A queued inference: resolved at submit as the caller, streamed by the worker to the same endpoint.
    job = stub.SubmitInference(
        pb.SubmitInferenceRequest(parent=parent, inference=slm_pb2.Inference(messages=chat("queued"))),
        metadata=bearer(owner),
    ).inference
    assert job.parameters.max_tokens == 77 and job.parameters.temperature == pytest.approx(0.35)
    updates = list(stub.WatchInference(pb.WatchInferenceRequest(name=job.name), metadata=bearer(owner), timeout=30))
    assert updates[-1].state == slm_pb2.INFERENCE_STATE_SUCCEEDED, updates[-1].inference.error
    assert "".join(u.token for u in updates) == ANSWER
    streamed = received[-1][2]
    assert (streamed["stream"], streamed["temperature"], streamed["max_tokens"], streamed["seed"]) == (
        True,
        0.35,
        77,
        11,
    )
    assert stack.operator_server.script.requests == []


def test_a_base_url_that_is_not_allowed_is_failed_precondition(stack: Stack, channel: grpc.Channel) -> None:
    tenant = unique("acme")
    owner = ensure_tenant_with_owner(channel, stack.mesh.admin_token, tenant)
    set_chat_profile(channel, owner, tenant, provider="openai", model="m", base_url=stack.elsewhere.url)
    stub = slm_service_pb2_grpc.SlmServiceStub(channel)
    parent = f"tenants/{tenant}"
    for call in (
        lambda: stub.InferSync(pb.InferSyncRequest(parent=parent, messages=chat("hi")), metadata=bearer(owner)),
        lambda: stub.SubmitInference(
            pb.SubmitInferenceRequest(parent=parent, inference=slm_pb2.Inference(messages=chat("hi"))),
            metadata=bearer(owner),
        ),
    ):
        with pytest.raises(grpc.RpcError) as caught:
            call()
        found = failure(caught.value)
        assert (found.code, found.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "PROVIDER_NOT_ALLOWED")
        assert found.metadata["setting"] == "SOMA_SLM_ALLOWED_BASE_URLS"
        assert "SOMA_SLM_ALLOWED_BASE_URLS" in found.message
    assert stack.elsewhere.script.requests == [] and stack.operator_server.script.requests == []
