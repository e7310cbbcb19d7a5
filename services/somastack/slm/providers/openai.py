"""OpenAI-compatible provider: `POST /v1/chat/completions` (plain and SSE streaming) and `POST /v1/embeddings`.

Speaks to OpenAI, vLLM, llama.cpp server, Ollama and anything else that implements that API.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from somastack.slm.model import Completion, Embeddings, Finish, Message, Params, ProviderKind, Usage
from somastack.slm.providers.http import OWNED, HttpProvider, extra_fields, parse, post_json, sse
from somastack.slm.resilience import ProviderError

_FINISH = {
    "stop": Finish.STOP,
    "length": Finish.LENGTH,
    "content_filter": Finish.CONTENT_FILTER,
    "refusal": Finish.REFUSAL,
    "tool_calls": Finish.STOP,
    "function_call": Finish.STOP,
    "eos": Finish.STOP,  # some llama.cpp builds
}


#: Body fields this adapter sets or relies on (one choice, usage in the stream); profile parameters never set them.
_OWNED = OWNED | {"stream_options", "max_completion_tokens", "n"}


def _usage(value: Any) -> Usage:
    if not isinstance(value, dict):
        return Usage()
    return Usage(int(value.get("prompt_tokens") or 0), int(value.get("completion_tokens") or 0))


class OpenAIProvider(HttpProvider):
    """One OpenAI-compatible endpoint; `base_url` is the server root without `/v1`."""

    kind = ProviderKind.OPENAI

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        api_key: str | None,
        model: str,
        embedding_model: str = "",
        timeout: float = 60.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(name, base_url, model=model, timeout=timeout, client=client)
        self.embedding_model = embedding_model
        self._headers = {"authorization": f"Bearer {api_key}"} if api_key else {}

    def _body(self, messages: Sequence[Message], params: Params, model: str) -> dict[str, Any]:
        body: dict[str, Any] = extra_fields(params.extra, _OWNED)
        body |= {
            "model": model or self.default_model,
            "messages": [{"role": m.role.value, "content": m.content} for m in messages],
            "max_tokens": params.max_tokens,
        }
        if params.temperature is not None:
            body["temperature"] = params.temperature
        return body

    async def complete(self, messages: Sequence[Message], params: Params, *, model: str) -> Completion:
        data = await post_json(
            self._client,
            self.name,
            f"{self._base}/v1/chat/completions",
            self._body(messages, params, model),
            self._headers,
            request_timeout=params.timeout,
        )
        choices = data.get("choices")
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            raise ProviderError(self.name, "answer has no choices", retryable=False)
        message = choices[0].get("message") or {}
        return Completion(
            text=str(message.get("content") or ""),
            finish=_FINISH.get(str(choices[0].get("finish_reason")), Finish.STOP),
            usage=_usage(data.get("usage")),
            model=str(data.get("model") or model or self.default_model),
            refusal_reason=str(message.get("refusal") or ""),
        )

    async def stream(
        self, messages: Sequence[Message], params: Params, *, model: str
    ) -> AsyncIterator[str | Completion]:
        body = self._body(messages, params, model) | {"stream": True, "stream_options": {"include_usage": True}}
        parts: list[str] = []
        refusal: list[str] = []
        finish = Finish.STOP
        usage = Usage()
        answered_model = model or self.default_model
        async for _event, data in sse(
            self._client,
            self.name,
            f"{self._base}/v1/chat/completions",
            body,
            self._headers,
            request_timeout=params.timeout,
        ):
            if data.strip() == "[DONE]":
                break
            chunk = parse(self.name, data)
            if "error" in chunk:
                raise ProviderError(self.name, f"stream error: {chunk['error']}", retryable=False)
            answered_model = str(chunk.get("model") or answered_model)
            if chunk.get("usage"):
                usage = _usage(chunk["usage"])
            for choice in chunk.get("choices") or []:
                delta = choice.get("delta") or {}
                if delta.get("refusal"):
                    refusal.append(str(delta["refusal"]))
                if delta.get("content"):
                    parts.append(str(delta["content"]))
                    yield str(delta["content"])
                if choice.get("finish_reason"):
                    finish = _FINISH.get(str(choice["finish_reason"]), Finish.STOP)
        yield Completion("".join(parts), finish, usage, answered_model, refusal_reason="".join(refusal))

    async def embed(self, texts: Sequence[str], *, model: str, request_timeout: float | None = None) -> Embeddings:
        chosen = model or self.embedding_model
        data = await post_json(
            self._client,
            self.name,
            f"{self._base}/v1/embeddings",
            {"model": chosen, "input": list(texts)},
            self._headers,
            request_timeout=request_timeout,
        )
        items = data.get("data")
        if not isinstance(items, list) or len(items) != len(texts):
            raise ProviderError(self.name, f"expected {len(texts)} embeddings", retryable=False)
        ordered = sorted(items, key=lambda item: int(item.get("index", 0)))
        vectors = [[float(v) for v in item["embedding"]] for item in ordered]
        return Embeddings(vectors, str(data.get("model") or chosen), _usage(data.get("usage")))
