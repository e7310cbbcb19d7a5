"""SlmEmbedder's answers to what SlmService.Embed may say: a scripted servicer on a real grpc.aio server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import numpy as np
import pytest
from grpc_status import rpc_status

from soma.slm.v1 import slm_service_pb2, slm_service_pb2_grpc
from somastack.memory.adapters.slm_embedder import SlmEmbedder
from somastack.platform.errors import DomainError, FailedPrecondition, InvalidArgument, Unavailable
from somastack.platform.service_token import ServiceToken
from somastack.runtime.status import to_rpc_status


class Scripted(slm_service_pb2_grpc.SlmServiceServicer):
    """Fails with the queued codes first, then answers with vectors of `width`."""

    def __init__(self) -> None:
        self.failures: list[grpc.StatusCode] = []
        #: Answered once, as the runtime answers a domain error: code, message and ErrorInfo.
        self.refusal: DomainError | None = None
        self.width = 4
        self.seen: list[tuple[slm_service_pb2.EmbedRequest, dict[str, str]]] = []

    async def Embed(
        self, request: slm_service_pb2.EmbedRequest, context: grpc.aio.ServicerContext
    ) -> slm_service_pb2.EmbedResponse:
        self.seen.append((request, {k: v for k, v in context.invocation_metadata() or ()}))  # type: ignore[misc]
        if self.failures:
            await context.abort(self.failures.pop(0), "scripted failure")
        if self.refusal is not None:
            refusal, self.refusal = self.refusal, None
            await context.abort_with_status(rpc_status.to_status(to_rpc_status(refusal, domain="slm", request_id="")))
        return slm_service_pb2.EmbedResponse(
            embeddings=[
                slm_service_pb2.Embedding(values=[float(i + 1)] + [0.0] * (self.width - 1))
                for i, _ in enumerate(request.texts)
            ],
            provider=request.provider,
            model=request.model,
        )


@pytest.fixture
async def server() -> AsyncIterator[tuple[Scripted, str]]:
    servicer = Scripted()
    srv = grpc.aio.server()
    slm_service_pb2_grpc.add_SlmServiceServicer_to_server(servicer, srv)
    port = srv.add_insecure_port("127.0.0.1:0")
    await srv.start()
    yield servicer, f"127.0.0.1:{port}"
    await srv.stop(None)


def embedder(target: str, token: Path, **options: int | float) -> SlmEmbedder:
    return SlmEmbedder(
        target,
        ServiceToken(token),
        provider="local",
        model="m",
        dimensions=4,
        backoff=0.001,
        **options,  # type: ignore[arg-type]
    )


async def test_embeds_per_tenant_in_batches_with_its_token(server: tuple[Scripted, str], tmp_path: Path) -> None:
    servicer, target = server
    token = tmp_path / "memory.token"
    token.write_text("first\n")
    subject = embedder(target, token, batch_size=2)
    vectors = await subject.embed(["a", "b", "c"], tenant="acme")
    assert vectors.shape == (3, 4)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert [list(r.texts) for r, _ in servicer.seen] == [["a", "b"], ["c"]]
    assert {r.parent for r, _ in servicer.seen} == {"tenants/acme"}
    assert servicer.seen[0][1]["authorization"] == "Bearer first"
    assert subject.name == "slm:local:m"
    # A renewed token file is read again.
    token.write_text("second-and-longer\n")
    await subject.embed(["d"], tenant="acme")
    assert servicer.seen[-1][1]["authorization"] == "Bearer second-and-longer"
    with pytest.raises(ValueError, match="tenant"):
        await subject.embed(["x"])
    await subject.aclose()


async def test_refusals_retries_and_bad_answers(server: tuple[Scripted, str], tmp_path: Path) -> None:
    servicer, target = server
    token = tmp_path / "memory.token"
    token.write_text("t\n")
    subject = embedder(target, token, max_retries=2)

    servicer.failures = [grpc.StatusCode.INVALID_ARGUMENT]
    with pytest.raises(InvalidArgument):
        await subject.embed(["x"], tenant="acme")

    servicer.failures = [grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.UNAVAILABLE]
    assert (await subject.embed(["x"], tenant="acme")).shape == (1, 4)

    servicer.failures = [grpc.StatusCode.UNAVAILABLE] * 3
    with pytest.raises(Unavailable, match="UNAVAILABLE"):
        await subject.embed(["x"], tenant="acme")

    servicer.failures = [grpc.StatusCode.PERMISSION_DENIED]
    with pytest.raises(Unavailable, match="PERMISSION_DENIED"):
        await subject.embed(["x"], tenant="acme")
    assert servicer.failures == []  # not retried

    # A state to fix first passes on as it is, not retried: the SLM service's reason and metadata survive.
    servicer.refusal = FailedPrecondition(
        "GUARDRAIL_VIOLATED", "tenant in prod", metadata={"guardrail": "prod-no-local-provider"}
    )
    with pytest.raises(FailedPrecondition) as refused:
        await subject.embed(["x"], tenant="acme")
    assert (refused.value.reason, refused.value.metadata) == (
        "GUARDRAIL_VIOLATED",
        {"guardrail": "prod-no-local-provider"},
    )
    assert servicer.refusal is None

    servicer.width = 3
    with pytest.raises(Unavailable, match="3-dimensional"):
        await subject.embed(["x"], tenant="acme")

    token.unlink()
    with pytest.raises(Unavailable, match="no service token"):
        await subject.embed(["x"], tenant="acme")
    await subject.aclose()
