"""Composition root of the memory service: migrations, record, store, replay loop, outbox relay, use cases, servicer."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from prometheus_client import CollectorRegistry
from sqlalchemy.ext.asyncio import AsyncEngine

from soma.memory.v1 import memory_service_pb2_grpc
from somastack.config import Settings
from somastack.memory.adapters.builtin_store import BuiltinStore
from somastack.memory.adapters.slm_embedder import SlmEmbedder
from somastack.memory.adapters.somabrain import SomaBrainStore
from somastack.memory.adapters.sql_store import SqlMemoryRecord, outbox
from somastack.memory.api import MemoryServicer
from somastack.memory.config import EmbedderKind, MemorySettings
from somastack.memory.embedder import Embedder, embedder_from_settings
from somastack.memory.index import TenantIndexes
from somastack.memory.ports import MemoryStore
from somastack.memory.replay import Replayer, ReplayMetrics
from somastack.memory.service import Memories, RecallLimits
from somastack.memory.store_config import StoreKind, StoreSettings
from somastack.memory.working import WorkingMemories
from somastack.platform.cache import Cache, open_cache
from somastack.platform.db import create_engine
from somastack.platform.events import EventBus, EventMetrics, OutboxRelay, open_bus
from somastack.platform.migrations import upgrade_async
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import mesh_dial
from somastack.registry import ServiceSpec
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.server import Assembly, Registration

_log = logging.getLogger(__name__)

DOMAIN = "memory"


def build_store(settings: Settings, memory: MemorySettings, stores: StoreSettings, engine: AsyncEngine) -> MemoryStore:
    """The memory store the settings name."""
    if stores.store is StoreKind.SOMABRAIN:
        assert stores.somabrain_url is not None  # guaranteed by StoreSettings' validator
        token = stores.somabrain_token.get_secret_value() if stores.somabrain_token else None
        return SomaBrainStore(stores.somabrain_url, token=token, timeout=stores.somabrain_timeout_seconds)
    indexes = TenantIndexes(
        memory.index_directory or settings.data_dir / "memory-index",
        memory.dimensions,
        connectivity=memory.index_connectivity,
        expansion_add=memory.index_expansion_add,
        expansion_search=memory.index_expansion_search,
        exact_threshold=memory.exact_search_threshold,
    )
    return BuiltinStore(engine, build_embedder(settings, memory), indexes, memory)


def build_embedder(settings: Settings, memory: MemorySettings) -> Embedder:
    """The embedder the settings name; `slm` calls the mesh's SLM service with this service's own token."""
    if memory.embedder is EmbedderKind.SLM:
        assert memory.embedder_provider is not None  # guaranteed by MemorySettings' validator
        return SlmEmbedder(
            mesh_dial(settings, DOMAIN),
            ServiceToken(settings.service_token_path(DOMAIN)),
            provider=memory.embedder_provider,
            model=memory.embedder_model,
            dimensions=memory.dimensions,
            timeout=memory.embedder_timeout_seconds,
            max_retries=memory.embedder_max_retries,
            backoff=memory.embedder_backoff_seconds,
            batch_size=memory.embedder_batch_size,
        )
    return embedder_from_settings(memory)


def recall_limits(memory: MemorySettings, stores: StoreSettings) -> RecallLimits:
    return RecallLimits(
        default_top_k=memory.recall_default_top_k,
        max_top_k=memory.recall_max_top_k,
        exact_threshold=memory.exact_search_threshold,
        overfetch=stores.recall_overfetch,
        max_candidates=stores.recall_max_candidates,
        apply_wait=stores.remember_apply_wait_seconds,
        cached_records=memory.recall_cached_records if stores.store is StoreKind.BUILTIN else 0,
    )


@dataclass
class MemoryGateway:
    """The memory service's parts, wired; `open` starts the replay loop and the outbox relay."""

    engine: AsyncEngine
    record: SqlMemoryRecord
    store: MemoryStore
    replayer: Replayer
    relay: OutboxRelay | None
    bus: EventBus | None
    cache: Cache
    memories: Memories
    working: WorkingMemories

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        memory: MemorySettings | None = None,
        stores: StoreSettings | None = None,
        registry: CollectorRegistry | None = None,
        relay: bool = True,
    ) -> MemoryGateway:
        """Migrates the database, opens the store (rebuilding stale indexes), then starts replay and relay."""
        memory = memory or MemorySettings()
        stores = stores or StoreSettings()
        await upgrade_async(settings, DOMAIN)
        engine = create_engine(settings, DOMAIN)
        record = SqlMemoryRecord(engine)
        store = build_store(settings, memory, stores, engine)
        await store.open()
        replayer = Replayer(
            record,
            store,
            metrics=ReplayMetrics(store.kind, registry),
            batch_size=stores.replay_batch_size,
            backoff=stores.replay_backoff_seconds,
            backoff_max=stores.replay_backoff_max_seconds,
            poll=stores.replay_poll_seconds,
            flush_interval=stores.index_save_interval_seconds,
        )
        await replayer.start()
        bus = open_bus(settings, client_id=DOMAIN) if relay else None
        outbox_relay = (
            OutboxRelay(engine, outbox, bus, domain=DOMAIN, metrics=EventMetrics(registry)) if bus is not None else None
        )
        if outbox_relay is not None:
            await outbox_relay.start()
        cache = open_cache(settings, namespace=DOMAIN)
        memories = Memories(record, store, replayer, limits=recall_limits(memory, stores))
        working = WorkingMemories(
            cache,
            max_items=memory.working_max_items,
            ttl=memory.working_ttl_seconds,
            max_bytes=memory.working_max_bytes,
            max_tenant_bytes=memory.working_tenant_max_bytes,
        )
        _log.info("memory gateway on the %s store", store.kind)
        return cls(engine, record, store, replayer, outbox_relay, bus, cache, memories, working)

    async def close(self) -> None:
        """Stops the loops, saves the indexes, releases connections."""
        await self.replayer.stop()
        if self.relay is not None:
            await self.relay.stop()
        if self.bus is not None:
            await self.bus.close()
        await self.store.close()
        await self.cache.close()
        await self.engine.dispose()


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    registry = CollectorRegistry()
    gateway = await MemoryGateway.open(settings, registry=registry)
    return Assembly(
        registrations=[
            Registration(
                "soma.memory.v1.MemoryService",
                MemoryServicer(gateway.memories, gateway.working),
                memory_service_pb2_grpc.add_MemoryServiceServicer_to_server,
            )
        ],
        closers=[gateway.close],
        metrics=registry,
        plumbing=Plumbing(gateway.engine, gateway.bus, gateway.relay),
    )
