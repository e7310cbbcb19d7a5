"""What only the embedded log does: writers in several processes, group leases that fail over, retention."""

import asyncio
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from somastack.config import Settings
from somastack.platform.events import BusUnavailable, EmbeddedLogBus, KafkaBus, Record, liveness, open_bus
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


async def test_a_killed_holders_lease_is_taken_at_once_and_a_live_ones_is_not(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    bus = EmbeddedLogBus(path)  # the default lease: 30 s
    await bus.publish([Record("t", str(i).encode()) for i in range(3)])
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.unit.events.lease_holder", str(path), cwd=REPO, stdout=asyncio.subprocess.PIPE
    )
    assert holder.stdout is not None
    assert await asyncio.wait_for(holder.stdout.readline(), 60) == b"held 3\n"
    standby = await bus.subscribe("g", ["t"])
    assert await standby.next(max_wait=0.3) == []  # its process lives: the lease binds
    holder.kill()
    await holder.wait()
    # As a restarted service's consumer: a new subscription finds the lease of a process that is gone.
    restarted = await bus.subscribe("g", ["t"])
    taken = await drain(restarted, within=1.0)  # long before the lease would have run out
    assert [d.record.value for d in taken] == [b"0", b"1", b"2"]  # no commit happened: from the start
    await bus.close()


