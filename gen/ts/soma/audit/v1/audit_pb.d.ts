import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/audit/v1/audit.proto.
 */
export declare const file_soma_audit_v1_audit: GenFile;
/**
 * AuditRecord is one call to a mutating RPC (or one sign-in) as the service
 * that served it saw it, named
 * `tenants/{tenant}/auditRecords/{sequence}`. Records of a tenant form a hash
 * chain: each stores the SHA-256 of its canonical content, which includes the
 * hash of the record before it, so an edited, deleted or reordered record
 * breaks the chain (VerifyAuditChain finds it). Records that belong to no
 * tenant (such as creating a tenant) are in the platform chain, named
 * `tenants/-/auditRecords/{sequence}`.
 *
 * @generated from message soma.audit.v1.AuditRecord
 */
export type AuditRecord = Message<"soma.audit.v1.AuditRecord"> & {
    /**
     * Output only. The resource name.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. The tenant whose chain holds the record; empty for the
     * platform chain.
     *
     * @generated from field: string tenant = 2;
     */
    tenant: string;
    /**
     * Output only. The position of the record in its chain, from 1.
     *
     * @generated from field: int64 sequence = 3;
     */
    sequence: bigint;
    /**
     * Output only. What the record is about.
     *
     * @generated from field: soma.audit.v1.AuditKind kind = 4;
     */
    kind: AuditKind;
    /**
     * Output only. Who acted: the `act` subject of an impersonation token, or
     * the subject when the token carries no actor; empty for a call without a
     * valid token.
     *
     * @generated from field: string actor = 5;
     */
    actor: string;
    /**
     * Output only. The token's subject, for example
     * `tenants/acme/users/ada`; empty for a call without a valid token.
     *
     * @generated from field: string subject = 6;
     */
    subject: string;
    /**
     * Output only. The RPC's full name, for example
     * `soma.identity.v1.IdentityService.CreateUser`.
     *
     * @generated from field: string rpc = 7;
     */
    rpc: string;
    /**
     * Output only. The resource the call addressed: its request's resource
     * name or parent.
     *
     * @generated from field: string resource = 8;
     */
    resource: string;
    /**
     * Output only. The gRPC status code name the call ended with, for example
     * `OK` or `PERMISSION_DENIED`.
     *
     * @generated from field: string code = 9;
     */
    code: string;
    /**
     * Output only. The `google.rpc.ErrorInfo` reason of a failed call, for
     * example `CAPABILITY_MISSING`; empty when it succeeded.
     *
     * @generated from field: string reason = 10;
     */
    reason: string;
    /**
     * Output only. The request id of the call (`x-request-id`).
     *
     * @generated from field: string request_id = 11;
     */
    requestId: string;
    /**
     * Output only. The client type the call declared (`x-soma-client-type`).
     *
     * @generated from field: string client_type = 12;
     */
    clientType: string;
    /**
     * Output only. The checksum of the constitution the call acted under: the
     * `x-soma-constitution` header, or the one stamped in the token.
     *
     * @generated from field: string constitution_checksum = 13;
     */
    constitutionChecksum: string;
    /**
     * Output only. When the service finished the call.
     *
     * @generated from field: google.protobuf.Timestamp time = 14;
     */
    time?: Timestamp | undefined;
    /**
     * Output only. The domain of the service that recorded it, for example
     * `identity`.
     *
     * @generated from field: string service = 15;
     */
    service: string;
    /**
     * Output only. The id of the event that carried the record to the audit
     * service.
     *
     * @generated from field: string event_id = 16;
     */
    eventId: string;
    /**
     * Output only. The hex SHA-256 of the record's canonical content.
     *
     * @generated from field: string hash = 17;
     */
    hash: string;
    /**
     * Output only. The hash of the record before it in its chain; empty for
     * the first.
     *
     * @generated from field: string previous_hash = 18;
     */
    previousHash: string;
};
/**
 * AuditRecord is one call to a mutating RPC (or one sign-in) as the service
 * that served it saw it, named
 * `tenants/{tenant}/auditRecords/{sequence}`. Records of a tenant form a hash
 * chain: each stores the SHA-256 of its canonical content, which includes the
 * hash of the record before it, so an edited, deleted or reordered record
 * breaks the chain (VerifyAuditChain finds it). Records that belong to no
 * tenant (such as creating a tenant) are in the platform chain, named
 * `tenants/-/auditRecords/{sequence}`.
 *
 * @generated from message soma.audit.v1.AuditRecord
 */
