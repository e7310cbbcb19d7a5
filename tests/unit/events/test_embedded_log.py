"""What only the embedded log does: writers in several processes, group leases that fail over, retention."""

import asyncio
import sys
import time
from pathlib import Path

import pytest

from somastack.config import Settings
from somastack.platform.events import BusUnavailable, EmbeddedLogBus, KafkaBus, Record, open_bus
from somastack.platform.events.bus import Delivery, Subscription

REPO = Path(__file__).resolve().parents[3]


async def drain(subscription: Subscription, within: float = 2.0) -> list[Delivery]:
    got: list[Delivery] = []
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        got.extend(await subscription.next(max_wait=0.05))
    return got


async def test_writers_in_several_processes_get_dense_offsets_and_keep_their_order(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    writers = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.unit.events.log_writer", str(path), f"w{n}", "150", cwd=REPO
        )
        for n in range(3)
    ]
    assert [await asyncio.wait_for(w.wait(), 60) for w in writers] == [0, 0, 0]
    bus = EmbeddedLogBus(path)
    subscription = await bus.subscribe("g", ["shared"])
    got = await subscription.next(max_records=1000, max_wait=1.0)
    assert [d.offset for d in got] == list(range(450))
    for n in range(3):
        assert [d.record.value for d in got if d.record.key == f"w{n}"] == [f"w{n}:{i}".encode() for i in range(150)]
    await bus.close()


async def test_a_standby_consumer_takes_over_when_the_lease_holder_stops_renewing(tmp_path: Path) -> None:
    holder_bus = EmbeddedLogBus(tmp_path / "events.db", lease_seconds=0.6)
    standby_bus = EmbeddedLogBus(tmp_path / "events.db", lease_seconds=0.6)
    await holder_bus.publish([Record("t", str(i).encode()) for i in range(5)])
    holder = await holder_bus.subscribe("g", ["t"])
    standby = await standby_bus.subscribe("g", ["t"])
    handed = await holder.next(max_wait=1.0)
    assert len(handed) == 5
    assert await standby.next(max_wait=0.2) == []  # the holder's lease is still valid
    # The holder hangs (no more polls, no commit); after its lease expires the standby resumes from the commit.
    taken = await drain(standby, within=1.2)
    assert [d.record.value for d in taken] == [str(i).encode() for i in range(5)]
    await standby.commit(taken[:3])
    await holder.commit(handed)  # too late: the lease moved, the group's offset must not move
    assert await holder.next(max_wait=0.1) == []
    assert await standby.lag() == {"t": 2}
    await holder_bus.close()
    await standby_bus.close()


async def test_closing_releases_the_lease_at_once(tmp_path: Path) -> None:
    first_bus, second_bus = EmbeddedLogBus(tmp_path / "e.db"), EmbeddedLogBus(tmp_path / "e.db")
    await first_bus.publish([Record("t", b"x")])
    first = await first_bus.subscribe("g", ["t"])
    second = await second_bus.subscribe("g", ["t"])
    assert len(await first.next(max_wait=1.0)) == 1
    await first.close()
    assert len(await second.next(max_wait=0.5)) == 1  # long before the 10 s lease would have expired
    await first_bus.close()
    await second_bus.close()


async def test_records_older_than_the_retention_are_pruned(tmp_path: Path) -> None:
    old = EmbeddedLogBus(tmp_path / "e.db")
    await old.publish([Record("t", str(i).encode()) for i in range(3)])
    await old.close()
    await asyncio.sleep(0.05)
    short = EmbeddedLogBus(tmp_path / "e.db", retention_seconds=0.01)
    await short.publish([Record("t", b"new")])
    got = await (await short.subscribe("g", ["t"])).next(max_wait=0.5)
    assert [(d.offset, d.record.value) for d in got] == [(3, b"new")]  # offsets never restart
    await short.close()


async def test_an_unusable_log_file_is_reported_as_unavailable(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    bus = EmbeddedLogBus(tmp_path / "file" / "events.db")
    with pytest.raises(BusUnavailable):
        await bus.publish([Record("t", b"x")])
    await bus.close()


def test_open_bus_picks_kafka_only_when_a_bootstrap_is_configured(tmp_path: Path) -> None:
    embedded = open_bus(Settings(home=tmp_path), client_id="test")
    assert isinstance(embedded, EmbeddedLogBus)
    assert embedded.path == tmp_path / "dev" / "events.db"
    assert isinstance(open_bus(Settings(home=tmp_path, kafka_bootstrap="127.0.0.1:1"), client_id="test"), KafkaBus)
