"""Rate limits a bench's mesh runs with: far above what one bench token makes, so a bench measures throughput.

A bench drives thousands of calls a second with one token, past the shipped per-caller default (200 a second at
each service), which is meant for clients, not for load generators. The limiter still checks every call, so its
cost stays in what the benches measure.
"""

from __future__ import annotations

UNTHROTTLED = {
    "SOMA_RATE_LIMIT_CALLER_RPS": "1000000",
    "SOMA_RATE_LIMIT_CALLER_BURST": "1000000",
    "SOMA_RATE_LIMIT_TENANT_RPS": "1000000",
    "SOMA_RATE_LIMIT_TENANT_BURST": "1000000",
    "SOMA_RATE_LIMIT_ADDRESS_RPS": "1000000",
    "SOMA_RATE_LIMIT_ADDRESS_BURST": "1000000",
}
