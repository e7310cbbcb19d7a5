"""Memory domain objects <-> their protobuf messages, shared by the servicer, the write log and the outbox."""

from __future__ import annotations

from soma.events.v1.topics import MEMORY_WRITES
from soma.memory.v1 import memory_pb2
from somastack.memory.model import (
    Change,
    Forgotten,
    Link,
    Linked,
    LinkType,
    Memory,
    MemoryKind,
    Remembered,
    memory_name,
)
from somastack.platform import names
from somastack.platform.protoconv import timestamp

KIND_TO_PROTO = {
    MemoryKind.EPISODIC: memory_pb2.MEMORY_KIND_EPISODIC,
    MemoryKind.SEMANTIC: memory_pb2.MEMORY_KIND_SEMANTIC,
}
KIND_FROM_PROTO: dict[int, MemoryKind] = {int(v): k for k, v in KIND_TO_PROTO.items()}
LINK_TO_PROTO = {
    LinkType.RELATES_TO: memory_pb2.LINK_TYPE_RELATES_TO,
    LinkType.DERIVED_FROM: memory_pb2.LINK_TYPE_DERIVED_FROM,
    LinkType.CONTRADICTS: memory_pb2.LINK_TYPE_CONTRADICTS,
    LinkType.SUPPORTS: memory_pb2.LINK_TYPE_SUPPORTS,
    LinkType.FOLLOWS: memory_pb2.LINK_TYPE_FOLLOWS,
}
LINK_FROM_PROTO: dict[int, LinkType] = {int(v): k for k, v in LINK_TO_PROTO.items()}

EVENT_TYPE = "soma.memory.v1.MemoryWritten"
TOPIC = MEMORY_WRITES

_MEMORY = "tenants/{tenant}/memories/{memory}"


def memory_pb(memory: Memory) -> memory_pb2.Memory:
    return memory_pb2.Memory(
        name=memory.name,
        kind=KIND_TO_PROTO[memory.kind],
        text=memory.text,
        metadata=dict(memory.metadata),
        importance=memory.importance,
        create_time=timestamp(memory.created_at),
        store_state=memory_pb2.STORE_STATE_APPLIED if memory.applied else memory_pb2.STORE_STATE_PENDING,
    )


def link_pb(link: Link) -> memory_pb2.Link:
    return memory_pb2.Link(
        source=link.source_name,
        target=link.target_name,
        type=LINK_TO_PROTO[link.type],
        weight=link.weight,
        update_time=timestamp(link.updated_at),
    )


def written_pb(change: Change, sequence: int = 0) -> memory_pb2.MemoryWritten:
    """The MemoryWritten record of a change (`sequence` 0 in the write log, where the row holds it)."""
    if isinstance(change, Remembered):
        return memory_pb2.MemoryWritten(sequence=sequence, remembered=memory_pb(change.memory))
    if isinstance(change, Linked):
        return memory_pb2.MemoryWritten(sequence=sequence, linked=link_pb(change.link))
    return memory_pb2.MemoryWritten(
        sequence=sequence,
        forgotten=memory_pb2.MemoriesForgotten(names=[memory_name(change.tenant, i) for i in change.ids]),
    )


def subject_of(change: Change) -> str:
    if isinstance(change, Remembered):
        return change.memory.name
    if isinstance(change, Linked):
        return change.link.source_name
    return f"tenants/{change.tenant}/memories"


def change_from_pb(record: memory_pb2.MemoryWritten, *, seq: int) -> Change:
    """The change a MemoryWritten record holds. Raises ValueError on a record this version cannot read."""
    which = record.WhichOneof("change")
    if which == "remembered":
        pb = record.remembered
        ids = names.parse(pb.name, _MEMORY, field="name")
        created = pb.create_time.seconds + pb.create_time.nanos / 1e9
        return Remembered(
            Memory(
                ids["tenant"],
                ids["memory"],
                KIND_FROM_PROTO[pb.kind],
                pb.text,
                dict(pb.metadata),
                pb.importance,
                created,
                write_seq=seq,
            )
        )
    if which == "linked":
        pb_link = record.linked
        source = names.parse(pb_link.source, _MEMORY, field="source")
        target = names.parse(pb_link.target, _MEMORY, field="target")
        updated = pb_link.update_time.seconds + pb_link.update_time.nanos / 1e9
        return Linked(
            Link(
                source["tenant"],
                source["memory"],
                target["memory"],
                LINK_FROM_PROTO[pb_link.type],
                pb_link.weight,
                updated,
            )
        )
    if which == "forgotten":
        parsed = [names.parse(n, _MEMORY, field="names") for n in record.forgotten.names]
        if not parsed:
            raise ValueError("a forgotten record without names")
        return Forgotten(parsed[0]["tenant"], tuple(p["memory"] for p in parsed))
    raise ValueError(f"unknown MemoryWritten change {which!r}")
