"""IdentityServicer: proto <-> domain for IdentityService, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from soma.identity.v1 import identity_pb2, identity_service_pb2, identity_service_pb2_grpc
from somastack.identity.accounts import Accounts
from somastack.identity.codec import revocation_pb
from somastack.identity.directory import Directory
from somastack.identity.model import Membership, Role, Tenant, TrainingLock, User, UserState
from somastack.identity.oidc import TOKEN_TYPE_ACCESS_TOKEN, OidcExchange
from somastack.identity.refresh import RefreshTokens, TokenPair
from somastack.identity.sessions import AccountState, SignInOptions, SignInSessions
from somastack.identity.signin_ports import ClaimMatch, OidcProvider, RefreshFamily, SignInClient, SignInMethod
from somastack.identity.tokens import TokenService
from somastack.identity.training import TrainingLocks
from somastack.platform import names
from somastack.platform.audit.notes import SIGN_IN, annotate
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


@dataclass(frozen=True)
class SignInUseCases:
    """What the sign-in RPCs call: local accounts, refresh-token families, token exchange."""

    accounts: Accounts
    refresh: RefreshTokens
    oidc: OidcExchange
    sessions: SignInSessions


_METHOD_TO_PROTO = {
    SignInMethod.PASSWORD: identity_pb2.SIGN_IN_METHOD_PASSWORD,
    SignInMethod.PASSWORD_TOTP: identity_pb2.SIGN_IN_METHOD_PASSWORD_TOTP,
    SignInMethod.PASSWORD_RECOVERY_CODE: identity_pb2.SIGN_IN_METHOD_PASSWORD_RECOVERY_CODE,
    SignInMethod.OIDC: identity_pb2.SIGN_IN_METHOD_OIDC,
}
_TOTP_TO_PROTO = {
    "none": identity_pb2.TOTP_STATE_NONE,
    "pending": identity_pb2.TOTP_STATE_PENDING,
    "confirmed": identity_pb2.TOTP_STATE_CONFIRMED,
}


def session_pb(family: RefreshFamily, caller: Principal) -> identity_pb2.SignInSession:
    return identity_pb2.SignInSession(
        name=family.name,
        method=_METHOD_TO_PROTO[family.method],
        user_agent=family.user_agent,
        create_time=timestamp(family.created_at),
        last_refresh_time=timestamp(family.last_refresh_at) if family.last_refresh_at else None,
        expire_time=timestamp(family.expires_at),
        current=bool(caller.session) and caller.session == family.id,
    )


def account_pb(state: AccountState) -> identity_pb2.Account:
    return identity_pb2.Account(
        name=state.name,
        password_set=state.password_set,
        password_update_time=timestamp(state.password_changed_at) if state.password_changed_at else None,
        totp_state=_TOTP_TO_PROTO[state.totp],
        recovery_codes_left=state.recovery_codes_left,
    )


def options_pb(options: SignInOptions) -> identity_pb2.SignInOptions:
    sso = identity_pb2.SingleSignOn(issuer=options.issuer, client_id=options.client_id) if options.issuer else None
    return identity_pb2.SignInOptions(name=options.name, password=True, single_sign_on=sso)


def _user_agent(context: ServicerContext) -> str:
    """The client's `user-agent` (through Envoy's REST mapping, the browser's), as it signs in."""
    for key, value in context.invocation_metadata() or ():
        if key == "user-agent":
            return str(value)[:256]
    return ""


def _signing_in(tenant: str) -> None:
    """Marks the call's audit record as a sign-in to `tenant`, `tenants/{tenant}` when well formed (its user is added
    once known; a malformed name is refused as INVALID_ARGUMENT and names no tenant's trail)."""
    tenant_id = names.tenant_of(tenant) or ""
    well_formed = tenant == f"tenants/{tenant_id}" and names.TENANT_ID.match(tenant_id) is not None
    annotate(kind=SIGN_IN, tenant=tenant_id if well_formed else "")


