"""The runtime's audit spool rides the domain's engine and outbox relay: one relay, one publish for both tables."""

from __future__ import annotations

import time
from pathlib import Path

from prometheus_client import CollectorRegistry
from sqlalchemy import MetaData

from soma.audit.v1 import audit_pb2
from soma.events.v1 import topics
from soma.events.v1.envelope_pb2 import Event
from soma.settings.v1 import settings_service_pb2
from somastack.config import Settings
from somastack.platform.audit.spool import spool_table
from somastack.platform.context import RequestContext
from somastack.platform.db import create_engine
from somastack.platform.events import OutboxRelay, open_bus
from somastack.platform.events.bus import Delivery
from somastack.platform.events.tables import outbox_table
from somastack.runtime.audit import open_audit_trail
from somastack.runtime.contract import method_contracts
from somastack.runtime.plumbing import Plumbing

RPC = "/soma.settings.v1.SettingsService/UpdateSettings"


async def test_the_audit_spool_rides_the_domains_engine_and_relay(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    engine = create_engine(settings, "settings")
    domain_outbox = outbox_table(MetaData())
    async with engine.begin() as connection:
        await connection.run_sync(domain_outbox.create)
    bus = open_bus(settings, client_id="settings")
    relay = OutboxRelay(engine, domain_outbox, bus, domain="settings", linger=0)
    await relay.start()
    trail, close = await open_audit_trail(settings, "settings", CollectorRegistry(), Plumbing(engine, bus, relay))
    try:
        assert relay.tables == (domain_outbox, spool_table)
        contract = method_contracts(("soma.settings.v1.SettingsService",))[RPC]
        request = settings_service_pb2.UpdateSettingsRequest()
        call = RequestContext("req-1", RPC, None, "cli", "", "dev")
        trail.record(contract, request, call, None, ("UNAUTHENTICATED", "TOKEN_MISSING"))
        subscription = await bus.subscribe("reader", [topics.AUDIT_RECORDS])
        deadline, records = time.monotonic() + 10, list[Delivery]()
        while not records and time.monotonic() < deadline:
            records = await subscription.next(max_wait=0.2)
        await subscription.close()
        assert len(records) == 1
        recorded = audit_pb2.AuditRecorded()
        assert Event.FromString(records[0].record.value).data.Unpack(recorded)
        assert (recorded.record.rpc, recorded.record.code, recorded.record.request_id) == (
            contract.rpc,
            "UNAUTHENTICATED",
            "req-1",
        )
    finally:
        await close()
        await relay.stop()
        await bus.close()
        await engine.dispose()
