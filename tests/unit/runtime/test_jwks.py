"""The JWKS key source against a real HTTP server on a local socket: verifications of an unknown kid share one
fetch, forged kids cannot raise the fetch rate beyond a few a second, and a key rotated in during the cool-down is
accepted after a short wait instead of refused."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from somastack.platform.errors import Unauthenticated, Unavailable
from somastack.runtime.auth import KEY_WAIT, MIN_REFRESH_INTERVAL, JwksKeySource, TokenVerifier
from tests.unit.runtime.test_auth import make_token


def jwk_x(private: Ed25519PrivateKey) -> str:
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class JwksServer(ThreadingHTTPServer):
    """Serves `keys` as a JSON Web Key Set, `delay` seconds after reading them; 503 while `down`."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), JwksHandler)
        self.keys: dict[str, Ed25519PrivateKey] = {}
        self.delay = 0.0
        self.down = False
        self.requests = 0
        self._count = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1/jwks"

    def answer(self) -> tuple[int, dict[str, Any]]:
        with self._count:
            self.requests += 1
        if self.down:
            return 503, {"error": "identity is restarting"}
        keys = [
            {"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": kid, "x": jwk_x(private)}
            for kid, private in list(self.keys.items())
        ]
        time.sleep(self.delay)
        return 200, {"keys": keys}


class JwksHandler(BaseHTTPRequestHandler):
    server: JwksServer

    def do_GET(self) -> None:
        status, body = self.server.answer()
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[JwksServer]:
    jwks = JwksServer()
    thread = threading.Thread(target=jwks.serve_forever, args=(0.05,), name="jwks-server", daemon=True)
    thread.start()
    yield jwks
    jwks.shutdown()
    jwks.server_close()
    thread.join()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as http:
        yield http


@pytest.fixture
async def source(server: JwksServer, client: httpx.AsyncClient) -> AsyncIterator[JwksKeySource]:
    """A key source with the production intervals."""
    keys = jwks_source(server, client)
    yield keys
    await keys.close()


def jwks_source(server: JwksServer, client: httpx.AsyncClient, **options: float) -> JwksKeySource:
    async def fetch() -> list[tuple[str, str]] | None:
        try:
            response = await client.get(server.url)
            response.raise_for_status()
        except httpx.HTTPError:
            return None
        return [(key["kid"], key["x"]) for key in response.json()["keys"]]

    return JwksKeySource(fetch, **options)


def verifier(source: JwksKeySource) -> TokenVerifier:
    return TokenVerifier(source, issuer="soma-identity", audience="soma", leeway=0)


def token(private: Ed25519PrivateKey, kid: str) -> str:
    """A fresh token (its own jti), so that the verified-token cache never answers for it."""
    return make_token(private, kid=kid, jti=uuid.uuid4().hex)


async def refused(check: TokenVerifier, forged: str) -> str:
    with pytest.raises(Unauthenticated) as caught:
        await check.verify(forged)
    return caught.value.reason


async def test_concurrent_verifications_of_an_unknown_kid_share_one_fetch(
    server: JwksServer, source: JwksKeySource
) -> None:
    k1, k2 = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    server.keys = {"k1": k1}
    server.delay = 0.1  # the fetch is still under way while the later verifications arrive
    check = verifier(source)
    principals = await asyncio.gather(*(check.verify(token(k1, "k1")) for _ in range(50)))
    assert {p.subject for p in principals} == {"tenants/acme/users/bob"}
    assert server.requests == 1

    await asyncio.sleep(MIN_REFRESH_INTERVAL)
    server.keys["k2"] = k2  # rotated: 50 callers with the new key arrive together
    principals = await asyncio.gather(*(check.verify(token(k2, "k2")) for _ in range(50)))
    assert len(principals) == 50
    assert server.requests == 2


