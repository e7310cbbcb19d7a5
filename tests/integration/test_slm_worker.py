"""The queued path on Kafka (a real Tansu broker): outbox -> `slm.requests` -> worker group -> result, retries."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from somastack.config import Settings
from somastack.slm.bootstrap import SlmGateway
from somastack.slm.config import SlmSettings
from somastack.slm.model import Inference, Message, Params, Role, State
from somastack.testing import TansuBroker, free_ports
from tests.integration.fake_llm_servers import FakeServer, Script

HELLO = [Message(Role.USER, "queued on kafka")]


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TansuBroker]:
    running = TansuBroker(free_ports(1)[0], tmp_path_factory.mktemp("slm-tansu") / "tansu.log")
    running.start()
    yield running
    running.kill()


async def _settled(gateway: SlmGateway, name: str, within: float = 60.0) -> Inference:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        job = await gateway.slm.get(name)
        if job.state.done or asyncio.get_running_loop().time() > deadline:
            return job
        await asyncio.sleep(0.1)


async def test_a_flaky_openai_server_is_retried_and_the_answer_streamed(broker: TansuBroker, tmp_path: Path) -> None:
    script = Script(text="streamed over kafka", failures=[(503, {"error": {"message": "warming up"}}, {})])
    with FakeServer("openai", script) as server:
        config = SlmSettings(
            default_provider="openai",
            openai_base_url=server.url,
            backoff_seconds=0.01,
            profile_source="config",
        )
        gateway = await SlmGateway.open(Settings(home=tmp_path, kafka_bootstrap=broker.bootstrap), config)
        try:
            job = await gateway.slm.submit("tenants/acme", HELLO, Params())
            updates = [u async for u in gateway.slm.watch(job.name)]
            assert "".join(u.token for u in updates) == "streamed over kafka"
            assert updates[-1].state is State.SUCCEEDED
            done = await gateway.slm.get(job.name)
            assert done.completion is not None
            assert (done.completion.provider, done.completion.model) == ("openai", "gpt-4o-mini")
            assert done.completion.usage.completion_tokens == 3
            assert len(script.requests) == 2 and script.requests[1][2]["stream"] is True
        finally:
            await gateway.close()


async def test_a_job_left_queued_by_a_crash_resumes_on_the_next_start(broker: TansuBroker, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, kafka_bootstrap=broker.bootstrap)
    config = SlmSettings(profile_source="config")
    first = await SlmGateway.open(settings, config)
    # Stop the worker and relay first, as a crash would, so the job stays QUEUED.
    await first.closers[0]()
    job = await first.slm.submit("tenants/acme", HELLO, Params())
    await first.close()
    second = await SlmGateway.open(settings, config)
    try:
        done = await _settled(second, job.name)
        assert done.state is State.SUCCEEDED
        assert done.completion is not None and done.completion.text == "echo: queued on kafka"
    finally:
        await second.close()
