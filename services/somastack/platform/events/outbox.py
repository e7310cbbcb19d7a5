"""Transactional outbox: events commit with the state change that caused them; a relay publishes them in order.

Delivery to the bus is at-least-once. A row is deleted once the bus has acknowledged it, so the table
holds only the backlog. A relay that dies between the acknowledgement and the delete publishes the row
again after restart (consumers deduplicate by event id). On PostgreSQL a transaction-scoped advisory lock
lets only one relay of a domain publish at a time, so several replicas may each run one; on SQLite run one
relay per database file (a second one is safe but publishes duplicates and may interleave batches).

The relay does not spin on an empty table: a transaction that added outbox rows wakes the relays of its engine
when it commits (a SQLAlchemy `commit` listener on every engine), and polling is only the fallback, for rows
committed elsewhere (another replica, a wake-up lost to a restart).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.elements import BindParameter

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.events.bus import BusError, EventBus, Record, validate_topic
from somastack.platform.events.metrics import EventMetrics
from somastack.platform.worker import BackgroundWorker

log = logging.getLogger(__name__)

_IDLE_POLL = (0.05, 5.0)  # seconds: first and longest wait between fallback polls of an empty outbox
_LINGER = 0.005  # seconds a relay woken by a commit waits before it reads the table
#: Set on a connection whose transaction added outbox rows; its commit wakes the relay.
_ADDED = "soma.outbox.added"
_RETRY = (0.25, 5.0)  # seconds: first and longest wait after a failed batch
_BACKLOG_EVERY = 1.0  # seconds between two backlog measurements


class Outbox:
    """Adds events to the outbox table inside the caller's transaction."""

    def __init__(self, table: Table) -> None:
        self._table = table
        self._insert = table.insert()

    async def add(self, connection: AsyncConnection, topic: str, event: Event, *, key: str | None = None) -> None:
        """Queues `event` for `topic`; it is published only if the caller's transaction commits.

        Events with the same key (default: the tenant) reach consumers in the order of their outbox rows.
        """
        await self.add_all(connection, [(topic, event, key)])

    async def add_all(self, connection: AsyncConnection, events: Sequence[tuple[str, Event, str | None]]) -> None:
        """Queues each `(topic, event, key)` in order, in one statement; as `add` for each, but one round trip."""
        if not events:
            return
        now = time.time()
        await connection.execute(
            self._insert,
            [
                {
                    "topic": validate_topic(topic),
                    "key": event.tenant if key is None else key,
                    "event_id": event.id,
                    "payload": event.SerializeToString(),
                    "created_at": now,
                    "attempts": 0,
                }
                for topic, event, key in events
            ],
        )
        connection.info[_ADDED] = True


