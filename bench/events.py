"""What the transactional outbox costs: relay throughput next to a bare Kafka producer, and end-to-end latency.

Run from the repo root with the project's venv:

    .venv/bin/python bench/events.py            # 100k rows of 1 KiB; 5 s of latency samples per engine
    .venv/bin/python bench/events.py --quick    # a short smoke run

One Tansu broker (Kafka protocol, memory storage) serves both sides of the comparison, in the same run:
(a) a bare producer: idempotent, acks=all, 1 KiB values, one flush at the end; (b) the outbox relay: the same
number of 1 KiB events committed to a SQLite outbox beforehand, relayed by OutboxRelay through KafkaBus (read a
batch, publish, wait for every ack, delete the batch). Target: relay >= 25% of bare. Latency is measured from
the commit of Outbox.add to the consumer's handler, at a steady rate, through Kafka and through the embedded log.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import confluent_kafka
from confluent_kafka import KafkaError, Message, Producer
from confluent_kafka.admin import AdminClient
from confluent_kafka.cimpl import NewTopic
from google.protobuf.wrappers_pb2 import BytesValue
from rich.console import Console
from rich.table import Table
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from stats import percentile  # bench/stats.py: scripts here run with bench/ on sys.path

from soma.events.v1.envelope_pb2 import Event
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import (
    EmbeddedLogBus,
    EventBus,
    EventConsumer,
    KafkaBus,
    Outbox,
    OutboxRelay,
    inbox_table,
    new_event,
    outbox_table,
)
from somastack.testing import TEST_CONSUMER_CONFIG, TansuBroker, free_ports

BENCH = Path(__file__).resolve().parent
RECORD_BYTES = 1024
TARGET_RATIO = 0.25
console = Console(width=None if sys.stdout.isatty() else 150)


@dataclass
class Run:
    records: int
    batch_sizes: list[int]
    latency_rate: int
    latency_seconds: float
    bare_per_second: float = 0.0
    relay_per_second: dict[str, float] = field(default_factory=dict)
    latency_ms: dict[str, dict[str, float]] = field(default_factory=dict)


def sized_event(n: int) -> Event:
    """An event whose serialized envelope is RECORD_BYTES long."""
    event = new_event(type="soma.bench.v1.Blob", source="//bench", tenant=f"t{n % 8}", payload=BytesValue())
    padding = RECORD_BYTES - len(event.SerializeToString())
    for size in range(max(padding - 8, 0), padding + 1):
        event.data.Pack(BytesValue(value=os.urandom(size)))
        if len(event.SerializeToString()) >= RECORD_BYTES:
            break
    return event


# -- (a) the bare producer -------------------------------------------------------------------------------------------


def bare_producer(bootstrap: str, records: int) -> float:
    """Messages per second of a bare idempotent acks=all producer: produce everything, flush once."""
    topic = f"bench.bare.{os.getpid()}"
    # The same partition count as KafkaBus creates for the relay's topic.
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic(topic, 3, -1)])[topic].result(10)
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all", "linger.ms": 5})
    value = os.urandom(RECORD_BYTES)
    failures: list[KafkaError] = []

    def delivered(error: KafkaError | None, _message: Message) -> None:
        if error is not None:
            failures.append(error)

    started = time.perf_counter()
    for n in range(records):
        while True:
            try:
                producer.produce(topic, value, f"t{n % 8}", on_delivery=delivered)
                break
            except BufferError:
                producer.poll(0.01)
    remaining = producer.flush(60)
    elapsed = time.perf_counter() - started
    if remaining or failures:
        raise RuntimeError(f"bare producer: {remaining} unflushed, {len(failures)} failed")
    return records / elapsed


# -- (b) the relay ---------------------------------------------------------------------------------------------------


async def fill_outbox(engine: AsyncEngine, outbox: Outbox, topic: str, records: int) -> None:
    events = [sized_event(n) for n in range(min(records, 1000))]
    for start in range(0, records, 1000):
        async with engine.begin() as connection:
            for n in range(start, min(start + 1000, records)):
                await outbox.add(connection, topic, events[n % len(events)])


async def relay_throughput(bootstrap: str, home: Path, records: int, batch_size: int) -> float:
    """Rows per second the relay publishes to Kafka (and deletes) from a full SQLite outbox."""
    metadata = MetaData()
    table = outbox_table(metadata)
    engine = create_engine(Settings(home=home / f"relay-{batch_size}"), "bench")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    await fill_outbox(engine, Outbox(table), f"bench.relay.{batch_size}", records)
    bus = KafkaBus(bootstrap, client_id="bench-relay")
    relay = OutboxRelay(engine, table, bus, domain="bench", batch_size=batch_size)
    await relay.relay_once()  # creates the topic and the producer outside the timing
    started, relayed = time.perf_counter(), 0
    while sent := await relay.relay_once():
        relayed += sent
    elapsed = time.perf_counter() - started
    await bus.close()
    await engine.dispose()
    return relayed / elapsed


# -- (c) end-to-end latency ------------------------------------------------------------------------------------------


async def latency(bus: EventBus, consumer_bus: EventBus, home: Path, rate: int, seconds: float) -> dict[str, float]:
    """Milliseconds from the commit of Outbox.add to the consumer's handler, at `rate` events per second."""
    metadata = MetaData()
    outbox, inbox = outbox_table(metadata), inbox_table(metadata)
    engine = create_engine(Settings(home=home), "bench")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    topic = f"bench.latency.{time.monotonic_ns()}"
    committed: dict[str, float] = {}
    handled: dict[str, float] = {}
    expected, arrived = 1, asyncio.Event()

    async def handle(event: Event, _connection: AsyncConnection) -> None:
        handled.setdefault(event.id, time.perf_counter())
        if len(handled) >= expected:
            arrived.set()

    relay = OutboxRelay(engine, outbox, bus, domain="bench")
    consumer = EventConsumer(
        consumer_bus, group="bench", topics=[topic], handler=handle, engine=engine, inbox=inbox, domain="bench"
    )
    await relay.start()
    await consumer.start()
    writer = Outbox(outbox)
    # Warm up: the consumer group joins, the topic exists, the producer is connected.
    await _write(engine, writer, topic, committed, sized_event(0))
    await asyncio.wait_for(arrived.wait(), 30)
    committed.clear()
    handled.clear()
    arrived.clear()
    expected = int(rate * seconds)
    interval, started = 1.0 / rate, time.perf_counter()
    for n in range(expected):
        await asyncio.sleep(max(0.0, started + n * interval - time.perf_counter()))
        await _write(engine, writer, topic, committed, sized_event(n))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(arrived.wait(), 30)
    await consumer.stop()
    await relay.stop()
    await engine.dispose()
    samples = sorted((handled[i] - committed[i]) * 1000 for i in committed if i in handled)
    if len(samples) < len(committed):
        raise RuntimeError(f"only {len(samples)} of {len(committed)} events arrived")
    return {
        "p50": percentile(samples, 50),
        "p99": percentile(samples, 99),
        "max": samples[-1],
        "events": float(len(samples)),
    }