export type AuditRecordJson = {
    /**
     * Output only. The resource name.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. The tenant whose chain holds the record; empty for the
     * platform chain.
     *
     * @generated from field: string tenant = 2;
     */
    tenant?: string;
    /**
     * Output only. The position of the record in its chain, from 1.
     *
     * @generated from field: int64 sequence = 3;
     */
    sequence?: string;
    /**
     * Output only. What the record is about.
     *
     * @generated from field: soma.audit.v1.AuditKind kind = 4;
     */
    kind?: AuditKindJson;
    /**
     * Output only. Who acted: the `act` subject of an impersonation token, or
     * the subject when the token carries no actor; empty for a call without a
     * valid token.
     *
     * @generated from field: string actor = 5;
     */
    actor?: string;
    /**
     * Output only. The token's subject, for example
     * `tenants/acme/users/ada`; empty for a call without a valid token.
     *
     * @generated from field: string subject = 6;
     */
    subject?: string;
    /**
     * Output only. The RPC's full name, for example
     * `soma.identity.v1.IdentityService.CreateUser`.
     *
     * @generated from field: string rpc = 7;
     */
    rpc?: string;
    /**
     * Output only. The resource the call addressed: its request's resource
     * name or parent.
     *
     * @generated from field: string resource = 8;
     */
    resource?: string;
    /**
     * Output only. The gRPC status code name the call ended with, for example
     * `OK` or `PERMISSION_DENIED`.
     *
     * @generated from field: string code = 9;
     */
    code?: string;
    /**
     * Output only. The `google.rpc.ErrorInfo` reason of a failed call, for
     * example `CAPABILITY_MISSING`; empty when it succeeded.
     *
     * @generated from field: string reason = 10;
     */
    reason?: string;
    /**
     * Output only. The request id of the call (`x-request-id`).
     *
     * @generated from field: string request_id = 11;
     */
    requestId?: string;
    /**
     * Output only. The client type the call declared (`x-soma-client-type`).
     *
     * @generated from field: string client_type = 12;
     */
    clientType?: string;
    /**
     * Output only. The checksum of the constitution the call acted under: the
     * `x-soma-constitution` header, or the one stamped in the token.
     *
     * @generated from field: string constitution_checksum = 13;
     */
    constitutionChecksum?: string;
    /**
     * Output only. When the service finished the call.
     *
     * @generated from field: google.protobuf.Timestamp time = 14;
     */
    time?: TimestampJson;
    /**
     * Output only. The domain of the service that recorded it, for example
     * `identity`.
     *
     * @generated from field: string service = 15;
     */
    service?: string;
    /**
     * Output only. The id of the event that carried the record to the audit
     * service.
     *
     * @generated from field: string event_id = 16;
     */
    eventId?: string;
    /**
     * Output only. The hex SHA-256 of the record's canonical content.
     *
     * @generated from field: string hash = 17;
     */
    hash?: string;
    /**
     * Output only. The hash of the record before it in its chain; empty for
     * the first.
     *
     * @generated from field: string previous_hash = 18;
     */
    previousHash?: string;
};
/**
 * Describes the message soma.audit.v1.AuditRecord.
 * Use `create(AuditRecordSchema)` to create a new message.
 */
export declare const AuditRecordSchema: GenMessage<AuditRecord, {
    jsonType: AuditRecordJson;
}>;
/**
 * AuditRecorded is the payload of the events on topic `audit.records`: every
 * service publishes one through its outbox for each call to a mutating RPC;
 * the audit service appends it to its tenant's chain. The chain fields of
 * the record (`name`, `sequence`, `hash`, `previous_hash`) are empty here.
 *
 * @generated from message soma.audit.v1.AuditRecorded
 */
export type AuditRecorded = Message<"soma.audit.v1.AuditRecorded"> & {
    /**
     * The record, as the service that served the call saw it.
     *
     * @generated from field: soma.audit.v1.AuditRecord record = 1;
     */
    record?: AuditRecord | undefined;
};
/**
 * AuditRecorded is the payload of the events on topic `audit.records`: every
 * service publishes one through its outbox for each call to a mutating RPC;
 * the audit service appends it to its tenant's chain. The chain fields of
 * the record (`name`, `sequence`, `hash`, `previous_hash`) are empty here.
 *
 * @generated from message soma.audit.v1.AuditRecorded
 */
export type AuditRecordedJson = {
    /**
     * The record, as the service that served the call saw it.
     *
     * @generated from field: soma.audit.v1.AuditRecord record = 1;
     */
    record?: AuditRecordJson;
};
/**
 * Describes the message soma.audit.v1.AuditRecorded.
 * Use `create(AuditRecordedSchema)` to create a new message.
 */
export declare const AuditRecordedSchema: GenMessage<AuditRecorded, {
    jsonType: AuditRecordedJson;
}>;
/**
 * AuditKind is what an audit record is about.
 *
 * @generated from enum soma.audit.v1.AuditKind
 */
export declare enum AuditKind {
    /**
     * Not set; treated as AUDIT_KIND_RPC.
     *
     * @generated from enum value: AUDIT_KIND_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * A call to a mutating RPC, whether it succeeded or was refused.
     *
     * @generated from enum value: AUDIT_KIND_RPC = 1;
     */
    RPC = 1,
    /**
     * A sign-in attempt.
     *
     * @generated from enum value: AUDIT_KIND_SIGN_IN = 2;
     */
    SIGN_IN = 2
}
/**
 * AuditKind is what an audit record is about.
 *
 * @generated from enum soma.audit.v1.AuditKind
 */
export type AuditKindJson = "AUDIT_KIND_UNSPECIFIED" | "AUDIT_KIND_RPC" | "AUDIT_KIND_SIGN_IN";
/**
 * Describes the enum soma.audit.v1.AuditKind.
 */
export declare const AuditKindSchema: GenEnum<AuditKind, AuditKindJson>;
