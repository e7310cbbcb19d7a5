import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/identity/v1/identity.proto.
 */
export declare const file_soma_identity_v1_identity: GenFile;
/**
 * Tenant is an isolated organisation, named `tenants/{tenant}`. Nothing of one
 * tenant is visible to another.
 *
 * @generated from message soma.identity.v1.Tenant
 */
export type Tenant = Message<"soma.identity.v1.Tenant"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Required. A human-readable name.
     *
     * @generated from field: string display_name = 2;
     */
    displayName: string;
    /**
     * Output only. When the tenant was created.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 3;
     */
    createTime?: Timestamp | undefined;
};
/**
 * Tenant is an isolated organisation, named `tenants/{tenant}`. Nothing of one
 * tenant is visible to another.
 *
 * @generated from message soma.identity.v1.Tenant
 */
export type TenantJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Required. A human-readable name.
     *
     * @generated from field: string display_name = 2;
     */
    displayName?: string;
    /**
     * Output only. When the tenant was created.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 3;
     */
    createTime?: TimestampJson;
};
/**
 * Describes the message soma.identity.v1.Tenant.
 * Use `create(TenantSchema)` to create a new message.
 */
export declare const TenantSchema: GenMessage<Tenant, {
    jsonType: TenantJson;
}>;
/**
 * User is a person or agent of a tenant, named `tenants/{tenant}/users/{user}`.
 *
 * @generated from message soma.identity.v1.User
 */
export type User = Message<"soma.identity.v1.User"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. A human-readable name.
     *
     * @generated from field: string display_name = 2;
     */
    displayName: string;
    /**
     * Optional. The e-mail address; unique within the tenant when set.
     *
     * @generated from field: string email = 3;
     */
    email: string;
    /**
     * Output only. Whether the user may receive tokens.
     *
     * @generated from field: soma.identity.v1.UserState state = 4;
     */
    state: UserState;
    /**
     * Output only. When the user was created.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 5;
     */
    createTime?: Timestamp | undefined;
};
/**
 * User is a person or agent of a tenant, named `tenants/{tenant}/users/{user}`.
 *
 * @generated from message soma.identity.v1.User
 */
export type UserJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. A human-readable name.
     *
     * @generated from field: string display_name = 2;
     */
    displayName?: string;
    /**
     * Optional. The e-mail address; unique within the tenant when set.
     *
     * @generated from field: string email = 3;
     */
    email?: string;
    /**
     * Output only. Whether the user may receive tokens.
     *
     * @generated from field: soma.identity.v1.UserState state = 4;
     */
    state?: UserStateJson;
    /**
     * Output only. When the user was created.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 5;
     */
    createTime?: TimestampJson;
};
/**
 * Describes the message soma.identity.v1.User.
 * Use `create(UserSchema)` to create a new message.
 */
export declare const UserSchema: GenMessage<User, {
    jsonType: UserJson;
}>;
/**
 * Membership grants a user capabilities in a tenant, named
 * `tenants/{tenant}/memberships/{user}`. A user has exactly one membership in
 * its tenant.
 *
 * @generated from message soma.identity.v1.Membership
 */
export type Membership = Message<"soma.identity.v1.Membership"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/memberships/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 2;
     */
    user: string;
    /**
     * Required. The role, which brings its set of capabilities.
     *
     * @generated from field: soma.identity.v1.Role role = 3;
     */
    role: Role;
    /**
     * Optional. Capabilities granted on top of the role's.
     *
     * @generated from field: repeated string extra_capabilities = 4;
     */
    extraCapabilities: string[];
    /**
     * Output only. Every capability the membership grants: the role's and the
     * extra ones, sorted.
     *
     * @generated from field: repeated string capabilities = 5;
     */
    capabilities: string[];
    /**
     * Output only. Changes whenever the membership changes; send it back on
     * update to detect concurrent edits.
     *
     * @generated from field: string etag = 6;
     */
    etag: string;
    /**
     * Output only. When the membership last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 7;
     */
    updateTime?: Timestamp | undefined;
};
/**
 * Membership grants a user capabilities in a tenant, named
 * `tenants/{tenant}/memberships/{user}`. A user has exactly one membership in
 * its tenant.
 *
 * @generated from message soma.identity.v1.Membership
 */