def test_a_process_is_gone_only_when_it_certainly_is() -> None:
    me = liveness.process_id()
    assert me is not None and not liveness.gone(me)
    child = subprocess.run(
        [sys.executable, "-c", "from somastack.platform.events import liveness; print(liveness.process_id())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert liveness.gone(child.stdout.strip())  # exited and reaped
    machine, pid, start = me.split("/")
    assert liveness.gone(f"{machine}/{pid}/{int(start) + 1}")  # the pid now names another process
    assert not liveness.gone(f"another machine/{pid}/{start}")  # cannot tell: not gone
    assert not liveness.gone("0123abcd")  # an owner written without a process id


async def test_the_subscriptions_of_a_bus_keep_their_leases_on_one_schedule(tmp_path: Path) -> None:
    bus = EmbeddedLogBus(tmp_path / "events.db")
    every = bus.lease_seconds / 4
    bus._upkeep_phase = ((time.monotonic() + every / 2) / every) % 1.0  # the next tick half an upkeep away
    first, second = await bus.subscribe("a", ["t"]), await bus.subscribe("b", ["u"])
    await first.next(max_wait=0.01)
    await asyncio.sleep(0.05)
    await second.next(max_wait=0.01)
    # Both hold their lease and next look at SQLite at the same tick, at most a quarter of the lease from now.
    assert first._upkeep_at == second._upkeep_at <= time.monotonic() + every
    bus._upkeep_phase = 0.0  # ticks at multiples of `every`, 7.5 s
    ticks = [bus.next_upkeep(now, every) for now in (100.0, 102.5, 104.99, 105.0, 111.0)]
    assert ticks == [105.0, 105.0, 105.0, 112.5, 112.5]
    await bus.close()


async def test_closing_releases_the_lease_at_once(tmp_path: Path) -> None:
    first_bus, second_bus = EmbeddedLogBus(tmp_path / "e.db"), EmbeddedLogBus(tmp_path / "e.db")
    await first_bus.publish([Record("t", b"x")])
    first = await first_bus.subscribe("g", ["t"])
    second = await second_bus.subscribe("g", ["t"])
    assert len(await first.next(max_wait=1.0)) == 1
    await first.close()
    assert len(await second.next(max_wait=0.5)) == 1  # long before the 30 s lease would have expired
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


async def test_a_publish_wakes_only_the_consumers_of_its_topic(tmp_path: Path) -> None:
    """Idle consumers read their topics' heads; a publish to one topic makes no consumer of another query SQLite."""
    writer, reader = EmbeddedLogBus(tmp_path / "e.db"), EmbeddedLogBus(tmp_path / "e.db")  # as two processes
    quiet = await reader.subscribe("g", ["quiet"])
    busy = await reader.subscribe("h", ["busy"])
    assert await quiet.next(max_wait=0.05) == [] and await busy.next(max_wait=0.05) == []  # leases taken
    polls: list[str] = []
    for name, subscription in (("quiet", quiet), ("busy", busy)):
        # The next lease renewal falls on a grid with a random phase, possibly within this test: put it after.
        subscription._upkeep_at = time.monotonic() + 60
        original = subscription._poll

        def counted(db: Any, limit: int, name: str = name, original: Any = original) -> list[Delivery]:
            polls.append(name)
            return original(db, limit)  # type: ignore[no-any-return]

        subscription._poll = counted  # type: ignore[method-assign]
    await writer.publish([Record("busy", str(i).encode()) for i in range(3)])
    assert (writer.head("busy"), reader.head("busy"), reader.head("quiet")) == (3, 3, 0)
    got = await busy.next(max_wait=0.5)
    assert [d.record.value for d in got] == [b"0", b"1", b"2"]
    assert await quiet.next(max_wait=0.2) == []
    assert "quiet" not in polls and polls.count("busy") == 1
    await writer.close()
    await reader.close()


async def test_a_rolled_back_publish_puts_the_heads_back(tmp_path: Path) -> None:
    bus = EmbeddedLogBus(tmp_path / "e.db")
    await bus.publish([Record("t", b"a"), Record("t", b"b")])
    write_head = bus._write_head
    failed: list[str] = []

    def failing_once_on_u(topic: str, offset: int) -> None:
        if topic == "u" and not failed:
            failed.append(topic)
            raise OSError("no space left on device")
        write_head(topic, offset)

    bus._write_head = failing_once_on_u  # type: ignore[method-assign]
    # The batch writes the head of `t` (3), then fails on the head of `u`: its records roll back.
    with pytest.raises(BusUnavailable):
        await bus.publish([Record("t", b"c"), Record("u", b"x")])
    assert failed == ["u"]
    assert bus.head("t") == 2  # the committed head, not the one the failed batch wrote
    got = await (await bus.subscribe("g", ["t", "u"])).next(max_wait=0.5)
    assert sorted((d.record.topic, d.offset) for d in got) == [("t", 0), ("t", 1)]
    await bus.close()


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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
async def test_an_idle_consumer_sleeps_until_another_process_publishes(tmp_path: Path) -> None:
    """Watched heads: no poll of SQLite (nor of the heads) while nothing arrives, and a record is delivered at once."""
    writer, reader = EmbeddedLogBus(tmp_path / "e.db"), EmbeddedLogBus(tmp_path / "e.db")  # as two processes
    every = reader.lease_seconds / 4
    reader._upkeep_phase = ((time.monotonic() + every / 2) / every) % 1.0  # the next upkeep tick seconds away
    subscription = await reader.subscribe("g", ["t"])
    assert await subscription.next(max_wait=0.05) == []  # lease taken
    assert reader.watching()
    polls: list[float] = []
    original = subscription._poll

    def counted(db: Any, limit: int) -> list[Delivery]:
        polls.append(time.monotonic())
        return original(db, limit)

    subscription._poll = counted  # type: ignore[method-assign,assignment]
    heads = reader.head
    reads: list[str] = []

    def read(topic: str) -> int:
        reads.append(topic)
        return heads(topic)

    reader.head = read  # type: ignore[method-assign]
    assert await subscription.next(max_wait=1.0) == []
    # Asleep for the whole second: the heads read once going to sleep and once at the end, the lease (30 s) needs
    # no renewal yet.
    assert polls == [] and len(reads) <= 2
    waiting = asyncio.ensure_future(subscription.next(max_wait=5.0))
    await asyncio.sleep(0.1)
    published = time.monotonic()
    await writer.publish([Record("t", b"x")])
    got = await waiting
    assert [d.record.value for d in got] == [b"x"]
    assert time.monotonic() - published < 0.5
    await writer.close()
    await reader.close()
