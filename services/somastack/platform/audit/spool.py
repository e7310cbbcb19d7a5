"""The audit spool: a service's audit records, queued in memory and written in batches to its own database.

Recording a call must not slow its answer down, so the runtime hands each record to `AuditSpool.offer` (a deque
append) and this worker writes what has gathered in one INSERT per batch, into the `audit_outbox` table of the
service's own database. From there an outbox relay publishes them on `audit.records`: once a record's row has
committed it survives any crash and outage, and reaches the audit service at least once.

The failure window (docs/audit.md): a record lives only in memory from the end of its call until its batch commits,
normally well under a millisecond on SQLite and one round trip on PostgreSQL. A process killed in that window (SIGKILL,
OOM, power) loses those records; a drain (SIGTERM) writes them first. While the database is away records wait in
memory, retried with backoff, up to `capacity`; beyond it new records are dropped and counted
(`soma_audit_dropped_total`), and the drop is logged.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from contextlib import suppress

from prometheus_client import CollectorRegistry, Counter, Gauge
from sqlalchemy import MetaData, Table
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.events.outbox import Outbox
from somastack.platform.events.tables import outbox_columns
from somastack.platform.worker import BackgroundWorker

log = logging.getLogger(__name__)

SPOOL = "audit_outbox"
#: The spool's tables, for its migration history (somastack.platform.migrations.AUDIT_SPOOL).
metadata = MetaData()
#: Rows wait here, in id order, until the relay has published them (an outbox table of its own, so that audit
#: records neither delay nor depend on a service's domain events).
spool_table = Table(SPOOL, metadata, *outbox_columns(), sqlite_autoincrement=True)

#: Records that may wait in memory for the database; later ones are dropped (and counted) until it is back.
CAPACITY = 50_000
#: Records written by one INSERT.
BATCH = 500
_RETRY = (0.1, 5.0)  # seconds: first and longest wait after a failed write
#: Seconds a stopping spool keeps trying to write what it holds before it gives the rest up (logged).
FLUSH_ON_STOP = 5.0


class SpoolMetrics:
    """The spool's metrics, in the service's registry."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.waiting = Gauge(
            "soma_audit_waiting", "Audit records in memory, not yet written to the spool table.", registry=self.registry
        )
        self.written = Counter(
            "soma_audit_written", "Audit records committed to the spool table.", registry=self.registry
        )
        self.dropped = Counter(
            "soma_audit_dropped",
            "Audit records lost: memory full while the database was away, or at exit.",
            registry=self.registry,
        )
        self.failures = Counter(
            "soma_audit_write_failures", "Batches the database refused (retried).", registry=self.registry
        )


class AuditSpool(BackgroundWorker):
    """Writes offered audit events to the spool table in batches, from one background task."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        topic: str,
        domain: str,
        capacity: int = CAPACITY,
        metrics: SpoolMetrics | None = None,
    ) -> None:
        super().__init__(f"audit-spool-{domain}")
        self._engine = engine
        self._outbox = Outbox(spool_table)
        self._topic = topic
        self._domain = domain
        self._capacity = capacity
        self._queue: collections.deque[Event] = collections.deque()
        self._wake = asyncio.Event()
        self._metrics = metrics or SpoolMetrics()
        self._dropped_since_log = 0

    def offer(self, event: Event) -> None:
        """Queues an audit event for the next batch; never blocks, never raises."""
        if len(self._queue) >= self._capacity:
            self._metrics.dropped.inc()
            self._dropped_since_log += 1
            return
        self._queue.append(event)
        self._wake.set()

    @property
    def waiting(self) -> int:
        return len(self._queue)

    async def stop(self) -> None:
        self._wake.set()
        await super().stop()

    async def write_batch(self) -> int:
        """Writes the oldest queued records (up to BATCH) in one transaction; returns how many.

        On failure they go back to the head of the queue, in order, and the error propagates.
        """
        batch = [self._queue.popleft() for _ in range(min(len(self._queue), BATCH))]
        if not batch:
            return 0
        try:
            async with self._engine.begin() as connection:
                await self._outbox.add_all(connection, [(self._topic, event, None) for event in batch])
        except BaseException:
            self._queue.extendleft(reversed(batch))
            raise
        self._metrics.written.inc(len(batch))
        return len(batch)

    async def _run(self) -> None:
        retry = _RETRY[0]
        deadline: float | None = None
        while True:
            self._metrics.waiting.set(len(self._queue))
            self._report_drops()
            if self._stopping.is_set() and deadline is None:
                deadline = time.monotonic() + FLUSH_ON_STOP
            if not self._queue:
                if deadline is not None:
                    return
                await self._wake.wait()
                self._wake.clear()
                continue
            try:
                await self.write_batch()
                retry = _RETRY[0]
            except Exception as exc:
                # An outage (the database) or a bug: keep trying either way; only a bug gets a traceback.
                self._metrics.failures.inc()
                log.warning(
                    "audit spool of %s: %r; %d records wait, retrying in %.2fs",
                    self._domain,
                    exc,
                    len(self._queue),
                    retry,
                    exc_info=not isinstance(exc, SQLAlchemyError | OSError),
                )
                if deadline is not None and time.monotonic() + retry > deadline:
                    self._give_up()
                    return
                await self._sleep(retry, deadline)
                retry = min(retry * 2, _RETRY[1])

    async def _sleep(self, seconds: float, deadline: float | None) -> None:
        """Waits before a retry; a stop() meanwhile cuts the wait short only the first time (the flush starts)."""
        if deadline is not None:
            await asyncio.sleep(seconds)
            return
        with suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    def _give_up(self) -> None:
        lost = len(self._queue)
        self._queue.clear()
        self._metrics.dropped.inc(lost)
        log.error("audit spool of %s: the database stayed away; %d audit records are lost", self._domain, lost)

    def _report_drops(self) -> None:
        if self._dropped_since_log:
            log.error(
                "audit spool of %s: %d audit records dropped, %d waiting for the database",
                self._domain,
                self._dropped_since_log,
                len(self._queue),
            )
            self._dropped_since_log = 0
