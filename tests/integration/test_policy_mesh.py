"""PolicyService through real Envoy, over gRPC and REST: decisions under the active constitution, overrides, errors."""

from __future__ import annotations

import time
import uuid

import grpc
import pytest
from google.protobuf import json_format, struct_pb2

from soma.constitution.v1 import constitution_pb2 as cpb
from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.policy.v1 import policy_pb2, policy_service_pb2_grpc
from soma.policy.v1 import policy_service_pb2 as pb
from somastack.constitution import signing
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity
from tests.integration.test_constitution_mesh import document, load

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"
TENANT, OTHER = "policy-acme", "policy-globex"


def stub(channel: grpc.Channel) -> policy_service_pb2_grpc.PolicyServiceStub:
    return policy_service_pb2_grpc.PolicyServiceStub(channel)


def constitution(*, delete_weight: float = 0.6, extra: tuple[cpb.PolicyRule, ...] = ()) -> cpb.Constitution:
    doc = document()
    doc.rules[0].weight = delete_weight
    doc.rules.extend(extra)
    return doc


def delete(parent: str = f"tenants/{TENANT}", **context: object) -> pb.EvaluateRequest:
    request = pb.EvaluateRequest(
        parent=parent,
        action=policy_pb2.Action(name="memory.delete", tool="memory"),
        resource=policy_pb2.Resource(name=f"{parent}/memories/m1", kind="memory"),
    )
    request.context.update(context)
    return request


def eventually(check: object, timeout: float = 15.0) -> None:
    """Polls `check()` until it is truthy: the constitution.updated event reaches the policy service asynchronously."""
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the policy service did not pick up the new constitution in time"
        time.sleep(0.1)


def test_evaluate_scores_decides_and_follows_constitution_updates(any_mesh: Mesh, channel: grpc.Channel) -> None:
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, TENANT))
    policy = stub(channel)
    first = constitution()
    load(any_mesh, channel, first)

    evaluated = policy.Evaluate(delete(), metadata=owner)
    assert evaluated.decision == policy_pb2.DECISION_REQUIRE_APPROVAL
    assert evaluated.score == pytest.approx(0.6) and list(evaluated.reason_codes) == ["DELETE"]
    assert [(r.rule_id, r.weight, r.overridden) for r in evaluated.fired_rules] == [("deletes", 0.6, False)]
    assert evaluated.constitution_checksum == signing.checksum(first)
    assert evaluated.constitution_version == first.version
    assert (evaluated.thresholds.allow_below, evaluated.thresholds.deny_above) == (0.3, 0.7)
    assert not evaluated.rule_failures

    # `context.client_type` comes from the caller's x-soma-client-type header unless the context sets it.
    from_ui = policy.Evaluate(delete(), metadata=(*owner, ("x-soma-client-type", "ui")))
    assert from_ui.score == pytest.approx(0.5) and list(from_ui.reason_codes) == ["DELETE", "UI"]
    harmless = policy.Evaluate(
        pb.EvaluateRequest(parent=f"tenants/{TENANT}", action=policy_pb2.Action(name="agent.reply")), metadata=owner
    )
    assert harmless.decision == policy_pb2.DECISION_ALLOW and harmless.score == 0.0

    # A new constitution changes the decision once its constitution.updated event drops the cached one.
    second = constitution(delete_weight=0.9)
    load(any_mesh, channel, second)
    eventually(lambda: policy.Evaluate(delete(), metadata=owner).constitution_checksum == signing.checksum(second))
    denied = policy.Evaluate(delete(), metadata=owner)
    assert denied.decision == policy_pb2.DECISION_DENY and denied.score == pytest.approx(0.9)

    # A caller that names the new checksum gets it at once, without waiting for the event.
    third = constitution(delete_weight=0.1)
    load(any_mesh, channel, third)
    header = (*owner, ("x-soma-constitution", signing.checksum(third)))
    allowed = policy.Evaluate(delete(), metadata=header)
    assert allowed.decision == policy_pb2.DECISION_ALLOW and allowed.constitution_checksum == signing.checksum(third)

    with pytest.raises(grpc.RpcError) as caught:
        policy.Evaluate(delete(), metadata=(*owner, ("x-soma-constitution", "0" * 64)))
    got = failure(caught.value)
    assert (got.code, got.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "CONSTITUTION_CHECKSUM_MISMATCH")
    assert (got.metadata["requested"], got.metadata["active"]) == ("0" * 64, signing.checksum(third))


def test_a_failing_rule_denies_and_names_itself(any_mesh: Mesh, channel: grpc.Channel) -> None:
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, TENANT))
    risky = cpb.PolicyRule(id="risky", expression="context.risk > 0.5", weight=-1.0, reason_code="RISK")
    doc = constitution(extra=(risky,))
    load(any_mesh, channel, doc)
    header = (*owner, ("x-soma-constitution", signing.checksum(doc)))
    result = stub(channel).Evaluate(delete(), metadata=header)
    assert result.decision == policy_pb2.DECISION_DENY
    assert [(f.rule_id, f.reason_code) for f in result.rule_failures] == [("risky", "RISK")]
    assert "risk" in result.rule_failures[0].error
    assert result.score == pytest.approx(0.6)  # the failing rule's -1.0 does not lower the risk
    fine = stub(channel).Evaluate(delete(risk=0.9), metadata=header)
    assert fine.decision == policy_pb2.DECISION_ALLOW and fine.score == pytest.approx(-0.4)


