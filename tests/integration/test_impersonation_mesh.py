"""Tokens that say who acts, through real Envoy on gRPC and REST, on SQLite and PostgreSQL.

The insider attacks of the trust review: an admin minting a token for another admin (or the owner) to approve their
own session or promote themselves; and the operator, the one who may impersonate, turning both keys alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import grpc
import httpx
import jwt
import pytest

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as ipb
from soma.orchestrator.v1 import session_pb2 as S
from soma.orchestrator.v1 import session_service_pb2 as pb
from somastack.identity.adapters.sql_store import SqlIdentityStore
from somastack.identity.directory import Directory
from somastack.identity.roles import Capabilities
from somastack.identity.tokens import TokenService
from somastack.platform.db import create_engine
from somastack.platform.kek import sealer_for
from somastack.runtime.contract import capability_catalogue
from tests.conftest import Mesh
from tests.integration.conftest import EVERY_ENGINE, every_mesh
from tests.integration.helpers import bearer, failure, identity, mesh_settings, own_token
from tests.integration.test_orchestrator_mesh import PARENT, people, start, stub, user_token

IMPERSONATE = "platform.tokens.impersonate"
OPERATOR = "platform/admin"


@pytest.fixture(params=EVERY_ENGINE)
def any_mesh(request: pytest.FixtureRequest) -> Mesh:
    """This suite runs on the Kafka variant too: the records and revocations it checks cross the broker there."""
    return every_mesh(request)


@pytest.fixture
def http(any_mesh: Mesh) -> Iterator[httpx.Client]:
    with any_mesh.http(timeout=30) as client:
        yield client


def user(name: str) -> str:
    return f"{PARENT}/users/{name}"


def minted(mesh: Mesh, name: str) -> str:
    """A token the operator mints for `name` through IssueToken: an impersonation token."""
    with mesh.channel() as channel:
        issued = identity(channel).IssueToken(ipb.IssueTokenRequest(user=user(name)), metadata=bearer(mesh.admin_token))
    return str(issued.access_token)


def operator_token(mesh: Mesh, capabilities: Iterable[str]) -> str:
    """An operator token narrowed to `capabilities`, signed with identity's active key."""

    async def issue() -> str:
        settings = mesh_settings(mesh)
        engine = create_engine(settings, "identity")
        try:
            store = SqlIdentityStore(engine, sealer=sealer_for(settings))
            directory = Directory(store, Capabilities(capability_catalogue()))
            tokens = TokenService(
                store,
                directory,
                issuer="soma-identity",
                audience="soma",
                default_ttl=600,
                max_ttl=600,
                verify_window=600,
            )
            await tokens.ensure_key()
            return tokens.issue_platform_token(capabilities, 600).token
        finally:
            await engine.dispose()

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, issue()).result()


def refused(call: object) -> tuple[grpc.StatusCode, str, dict[str, str]]:
    with pytest.raises(grpc.RpcError) as caught:
        call()  # type: ignore[operator]
    got = failure(caught.value)
    return got.code, got.reason, {k: v for k, v in got.metadata.items() if k != "requestId"}


