"""Composition root of the constitution service: trust, migrations, store, cache, outbox relay, event consumer."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from soma.constitution.v1 import constitution_pb2, constitution_service_pb2_grpc
from somastack.config import Settings
from somastack.constitution.adapters.sql_store import SqlConstitutionStore, inbox, outbox
from somastack.constitution.api import ConstitutionServicer
from somastack.constitution.config import ConstitutionSettings, trusted_signers
from somastack.constitution.events import TOPIC
from somastack.constitution.service import Constitutions
from somastack.platform.cache import open_cache
from somastack.platform.db import create_engine
from somastack.platform.events import EventMetrics, OutboxRelay, forgetting_consumer, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.registry import ServiceSpec
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.server import Assembly, Registration, run_closers

_log = logging.getLogger(__name__)

DOMAIN = "constitution"
#: The consumer group that drops this service's cached active pointer on `constitution.updated`.
CACHE_GROUP = "constitution-cache"


@dataclass
class Constitution:
    """The constitution use cases wired to their store, cache and event plumbing."""

    engine: AsyncEngine
    constitutions: Constitutions
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    plumbing: Plumbing = field(default_factory=Plumbing)

    @classmethod
    async def open(
        cls, settings: Settings, config: ConstitutionSettings | None = None, *, metrics: EventMetrics | None = None
    ) -> Constitution:
        """Checks the trust configuration, migrates, then starts the outbox relay and the cache invalidation."""
        config = config or ConstitutionSettings()
        trust = trusted_signers(settings, config)
        await upgrade_async(settings, DOMAIN)
        engine = create_engine(settings, DOMAIN)
        cache = open_cache(settings, namespace=DOMAIN)
        constitutions = Constitutions(
            SqlConstitutionStore(engine), trust, cache, active_ttl=config.active_cache_ttl_seconds
        )
        bus = open_bus(settings, client_id=DOMAIN)
        metrics = metrics or EventMetrics()
        relay = OutboxRelay(engine, outbox, bus, domain=DOMAIN, metrics=metrics)
        consumer = forgetting_consumer(
            bus,
            group=CACHE_GROUP,
            topic=TOPIC,
            forget=constitutions.forget_active,
            payload=constitution_pb2.ConstitutionUpdated,
            engine=engine,
            inbox=inbox,
            domain=DOMAIN,
            metrics=metrics,
        )
        await relay.start()
        await consumer.start()
        _log.info(
            "constitution: %d trusted signer(s) (%s), quorum %d",
            len(trust.keys),
            ", ".join(sorted(trust.keys)) or "none",
            trust.quorum,
        )
        # Stopped in reverse order of start: nothing consumes or relays once the bus and the engine close.
        closers: list[Callable[[], Awaitable[None]]] = [
            consumer.stop,
            relay.stop,
            bus.close,
            cache.close,
            engine.dispose,
        ]
        return cls(engine, constitutions, closers, Plumbing(engine, bus, relay))

    async def close(self) -> None:
        await run_closers(self.closers)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    metrics = EventMetrics()
    constitution = await Constitution.open(settings, metrics=metrics)
    return Assembly(
        registrations=[
            Registration(
                "soma.constitution.v1.ConstitutionService",
                ConstitutionServicer(constitution.constitutions),
                constitution_service_pb2_grpc.add_ConstitutionServiceServicer_to_server,
            )
        ],
        closers=[constitution.close],
        plumbing=constitution.plumbing,
        metrics=metrics.registry,
    )
