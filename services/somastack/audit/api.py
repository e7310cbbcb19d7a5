"""AuditServicer: soma.audit.v1.AuditService on the AuditBook use cases."""

from __future__ import annotations

from soma.audit.v1 import audit_service_pb2 as pb
from soma.audit.v1 import audit_service_pb2_grpc
from somastack.audit import codec
from somastack.audit.service import AuditBook
from somastack.runtime.context import ServicerContext


class AuditServicer(audit_service_pb2_grpc.AuditServiceServicer):
    def __init__(self, book: AuditBook) -> None:
        self._book = book

    async def ListAuditRecords(
        self, request: pb.ListAuditRecordsRequest, context: ServicerContext
    ) -> pb.ListAuditRecordsResponse:
        links, token = await self._book.list(
            request.parent, codec.filter_of(request), request.page_size, request.page_token
        )
        return pb.ListAuditRecordsResponse(
            audit_records=[codec.record_pb(link) for link in links], next_page_token=token
        )

    async def VerifyAuditChain(
        self, request: pb.VerifyAuditChainRequest, context: ServicerContext
    ) -> pb.VerifyAuditChainResponse:
        verdict = await self._book.verify(request.parent)
        response = pb.VerifyAuditChainResponse(
            intact=verdict.broken is None, records_checked=verdict.checked, head_hashes=verdict.heads
        )
        if verdict.broken is not None:
            response.first_broken.CopyFrom(codec.record_pb(verdict.broken.link))
            response.problem = verdict.broken.problem
        return response