export type MembershipJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/memberships/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 2;
     */
    user?: string;
    /**
     * Required. The role, which brings its set of capabilities.
     *
     * @generated from field: soma.identity.v1.Role role = 3;
     */
    role?: RoleJson;
    /**
     * Optional. Capabilities granted on top of the role's.
     *
     * @generated from field: repeated string extra_capabilities = 4;
     */
    extraCapabilities?: string[];
    /**
     * Output only. Every capability the membership grants: the role's and the
     * extra ones, sorted.
     *
     * @generated from field: repeated string capabilities = 5;
     */
    capabilities?: string[];
    /**
     * Output only. Changes whenever the membership changes; send it back on
     * update to detect concurrent edits.
     *
     * @generated from field: string etag = 6;
     */
    etag?: string;
    /**
     * Output only. When the membership last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 7;
     */
    updateTime?: TimestampJson;
};
/**
 * Describes the message soma.identity.v1.Membership.
 * Use `create(MembershipSchema)` to create a new message.
 */
export declare const MembershipSchema: GenMessage<Membership, {
    jsonType: MembershipJson;
}>;
/**
 * JsonWebKey is a public signing key in RFC 7517 form (an Ed25519 `OKP` key).
 *
 * @generated from message soma.identity.v1.JsonWebKey
 */
export type JsonWebKey = Message<"soma.identity.v1.JsonWebKey"> & {
    /**
     * Output only. The key type, `OKP`.
     *
     * @generated from field: string kty = 1;
     */
    kty: string;
    /**
     * Output only. The curve, `Ed25519`.
     *
     * @generated from field: string crv = 2;
     */
    crv: string;
    /**
     * Output only. The public key, base64url without padding.
     *
     * @generated from field: string x = 3;
     */
    x: string;
    /**
     * Output only. The key id that tokens name in their `kid` header.
     *
     * @generated from field: string kid = 4;
     */
    kid: string;
    /**
     * Output only. The algorithm, `EdDSA`.
     *
     * @generated from field: string alg = 5;
     */
    alg: string;
    /**
     * Output only. The use, `sig`.
     *
     * @generated from field: string use = 6;
     */
    use: string;
};
/**
 * JsonWebKey is a public signing key in RFC 7517 form (an Ed25519 `OKP` key).
 *
 * @generated from message soma.identity.v1.JsonWebKey
 */
export type JsonWebKeyJson = {
    /**
     * Output only. The key type, `OKP`.
     *
     * @generated from field: string kty = 1;
     */
    kty?: string;
    /**
     * Output only. The curve, `Ed25519`.
     *
     * @generated from field: string crv = 2;
     */
    crv?: string;
    /**
     * Output only. The public key, base64url without padding.
     *
     * @generated from field: string x = 3;
     */
    x?: string;
    /**
     * Output only. The key id that tokens name in their `kid` header.
     *
     * @generated from field: string kid = 4;
     */
    kid?: string;
    /**
     * Output only. The algorithm, `EdDSA`.
     *
     * @generated from field: string alg = 5;
     */
    alg?: string;
    /**
     * Output only. The use, `sig`.
     *
     * @generated from field: string use = 6;
     */
    use?: string;
};
/**
 * Describes the message soma.identity.v1.JsonWebKey.
 * Use `create(JsonWebKeySchema)` to create a new message.
 */
export declare const JsonWebKeySchema: GenMessage<JsonWebKey, {
    jsonType: JsonWebKeyJson;
}>;
/**
 * TrainingLock is the single lease that guards model training in a tenant,
 * named `tenants/{tenant}/trainingLock`.
 *
 * @generated from message soma.identity.v1.TrainingLock
 */
export type TrainingLock = Message<"soma.identity.v1.TrainingLock"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. Whether someone holds the lock now. An expired lease is not
     * held.
     *
     * @generated from field: bool held = 2;
     */
    held: boolean;
    /**
     * Output only. The principal that holds the lock, for example
     * `tenants/acme/users/bob`; empty when not held.
     *
     * @generated from field: string holder = 3;
     */
    holder: string;
    /**
     * Output only. When the holder acquired the lock.
     *
     * @generated from field: google.protobuf.Timestamp acquire_time = 4;
     */
    acquireTime?: Timestamp | undefined;
    /**
     * Output only. When the lease runs out unless renewed.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 5;
     */
    expireTime?: Timestamp | undefined;
    /**
     * Output only. The reason the holder gave.
     *
     * @generated from field: string reason = 6;
     */
    reason: string;
};
/**
 * TrainingLock is the single lease that guards model training in a tenant,
 * named `tenants/{tenant}/trainingLock`.
 *
 * @generated from message soma.identity.v1.TrainingLock
 */
