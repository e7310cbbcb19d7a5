"""Provider adapters against local servers speaking OpenAI's and Anthropic's wire formats, streaming and errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from somastack.platform.errors import InvalidArgument, Unavailable
from somastack.slm.model import Completion, Finish, Message, Params, Role
from somastack.slm.providers.anthropic import AnthropicProvider
from somastack.slm.providers.local import LocalProvider
from somastack.slm.providers.openai import OpenAIProvider
from somastack.slm.resilience import CircuitBreaker, ProviderError, RetryPolicy, guarded
from tests.integration.fake_llm_servers import FakeServer

CHAT = [Message(Role.SYSTEM, "be brief"), Message(Role.USER, "say hello")]
NO_WAIT = RetryPolicy(max_retries=2, backoff=0.0)


@pytest.fixture
def openai_server() -> Iterator[FakeServer]:
    with FakeServer("openai") as server:
        yield server


@pytest.fixture
def anthropic_server() -> Iterator[FakeServer]:
    with FakeServer("anthropic") as server:
        yield server


async def _collect(provider: OpenAIProvider | AnthropicProvider | LocalProvider) -> tuple[list[str], Completion]:
    deltas: list[str] = []
    final = None
    async for item in provider.stream(CHAT, Params(max_tokens=64), model=""):
        if isinstance(item, Completion):
            final = item
        else:
            deltas.append(item)
    assert final is not None
    return deltas, final


async def test_openai_complete_sends_the_chat_and_reads_usage(openai_server: FakeServer) -> None:
    provider = OpenAIProvider("openai", openai_server.url, api_key="sk-test", model="gpt-test")
    completion = await provider.complete(CHAT, Params(max_tokens=64, temperature=0.2), model="")
    await provider.close()
    assert completion.text == "Hello from the model"
    assert completion.finish is Finish.STOP
    assert completion.model == "gpt-test"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (4, 4)
    path, headers, body = openai_server.script.requests[0]
    assert path == "/v1/chat/completions"
    assert headers["authorization"] == "Bearer sk-test"
    assert body["messages"][0] == {"role": "system", "content": "be brief"}
    assert (body["max_tokens"], body["temperature"]) == (64, 0.2)


async def test_openai_stream_parses_sse_deltas_finish_and_usage(openai_server: FakeServer) -> None:
    provider = OpenAIProvider("openai", openai_server.url + "/v1", api_key=None, model="gpt-test")
    deltas, final = await _collect(provider)
    await provider.close()
    assert "".join(deltas) == "Hello from the model"
    assert len(deltas) == 4
    assert final.text == "Hello from the model"
    assert final.usage.completion_tokens == 4
    body = openai_server.script.requests[0][2]
    assert body["stream"] is True
    assert "authorization" not in openai_server.script.requests[0][1]


async def test_openai_refusal_field_and_content_filter_are_reported(openai_server: FakeServer) -> None:
    openai_server.script.refusal = "I can't do that"
    provider = OpenAIProvider("openai", openai_server.url, api_key=None, model="m")
    completion = await provider.complete(CHAT, Params(), model="")
    assert completion.refusal_reason == "I can't do that"
    openai_server.script.refusal = ""
    openai_server.script.finish = "content_filter"
    _deltas, final = await _collect(provider)
    await provider.close()
    assert final.finish is Finish.CONTENT_FILTER


async def test_openai_embeddings_are_ordered_by_index(openai_server: FakeServer) -> None:
    provider = OpenAIProvider("openai", openai_server.url, api_key=None, model="m", embedding_model="emb")
    result = await provider.embed(["a", "bbb", "cc"], model="")
    await provider.close()
    assert [v[0] for v in result.vectors] == [1.0, 3.0, 2.0]
    assert result.model == "emb"
    assert result.usage.prompt_tokens == 3


async def test_retries_429_and_5xx_with_retry_after_then_succeeds(openai_server: FakeServer) -> None:
    openai_server.script.failures = [
        (429, {"error": {"message": "slow down", "type": "rate_limit"}}, {"retry-after": "0.01"}),
        (503, {"error": {"message": "overloaded"}}, {}),
    ]
    provider = OpenAIProvider("openai", openai_server.url, api_key=None, model="m")
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    breaker = CircuitBreaker(threshold=5)
    completion = await guarded(
        "openai", lambda: provider.complete(CHAT, Params(), model=""), breaker=breaker, policy=NO_WAIT, sleep=sleep
    )
    await provider.close()
    assert completion.text == "Hello from the model"
    assert slept == [0.01, 0.0]
    assert len(openai_server.script.requests) == 3
    assert breaker.state == "closed"


async def test_a_400_is_not_retried_and_names_the_provider_error(openai_server: FakeServer) -> None:
    openai_server.script.failures = [(400, {"error": {"message": "model xyz does not exist"}}, {})]
    provider = OpenAIProvider("openai", openai_server.url, api_key=None, model="m")
    with pytest.raises(Unavailable, match="model xyz does not exist") as caught:
        await guarded(
            "openai",
            lambda: provider.complete(CHAT, Params(), model=""),
            breaker=CircuitBreaker(),
            policy=NO_WAIT,
        )
    await provider.close()
    assert caught.value.metadata == {"provider": "openai"}
    assert len(openai_server.script.requests) == 1


async def test_connection_refused_is_retryable_and_opens_the_breaker() -> None:
    with FakeServer("openai") as server:
        url = server.url
    provider = OpenAIProvider("openai", url, api_key=None, model="m", timeout=2)
    breaker = CircuitBreaker(threshold=3, reset_after=60)
    with pytest.raises(Unavailable, match="ConnectError"):
        await guarded("openai", lambda: provider.complete(CHAT, Params(), model=""), breaker=breaker, policy=NO_WAIT)
    assert breaker.state == "open"
    with pytest.raises(Unavailable, match="circuit open"):
        await guarded("openai", lambda: provider.complete(CHAT, Params(), model=""), breaker=breaker, policy=NO_WAIT)
    await provider.close()


def test_breaker_half_open_lets_one_probe_through() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, reset_after=10, clock=lambda: now[0])
    breaker.failure()
    assert breaker.allow()
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow()
    now[0] = 10.0
    assert breaker.state == "half-open"
    assert breaker.allow()
    assert not breaker.allow()  # only one probe at a time
    breaker.failure()
    assert breaker.state == "open"
    now[0] = 20.0
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.allow()


async def test_anthropic_complete_sends_headers_and_system(anthropic_server: FakeServer) -> None:
    anthropic_server.script.finish = "end_turn"
    provider = AnthropicProvider("anthropic", anthropic_server.url, api_key="ak", model="claude-test")
    completion = await provider.complete(CHAT, Params(max_tokens=32), model="")
    await provider.close()
    assert completion.text == "Hello from the model"
    assert completion.finish is Finish.STOP
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (4, 4)
    path, headers, body = anthropic_server.script.requests[0]
    assert path == "/v1/messages"
    assert headers["x-api-key"] == "ak"
    assert headers["anthropic-version"] == "2023-06-01"
    assert body["system"] == "be brief"
    assert body["messages"] == [{"role": "user", "content": "say hello"}]


async def test_anthropic_stream_reads_every_event_type(anthropic_server: FakeServer) -> None:
    anthropic_server.script.finish = "max_tokens"
    provider = AnthropicProvider("anthropic", anthropic_server.url, api_key="ak", model="claude-test")
    deltas, final = await _collect(provider)
    await provider.close()
    assert deltas == ["Hello", " from", " the", " model"]
    assert final.finish is Finish.LENGTH
    assert (final.usage.prompt_tokens, final.usage.completion_tokens) == (4, 4)
    assert final.model == "claude-test"


async def test_anthropic_refusal_stop_reason(anthropic_server: FakeServer) -> None:
    anthropic_server.script.finish = "refusal"
    provider = AnthropicProvider("anthropic", anthropic_server.url, api_key="ak", model="c")
    completion = await provider.complete(CHAT, Params(), model="")
    await provider.close()
    assert completion.finish is Finish.REFUSAL


async def test_anthropic_stream_error_event_is_a_retryable_provider_error(anthropic_server: FakeServer) -> None:
    anthropic_server.script.stream_error = "overloaded_error"
    provider = AnthropicProvider("anthropic", anthropic_server.url, api_key="ak", model="c")
    with pytest.raises(ProviderError) as caught:
        await _collect(provider)
    await provider.close()
    assert caught.value.retryable


async def test_anthropic_401_and_embed_are_refused(anthropic_server: FakeServer) -> None:
    provider = AnthropicProvider("anthropic", anthropic_server.url, api_key=None, model="c")
    with pytest.raises(ProviderError, match="HTTP 401") as caught:
        await provider.complete(CHAT, Params(), model="")
    assert not caught.value.retryable
    with pytest.raises(InvalidArgument):
        await provider.embed(["x"], model="")
    await provider.close()


async def test_local_provider_is_deterministic_and_streams_word_by_word() -> None:
    provider = LocalProvider()
    deltas, final = await _collect(provider)
    again = await provider.complete(CHAT, Params(max_tokens=64), model="")
    assert "".join(deltas) == final.text == again.text == "echo: say hello"
    truncated = await provider.complete(CHAT, Params(max_tokens=2), model="")
    assert truncated.finish is Finish.LENGTH and truncated.text == "echo: say"
    first = await provider.embed(["a b", "c"], model="")
    second = await provider.embed(["a b", "c"], model="")
    assert first.vectors == second.vectors and len(first.vectors[0]) == 64