async def _write(engine: AsyncEngine, outbox: Outbox, topic: str, committed: dict[str, float], event: Event) -> None:
    event.id = os.urandom(16).hex()
    async with engine.begin() as connection:
        await outbox.add(connection, topic, event)
    committed[event.id] = time.perf_counter()


# -- running and reporting -------------------------------------------------------------------------------------------


def measure(run: Run, home: Path) -> None:
    broker = TansuBroker(free_ports(1)[0], home / "tansu.log")
    broker.start()
    try:
        console.print(f"bare producer: {run.records} x {RECORD_BYTES} B ...")
        run.bare_per_second = bare_producer(broker.bootstrap, run.records)
        for batch_size in run.batch_sizes:
            console.print(f"outbox relay, batches of {batch_size} ...")
            rate = asyncio.run(relay_throughput(broker.bootstrap, home, run.records, batch_size))
            run.relay_per_second[str(batch_size)] = rate
        console.print(f"end-to-end latency, {run.latency_rate}/s for {run.latency_seconds:g} s ...")

        async def kafka_latency() -> dict[str, float]:
            producer = KafkaBus(broker.bootstrap, client_id="bench-producer")
            consumer = KafkaBus(broker.bootstrap, client_id="bench-consumer", consumer_config=TEST_CONSUMER_CONFIG)
            try:
                return await latency(producer, consumer, home / "kafka", run.latency_rate, run.latency_seconds)
            finally:
                await producer.close()
                await consumer.close()

        async def embedded_latency() -> dict[str, float]:
            bus = EmbeddedLogBus(home / "events.db")
            try:
                return await latency(bus, bus, home / "embedded", run.latency_rate, run.latency_seconds)
            finally:
                await bus.close()

        run.latency_ms["kafka (Tansu)"] = asyncio.run(kafka_latency())
        run.latency_ms["embedded log"] = asyncio.run(embedded_latency())
    finally:
        broker.kill()


