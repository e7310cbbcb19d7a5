"""Event consumers: at-least-once delivery + an inbox table => effectively-once handling, and a dead-letter topic.

The handler's state change and the inbox row of the event commit in one transaction, so a redelivered
event is skipped, and a handler that fails leaves no trace but its attempt count. The count lives in the
inbox too (status `failing`), so it survives restarts: after `max_attempts` failures the record goes to
`<topic>.dlq` and the event is marked `dead`. Records that are not an Event, or have no id, are
dead-lettered at once. Events are handled a batch per transaction; a failing handler sends its batch
back to one event per transaction, so a handler may run more than once, but only one run commits.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from typing import Any

from google.protobuf.message import DecodeError
from prometheus_client import Counter
from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.elements import BindParameter

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.db import DIALECTS, dialect_insert
from somastack.platform.events.bus import (
    BusClosed,
    BusError,
    Delivery,
    EventBus,
    Record,
    Subscription,
    validate_group,
    validate_topic,
)
from somastack.platform.events.metrics import EventMetrics
from somastack.platform.worker import BackgroundWorker

log = logging.getLogger(__name__)

Handler = Callable[[Event, AsyncConnection], Awaitable[None]]

HANDLED, FAILING, DEAD = "handled", "failing", "dead"
_RETRY = (0.1, 5.0)  # seconds: first and longest wait before retrying a failed handler or an unreachable store
_LAG_EVERY = 1.0  # seconds between two lag measurements while events arrive
_LAG_IDLE_EVERY = 30.0  # ... and while none do (an idle consumer's lag only changes when records arrive)
#: Longest wait for records in one call to the bus; stop() does not wait for it. An idle consumer has nothing to do
#: before its next lag measurement.
_WAIT = _LAG_IDLE_EVERY
_PRUNE_EVERY = 3600.0


class EventConsumer(BackgroundWorker):
    """Consumes `topics` as consumer group `group` and hands each new event to `handler` inside a transaction."""

    def __init__(
        self,
        bus: EventBus,
        *,
        group: str,
        topics: Sequence[str],
        handler: Handler,
        engine: AsyncEngine,
        inbox: Table,
        domain: str,
        max_attempts: int = 5,
        metrics: EventMetrics | None = None,
        batch_size: int = 100,
        inbox_retention: float = 7 * 86400.0,
        accepts: Callable[[Event], bool] | None = None,
        linger: float = 0.0,
    ) -> None:
        super().__init__(f"event-consumer-{group}")
        self._bus = bus
        self._group = validate_group(group)
        for topic in topics:
            validate_topic(f"{validate_topic(topic)}.dlq")  # where its dead letters go must be legal too
        self._topics = list(topics)
        self._handler = handler
        self._engine = engine
        self._inbox = inbox
        self._domain = domain
        self._max_attempts = max_attempts
        self._batch_size = batch_size
        #: Inbox rows older than this are pruned: it must exceed how long the bus may redeliver a record.
        self._inbox_retention = inbox_retention
        self._metrics = metrics or EventMetrics()
        #: Which events the handler acts on; the others are committed without a transaction or an inbox row (a
        #: topic may carry many events a consumer ignores, like the steps of a session).
        self._accepts = accepts
        #: Seconds to wait after a batch that was not full before fetching the next: records gather meanwhile, and
        #: go in one transaction (for consumers whose readers can wait, like the audit chain).
        self._linger = linger
        self._lag_at = 0.0
        self._lag_stale = True
        self._pruned_at = time.monotonic()
        #: The statement claiming an event for the group, by dialect: built once, since it runs for every event.
        self._claims = {dialect: self._claim(dialect) for dialect in DIALECTS}

    async def _run(self) -> None:
        subscription: Subscription | None = None
        retry = _RETRY[0]
        stopped = asyncio.ensure_future(self._stopping.wait())
        try:
            while not self._stopping.is_set():
                try:
                    if subscription is None:
                        subscription = await self._bus.subscribe(self._group, self._topics)
                    batch = await self._next(subscription, stopped)
                    if batch is None:
                        return  # stopping: what the bus handed out uncommitted comes again
                    await self._consume(subscription, batch)
                    retry = _RETRY[0]
                    if self._linger and 0 < len(batch) < self._batch_size:
                        await self._pause(self._linger)
                except BusClosed:
                    log.info("consumer %s: the bus was closed", self._group)
                    return
                except Exception as exc:
                    # An outage (bus, database) or a bug: keep trying either way; only a bug gets a traceback.
                    outage = isinstance(exc, BusError | SQLAlchemyError | OSError)
                    log.warning("consumer %s: %r; retrying in %.2fs", self._group, exc, retry, exc_info=not outage)
                    # The subscription has moved past records it handed out but we did not commit: rejoin so
                    # that they come again.
                    if subscription is not None:
                        with suppress(BusError):
                            await subscription.close()
                        subscription = None
                    await self._pause(retry)
                    retry = min(retry * 2, _RETRY[1])
        finally:
            stopped.cancel()
            if subscription is not None:
                with suppress(BusError):
                    await subscription.close()

    async def _next(self, subscription: Subscription, stopped: asyncio.Future[Any]) -> list[Delivery] | None:
        """The next batch (maybe empty after `_WAIT` seconds), or None if stop() was called while waiting for it.

        An idle consumer thus wakes once per `_WAIT` (or when records arrive), yet stops at once.
        """
        # After a batch whose lag is not measured yet, come back within a second to measure it.
        wait = _LAG_EVERY if self._lag_stale else _WAIT
        fetch = asyncio.ensure_future(subscription.next(self._batch_size, max_wait=wait))
        await asyncio.wait((fetch, stopped), return_when=asyncio.FIRST_COMPLETED)
        if fetch.done():
            return fetch.result()
        fetch.cancel()
        with suppress(asyncio.CancelledError, BusError):
            await fetch
        return None

    async def _consume(self, subscription: Subscription, batch: Sequence[Delivery]) -> None:
        done = 0
        while done < len(batch):
            handled, failure = await self._handle_run(batch[done:])
            done += handled
            if done < len(batch) and (failure is not None or not handled):
                # Not an event, or its handler failed: settle it on its own (retries, then the DLQ).
                if not await self._process(batch[done], failure):
                    break  # stopping: the rest is delivered again
                done += 1
        if done:
            await subscription.commit(batch[:done])
        now = time.monotonic()
        self._lag_stale = self._lag_stale or bool(batch)
        if now - self._lag_at > (_LAG_EVERY if self._lag_stale else _LAG_IDLE_EVERY):
            self._lag_at, self._lag_stale = now, False
            for topic, lag in (await subscription.lag()).items():
                self._metrics.consumer_lag.labels(self._domain, self._group, topic).set(lag)
        if now - self._pruned_at > _PRUNE_EVERY:
            self._pruned_at = now
            await self._prune()

    async def _handle_run(self, deliveries: Sequence[Delivery]) -> tuple[int, Exception | None]:
        """Handles deliveries in one transaction (one commit for many events) up to the first that is not an
        event or whose handler fails; returns how many were committed, and the exception of the next one's handler
        if it failed.

        The events before a failing one are handled again in a new transaction: a handler may run more than once
        for an event, but only the run whose transaction commits leaves a trace.
        """
        events: list[Event] = []
        for delivery in deliveries:
            event = _decode(delivery)
            if event is None:
                break
            events.append(event)
        if not events:
            return 0, None
        # Asked once per event: a predicate may decode the payload.
        wanted = [self._wants(event) for event in events]
        if not any(wanted):
            for delivery in deliveries[: len(events)]:
                self._metrics.ignored.labels(self._domain, self._group, delivery.record.topic).inc()
            return len(events), None
        outcomes: list[bool] = []
        failure: Exception | None = None
        try:
            async with self._engine.begin() as connection:
                for event, accepted in zip(events, wanted, strict=True):
                    try:
                        # An event the handler does not act on needs no inbox row: nothing to remember.
                        outcomes.append(await self._claim_and_handle(connection, event) if accepted else True)
                    except Exception as exc:
                        failure = exc
                        raise
        except Exception as exc:
            if failure is None:
                log.debug("consumer %s: a batch failed to commit: %r", self._group, exc)
                return 0, None  # the commit failed: the caller handles the first event alone
            if not outcomes:
                return 0, failure
            handled, again = await self._handle_run(deliveries[: len(outcomes)])
            # Normally the whole prefix commits now and the failing event comes right after it.
            return (handled, failure) if handled == len(outcomes) else (handled, again)
        for delivery, accepted, claimed in zip(deliveries, wanted, outcomes, strict=False):
            self._count(accepted, claimed).labels(self._domain, self._group, delivery.record.topic).inc()
        return len(outcomes), None

    def _wants(self, event: Event) -> bool:
        return self._accepts is None or self._accepts(event)

    def _count(self, accepted: bool, claimed: bool) -> Counter:
        """The counter a settled event goes to: ignored (not accepted), handled, or a duplicate."""
        if not accepted:
            return self._metrics.ignored
        return self._metrics.handled if claimed else self._metrics.duplicates

    async def _process(self, delivery: Delivery, failure: Exception | None = None) -> bool:
        """Settles one delivery (handled, duplicate or dead-lettered); False if stopped before.

        `failure` is the exception its handler just raised, counted as the first attempt here.
        """
        topic = delivery.record.topic
        event = _decode(delivery)
        if event is None:
            log.warning(
                "consumer %s: record %s/%d@%d is not an event", self._group, topic, delivery.partition, delivery.offset
            )
            await self._dead_letter(delivery, None)
            return True
        if not self._wants(event):
            self._count(False, False).labels(self._domain, self._group, topic).inc()
            return True
        delay = _RETRY[0]
        while True:
            if failure is None:
                try:
                    async with self._engine.begin() as connection:
                        claimed = await self._claim_and_handle(connection, event)
                except Exception as exc:
                    failure = exc
                else:
                    self._count(True, claimed).labels(self._domain, self._group, topic).inc()
                    return True
            self._metrics.handler_failures.labels(self._domain, self._group, topic).inc()
            attempts = await self._record_failure(event.id)
            log.warning(
                "consumer %s: event %s (%s) failed, attempt %s of %d: %r",
                self._group,
                event.id,
                event.type,
                attempts,
                self._max_attempts,
                failure,
            )
            failure = None
            if attempts is None:
                return True  # settled meanwhile by another consumer
            if attempts >= self._max_attempts:
                await self._dead_letter(delivery, event)
                return True
            if not await self._pause(delay):
                return False
            delay = min(delay * 2, _RETRY[1])

    def _claim(self, dialect: str) -> postgresql.Insert | sqlite.Insert:
        c = self._inbox.c
        now: BindParameter[float] = bindparam("claimed_at")
        claim = dialect_insert(dialect, self._inbox).values(
            consumer_group=self._group, event_id=bindparam("claimed_id"), status=HANDLED, attempts=0, updated_at=now
        )
        # A row that is `handled` or `dead` means the event is settled; `failing` ones are retried.
        return claim.on_conflict_do_update(
            index_elements=[c.consumer_group, c.event_id],
            set_={"status": HANDLED, "updated_at": now},
            where=c.status == FAILING,
        )

    async def _claim_and_handle(self, connection: AsyncConnection, event: Event) -> bool:
        claim = self._claims[connection.dialect.name]
        claimed = await connection.execute(claim, {"claimed_id": event.id, "claimed_at": time.time()})
        if claimed.rowcount != 1:
            return False
        await self._handler(event, connection)
        return True

    async def _record_failure(self, event_id: str) -> int | None:
        """Counts a failed attempt; returns the attempts so far, or None if the event got settled meanwhile."""
        c = self._inbox.c
        async with self._engine.begin() as connection:
            failed = dialect_insert(connection.dialect.name, self._inbox).values(
                consumer_group=self._group, event_id=event_id, status=FAILING, attempts=1, updated_at=time.time()
            )
            failed = failed.on_conflict_do_update(
                index_elements=[c.consumer_group, c.event_id],
                set_={"attempts": c.attempts + 1, "updated_at": time.time()},
                where=c.status == FAILING,
            )
            await connection.execute(failed)
            query = select(c.status, c.attempts).where(c.consumer_group == self._group, c.event_id == event_id)
            status, attempts = (await connection.execute(query)).one()
        return int(attempts) if status == FAILING else None

    async def _dead_letter(self, delivery: Delivery, event: Event | None) -> None:
        record = delivery.record
        await self._bus.publish([Record(f"{record.topic}.dlq", record.value, record.key)])
        if event is not None:
            c = self._inbox.c
            async with self._engine.begin() as connection:
                dead = dialect_insert(connection.dialect.name, self._inbox).values(
                    consumer_group=self._group, event_id=event.id, status=DEAD, attempts=0, updated_at=time.time()
                )
                dead = dead.on_conflict_do_update(
                    index_elements=[c.consumer_group, c.event_id],
                    set_={"status": DEAD, "updated_at": time.time()},
                    where=c.status == FAILING,
                )
                await connection.execute(dead)
        self._metrics.dead_lettered.labels(self._domain, self._group, record.topic).inc()
        log.error(
            "consumer %s: dead-lettered %s/%d@%d to %s.dlq",
            self._group,
            record.topic,
            delivery.partition,
            delivery.offset,
            record.topic,
        )

    async def _prune(self) -> None:
        c = self._inbox.c
        async with self._engine.begin() as connection:
            await connection.execute(
                delete(self._inbox).where(
                    c.consumer_group == self._group,
                    c.status != FAILING,
                    c.updated_at < time.time() - self._inbox_retention,
                )
            )


def _decode(delivery: Delivery) -> Event | None:
    """The event a record holds; None if it is not an Event with an id."""
    try:
        event = Event.FromString(delivery.record.value)
    except DecodeError:
        return None
    return event if event.id else None
