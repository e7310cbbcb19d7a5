"""ConstitutionServicer: proto <-> domain for ConstitutionService, nothing else."""

from __future__ import annotations

from collections.abc import Iterable

from soma.constitution.v1 import constitution_pb2, constitution_service_pb2, constitution_service_pb2_grpc
from somastack.constitution.model import (
    Document,
    PolicyRule,
    Principle,
    Signature,
    Thresholds,
    ValidationReport,
    VersionView,
)
from somastack.constitution.service import Constitutions
from somastack.platform.errors import invalid
from somastack.platform.protoconv import timestamp
from somastack.runtime import context as request_context
from somastack.runtime.context import ServicerContext

pb = constitution_service_pb2


def document_from_pb(message: constitution_pb2.Constitution) -> Document:
    return Document(
        version=message.version,
        title=message.title,
        principles=tuple(Principle(p.id, p.text) for p in message.principles),
        rules=tuple(PolicyRule(r.id, r.description, r.expression, r.weight, r.reason_code) for r in message.rules),
        thresholds=Thresholds(message.thresholds.allow_below, message.thresholds.deny_above)
        if message.HasField("thresholds")
        else None,
    )


def document_pb(document: Document) -> constitution_pb2.Constitution:
    message = constitution_pb2.Constitution(
        version=document.version,
        title=document.title,
        principles=[constitution_pb2.Principle(id=p.id, text=p.text) for p in document.principles],
        rules=[
            constitution_pb2.PolicyRule(
                id=r.id, description=r.description, expression=r.expression, weight=r.weight, reason_code=r.reason_code
            )
            for r in document.rules
        ],
    )
    if document.thresholds is not None:
        message.thresholds.SetInParent()  # an unset and an empty thresholds message are different documents
        message.thresholds.allow_below = document.thresholds.allow_below
        message.thresholds.deny_above = document.thresholds.deny_above
    return message


def signatures_from_pb(messages: Iterable[constitution_pb2.Signature]) -> list[Signature]:
    return [Signature(s.signer_id, s.signature) for s in messages]


def version_pb(view: VersionView) -> constitution_pb2.ConstitutionVersion:
    stored = view.stored
    return constitution_pb2.ConstitutionVersion(
        version=stored.document.version,
        checksum=stored.checksum,
        constitution=document_pb(stored.document),
        signatures=[
            constitution_pb2.Signature(signer_id=s.signer_id, signature=s.signature) for s in stored.signatures
        ],
        signers=view.signers,
        active=view.is_active,
        load_time=timestamp(stored.loaded_at),
        loaded_by=stored.loaded_by,
        activate_time=timestamp(view.active.activated_at) if view.active is not None and view.is_active else None,
    )


def report_pb(report: ValidationReport) -> pb.ValidateResponse:
    return pb.ValidateResponse(
        checksum=report.checksum,
        valid=report.valid,
        problems=[
            constitution_service_pb2.ValidationProblem(field=p.field, description=p.description, reason=p.reason)
            for p in report.problems
        ],
        signers=report.signers,
        active=report.active,
        active_checksum=report.active_checksum,
        version=report.version,
    )


def _actor() -> str:
    return request_context.current().subject


class ConstitutionServicer(constitution_service_pb2_grpc.ConstitutionServiceServicer):
    """Translates ConstitutionService calls to the constitution use cases."""

    def __init__(self, constitutions: Constitutions) -> None:
        self._constitutions = constitutions

    async def GetActive(self, request: pb.GetActiveRequest, context: ServicerContext) -> pb.GetActiveResponse:
        return pb.GetActiveResponse(constitution_version=version_pb(await self._constitutions.get_active()))

    async def GetChecksum(self, request: pb.GetChecksumRequest, context: ServicerContext) -> pb.GetChecksumResponse:
        active = await self._constitutions.get_checksum()
        return pb.GetChecksumResponse(
            checksum=active.checksum, version=active.version, activate_time=timestamp(active.activated_at)
        )

    async def Validate(self, request: pb.ValidateRequest, context: ServicerContext) -> pb.ValidateResponse:
        target = request.WhichOneof("target")
        if target == "checksum":
            return report_pb(await self._constitutions.validate_checksum(request.checksum))
        if target == "constitution":
            return report_pb(
                await self._constitutions.validate_document(
                    document_from_pb(request.constitution), signatures_from_pb(request.signatures)
                )
            )
        raise invalid("constitution", "set a constitution or a checksum to validate")

    async def Load(self, request: pb.LoadRequest, context: ServicerContext) -> pb.LoadResponse:
        outcome = await self._constitutions.load(
            _actor(),
            document_from_pb(request.constitution),
            signatures_from_pb(request.signatures),
            expected_active=request.expected_active_checksum,
        )
        return pb.LoadResponse(constitution_version=version_pb(outcome.view), changed=outcome.changed)

    async def ListVersions(self, request: pb.ListVersionsRequest, context: ServicerContext) -> pb.ListVersionsResponse:
        page = await self._constitutions.list_versions(request.page_size, request.page_token)
        return pb.ListVersionsResponse(
            constitution_versions=[version_pb(v) for v in page.items], next_page_token=page.next_page_token
        )

    async def Rollback(self, request: pb.RollbackRequest, context: ServicerContext) -> pb.RollbackResponse:
        outcome = await self._constitutions.rollback(
            _actor(),
            version=request.version,
            checksum=request.checksum,
            expected_active=request.expected_active_checksum,
        )
        return pb.RollbackResponse(constitution_version=version_pb(outcome.view), changed=outcome.changed)
