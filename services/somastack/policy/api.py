"""PolicyServicer: proto <-> domain for PolicyService, nothing else."""

from __future__ import annotations

from soma.constitution.v1 import constitution_pb2
from soma.policy.v1 import policy_pb2, policy_service_pb2, policy_service_pb2_grpc
from somastack.platform.names import parse
from somastack.platform.protoconv import plain_struct, timestamp
from somastack.policy.model import (
    Action,
    Credentials,
    Decision,
    Evaluation,
    Inquiry,
    Resource,
    Subject,
    WeightOverrides,
)
from somastack.policy.service import PolicyEngine
from somastack.runtime import context as request_context
from somastack.runtime.context import ServicerContext

pb = policy_service_pb2

_DECISIONS = {
    Decision.ALLOW: policy_pb2.DECISION_ALLOW,
    Decision.DENY: policy_pb2.DECISION_DENY,
    Decision.REQUIRE_APPROVAL: policy_pb2.DECISION_REQUIRE_APPROVAL,
}
WEIGHTS = "tenants/{tenant}/policy/weights"


def inquiry_from_pb(request: pb.EvaluateRequest, *, principal: str, client_type: str) -> Inquiry:
    context = plain_struct(request.context, "context")
    # Rules may rely on `context.client_type` (the constitution's own example), so it is always there.
    context.setdefault("client_type", client_type)
    subject = request.subject
    return Inquiry(
        action=Action(
            request.action.name, request.action.tool, plain_struct(request.action.arguments, "action.arguments")
        ),
        subject=Subject(
            principal=subject.principal or principal,
            tenant=subject.tenant,
            roles=tuple(subject.roles),
            capabilities=tuple(subject.capabilities),
        ),
        resource=Resource(
            request.resource.name,
            request.resource.kind,
            plain_struct(request.resource.attributes, "resource.attributes"),
        ),
        context=context,
    )


def evaluation_pb(evaluation: Evaluation) -> pb.EvaluateResponse:
    return pb.EvaluateResponse(
        decision=_DECISIONS[evaluation.decision],
        score=evaluation.score,
        reason_codes=evaluation.reason_codes,
        fired_rules=[
            policy_pb2.FiredRule(rule_id=f.rule_id, reason_code=f.reason_code, weight=f.weight, overridden=f.overridden)
            for f in evaluation.fired
        ],
        rule_failures=[
            policy_pb2.RuleFailure(rule_id=f.rule_id, reason_code=f.reason_code, error=f.error)
            for f in evaluation.failures
        ],
        constitution_checksum=evaluation.checksum,
        constitution_version=evaluation.version,
        thresholds=constitution_pb2.Thresholds(allow_below=evaluation.allow_below, deny_above=evaluation.deny_above),
    )


def overrides_pb(overrides: WeightOverrides) -> policy_pb2.WeightOverrides:
    return policy_pb2.WeightOverrides(
        name=f"tenants/{overrides.tenant}/policy/weights",
        weights=dict(overrides.weights),
        update_time=timestamp(overrides.updated_at),
        updated_by=overrides.updated_by,
    )


def _credentials(context: ServicerContext, request_id: str) -> Credentials:
    authorization = ""
    for key, value in context.invocation_metadata() or ():
        if key == "authorization" and isinstance(value, str):
            authorization = value
    return Credentials(authorization, request_id)


class PolicyServicer(policy_service_pb2_grpc.PolicyServiceServicer):
    """Translates PolicyService calls to the policy use cases."""

    def __init__(self, engine: PolicyEngine) -> None:
        self._engine = engine

    async def Evaluate(self, request: pb.EvaluateRequest, context: ServicerContext) -> pb.EvaluateResponse:
        tenant = parse(request.parent, "tenants/{tenant}", field="parent")["tenant"]
        call = request_context.current()
        inquiry = inquiry_from_pb(request, principal=call.subject, client_type=call.client_type)
        evaluation = await self._engine.evaluate(
            tenant, inquiry, _credentials(context, call.request_id), constitution=call.constitution_checksum
        )
        return evaluation_pb(evaluation)

    async def GetWeightOverrides(
        self, request: pb.GetWeightOverridesRequest, context: ServicerContext
    ) -> pb.GetWeightOverridesResponse:
        tenant = parse(request.name, WEIGHTS, field="name")["tenant"]
        return pb.GetWeightOverridesResponse(weight_overrides=overrides_pb(await self._engine.get_overrides(tenant)))

    async def SetWeightOverrides(
        self, request: pb.SetWeightOverridesRequest, context: ServicerContext
    ) -> pb.SetWeightOverridesResponse:
        tenant = parse(request.name, WEIGHTS, field="name")["tenant"]
        stored = await self._engine.set_overrides(
            tenant, dict(request.weights), actor=request_context.current().subject
        )
        return pb.SetWeightOverridesResponse(weight_overrides=overrides_pb(stored))
