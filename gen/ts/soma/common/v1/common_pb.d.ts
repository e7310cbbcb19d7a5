import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/common/v1/common.proto.
 */
export declare const file_soma_common_v1_common: GenFile;
/**
 * PageRequest is embedded by List requests that page the same way.
 *
 * @generated from message soma.common.v1.PageRequest
 */
export type PageRequest = Message<"soma.common.v1.PageRequest"> & {
    /**
     * Optional. At most this many items; the service picks a default when
     * unset and caps it at a maximum it documents.
     *
     * @generated from field: int32 page_size = 1;
     */
    pageSize: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 2;
     */
    pageToken: string;
};
/**
 * PageRequest is embedded by List requests that page the same way.
 *
 * @generated from message soma.common.v1.PageRequest
 */
export type PageRequestJson = {
    /**
     * Optional. At most this many items; the service picks a default when
     * unset and caps it at a maximum it documents.
     *
     * @generated from field: int32 page_size = 1;
     */
    pageSize?: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 2;
     */
    pageToken?: string;
};
/**
 * Describes the message soma.common.v1.PageRequest.
 * Use `create(PageRequestSchema)` to create a new message.
 */
export declare const PageRequestSchema: GenMessage<PageRequest, {
    jsonType: PageRequestJson;
}>;
/**
 * ErrorReason is the catalogue of `google.rpc.ErrorInfo.reason` values that
 * Soma services return. The reason string is the value name without the
 * `ERROR_REASON_` prefix, for example `TENANT_NOT_FOUND`. Clients must accept
 * reasons they do not know.
 *
 * @generated from enum soma.common.v1.ErrorReason
 */
