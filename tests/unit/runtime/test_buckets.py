"""The in-process token buckets: a burst is admitted at once, tokens come back at the sustained rate, a refusal
says exactly how long until the next token, and a check over several buckets takes from all or from none."""

from __future__ import annotations

import asyncio

import pytest

from somastack.runtime.buckets import LocalBuckets, Rate, Refusal


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_full_bucket_admits_its_burst_then_refuses(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    rate = Rate(per_second=10, burst=5)
    assert [buckets.take_now([("k", rate)]) for _ in range(5)] == [None] * 5
    refusal = buckets.take_now([("k", rate)])
    assert refusal == Refusal(0, 0.1)  # one token at 10 a second: 100 ms


def test_tokens_come_back_at_the_sustained_rate_and_never_beyond_the_burst(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    rate = Rate(per_second=4, burst=2)
    for _ in range(2):
        assert buckets.take_now([("k", rate)]) is None
    clock.now += 0.25  # one token back
    assert buckets.take_now([("k", rate)]) is None
    assert buckets.take_now([("k", rate)]) is not None
    clock.now += 3600  # an hour idle refills to the burst, not to 14,400
    assert [buckets.take_now([("k", rate)]) for _ in range(3)][:2] == [None, None]


def test_the_retry_delay_is_when_the_next_token_arrives(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    rate = Rate(per_second=2, burst=1)
    assert buckets.take_now([("k", rate)]) is None
    clock.now += 0.2  # 0.4 of a token back: 0.6 to go, 300 ms
    refusal = buckets.take_now([("k", rate)])
    assert refusal is not None and refusal.retry_after == pytest.approx(0.3)
    clock.now += refusal.retry_after
    assert buckets.take_now([("k", rate)]) is None


def test_refused_checks_do_not_use_up_tokens(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    rate = Rate(per_second=1, burst=1)
    assert buckets.take_now([("k", rate)]) is None
    for _ in range(100):
        assert buckets.take_now([("k", rate)]) is not None
    clock.now += 1.0
    assert buckets.take_now([("k", rate)]) is None


def test_a_check_over_two_buckets_takes_from_both_or_from_neither(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    caller, tenant = Rate(per_second=1, burst=3), Rate(per_second=1, burst=1)
    assert buckets.take_now([("caller", caller), ("tenant", tenant)]) is None
    refusal = buckets.take_now([("caller", caller), ("tenant", tenant)])
    assert refusal is not None and refusal.index == 1  # the tenant's budget is the one used up
    # The caller's bucket lost one token, not two: it still has two for calls charged to it alone.
    assert [buckets.take_now([("caller", caller)]) for _ in range(3)] == [None, None, Refusal(0, 1.0)]


def test_the_delay_is_that_of_the_bucket_that_waits_longest(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    fast, slow = Rate(per_second=10, burst=1), Rate(per_second=1, burst=1)
    assert buckets.take_now([("a", fast), ("b", slow)]) is None
    assert buckets.take_now([("a", fast), ("b", slow)]) == Refusal(1, 1.0)


def test_buckets_are_independent_per_key(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    rate = Rate(per_second=1, burst=1)
    assert buckets.take_now([("alice", rate)]) is None
    assert buckets.take_now([("alice", rate)]) is not None
    assert buckets.take_now([("bob", rate)]) is None


def test_the_least_recently_used_buckets_are_dropped_beyond_the_bound(clock: Clock) -> None:
    buckets = LocalBuckets(max_keys=100, clock=clock)
    rate = Rate(per_second=1, burst=1)
    for i in range(1000):
        buckets.take_now([(f"caller-{i}", rate)])
    assert len(buckets) == 100


async def test_concurrent_checks_admit_exactly_the_burst(clock: Clock) -> None:
    buckets = LocalBuckets(clock=clock)
    rate = Rate(per_second=1, burst=50)
    answers = await asyncio.gather(*(buckets.take([("k", rate)]) for _ in range(500)))
    assert sum(answer is None for answer in answers) == 50


def test_a_rate_with_a_zero_is_unlimited() -> None:
    assert Rate(0, 10).unlimited and Rate(10, 0).unlimited and not Rate(1, 1).unlimited
