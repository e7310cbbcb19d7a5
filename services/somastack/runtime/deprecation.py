"""Deprecated RPCs at run time: every call is counted, and logged at most once a minute per method and client type.

An RPC is deprecated when its contract says `option deprecated = true` (on the method or on
its service). It keeps working for at least one major contract version (docs/compatibility.md);
the count, `soma_deprecated_calls_total{domain,method,client_type}`, tells operators who still
calls it before it goes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from prometheus_client import Counter

_log = logging.getLogger(__name__)


class DeprecatedCalls:
    """Counts calls to deprecated RPCs and logs them, rate-limited per (method, client type)."""

    def __init__(
        self,
        counter: Counter,
        domain: str,
        *,
        log_every: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._counter = counter
        self._domain = domain
        self._log_every = log_every
        self._clock = clock
        #: (method, client type) -> (when it was last logged, calls since then)
        self._since_log: dict[tuple[str, str], tuple[float, int]] = {}

    def record(self, method: str, client_type: str, client_version: str) -> None:
        """One call of the deprecated RPC `method` (`package.Service.Method`) by a client of `client_type`."""
        self._counter.labels(self._domain, method, client_type).inc()
        key = (method, client_type)
        now = self._clock()
        last = self._since_log.get(key)
        if last is not None and now - last[0] < self._log_every:
            self._since_log[key] = (last[0], last[1] + 1)
            return
        calls = 1 if last is None else last[1] + 1
        self._since_log[key] = (now, 0)
        _log.warning(
            "deprecated RPC %s called by a %s client (contract %s): %d call(s) since the last report; "
            "it will be removed in a later major contract version",
            method,
            client_type,
            client_version or "unknown",
            calls,
        )
