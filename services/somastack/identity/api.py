"""IdentityServicer: proto <-> domain for IdentityService, nothing else."""

from __future__ import annotations

from soma.identity.v1 import identity_pb2, identity_service_pb2, identity_service_pb2_grpc
from somastack.identity.codec import revocation_pb
from somastack.identity.directory import Directory
from somastack.identity.model import Membership, Role, Tenant, TrainingLock, User, UserState
from somastack.identity.tokens import TokenService
from somastack.identity.training import TrainingLocks
from somastack.platform.errors import invalid
from somastack.platform.principal import Principal
from somastack.platform.protoconv import seconds, timestamp
from somastack.runtime import context as request_context
from somastack.runtime.context import ServicerContext

pb = identity_service_pb2

_ROLE_TO_PROTO = {
    Role.MEMBER: identity_pb2.ROLE_MEMBER,
    Role.ADMIN: identity_pb2.ROLE_ADMIN,
    Role.OWNER: identity_pb2.ROLE_OWNER,
}
_ROLE_FROM_PROTO = {v: k for k, v in _ROLE_TO_PROTO.items()}
_STATE_TO_PROTO = {
    UserState.ACTIVE: identity_pb2.USER_STATE_ACTIVE,
    UserState.DISABLED: identity_pb2.USER_STATE_DISABLED,
}


def _actor() -> Principal:
    principal = request_context.current().principal
    assert principal is not None, "the runtime admits no unauthenticated call to a non-public RPC"
    return principal


def tenant_pb(tenant: Tenant) -> identity_pb2.Tenant:
    return identity_pb2.Tenant(
        name=tenant.name, display_name=tenant.display_name, create_time=timestamp(tenant.created_at)
    )


def user_pb(user: User) -> identity_pb2.User:
    return identity_pb2.User(
        name=user.name,
        display_name=user.display_name,
        email=user.email,
        state=_STATE_TO_PROTO[user.state],
        create_time=timestamp(user.created_at),
    )


def lock_pb(lock: TrainingLock, now: float) -> identity_pb2.TrainingLock:
    held = lock.held_at(now)
    return identity_pb2.TrainingLock(
        name=lock.name,
        held=held,
        holder=lock.holder or "" if held else "",
        acquire_time=timestamp(lock.acquired_at) if held else None,
        expire_time=timestamp(lock.expires_at) if held else None,
        reason=lock.reason if held else "",
    )


def _role(value: int, *, default: Role | None = None, field: str) -> Role:
    if value == identity_pb2.ROLE_UNSPECIFIED and default is not None:
        return default
    role: Role | None = _ROLE_FROM_PROTO.get(value)  # type: ignore[call-overload]
    if role is None:
        raise invalid(field, f"unknown role {value}")
    return role


