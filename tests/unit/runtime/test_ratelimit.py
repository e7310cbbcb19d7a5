"""The rate limiter: which budgets a call is charged to, the refusal a client sees (RESOURCE_EXHAUSTED
`RATE_LIMITED` with RetryInfo), and the fall back to this process's buckets when the shared ones do not answer."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from google.rpc import error_details_pb2
from prometheus_client import CollectorRegistry

from somastack.platform.errors import Code, ResourceExhausted
from somastack.platform.principal import Principal
from somastack.runtime.buckets import Rate, Refusal
from somastack.runtime.metrics import RpcMetrics
from somastack.runtime.ratelimit import Budgets, RateLimiter
from somastack.runtime.status import to_rpc_status

BUDGETS = Budgets(caller=Rate(1, 2), tenant=Rate(1, 3), address=Rate(1, 1))


def person(subject: str, tenant: str = "acme") -> Principal:
    return Principal(subject, tenant, frozenset(), expires_at=0.0)


def limiter(budgets: Budgets = BUDGETS, shared: object = None) -> tuple[RateLimiter, RpcMetrics]:
    metrics = RpcMetrics("memory", CollectorRegistry())
    made = RateLimiter(
        "memory",
        budgets,
        refused=metrics.rate_limited,
        fallbacks=metrics.rate_limit_fallbacks,
        shared=shared,  # type: ignore[arg-type]
    )
    return made, metrics


async def admitted(rates: RateLimiter, principal: Principal | None, calls: int, address: str = "") -> int:
    served = 0
    for _ in range(calls):
        try:
            await rates.admit("soma.memory.v1.MemoryService", "Recall", principal, address)
            served += 1
        except ResourceExhausted:
            pass
    return served


def test_a_person_is_charged_to_itself_and_its_tenant() -> None:
    rates, _ = limiter()
    assert rates.checks(person("tenants/acme/users/olga"), "") == [
        ("caller", "tenants/acme/users/olga", BUDGETS.caller),
        ("tenant", "acme", BUDGETS.tenant),
    ]


def test_an_impersonation_is_charged_to_the_actor() -> None:
    rates, _ = limiter()
    token = Principal("tenants/acme/users/olga", "acme", frozenset(), 0.0, actor="tenants/acme/users/ivan")
    assert rates.checks(token, "")[0] == ("caller", "tenants/acme/users/ivan", BUDGETS.caller)


def test_the_operator_is_charged_to_no_tenant_and_a_service_to_nothing() -> None:
    rates, _ = limiter()
    assert [scope for scope, _, _ in rates.checks(person("operator", "*"), "")] == ["caller"]
    assert rates.checks(person("services/orchestrator", "*"), "") == []


def test_an_anonymous_call_is_charged_to_its_address() -> None:
    rates, _ = limiter()
    assert rates.checks(None, "10.0.0.7") == [("address", "10.0.0.7", BUDGETS.address)]


def test_a_budget_set_to_zero_is_not_checked() -> None:
    rates, _ = limiter(Budgets(caller=Rate(0, 2), tenant=Rate(1, 3), address=Rate(1, 0)))
    assert [scope for scope, _, _ in rates.checks(person("u"), "")] == ["tenant"]
    assert rates.checks(None, "10.0.0.7") == []
    assert rates.enabled
    assert not limiter(Budgets(Rate(0, 1), Rate(0, 1), Rate(0, 1)))[0].enabled


async def test_a_refusal_is_resource_exhausted_rate_limited_with_the_delay() -> None:
    rates, metrics = limiter()
    olga = person("tenants/acme/users/olga")
    assert await admitted(rates, olga, 2) == 2
    with pytest.raises(ResourceExhausted) as caught:
        await rates.admit("soma.memory.v1.MemoryService", "Recall", olga, "")
    error = caught.value
    assert error.code is Code.RESOURCE_EXHAUSTED and error.reason == "RATE_LIMITED"
    assert error.metadata == {"scope": "caller", "ratePerSecond": "1", "burst": "2"}
    assert error.retry_after is not None and 0.9 < error.retry_after <= 1.0
    status = to_rpc_status(error, domain="memory.somastack.dev", request_id="r")
    retry = error_details_pb2.RetryInfo()
    assert any(detail.Unpack(retry) for detail in status.details if detail.Is(retry.DESCRIPTOR))
    assert 900_000_000 <= retry.retry_delay.seconds * 1_000_000_000 + retry.retry_delay.nanos <= 1_000_000_000
    counted = metrics.registry.get_sample_value(
        "soma_rate_limited_total",
        {"domain": "memory", "service": "soma.memory.v1.MemoryService", "method": "Recall", "scope": "caller"},
    )
    assert counted == 1


async def test_a_tenant_over_its_budget_refuses_its_other_callers_not_other_tenants() -> None:
    rates, _ = limiter()
    assert await admitted(rates, person("tenants/acme/users/olga"), 2) == 2
    assert await admitted(rates, person("tenants/acme/users/ivan"), 2) == 1  # the tenant's third token
    with pytest.raises(ResourceExhausted) as caught:
        await rates.admit("s", "m", person("tenants/acme/users/anna"), "")
    assert caught.value.metadata["scope"] == "tenant"
    assert await admitted(rates, person("tenants/globex/users/olga", "globex"), 2) == 2


class Broken:
    """Shared buckets whose backend is down."""

    def __init__(self) -> None:
        self.asked = 0

    async def take(self, checks: Sequence[tuple[str, Rate]]) -> Refusal | None:
        self.asked += 1
        raise ConnectionError("connection refused")

    async def close(self) -> None:
        pass


async def test_without_the_shared_buckets_the_limit_holds_per_process_and_calls_are_served() -> None:
    shared = Broken()
    rates, metrics = limiter(shared=shared)
    assert await admitted(rates, person("tenants/acme/users/olga"), 5) == 2
    # Asked once, then left alone for a while instead of costing every call a failed connection.
    assert shared.asked == 1
    assert metrics.registry.get_sample_value("soma_rate_limit_fallbacks_total", {"domain": "memory"}) == 5
