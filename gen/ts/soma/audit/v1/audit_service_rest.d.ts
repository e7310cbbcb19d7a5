import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { ListAuditRecordsRequestSchema, ListAuditRecordsResponseSchema, VerifyAuditChainRequestSchema, VerifyAuditChainResponseSchema } from "./audit_service_pb.js";
/**
 * REST bindings of soma.audit.v1.AuditService, from the google.api.http rules of its RPCs.
 */
export declare const AuditServiceRest: {
    readonly listAuditRecords: {
        readonly name: "soma.audit.v1.AuditService.ListAuditRecords";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").ListAuditRecordsRequest, {
            jsonType: import("./audit_service_pb.js").ListAuditRecordsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").ListAuditRecordsResponse, {
            jsonType: import("./audit_service_pb.js").ListAuditRecordsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/auditRecords"];
            readonly body: "";
        };
    };
    readonly verifyAuditChain: {
        readonly name: "soma.audit.v1.AuditService.VerifyAuditChain";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").VerifyAuditChainRequest, {
            jsonType: import("./audit_service_pb.js").VerifyAuditChainRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").VerifyAuditChainResponse, {
            jsonType: import("./audit_service_pb.js").VerifyAuditChainResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/auditRecords:verify"];
            readonly body: "";
        };
    };
};
/**
 * AuditService reads the audit trail: one record per call to a mutating RPC
 * of any service (refused calls included), named
 * `tenants/{tenant}/auditRecords/{sequence}`, appended to a hash chain per
 * tenant. Tenant admins read their tenant's trail; platform operators read
 * every tenant's, and the platform chain, through the parent `tenants/-`.
 * Errors carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.audit.v1.AuditService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class AuditServiceClient {
    static readonly serviceName = "soma.audit.v1.AuditService";
    static readonly methods: {
        readonly listAuditRecords: {
            readonly name: "soma.audit.v1.AuditService.ListAuditRecords";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").ListAuditRecordsRequest, {
                jsonType: import("./audit_service_pb.js").ListAuditRecordsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").ListAuditRecordsResponse, {
                jsonType: import("./audit_service_pb.js").ListAuditRecordsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/auditRecords"];
                readonly body: "";
            };
        };
        readonly verifyAuditChain: {
            readonly name: "soma.audit.v1.AuditService.VerifyAuditChain";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").VerifyAuditChainRequest, {
                jsonType: import("./audit_service_pb.js").VerifyAuditChainRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./audit_service_pb.js").VerifyAuditChainResponse, {
                jsonType: import("./audit_service_pb.js").VerifyAuditChainResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/auditRecords:verify"];
                readonly body: "";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Lists audit records, newest first. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed parent, time range or page token, and
     * PERMISSION_DENIED (TENANT_MISMATCH) when a tenant's token names another
     * tenant or `tenants/-`.
     *
     * `GET /v1/{parent=tenants/*}/auditRecords`
     */
    listAuditRecords(request: MessageInitShape<typeof ListAuditRecordsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListAuditRecordsResponseSchema>>;
    /**
     * Walks a tenant's chain from its first record and reports the first
     * record whose hash or link does not hold. With the parent `tenants/-` it
     * walks every chain. Fails with INVALID_ARGUMENT (FIELD_INVALID) on a
     * malformed parent and PERMISSION_DENIED (TENANT_MISMATCH) as
     * ListAuditRecords does.
     *
     * `GET /v1/{parent=tenants/*}/auditRecords:verify`
     */
    verifyAuditChain(request: MessageInitShape<typeof VerifyAuditChainRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof VerifyAuditChainResponseSchema>>;
}
