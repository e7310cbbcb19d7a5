"""Request rates per caller, per tenant and (for public RPCs) per client address, checked before any work.

A call with a person's or the operator's token is charged to its caller (the token's actor, else its subject) and
to its tenant (the operator's tenant `*` is none); a public RPC called without a token is charged to the address
the client connected to Envoy from (`x-soma-client-address`, which Envoy overwrites on every request), since it
has no caller yet: this is what bounds password guessing at sign-in across accounts (identity locks one account
after failures, not an address). Service tokens (`services/{domain}`) are charged to nothing: a service calls on
its own behalf only for work a charged call or an event already started, and throttling it would fail that work.

Budgets are per service: a caller may make `rate` requests a second at each service. With Redis configured the
replicas of a service share each budget (one script call per check); when Redis does not answer, the check falls
back to this process's buckets (fail open: the limit still holds per replica), logs it, counts it, and leaves
Redis alone for `REDIS_RETRY_SECONDS` before trying it again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from prometheus_client import Counter

from somastack.config import Settings
from somastack.platform.credentials import CLIENT_ADDRESS_HEADER as CLIENT_ADDRESS_HEADER  # read by the interceptor
from somastack.platform.errors import ResourceExhausted
from somastack.platform.names import ANY_TENANT
from somastack.platform.principal import Principal
from somastack.runtime.buckets import Buckets, LocalBuckets, Rate, RedisBuckets, Refusal

_log = logging.getLogger(__name__)

#: Seconds the limiter keeps to its own buckets after Redis failed to answer, before it asks Redis again.
REDIS_RETRY_SECONDS = 1.0


@dataclass(frozen=True)
class Budgets:
    """The three budgets of a service; a Rate with 0 in it is no limit."""

    caller: Rate
    tenant: Rate
    address: Rate

    @property
    def unlimited(self) -> bool:
        return self.caller.unlimited and self.tenant.unlimited and self.address.unlimited


class RateLimiter:
    """Admits a call or refuses it with RESOURCE_EXHAUSTED `RATE_LIMITED` and the delay until it would pass."""

    def __init__(
        self,
        domain: str,
        budgets: Budgets,
        *,
        refused: Counter,
        fallbacks: Counter,
        shared: Buckets | None = None,
        local: LocalBuckets | None = None,
    ) -> None:
        """`refused` counts refusals by (domain, service, method, scope); `fallbacks` the checks `shared` (the
        buckets in Redis, None: only this process's) could not answer."""
        self._domain = domain
        self._budgets = budgets
        self._refused = refused
        self._fallbacks = fallbacks.labels(domain)
        self._shared = shared
        self._local = local or LocalBuckets()
        self._shared_down_until = 0.0

    @property
    def enabled(self) -> bool:
        return not self._budgets.unlimited

    def checks(self, principal: Principal | None, address: str) -> list[tuple[str, str, Rate]]:
        """(scope, whose budget, rate) of each budget a call is charged to."""
        budgets = self._budgets
        if principal is None:
            found = [("address", address, budgets.address)]
        elif principal.is_service:
            found = []
        else:
            found = [("caller", principal.actor or principal.subject, budgets.caller)]
            if principal.tenant != ANY_TENANT:
                found.append(("tenant", principal.tenant, budgets.tenant))
        return [(scope, who, rate) for scope, who, rate in found if not rate.unlimited]

    async def admit(self, service: str, method: str, principal: Principal | None, address: str) -> None:
        """Charges the call to its budgets; ResourceExhausted (with RetryInfo) when one of them is used up."""
        checks = self.checks(principal, address)
        if not checks:
            return
        buckets = [(f"{self._domain}:{scope}:{who}", rate) for scope, who, rate in checks]
        refusal = await self._take(buckets)
        if refusal is None:
            return
        scope, who, rate = checks[refusal.index]
        self._refused.labels(self._domain, service, method, scope).inc()
        raise ResourceExhausted(
            "RATE_LIMITED",
            f"{scope} {who} has used up its request rate at {self._domain} ({rate.per_second:g} a second, "
            f"{rate.burst} at once); retry in {refusal.retry_after:.3f} s",
            metadata={"scope": scope, "ratePerSecond": f"{rate.per_second:g}", "burst": str(rate.burst)},
            retry_after=refusal.retry_after,
        )

    async def _take(self, buckets: Sequence[tuple[str, Rate]]) -> Refusal | None:
        """The shared buckets' answer; this process's when there are none or Redis does not answer (fail open)."""
        if self._shared is None:
            return self._local.take_now(buckets)
        if time.monotonic() >= self._shared_down_until:
            try:
                return await self._shared.take(buckets)
            except Exception as error:
                # Whatever keeps Redis from answering (an outage, a timeout, a server still loading) must not
                # refuse calls: the budget is kept per replica meanwhile.
                self._fell_back(error)
        self._fallbacks.inc()
        return self._local.take_now(buckets)

    def _fell_back(self, error: Exception) -> None:
        _log.warning(
            "rate limits: Redis did not answer (%s: %s); using this process's buckets for %g s",
            type(error).__name__,
            error,
            REDIS_RETRY_SECONDS,
        )
        self._shared_down_until = time.monotonic() + REDIS_RETRY_SECONDS

    async def close(self) -> None:
        if self._shared is not None:
            await self._shared.close()


def budgets_of(settings: Settings) -> Budgets:
    """The budgets `SOMA_RATE_LIMIT_*` configure."""
    return Budgets(
        caller=Rate(settings.rate_limit_caller_rps, settings.rate_limit_caller_burst),
        tenant=Rate(settings.rate_limit_tenant_rps, settings.rate_limit_tenant_burst),
        address=Rate(settings.rate_limit_address_rps, settings.rate_limit_address_burst),
    )


def open_rate_limiter(settings: Settings, domain: str, *, refused: Counter, fallbacks: Counter) -> RateLimiter:
    """The limiter of one service process: shared buckets in Redis when `settings.redis_url` is set (under the
    deployment's prefix and stage, as the caches keep theirs), else this process's alone."""
    budgets = budgets_of(settings)
    shared = None
    if settings.redis_url and not budgets.unlimited:
        namespace = f"{settings.db_schema_prefix}{settings.stage.value}:ratelimit"
        shared = RedisBuckets(settings.redis_url, namespace)
    return RateLimiter(domain, budgets, refused=refused, fallbacks=fallbacks, shared=shared)
