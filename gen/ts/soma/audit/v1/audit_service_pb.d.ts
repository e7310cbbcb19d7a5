import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { AuditRecord, AuditRecordJson } from "./audit_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/audit/v1/audit_service.proto.
 */
export declare const file_soma_audit_v1_audit_service: GenFile;
/**
 * Request message for AuditService.ListAuditRecords.
 *
 * @generated from message soma.audit.v1.ListAuditRecordsRequest
 */
export type ListAuditRecordsRequest = Message<"soma.audit.v1.ListAuditRecordsRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`, or `tenants/-` for every
     * tenant and the platform chain (platform operators only).
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Optional. At most this many records; 50 when unset, 500 at most.
     *
     * @generated from field: int32 page_size = 2;
     */
    pageSize: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 3;
     */
    pageToken: string;
    /**
     * Optional. Only records whose actor or subject is this, for example
     * `tenants/acme/users/ada`.
     *
     * @generated from field: string principal = 4;
     */
    principal: string;
    /**
     * Optional. Only records of this RPC, by full name, for example
     * `soma.identity.v1.IdentityService.CreateUser`.
     *
     * @generated from field: string rpc = 5;
     */
    rpc: string;
    /**
     * Optional. Only records that ended with this code name, for example
     * `OK` or `PERMISSION_DENIED`.
     *
     * @generated from field: string code = 6;
     */
    code: string;
    /**
     * Optional. Only records at or after this time.
     *
     * @generated from field: google.protobuf.Timestamp start_time = 7;
     */
    startTime?: Timestamp | undefined;
    /**
     * Optional. Only records before this time.
     *
     * @generated from field: google.protobuf.Timestamp end_time = 8;
     */
    endTime?: Timestamp | undefined;
};
/**
 * Request message for AuditService.ListAuditRecords.
 *
 * @generated from message soma.audit.v1.ListAuditRecordsRequest
 */
export type ListAuditRecordsRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`, or `tenants/-` for every
     * tenant and the platform chain (platform operators only).
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Optional. At most this many records; 50 when unset, 500 at most.
     *
     * @generated from field: int32 page_size = 2;
     */
    pageSize?: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 3;
     */
    pageToken?: string;
    /**
     * Optional. Only records whose actor or subject is this, for example
     * `tenants/acme/users/ada`.
     *
     * @generated from field: string principal = 4;
     */
    principal?: string;
    /**
     * Optional. Only records of this RPC, by full name, for example
     * `soma.identity.v1.IdentityService.CreateUser`.
     *
     * @generated from field: string rpc = 5;
     */
    rpc?: string;
    /**
     * Optional. Only records that ended with this code name, for example
     * `OK` or `PERMISSION_DENIED`.
     *
     * @generated from field: string code = 6;
     */
    code?: string;
    /**
     * Optional. Only records at or after this time.
     *
     * @generated from field: google.protobuf.Timestamp start_time = 7;
     */
    startTime?: TimestampJson;
    /**
     * Optional. Only records before this time.
     *
     * @generated from field: google.protobuf.Timestamp end_time = 8;
     */
    endTime?: TimestampJson;
};
/**
 * Describes the message soma.audit.v1.ListAuditRecordsRequest.
 * Use `create(ListAuditRecordsRequestSchema)` to create a new message.
 */
export declare const ListAuditRecordsRequestSchema: GenMessage<ListAuditRecordsRequest, {
    jsonType: ListAuditRecordsRequestJson;
}>;
/**
 * Response message for AuditService.ListAuditRecords.
 *
 * @generated from message soma.audit.v1.ListAuditRecordsResponse
 */
export type ListAuditRecordsResponse = Message<"soma.audit.v1.ListAuditRecordsResponse"> & {
    /**
     * The records, newest first.
     *
     * @generated from field: repeated soma.audit.v1.AuditRecord audit_records = 1;
     */
    auditRecords: AuditRecord[];
    /**
     * A token for the next page; empty on the last.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for AuditService.ListAuditRecords.
 *
 * @generated from message soma.audit.v1.ListAuditRecordsResponse
 */
export type ListAuditRecordsResponseJson = {
    /**
     * The records, newest first.
     *
     * @generated from field: repeated soma.audit.v1.AuditRecord audit_records = 1;
     */
    auditRecords?: AuditRecordJson[];
    /**
     * A token for the next page; empty on the last.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.audit.v1.ListAuditRecordsResponse.
 * Use `create(ListAuditRecordsResponseSchema)` to create a new message.
 */
export declare const ListAuditRecordsResponseSchema: GenMessage<ListAuditRecordsResponse, {
    jsonType: ListAuditRecordsResponseJson;
}>;
/**
 * Request message for AuditService.VerifyAuditChain.
 *
 * @generated from message soma.audit.v1.VerifyAuditChainRequest
 */
export type VerifyAuditChainRequest = Message<"soma.audit.v1.VerifyAuditChainRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`, or `tenants/-` for every
     * chain (platform operators only).
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
};
/**
 * Request message for AuditService.VerifyAuditChain.
 *
 * @generated from message soma.audit.v1.VerifyAuditChainRequest
 */
