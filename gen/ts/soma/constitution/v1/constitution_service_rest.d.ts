import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { GetActiveRequestSchema, GetActiveResponseSchema, GetChecksumRequestSchema, GetChecksumResponseSchema, ListVersionsRequestSchema, ListVersionsResponseSchema, LoadRequestSchema, LoadResponseSchema, RollbackRequestSchema, RollbackResponseSchema, ValidateRequestSchema, ValidateResponseSchema } from "./constitution_service_pb.js";
/**
 * REST bindings of soma.constitution.v1.ConstitutionService, from the google.api.http rules of its RPCs.
 */
export declare const ConstitutionServiceRest: {
    readonly getActive: {
        readonly name: "soma.constitution.v1.ConstitutionService.GetActive";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.constitution.v1.GetActiveRequest">, {
            jsonType: import("./constitution_service_pb.js").GetActiveRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").GetActiveResponse, {
            jsonType: import("./constitution_service_pb.js").GetActiveResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/constitution"];
            readonly body: "";
        };
    };
    readonly getChecksum: {
        readonly name: "soma.constitution.v1.ConstitutionService.GetChecksum";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.constitution.v1.GetChecksumRequest">, {
            jsonType: import("./constitution_service_pb.js").GetChecksumRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").GetChecksumResponse, {
            jsonType: import("./constitution_service_pb.js").GetChecksumResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/constitution:checksum"];
            readonly body: "";
        };
    };
    readonly validate: {
        readonly name: "soma.constitution.v1.ConstitutionService.Validate";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ValidateRequest, {
            jsonType: import("./constitution_service_pb.js").ValidateRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ValidateResponse, {
            jsonType: import("./constitution_service_pb.js").ValidateResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/constitution:validate"];
            readonly body: "*";
        };
    };
    readonly load: {
        readonly name: "soma.constitution.v1.ConstitutionService.Load";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").LoadRequest, {
            jsonType: import("./constitution_service_pb.js").LoadRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").LoadResponse, {
            jsonType: import("./constitution_service_pb.js").LoadResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/constitution:load"];
            readonly body: "*";
        };
    };
    readonly listVersions: {
        readonly name: "soma.constitution.v1.ConstitutionService.ListVersions";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ListVersionsRequest, {
            jsonType: import("./constitution_service_pb.js").ListVersionsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ListVersionsResponse, {
            jsonType: import("./constitution_service_pb.js").ListVersionsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/constitution/versions"];
            readonly body: "";
        };
    };
    readonly rollback: {
        readonly name: "soma.constitution.v1.ConstitutionService.Rollback";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").RollbackRequest, {
            jsonType: import("./constitution_service_pb.js").RollbackRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").RollbackResponse, {
            jsonType: import("./constitution_service_pb.js").RollbackResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/constitution:rollback"];
            readonly body: "*";
        };
    };
};
/**
 * ConstitutionService keeps the platform-wide constitution: it verifies the
 * signatures and the CEL rules of a document before it loads it, activates
 * one version at a time, rolls back to an earlier one, and announces every
 * change on topic `constitution.updated`. Clients send the active checksum
 * on each call as metadata `x-soma-constitution`. Reads of the active
 * constitution are public: every agent and client may read the rules it is
 * held to. Errors carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.constitution.v1.ConstitutionService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class ConstitutionServiceClient {
    static readonly serviceName = "soma.constitution.v1.ConstitutionService";
    static readonly methods: {
        readonly getActive: {
            readonly name: "soma.constitution.v1.ConstitutionService.GetActive";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.constitution.v1.GetActiveRequest">, {
                jsonType: import("./constitution_service_pb.js").GetActiveRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").GetActiveResponse, {
                jsonType: import("./constitution_service_pb.js").GetActiveResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/constitution"];
                readonly body: "";
            };
        };
        readonly getChecksum: {
            readonly name: "soma.constitution.v1.ConstitutionService.GetChecksum";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.constitution.v1.GetChecksumRequest">, {
                jsonType: import("./constitution_service_pb.js").GetChecksumRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").GetChecksumResponse, {
                jsonType: import("./constitution_service_pb.js").GetChecksumResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/constitution:checksum"];
                readonly body: "";
            };
        };
        readonly validate: {
            readonly name: "soma.constitution.v1.ConstitutionService.Validate";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ValidateRequest, {
                jsonType: import("./constitution_service_pb.js").ValidateRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ValidateResponse, {
                jsonType: import("./constitution_service_pb.js").ValidateResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/constitution:validate"];
                readonly body: "*";
            };
        };
        readonly load: {
            readonly name: "soma.constitution.v1.ConstitutionService.Load";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").LoadRequest, {
                jsonType: import("./constitution_service_pb.js").LoadRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").LoadResponse, {
                jsonType: import("./constitution_service_pb.js").LoadResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/constitution:load"];
                readonly body: "*";
            };
        };
        readonly listVersions: {
            readonly name: "soma.constitution.v1.ConstitutionService.ListVersions";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ListVersionsRequest, {
                jsonType: import("./constitution_service_pb.js").ListVersionsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").ListVersionsResponse, {
                jsonType: import("./constitution_service_pb.js").ListVersionsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/constitution/versions"];
                readonly body: "";
            };
        };
        readonly rollback: {
            readonly name: "soma.constitution.v1.ConstitutionService.Rollback";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").RollbackRequest, {
                jsonType: import("./constitution_service_pb.js").RollbackRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./constitution_service_pb.js").RollbackResponse, {
                jsonType: import("./constitution_service_pb.js").RollbackResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/constitution:rollback"];
                readonly body: "*";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Returns the active constitution. Fails with NOT_FOUND
     * (CONSTITUTION_NOT_FOUND) before the first one is loaded. Public: it needs
     * no token.
     *
     * `GET /v1/constitution`
     */
    getActive(request: MessageInitShape<typeof GetActiveRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetActiveResponseSchema>>;
    /**
     * Returns the checksum and version of the active constitution, for clients
     * that only need the value of `x-soma-constitution`. Fails with NOT_FOUND
     * (CONSTITUTION_NOT_FOUND) before the first one is loaded. Public: it needs
     * no token.
     *
     * `GET /v1/constitution:checksum`
     */
    getChecksum(request: MessageInitShape<typeof GetChecksumRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetChecksumResponseSchema>>;
    /**
     * Checks a document and its signatures exactly as Load would, without
     * loading it, and reports every problem instead of failing; or checks
     * whether a checksum is the active one. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) only when neither a document nor a checksum is given.
     *
     * `POST /v1/constitution:validate` (body: `*`)
     */
    validate(request: MessageInitShape<typeof ValidateRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ValidateResponseSchema>>;
    /**
     * Verifies a signed document and makes it the active constitution, in one
     * transaction with the `constitution.updated` event. Loading the active
     * document again changes nothing; loading an earlier one activates it
     * again. Fails with INVALID_ARGUMENT (FIELD_INVALID) naming each malformed
     * field, including every rule whose CEL expression does not compile
     * (`constitution.rules[i].expression`); INVALID_ARGUMENT
     * (CONSTITUTION_SIGNATURE_INVALID) when a trusted signer's signature does not
     * verify (metadata `signerId`); FAILED_PRECONDITION
     * (CONSTITUTION_QUORUM_NOT_MET) when fewer trusted signers signed than the
     * quorum (metadata `have`, `need`); ALREADY_EXISTS
     * (CONSTITUTION_VERSION_EXISTS) when another document was loaded under the
     * same version; ABORTED (ETAG_MISMATCH) when `expected_active_checksum` is
     * no longer the active one.
     *
     * `POST /v1/constitution:load` (body: `*`)
     */
    load(request: MessageInitShape<typeof LoadRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof LoadResponseSchema>>;
    /**
     * Lists the loaded constitutions, the most recently loaded first.
     *
     * `GET /v1/constitution/versions`
     */
    listVersions(request: MessageInitShape<typeof ListVersionsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListVersionsResponseSchema>>;
    /**
     * Makes a previously loaded constitution the active one again, with the
     * `constitution.updated` event. Its signatures are verified again against
     * the signers trusted now. Rolling back to the active version changes
     * nothing. Fails with NOT_FOUND (CONSTITUTION_NOT_FOUND) when no such version
     * was loaded, FAILED_PRECONDITION (CONSTITUTION_QUORUM_NOT_MET) when its
     * signers are no longer trusted enough, ABORTED (ETAG_MISMATCH) when
     * `expected_active_checksum` is no longer the active one.
     *
     * `POST /v1/constitution:rollback` (body: `*`)
     */
    rollback(request: MessageInitShape<typeof RollbackRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RollbackResponseSchema>>;
}
