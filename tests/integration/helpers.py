"""Client-side helpers for integration tests: stubs with tokens, and reading rich errors."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from soma.identity.v1 import identity_pb2, identity_service_pb2_grpc
from soma.identity.v1 import identity_service_pb2 as pb
from somastack.config import Settings
from somastack.identity.bootstrap import issue_own_token
from somastack.testing import MeshProcess, TansuBroker, free_ports, start_mesh
from tests.conftest import REPO, require_env


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


@dataclass
class Failure:
    code: grpc.StatusCode
    message: str
    reason: str
    violations: list[tuple[str, str]]
    metadata: dict[str, str]


def failure(error: grpc.RpcError) -> Failure:
    """Code, ErrorInfo reason and BadRequest violations of a failed call."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    reason, violations, metadata = "", [], {}
    assert status is not None, f"no google.rpc.Status details on {error}"
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason, metadata = info.reason, dict(info.metadata)
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            violations = [(v.field, v.description) for v in bad.field_violations]
    return Failure(error.code(), error.details() or "", reason, violations, metadata)  # type: ignore[attr-defined]


def identity(channel: grpc.Channel) -> identity_service_pb2_grpc.IdentityServiceStub:
    return identity_service_pb2_grpc.IdentityServiceStub(channel)


def ensure_tenant_with_owner(channel: grpc.Channel, admin: str, tenant: str, owner: str = "olga") -> str:
    """Creates `tenant` with an owner (idempotent across tests) and returns the owner's token."""
    stub = identity(channel)
    try:
        stub.CreateTenant(
            pb.CreateTenantRequest(tenant_id=tenant, tenant=identity_pb2.Tenant(display_name=tenant.title())),
            metadata=bearer(admin),
        )
        stub.CreateUser(
            pb.CreateUserRequest(
                parent=f"tenants/{tenant}",
                user_id=owner,
                user=identity_pb2.User(display_name=owner.title()),
                role=identity_pb2.ROLE_OWNER,
            ),
            metadata=bearer(admin),
        )
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.ALREADY_EXISTS:  # type: ignore[attr-defined]
            raise
    issued = stub.IssueToken(pb.IssueTokenRequest(user=f"tenants/{tenant}/users/{owner}"), metadata=bearer(admin))
    return issued.access_token


def mesh_settings(mesh: MeshProcess) -> Settings:
    """The settings the mesh's services run with: where their databases are."""
    env = mesh.env
    return Settings(
        home=Path(env["SOMA_HOME"]),
        database_url=env.get("SOMA_DATABASE_URL") or None,
        db_schema_prefix=env.get("SOMA_DB_SCHEMA_PREFIX", "soma_"),
    )


def own_token(mesh: MeshProcess, user: str) -> str:
    """`user`'s own token (no `act` claim), as signing in gives it: a token the operator issues for someone names the
    operator as its actor, so tokens the operator minted for two users never make two people."""
    with ThreadPoolExecutor(1) as thread:  # callers may run in an event loop of their own
        return thread.submit(asyncio.run, issue_own_token(mesh_settings(mesh), user)).result()


@contextmanager
def mesh_on(engines: str, home: Path, schema_prefix: str, **env: str) -> Iterator[MeshProcess]:
    """A started `soma up` under `home`: on the embedded engines (`embedded`), or on PostgreSQL (its own schemas,
    named from `schema_prefix`), Redis and a Tansu broker (`postgres-redis-tansu`); stopped cleanly afterwards."""
    with ExitStack() as cleanup:
        if engines != "embedded":
            database = require_env("SOMA_TEST_POSTGRES_URL")
            redis = require_env("SOMA_TEST_REDIS_URL")
            broker = TansuBroker(free_ports(1)[0], home / "tansu.log")
            broker.start()
            cleanup.callback(broker.kill)
            env = {
                "SOMA_DATABASE_URL": database,
                "SOMA_DB_SCHEMA_PREFIX": f"{schema_prefix}{uuid.uuid4().hex[:8]}_",
                "SOMA_REDIS_URL": redis,
                "SOMA_KAFKA_BOOTSTRAP": broker.bootstrap,
                **env,
            }
        mesh = start_mesh(home / "mesh", cwd=REPO, **env)
        try:
            yield mesh
        finally:
            assert mesh.stop() == 0, mesh.log()


def signed_in(channel: grpc.Channel, admin: str, tenant: str, user: str = "olga") -> str:
    """The user's own token, as a person gets it: the operator resets the password, the user sets one and signs in."""
    stub = identity(channel)
    name = f"tenants/{tenant}/users/{user}"
    code = stub.ResetPassword(pb.ResetPasswordRequest(user=name), metadata=bearer(admin)).reset_code
    password = f"{user} keeps a long passphrase"
    stub.CompletePasswordReset(
        pb.CompletePasswordResetRequest(
            tenant=f"tenants/{tenant}", username=user, reset_code=code, new_password=password
        )
    )
    signed = stub.SignIn(pb.SignInRequest(tenant=f"tenants/{tenant}", username=user, password=password))
    return str(signed.tokens.access_token)