class IdentityServicer(identity_service_pb2_grpc.IdentityServiceServicer):
    """Translates IdentityService calls to the directory, token and training-lock use cases."""

    def __init__(self, directory: Directory, tokens: TokenService, training: TrainingLocks) -> None:
        self._directory = directory
        self._tokens = tokens
        self._training = training

    def _membership_pb(self, membership: Membership) -> identity_pb2.Membership:
        return identity_pb2.Membership(
            name=membership.name,
            user=membership.user_name,
            role=_ROLE_TO_PROTO[membership.role],
            extra_capabilities=membership.extra_capabilities,
            capabilities=self._directory.capabilities_of(membership),
            etag=membership.etag,
            update_time=timestamp(membership.updated_at),
        )

    async def CreateTenant(self, request: pb.CreateTenantRequest, context: ServicerContext) -> pb.CreateTenantResponse:
        tenant = await self._directory.create_tenant(request.tenant_id, request.tenant.display_name)
        return pb.CreateTenantResponse(tenant=tenant_pb(tenant))

    async def GetTenant(self, request: pb.GetTenantRequest, context: ServicerContext) -> pb.GetTenantResponse:
        return pb.GetTenantResponse(tenant=tenant_pb(await self._directory.get_tenant(request.name)))

    async def ListTenants(self, request: pb.ListTenantsRequest, context: ServicerContext) -> pb.ListTenantsResponse:
        page = await self._directory.list_tenants(request.page_size, request.page_token)
        return pb.ListTenantsResponse(tenants=[tenant_pb(t) for t in page.items], next_page_token=page.next_page_token)

    async def CreateUser(self, request: pb.CreateUserRequest, context: ServicerContext) -> pb.CreateUserResponse:
        user = await self._directory.create_user(
            _actor(),
            request.parent,
            request.user_id,
            display_name=request.user.display_name,
            email=request.user.email,
            role=_role(request.role, default=Role.MEMBER, field="role"),
        )
        return pb.CreateUserResponse(user=user_pb(user))

    async def GetUser(self, request: pb.GetUserRequest, context: ServicerContext) -> pb.GetUserResponse:
        return pb.GetUserResponse(user=user_pb(await self._directory.get_user(request.name)))

    async def ListUsers(self, request: pb.ListUsersRequest, context: ServicerContext) -> pb.ListUsersResponse:
        page = await self._directory.list_users(request.parent, request.page_size, request.page_token)
        return pb.ListUsersResponse(users=[user_pb(u) for u in page.items], next_page_token=page.next_page_token)

    async def DisableUser(self, request: pb.DisableUserRequest, context: ServicerContext) -> pb.DisableUserResponse:
        return pb.DisableUserResponse(user=user_pb(await self._directory.disable_user(_actor(), request.name)))

    async def GetMembership(
        self, request: pb.GetMembershipRequest, context: ServicerContext
    ) -> pb.GetMembershipResponse:
        return pb.GetMembershipResponse(
            membership=self._membership_pb(await self._directory.get_membership(request.name))
        )

    async def ListMemberships(
        self, request: pb.ListMembershipsRequest, context: ServicerContext
    ) -> pb.ListMembershipsResponse:
        page = await self._directory.list_memberships(request.parent, request.page_size, request.page_token)
        return pb.ListMembershipsResponse(
            memberships=[self._membership_pb(m) for m in page.items], next_page_token=page.next_page_token
        )

    async def UpdateMembership(
        self, request: pb.UpdateMembershipRequest, context: ServicerContext
    ) -> pb.UpdateMembershipResponse:
        membership = await self._directory.update_membership(
            _actor(),
            request.membership.name,
            role=_role(request.membership.role, field="membership.role"),
            extras=request.membership.extra_capabilities,
            etag=request.etag or request.membership.etag,
        )
        return pb.UpdateMembershipResponse(membership=self._membership_pb(membership))

    async def IssueToken(self, request: pb.IssueTokenRequest, context: ServicerContext) -> pb.IssueTokenResponse:
        issued = await self._tokens.issue(_actor(), request.user, request.capabilities, seconds(request.ttl))
        return pb.IssueTokenResponse(
            access_token=issued.token,
            token_type="Bearer",
            expire_time=timestamp(issued.expires_at),
            capabilities=issued.capabilities,
            key_id=issued.kid,
        )

    async def RevokeTokens(self, request: pb.RevokeTokensRequest, context: ServicerContext) -> pb.RevokeTokensResponse:
        revocation = await self._directory.sign_out(_actor(), request.parent)
        return pb.RevokeTokensResponse(revocation=revocation_pb(revocation))

    async def ListTokenRevocations(
        self, request: pb.ListTokenRevocationsRequest, context: ServicerContext
    ) -> pb.ListTokenRevocationsResponse:
        page = await self._directory.list_revocations(request.page_size, request.page_token)
        return pb.ListTokenRevocationsResponse(
            revocations=[revocation_pb(r) for r in page.items], next_page_token=page.next_page_token
        )

    async def GetJwks(self, request: pb.GetJwksRequest, context: ServicerContext) -> pb.GetJwksResponse:
        keys = await self._tokens.jwks()
        return pb.GetJwksResponse(
            keys=[
                identity_pb2.JsonWebKey(kty="OKP", crv="Ed25519", x=k.public_x, kid=k.kid, alg="EdDSA", use="sig")
                for k in keys
            ]
        )

    async def RotateSigningKey(
        self, request: pb.RotateSigningKeyRequest, context: ServicerContext
    ) -> pb.RotateSigningKeyResponse:
        active, retired = await self._tokens.rotate()
        return pb.RotateSigningKeyResponse(active_key_id=active, retired_key_ids=retired)

    async def GetTrainingLock(
        self, request: pb.GetTrainingLockRequest, context: ServicerContext
    ) -> pb.GetTrainingLockResponse:
        lock, now = await self._training.get(request.name)
        return pb.GetTrainingLockResponse(training_lock=lock_pb(lock, now))

    async def StartTraining(
        self, request: pb.StartTrainingRequest, context: ServicerContext
    ) -> pb.StartTrainingResponse:
        lock, now = await self._training.start(_actor(), request.name, seconds(request.lease_duration), request.reason)
        return pb.StartTrainingResponse(training_lock=lock_pb(lock, now))

    async def StopTraining(self, request: pb.StopTrainingRequest, context: ServicerContext) -> pb.StopTrainingResponse:
        lock, now = await self._training.stop(_actor(), request.name)
        return pb.StopTrainingResponse(training_lock=lock_pb(lock, now))