def test_weight_overrides_are_per_tenant(any_mesh: Mesh, channel: grpc.Channel) -> None:
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, TENANT))
    other = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, OTHER))
    doc = constitution()
    load(any_mesh, channel, doc)
    header = ("x-soma-constitution", signing.checksum(doc))
    policy = stub(channel)
    name = f"tenants/{TENANT}/policy/weights"

    stored = policy.SetWeightOverrides(
        pb.SetWeightOverridesRequest(name=name, weights={"deletes": 2.0}), metadata=owner
    )
    assert stored.weight_overrides.name == name and dict(stored.weight_overrides.weights) == {"deletes": 2.0}
    assert stored.weight_overrides.updated_by == f"tenants/{TENANT}/users/olga"
    got = policy.GetWeightOverrides(pb.GetWeightOverridesRequest(name=name), metadata=owner).weight_overrides
    assert got == stored.weight_overrides

    mine = policy.Evaluate(delete(), metadata=(*owner, header))
    assert mine.decision == policy_pb2.DECISION_DENY and mine.fired_rules[0].overridden
    theirs = policy.Evaluate(delete(f"tenants/{OTHER}"), metadata=(*other, header))
    assert theirs.decision == policy_pb2.DECISION_REQUIRE_APPROVAL and not theirs.fired_rules[0].overridden
    empty = policy.GetWeightOverrides(
        pb.GetWeightOverridesRequest(name=f"tenants/{OTHER}/policy/weights"), metadata=other
    ).weight_overrides
    assert dict(empty.weights) == {} and not empty.HasField("update_time")

    policy.SetWeightOverrides(pb.SetWeightOverridesRequest(name=name), metadata=owner)
    assert policy.Evaluate(delete(), metadata=(*owner, header)).decision == policy_pb2.DECISION_REQUIRE_APPROVAL


