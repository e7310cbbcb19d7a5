"""ConstitutionService through real Envoy, over gRPC and REST: signed loads, refusals, rollback, the updated event."""

from __future__ import annotations

import asyncio
import base64
import sqlite3
import time
import uuid

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import json_format

from soma.constitution.v1 import constitution_pb2 as cpb
from soma.constitution.v1 import constitution_service_pb2 as pb
from soma.constitution.v1 import constitution_service_pb2_grpc
from soma.events.v1.envelope_pb2 import Event
from soma.identity.v1 import identity_service_pb2
from somastack.config import Settings
from somastack.constitution import signing
from somastack.platform.events import open_bus, payload_of
from tests.conftest import Mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"


def stub(channel: grpc.Channel) -> constitution_service_pb2_grpc.ConstitutionServiceStub:
    return constitution_service_pb2_grpc.ConstitutionServiceStub(channel)


def dev_key(mesh: Mesh) -> Ed25519PrivateKey:
    """The dev signer the mesh generated and trusts (dev stage only)."""
    return signing.load_private_key(mesh.home / "dev" / signing.DEV_KEY_FILE)


def document(version: str | None = None, *, expression: str = 'action.name == "memory.delete"') -> cpb.Constitution:
    return cpb.Constitution(
        version=version or f"it-{uuid.uuid4().hex[:10]}",
        title="Integration constitution",
        principles=[cpb.Principle(id="honesty", text="Agents never deceive their users.")],
        rules=[
            cpb.PolicyRule(
                id="deletes", description="Deleting memories", expression=expression, weight=0.6, reason_code="DELETE"
            ),
            cpb.PolicyRule(id="trusted-ui", expression="context.client_type == 'ui'", weight=-0.1, reason_code="UI"),
        ],
        thresholds=cpb.Thresholds(allow_below=0.3, deny_above=0.7),
    )


def signed(mesh: Mesh, doc: cpb.Constitution) -> list[cpb.Signature]:
    return [signing.sign(signing.checksum(doc), dev_key(mesh))]


def load(mesh: Mesh, channel: grpc.Channel, doc: cpb.Constitution) -> pb.LoadResponse:
    response: pb.LoadResponse = stub(channel).Load(
        pb.LoadRequest(constitution=doc, signatures=signed(mesh, doc)), metadata=bearer(mesh.admin_token)
    )
    return response


def test_load_get_active_list_and_rollback_over_grpc(any_mesh: Mesh, channel: grpc.Channel) -> None:
    constitution = stub(channel)
    first, second = document(), document(expression='action.name == "memory.export"')
    loaded = load(any_mesh, channel, first)
    assert loaded.changed and loaded.constitution_version.active
    assert loaded.constitution_version.checksum == signing.checksum(first)

    # Public: no token needed to read what every agent is held to.
    active = constitution.GetActive(pb.GetActiveRequest()).constitution_version
    assert active.constitution == first and active.version == first.version
    assert active.checksum == signing.checksum(active.constitution)  # a client can recompute it
    assert list(active.signers) == ["dev"] and active.loaded_by == "platform/admin"
    assert active.activate_time.seconds > 0
    checksum = constitution.GetChecksum(pb.GetChecksumRequest())
    assert (checksum.checksum, checksum.version) == (active.checksum, first.version)

    again = load(any_mesh, channel, first)
    assert not again.changed
    load(any_mesh, channel, second)
    assert constitution.GetChecksum(pb.GetChecksumRequest()).version == second.version

    admin = bearer(any_mesh.admin_token)
    back = constitution.Rollback(pb.RollbackRequest(version=first.version), metadata=admin)
    assert back.changed and back.constitution_version.checksum == signing.checksum(first)
    assert constitution.GetActive(pb.GetActiveRequest()).constitution_version.constitution == first
    forward = constitution.Rollback(pb.RollbackRequest(checksum=signing.checksum(second)), metadata=admin)
    assert forward.changed and constitution.GetChecksum(pb.GetChecksumRequest()).version == second.version

    listed = constitution.ListVersions(pb.ListVersionsRequest(page_size=2), metadata=admin)
    assert [v.version for v in listed.constitution_versions] == [second.version, first.version]
    assert [v.active for v in listed.constitution_versions] == [True, False]

    with pytest.raises(grpc.RpcError) as unknown:
        constitution.Rollback(pb.RollbackRequest(version="never-loaded"), metadata=admin)
    got = failure(unknown.value)
    assert (got.code, got.reason) == (grpc.StatusCode.NOT_FOUND, "CONSTITUTION_NOT_FOUND")


