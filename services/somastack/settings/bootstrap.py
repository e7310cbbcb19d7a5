"""Composition root of the settings service: migrations, store, use cases, outbox relay."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from soma.settings.v1 import settings_service_pb2_grpc
from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import EventMetrics, OutboxRelay, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.registry import ServiceSpec
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.server import Assembly, Registration, run_closers
from somastack.settings import codec
from somastack.settings.adapters.sql_store import SqlSettingsStore, outbox
from somastack.settings.api import SettingsServicer
from somastack.settings.service import SettingsBook

DOMAIN = "settings"


@dataclass
class SettingsDomain:
    """The settings use cases wired to their store and the outbox relay."""

    engine: AsyncEngine
    book: SettingsBook
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    plumbing: Plumbing = field(default_factory=Plumbing)

    @classmethod
    async def open(cls, settings: Settings, *, metrics: EventMetrics | None = None) -> SettingsDomain:
        """Migrates, then starts relaying `settings.changed` from the outbox to the bus."""
        await upgrade_async(settings, DOMAIN)
        engine = create_engine(settings, DOMAIN)
        book = SettingsBook(SqlSettingsStore(engine), settings.stage, etags=codec.etag)
        bus = open_bus(settings, client_id=DOMAIN)
        relay = OutboxRelay(engine, outbox, bus, domain=DOMAIN, metrics=metrics or EventMetrics())
        await relay.start()
        # Stopped in reverse order of start: nothing relays once the bus and the engine close.
        return cls(engine, book, [relay.stop, bus.close, engine.dispose], Plumbing(engine, bus, relay))

    async def close(self) -> None:
        await run_closers(self.closers)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    metrics = EventMetrics()
    domain = await SettingsDomain.open(settings, metrics=metrics)
    return Assembly(
        registrations=[
            Registration(
                "soma.settings.v1.SettingsService",
                SettingsServicer(domain.book),
                settings_service_pb2_grpc.add_SettingsServiceServicer_to_server,
            )
        ],
        closers=[domain.close],
        plumbing=domain.plumbing,
        metrics=metrics.registry,
    )
