"""Consumers that only make a cache forget: on each new event of a topic, call `forget`.

A service that keeps what another one owns (the active constitution, its checksum) drops it when the owner
announces a change, and reads it anew when next needed: the event says that something changed, never what to keep.
Each event still goes through the inbox like any other, so a failing `forget` is retried, then dead-lettered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from google.protobuf.message import Message
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from soma.events.v1.envelope_pb2 import Event
from somastack.platform.events.bus import EventBus
from somastack.platform.events.consumer import EventConsumer
from somastack.platform.events.envelope import payload_of
from somastack.platform.events.metrics import EventMetrics

#: What drops the kept value: a plain call or a coroutine function (one that reaches a shared cache).
Forget = Callable[[], Awaitable[None] | None]


def forgetting_consumer(
    bus: EventBus,
    *,
    group: str,
    topic: str,
    forget: Forget,
    engine: AsyncEngine,
    inbox: Table,
    domain: str,
    payload: type[Message] | None = None,
    metrics: EventMetrics | None = None,
) -> EventConsumer:
    """An `EventConsumer` of `topic` as `group` that calls `forget` for each new event; not started.

    With `payload`, only events carrying that message type make it forget: another type on the topic is not a change
    this service understands, and is recorded in the inbox as handled like any other. Without it, every event does.
    `forget` raising leaves the event to be retried, as any failing handler does.
    """

    async def on_event(event: Event, connection: AsyncConnection) -> None:
        if payload is not None and payload_of(event, payload) is None:
            return
        forgotten = forget()
        if forgotten is not None:
            await forgotten

    return EventConsumer(
        bus,
        group=group,
        topics=[topic],
        handler=on_event,
        engine=engine,
        inbox=inbox,
        domain=domain,
        metrics=metrics,
    )