export type VerifyAuditChainRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`, or `tenants/-` for every
     * chain (platform operators only).
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
};
/**
 * Describes the message soma.audit.v1.VerifyAuditChainRequest.
 * Use `create(VerifyAuditChainRequestSchema)` to create a new message.
 */
export declare const VerifyAuditChainRequestSchema: GenMessage<VerifyAuditChainRequest, {
    jsonType: VerifyAuditChainRequestJson;
}>;
/**
 * Response message for AuditService.VerifyAuditChain.
 *
 * @generated from message soma.audit.v1.VerifyAuditChainResponse
 */
export type VerifyAuditChainResponse = Message<"soma.audit.v1.VerifyAuditChainResponse"> & {
    /**
     * Whether every record walked holds.
     *
     * @generated from field: bool intact = 1;
     */
    intact: boolean;
    /**
     * How many records were walked.
     *
     * @generated from field: int64 records_checked = 2;
     */
    recordsChecked: bigint;
    /**
     * The first record that does not hold, as stored; unset when intact.
     *
     * @generated from field: soma.audit.v1.AuditRecord first_broken = 3;
     */
    firstBroken?: AuditRecord | undefined;
    /**
     * Why `first_broken` does not hold, for example `hash mismatch` or
     * `previous hash does not match record 4`; empty when intact.
     *
     * @generated from field: string problem = 4;
     */
    problem: string;
    /**
     * The hash of the last record of each chain walked, by tenant (`-` for the
     * platform chain). Keep it elsewhere: a later walk that ends before it shows
     * that records were cut from the end, which no chain can show on its own.
     *
     * @generated from field: map<string, string> head_hashes = 5;
     */
    headHashes: {
        [key: string]: string;
    };
};
/**
 * Response message for AuditService.VerifyAuditChain.
 *
 * @generated from message soma.audit.v1.VerifyAuditChainResponse
 */
export type VerifyAuditChainResponseJson = {
    /**
     * Whether every record walked holds.
     *
     * @generated from field: bool intact = 1;
     */
    intact?: boolean;
    /**
     * How many records were walked.
     *
     * @generated from field: int64 records_checked = 2;
     */
    recordsChecked?: string;
    /**
     * The first record that does not hold, as stored; unset when intact.
     *
     * @generated from field: soma.audit.v1.AuditRecord first_broken = 3;
     */
    firstBroken?: AuditRecordJson;
    /**
     * Why `first_broken` does not hold, for example `hash mismatch` or
     * `previous hash does not match record 4`; empty when intact.
     *
     * @generated from field: string problem = 4;
     */
    problem?: string;
    /**
     * The hash of the last record of each chain walked, by tenant (`-` for the
     * platform chain). Keep it elsewhere: a later walk that ends before it shows
     * that records were cut from the end, which no chain can show on its own.
     *
     * @generated from field: map<string, string> head_hashes = 5;
     */
    headHashes?: {
        [key: string]: string;
    };
};
/**
 * Describes the message soma.audit.v1.VerifyAuditChainResponse.
 * Use `create(VerifyAuditChainResponseSchema)` to create a new message.
 */
export declare const VerifyAuditChainResponseSchema: GenMessage<VerifyAuditChainResponse, {
    jsonType: VerifyAuditChainResponseJson;
}>;
/**
 * AuditService reads the audit trail: one record per call to a mutating RPC
 * of any service (refused calls included), named
 * `tenants/{tenant}/auditRecords/{sequence}`, appended to a hash chain per
 * tenant. Tenant admins read their tenant's trail; platform operators read
 * every tenant's, and the platform chain, through the parent `tenants/-`.
 * Errors carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * @generated from service soma.audit.v1.AuditService
 */
export declare const AuditService: GenService<{
    /**
     * Lists audit records, newest first. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed parent, time range or page token, and
     * PERMISSION_DENIED (TENANT_MISMATCH) when a tenant's token names another
     * tenant or `tenants/-`.
     *
     * @generated from rpc soma.audit.v1.AuditService.ListAuditRecords
     */
    listAuditRecords: {
        methodKind: "unary";
        input: typeof ListAuditRecordsRequestSchema;
        output: typeof ListAuditRecordsResponseSchema;
    };
    /**
     * Walks a tenant's chain from its first record and reports the first
     * record whose hash or link does not hold. With the parent `tenants/-` it
     * walks every chain. Fails with INVALID_ARGUMENT (FIELD_INVALID) on a
     * malformed parent and PERMISSION_DENIED (TENANT_MISMATCH) as
     * ListAuditRecords does.
     *
     * @generated from rpc soma.audit.v1.AuditService.VerifyAuditChain
     */
    verifyAuditChain: {
        methodKind: "unary";
        input: typeof VerifyAuditChainRequestSchema;
        output: typeof VerifyAuditChainResponseSchema;
    };
}>;