export type TrainingLockJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. Whether someone holds the lock now. An expired lease is not
     * held.
     *
     * @generated from field: bool held = 2;
     */
    held?: boolean;
    /**
     * Output only. The principal that holds the lock, for example
     * `tenants/acme/users/bob`; empty when not held.
     *
     * @generated from field: string holder = 3;
     */
    holder?: string;
    /**
     * Output only. When the holder acquired the lock.
     *
     * @generated from field: google.protobuf.Timestamp acquire_time = 4;
     */
    acquireTime?: TimestampJson;
    /**
     * Output only. When the lease runs out unless renewed.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 5;
     */
    expireTime?: TimestampJson;
    /**
     * Output only. The reason the holder gave.
     *
     * @generated from field: string reason = 6;
     */
    reason?: string;
};
/**
 * Describes the message soma.identity.v1.TrainingLock.
 * Use `create(TrainingLockSchema)` to create a new message.
 */
export declare const TrainingLockSchema: GenMessage<TrainingLock, {
    jsonType: TrainingLockJson;
}>;
/**
 * TokenRevocation refuses every token of `subject` in `tenant` issued before
 * `not_before`. Tokens issued at or after it are not affected.
 *
 * @generated from message soma.identity.v1.TokenRevocation
 */
export type TokenRevocation = Message<"soma.identity.v1.TokenRevocation"> & {
    /**
     * Output only. The tenant of the tokens, `*` for platform tokens.
     *
     * @generated from field: string tenant = 1;
     */
    tenant: string;
    /**
     * Output only. The subject of the tokens, for example
     * `tenants/acme/users/bob`.
     *
     * @generated from field: string subject = 2;
     */
    subject: string;
    /**
     * Output only. Tokens of the subject issued (`iat`) before this instant
     * are refused.
     *
     * @generated from field: google.protobuf.Timestamp not_before = 3;
     */
    notBefore?: Timestamp | undefined;
    /**
     * Output only. Why.
     *
     * @generated from field: soma.identity.v1.RevocationCause cause = 4;
     */
    cause: RevocationCause;
    /**
     * Output only. When set, only the subject's tokens of this sign-in
     * session (their `sid` claim, the session's last name segment) are
     * refused; other tokens of the subject are not affected.
     *
     * @generated from field: string sign_in_session = 5;
     */
    signInSession: string;
};
/**
 * TokenRevocation refuses every token of `subject` in `tenant` issued before
 * `not_before`. Tokens issued at or after it are not affected.
 *
 * @generated from message soma.identity.v1.TokenRevocation
 */
export type TokenRevocationJson = {
    /**
     * Output only. The tenant of the tokens, `*` for platform tokens.
     *
     * @generated from field: string tenant = 1;
     */
    tenant?: string;
    /**
     * Output only. The subject of the tokens, for example
     * `tenants/acme/users/bob`.
     *
     * @generated from field: string subject = 2;
     */
    subject?: string;
    /**
     * Output only. Tokens of the subject issued (`iat`) before this instant
     * are refused.
     *
     * @generated from field: google.protobuf.Timestamp not_before = 3;
     */
    notBefore?: TimestampJson;
    /**
     * Output only. Why.
     *
     * @generated from field: soma.identity.v1.RevocationCause cause = 4;
     */
    cause?: RevocationCauseJson;
    /**
     * Output only. When set, only the subject's tokens of this sign-in
     * session (their `sid` claim, the session's last name segment) are
     * refused; other tokens of the subject are not affected.
     *
     * @generated from field: string sign_in_session = 5;
     */
    signInSession?: string;
};
/**
 * Describes the message soma.identity.v1.TokenRevocation.
 * Use `create(TokenRevocationSchema)` to create a new message.
 */
export declare const TokenRevocationSchema: GenMessage<TokenRevocation, {
    jsonType: TokenRevocationJson;
}>;
/**
 * TokensRevoked is the payload of the `soma.identity.v1.TokensRevoked` event
 * on topic `identity.revocations`: identity recorded a revocation. Its
 * envelope's tenant is the revocation's tenant and its subject the revoked
 * subject. Every service applies it to the tokens it verifies, those in its
 * cache of verified tokens included.
 *
 * @generated from message soma.identity.v1.TokensRevoked
 */
