"""IssuerClient over HTTP (httpx): an external issuer's discovery document and JWKS."""

from __future__ import annotations

from typing import Any

import httpx

from somastack.platform.errors import Unavailable


def _unavailable(url: str, why: str) -> Unavailable:
    return Unavailable("SERVICE_UNAVAILABLE", f"the OIDC issuer's {url} cannot be read: {why}", retry_after=1)


class HttpIssuerClient:
    """Fetches issuer documents with a timeout; any failure is Unavailable, so the exchange may be retried."""

    def __init__(self, *, timeout: float) -> None:
        self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=False)

    async def _json(self, url: str) -> dict[str, Any]:
        try:
            response = await self._client.get(url, headers={"accept": "application/json"})
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise _unavailable(url, str(exc) or type(exc).__name__) from None
        if not isinstance(document, dict):
            raise _unavailable(url, "not a JSON object")
        return document

    async def discover_jwks_url(self, issuer: str) -> str:
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        document = await self._json(url)
        # OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was fetched for.
        if document.get("issuer") != issuer or not isinstance(document.get("jwks_uri"), str):
            raise _unavailable(url, "its issuer does not match or it has no jwks_uri")
        return str(document["jwks_uri"])

    async def fetch_jwks(self, url: str) -> dict[str, Any]:
        document = await self._json(url)
        if not isinstance(document.get("keys"), list):
            raise _unavailable(url, "it has no keys")
        return document

    async def close(self) -> None:
        await self._client.aclose()