def test_refusals_each_have_their_clear_error(any_mesh: Mesh, channel: grpc.Channel) -> None:
    constitution = stub(channel)
    admin = bearer(any_mesh.admin_token)
    doc = document()
    digest = signing.checksum(doc)

    forged = signing.sign(digest, Ed25519PrivateKey.generate(), "dev")
    with pytest.raises(grpc.RpcError) as caught:
        constitution.Load(pb.LoadRequest(constitution=doc, signatures=[forged]), metadata=admin)
    got = failure(caught.value)
    assert (got.code, got.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "CONSTITUTION_SIGNATURE_INVALID")
    assert got.metadata["signerId"] == "dev" and got.violations[0][0] == "signatures[0].signature"

    # The dev signer's real signature, but of another document.
    misplaced = signing.sign(signing.checksum(document()), dev_key(any_mesh))
    with pytest.raises(grpc.RpcError) as caught:
        constitution.Load(pb.LoadRequest(constitution=doc, signatures=[misplaced]), metadata=admin)
    assert failure(caught.value).reason == "CONSTITUTION_SIGNATURE_INVALID"

    for signatures in ([], [signing.sign(digest, Ed25519PrivateKey.generate(), "mallory")]):
        with pytest.raises(grpc.RpcError) as caught:
            constitution.Load(pb.LoadRequest(constitution=doc, signatures=signatures), metadata=admin)
        got = failure(caught.value)
        assert (got.code, got.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "CONSTITUTION_QUORUM_NOT_MET")
        assert (got.metadata["have"], got.metadata["need"]) == ("0", "1")
    assert got.metadata["untrusted"] == "mallory"

    bad_cel = document(expression="action.name == 'x' &&")
    bad_cel.rules[1].expression = "exfiltrate(action)"
    with pytest.raises(grpc.RpcError) as caught:
        constitution.Load(pb.LoadRequest(constitution=bad_cel, signatures=signed(any_mesh, bad_cel)), metadata=admin)
    got = failure(caught.value)
    assert (got.code, got.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_INVALID")
    violations = dict(got.violations)
    assert set(violations) == {"constitution.rules[0].expression", "constitution.rules[1].expression"}
    assert "Syntax error" in violations["constitution.rules[0].expression"]
    assert "unknown function(s) exfiltrate" in violations["constitution.rules[1].expression"]

    malformed = cpb.Constitution(version="active", rules=[cpb.PolicyRule(id="r", expression="true")])
    with pytest.raises(grpc.RpcError) as caught:
        constitution.Load(pb.LoadRequest(constitution=malformed), metadata=admin)
    assert [f for f, _ in failure(caught.value).violations] == [
        "constitution.version",
        "constitution.title",
        "constitution.rules[0].reason_code",
        "constitution.thresholds",
    ]
    with pytest.raises(grpc.RpcError) as caught:
        constitution.Load(pb.LoadRequest(), metadata=admin)
    assert failure(caught.value).violations == [("constitution", "required field is missing")]

    # Changing the platform's rules takes a platform capability: a tenant owner has none.
    owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, f"const-{uuid.uuid4().hex[:6]}")
    with pytest.raises(grpc.RpcError) as caught:
        constitution.Load(pb.LoadRequest(constitution=doc, signatures=signed(any_mesh, doc)), metadata=bearer(owner))
    assert failure(caught.value).reason == "CAPABILITY_MISSING"
    with pytest.raises(grpc.RpcError) as caught:
        constitution.Rollback(pb.RollbackRequest(version=doc.version))
    assert failure(caught.value).reason == "TOKEN_MISSING"


