"""The embedded event log: a durable bus in one SQLite file (WAL) shared by the local processes of `soma up`.

Each topic is one partition with dense offsets from 0. A record is durable once publish() returns
(synchronous=FULL). Writers in several processes serialize on SQLite's write lock (BEGIN IMMEDIATE with a
busy timeout). Within a consumer group, one consumer at a time reads a topic: it holds a lease on
(group, topic) that it renews while it polls; the other consumers of the group stand by and take the lease
over when it is released (close), when its holder's process is gone (a consumer on the same machine sees that at
its next poll, see `liveness`: a restarted service's consumer takes its predecessor's lease at once), or when it
expires (a holder that hangs, or runs on another machine). Records older than the retention period are pruned.

Idle consumers do not query SQLite to learn that nothing arrived. Next to the log, each topic has a head file
holding the topic's next offset (8 bytes), written by the publisher while it holds the write lock, so heads only
grow. A consumer reads the heads of its topics (one `pread` each, no thread hop) and asks SQLite only when one is
past its position, or when its leases need renewing, which also bounds how long a lost head write could hide a
record. A publish to one topic wakes only that topic's consumers, not every consumer of every process.

On Linux an idle consumer does not even read the heads on a timer: the bus watches the heads directory with inotify
and wakes the subscriptions whose topic's head file was written (a publisher in any process writes it), so an idle
process sleeps until a record arrives or a lease needs renewing. A consumer that releases its leases writes a
marker file there, which wakes the standby consumers at once. Elsewhere (or if inotify is unavailable) consumers
read the heads on a timer that backs off while nothing arrives.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import random
import sqlite3
import struct
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from somastack.platform.events import liveness
from somastack.platform.events.bus import (
    BusClosed,
    BusUnavailable,
    Delivery,
    Record,
    validate_group,
    validate_topic,
    validate_topics,
)

T = TypeVar("T")

_log = logging.getLogger(__name__)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS topics (topic TEXT PRIMARY KEY, next_offset INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS records (topic TEXT NOT NULL, position INTEGER NOT NULL, key TEXT, value BLOB NOT NULL,"
    " created_at REAL NOT NULL, PRIMARY KEY (topic, position)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS offsets (grp TEXT NOT NULL, topic TEXT NOT NULL, next_offset INTEGER NOT NULL,"
    " PRIMARY KEY (grp, topic)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS leases (grp TEXT NOT NULL, topic TEXT NOT NULL, owner TEXT NOT NULL,"
    " expires_at REAL NOT NULL, PRIMARY KEY (grp, topic)) WITHOUT ROWID",
)
_PRUNE_EVERY = 60.0
#: Longest time an idle consumer trusts the topic heads without asking SQLite (bounds a missed head write), when it
#: reads them on a timer; a watched bus asks SQLite only when a lease needs renewing (a quarter of its life).
_UPKEEP_EVERY = 0.5
_HEAD = struct.Struct("<q")
#: The file a consumer writes in the heads directory when it releases leases; not a legal topic name.
_RELEASED = "@released"
_IN_MODIFY, _IN_CREATE, _IN_Q_OVERFLOW = 0x2, 0x100, 0x4000
_INOTIFY_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then `len` bytes of NUL-padded name


class EmbeddedLogBus:
    """EventBus on a SQLite file. Every call runs on one worker thread that owns the connection."""

    def __init__(
        self,
        path: Path,
        *,
        lease_seconds: float = 30.0,
        retention_seconds: float = 7 * 86400.0,
        poll_interval: tuple[float, float] = (0.002, 0.025),
    ) -> None:
        self.path = path
        self._heads = path.with_name(path.name + ".heads")
        #: Open head files, by topic (read and written from any thread: pread/pwrite need no shared offset).
        self._head_files: dict[str, int] = {}
        self.lease_seconds = lease_seconds
        self.retention_seconds = retention_seconds
        #: Idle consumers look for changes after the first interval, doubling up to the second while nothing arrives.
        self.poll_interval = poll_interval
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="event-log")
        self._db: sqlite3.Connection | None = None
        self._pruned_at = 0.0
        self._subscriptions: set[EmbeddedSubscription] = set()
        self._closed = False
        #: The inotify descriptor watching the heads directory, and the loop it wakes; None: not (yet) watching.
        self._watch: tuple[int, asyncio.AbstractEventLoop] | None = None
        self._watch_failed = False
        #: Where this bus's upkeep ticks fall (see `next_upkeep`), a random phase so that processes do not all renew
        #: their leases at the same moment.
        self._upkeep_phase = random.random()

    def head(self, topic: str) -> int:
        """The topic's next offset as its last publisher wrote it (0 before any): one `pread`, no query."""
        data = os.pread(self._head_file(topic), _HEAD.size, 0)
        return _HEAD.unpack(data)[0] if len(data) == _HEAD.size else 0

    def next_upkeep(self, now: float, every: float) -> float:
        """The first upkeep tick after `now` (at most `every` later) on this bus's grid: the subscriptions of one
        process then poll SQLite in the same turn of the loop, one after another on the worker thread, instead of each
        waking the process on its own."""
        phase = self._upkeep_phase * every
        return phase + (math.floor((now - phase) / every) + 1) * every

    def _head_file(self, topic: str) -> int:
        fd = self._head_files.get(topic)
        if fd is None:
            self._heads.mkdir(parents=True, exist_ok=True)
            # Topic names are file-name safe (validate_topic). O_CREAT without O_TRUNC never clobbers a head.
            opened = os.open(self._heads / topic, os.O_RDWR | os.O_CREAT, 0o644)
            fd = self._head_files.setdefault(topic, opened)  # the loop and the worker thread may race to open it
            if fd != opened:
                os.close(opened)
        return fd

    def _write_head(self, topic: str, offset: int) -> None:
        os.pwrite(self._head_file(topic), _HEAD.pack(offset), 0)

    def watching(self) -> bool:
        """Whether writes of the heads wake this process's subscriptions (inotify, on the running loop)."""
        loop = asyncio.get_running_loop()
        if self._watch is not None:
            return self._watch[1] is loop
        if self._watch_failed:
            return False
        self._heads.mkdir(parents=True, exist_ok=True)
        fd = _inotify(self._heads)
        if fd is None:
            self._watch_failed = True
            return False
        loop.add_reader(fd, self._heads_written, fd)
        self._watch = (fd, loop)
        return True

    def _heads_written(self, fd: int) -> None:
        """The heads directory changed: wake the subscriptions of the topics whose head was written."""
        names: set[str] = set()
        everyone = False
        while True:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                break
            except OSError as error:  # the descriptor is broken: wake everyone, they poll on their own from now
                _log.warning("watching %s failed: %s", self._heads, error)
                self._unwatch()
                self._watch_failed = everyone = True
                break
            offset = 0
            while offset + _INOTIFY_EVENT.size <= len(data):
                _wd, mask, _cookie, length = _INOTIFY_EVENT.unpack_from(data, offset)
                offset += _INOTIFY_EVENT.size
                names.add(data[offset : offset + length].rstrip(b"\0").decode(errors="replace"))
                offset += length
                everyone = everyone or bool(mask & _IN_Q_OVERFLOW)
        everyone = everyone or _RELEASED in names
        for subscription in self._subscriptions:
            if everyone:
                subscription._upkeep_at = 0.0  # a lease may be free: ask SQLite now
                subscription._changed.set()
            elif not names.isdisjoint(subscription._topics):
                subscription._changed.set()

    def _unwatch(self) -> None:
        if self._watch is not None:
            fd, loop = self._watch
            self._watch = None
            if not loop.is_closed():
                loop.remove_reader(fd)
            os.close(fd)

    def _announce_release(self) -> None:
        """Wakes the standby consumers of every process: a lease they wait for is free."""
        self._heads.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._heads / _RELEASED, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.write(fd, b"\0")
        finally:
            os.close(fd)

    async def publish(self, records: Sequence[Record]) -> None:
        self._check_open()
        if not records:
            return
        for topic in {r.topic for r in records}:
            validate_topic(topic)
        await self.run(self._publish, records)

    async def prepare(self, topics: Sequence[str]) -> None:
        """Opens the log (the first publish would): there is nothing else to prepare on a local file."""
        for topic in topics:
            validate_topic(topic)
        await self.run(lambda _db: None)

    async def subscribe(self, group: str, topics: Sequence[str]) -> EmbeddedSubscription:
        self._check_open()
        validate_group(group)
        validate_topics(topics)
        subscription = EmbeddedSubscription(self, group, list(dict.fromkeys(topics)))
        self._subscriptions.add(subscription)
        return subscription

    async def close(self) -> None:
        if self._closed:
            return
        for subscription in list(self._subscriptions):
            await subscription.close()
        self._closed = True
        self._unwatch()
        await asyncio.get_running_loop().run_in_executor(self._executor, self._close_db)
        self._executor.shutdown(wait=False)
        for fd in self._head_files.values():
            os.close(fd)
        self._head_files.clear()

    def _check_open(self) -> None:
        if self._closed:
            raise BusClosed("the bus is closed")

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Runs `fn(connection, *args)` on the worker thread; SQLite failures become BusUnavailable."""
        self._check_open()

        def call() -> T:
            try:
                return fn(self._connection(), *args)
            except (sqlite3.Error, OSError) as exc:
                raise BusUnavailable(f"event log {self.path}: {exc}") from exc

        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    # -- on the worker thread ------------------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("PRAGMA journal_mode=WAL")
            # FULL: an acknowledged record survives a power cut, not only a process crash.
            db.execute("PRAGMA synchronous=FULL")
            # A writer that starts the log over cuts the file back to 1 MB (SQLite otherwise keeps its largest size).
            db.execute("PRAGMA journal_size_limit=1048576")
            write(db, lambda: [db.execute(statement) for statement in _SCHEMA])
            self._db = db
        return self._db

    def _close_db(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _publish(self, db: sqlite3.Connection, records: Sequence[Record]) -> None:
        now = time.time()
        by_topic: dict[str, list[Record]] = {}
        for r in records:
            by_topic.setdefault(r.topic, []).append(r)

        def append() -> None:
            for topic, batch in by_topic.items():
                db.execute("INSERT OR IGNORE INTO topics (topic, next_offset) VALUES (?, 0)", (topic,))
                (start,) = db.execute("SELECT next_offset FROM topics WHERE topic = ?", (topic,)).fetchone()
                db.executemany(
                    "INSERT INTO records (topic, position, key, value, created_at) VALUES (?, ?, ?, ?, ?)",
                    [(topic, start + i, r.key, r.value, now) for i, r in enumerate(batch)],
                )
                db.execute("UPDATE topics SET next_offset = ? WHERE topic = ?", (start + len(batch), topic))
                heads.append((topic, start + len(batch)))
            if now - self._pruned_at > _PRUNE_EVERY:
                self._pruned_at = now
                db.execute("DELETE FROM records WHERE created_at < ?", (now - self.retention_seconds,))
            # Under the write lock, so each head only grows. Before COMMIT: a consumer that sees a head first and
            # polls too early finds nothing yet and looks again, while one that sees it after always finds it.
            for topic, head in heads:
                self._write_head(topic, head)
                written.append(topic)

        heads: list[tuple[str, int]] = []
        written: list[str] = []
        try:
            write(db, append)
        except BaseException:
            if written:
                # Rolled back after writing heads past its records: put the committed heads back.
                write(db, lambda: self._restore_heads(db, written))
            raise

    def _restore_heads(self, db: sqlite3.Connection, topics: list[str]) -> None:
        for topic in topics:
            row = db.execute("SELECT next_offset FROM topics WHERE topic = ?", (topic,)).fetchone()
            self._write_head(topic, row[0] if row else 0)


def _inotify(directory: Path) -> int | None:
    """A non-blocking inotify descriptor reporting writes and new files in `directory`; None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: only a bus with consumers needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = int(libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC))
        if fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if libc.inotify_add_watch(fd, os.fsencode(directory), _IN_MODIFY | _IN_CREATE) < 0:
            error = ctypes.get_errno()
            os.close(fd)
            raise OSError(error, "inotify_add_watch")
    except (OSError, AttributeError) as error:
        _log.info("no inotify on %s (%s): idle consumers read the topic heads on a timer", directory, error)
        return None
    return fd


