"""How a service starts: the runtime's audit spool and revocation feed ride the domain's engine, bus and relay, and
the waits for identity (keys, revocations, the feed going live) run together, each within its own bound."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import grpc
import pytest

from soma.audit.v1 import audit_pb2
from soma.events.v1 import topics
from soma.events.v1.envelope_pb2 import Event
from soma.meta.v1 import contract_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2, settings_service_pb2_grpc
from somastack.config import Settings
from somastack.platform.events import EVENT_LOG_FILE, EmbeddedLogBus, payload_of
from somastack.registry import ServiceSpec
from somastack.runtime import server
from somastack.runtime.auth import JwksKeySource
from somastack.runtime.contract_service import ContractServicer
from somastack.runtime.revocation import Revocations
from somastack.runtime.server import Assembly, Registration, ServiceHost

SETTINGS = ServiceSpec(
    domain="settings",
    index=0,
    services=("soma.settings.v1.SettingsService",),
    bootstrap="somastack.settings.bootstrap:assemble",
    stateful=True,
    description="the settings domain, started beside identity (tier 0: nothing to read from it)",
    tier=0,
)

STATELESS = ServiceSpec(
    domain="bare",
    index=0,
    services=("soma.meta.v1.ContractService",),
    bootstrap="tests.unit.runtime.test_host_start:assemble_stateless",
    stateful=False,
    description="a domain with no database and no bus, started after identity",
)


async def assemble_stateless(settings: Settings, spec: ServiceSpec) -> Assembly:
    return Assembly(
        registrations=[
            Registration(
                "soma.meta.v1.ContractService",
                ContractServicer(settings),
                contract_service_pb2_grpc.add_ContractServiceServicer_to_server,
            )
        ]
    )


def _started_since(before: set[threading.Thread], prefix: str) -> int:
    return sum(1 for t in set(threading.enumerate()) - before if t.name.startswith(prefix) and t.is_alive())


async def test_the_audit_spool_and_revocation_feed_ride_the_domains_engine_bus_and_relay(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, metrics_port_base=0)
    before = set(threading.enumerate())
    host = ServiceHost(SETTINGS, settings, port=0)
    await host.start()
    try:
        # One database engine (one checkpoint thread) and one bus (one worker thread) in the process: before, the
        # spool had an engine and a bus of its own and the revocation feed a third bus.
        async with grpc.aio.insecure_channel(f"127.0.0.1:{host.port}") as channel:
            stub = settings_service_pb2_grpc.SettingsServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.UpdateSettings(settings_service_pb2.UpdateSettingsRequest(), timeout=5)
        assert refused.value.code() is grpc.StatusCode.UNAUTHENTICATED
        # The refused call's record goes out through the domain's relay, on the domain's bus.
        record = await _first_record(settings)
        assert record.rpc == "soma.settings.v1.SettingsService.UpdateSettings"
        assert record.code == "UNAUTHENTICATED" and record.service == "settings"
        assert _started_since(before, "checkpoint settings.db") == 1
        assert _started_since(before, "event-log") == 1
    finally:
        await host.stop(0)


async def _first_record(settings: Settings) -> audit_pb2.AuditRecord:
    reader = EmbeddedLogBus(settings.data_dir / EVENT_LOG_FILE)
    try:
        subscription = await reader.subscribe("test-reader", [topics.AUDIT_RECORDS])
        for _ in range(50):
            for delivery in await subscription.next(max_wait=0.1):
                recorded = payload_of(Event.FromString(delivery.record.value), audit_pb2.AuditRecorded)
                assert recorded is not None
                return recorded.record
        raise AssertionError("no audit record reached the bus within 5 s")
    finally:
        await reader.close()


async def test_a_service_waits_for_identitys_keys_and_revocations_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each wait returns only once the other has begun: waited for one after the other, the first would time out."""
    keys_asked, revocations_asked = asyncio.Event(), asyncio.Event()
    bounds: dict[str, float] = {}

    async def prime(self: JwksKeySource, within: float) -> bool:
        bounds["keys"] = within
        keys_asked.set()
        await asyncio.wait_for(revocations_asked.wait(), 5)
        return True

    async def load(settings: Settings, domain: str, revocations: Revocations, *, within: float) -> bool:
        bounds["revocations"] = within
        revocations_asked.set()
        await asyncio.wait_for(keys_asked.wait(), 5)
        return True

    monkeypatch.setattr(JwksKeySource, "prime", prime)
    monkeypatch.setattr(server, "load_from_identity", load)
    before = set(threading.enumerate())
    host = ServiceHost(STATELESS, Settings(home=tmp_path, metrics_port_base=0), port=0)
    await host.start()
    try:
        assert bounds == {"keys": server.PRIME_WAIT, "revocations": server.REVOCATIONS_WAIT}
        # A domain without a bus gets one from the runtime, for its revocation feed.
        assert _started_since(before, "event-log") == 1
    finally:
        await host.stop(0)