def rest_reason(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["details"][0]["reason"]


def test_impersonation_needs_the_operator_capability(any_mesh: Mesh, channel: grpc.Channel, http: httpx.Client) -> None:
    people(any_mesh, channel)
    ada = own_token(any_mesh, user("ada"))
    user_token(any_mesh, channel, PARENT.split("/")[1], "grace", identity_pb2.ROLE_ADMIN)
    ids = identity(channel)
    # An admin mints a token for another admin, or for the owner: refused, whatever they ask for.
    for target in ("grace", "olga"):
        request = ipb.IssueTokenRequest(user=user(target), capabilities=["identity.users.read"])
        got = refused(lambda r=request: ids.IssueToken(r, metadata=bearer(ada)))
        assert got == (grpc.StatusCode.PERMISSION_DENIED, "CAPABILITY_MISSING", {"capability": IMPERSONATE})
        rest = http.post(f"/v1/{user(target)}:issueToken", json={}, headers={"authorization": f"Bearer {ada}"})
        assert rest_reason(rest) == (403, "CAPABILITY_MISSING")
        assert rest.json()["details"][0]["metadata"]["capability"] == IMPERSONATE
    # For herself, with her own token: as before, and no actor.
    mine = ids.IssueToken(ipb.IssueTokenRequest(user=user("ada")), metadata=bearer(ada))
    assert "act" not in jwt.decode(mine.access_token, options={"verify_signature": False})


def test_impersonation_never_reaches_above_the_impersonator(
    any_mesh: Mesh, channel: grpc.Channel, http: httpx.Client
) -> None:
    people(any_mesh, channel)
    narrow = operator_token(any_mesh, ["identity.tokens.issue", IMPERSONATE, "identity.users.read"])
    ids = identity(channel)
    code, reason, metadata = refused(
        lambda: ids.IssueToken(ipb.IssueTokenRequest(user=user("olga")), metadata=bearer(narrow))
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "GRANT_NOT_ALLOWED")
    assert "identity.memberships.write" in metadata["capabilities"].split(",")
    rest = http.post(f"/v1/{user('olga')}:issueToken", json={}, headers={"authorization": f"Bearer {narrow}"})
    assert rest_reason(rest) == (403, "GRANT_NOT_ALLOWED")

    within = ids.IssueToken(
        ipb.IssueTokenRequest(user=user("olga"), capabilities=["identity.users.read"]), metadata=bearer(narrow)
    )
    claims = jwt.decode(within.access_token, options={"verify_signature": False})
    assert claims["sub"] == user("olga") and claims["act"] == {"sub": OPERATOR}
    assert claims["caps"] == ["identity.users.read"]


def test_self_promotion_through_an_owner_impersonation_token_is_refused(
    any_mesh: Mesh, channel: grpc.Channel, http: httpx.Client
) -> None:
    people(any_mesh, channel)
    ids = identity(channel)
    ada = own_token(any_mesh, user("ada"))
    # The admin cannot mint the owner's token at all...
    got = refused(lambda: ids.IssueToken(ipb.IssueTokenRequest(user=user("olga")), metadata=bearer(ada)))
    assert got[:2] == (grpc.StatusCode.PERMISSION_DENIED, "CAPABILITY_MISSING")
    # ...and an owner token the operator minted changes no role, creates no user and mints nothing.
    as_olga = bearer(minted(any_mesh, "olga"))
    membership = ids.GetMembership(ipb.GetMembershipRequest(name=f"{PARENT}/memberships/ada"), metadata=as_olga)
    promote = ipb.UpdateMembershipRequest(
        membership=identity_pb2.Membership(name=membership.membership.name, role=identity_pb2.ROLE_OWNER)
    )
    attempts = [
        lambda: ids.UpdateMembership(promote, metadata=as_olga),
        lambda: ids.CreateUser(
            ipb.CreateUserRequest(
                parent=PARENT, user_id="mallory", user=identity_pb2.User(), role=identity_pb2.ROLE_OWNER
            ),
            metadata=as_olga,
        ),
        lambda: ids.IssueToken(ipb.IssueTokenRequest(user=user("olga")), metadata=as_olga),
        lambda: ids.IssueToken(ipb.IssueTokenRequest(user=user("ada")), metadata=as_olga),
    ]
    for attempt in attempts:
        assert refused(attempt) == (
            grpc.StatusCode.PERMISSION_DENIED,
            "IMPERSONATION_NOT_ALLOWED",
            {"actor": OPERATOR},
        )
    rest = http.patch(
        f"/v1/{PARENT}/memberships/ada",
        json={"role": "ROLE_OWNER"},
        headers={"authorization": as_olga[0][1]},
    )
    assert rest_reason(rest) == (403, "IMPERSONATION_NOT_ALLOWED")
    after = ids.GetMembership(ipb.GetMembershipRequest(name=f"{PARENT}/memberships/ada"), metadata=as_olga)
    assert after.membership.role == identity_pb2.ROLE_ADMIN


def test_one_person_never_turns_both_keys_and_approvals_record_who_acted(
    any_mesh: Mesh, channel: grpc.Channel, http: httpx.Client
) -> None:
    people(any_mesh, channel)
    user_token(any_mesh, channel, PARENT.split("/")[1], "grace", identity_pb2.ROLE_ADMIN)
    sessions = stub(channel)
    operator = bearer(any_mesh.admin_token)
    as_ada, as_grace = bearer(minted(any_mesh, "ada")), bearer(minted(any_mesh, "grace"))

    # The operator starts a session as ada: ada and the operator are its requesters.
    pending = sessions.StartSession(start("Purge the audit bucket", risk=0.6), metadata=as_ada).session
    assert pending.state == S.SESSION_STATE_PENDING_APPROVAL
    assert (pending.requester, pending.requester_actor) == (user("ada"), OPERATOR)
    approve = pb.ApproveSessionRequest(name=pending.name, approve=True)
    for second_token in (operator, as_grace, bearer(own_token(any_mesh, user("ada")))):
        code, reason, metadata = refused(lambda t=second_token: sessions.ApproveSession(approve, metadata=t))
        assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "SELF_APPROVAL")
        assert (metadata["requester"], metadata["requesterActor"]) == (user("ada"), OPERATOR)
    rest = http.post(f"/v1/{pending.name}:approve", json={"approve": True}, headers=dict(as_grace))
    assert rest_reason(rest) == (403, "SELF_APPROVAL")

    # Grace, with her own token, is a second person: her approval records her and no actor.
    grace = bearer(own_token(any_mesh, user("grace")))
    done = sessions.ApproveSession(approve, metadata=grace).session
    assert done.state == S.SESSION_STATE_SUCCEEDED, done.error
    assert (done.approval.approver, done.approval.approver_actor) == (user("grace"), "")

    # Ada's own session, approved by the operator acting as grace: both are recorded, on the session and its step.
    mine = sessions.StartSession(
        start("Rotate the backups", risk=0.6), metadata=bearer(own_token(any_mesh, user("ada")))
    )
    assert mine.session.requester_actor == ""
    approved = http.post(
        f"/v1/{mine.session.name}:approve", json={"approve": True, "comment": "on call"}, headers=dict(as_grace)
    )
    assert approved.status_code == 200, approved.text
    body = approved.json()["session"]
    assert body["approval"]["approver"] == user("grace") and body["approval"]["approverActor"] == OPERATOR
    step = next(s for s in body["steps"] if s["kind"] == "STEP_KIND_APPROVAL")
    assert (step["detail"]["approver"], step["detail"]["approverActor"]) == (user("grace"), OPERATOR)
    got = sessions.GetSession(pb.GetSessionRequest(name=mine.session.name), metadata=operator).session
    assert (got.approval.approver, got.approval.approver_actor) == (user("grace"), OPERATOR)