async def test_a_flood_of_forged_kids_fetches_a_few_times_a_second_at_most(
    server: JwksServer, source: JwksKeySource
) -> None:
    k1, forger = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    server.keys = {"k1": k1}
    assert await source.prime(within=1.0)
    check = verifier(source)
    began = time.monotonic()
    flood: list[asyncio.Task[str]] = []
    for _ in range(40):  # 200 forged tokens over about a second, each with a kid of its own
        flood += [asyncio.create_task(refused(check, token(forger, uuid.uuid4().hex))) for _ in range(5)]
        await asyncio.sleep(0.025)
    reasons = await asyncio.gather(*flood)
    elapsed = time.monotonic() - began
    assert set(reasons) == {"TOKEN_INVALID"}
    fetches = server.requests - 1
    assert 2 <= fetches <= elapsed / MIN_REFRESH_INTERVAL + 2, (fetches, elapsed)


async def test_a_key_rotated_in_during_the_cool_down_is_accepted_after_a_short_wait(
    server: JwksServer, source: JwksKeySource
) -> None:
    k1, k2, forger = (Ed25519PrivateKey.generate() for _ in range(3))
    server.keys = {"k1": k1}
    check = verifier(source)
    await check.verify(token(k1, "k1"))
    # Anyone can start the cool-down with a made-up kid...
    assert await refused(check, token(forger, "made-up")) == "TOKEN_INVALID"
    assert server.requests == 2

    server.keys["k2"] = k2  # ...and identity rotates its signing key right after
    began = time.monotonic()
    principal = await check.verify(token(k2, "k2"))
    waited = time.monotonic() - began
    assert principal.subject == "tenants/acme/users/bob"
    assert server.requests == 3
    assert waited < KEY_WAIT, waited

    # Known kids never wait and never fetch: the old key's tokens keep verifying too.
    began = time.monotonic()
    await check.verify(token(k1, "k1"))
    await check.verify(token(k2, "k2"))
    assert time.monotonic() - began < 0.1
    assert server.requests == 3


async def test_a_kid_that_arrives_while_a_fetch_is_under_way_waits_for_the_next(
    server: JwksServer, client: httpx.AsyncClient
) -> None:
    k1, k2, forger = (Ed25519PrivateKey.generate() for _ in range(3))
    server.keys = {"k1": k1}
    source = jwks_source(server, client, max_wait=2.0)
    check = verifier(source)
    try:
        assert await source.prime(within=1.0)
        await asyncio.sleep(MIN_REFRESH_INTERVAL)
        server.delay = 0.2
        forged = asyncio.create_task(refused(check, token(forger, "made-up")))
        await asyncio.sleep(0.05)  # that fetch has read the key set already
        server.keys["k2"] = k2
        principal = await check.verify(token(k2, "k2"))
        assert principal.subject == "tenants/acme/users/bob"
        assert await forged == "TOKEN_INVALID"
        assert server.requests == 3
    finally:
        await source.close()


async def test_a_failed_fetch_keeps_the_known_keys_and_leaves_an_unknown_kid_unavailable(
    server: JwksServer, source: JwksKeySource
) -> None:
    k1, k2 = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    server.keys = {"k1": k1}
    assert await source.prime(within=1.0)
    check = verifier(source)
    server.down = True  # identity restarting
    server.keys["k2"] = k2
    await asyncio.sleep(MIN_REFRESH_INTERVAL)
    assert (await check.verify(token(k1, "k1"))).subject == "tenants/acme/users/bob"
    assert server.requests == 1

    began = time.monotonic()
    with pytest.raises(Unavailable) as caught:
        await check.verify(token(k2, "k2"))
    # Not known, but not refused either: retry.
    assert (caught.value.reason, caught.value.metadata) == ("SERVICE_UNAVAILABLE", {"dependency": "identity"})
    assert time.monotonic() - began < KEY_WAIT + 0.1
    assert 2 <= server.requests <= 4  # retried while it waited, a few times a second

    server.down = False  # identity is back
    await asyncio.sleep(MIN_REFRESH_INTERVAL)
    assert (await check.verify(token(k2, "k2"))).subject == "tenants/acme/users/bob"
    assert (await check.verify(token(k1, "k1"))).subject == "tenants/acme/users/bob"
