"""HTTP plumbing shared by the remote providers: JSON posts and server-sent events, errors as ProviderError."""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import AsyncIterator, Collection, Iterable
from typing import Any

import httpx

from somastack.slm.resilience import ProviderError, retryable_status


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and "message" in error:
        return str(error["message"])[:300]
    return json.dumps(body)[:300]


def raise_for(provider: str, response: httpx.Response) -> None:
    """Raises ProviderError for a non-2xx answer (retryable for 429 and 5xx)."""
    if response.status_code < 300:
        return
    raise ProviderError(
        provider,
        f"HTTP {response.status_code}: {_error_text(response)}",
        retryable=retryable_status(response.status_code),
        retry_after=_retry_after(response),
    )


#: Request-body fields every chat adapter sets itself; a profile's `parameters` never replace them.
OWNED = frozenset({"model", "messages", "stream", "max_tokens", "temperature", "system"})


def typed(value: str) -> str | int | float | bool:
    """A profile parameter as sent: a JSON number or boolean as such, anything else as the string given."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    if isinstance(parsed, bool | int) or (isinstance(parsed, float) and math.isfinite(parsed)):
        return parsed
    return value


def extra_fields(extra: Iterable[tuple[str, str]], owned: Collection[str]) -> dict[str, Any]:
    """The profile's parameters as request-body fields, typed, without the ones the adapter owns."""
    return {key: typed(value) for key, value in extra if key not in owned}


def request_timeout_of(seconds: float) -> httpx.Timeout:
    """`seconds` for a request to a provider, of which at most 10 to connect."""
    return httpx.Timeout(seconds, connect=min(seconds, 10.0))


def _timeout_of(client: httpx.AsyncClient, seconds: float | None) -> httpx.Timeout:
    """The client's timeout, or `seconds` when a model profile sets one."""
    return client.timeout if seconds is None else request_timeout_of(seconds)


class HttpProvider:
    """What the remote providers share: a name, a default model, a server root without `/v1`, and an HTTP client.

    With `client`, requests go through that shared HTTP client, which `close` leaves open (its owner closes it).
    """

    def __init__(
        self, name: str, base_url: str, *, model: str, timeout: float, client: httpx.AsyncClient | None
    ) -> None:
        self.name = name
        self.default_model = model
        self._base = base_url.rstrip("/").removesuffix("/v1")
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=request_timeout_of(timeout))

    async def close(self) -> None:
        if self._owns_client:
            await self._client.aclose()


async def post_json(
    client: httpx.AsyncClient,
    provider: str,
    url: str,
    body: dict[str, Any],
    headers: dict[str, str],
    *,
    request_timeout: float | None = None,
) -> dict[str, Any]:
    try:
        response = await client.post(url, json=body, headers=headers, timeout=_timeout_of(client, request_timeout))
    except (httpx.TransportError, httpx.TimeoutException) as error:
        raise ProviderError(provider, f"{type(error).__name__}: {error}", retryable=True) from error
    raise_for(provider, response)
    try:
        data = response.json()
    except ValueError as error:
        raise ProviderError(provider, "answer is not JSON", retryable=True) from error
    if not isinstance(data, dict):
        raise ProviderError(provider, "answer is not a JSON object", retryable=False)
    return data


async def sse(
    client: httpx.AsyncClient,
    provider: str,
    url: str,
    body: dict[str, Any],
    headers: dict[str, str],
    *,
    request_timeout: float | None = None,
) -> AsyncIterator[tuple[str, str]]:
    """Posts `body` and yields the (event, data) pairs of the text/event-stream answer.

    Without `request_timeout` the client's timeout bounds each wait for data. With one (a model profile's), it
    bounds the whole answer as well, as it does an answer that is not streamed: a server that drips a token now and
    then, never idle for long, is cut at the deadline instead of holding the call open.
    """
    deadline = None if request_timeout is None else time.monotonic() + request_timeout
    try:
        async with client.stream(
            "POST", url, json=body, headers=headers, timeout=_timeout_of(client, request_timeout)
        ) as response:
            if response.status_code >= 300:
                await response.aread()
                raise_for(provider, response)
            event, data = "", list[str]()
            async for line in _lines_until(response, deadline, provider, request_timeout):
                if not line:
                    if data:
                        yield event or "message", "\n".join(data)
                    event, data = "", list[str]()
                elif line.startswith(":"):
                    continue  # a comment, e.g. a keep-alive
                elif line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].removeprefix(" "))
            if data:
                yield event or "message", "\n".join(data)
    except (httpx.TransportError, httpx.TimeoutException) as error:
        raise ProviderError(provider, f"{type(error).__name__}: {error}", retryable=True) from error


async def _lines_until(
    response: httpx.Response, deadline: float | None, provider: str, seconds: float | None
) -> AsyncIterator[str]:
    """The response's lines; past `deadline` (monotonic), a retryable ProviderError."""
    lines = response.aiter_lines()
    if deadline is None:
        async for line in lines:
            yield line
        return
    while True:
        try:
            line = await asyncio.wait_for(anext(lines), max(deadline - time.monotonic(), 0.0))
        except StopAsyncIteration:
            return
        except TimeoutError:
            raise ProviderError(
                provider, f"ReadTimeout: the streamed answer took longer than its {seconds:g} s timeout", retryable=True
            ) from None
        yield line


def parse(provider: str, data: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError as error:
        raise ProviderError(provider, f"bad event data {data[:100]!r}", retryable=False) from error
    if not isinstance(value, dict):
        raise ProviderError(provider, "event data is not a JSON object", retryable=False)
    return value
