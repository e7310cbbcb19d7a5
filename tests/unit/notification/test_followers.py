"""Subscribe streams between deliveries: idle, they read nothing; one shared read per interval serves them all, and
a delivery another replica made reaches only its user's streams."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from somastack.notification.adapters.sql_store import SqlNotificationStore
from somastack.notification.model import Notification
from somastack.notification.service import Notifier
from somastack.runtime.context import bind, unbind
from tests.unit.notification import test_service
from tests.unit.notification.test_service import World, as_user, requested

#: The store fixture of the notification use cases (SQLite and PostgreSQL).
world = test_service.world

POLL = 0.05
USERS = [f"tenants/acme/users/u{i}" for i in range(10)]


class CountingStore(SqlNotificationStore):
    """The real store, counting the reads the streams make."""

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        self.reads: Counter[str] = Counter()

    async def delivered(self, tenant: str, user: str, *, since: float | None, limit: int) -> list[Notification]:
        self.reads["delivered"] += 1
        return await super().delivered(tenant, user, since=since, limit=limit)

    async def recently_delivered(self, keys: Sequence[tuple[str, str]], since: float) -> list[tuple[str, str, str]]:
        self.reads["recently_delivered"] += 1
        return await super().recently_delivered(keys, since)


async def _subscribe(notifier: Notifier, user: str, into: list[str]) -> None:
    token = bind(as_user(user))
    try:
        async for notification in notifier.subscribe(user):
            into.append(notification.title)
    finally:
        unbind(token)


async def test_idle_subscribers_share_one_read_and_see_another_replicas_delivery(world: World) -> None:
    store = CountingStore(world.store._engine)
    clock = lambda: world.now[0]  # noqa: E731
    here = Notifier(store, clock=clock, subscribe_poll=POLL)
    other = Notifier(world.store, clock=clock, subscribe_poll=POLL)
    got: dict[str, list[str]] = {user: [] for user in USERS}
    streams = [asyncio.create_task(_subscribe(here, user, got[user])) for user in USERS for _ in range(3)]
    await asyncio.sleep(0.3)

    store.reads.clear()
    await asyncio.sleep(10 * POLL)
    assert store.reads["delivered"] == 0, store.reads
    # At most once per interval (a loaded machine may run it less often, never more).
    assert 1 <= store.reads["recently_delivered"] <= 11, store.reads

    # Another replica delivers to u3: its three streams read and get it within the interval; nobody else reads.
    started = time.monotonic()
    async with world.store.transaction() as connection:
        await other.on_requested(requested("elsewhere", recipient=USERS[3]), connection)
    for _ in range(200):
        if got[USERS[3]] == ["elsewhere"] * 3:
            break
        await asyncio.sleep(0.01)
    assert got[USERS[3]] == ["elsewhere"] * 3
    assert time.monotonic() - started < POLL + 1.5  # the interval, plus room for a loaded machine
    assert all(not titles for user, titles in got.items() if user != USERS[3])
    await asyncio.sleep(3 * POLL)
    assert store.reads["delivered"] == 3, store.reads  # once per stream, not again at later reads

    # A delivery made here wakes the user's streams without the shared read.
    async with world.store.transaction() as connection:
        await here.on_requested(requested("here", recipient=USERS[5]), connection)
    await asyncio.sleep(0.2)
    assert got[USERS[5]] == ["here"] * 3
    for stream in streams:
        stream.cancel()
    await asyncio.gather(*streams, return_exceptions=True)
    await here.close()