def pair_pb(pair: TokenPair) -> pb.TokenPair:
    return pb.TokenPair(
        access_token=pair.access_token,
        token_type="Bearer",
        expire_time=timestamp(pair.expires_at),
        refresh_token=pair.refresh_token,
        refresh_expire_time=timestamp(pair.refresh_expires_at),
        user=pair.user,
        capabilities=pair.capabilities,
    )


_MATCH_TO_PROTO = {
    ClaimMatch.EMAIL: identity_pb2.USER_CLAIM_MATCH_EMAIL,
    ClaimMatch.USER_ID: identity_pb2.USER_CLAIM_MATCH_USER_ID,
}


def oidc_provider_pb(provider: OidcProvider) -> identity_pb2.OidcProvider:
    return identity_pb2.OidcProvider(
        name=provider.name,
        issuer=provider.issuer,
        audience=provider.audience,
        jwks_url=provider.jwks_url,
        user_claim=provider.user_claim,
        user_claim_match=_MATCH_TO_PROTO[provider.match],
        auto_provision=provider.auto_provision,
        update_time=timestamp(provider.updated_at),
    )


def oidc_provider_from_pb(message: identity_pb2.OidcProvider) -> OidcProvider:
    tenant = names.parse(message.name, "tenants/{tenant}/oidcProvider", field="oidc_provider.name")["tenant"]
    match = (
        ClaimMatch.USER_ID if message.user_claim_match == identity_pb2.USER_CLAIM_MATCH_USER_ID else ClaimMatch.EMAIL
    )
    return OidcProvider(
        tenant,
        message.issuer.strip(),
        message.audience,
        message.jwks_url.strip(),
        message.user_claim.strip() or "email",
        match,
        message.auto_provision,
        0.0,
    )