def test_validate_reports_problems_and_checks_checksums(any_mesh: Mesh, channel: grpc.Channel) -> None:
    constitution = stub(channel)
    admin = bearer(any_mesh.admin_token)
    doc = document(expression="actor.name == 'x'")
    report = constitution.Validate(pb.ValidateRequest(constitution=doc), metadata=admin)
    assert not report.valid and report.checksum == signing.checksum(doc)
    assert [(p.field, p.reason) for p in report.problems] == [
        ("constitution.rules[0].expression", "FIELD_INVALID"),
        ("signatures", "CONSTITUTION_QUORUM_NOT_MET"),
    ]
    good = document()
    report = constitution.Validate(
        pb.ValidateRequest(constitution=good, signatures=signed(any_mesh, good)), metadata=admin
    )
    assert report.valid and list(report.signers) == ["dev"] and not report.active

    load(any_mesh, channel, good)
    active = constitution.Validate(pb.ValidateRequest(checksum=signing.checksum(good)), metadata=admin)
    assert active.valid and active.active and active.version == good.version
    stale = constitution.Validate(pb.ValidateRequest(checksum="0" * 64), metadata=admin)
    assert not stale.valid and stale.problems[0].reason == "CONSTITUTION_CHECKSUM_MISMATCH"
    assert stale.active_checksum == signing.checksum(good)


def test_the_same_flow_over_rest(any_mesh: Mesh) -> None:
    admin = {"authorization": f"Bearer {any_mesh.admin_token}"}
    doc = document()
    body = {
        "constitution": json_format.MessageToDict(doc),
        "signatures": [json_format.MessageToDict(s) for s in signed(any_mesh, doc)],
    }
    with any_mesh.http(timeout=10) as http:
        loaded = http.post("/v1/constitution:load", json=body, headers=admin)
        assert loaded.status_code == 200, loaded.text
        assert loaded.json()["constitutionVersion"]["checksum"] == signing.checksum(doc)
        assert loaded.json()["changed"] is True

        active = http.get("/v1/constitution")
        assert active.status_code == 200, active.text
        version = active.json()["constitutionVersion"]
        # Envoy prints fields at their default value too; the canonical form leaves them out, so it does not matter.
        assert version["constitution"] == json_format.MessageToDict(doc, always_print_fields_with_no_presence=True)
        assert version["signers"] == ["dev"]
        # What REST returns is the signed document: recomputing its checksum from the JSON gives the same value.
        parsed = json_format.ParseDict(version["constitution"], cpb.Constitution())
        assert signing.checksum(parsed) == version["checksum"]
        checksum = http.get("/v1/constitution:checksum").json()
        assert checksum["checksum"] == version["checksum"] and checksum["version"] == doc.version

        forged = {**body, "signatures": [{"signerId": "dev", "signature": base64.b64encode(b"\x01" * 64).decode()}]}
        refused = http.post("/v1/constitution:load", json=forged, headers=admin)
        assert refused.status_code == 400, refused.text
        info = next(d for d in refused.json()["details"] if d["@type"] == ERROR_INFO)
        assert info["reason"] == "CONSTITUTION_SIGNATURE_INVALID" and info["metadata"]["signerId"] == "dev"

        unsigned = http.post("/v1/constitution:load", json={**body, "signatures": []}, headers=admin)
        assert unsigned.status_code == 400, unsigned.text
        info = next(d for d in unsigned.json()["details"] if d["@type"] == ERROR_INFO)
        assert info["reason"] == "CONSTITUTION_QUORUM_NOT_MET" and info["metadata"]["need"] == "1"

        bad = json_format.MessageToDict(document(expression="1 +"))
        invalid = http.post("/v1/constitution:validate", json={"constitution": bad}, headers=admin)
        assert invalid.status_code == 200 and invalid.json()["valid"] is False
        assert invalid.json()["problems"][0]["field"] == "constitution.rules[0].expression"
        rejected = http.post("/v1/constitution:load", json={"constitution": bad}, headers=admin)
        assert rejected.status_code == 400
        violations = next(d for d in rejected.json()["details"] if d["@type"] == BAD_REQUEST)["fieldViolations"]
        assert violations[0]["field"] == "constitution.rules[0].expression"

        other = document()
        http.post(
            "/v1/constitution:load",
            json={
                "constitution": json_format.MessageToDict(other),
                "signatures": [json_format.MessageToDict(s) for s in signed(any_mesh, other)],
            },
            headers=admin,
        ).raise_for_status()
        back = http.post("/v1/constitution:rollback", json={"version": doc.version}, headers=admin)
        assert back.status_code == 200, back.text
        assert back.json()["constitutionVersion"]["active"] is True
        assert http.get("/v1/constitution:checksum").json()["version"] == doc.version
        listed = http.get("/v1/constitution/versions", params={"pageSize": 1}, headers=admin).json()
        assert len(listed["constitutionVersions"]) == 1 and listed["nextPageToken"]
        assert http.get("/v1/constitution/versions").status_code == 401


