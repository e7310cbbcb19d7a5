"""SLM use cases on a real SQLite record, the embedded event log and the worker consumer group."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from soma.events.v1.envelope_pb2 import Event
from soma.slm.v1 import slm_pb2
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.errors import FailedPrecondition, InvalidArgument, NotFound
from somastack.platform.events import payload_of
from somastack.platform.migrations import upgrade_async
from somastack.slm.adapters.sql_store import SqlInferenceRecord, outbox
from somastack.slm.bootstrap import SlmGateway
from somastack.slm.config import SlmSettings
from somastack.slm.model import Message, Params, Role, State
from somastack.slm.profiles import ConfigProfileSource
from somastack.slm.providers.local import LocalProvider
from somastack.slm.service import Slm
from tests.integration.fake_llm_servers import FakeServer, Script
from tests.unit.slm.fakes import Modes

HELLO = [Message(Role.USER, "hello there world")]


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[SlmGateway]:
    opened = await SlmGateway.open(Settings(home=tmp_path), SlmSettings(local_token_delay_seconds=0.01), modes=Modes())
    yield opened
    await opened.close()


async def test_infer_sync_answers_with_usage_provider_and_latency(gateway: SlmGateway) -> None:
    completion = await gateway.slm.infer("tenants/acme", HELLO, Params())
    assert completion.text == "echo: hello there world"
    assert (completion.provider, completion.model) == ("local", "soma-local-1")
    assert completion.usage.total_tokens == 7
    assert completion.latency >= 0 and not completion.refused


async def test_refusals_are_detected(gateway: SlmGateway) -> None:
    completion = await gateway.slm.infer("tenants/acme", [Message(Role.USER, "#refuse please")], Params())
    assert completion.refused
    assert "refusal phrase" in completion.refusal_reason


@pytest.mark.parametrize(
    ("messages", "params", "field"),
    [
        ([], Params(), "messages"),
        ([None], Params(), "messages[0].role"),
        ([Message(Role.USER, "  ")], Params(), "messages[0].content"),
        (HELLO, Params(max_tokens=40_000), "parameters.max_tokens"),
        (HELLO, Params(temperature=3.0), "parameters.temperature"),
        (HELLO, Params(provider="nope"), "parameters.provider"),
    ],
)
async def test_bad_inputs_name_the_field(
    gateway: SlmGateway, messages: list[Message | None], params: Params, field: str
) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await gateway.slm.infer("tenants/acme", messages, params)
    assert caught.value.violations[0].field == field


async def test_bad_parent_and_unknown_inference(gateway: SlmGateway) -> None:
    with pytest.raises(InvalidArgument):
        await gateway.slm.infer("acme", HELLO, Params())
    with pytest.raises(NotFound) as caught:
        await gateway.slm.get("tenants/acme/inferences/0123")
    assert caught.value.reason == "INFERENCE_NOT_FOUND"


async def test_local_provider_is_refused_in_prod(tmp_path: Path) -> None:
    engine_settings = Settings(home=tmp_path)
    await upgrade_async(engine_settings, "slm")
    engine = create_engine(engine_settings, "slm")
    slm = Slm({"local": LocalProvider()}, ConfigProfileSource(SlmSettings()), SqlInferenceRecord(engine), prod=True)
    with pytest.raises(FailedPrecondition) as caught:
        await slm.infer("tenants/acme", HELLO, Params())
    assert caught.value.reason == "GUARDRAIL_VIOLATED"
    assert caught.value.metadata["guardrail"] == "prod-no-local-provider"
    assert "the stage of this mesh" in caught.value.message
    with pytest.raises(FailedPrecondition):
        await slm.submit("tenants/acme", HELLO, Params())
    providers = await slm.providers("tenants/acme")
    assert [(p.name, p.available) for p in providers] == [("local", False)]
    await engine.dispose()


async def test_submitted_inference_runs_on_the_worker_and_streams_tokens(gateway: SlmGateway) -> None:
    job = await gateway.slm.submit("tenants/acme", HELLO, Params())
    assert job.state is State.QUEUED
    updates = [u async for u in gateway.slm.watch(job.name)]
    assert updates[0].inference is not None
    tokens = "".join(u.token for u in updates)
    assert tokens == "echo: hello there world"
    last = updates[-1]
    assert last.state is State.SUCCEEDED and last.inference is not None
    assert last.inference.completion is not None
    assert last.inference.completion.text == tokens
    done = await gateway.slm.get(job.name)
    assert done.state is State.SUCCEEDED
    # A redelivered request is a no-op once the job is done.
    await gateway.slm.run(job.name)
    assert (await gateway.slm.get(job.name)).completion == done.completion


async def test_every_call_is_metered_through_the_outbox(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, "slm")
    engine = create_engine(settings, "slm")
    # No relay runs here, so the outbox keeps every event for the test to read.
    slm = Slm({"local": LocalProvider()}, ConfigProfileSource(SlmSettings()), SqlInferenceRecord(engine), prod=False)
    await slm.infer("tenants/acme", [Message(Role.USER, "#refuse it")], Params())
    await slm.embed("tenants/acme", ["a", "b"], model="", provider_name="")
    async with engine.connect() as connection:
        rows = list(await connection.execute(select(outbox.c.topic, outbox.c.payload)))
    await engine.dispose()
    metered = [Event.FromString(row.payload) for row in rows if row.topic == "slm.metrics"]
    payloads = [payload_of(e, slm_pb2.InferenceMetered) for e in metered]
    assert [(p.operation, p.refused, p.usage.prompt_tokens) for p in payloads if p] == [
        ("infer", True, 2),
        ("embed", False, 2),
    ]
    assert all(e.tenant == "acme" for e in metered)


async def test_failing_provider_marks_the_job_failed_after_the_last_attempt(tmp_path: Path) -> None:
    script = Script(failures=[(500, {"error": {"message": "boom"}}, {})] * 50)
    with FakeServer("openai", script) as server:
        config = SlmSettings(
            default_provider="openai",
            openai_base_url=server.url,
            max_retries=0,
            backoff_seconds=0,
            worker_max_attempts=2,
            breaker_threshold=50,
        )
        opened = await SlmGateway.open(Settings(home=tmp_path), config)
        try:
            job = await opened.slm.submit("tenants/acme", HELLO, Params())
            for _ in range(200):
                current = await opened.slm.get(job.name)
                if current.state.done:
                    break
                await asyncio.sleep(0.1)
            assert current.state is State.FAILED
            assert "boom" in current.error
            assert len(script.requests) == 2
        finally:
            await opened.close()
