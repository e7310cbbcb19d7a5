"""Anthropic Messages provider: `POST /v1/messages`, plain and SSE streaming."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from somastack.platform.errors import invalid
from somastack.slm.model import Completion, Embeddings, Finish, Message, Params, ProviderKind, Role, Usage
from somastack.slm.providers.http import OWNED, HttpProvider, extra_fields, parse, post_json, sse
from somastack.slm.resilience import ProviderError

API_VERSION = "2023-06-01"

_STOP = {
    "end_turn": Finish.STOP,
    "stop_sequence": Finish.STOP,
    "tool_use": Finish.STOP,
    "pause_turn": Finish.STOP,
    "max_tokens": Finish.LENGTH,
    "refusal": Finish.REFUSAL,
}
#: Error types of an `error` stream event worth retrying.
_RETRYABLE = {"overloaded_error", "api_error", "rate_limit_error"}


class AnthropicProvider(HttpProvider):
    """Anthropic's Messages API; system messages become the `system` parameter."""

    kind = ProviderKind.ANTHROPIC
    embedding_model = ""

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        api_key: str | None,
        model: str,
        timeout: float = 60.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(name, base_url, model=model, timeout=timeout, client=client)
        self._headers = {"anthropic-version": API_VERSION}
        if api_key:
            self._headers["x-api-key"] = api_key

    def _body(self, messages: Sequence[Message], params: Params, model: str) -> dict[str, Any]:
        system = "\n\n".join(m.content for m in messages if m.role is Role.SYSTEM)
        body: dict[str, Any] = extra_fields(params.extra, OWNED)
        body |= {
            "model": model or self.default_model,
            "max_tokens": params.max_tokens,
            "messages": [{"role": m.role.value, "content": m.content} for m in messages if m.role is not Role.SYSTEM],
        }
        if system:
            body["system"] = system
        if params.temperature is not None:
            body["temperature"] = min(params.temperature, 1.0)  # Anthropic's range is 0..1
        return body

    async def complete(self, messages: Sequence[Message], params: Params, *, model: str) -> Completion:
        data = await post_json(
            self._client,
            self.name,
            f"{self._base}/v1/messages",
            self._body(messages, params, model),
            self._headers,
            request_timeout=params.timeout,
        )
        blocks = data.get("content")
        if not isinstance(blocks, list):
            raise ProviderError(self.name, "answer has no content", retryable=False)
        text = "".join(str(b.get("text", "")) for b in blocks if isinstance(b, dict) and b.get("type") == "text")
        usage = data.get("usage") or {}
        return Completion(
            text=text,
            finish=_STOP.get(str(data.get("stop_reason")), Finish.STOP),
            usage=Usage(int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)),
            model=str(data.get("model") or model or self.default_model),
        )

    async def stream(
        self, messages: Sequence[Message], params: Params, *, model: str
    ) -> AsyncIterator[str | Completion]:
        body = self._body(messages, params, model) | {"stream": True}
        parts: list[str] = []
        finish = Finish.STOP
        prompt = completion = 0
        answered_model = model or self.default_model
        async for event, data in sse(
            self._client, self.name, f"{self._base}/v1/messages", body, self._headers, request_timeout=params.timeout
        ):
            payload = parse(self.name, data)
            kind = event if event != "message" else str(payload.get("type", ""))
            if kind == "message_start":
                message = payload.get("message") or {}
                answered_model = str(message.get("model") or answered_model)
                prompt = int((message.get("usage") or {}).get("input_tokens") or 0)
            elif kind == "content_block_delta":
                delta = payload.get("delta") or {}
                if delta.get("type") == "text_delta" and delta.get("text"):
                    parts.append(str(delta["text"]))
                    yield str(delta["text"])
            elif kind == "message_delta":
                stop = (payload.get("delta") or {}).get("stop_reason")
                if stop:
                    finish = _STOP.get(str(stop), Finish.STOP)
                completion = int((payload.get("usage") or {}).get("output_tokens") or completion)
            elif kind == "error":
                error = payload.get("error") or {}
                raise ProviderError(
                    self.name,
                    f"stream error {error.get('type')}: {error.get('message')}",
                    retryable=error.get("type") in _RETRYABLE,
                )
            elif kind == "message_stop":
                break
        yield Completion("".join(parts), finish, Usage(prompt, completion), answered_model)

    async def embed(self, texts: Sequence[str], *, model: str, request_timeout: float | None = None) -> Embeddings:
        raise invalid("provider", f"provider {self.name!r} (anthropic) does not embed")
