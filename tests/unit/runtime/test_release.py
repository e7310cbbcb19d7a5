"""Memory is released once large requests stop: not for small ones, not during a burst, at most once per interval."""

from __future__ import annotations

import asyncio

from somastack.runtime.release import LARGE_BYTES, MIN_INTERVAL, QUIET_SECONDS, MemoryRelease


async def test_a_burst_of_large_bodies_releases_once_it_is_over_and_not_more_often_than_the_interval() -> None:
    release = MemoryRelease()
    release.large(LARGE_BYTES - 1)
    await asyncio.sleep(QUIET_SECONDS + 0.2)
    assert release.releases == 0  # small bodies never schedule a release

    for _ in range(5):  # a burst: each large body pushes the release past the quiet time
        release.large(LARGE_BYTES)
        await asyncio.sleep(QUIET_SECONDS / 2)
    assert release.releases == 0
    await asyncio.sleep(QUIET_SECONDS)
    assert release.releases == 1

    release.large(LARGE_BYTES)  # the next burst right after: released only once the interval has passed
    await asyncio.sleep(QUIET_SECONDS + 0.2)
    assert release.releases == 1
    await asyncio.sleep(MIN_INTERVAL)
    assert release.releases == 2


def test_outside_an_event_loop_nothing_is_scheduled() -> None:
    release = MemoryRelease()
    release.large(LARGE_BYTES)
    assert release.releases == 0
