"""SharedRefresh: what its callers see when the refresh itself raises, and a refresh that outlasts their wait."""

import asyncio
import time

import pytest

from somastack.platform.refresh import SharedRefresh


async def test_an_error_reaches_every_caller_of_that_run_and_the_next_run_comes_soon() -> None:
    runs: list[float] = []

    async def refresh() -> bool:
        runs.append(time.monotonic())
        await asyncio.sleep(0.05)
        if len(runs) == 1:
            raise ConnectionError("the store is restarting")
        return True

    shared = SharedRefresh(refresh, min_interval=10, retry_interval=0.1)
    now = time.monotonic()
    errors = await asyncio.gather(*(shared.since(now, within=1) for _ in range(3)), return_exceptions=True)
    assert [type(e) for e in errors] == [ConnectionError] * 3 and len(runs) == 1
    assert await shared.since(time.monotonic(), within=1)
    assert len(runs) == 2 and runs[1] - runs[0] >= 0.1  # retried after retry_interval, not min_interval


async def test_a_caller_stops_waiting_on_time_and_the_run_still_serves_the_next() -> None:
    release = asyncio.Event()

    async def refresh() -> bool:
        await release.wait()
        return True

    shared = SharedRefresh(refresh, min_interval=0, retry_interval=0)
    began = time.monotonic()
    assert not await shared.since(began, within=0.05)
    release.set()
    assert await shared.since(began, within=1)  # the same run, which began after `began`
    await shared.close()


async def test_close_cancels_the_run_under_way() -> None:
    async def refresh() -> bool:
        await asyncio.sleep(10)
        return True

    shared = SharedRefresh(refresh, min_interval=0, retry_interval=0)
    waiting = asyncio.create_task(shared.since(time.monotonic(), within=5))
    await asyncio.sleep(0.01)
    await shared.close()
    with pytest.raises(asyncio.CancelledError):
        await waiting