export type TokensRevoked = Message<"soma.identity.v1.TokensRevoked"> & {
    /**
     * Required. The revocation.
     *
     * @generated from field: soma.identity.v1.TokenRevocation revocation = 1;
     */
    revocation?: TokenRevocation | undefined;
};
/**
 * TokensRevoked is the payload of the `soma.identity.v1.TokensRevoked` event
 * on topic `identity.revocations`: identity recorded a revocation. Its
 * envelope's tenant is the revocation's tenant and its subject the revoked
 * subject. Every service applies it to the tokens it verifies, those in its
 * cache of verified tokens included.
 *
 * @generated from message soma.identity.v1.TokensRevoked
 */
export type TokensRevokedJson = {
    /**
     * Required. The revocation.
     *
     * @generated from field: soma.identity.v1.TokenRevocation revocation = 1;
     */
    revocation?: TokenRevocationJson;
};
/**
 * Describes the message soma.identity.v1.TokensRevoked.
 * Use `create(TokensRevokedSchema)` to create a new message.
 */
export declare const TokensRevokedSchema: GenMessage<TokensRevoked, {
    jsonType: TokensRevokedJson;
}>;
/**
 * OidcProvider is the external OpenID Connect issuer a tenant trusts for
 * single sign-on, named `tenants/{tenant}/oidcProvider`. Its ID tokens are
 * exchanged for SomaStack tokens with IdentityService.ExchangeToken.
 *
 * @generated from message soma.identity.v1.OidcProvider
 */
export type OidcProvider = Message<"soma.identity.v1.OidcProvider"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/oidcProvider`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Required. The issuer URL; ID tokens must carry exactly this `iss`. HTTPS,
     * or HTTP on a loopback host.
     *
     * @generated from field: string issuer = 2;
     */
    issuer: string;
    /**
     * Required. The client id the tokens are issued to; their `aud` must
     * contain it.
     *
     * @generated from field: string audience = 3;
     */
    audience: string;
    /**
     * Optional. Where the issuer's JSON Web Key Set is. Unset: the `jwks_uri`
     * of `{issuer}/.well-known/openid-configuration`.
     *
     * @generated from field: string jwks_url = 4;
     */
    jwksUrl: string;
    /**
     * Optional. The ID-token claim that names the user; `email` when unset.
     *
     * @generated from field: string user_claim = 5;
     */
    userClaim: string;
    /**
     * Optional. What the claim is matched against; USER_CLAIM_MATCH_EMAIL
     * when unset.
     *
     * @generated from field: soma.identity.v1.UserClaimMatch user_claim_match = 6;
     */
    userClaimMatch: UserClaimMatch;
    /**
     * Optional. Whether an unknown user is created (as a member) on first
     * sign-in. Off when unset.
     *
     * @generated from field: bool auto_provision = 7;
     */
    autoProvision: boolean;
    /**
     * Output only. When the configuration last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 8;
     */
    updateTime?: Timestamp | undefined;
};
/**
 * OidcProvider is the external OpenID Connect issuer a tenant trusts for
 * single sign-on, named `tenants/{tenant}/oidcProvider`. Its ID tokens are
 * exchanged for SomaStack tokens with IdentityService.ExchangeToken.
 *
 * @generated from message soma.identity.v1.OidcProvider
 */
export type OidcProviderJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/oidcProvider`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Required. The issuer URL; ID tokens must carry exactly this `iss`. HTTPS,
     * or HTTP on a loopback host.
     *
     * @generated from field: string issuer = 2;
     */
    issuer?: string;
    /**
     * Required. The client id the tokens are issued to; their `aud` must
     * contain it.
     *
     * @generated from field: string audience = 3;
     */
    audience?: string;
    /**
     * Optional. Where the issuer's JSON Web Key Set is. Unset: the `jwks_uri`
     * of `{issuer}/.well-known/openid-configuration`.
     *
     * @generated from field: string jwks_url = 4;
     */
    jwksUrl?: string;
    /**
     * Optional. The ID-token claim that names the user; `email` when unset.
     *
     * @generated from field: string user_claim = 5;
     */
    userClaim?: string;
    /**
     * Optional. What the claim is matched against; USER_CLAIM_MATCH_EMAIL
     * when unset.
     *
     * @generated from field: soma.identity.v1.UserClaimMatch user_claim_match = 6;
     */
    userClaimMatch?: UserClaimMatchJson;
    /**
     * Optional. Whether an unknown user is created (as a member) on first
     * sign-in. Off when unset.
     *
     * @generated from field: bool auto_provision = 7;
     */
    autoProvision?: boolean;
    /**
     * Output only. When the configuration last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 8;
     */
    updateTime?: TimestampJson;
};
/**
 * Describes the message soma.identity.v1.OidcProvider.
 * Use `create(OidcProviderSchema)` to create a new message.
 */