class OutboxRelay(BackgroundWorker):
    """Publishes committed outbox rows to the bus in id order, in batches, and deletes what the bus acknowledged."""

    def __init__(
        self,
        engine: AsyncEngine,
        table: Table,
        bus: EventBus,
        *,
        domain: str,
        batch_size: int = 2000,
        metrics: EventMetrics | None = None,
        linger: float = _LINGER,
    ) -> None:
        super().__init__(f"outbox-relay-{domain}")
        self._engine = engine
        #: How long a woken relay waits before it reads the table (see `_idle`).
        self._linger = linger
        self._nudged = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._bus = bus
        self._domain = domain
        self._batch_size = batch_size
        metrics = metrics or EventMetrics()
        self._published = metrics.outbox_published.labels(domain)
        self._failures = metrics.outbox_failures.labels(domain)
        self._backlog = metrics.outbox_backlog.labels(domain)
        self._oldest_age = metrics.outbox_oldest_age.labels(domain)
        self._measured_at = 0.0
        # One advisory lock per domain and schema: advisory locks are database-wide, and several meshes (or a
        # service and its tests) may share one PostgreSQL database in schemas of their own.
        self._lock_name = f"soma-outbox:{domain}:"
        self._tables = [_Statements(table, batch_size)]

    def also(self, table: Table) -> None:
        """Relays `table` too, another outbox table of the same database (the runtime's audit spool): one relay, one
        publish and one wake-up per round for all of them, instead of one relay per table."""
        if all(statements.table is not table for statements in self._tables):
            self._tables.append(_Statements(table, self._batch_size))

    @property
    def tables(self) -> tuple[Table, ...]:
        """The outbox tables this relay publishes from."""
        return tuple(statements.table for statements in self._tables)

    async def relay_once(self) -> int:
        """Publishes the oldest batch of rows of each table in one call to the bus; returns how many the bus
        acknowledged (0: nothing to do). Order holds within a table; tables carry different topics.

        Raises BusError when the bus did not acknowledge the batch; its rows stay for the next attempt.
        """
        failure: BusError | None = None
        # connect(), not begin(): a look at an empty table ends in a rollback, not a commit, so the idle relay's
        # fallback polls do not count as writes (on SQLite a commit wakes the engine's checkpoint thread).
        async with self._engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                key = func.hashtext(func.concat(self._lock_name, func.current_schema()))
                locked = await connection.scalar(select(func.pg_try_advisory_xact_lock(key)))
                if not locked:
                    return 0  # another relay of this domain is publishing
            # On SQLite these SELECTs open no transaction (pysqlite begins one before the first write only),
            # so writers are not held up while the batch is in flight.
            batches = [(statements, (await connection.execute(statements.oldest)).all()) for statements in self._tables]
            batches = [(statements, rows) for statements, rows in batches if rows]
            if not batches:
                return 0
            records = [Record(topic, payload, key) for _s, rows in batches for _id, topic, key, payload in rows]
            try:
                await self._bus.publish(records)
            except BusError as exc:
                failure = exc
            for statements, rows in batches:
                ids = {"ids": [row[0] for row in rows]}
                await connection.execute(statements.count_attempt if failure else statements.delete, ids)
            await connection.commit()
        if failure is not None:
            self._failures.inc()
            raise failure
        self._published.inc(len(records))
        return len(records)

    async def measure_backlog(self) -> tuple[int, float]:
        """Sets and returns the backlog gauges: rows waiting, and the age in seconds of the oldest one."""
        count, oldest = 0, None
        async with self._engine.connect() as connection:
            for statements in self._tables:
                rows, created = (await connection.execute(statements.backlog)).one()
                count += rows
                oldest = created if oldest is None or (created is not None and created < oldest) else oldest
        age = max(time.time() - oldest, 0.0) if oldest is not None else 0.0
        self._backlog.set(count)
        self._oldest_age.set(age)
        self._measured_at = time.monotonic()
        return count, age

    def _nudge(self) -> None:
        """A transaction of this relay's engine committed outbox rows: look at once (from any thread)."""
        if self._loop is None:
            return
        if threading.get_ident() == self._loop_thread:
            self._nudged.set()
        else:
            self._loop.call_soon_threadsafe(self._nudged.set)

    async def stop(self) -> None:
        self._nudged.set()
        await super().stop()

    async def _idle(self, seconds: float) -> None:
        """Waits for a commit that added rows, stop(), or `seconds`, whichever comes first.

        Woken by a commit, it lingers a moment first (like a Kafka producer's `linger.ms`): the call that committed
        sends its answer before the relay takes the loop, and commits close together go out in one batch.
        """
        with suppress(TimeoutError):
            await asyncio.wait_for(self._nudged.wait(), seconds)
        if self._nudged.is_set() and self._linger and not self._stopping.is_set():
            await self._pause(self._linger)
        self._nudged.clear()

    async def _run(self) -> None:
        self._loop, self._loop_thread = asyncio.get_running_loop(), threading.get_ident()
        relays = _RELAYS.setdefault(self._engine.sync_engine, set())
        relays.add(self)
        try:
            await self._relay_until_stopped()
        finally:
            relays.discard(self)
            self._loop = None

    async def _relay_until_stopped(self) -> None:
        idle, retry = _IDLE_POLL[0], _RETRY[0]
        while not self._stopping.is_set():
            try:
                sent = await self.relay_once()
            except Exception as exc:
                # An outage (bus, database) or a bug: keep trying either way, since a relay that stopped would
                # silently stop every event of the service. Only a bug gets a traceback.
                outage = isinstance(exc, BusError | SQLAlchemyError | OSError)
                log.warning("outbox relay of %s: %r; retrying in %.2fs", self._domain, exc, retry, exc_info=not outage)
                await self._measure_quietly()
                await self._pause(retry)
                retry = min(retry * 2, _RETRY[1])
                continue
            retry = _RETRY[0]
            await self._measure_quietly()
            if sent < self._batch_size and not self._stopping.is_set():  # a full batch: more may wait, go on
                idle = _IDLE_POLL[0] if sent else min(idle * 2, _IDLE_POLL[1])
                await self._idle(idle)

    async def _measure_quietly(self) -> None:
        if time.monotonic() - self._measured_at > _BACKLOG_EVERY:
            with suppress(SQLAlchemyError, OSError):
                await self.measure_backlog()


class _Statements:
    """One outbox table's statements, built once: a batch's ids go in as one expanding parameter."""

    def __init__(self, table: Table, batch_size: int) -> None:
        c = table.c
        ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
        self.table = table
        self.oldest = select(c.id, c.topic, c.key, c.payload).order_by(c.id).limit(batch_size)
        self.delete = delete(table).where(c.id.in_(ids))
        self.count_attempt = update(table).where(c.id.in_(ids)).values(attempts=c.attempts + 1)
        self.backlog = select(func.count(), func.min(c.created_at))


#: The running relays of each engine, which a commit that added outbox rows wakes.
_RELAYS: weakref.WeakKeyDictionary[Engine, set[OutboxRelay]] = weakref.WeakKeyDictionary()


@sa_event.listens_for(Engine, "commit")
def _committed(connection: Any) -> None:
    if _take_added(connection):
        for relay in list(_RELAYS.get(connection.engine, ())):
            relay._nudge()


@sa_event.listens_for(Engine, "rollback")
def _rolled_back(connection: Any) -> None:
    """A rolled-back transaction's rows are gone: its connection must not wake the relay at its next commit."""
    _take_added(connection)


def _take_added(connection: Any) -> bool:
    """Whether the transaction ending on `connection` added outbox rows (and forgets it). These listeners run for
    every transaction of the process: one ending on a connection that is already invalid (its database went away)
    has nothing to say, and must not fail its own rollback."""
    try:
        return bool(connection.info.pop(_ADDED, False))
    except SQLAlchemyError:
        return False
