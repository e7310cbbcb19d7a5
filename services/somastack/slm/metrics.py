"""Prometheus metrics of model calls: tokens and refusals by provider, model and operation.

The same figures go to the `slm.metrics` topic per call (with the tenant); these counters are what a scraper, and
the console's One Sight dashboard, read through `/metrics/slm`. No tenant label: metrics routes carry no tenant data.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter

from somastack.slm.model import Meter


class SlmMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.tokens = Counter(
            "soma_slm_tokens",
            "Tokens of model calls, by provider, model, operation (infer, embed) and kind (prompt, completion).",
            ["provider", "model", "operation", "kind"],
            registry=registry,
        )
        self.calls = Counter(
            "soma_slm_calls",
            "Model calls, by provider, operation and outcome (ok, refused, failed).",
            ["provider", "operation", "outcome"],
            registry=registry,
        )

    def observe(self, meter: Meter) -> None:
        usage = meter.usage
        if usage.prompt_tokens:
            self.tokens.labels(meter.provider, meter.model, meter.operation, "prompt").inc(usage.prompt_tokens)
        if usage.completion_tokens:
            self.tokens.labels(meter.provider, meter.model, meter.operation, "completion").inc(usage.completion_tokens)
        outcome = "failed" if meter.failed else "refused" if meter.refused else "ok"
        self.calls.labels(meter.provider, meter.operation, outcome).inc()