export declare const OidcProviderSchema: GenMessage<OidcProvider, {
    jsonType: OidcProviderJson;
}>;
/**
 * SignInSession is one signed-in device or browser: the family of rotating
 * refresh tokens that one sign-in started, named
 * `tenants/{tenant}/users/{user}/signInSessions/{session}`. The access tokens
 * it issues carry the session id in their `sid` claim.
 *
 * @generated from message soma.identity.v1.SignInSession
 */
export type SignInSession = Message<"soma.identity.v1.SignInSession"> & {
    /**
     * Identifier. The resource name,
     * `tenants/{tenant}/users/{user}/signInSessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. How the user signed in.
     *
     * @generated from field: soma.identity.v1.SignInMethod method = 2;
     */
    method: SignInMethod;
    /**
     * Output only. The client's `user-agent` at sign-in, at most 256
     * characters.
     *
     * @generated from field: string user_agent = 3;
     */
    userAgent: string;
    /**
     * Output only. When the user signed in.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 4;
     */
    createTime?: Timestamp | undefined;
    /**
     * Output only. When the session's refresh token was last used; unset
     * until the first refresh.
     *
     * @generated from field: google.protobuf.Timestamp last_refresh_time = 5;
     */
    lastRefreshTime?: Timestamp | undefined;
    /**
     * Output only. When the session ends even if it keeps refreshing.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 6;
     */
    expireTime?: Timestamp | undefined;
    /**
     * Output only. Whether the calling token belongs to this session.
     *
     * @generated from field: bool current = 7;
     */
    current: boolean;
};
/**
 * SignInSession is one signed-in device or browser: the family of rotating
 * refresh tokens that one sign-in started, named
 * `tenants/{tenant}/users/{user}/signInSessions/{session}`. The access tokens
 * it issues carry the session id in their `sid` claim.
 *
 * @generated from message soma.identity.v1.SignInSession
 */
export type SignInSessionJson = {
    /**
     * Identifier. The resource name,
     * `tenants/{tenant}/users/{user}/signInSessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. How the user signed in.
     *
     * @generated from field: soma.identity.v1.SignInMethod method = 2;
     */
    method?: SignInMethodJson;
    /**
     * Output only. The client's `user-agent` at sign-in, at most 256
     * characters.
     *
     * @generated from field: string user_agent = 3;
     */
    userAgent?: string;
    /**
     * Output only. When the user signed in.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 4;
     */
    createTime?: TimestampJson;
    /**
     * Output only. When the session's refresh token was last used; unset
     * until the first refresh.
     *
     * @generated from field: google.protobuf.Timestamp last_refresh_time = 5;
     */
    lastRefreshTime?: TimestampJson;
    /**
     * Output only. When the session ends even if it keeps refreshing.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 6;
     */
    expireTime?: TimestampJson;
    /**
     * Output only. Whether the calling token belongs to this session.
     *
     * @generated from field: bool current = 7;
     */
    current?: boolean;
};
/**
 * Describes the message soma.identity.v1.SignInSession.
 * Use `create(SignInSessionSchema)` to create a new message.
 */
export declare const SignInSessionSchema: GenMessage<SignInSession, {
    jsonType: SignInSessionJson;
}>;
/**
 * Account is how a user signs in, named `tenants/{tenant}/users/{user}/account`:
 * the state of its password and second factor, never the secrets.
 *
 * @generated from message soma.identity.v1.Account
 */
