import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { ApproveSessionRequestSchema, ApproveSessionResponseSchema, CancelSessionRequestSchema, CancelSessionResponseSchema, GetSessionRequestSchema, GetSessionResponseSchema, ListSessionsRequestSchema, ListSessionsResponseSchema, StartSessionRequestSchema, StartSessionResponseSchema, StreamSessionEventsRequestSchema, StreamSessionEventsResponseSchema } from "./session_service_pb.js";
/**
 * REST bindings of soma.orchestrator.v1.SessionService, from the google.api.http rules of its RPCs.
 */
export declare const SessionServiceRest: {
    readonly startSession: {
        readonly name: "soma.orchestrator.v1.SessionService.StartSession";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StartSessionRequest, {
            jsonType: import("./session_service_pb.js").StartSessionRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StartSessionResponse, {
            jsonType: import("./session_service_pb.js").StartSessionResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/sessions"];
            readonly body: "*";
        };
    };
    readonly getSession: {
        readonly name: "soma.orchestrator.v1.SessionService.GetSession";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").GetSessionRequest, {
            jsonType: import("./session_service_pb.js").GetSessionRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").GetSessionResponse, {
            jsonType: import("./session_service_pb.js").GetSessionResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/sessions/*";
            }];
            readonly body: "";
        };
    };
    readonly listSessions: {
        readonly name: "soma.orchestrator.v1.SessionService.ListSessions";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ListSessionsRequest, {
            jsonType: import("./session_service_pb.js").ListSessionsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ListSessionsResponse, {
            jsonType: import("./session_service_pb.js").ListSessionsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/sessions"];
            readonly body: "";
        };
    };
    readonly streamSessionEvents: {
        readonly name: "soma.orchestrator.v1.SessionService.StreamSessionEvents";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StreamSessionEventsRequest, {
            jsonType: import("./session_service_pb.js").StreamSessionEventsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StreamSessionEventsResponse, {
            jsonType: import("./session_service_pb.js").StreamSessionEventsResponseJson;
        }>;
        readonly serverStreaming: true;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/sessions/*";
            }, ":streamEvents"];
            readonly body: "";
        };
    };
    readonly approveSession: {
        readonly name: "soma.orchestrator.v1.SessionService.ApproveSession";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ApproveSessionRequest, {
            jsonType: import("./session_service_pb.js").ApproveSessionRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ApproveSessionResponse, {
            jsonType: import("./session_service_pb.js").ApproveSessionResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/sessions/*";
            }, ":approve"];
            readonly body: "*";
        };
    };
    readonly cancelSession: {
        readonly name: "soma.orchestrator.v1.SessionService.CancelSession";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").CancelSessionRequest, {
            jsonType: import("./session_service_pb.js").CancelSessionRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").CancelSessionResponse, {
            jsonType: import("./session_service_pb.js").CancelSessionResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/sessions/*";
            }, ":cancel"];
            readonly body: "*";
        };
    };
};
/**
 * SessionService runs agent sessions, named
 * `tenants/{tenant}/sessions/{session}`. A session takes the platform's path
 * through the mesh, as its caller: the constitution check, PolicyService
 * Evaluate, MemoryService RetrieveContext, SlmService inference and the
 * tool calls, each policy-checked; every step is traced and published on
 * `sessions.events`. When policy asks for approval the session waits in
 * PENDING_APPROVAL until a second person approves or rejects it. Errors
 * carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.orchestrator.v1.SessionService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class SessionServiceClient {
    static readonly serviceName = "soma.orchestrator.v1.SessionService";
    static readonly methods: {
        readonly startSession: {
            readonly name: "soma.orchestrator.v1.SessionService.StartSession";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StartSessionRequest, {
                jsonType: import("./session_service_pb.js").StartSessionRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StartSessionResponse, {
                jsonType: import("./session_service_pb.js").StartSessionResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/sessions"];
                readonly body: "*";
            };
        };
        readonly getSession: {
            readonly name: "soma.orchestrator.v1.SessionService.GetSession";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").GetSessionRequest, {
                jsonType: import("./session_service_pb.js").GetSessionRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").GetSessionResponse, {
                jsonType: import("./session_service_pb.js").GetSessionResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/sessions/*";
                }];
                readonly body: "";
            };
        };
        readonly listSessions: {
            readonly name: "soma.orchestrator.v1.SessionService.ListSessions";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ListSessionsRequest, {
                jsonType: import("./session_service_pb.js").ListSessionsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ListSessionsResponse, {
                jsonType: import("./session_service_pb.js").ListSessionsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/sessions"];
                readonly body: "";
            };
        };
        readonly streamSessionEvents: {
            readonly name: "soma.orchestrator.v1.SessionService.StreamSessionEvents";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StreamSessionEventsRequest, {
                jsonType: import("./session_service_pb.js").StreamSessionEventsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").StreamSessionEventsResponse, {
                jsonType: import("./session_service_pb.js").StreamSessionEventsResponseJson;
            }>;
            readonly serverStreaming: true;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/sessions/*";
                }, ":streamEvents"];
                readonly body: "";
            };
        };
        readonly approveSession: {
            readonly name: "soma.orchestrator.v1.SessionService.ApproveSession";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ApproveSessionRequest, {
                jsonType: import("./session_service_pb.js").ApproveSessionRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").ApproveSessionResponse, {
                jsonType: import("./session_service_pb.js").ApproveSessionResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/sessions/*";
                }, ":approve"];
                readonly body: "*";
            };
        };
        readonly cancelSession: {
            readonly name: "soma.orchestrator.v1.SessionService.CancelSession";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").CancelSessionRequest, {
                jsonType: import("./session_service_pb.js").CancelSessionRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./session_service_pb.js").CancelSessionResponse, {
                jsonType: import("./session_service_pb.js").CancelSessionResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/sessions/*";
                }, ":cancel"];
                readonly body: "*";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Starts a session and runs it until it finishes, waits for approval or,
     * for a queued session, the inference is queued. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) on a bad prompt, action, tool call or
     * option; FAILED_PRECONDITION (CONSTITUTION_CHECKSUM_MISMATCH) when the
     * request's `x-soma-constitution` header names another checksum than the
     * active constitution's, or (CONSTITUTION_NOT_FOUND) when none is active;
     * ALREADY_EXISTS (REQUEST_ID_REUSED) when `request_id` started a
     * different session; UNAVAILABLE (SERVICE_UNAVAILABLE) when the
     * constitution service cannot be reached. A later hop that fails (policy,
     * memory, the model, a tool) does not fail the call: its step records the
     * error and the session ends FAILED. A retry with the same `request_id`
     * returns the session the first call started.
     *
     * `POST /v1/{parent=tenants/*}/sessions` (body: `*`)
     */
    startSession(request: MessageInitShape<typeof StartSessionRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof StartSessionResponseSchema>>;
    /**
     * Returns a session with its steps. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed name and NOT_FOUND (SESSION_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/sessions/*}`
     */
    getSession(request: MessageInitShape<typeof GetSessionRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetSessionResponseSchema>>;
    /**
     * Lists a tenant's sessions, newest first. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed parent, filter or page token.
     *
     * `GET /v1/{parent=tenants/*}/sessions`
     */
    listSessions(request: MessageInitShape<typeof ListSessionsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListSessionsResponseSchema>>;
    /**
     * Streams a session's events: every event so far, then each new one as it
     * happens, until the session finishes (SUCCEEDED, FAILED, DENIED,
     * REJECTED or CANCELLED). Through Envoy's REST surface the stream is
     * newline-delimited JSON. Fails with INVALID_ARGUMENT (FIELD_INVALID) on a
     * malformed name and NOT_FOUND (SESSION_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/sessions/*}:streamEvents`
     */
    streamSessionEvents(request: MessageInitShape<typeof StreamSessionEventsRequestSchema>, options?: CallOptions): AsyncGenerator<MessageShape<typeof StreamSessionEventsResponseSchema>, void, undefined>;
    /**
     * Approves or rejects a session waiting in PENDING_APPROVAL; an approved
     * session runs its remaining steps before the call returns. The approver
     * must be another person than the requester: neither the subject nor the
     * actor (`act` claim) of the approver's token may be the requester or the
     * requester's actor. Fails with INVALID_ARGUMENT (FIELD_INVALID) on a
     * malformed name or comment, NOT_FOUND (SESSION_NOT_FOUND),
     * FAILED_PRECONDITION (SESSION_STATE_CONFLICT) when the session does not
     * wait for approval, and PERMISSION_DENIED (SELF_APPROVAL) when the
     * requester approves their own session, through any token.
     *
     * `POST /v1/{name=tenants/*\/sessions/*}:approve` (body: `*`)
     */
    approveSession(request: MessageInitShape<typeof ApproveSessionRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ApproveSessionResponseSchema>>;
    /**
     * Cancels a session that has not finished. Only its requester or a user
     * holding `sessions.approve` may. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed name, NOT_FOUND (SESSION_NOT_FOUND),
     * PERMISSION_DENIED (CAPABILITY_MISSING) for anyone else, and
     * FAILED_PRECONDITION (SESSION_STATE_CONFLICT) when it already finished.
     *
     * `POST /v1/{name=tenants/*\/sessions/*}:cancel` (body: `*`)
     */
    cancelSession(request: MessageInitShape<typeof CancelSessionRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof CancelSessionResponseSchema>>;
}