def test_bad_inputs_and_other_tenants_have_exact_codes(any_mesh: Mesh, channel: grpc.Channel) -> None:
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, TENANT))
    ensure_tenant_with_owner(channel, any_mesh.admin_token, OTHER)
    load(any_mesh, channel, constitution())
    policy = stub(channel)

    def code_and_reason(call: object, request: object, metadata: object = owner) -> tuple[grpc.StatusCode, str]:
        with pytest.raises(grpc.RpcError) as caught:
            call(request, metadata=metadata)  # type: ignore[operator]
        got = failure(caught.value)
        return got.code, got.reason

    invalid = (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID")
    assert code_and_reason(policy.Evaluate, pb.EvaluateRequest(parent=f"tenants/{TENANT}")) == invalid
    blank = pb.EvaluateRequest(parent=f"tenants/{TENANT}", action=policy_pb2.Action(name=" "))
    assert code_and_reason(policy.Evaluate, blank) == invalid
    foreign_subject = delete()
    foreign_subject.subject.tenant = OTHER
    with pytest.raises(grpc.RpcError) as caught:
        policy.Evaluate(foreign_subject, metadata=owner)
    assert failure(caught.value).violations[0][0] == "subject.tenant"
    assert code_and_reason(policy.Evaluate, delete(parent=f"tenants/{TENANT}/x")) == invalid
    bad_weights = pb.SetWeightOverridesRequest(name=f"tenants/{TENANT}/policy/weights", weights={"Bad Id": 1.0})
    assert code_and_reason(policy.SetWeightOverrides, bad_weights) == invalid
    huge = pb.SetWeightOverridesRequest(name=f"tenants/{TENANT}/policy/weights", weights={"deletes": 1e9})
    assert code_and_reason(policy.SetWeightOverrides, huge) == invalid
    wrong_name = pb.GetWeightOverridesRequest(name=f"tenants/{TENANT}/policy/other")
    assert code_and_reason(policy.GetWeightOverrides, wrong_name) == invalid

    mismatch = (grpc.StatusCode.PERMISSION_DENIED, "TENANT_MISMATCH")
    assert code_and_reason(policy.Evaluate, delete(f"tenants/{OTHER}")) == mismatch
    theirs = f"tenants/{OTHER}/policy/weights"
    assert code_and_reason(policy.GetWeightOverrides, pb.GetWeightOverridesRequest(name=theirs)) == mismatch
    assert code_and_reason(policy.SetWeightOverrides, pb.SetWeightOverridesRequest(name=theirs)) == mismatch

    assert code_and_reason(policy.Evaluate, delete(), ()) == (grpc.StatusCode.UNAUTHENTICATED, "TOKEN_MISSING")
    member = _member_token(channel, any_mesh.admin_token)
    # Members' actions are scored under their own token (policy.evaluate is a member capability) ...
    assert policy.Evaluate(delete(), metadata=bearer(member)).decision
    # ... and they hold every *.read capability, so they may read (but not set) their tenant's overrides.
    policy.GetWeightOverrides(
        pb.GetWeightOverridesRequest(name=f"tenants/{TENANT}/policy/weights"), metadata=bearer(member)
    )
    set_request = pb.SetWeightOverridesRequest(name=f"tenants/{TENANT}/policy/weights")
    assert code_and_reason(policy.SetWeightOverrides, set_request, bearer(member)) == (
        grpc.StatusCode.PERMISSION_DENIED,
        "CAPABILITY_MISSING",
    )


def _member_token(channel: grpc.Channel, admin: str) -> str:
    user = f"m{uuid.uuid4().hex[:8]}"
    stub_ = identity(channel)
    stub_.CreateUser(
        ipb.CreateUserRequest(
            parent=f"tenants/{TENANT}",
            user_id=user,
            user=identity_pb2.User(display_name="M"),
            role=identity_pb2.ROLE_MEMBER,
        ),
        metadata=bearer(admin),
    )
    issued = stub_.IssueToken(ipb.IssueTokenRequest(user=f"tenants/{TENANT}/users/{user}"), metadata=bearer(admin))
    return str(issued.access_token)


def test_the_same_over_rest(any_mesh: Mesh, channel: grpc.Channel) -> None:
    token = ensure_tenant_with_owner(channel, any_mesh.admin_token, TENANT)
    doc = constitution()
    load(any_mesh, channel, doc)
    headers = {"authorization": f"Bearer {token}", "x-soma-constitution": signing.checksum(doc)}
    with any_mesh.http(timeout=10) as http:
        weights = f"/v1/tenants/{TENANT}/policy/weights"
        assert http.put(weights, json={"weights": {}}, headers=headers).status_code == 200
        body = {
            "action": {"name": "memory.delete", "arguments": {"ids": ["m1", "m2"]}},
            "subject": {"roles": ["owner"]},
            "context": {"client_type": "ui"},
        }
        evaluated = http.post(f"/v1/tenants/{TENANT}/policy:evaluate", json=body, headers=headers)
        assert evaluated.status_code == 200, evaluated.text
        result = evaluated.json()
        assert result["decision"] == "DECISION_REQUIRE_APPROVAL" and result["reasonCodes"] == ["DELETE", "UI"]
        assert result["firedRules"][0] == {
            "ruleId": "deletes",
            "reasonCode": "DELETE",
            "weight": 0.6,
            "overridden": False,
        }
        assert result["score"] == pytest.approx(0.5)

        put = http.put(weights, json={"weights": {"deletes": 0.05}}, headers=headers)
        assert put.status_code == 200, put.text
        assert put.json()["weightOverrides"]["weights"] == {"deletes": 0.05}
        assert http.get(weights, headers=headers).json()["weightOverrides"]["weights"] == {"deletes": 0.05}
        allowed = http.post(f"/v1/tenants/{TENANT}/policy:evaluate", json=body, headers=headers).json()
        assert allowed["decision"] == "DECISION_ALLOW"

        missing = http.post(f"/v1/tenants/{TENANT}/policy:evaluate", json={}, headers=headers)
        assert missing.status_code == 400
        violations = next(d for d in missing.json()["details"] if d["@type"] == BAD_REQUEST)["fieldViolations"]
        assert violations[0]["field"] == "action"
        bad = http.put(weights, json={"weights": {"deletes": "NaN"}}, headers=headers)
        assert bad.status_code == 400
        assert next(d for d in bad.json()["details"] if d["@type"] == ERROR_INFO)["reason"] == "FIELD_INVALID"
        foreign = http.post(f"/v1/tenants/{OTHER}/policy:evaluate", json=body, headers=headers)
        assert foreign.status_code == 403
        assert next(d for d in foreign.json()["details"] if d["@type"] == ERROR_INFO)["reason"] == "TENANT_MISMATCH"
        assert http.post(f"/v1/tenants/{TENANT}/policy:evaluate", json=body).status_code == 401
        http.put(weights, json={"weights": {}}, headers=headers).raise_for_status()


def test_struct_context_reaches_the_rules(any_mesh: Mesh, channel: grpc.Channel) -> None:
    owner = bearer(ensure_tenant_with_owner(channel, any_mesh.admin_token, TENANT))
    bulk = cpb.PolicyRule(
        id="bulk",
        expression="size(action.arguments.ids) > 1 && 'owner' in subject.roles",
        weight=0.2,
        reason_code="BULK",
    )
    doc = constitution(extra=(bulk,))
    load(any_mesh, channel, doc)
    request = delete()
    request.action.arguments.update({"ids": ["a", "b"]})
    request.subject.roles.append("owner")
    arguments = struct_pb2.Struct()
    arguments.update({"ids": ["a", "b"]})
    assert json_format.MessageToDict(request.action.arguments) == json_format.MessageToDict(arguments)
    result = stub(channel).Evaluate(request, metadata=(*owner, ("x-soma-constitution", signing.checksum(doc))))
    assert [r.rule_id for r in result.fired_rules] == ["deletes", "bulk"] and result.score == pytest.approx(0.8)
