"""soma.audit.v1 messages <-> the audit domain's types."""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp

from soma.audit.v1 import audit_pb2, audit_service_pb2
from soma.events.v1.envelope_pb2 import Event
from somastack.audit.model import ALL_TENANTS, PLATFORM, Filter, Link
from somastack.audit.model import Entry as AuditEntry
from somastack.platform.events import payload_of

_KIND_NAMES = {value: name.removeprefix("AUDIT_KIND_") for name, value in audit_pb2.AuditKind.items()}
_KINDS = {name: f"AUDIT_KIND_{name}" for name in _KIND_NAMES.values()}


def _micros(stamp: Timestamp) -> int:
    return stamp.seconds * 1_000_000 + stamp.nanos // 1000


def entry_of(event: Event) -> AuditEntry | None:
    """The entry an `audit.records` event carries; None when it carries another payload."""
    payload = payload_of(event, audit_pb2.AuditRecorded)
    if payload is None:
        return None
    r = payload.record
    kind = _KIND_NAMES.get(r.kind, "RPC")
    return AuditEntry(
        event_id=event.id,
        tenant=r.tenant,
        kind="RPC" if kind == "UNSPECIFIED" else kind,
        actor=r.actor,
        subject=r.subject,
        rpc=r.rpc,
        resource=r.resource,
        code=r.code,
        reason=r.reason,
        request_id=r.request_id,
        client_type=r.client_type,
        constitution=r.constitution_checksum,
        time_us=_micros(r.time if r.HasField("time") else event.time),
        service=r.service,
    )


def record_pb(link: Link) -> audit_pb2.AuditRecord:
    e = link.entry
    chain = e.tenant if e.tenant != PLATFORM else ALL_TENANTS
    record = audit_pb2.AuditRecord(
        name=f"tenants/{chain}/auditRecords/{link.sequence}",
        tenant=e.tenant,
        sequence=link.sequence,
        kind=_KINDS.get(e.kind, "AUDIT_KIND_UNSPECIFIED"),
        actor=e.actor,
        subject=e.subject,
        rpc=e.rpc,
        resource=e.resource,
        code=e.code,
        reason=e.reason,
        request_id=e.request_id,
        client_type=e.client_type,
        constitution_checksum=e.constitution,
        service=e.service,
        event_id=e.event_id,
        hash=link.hash,
        previous_hash=link.previous_hash,
    )
    record.time.seconds, micros = divmod(e.time_us, 1_000_000)
    record.time.nanos = micros * 1000
    return record


def filter_of(request: audit_service_pb2.ListAuditRecordsRequest) -> Filter:
    return Filter(
        principal=request.principal,
        rpc=request.rpc,
        code=request.code,
        start_us=_micros(request.start_time) if request.HasField("start_time") else None,
        end_us=_micros(request.end_time) if request.HasField("end_time") else None,
    )