def report(run: Run) -> bool:
    throughput = Table(title=f"Throughput to Tansu, {run.records} records of {RECORD_BYTES} B, acks=all")
    for column in ("producer", "msgs/s", "MiB/s", "vs bare"):
        throughput.add_column(column, justify="right" if column != "producer" else "left")
    throughput.add_row("bare confluent-kafka", f"{run.bare_per_second:,.0f}", _mib(run.bare_per_second), "1.00")
    best = 0.0
    for batch_size, rate in run.relay_per_second.items():
        ratio = rate / run.bare_per_second
        best = max(best, ratio)
        throughput.add_row(f"outbox relay (SQLite, batch {batch_size})", f"{rate:,.0f}", _mib(rate), f"{ratio:.2f}")
    console.print(throughput)
    latencies = Table(title=f"End-to-end latency: Outbox.add commit -> handler, {run.latency_rate} events/s")
    for column in ("bus", "events", "p50 ms", "p99 ms", "max ms"):
        latencies.add_column(column, justify="right" if column != "bus" else "left")
    for bus, figures in run.latency_ms.items():
        latencies.add_row(
            bus, f"{figures['events']:.0f}", f"{figures['p50']:.1f}", f"{figures['p99']:.1f}", f"{figures['max']:.1f}"
        )
    console.print(latencies)
    ok = best >= TARGET_RATIO
    verdict = "[green]meets[/green]" if ok else "[red]misses[/red]"
    console.print(f"relay/bare = {best:.2f}: {verdict} the target of {TARGET_RATIO:.2f}")
    return ok


def _mib(per_second: float) -> str:
    return f"{per_second * RECORD_BYTES / 2**20:,.1f}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--batch-sizes", default="500,2000", help="relay batch sizes, comma-separated")
    parser.add_argument("--rate", type=int, default=200, help="events per second in the latency run")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each latency run")
    parser.add_argument("--quick", action="store_true", help="20k records, 2 s of latency")
    parser.add_argument("--json", type=Path, help="where to write the results (default bench/results/)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    records, seconds = (20_000, 2.0) if args.quick else (args.records, args.seconds)
    run = Run(records, [int(b) for b in args.batch_sizes.split(",")], args.rate, seconds)
    with tempfile.TemporaryDirectory(prefix="soma-bench-events-") as tmp:
        measure(run, Path(tmp))
    ok = report(run)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.json or BENCH / "results" / f"events-{stamp}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "bench/events.py",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "confluent_kafka": confluent_kafka.__version__,
            "librdkafka": confluent_kafka.libversion()[0],
        },
        "record_bytes": RECORD_BYTES,
        "target_ratio": TARGET_RATIO,
        **asdict(run),
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    console.print(f"results: {path}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
