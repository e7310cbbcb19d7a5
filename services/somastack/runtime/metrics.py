"""Prometheus metrics of the runtime: requests and latency per method and status code, deprecated calls."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

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

    def serve(self, host: str, port: int) -> None:
        """Exposes `/metrics` over HTTP on (host, port), in a background thread."""
        start_http_server(port, addr=host, registry=self.registry)
