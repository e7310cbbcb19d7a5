"""The audit trail through real Envoy, over gRPC and REST, on SQLite and PostgreSQL: mutating calls and refusals
are recorded with who, what and how it ended; tenants see only their trail; a tampered record is found."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from collections.abc import Callable

import asyncpg
import grpc
import pytest

from soma.audit.v1 import audit_pb2, audit_service_pb2_grpc
from soma.audit.v1 import audit_service_pb2 as pb
from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from tests.conftest import Mesh
from tests.integration.conftest import EVERY_ENGINE, every_mesh
from tests.integration.helpers import bearer, ensure_tenant_with_owner, failure, identity, signed_in

CREATE_USER = "soma.identity.v1.IdentityService.CreateUser"
REMEMBER = "soma.memory.v1.MemoryService.Remember"
#: Records reach the audit service through the spool, the relay, the bus and its consumer: a few seconds at most.
WITHIN = 10.0


@pytest.fixture(params=EVERY_ENGINE)
def any_mesh(request: pytest.FixtureRequest) -> Mesh:
    """This suite runs on the Kafka variant too: the records and revocations it checks cross the broker there."""
    return every_mesh(request)


def audit(channel: grpc.Channel) -> audit_service_pb2_grpc.AuditServiceStub:
    return audit_service_pb2_grpc.AuditServiceStub(channel)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def user_token(channel: grpc.Channel, admin: str, tenant: str, user: str, role: int) -> str:
    """Creates `user` in `tenant` with `role` (as the platform operator) and returns a token of theirs."""
    stub = identity(channel)
    stub.CreateUser(
        ipb.CreateUserRequest(parent=f"tenants/{tenant}", user_id=user, user=identity_pb2.User(), role=role),
        metadata=bearer(admin),
    )
    return stub.IssueToken(
        ipb.IssueTokenRequest(user=f"tenants/{tenant}/users/{user}"), metadata=bearer(admin)
    ).access_token


def wait_for(
    channel: grpc.Channel, token: str, parent: str, found: Callable[[audit_pb2.AuditRecord], bool], **filters: str
) -> audit_pb2.AuditRecord:
    """The first record of `parent` that `found` accepts, once the audit service has it."""
    deadline = time.monotonic() + WITHIN
    while True:
        listed = audit(channel).ListAuditRecords(
            pb.ListAuditRecordsRequest(parent=parent, page_size=500, **filters), metadata=bearer(token)
        )
        for record in listed.audit_records:
            if found(record):
                return record
        assert time.monotonic() < deadline, f"no such record in {parent} after {WITHIN}s: {listed.audit_records}"
        time.sleep(0.1)


def test_mutating_calls_and_refusals_are_recorded(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("aud")
    ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    owner = signed_in(channel, any_mesh.admin_token, tenant)  # olga's own token: she manages her tenant's users
    member = user_token(channel, any_mesh.admin_token, tenant, "mia", identity_pb2.ROLE_MEMBER)
    request_id = uuid.uuid4().hex
    headers = (
        *bearer(owner),
        ("x-request-id", request_id),
        ("x-soma-client-type", "cli"),
        ("x-soma-constitution", "c0ffee"),
    )
    identity(channel).CreateUser(
        ipb.CreateUserRequest(parent=f"tenants/{tenant}", user_id="max", user=identity_pb2.User()), metadata=headers
    )
    with pytest.raises(grpc.RpcError) as refused:
        identity(channel).CreateUser(
            ipb.CreateUserRequest(parent=f"tenants/{tenant}", user_id="eve", user=identity_pb2.User()),
            metadata=bearer(member),
        )
    assert failure(refused.value).reason == "CAPABILITY_MISSING"
    with any_mesh.http(timeout=10) as http:
        remembered = http.post(
            f"/v1/tenants/{tenant}/memories",
            json={"memory": {"kind": "MEMORY_KIND_SEMANTIC", "text": "the audit trail remembers"}},
            headers={"authorization": f"Bearer {member}", "x-soma-client-type": "ui"},
        )
        assert remembered.status_code == 200, remembered.text

    parent, olga, mia = f"tenants/{tenant}", f"tenants/{tenant}/users/olga", f"tenants/{tenant}/users/mia"
    created = wait_for(channel, owner, parent, lambda r: r.request_id == request_id)
    assert (created.rpc, created.resource, created.code, created.reason) == (CREATE_USER, parent, "OK", "")
    assert (created.subject, created.actor, created.tenant) == (olga, olga, tenant)
    assert (created.client_type, created.constitution_checksum, created.service) == ("cli", "c0ffee", "identity")
    assert created.kind == audit_pb2.AUDIT_KIND_RPC and created.time.seconds > time.time() - 60
    assert created.name == f"{parent}/auditRecords/{created.sequence}" and len(created.hash) == 64

    denied = wait_for(channel, owner, parent, lambda r: r.subject == mia and r.rpc == CREATE_USER)
    assert (denied.code, denied.reason, denied.resource) == ("PERMISSION_DENIED", "CAPABILITY_MISSING", parent)

    memory = wait_for(channel, owner, parent, lambda r: r.rpc == REMEMBER)
    assert (memory.subject, memory.code, memory.client_type, memory.service) == (mia, "OK", "ui", "memory")
    # Mia's token is one the operator minted for her: the operator is recorded as who acted.
    assert memory.actor == denied.actor == "platform/admin"

    # Reads are not audited: the owner's listings above left no record.
    every = audit(channel).ListAuditRecords(
        pb.ListAuditRecordsRequest(parent=parent, page_size=500), metadata=bearer(owner)
    )
    assert not any(r.rpc.endswith("ListAuditRecords") or r.rpc.endswith("GetUser") for r in every.audit_records)

    # The same trail over REST, filtered by principal and result.
    with any_mesh.http(timeout=10) as http:
        listed = http.get(
            f"/v1/{parent}/auditRecords",
            params={"principal": mia, "code": "PERMISSION_DENIED"},
            headers={"authorization": f"Bearer {owner}"},
        )
    assert listed.status_code == 200, listed.text
    records = listed.json()["auditRecords"]
    assert [(r["rpc"], r["reason"], r["subject"]) for r in records] == [(CREATE_USER, "CAPABILITY_MISSING", mia)]


def test_a_tenant_admin_sees_only_their_tenant(any_mesh: Mesh, channel: grpc.Channel) -> None:
    mine, theirs = unique("aud"), unique("aud")
    owner = ensure_tenant_with_owner(channel, any_mesh.admin_token, mine)
    ensure_tenant_with_owner(channel, any_mesh.admin_token, theirs)
    member = user_token(channel, any_mesh.admin_token, mine, "mia", identity_pb2.ROLE_MEMBER)
    for parent in (f"tenants/{theirs}", "tenants/-"):
        with pytest.raises(grpc.RpcError) as caught:
            audit(channel).ListAuditRecords(pb.ListAuditRecordsRequest(parent=parent), metadata=bearer(owner))
        got = failure(caught.value)
        assert (got.code, got.reason) == (grpc.StatusCode.PERMISSION_DENIED, "TENANT_MISMATCH")
    with pytest.raises(grpc.RpcError) as caught:
        audit(channel).VerifyAuditChain(pb.VerifyAuditChainRequest(parent=f"tenants/{theirs}"), metadata=bearer(owner))
    assert failure(caught.value).reason == "TENANT_MISMATCH"
    # Members do not read the trail: reviewing it is a tenant admin's.
    with pytest.raises(grpc.RpcError) as caught:
        audit(channel).ListAuditRecords(pb.ListAuditRecordsRequest(parent=f"tenants/{mine}"), metadata=bearer(member))
    assert (failure(caught.value).code, failure(caught.value).reason) == (
        grpc.StatusCode.PERMISSION_DENIED,
        "CAPABILITY_MISSING",
    )
    with any_mesh.http(timeout=10) as http:
        refused = http.get(f"/v1/tenants/{theirs}/auditRecords", headers={"authorization": f"Bearer {owner}"})
    assert refused.status_code == 403, refused.text

    # The owner's trail holds only its tenant; the platform operator reads both through `tenants/-`.
    wait_for(channel, owner, f"tenants/{mine}", lambda r: r.rpc == CREATE_USER)
    listed = audit(channel).ListAuditRecords(
        pb.ListAuditRecordsRequest(parent=f"tenants/{mine}"), metadata=bearer(owner)
    )
    assert listed.audit_records and {r.tenant for r in listed.audit_records} == {mine}
    for tenant in (mine, theirs):
        resource = f"tenants/{tenant}"
        wait_for(channel, any_mesh.admin_token, "tenants/-", lambda r, at=resource: r.resource == at, rpc=CREATE_USER)


def test_a_tampered_record_is_found(any_mesh: Mesh, channel: grpc.Channel) -> None:
    tenant = unique("aud")
    ensure_tenant_with_owner(channel, any_mesh.admin_token, tenant)
    owner = signed_in(channel, any_mesh.admin_token, tenant)
    for user in ("ann", "bob", "cat"):
        identity(channel).CreateUser(
            ipb.CreateUserRequest(parent=f"tenants/{tenant}", user_id=user, user=identity_pb2.User()),
            metadata=bearer(owner),
        )
    parent = f"tenants/{tenant}"
    wait_for(
        channel, owner, parent, lambda r: r.sequence >= 7
    )  # the owner's creation and token, the reset and sign-in, three users

    intact = audit(channel).VerifyAuditChain(pb.VerifyAuditChainRequest(parent=parent), metadata=bearer(owner))
    assert intact.intact and intact.records_checked >= 5 and len(intact.head_hashes[tenant]) == 64
    assert not intact.HasField("first_broken")

    tamper(any_mesh, tenant, sequence=3)
    broken = audit(channel).VerifyAuditChain(pb.VerifyAuditChainRequest(parent=parent), metadata=bearer(owner))
    assert not broken.intact
    assert (broken.first_broken.sequence, broken.first_broken.actor) == (3, "tenants/evil/users/mallory")
    assert broken.problem.startswith("hash mismatch")
    with any_mesh.http(timeout=10) as http:
        rest = http.get(f"/v1/{parent}/auditRecords:verify", headers={"authorization": f"Bearer {owner}"}).json()
    assert (rest.get("intact", False), rest["firstBroken"]["sequence"]) == (False, "3")
    # The platform operator's walk over every chain stops at the same record.
    every = audit(channel).VerifyAuditChain(
        pb.VerifyAuditChainRequest(parent="tenants/-"), metadata=bearer(any_mesh.admin_token)
    )
    assert not every.intact and (every.first_broken.tenant, every.first_broken.sequence) == (tenant, 3)


def tamper(mesh: Mesh, tenant: str, *, sequence: int) -> None:
    """Rewrites who acted in one record of the audit database, as an intruder with database access would: the
    append-only guard is lifted for the statement and put back."""
    statement = "UPDATE audit_records SET actor = 'tenants/evil/users/mallory' WHERE tenant = $1 AND sequence = $2"
    url = mesh.env.get("SOMA_DATABASE_URL")
    if url:
        schema = f"{mesh.env['SOMA_DB_SCHEMA_PREFIX']}audit"
        asyncio.run(_tamper_postgres(url, schema, statement, tenant, sequence))
        return
    path = next(mesh.home.rglob("audit.db"))
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER audit_records_no_update")
        db.execute(statement.replace("$1", "?").replace("$2", "?"), (tenant, sequence))
        db.execute(
            "CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records "
            "BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END"
        )
    db.close()


async def _tamper_postgres(url: str, schema: str, statement: str, tenant: str, sequence: int) -> None:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with connection.transaction():
            await connection.execute(f'SET LOCAL search_path TO "{schema}"')
            await connection.execute("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only")
            await connection.execute(statement, tenant, sequence)
            await connection.execute("ALTER TABLE audit_records ENABLE TRIGGER audit_records_append_only")
    finally:
        await connection.close()
