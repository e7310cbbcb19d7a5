"""WebhookSender on httpx: one POST per attempt, redirects not followed, any non-2xx answer is a failure."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from somastack.notification.ports import WebhookError


class HttpWebhookSender:
    def __init__(self, *, timeout: float = 10.0) -> None:
        self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=False)

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        if not url.startswith(("http://", "https://")):
            raise WebhookError(f"{url!r} is not an http(s) URL")
        try:
            response = await self._client.post(url, content=body, headers=dict(headers))
        except httpx.HTTPError as exc:
            raise WebhookError(f"{type(exc).__name__}: {exc}") from exc
        if not 200 <= response.status_code < 300:
            raise WebhookError(f"HTTP {response.status_code}: {response.text[:200]}")

    async def close(self) -> None:
        await self._client.aclose()
