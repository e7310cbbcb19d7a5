"""The people a bench acts as: a tenant with one member, Ada, and her token."""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from soma.identity.v1 import identity_pb2, identity_service_pb2_grpc
from soma.identity.v1 import identity_service_pb2 as ipb


async def member_token(
    identity: identity_service_pb2_grpc.IdentityServiceStub,
    tenant: str,
    display_name: str,
    admin: Sequence[tuple[str, str]],
) -> str:
    """Creates `tenant` and its member `ada` (or finds them from an earlier run) and returns Ada's token."""
    parent = f"tenants/{tenant}"
    try:
        await identity.CreateTenant(
            ipb.CreateTenantRequest(tenant_id=tenant, tenant=identity_pb2.Tenant(display_name=display_name)),
            metadata=admin,
        )
        await identity.CreateUser(
            ipb.CreateUserRequest(
                parent=parent, user_id="ada", user=identity_pb2.User(display_name="Ada"), role=identity_pb2.ROLE_MEMBER
            ),
            metadata=admin,
        )
    except grpc.aio.AioRpcError as error:
        if error.code() != grpc.StatusCode.ALREADY_EXISTS:
            raise
    token = await identity.IssueToken(ipb.IssueTokenRequest(user=f"{parent}/users/ada"), metadata=admin)
    return str(token.access_token)