export type Account = Message<"soma.identity.v1.Account"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/users/{user}/account`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. Whether a password is set.
     *
     * @generated from field: bool password_set = 2;
     */
    passwordSet: boolean;
    /**
     * Output only. When the password last changed; unset when none is set.
     *
     * @generated from field: google.protobuf.Timestamp password_update_time = 3;
     */
    passwordUpdateTime?: Timestamp | undefined;
    /**
     * Output only. The TOTP second factor's state.
     *
     * @generated from field: soma.identity.v1.TotpState totp_state = 4;
     */
    totpState: TotpState;
    /**
     * Output only. How many recovery codes are left unused.
     *
     * @generated from field: int32 recovery_codes_left = 5;
     */
    recoveryCodesLeft: number;
};
/**
 * Account is how a user signs in, named `tenants/{tenant}/users/{user}/account`:
 * the state of its password and second factor, never the secrets.
 *
 * @generated from message soma.identity.v1.Account
 */
export type AccountJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/users/{user}/account`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. Whether a password is set.
     *
     * @generated from field: bool password_set = 2;
     */
    passwordSet?: boolean;
    /**
     * Output only. When the password last changed; unset when none is set.
     *
     * @generated from field: google.protobuf.Timestamp password_update_time = 3;
     */
    passwordUpdateTime?: TimestampJson;
    /**
     * Output only. The TOTP second factor's state.
     *
     * @generated from field: soma.identity.v1.TotpState totp_state = 4;
     */
    totpState?: TotpStateJson;
    /**
     * Output only. How many recovery codes are left unused.
     *
     * @generated from field: int32 recovery_codes_left = 5;
     */
    recoveryCodesLeft?: number;
};
/**
 * Describes the message soma.identity.v1.Account.
 * Use `create(AccountSchema)` to create a new message.
 */
export declare const AccountSchema: GenMessage<Account, {
    jsonType: AccountJson;
}>;
/**
 * SignInOptions says how people sign in to a tenant, named
 * `tenants/{tenant}/signInOptions`. It is public, so a sign-in page can offer
 * the right buttons before anyone is signed in; an unknown tenant gets the
 * default options, so it tells nobody which tenants exist.
 *
 * @generated from message soma.identity.v1.SignInOptions
 */
export type SignInOptions = Message<"soma.identity.v1.SignInOptions"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/signInOptions`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. Whether local accounts may sign in with a password.
     *
     * @generated from field: bool password = 2;
     */
    password: boolean;
    /**
     * Output only. The tenant's single sign-on; unset when it trusts no
     * OIDC issuer.
     *
     * @generated from field: soma.identity.v1.SingleSignOn single_sign_on = 3;
     */
    singleSignOn?: SingleSignOn | undefined;
};
/**
 * SignInOptions says how people sign in to a tenant, named
 * `tenants/{tenant}/signInOptions`. It is public, so a sign-in page can offer
 * the right buttons before anyone is signed in; an unknown tenant gets the
 * default options, so it tells nobody which tenants exist.
 *
 * @generated from message soma.identity.v1.SignInOptions
 */
export type SignInOptionsJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/signInOptions`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. Whether local accounts may sign in with a password.
     *
     * @generated from field: bool password = 2;
     */
    password?: boolean;
    /**
     * Output only. The tenant's single sign-on; unset when it trusts no
     * OIDC issuer.
     *
     * @generated from field: soma.identity.v1.SingleSignOn single_sign_on = 3;
     */
    singleSignOn?: SingleSignOnJson;
};
/**
 * Describes the message soma.identity.v1.SignInOptions.
 * Use `create(SignInOptionsSchema)` to create a new message.
 */
export declare const SignInOptionsSchema: GenMessage<SignInOptions, {
    jsonType: SignInOptionsJson;
}>;
/**
 * SingleSignOn is what a client needs to start an OpenID Connect sign-in with
 * the tenant's issuer (authorization code flow with PKCE) before exchanging
 * the ID token with IdentityService.ExchangeToken.
 *
 * @generated from message soma.identity.v1.SingleSignOn
 */
export type SingleSignOn = Message<"soma.identity.v1.SingleSignOn"> & {
    /**
     * Output only. The issuer URL; its discovery document is at
     * `{issuer}/.well-known/openid-configuration`.
     *
     * @generated from field: string issuer = 1;
     */
    issuer: string;
    /**
     * Output only. The client id to ask the issuer for tokens with (the
     * provider's audience).
     *
     * @generated from field: string client_id = 2;
     */
    clientId: string;
};
/**
 * SingleSignOn is what a client needs to start an OpenID Connect sign-in with
 * the tenant's issuer (authorization code flow with PKCE) before exchanging
 * the ID token with IdentityService.ExchangeToken.
 *
 * @generated from message soma.identity.v1.SingleSignOn
 */
