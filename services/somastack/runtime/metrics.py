"""Prometheus metrics of the runtime: requests and latency per method and status code, deprecated calls, rate limits.

The `/metrics` endpoint is served on the service's event loop (`MetricsServer`), not by prometheus_client's
`start_http_server`, whose thread wakes twice a second (`serve_forever` polls for shutdown every 0.5 s) in a
service that is otherwise asleep.
"""

from __future__ import annotations

import asyncio
import gzip
from contextlib import suppress

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import choose_encoder, gzip_accepted

_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class RpcMetrics:
    """The metrics one service process exports."""

    def __init__(self, domain: str, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.domain = domain
        self.requests = Counter(
            "soma_rpc_requests",
            "RPCs served, by method and gRPC status code.",
            ["domain", "service", "method", "code"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "soma_rpc_duration_seconds",
            "Server-side RPC latency, from the first interceptor to the response.",
            ["domain", "service", "method"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "soma_rpc_in_flight", "RPCs being served now.", ["domain"], registry=self.registry
        ).labels(domain)
        self.up = Gauge("soma_service_up", "1 while the service is serving.", ["domain"], registry=self.registry)
        self.deprecated_calls = Counter(
            "soma_deprecated_calls",
            "Calls to RPCs the contract marks deprecated, by RPC (package.Service.Method) and client type.",
            ["domain", "method", "client_type"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "soma_rate_limited",
            "Calls refused RATE_LIMITED, by method and the budget used up (caller, tenant, address).",
            ["domain", "service", "method", "scope"],
            registry=self.registry,
        )
        self.rate_limit_fallbacks = Counter(
            "soma_rate_limit_fallbacks",
            "Rate-limit checks answered by this process's buckets because Redis did not answer (fail open).",
            ["domain"],
            registry=self.registry,
        )
        self._children: dict[tuple[str, str], tuple[Histogram, dict[str, Counter]]] = {}

    def observe(self, service: str, method: str, code: str, seconds: float) -> None:
        """Records one finished RPC. Label children are cached: the hot path does no label lookups."""
        entry = self._children.get((service, method))
        if entry is None:
            entry = (self.latency.labels(self.domain, service, method), {})
            self._children[(service, method)] = entry
        histogram, counters = entry
        counter = counters.get(code)
        if counter is None:
            counter = counters[code] = self.requests.labels(self.domain, service, method, code)
        histogram.observe(seconds)
        counter.inc()

    async def serve(self, host: str, port: int) -> MetricsServer:
        """Exposes `/metrics` over HTTP on (host, port), on the running event loop; close the server to stop."""
        return await MetricsServer.start(self.registry, host, port)


#: Longest request head (request line and headers) the metrics endpoint reads.
_MAX_HEAD = 64 * 1024


class MetricsServer:
    """A minimal HTTP/1.1 server of a registry's Prometheus text (or OpenMetrics, as the scraper asks) on any GET
    path, as prometheus_client's own server answers. Asleep until a scrape connects; the text is encoded on a
    worker thread, so a scrape of a large registry does not hold up the calls the loop serves."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self._registry = registry
        self._server: asyncio.Server | None = None

    @classmethod
    async def start(cls, registry: CollectorRegistry, host: str, port: int) -> MetricsServer:
        self = cls(registry)
        self._server = await asyncio.start_server(self._serve, host, port, limit=_MAX_HEAD)
        return self

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        """Stops listening; a scrape in flight is not waited for more than a second."""
        if self._server is not None:
            server, self._server = self._server, None
            server.close()
            with suppress(TimeoutError):
                await asyncio.wait_for(server.wait_closed(), 1.0)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answers the requests of one connection in turn until the client closes it or asks to."""
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                keep_alive = await self._answer(head, reader, writer)
                await writer.drain()
                if not keep_alive:
                    return
        except ConnectionError:
            return
        finally:
            writer.close()
            with suppress(ConnectionError):
                await writer.wait_closed()

    async def _answer(self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Writes the response to one request; whether the connection stays open for another."""
        request_line, *lines = head.decode("latin-1").split("\r\n")
        parts = request_line.split(" ")
        headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            writer.write(_response("400 Bad Request", "text/plain", b"bad request\n", close=True))
            return False
        method, _target, version = parts
        length = headers.get("content-length", "0")
        if not length.isdigit():
            writer.write(_response("400 Bad Request", "text/plain", b"bad content-length\n", close=True))
            return False
        if int(length):
            await reader.readexactly(int(length))  # a body means nothing here: skip it
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
        if method not in ("GET", "HEAD"):
            writer.write(_response("405 Method Not Allowed", "text/plain", b"GET only\n", close=not keep_alive))
            return keep_alive
        encoder, content_type = choose_encoder(headers.get("accept", ""))
        body = await asyncio.to_thread(encoder, self._registry)
        extra = {}
        if gzip_accepted(headers.get("accept-encoding", "")):
            body, extra = gzip.compress(body), {"Content-Encoding": "gzip"}
        response = _response("200 OK", content_type, body, close=not keep_alive, **extra)
        writer.write(response if method == "GET" else response[: len(response) - len(body)])
        return keep_alive


def _response(status: str, content_type: str, body: bytes, *, close: bool, **headers: str) -> bytes:
    fields = {"Content-Type": content_type, "Content-Length": str(len(body)), **headers}
    if close:
        fields["Connection"] = "close"
    head = "".join(f"{name}: {value}\r\n" for name, value in fields.items())
    return f"HTTP/1.1 {status}\r\n{head}\r\n".encode("latin-1") + body