def write(db: sqlite3.Connection, body: Callable[[], T]) -> T:
    """Runs `body` in a write transaction taken up front, so concurrent writers wait instead of deadlocking."""
    db.execute("BEGIN IMMEDIATE")
    try:
        result = body()
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return result


class EmbeddedSubscription:
    """One consumer of a group on the embedded log: reads the topics whose (group, topic) lease it holds."""

    def __init__(self, bus: EmbeddedLogBus, group: str, topics: list[str]) -> None:
        self._bus = bus
        self._group = group
        self._topics = topics
        # `<random>@<process>`: a consumer of this machine whose lease holder's process is gone takes it at once.
        process = liveness.process_id()
        self._owner = uuid.uuid4().hex + (f"@{process}" if process else "")
        self._held: dict[str, float] = {}  # topic -> when our lease expires (as we last wrote it)
        self._position: dict[str, int] = {}  # topic -> next offset to hand out
        self._epoch: dict[str, int] = {}  # topic -> how many times we acquired its lease
        self._turn = 0
        self._closed = False
        # When the leases need a poll anyway (a lease is renewed after a third of its life).
        self._upkeep_at = 0.0
        #: Set when the head of one of our topics was written, or a lease released (see EmbeddedLogBus.watching).
        self._changed = asyncio.Event()

    async def next(self, max_records: int = 500, max_wait: float = 1.0) -> list[Delivery]:
        deadline = time.monotonic() + max_wait
        delay, longest = self._bus.poll_interval
        watched = self._bus.watching()
        while True:
            self._check_open()
            # Cleared before the heads are read: a write after this point sets it again, so none is missed.
            self._changed.clear()
            now = time.monotonic()
            behind = self._behind()
            # No topic we read has grown past our position, and the leases are fresh: no need to ask SQLite.
            if now >= self._upkeep_at or behind:
                deliveries = await self._bus.run(self._poll, max_records)
                self._upkeep_at = self._bus.next_upkeep(now, self._upkeep_every(watched))
                if deliveries:
                    return deliveries
                behind = self._behind()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            if watched and not behind:
                # Asleep until a head of ours is written, a lease is released, or the leases need renewing.
                wait = min(remaining, max(self._upkeep_at - time.monotonic(), 0.0))
                await _until_set(self._changed, wait)
                delay = self._bus.poll_interval[0]
            else:
                # Polling the heads, or a head is past its records: they are being committed, look again soon.
                await asyncio.sleep(min(delay, remaining))
                delay = min(delay * 2, longest)

    def _upkeep_every(self, watched: bool) -> float:
        lease = self._bus.lease_seconds
        # Renewed once a third of a lease has passed (see _refresh_lease): look a little earlier than that.
        return lease / 4 if watched else min(lease / 6, _UPKEEP_EVERY)

    def _behind(self) -> bool:
        """Whether a topic whose lease we hold has records we have not handed out (read between two polls)."""
        return any(self._bus.head(topic) > self._position[topic] for topic in self._held)

    async def commit(self, deliveries: Sequence[Delivery]) -> None:
        self._check_open()
        latest: dict[str, int] = {}
        for d in deliveries:
            if d.epoch == self._epoch.get(d.record.topic):
                latest[d.record.topic] = max(latest.get(d.record.topic, -1), d.offset)
        if latest:
            await self._bus.run(self._commit, latest)

    async def lag(self) -> dict[str, int]:
        self._check_open()
        return await self._bus.run(self._lag)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._bus._subscriptions.discard(self)
        if self._held:
            # Release at once so that a standby consumer of the group takes over without waiting for expiry.
            await self._bus.run(self._release)

    def _check_open(self) -> None:
        if self._closed:
            raise BusClosed("the subscription is closed")

    # -- on the bus's worker thread ------------------------------------------------------------------------------

    def _poll(self, db: sqlite3.Connection, max_records: int) -> list[Delivery]:
        now = time.time()
        for topic in self._topics:
            self._refresh_lease(db, topic, now)
        deliveries: list[Delivery] = []
        # Start from another topic each time so that a busy topic does not starve the others.
        self._turn = (self._turn + 1) % len(self._topics)
        for topic in self._topics[self._turn :] + self._topics[: self._turn]:
            if topic not in self._held or len(deliveries) >= max_records:
                continue
            rows = db.execute(
                "SELECT position, key, value FROM records WHERE topic = ? AND position >= ? ORDER BY position LIMIT ?",
                (topic, self._position[topic], max_records - len(deliveries)),
            ).fetchall()
            epoch = self._epoch[topic]
            deliveries.extend(Delivery(Record(topic, value, key), 0, position, epoch) for position, key, value in rows)
            if rows:
                self._position[topic] = rows[-1][0] + 1
        return deliveries

    def _refresh_lease(self, db: sqlite3.Connection, topic: str, now: float) -> None:
        expires = self._held.get(topic)
        if expires is not None and expires - now > self._bus.lease_seconds * 2 / 3:
            return  # renewed recently enough
        query = "SELECT owner, expires_at FROM leases WHERE grp = ? AND topic = ?"
        row = db.execute(query, (self._group, topic)).fetchone()
        if self._held_by_another(row, now):
            self._held.pop(topic, None)  # another consumer of the group holds it: stand by
            return

        def take() -> str:
            # Checked again under the write lock: another consumer may have taken it since the read above.
            row = db.execute(query, (self._group, topic)).fetchone()
            if self._held_by_another(row, now):
                return "lost"
            db.execute(
                "INSERT INTO leases (grp, topic, owner, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (grp, topic)"
                " DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at",
                (self._group, topic, self._owner, now + self._bus.lease_seconds),
            )
            return "kept" if row is not None and row[0] == self._owner and topic in self._held else "fresh"

        outcome = write(db, take)
        if outcome == "lost":
            self._held.pop(topic, None)
            return
        if outcome == "fresh":
            # Nobody else read since our last poll only if we kept it; otherwise resume from the group's commit.
            committed = db.execute(
                "SELECT next_offset FROM offsets WHERE grp = ? AND topic = ?", (self._group, topic)
            ).fetchone()
            self._position[topic] = committed[0] if committed else 0
            self._epoch[topic] = self._epoch.get(topic, 0) + 1
        self._held[topic] = now + self._bus.lease_seconds

    def _held_by_another(self, row: tuple[str, float] | None, now: float) -> bool:
        """Whether a lease row is another consumer's and still binds us: not expired, and its process not gone."""
        if row is None or row[0] == self._owner or row[1] <= now:
            return False
        process = row[0].partition("@")[2]
        return not (process and liveness.gone(process))

    def _commit(self, db: sqlite3.Connection, latest: dict[str, int]) -> None:
        def save() -> None:
            for topic, offset in latest.items():
                # A consumer whose lease went to another never moves the group's offset.
                db.execute(
                    "INSERT INTO offsets (grp, topic, next_offset) SELECT ?, ?, ? WHERE EXISTS"
                    " (SELECT 1 FROM leases WHERE grp = ? AND topic = ? AND owner = ?)"
                    " ON CONFLICT (grp, topic) DO UPDATE SET next_offset = max(next_offset, excluded.next_offset)",
                    (self._group, topic, offset + 1, self._group, topic, self._owner),
                )

        write(db, save)

    def _lag(self, db: sqlite3.Connection) -> dict[str, int]:
        marks = ",".join("?" * len(self._topics))
        heads = dict(db.execute(f"SELECT topic, next_offset FROM topics WHERE topic IN ({marks})", self._topics))
        committed = dict(
            db.execute(
                f"SELECT topic, next_offset FROM offsets WHERE grp = ? AND topic IN ({marks})",
                (self._group, *self._topics),
            )
        )
        return {t: max(heads.get(t, 0) - committed.get(t, 0), 0) for t in self._topics if t in self._held}

    def _release(self, db: sqlite3.Connection) -> None:
        write(db, lambda: db.execute("DELETE FROM leases WHERE grp = ? AND owner = ?", (self._group, self._owner)))
        self._held.clear()
        self._bus._announce_release()


async def _until_set(event: asyncio.Event, seconds: float) -> None:
    """Waits until `event` is set or `seconds` pass.

    Not `asyncio.wait_for(event.wait(), timeout)`: on Python 3.11 that swallows a cancellation of the caller that
    arrives as the event is set, and a subscription's `next` cancelled by its consumer's stop() then sleeps on for
    the rest of its `max_wait` (up to 30 s for the revocation feed), holding the process's shutdown.
    """
    waiter = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait((waiter,), timeout=seconds)
    finally:
        waiter.cancel()
