"""The audit trail of one service: every call to a mutating RPC, refused ones too, becomes an `audit.records` event.

The interceptor calls `AuditTrail.record` when such a call ends; the record goes to the service's audit spool
(somastack.platform.audit.spool), whose outbox relay publishes it for the audit service. Which RPCs are mutating is
read from the contract (MethodContract.mutating), so no service can forget one.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from google.protobuf.message import Message
from prometheus_client import CollectorRegistry

from soma.audit.v1 import audit_pb2
from soma.events.v1 import topics
from soma.events.v1.envelope_pb2 import Event
from somastack.config import Settings
from somastack.platform.audit.notes import AuditNote
from somastack.platform.audit.spool import AuditSpool, SpoolMetrics, spool_table
from somastack.platform.context import RequestContext
from somastack.platform.names import TENANT_ID, tenant_of
from somastack.platform.principal import Principal
from somastack.runtime.contract import MethodContract
from somastack.runtime.plumbing import Plumbing

EVENT_TYPE = "soma.audit.v1.AuditRecorded"
#: Seconds the spool's own relay (in a service whose domain has none) waits after a commit before it publishes.
LINGER = 0.1
_KINDS = {"RPC": audit_pb2.AUDIT_KIND_RPC, "SIGN_IN": audit_pb2.AUDIT_KIND_SIGN_IN}

Closer = Callable[[], Awaitable[None]]


class AuditTrail:
    """Builds the audit record of a finished call and hands it to the spool (no I/O on the call's path)."""

    def __init__(self, domain: str, spool: AuditSpool) -> None:
        self._domain = domain
        self._source = f"//{domain}.soma"
        self._spool = spool

    def record(
        self,
        contract: MethodContract,
        request: Message,
        ctx: RequestContext,
        principal: Principal | None,
        outcome: tuple[str, str],
        note: AuditNote | None = None,
    ) -> None:
        """Records one call: `outcome` is its status code name and ErrorInfo reason ('' when it succeeded)."""
        resource = contract.resource_of(request)
        record = audit_pb2.AuditRecord(
            kind=_KINDS.get(note.kind if note else "RPC", audit_pb2.AUDIT_KIND_RPC),
            rpc=contract.rpc,
            resource=resource,
            code=outcome[0],
            reason=outcome[1],
            request_id=ctx.request_id,
            client_type=ctx.client_type,
            constitution_checksum=ctx.constitution_checksum or (principal.constitution if principal else ""),
            service=self._domain,
        )
        if principal is not None:
            record.subject = principal.subject
            # The `act` claim (RFC 8693) of an impersonation token names who really acts.
            record.actor = principal.actor or principal.subject
        if note is not None:
            record.subject = note.subject or record.subject
            record.actor = note.actor or record.actor or note.subject
        record.tenant = (note.tenant if note else "") or chain_tenant(principal, resource)
        record.time.GetCurrentTime()
        event = Event(
            id=uuid.uuid4().hex,
            spec_version="1.0",
            source=self._source,
            type=EVENT_TYPE,
            subject=resource,
            tenant=record.tenant,
            request_id=ctx.request_id,
        )
        event.time.CopyFrom(record.time)
        event.data.Pack(audit_pb2.AuditRecorded(record=record))
        self._spool.offer(event)


def chain_tenant(principal: Principal | None, resource: str) -> str:
    """The tenant whose chain a record joins: a tenant token's own tenant (a refused attempt on another tenant shows in
    the caller's trail), else the tenant the resource belongs to, else '' (the platform chain)."""
    if principal is not None and not principal.is_platform:
        return principal.tenant
    tenant = tenant_of(resource)
    return tenant if tenant is not None and TENANT_ID.match(tenant) else ""


async def open_audit_trail(
    settings: Settings, domain: str, registry: CollectorRegistry, shared: Plumbing | None = None
) -> tuple[AuditTrail, Closer]:
    """Migrates the domain database's audit spool and starts its writer; returns the trail and its closer.

    The spool rides on what the domain already opened (`shared`): its engine, and its outbox relay, which relays the
    spool table beside the domain's own outbox in the same publish. What the domain lacks is opened here: an
    engine, a bus, a relay of the spool table alone (lingering like the domain's relays: audit records are read by
    people, later).
    """
    from somastack.platform import migrations
    from somastack.platform.db import create_engine
    from somastack.platform.events import EventMetrics, OutboxRelay, open_bus

    shared = shared or Plumbing()
    await migrations.upgrade_async(settings, domain, history=migrations.AUDIT_SPOOL)
    opened: list[Closer] = []  # closed in reverse order
    engine = shared.engine
    if engine is None:
        engine = create_engine(settings, domain)
        opened.append(engine.dispose)
    if shared.relay is not None and shared.engine is not None:
        shared.relay.also(spool_table)
    else:
        bus = shared.bus
        if bus is None:
            bus = open_bus(settings, client_id=f"{domain}-audit")
            opened.append(bus.close)
        # The relay's own metrics stay out of the service's registry: the domain's relay exports the same names.
        relay = OutboxRelay(engine, spool_table, bus, domain=f"{domain}-audit", metrics=EventMetrics(), linger=LINGER)
        await relay.start()
        opened.append(relay.stop)
    spool = AuditSpool(engine, topic=topics.AUDIT_RECORDS, domain=domain, metrics=SpoolMetrics(registry))
    await spool.start()

    async def close() -> None:
        # The spool writes what it holds before any relay stops; rows not published yet go at next start.
        await spool.stop()
        for closer in reversed(opened):
            await closer()

    return AuditTrail(domain, spool), close
