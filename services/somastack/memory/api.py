"""MemoryServicer: proto <-> domain for MemoryService, nothing else."""

from __future__ import annotations

from google.protobuf import duration_pb2, timestamp_pb2

from soma.memory.v1 import memory_pb2, memory_service_pb2, memory_service_pb2_grpc
from somastack.memory.codec import KIND_FROM_PROTO, LINK_FROM_PROTO, link_pb, memory_pb
from somastack.memory.model import Direction, LinkType, MemoryFilter, MemoryKind, WorkingMemory
from somastack.memory.rules import memory_filter
from somastack.memory.service import Memories
from somastack.memory.working import WorkingMemories
from somastack.platform.errors import invalid
from somastack.platform.protoconv import timestamp
from somastack.runtime.context import ServicerContext

pb = memory_service_pb2

_DIRECTION = {
    memory_pb2.LINK_DIRECTION_UNSPECIFIED: Direction.BOTH,
    memory_pb2.LINK_DIRECTION_BOTH: Direction.BOTH,
    memory_pb2.LINK_DIRECTION_OUTGOING: Direction.OUTGOING,
    memory_pb2.LINK_DIRECTION_INCOMING: Direction.INCOMING,
}


def _kind(value: int, *, field: str) -> MemoryKind | None:
    if value == memory_pb2.MEMORY_KIND_UNSPECIFIED:
        return None
    kind = KIND_FROM_PROTO.get(value)
    if kind is None:
        raise invalid(field, f"unknown memory kind {value}")
    return kind


def _link_type(value: int, *, field: str) -> LinkType | None:
    if value == memory_pb2.LINK_TYPE_UNSPECIFIED:
        return None
    link_type = LINK_FROM_PROTO.get(value)
    if link_type is None:
        raise invalid(field, f"unknown link type {value}")
    return link_type


def _seconds(value: timestamp_pb2.Timestamp) -> float:
    return value.seconds + value.nanos / 1e9


def filter_of(message: memory_pb2.MemoryFilter, *, field: str = "filter") -> MemoryFilter:
    kinds = []
    for i, value in enumerate(message.kinds):
        kind = _kind(value, field=f"{field}.kinds[{i}]")
        if kind is None:
            raise invalid(f"{field}.kinds[{i}]", "MEMORY_KIND_UNSPECIFIED is not a kind")
        kinds.append(kind)
    return memory_filter(
        kinds,
        dict(message.metadata),
        _seconds(message.create_after) if message.HasField("create_after") else None,
        _seconds(message.create_before) if message.HasField("create_before") else None,
        field=field,
    )


def working_pb(working: WorkingMemory) -> memory_pb2.WorkingMemory:
    return memory_pb2.WorkingMemory(
        name=working.name,
        items=[
            memory_pb2.WorkingItem(text=i.text, metadata=dict(i.metadata), create_time=timestamp(i.created_at))
            for i in working.items
        ],
        max_items=working.max_items,
        ttl=duration_pb2.Duration(seconds=int(working.ttl), nanos=round((working.ttl % 1) * 1e9)),
        expire_time=timestamp(working.expires_at),
    )


class MemoryServicer(memory_service_pb2_grpc.MemoryServiceServicer):
    """Translates MemoryService calls to the memory and working-memory use cases."""

    def __init__(self, memories: Memories, working: WorkingMemories) -> None:
        self._memories = memories
        self._working = working

    async def Remember(self, request: pb.RememberRequest, context: ServicerContext) -> pb.RememberResponse:
        memory = await self._memories.remember(
            request.parent,
            kind=_kind(request.memory.kind, field="memory.kind"),
            text=request.memory.text,
            metadata=dict(request.memory.metadata),
            importance=request.memory.importance,
            request_id=request.request_id,
        )
        return pb.RememberResponse(memory=memory_pb(memory))

    async def GetMemory(self, request: pb.GetMemoryRequest, context: ServicerContext) -> pb.GetMemoryResponse:
        return pb.GetMemoryResponse(memory=memory_pb(await self._memories.get(request.name)))

    async def Recall(self, request: pb.RecallRequest, context: ServicerContext) -> pb.RecallResponse:
        hits = await self._memories.recall(
            request.parent, request.query, top_k=request.top_k, where=filter_of(request.filter)
        )
        return pb.RecallResponse(
            hits=[
                memory_pb2.MemoryHit(
                    memory=memory_pb(h.memory),
                    score=h.score,
                    vector_score=h.vector_score,
                    lexical_score=h.lexical_score,
                )
                for h in hits
            ]
        )

    async def RetrieveContext(
        self, request: pb.RetrieveContextRequest, context: ServicerContext
    ) -> pb.RetrieveContextResponse:
        result = await self._memories.retrieve_context(
            request.parent,
            request.query,
            token_budget=request.token_budget,
            top_k=request.top_k,
            where=filter_of(request.filter),
        )
        return pb.RetrieveContextResponse(
            chunks=[
                memory_pb2.ContextChunk(
                    text=c.text,
                    token_count=c.tokens,
                    citation=memory_pb2.Citation(
                        memory=c.memory, start_offset=c.start, end_offset=c.end, score=c.score
                    ),
                )
                for c in result.chunks
            ],
            total_tokens=result.total_tokens,
            context=result.text,
        )

    async def Link(self, request: pb.LinkRequest, context: ServicerContext) -> pb.LinkResponse:
        link = await self._memories.link(
            request.name,
            request.target,
            type=_link_type(request.type, field="type"),
            weight=request.weight,
        )
        return pb.LinkResponse(link=link_pb(link))

    async def Neighbors(self, request: pb.NeighborsRequest, context: ServicerContext) -> pb.NeighborsResponse:
        types = []
        for i, value in enumerate(request.types):
            link_type = _link_type(value, field=f"types[{i}]")
            if link_type is None:
                raise invalid(f"types[{i}]", "LINK_TYPE_UNSPECIFIED is not a link type")
            types.append(link_type)
        direction = _DIRECTION.get(request.direction)
        if direction is None:
            raise invalid("direction", f"unknown direction {request.direction}")
        found, truncated = await self._memories.neighbors(
            request.name,
            depth=request.depth,
            types=types,
            direction=direction,
            max_neighbors=request.max_neighbors,
        )
        return pb.NeighborsResponse(
            neighbors=[
                memory_pb2.Neighbor(memory=memory_pb(n.memory), depth=n.depth, link=link_pb(n.link)) for n in found
            ],
            truncated=truncated,
        )

    async def Forget(self, request: pb.ForgetRequest, context: ServicerContext) -> pb.ForgetResponse:
        count = await self._memories.forget(request.parent, list(request.names), filter_of(request.filter))
        return pb.ForgetResponse(forgotten_count=count)

    async def PutWorking(self, request: pb.PutWorkingRequest, context: ServicerContext) -> pb.PutWorkingResponse:
        working = await self._working.put(request.name, [(i.text, dict(i.metadata)) for i in request.items])
        return pb.PutWorkingResponse(working_memory=working_pb(working))

    async def GetWorking(self, request: pb.GetWorkingRequest, context: ServicerContext) -> pb.GetWorkingResponse:
        return pb.GetWorkingResponse(working_memory=working_pb(await self._working.get(request.name)))

    async def ClearWorking(self, request: pb.ClearWorkingRequest, context: ServicerContext) -> pb.ClearWorkingResponse:
        return pb.ClearWorkingResponse(cleared_count=await self._working.clear(request.name))