export type SingleSignOnJson = {
    /**
     * Output only. The issuer URL; its discovery document is at
     * `{issuer}/.well-known/openid-configuration`.
     *
     * @generated from field: string issuer = 1;
     */
    issuer?: string;
    /**
     * Output only. The client id to ask the issuer for tokens with (the
     * provider's audience).
     *
     * @generated from field: string client_id = 2;
     */
    clientId?: string;
};
/**
 * Describes the message soma.identity.v1.SingleSignOn.
 * Use `create(SingleSignOnSchema)` to create a new message.
 */
export declare const SingleSignOnSchema: GenMessage<SingleSignOn, {
    jsonType: SingleSignOnJson;
}>;
/**
 * UserState says whether a user may act.
 *
 * @generated from enum soma.identity.v1.UserState
 */
export declare enum UserState {
    /**
     * Not used.
     *
     * @generated from enum value: USER_STATE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The user may receive tokens.
     *
     * @generated from enum value: USER_STATE_ACTIVE = 1;
     */
    ACTIVE = 1,
    /**
     * The user may not receive tokens.
     *
     * @generated from enum value: USER_STATE_DISABLED = 2;
     */
    DISABLED = 2
}
/**
 * UserState says whether a user may act.
 *
 * @generated from enum soma.identity.v1.UserState
 */
export type UserStateJson = "USER_STATE_UNSPECIFIED" | "USER_STATE_ACTIVE" | "USER_STATE_DISABLED";
/**
 * Describes the enum soma.identity.v1.UserState.
 */
export declare const UserStateSchema: GenEnum<UserState, UserStateJson>;
/**
 * Role is a named set of capabilities within a tenant.
 *
 * @generated from enum soma.identity.v1.Role
 */
export declare enum Role {
    /**
     * Not used.
     *
     * @generated from enum value: ROLE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Reads the tenant's resources and uses its agents.
     *
     * @generated from enum value: ROLE_MEMBER = 1;
     */
    MEMBER = 1,
    /**
     * A member who also manages users, memberships, tokens and settings.
     *
     * @generated from enum value: ROLE_ADMIN = 2;
     */
    ADMIN = 2,
    /**
     * An admin who may also grant and revoke the owner role.
     *
     * @generated from enum value: ROLE_OWNER = 3;
     */
    OWNER = 3
}
/**
 * Role is a named set of capabilities within a tenant.
 *
 * @generated from enum soma.identity.v1.Role
 */
export type RoleJson = "ROLE_UNSPECIFIED" | "ROLE_MEMBER" | "ROLE_ADMIN" | "ROLE_OWNER";
/**
 * Describes the enum soma.identity.v1.Role.
 */
export declare const RoleSchema: GenEnum<Role, RoleJson>;
/**
 * RevocationCause says why the tokens of a subject were revoked.
 *
 * @generated from enum soma.identity.v1.RevocationCause
 */
export declare enum RevocationCause {
    /**
     * Not used.
     *
     * @generated from enum value: REVOCATION_CAUSE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The user was disabled.
     *
     * @generated from enum value: REVOCATION_CAUSE_USER_DISABLED = 1;
     */
    USER_DISABLED = 1,
    /**
     * The membership was lowered: it lost a role or capabilities.
     *
     * @generated from enum value: REVOCATION_CAUSE_MEMBERSHIP_LOWERED = 2;
     */
    MEMBERSHIP_LOWERED = 2,
    /**
     * The subject signed out (IdentityService.RevokeTokens).
     *
     * @generated from enum value: REVOCATION_CAUSE_SIGNED_OUT = 3;
     */
    SIGNED_OUT = 3,
    /**
     * One sign-in session ended (IdentityService.SignOut or
     * RevokeSignInSession): only that session's tokens are refused.
     *
     * @generated from enum value: REVOCATION_CAUSE_SIGN_IN_SESSION_ENDED = 4;
     */
    SIGN_IN_SESSION_ENDED = 4
}
/**
 * RevocationCause says why the tokens of a subject were revoked.
 *
 * @generated from enum soma.identity.v1.RevocationCause
 */
export type RevocationCauseJson = "REVOCATION_CAUSE_UNSPECIFIED" | "REVOCATION_CAUSE_USER_DISABLED" | "REVOCATION_CAUSE_MEMBERSHIP_LOWERED" | "REVOCATION_CAUSE_SIGNED_OUT" | "REVOCATION_CAUSE_SIGN_IN_SESSION_ENDED";
/**
 * Describes the enum soma.identity.v1.RevocationCause.
 */