export declare enum ErrorReason {
    /**
     * Not used.
     *
     * @generated from enum value: ERROR_REASON_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * A REQUIRED field is missing or a field has a malformed value. Comes with
     * `google.rpc.BadRequest` field violations.
     *
     * @generated from enum value: ERROR_REASON_FIELD_INVALID = 1;
     */
    FIELD_INVALID = 1,
    /**
     * The request carried no bearer token and the RPC is not public.
     *
     * @generated from enum value: ERROR_REASON_TOKEN_MISSING = 2;
     */
    TOKEN_MISSING = 2,
    /**
     * The bearer token has expired.
     *
     * @generated from enum value: ERROR_REASON_TOKEN_EXPIRED = 3;
     */
    TOKEN_EXPIRED = 3,
    /**
     * The bearer token is malformed, forged, signed by an unknown key or meant
     * for another audience or issuer.
     *
     * @generated from enum value: ERROR_REASON_TOKEN_INVALID = 4;
     */
    TOKEN_INVALID = 4,
    /**
     * The token does not carry the capability the RPC requires. The metadata
     * key `capability` names it.
     *
     * @generated from enum value: ERROR_REASON_CAPABILITY_MISSING = 5;
     */
    CAPABILITY_MISSING = 5,
    /**
     * The token belongs to another tenant than the resource it addresses.
     *
     * @generated from enum value: ERROR_REASON_TENANT_MISMATCH = 6;
     */
    TENANT_MISMATCH = 6,
    /**
     * The tenant does not exist.
     *
     * @generated from enum value: ERROR_REASON_TENANT_NOT_FOUND = 7;
     */
    TENANT_NOT_FOUND = 7,
    /**
     * The tenant already exists.
     *
     * @generated from enum value: ERROR_REASON_TENANT_EXISTS = 8;
     */
    TENANT_EXISTS = 8,
    /**
     * The user does not exist in the tenant.
     *
     * @generated from enum value: ERROR_REASON_USER_NOT_FOUND = 9;
     */
    USER_NOT_FOUND = 9,
    /**
     * A user with that id already exists in the tenant.
     *
     * @generated from enum value: ERROR_REASON_USER_EXISTS = 10;
     */
    USER_EXISTS = 10,
    /**
     * The membership does not exist.
     *
     * @generated from enum value: ERROR_REASON_MEMBERSHIP_NOT_FOUND = 11;
     */
    MEMBERSHIP_NOT_FOUND = 11,
    /**
     * The resource changed since the etag the caller sent was read.
     *
     * @generated from enum value: ERROR_REASON_ETAG_MISMATCH = 12;
     */
    ETAG_MISMATCH = 12,
    /**
     * The caller may not grant what it asked to grant: a capability it lacks,
     * or the owner role without being an owner.
     *
     * @generated from enum value: ERROR_REASON_GRANT_NOT_ALLOWED = 13;
     */
    GRANT_NOT_ALLOWED = 13,
    /**
     * The user is disabled and cannot receive tokens.
     *
     * @generated from enum value: ERROR_REASON_USER_DISABLED = 14;
     */
    USER_DISABLED = 14,
    /**
     * Another holder has the tenant's training lock. The metadata keys
     * `holder` and `expireTime` say who and until when.
     *
     * @generated from enum value: ERROR_REASON_TRAINING_LOCK_HELD = 15;
     */
    TRAINING_LOCK_HELD = 15,
    /**
     * The caller does not hold the training lock it tried to release.
     *
     * @generated from enum value: ERROR_REASON_TRAINING_LOCK_NOT_HELD = 16;
     */
    TRAINING_LOCK_NOT_HELD = 16,
    /**
     * The client speaks a contract version older than the server supports.
     *
     * @generated from enum value: ERROR_REASON_CONTRACT_VERSION_UNSUPPORTED = 17;
     */
    CONTRACT_VERSION_UNSUPPORTED = 17,
    /**
     * The service is draining or a dependency is unavailable; retry the call.
     *
     * @generated from enum value: ERROR_REASON_SERVICE_UNAVAILABLE = 18;
     */
    SERVICE_UNAVAILABLE = 18,
    /**
     * The server failed unexpectedly. The metadata key `requestId` identifies
     * the call in the server logs.
     *
     * @generated from enum value: ERROR_REASON_INTERNAL = 19;
     */
    INTERNAL = 19,
    /**
     * The last tenant owner cannot be demoted or removed.
     *
     * @generated from enum value: ERROR_REASON_LAST_OWNER = 20;
     */
    LAST_OWNER = 20,
    /**
     * The memory does not exist in the tenant.
     *
     * @generated from enum value: ERROR_REASON_MEMORY_NOT_FOUND = 21;
     */
    MEMORY_NOT_FOUND = 21,
    /**
     * The idempotency key (`request_id`) already created a different resource;
     * use a new key for a new request. The metadata key `resource` names what
     * the key created.
     *
     * @generated from enum value: ERROR_REASON_REQUEST_ID_REUSED = 22;
     */
    REQUEST_ID_REUSED = 22,
    /**
     * The constitution, or the constitution version the request names, was
     * never loaded. The metadata key `resource` names what was asked for.
     *
     * @generated from enum value: ERROR_REASON_CONSTITUTION_NOT_FOUND = 23;
     */
    CONSTITUTION_NOT_FOUND = 23,
    /**
     * A trusted signer's signature does not verify against the constitution's
     * checksum. The metadata key `signerId` names the signer.
     *
     * @generated from enum value: ERROR_REASON_CONSTITUTION_SIGNATURE_INVALID = 24;
     */
    CONSTITUTION_SIGNATURE_INVALID = 24,
    /**
     * Fewer trusted signers signed the constitution than the quorum requires.
     * The metadata keys `have` and `need` give the counts, `signers` the valid
     * signers and `untrusted` the signer ids that are not trusted.
     *
     * @generated from enum value: ERROR_REASON_CONSTITUTION_QUORUM_NOT_MET = 25;
     */
    CONSTITUTION_QUORUM_NOT_MET = 25,
    /**
     * Another constitution was loaded under the same version. The metadata key
     * `checksum` is the checksum loaded under it.
     *
     * @generated from enum value: ERROR_REASON_CONSTITUTION_VERSION_EXISTS = 26;
     */
    CONSTITUTION_VERSION_EXISTS = 26,
    /**
     * The constitution checksum a request carries or names is not the active
     * one. The metadata key `activeChecksum` is the active checksum.
     *
     * @generated from enum value: ERROR_REASON_CONSTITUTION_CHECKSUM_MISMATCH = 27;
     */
    CONSTITUTION_CHECKSUM_MISMATCH = 27,
    /**
     * The inference does not exist in the tenant.
     *
     * @generated from enum value: ERROR_REASON_INFERENCE_NOT_FOUND = 28;
     */
    INFERENCE_NOT_FOUND = 28,
    /**
     * The operator does not allow the model provider's endpoint (a model
     * profile's `base_url`). The metadata keys `provider` and `guardrail` name
     * both.
     *
     * @generated from enum value: ERROR_REASON_PROVIDER_NOT_ALLOWED = 29;
     */
    PROVIDER_NOT_ALLOWED = 29,
    /**
     * A change or a call would break a guardrail of the tenant's deployment
     * mode, for example a model profile on the built-in local provider in prod,
     * or an inference that would reach it. The metadata key `guardrail` names
     * the guardrail.
     *
     * @generated from enum value: ERROR_REASON_GUARDRAIL_VIOLATED = 30;
     */
    GUARDRAIL_VIOLATED = 30,
    /**
     * The tenant has no model profile for the role. The metadata key
     * `resource` names the profile.
     *
     * @generated from enum value: ERROR_REASON_MODEL_PROFILE_NOT_FOUND = 31;
     */
    MODEL_PROFILE_NOT_FOUND = 31,
    /**
     * The session does not exist in the tenant. The metadata key `resource`
     * names it.
     *
     * @generated from enum value: ERROR_REASON_SESSION_NOT_FOUND = 32;
     */
    SESSION_NOT_FOUND = 32,
    /**
     * The session is not in a state that allows the call, for example
     * approving a session that is not PENDING_APPROVAL or cancelling a
     * finished one. The metadata key `state` is the session's state.
     *
     * @generated from enum value: ERROR_REASON_SESSION_STATE_CONFLICT = 33;
     */
    SESSION_STATE_CONFLICT = 33,
    /**
     * The requester of a session cannot approve or reject it: a second person
     * must. The metadata key `requester` names the requester.
     *
     * @generated from enum value: ERROR_REASON_SELF_APPROVAL = 34;
     */
    SELF_APPROVAL = 34,
    /**
     * The notification does not exist for the user. The metadata key
     * `resource` names it.
     *
     * @generated from enum value: ERROR_REASON_NOTIFICATION_NOT_FOUND = 35;
     */
    NOTIFICATION_NOT_FOUND = 35,
    /**
     * The bearer token was revoked: its user was disabled, its membership
     * lowered, or it signed out after the token was issued. Get a new token.
     *
     * @generated from enum value: ERROR_REASON_TOKEN_REVOKED = 36;
     */
    TOKEN_REVOKED = 36,
    /**
     * Sign-in failed: the account, password, second factor or reset code is
     * wrong. The same reason answers an unknown user and a wrong password.
     *
     * @generated from enum value: ERROR_REASON_INVALID_CREDENTIALS = 37;
     */
    INVALID_CREDENTIALS = 37,
    /**
     * The password was right but the account has a TOTP second factor: send
     * `totp_code` or `recovery_code` too.
     *
     * @generated from enum value: ERROR_REASON_SECOND_FACTOR_REQUIRED = 38;
     */
    SECOND_FACTOR_REQUIRED = 38,
    /**
     * Too many failed sign-ins for this account: wait the `RetryInfo` delay
     * (also the metadata key `retryAfterSeconds`) before trying again.
     *
     * @generated from enum value: ERROR_REASON_SIGN_IN_LOCKED = 39;
     */
    SIGN_IN_LOCKED = 39,
    /**
     * The refresh token is unknown, expired, or its family was signed out.
     *
     * @generated from enum value: ERROR_REASON_REFRESH_TOKEN_INVALID = 40;
     */
    REFRESH_TOKEN_INVALID = 40,
    /**
     * The refresh token was already used: its whole family is now revoked and
     * the user must sign in again.
     *
     * @generated from enum value: ERROR_REASON_REFRESH_TOKEN_REUSED = 41;
     */
    REFRESH_TOKEN_REUSED = 41,
    /**
     * The subject token of a token exchange does not verify: signature,
     * issuer, audience or validity time. The metadata key `check` says which.
     *
     * @generated from enum value: ERROR_REASON_SUBJECT_TOKEN_INVALID = 42;
     */
    SUBJECT_TOKEN_INVALID = 42,
    /**
     * The subject token verifies but names no user of the tenant (and the
     * tenant does not auto-provision).
     *
     * @generated from enum value: ERROR_REASON_SUBJECT_UNKNOWN = 43;
     */
    SUBJECT_UNKNOWN = 43,
    /**
     * The tenant trusts no external OIDC issuer.
     *
     * @generated from enum value: ERROR_REASON_SSO_NOT_CONFIGURED = 44;
     */
    SSO_NOT_CONFIGURED = 44,
    /**
     * The call needs a second-factor state the account is not in, for example
     * confirming TOTP that was never enrolled. The metadata key `state` says
     * which state the account is in.
     *
     * @generated from enum value: ERROR_REASON_SECOND_FACTOR_STATE_CONFLICT = 45;
     */
    SECOND_FACTOR_STATE_CONFLICT = 45,
    /**
     * Only the account's own user may do this (change its password, enrol a
     * second factor), not another principal.
     *
     * @generated from enum value: ERROR_REASON_NOT_ACCOUNT_OWNER = 46;
     */
    NOT_ACCOUNT_OWNER = 46,
    /**
     * The call cannot be made with an impersonation token (one whose `act`
     * claim names another actor than its subject): changing roles or
     * memberships, issuing tokens, changing credentials (password, reset,
     * TOTP) and ending sign-in sessions need the caller's own token. The
     * metadata key `actor` names the actor.
     *
     * @generated from enum value: ERROR_REASON_IMPERSONATION_NOT_ALLOWED = 47;
     */
    IMPERSONATION_NOT_ALLOWED = 47,
    /**
     * NOT_FOUND: the sign-in session does not exist or has ended. The
     * metadata key `resource` names it.
     *
     * @generated from enum value: ERROR_REASON_SIGN_IN_SESSION_NOT_FOUND = 48;
     */
    SIGN_IN_SESSION_NOT_FOUND = 48,
    /**
     * FAILED_PRECONDITION: the session's working memory would hold more bytes
     * than its cap; clear it, or wait for it to expire. The metadata keys
     * `limitBytes` and `usedBytes` say how much it may hold and holds.
     *
     * @generated from enum value: ERROR_REASON_WORKING_MEMORY_FULL = 49;
     */
    WORKING_MEMORY_FULL = 49,
    /**
     * RESOURCE_EXHAUSTED: the caller holds as many open server streams at this
     * service as it may; close one, then open the next. The metadata key
     * `limit` says how many.
     *
     * @generated from enum value: ERROR_REASON_TOO_MANY_STREAMS = 50;
     */
    TOO_MANY_STREAMS = 50,
    /**
     * RESOURCE_EXHAUSTED: the caller, its tenant or (for a public RPC) its
     * network address has used up its request rate at this service. The
     * status carries `google.rpc.RetryInfo`: retry after its `retry_delay`,
     * when a request will be admitted again. The metadata keys `scope`
     * (`caller`, `tenant` or `address`), `ratePerSecond` and `burst` say
     * which budget and how large it is.
     *
     * @generated from enum value: ERROR_REASON_RATE_LIMITED = 51;
     */
    RATE_LIMITED = 51,
    /**
     * FAILED_PRECONDITION: a secret the service holds sealed (a signing key,
     * a TOTP secret) is stored unsealed, by a release from before sealing;
     * the operator seals it (`soma secrets rewrap`).
     *
     * @generated from enum value: ERROR_REASON_SECRET_NOT_SEALED = 52;
     */
    SECRET_NOT_SEALED = 52,
    /**
     * FAILED_PRECONDITION: a sealed secret names a key-encryption key that
     * is not configured; the operator restores it (SOMA_KEK_FILE, SOMA_KEK).
     *
     * @generated from enum value: ERROR_REASON_SEALING_KEY_UNKNOWN = 53;
     */
    SEALING_KEY_UNKNOWN = 53,
    /**
     * FAILED_PRECONDITION: a sealed secret does not open: altered, truncated
     * or moved from another record.
     *
     * @generated from enum value: ERROR_REASON_SECRET_UNSEALABLE = 54;
     */
    SECRET_UNSEALABLE = 54
}
/**
 * ErrorReason is the catalogue of `google.rpc.ErrorInfo.reason` values that
 * Soma services return. The reason string is the value name without the
 * `ERROR_REASON_` prefix, for example `TENANT_NOT_FOUND`. Clients must accept
 * reasons they do not know.
 *
 * @generated from enum soma.common.v1.ErrorReason
 */