async def test_the_updated_event_reaches_consumers(mesh: Mesh) -> None:
    with mesh.channel() as channel:
        first, second = document(), document(expression="context.level > 2")
        load(mesh, channel, first)
        load(mesh, channel, second)
    # An independent consumer: a fresh group starts at the topic's earliest record.
    bus = open_bus(Settings(home=mesh.home), client_id="constitution-test")
    subscription = await bus.subscribe(f"it-{uuid.uuid4().hex[:8]}", ["constitution.updated"])
    found: dict[str, tuple[cpb.ConstitutionUpdated, Event]] = {}
    deadline = time.monotonic() + 20
    try:
        while second.version not in found and time.monotonic() < deadline:
            for delivery in await subscription.next(500, max_wait=0.5):
                event = Event.FromString(delivery.record.value)
                payload = payload_of(event, cpb.ConstitutionUpdated)
                assert payload is not None and event.type == "soma.constitution.v1.ConstitutionUpdated"
                found[payload.version] = (payload, event)
    finally:
        await subscription.close()
        await bus.close()
    updated, event = found[second.version]
    assert (updated.checksum, updated.previous_checksum) == (signing.checksum(second), signing.checksum(first))
    assert updated.kind == cpb.ACTIVATION_KIND_LOAD and event.tenant == "*" and event.request_id
    assert event.subject == f"constitution/versions/{second.version}"

    # The service consumed it too: its own cache-invalidation group recorded the event as handled.
    handled = None
    database = mesh.home / "dev" / "constitution.db"
    while handled is None and time.monotonic() < deadline:
        with sqlite3.connect(database) as connection:
            handled = connection.execute(
                "SELECT status FROM event_inbox WHERE consumer_group = ? AND event_id = ?",
                ("constitution-cache", event.id),
            ).fetchone()
        await asyncio.sleep(0.1)
    assert handled == ("handled",)


def test_tokens_carry_the_active_constitution(any_mesh: Mesh, channel: grpc.Channel) -> None:
    """Identity hears `constitution.updated` and stamps the active checksum into the tokens it issues."""
    load(any_mesh, channel, document())
    active = stub(channel).GetChecksum(pb.GetChecksumRequest()).checksum
    assert active
    tenant = f"claim-{uuid.uuid4().hex[:8]}"
    ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    deadline = time.monotonic() + 15
    claim = ""
    while time.monotonic() < deadline:
        issued = identity(channel).IssueToken(
            identity_service_pb2.IssueTokenRequest(user=f"tenants/{tenant}/users/olga"),
            metadata=bearer(any_mesh.admin_token),
        )
        claim = jwt.decode(issued.access_token, options={"verify_signature": False}).get("constitution", "")
        if claim == active:
            break
        time.sleep(0.2)
    assert claim == active