class IdentityServicer(identity_service_pb2_grpc.IdentityServiceServicer):
    """Translates IdentityService calls to the directory, token and training-lock use cases."""

    def __init__(
        self, directory: Directory, tokens: TokenService, training: TrainingLocks, signin: SignInUseCases
    ) -> None:
        self._directory = directory
        self._tokens = tokens
        self._training = training
        self._accounts = signin.accounts
        self._refresh = signin.refresh
        self._oidc = signin.oidc
        self._sessions = signin.sessions

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

    # -- sign-in ------------------------------------------------------------------------------

    async def SignIn(self, request: pb.SignInRequest, context: ServicerContext) -> pb.SignInResponse:
        _signing_in(request.tenant)
        user, method = await self._accounts.verify_sign_in(
            request.tenant,
            request.username,
            request.password,
            totp_code=request.totp_code,
            recovery_code=request.recovery_code,
        )
        pair = await self._refresh.start(user, SignInClient(method, _user_agent(context)))
        return pb.SignInResponse(tokens=pair_pb(pair))

    async def RefreshToken(self, request: pb.RefreshTokenRequest, context: ServicerContext) -> pb.RefreshTokenResponse:
        _signing_in("")
        return pb.RefreshTokenResponse(tokens=pair_pb(await self._refresh.refresh(request.refresh_token)))

    async def SignOut(self, request: pb.SignOutRequest, context: ServicerContext) -> pb.SignOutResponse:
        _signing_in("")
        await self._refresh.sign_out(request.refresh_token)
        return pb.SignOutResponse()

    async def GetSignInOptions(
        self, request: pb.GetSignInOptionsRequest, context: ServicerContext
    ) -> pb.GetSignInOptionsResponse:
        return pb.GetSignInOptionsResponse(sign_in_options=options_pb(await self._sessions.options(request.name)))

    async def GetAccount(self, request: pb.GetAccountRequest, context: ServicerContext) -> pb.GetAccountResponse:
        return pb.GetAccountResponse(account=account_pb(await self._sessions.account(_actor(), request.name)))

    async def ListSignInSessions(
        self, request: pb.ListSignInSessionsRequest, context: ServicerContext
    ) -> pb.ListSignInSessionsResponse:
        caller = _actor()
        families, token = await self._sessions.list(caller, request.parent, request.page_size, request.page_token)
        return pb.ListSignInSessionsResponse(
            sign_in_sessions=[session_pb(f, caller) for f in families], next_page_token=token
        )

    async def RevokeSignInSession(
        self, request: pb.RevokeSignInSessionRequest, context: ServicerContext
    ) -> pb.RevokeSignInSessionResponse:
        revocation = await self._sessions.revoke(_actor(), request.name)
        return pb.RevokeSignInSessionResponse(revocation=revocation_pb(revocation))

    async def ExchangeToken(
        self, request: pb.ExchangeTokenRequest, context: ServicerContext
    ) -> pb.ExchangeTokenResponse:
        if request.requested_token_type not in ("", TOKEN_TYPE_ACCESS_TOKEN):
            raise invalid("requested_token_type", f"must be {TOKEN_TYPE_ACCESS_TOKEN} when set")
        _signing_in(request.tenant)
        user = await self._oidc.exchange(
            request.tenant, request.subject_token, request.subject_token_type, request.grant_type
        )
        annotate(subject=user.name)
        pair = await self._refresh.start(user, SignInClient(SignInMethod.OIDC, _user_agent(context)))
        return pb.ExchangeTokenResponse(tokens=pair_pb(pair), issued_token_type=TOKEN_TYPE_ACCESS_TOKEN)

    async def ChangePassword(
        self, request: pb.ChangePasswordRequest, context: ServicerContext
    ) -> pb.ChangePasswordResponse:
        user = await self._accounts.change_password(
            _actor(), request.user, request.current_password, request.new_password
        )
        await self._refresh.sign_out_everywhere(user)
        return pb.ChangePasswordResponse()

    async def ResetPassword(
        self, request: pb.ResetPasswordRequest, context: ServicerContext
    ) -> pb.ResetPasswordResponse:
        code, expires = await self._accounts.start_reset(_actor(), request.user)
        return pb.ResetPasswordResponse(reset_code=code, expire_time=timestamp(expires))

    async def CompletePasswordReset(
        self, request: pb.CompletePasswordResetRequest, context: ServicerContext
    ) -> pb.CompletePasswordResetResponse:
        _signing_in(request.tenant)
        user = await self._accounts.complete_reset(
            request.tenant, request.username, request.reset_code, request.new_password
        )
        await self._refresh.sign_out_everywhere(user)
        return pb.CompletePasswordResetResponse()

    async def EnrollTotp(self, request: pb.EnrollTotpRequest, context: ServicerContext) -> pb.EnrollTotpResponse:
        uri, secret = await self._accounts.enroll_totp(_actor(), request.user)
        return pb.EnrollTotpResponse(otpauth_uri=uri, secret=secret)

    async def ConfirmTotp(self, request: pb.ConfirmTotpRequest, context: ServicerContext) -> pb.ConfirmTotpResponse:
        codes = await self._accounts.confirm_totp(_actor(), request.user, request.code)
        return pb.ConfirmTotpResponse(recovery_codes=codes)

    async def GetOidcProvider(
        self, request: pb.GetOidcProviderRequest, context: ServicerContext
    ) -> pb.GetOidcProviderResponse:
        return pb.GetOidcProviderResponse(oidc_provider=oidc_provider_pb(await self._oidc.get(request.name)))

    async def UpdateOidcProvider(
        self, request: pb.UpdateOidcProviderRequest, context: ServicerContext
    ) -> pb.UpdateOidcProviderResponse:
        stored = await self._oidc.put(_actor(), oidc_provider_from_pb(request.oidc_provider))
        return pb.UpdateOidcProviderResponse(oidc_provider=oidc_provider_pb(stored))