export type ErrorReasonJson = "ERROR_REASON_UNSPECIFIED" | "ERROR_REASON_FIELD_INVALID" | "ERROR_REASON_TOKEN_MISSING" | "ERROR_REASON_TOKEN_EXPIRED" | "ERROR_REASON_TOKEN_INVALID" | "ERROR_REASON_CAPABILITY_MISSING" | "ERROR_REASON_TENANT_MISMATCH" | "ERROR_REASON_TENANT_NOT_FOUND" | "ERROR_REASON_TENANT_EXISTS" | "ERROR_REASON_USER_NOT_FOUND" | "ERROR_REASON_USER_EXISTS" | "ERROR_REASON_MEMBERSHIP_NOT_FOUND" | "ERROR_REASON_ETAG_MISMATCH" | "ERROR_REASON_GRANT_NOT_ALLOWED" | "ERROR_REASON_USER_DISABLED" | "ERROR_REASON_TRAINING_LOCK_HELD" | "ERROR_REASON_TRAINING_LOCK_NOT_HELD" | "ERROR_REASON_CONTRACT_VERSION_UNSUPPORTED" | "ERROR_REASON_SERVICE_UNAVAILABLE" | "ERROR_REASON_INTERNAL" | "ERROR_REASON_LAST_OWNER" | "ERROR_REASON_MEMORY_NOT_FOUND" | "ERROR_REASON_REQUEST_ID_REUSED" | "ERROR_REASON_CONSTITUTION_NOT_FOUND" | "ERROR_REASON_CONSTITUTION_SIGNATURE_INVALID" | "ERROR_REASON_CONSTITUTION_QUORUM_NOT_MET" | "ERROR_REASON_CONSTITUTION_VERSION_EXISTS" | "ERROR_REASON_CONSTITUTION_CHECKSUM_MISMATCH" | "ERROR_REASON_INFERENCE_NOT_FOUND" | "ERROR_REASON_PROVIDER_NOT_ALLOWED" | "ERROR_REASON_GUARDRAIL_VIOLATED" | "ERROR_REASON_MODEL_PROFILE_NOT_FOUND" | "ERROR_REASON_SESSION_NOT_FOUND" | "ERROR_REASON_SESSION_STATE_CONFLICT" | "ERROR_REASON_SELF_APPROVAL" | "ERROR_REASON_NOTIFICATION_NOT_FOUND" | "ERROR_REASON_TOKEN_REVOKED" | "ERROR_REASON_INVALID_CREDENTIALS" | "ERROR_REASON_SECOND_FACTOR_REQUIRED" | "ERROR_REASON_SIGN_IN_LOCKED" | "ERROR_REASON_REFRESH_TOKEN_INVALID" | "ERROR_REASON_REFRESH_TOKEN_REUSED" | "ERROR_REASON_SUBJECT_TOKEN_INVALID" | "ERROR_REASON_SUBJECT_UNKNOWN" | "ERROR_REASON_SSO_NOT_CONFIGURED" | "ERROR_REASON_SECOND_FACTOR_STATE_CONFLICT" | "ERROR_REASON_NOT_ACCOUNT_OWNER" | "ERROR_REASON_IMPERSONATION_NOT_ALLOWED" | "ERROR_REASON_SIGN_IN_SESSION_NOT_FOUND" | "ERROR_REASON_WORKING_MEMORY_FULL" | "ERROR_REASON_TOO_MANY_STREAMS" | "ERROR_REASON_RATE_LIMITED" | "ERROR_REASON_SECRET_NOT_SEALED" | "ERROR_REASON_SEALING_KEY_UNKNOWN" | "ERROR_REASON_SECRET_UNSEALABLE";
/**
 * Describes the enum soma.common.v1.ErrorReason.
 */
export declare const ErrorReasonSchema: GenEnum<ErrorReason, ErrorReasonJson>;