export declare const RevocationCauseSchema: GenEnum<RevocationCause, RevocationCauseJson>;
/**
 * UserClaimMatch says which user attribute an ID-token claim is matched to.
 *
 * @generated from enum soma.identity.v1.UserClaimMatch
 */
export declare enum UserClaimMatch {
    /**
     * Not used; read as USER_CLAIM_MATCH_EMAIL.
     *
     * @generated from enum value: USER_CLAIM_MATCH_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The claim is the user's e-mail address.
     *
     * @generated from enum value: USER_CLAIM_MATCH_EMAIL = 1;
     */
    EMAIL = 1,
    /**
     * The claim is the user id, the last segment of the user's name.
     *
     * @generated from enum value: USER_CLAIM_MATCH_USER_ID = 2;
     */
    USER_ID = 2
}
/**
 * UserClaimMatch says which user attribute an ID-token claim is matched to.
 *
 * @generated from enum soma.identity.v1.UserClaimMatch
 */
export type UserClaimMatchJson = "USER_CLAIM_MATCH_UNSPECIFIED" | "USER_CLAIM_MATCH_EMAIL" | "USER_CLAIM_MATCH_USER_ID";
/**
 * Describes the enum soma.identity.v1.UserClaimMatch.
 */
export declare const UserClaimMatchSchema: GenEnum<UserClaimMatch, UserClaimMatchJson>;
/**
 * SignInMethod says how a sign-in session started.
 *
 * @generated from enum soma.identity.v1.SignInMethod
 */
export declare enum SignInMethod {
    /**
     * Not used.
     *
     * @generated from enum value: SIGN_IN_METHOD_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * A password alone.
     *
     * @generated from enum value: SIGN_IN_METHOD_PASSWORD = 1;
     */
    PASSWORD = 1,
    /**
     * A password and a TOTP code.
     *
     * @generated from enum value: SIGN_IN_METHOD_PASSWORD_TOTP = 2;
     */
    PASSWORD_TOTP = 2,
    /**
     * A password and a recovery code.
     *
     * @generated from enum value: SIGN_IN_METHOD_PASSWORD_RECOVERY_CODE = 3;
     */
    PASSWORD_RECOVERY_CODE = 3,
    /**
     * An ID token of the tenant's OIDC issuer (IdentityService.ExchangeToken).
     *
     * @generated from enum value: SIGN_IN_METHOD_OIDC = 4;
     */
    OIDC = 4
}
/**
 * SignInMethod says how a sign-in session started.
 *
 * @generated from enum soma.identity.v1.SignInMethod
 */
export type SignInMethodJson = "SIGN_IN_METHOD_UNSPECIFIED" | "SIGN_IN_METHOD_PASSWORD" | "SIGN_IN_METHOD_PASSWORD_TOTP" | "SIGN_IN_METHOD_PASSWORD_RECOVERY_CODE" | "SIGN_IN_METHOD_OIDC";
/**
 * Describes the enum soma.identity.v1.SignInMethod.
 */
export declare const SignInMethodSchema: GenEnum<SignInMethod, SignInMethodJson>;
/**
 * TotpState says where a user's TOTP second factor stands.
 *
 * @generated from enum soma.identity.v1.TotpState
 */
export declare enum TotpState {
    /**
     * Not used.
     *
     * @generated from enum value: TOTP_STATE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * No second factor: sign-in needs the password alone.
     *
     * @generated from enum value: TOTP_STATE_NONE = 1;
     */
    NONE = 1,
    /**
     * Enrolment started (EnrollTotp), not yet confirmed; sign-in needs no code.
     *
     * @generated from enum value: TOTP_STATE_PENDING = 2;
     */
    PENDING = 2,
    /**
     * Confirmed (ConfirmTotp): sign-in needs a code or a recovery code.
     *
     * @generated from enum value: TOTP_STATE_CONFIRMED = 3;
     */
    CONFIRMED = 3
}
/**
 * TotpState says where a user's TOTP second factor stands.
 *
 * @generated from enum soma.identity.v1.TotpState
 */
export type TotpStateJson = "TOTP_STATE_UNSPECIFIED" | "TOTP_STATE_NONE" | "TOTP_STATE_PENDING" | "TOTP_STATE_CONFIRMED";
/**
 * Describes the enum soma.identity.v1.TotpState.
 */
export declare const TotpStateSchema: GenEnum<TotpState, TotpStateJson>;
