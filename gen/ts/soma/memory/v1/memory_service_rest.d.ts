import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { ClearWorkingRequestSchema, ClearWorkingResponseSchema, ForgetRequestSchema, ForgetResponseSchema, GetMemoryRequestSchema, GetMemoryResponseSchema, GetWorkingRequestSchema, GetWorkingResponseSchema, LinkRequestSchema, LinkResponseSchema, NeighborsRequestSchema, NeighborsResponseSchema, PutWorkingRequestSchema, PutWorkingResponseSchema, RecallRequestSchema, RecallResponseSchema, RememberRequestSchema, RememberResponseSchema, RetrieveContextRequestSchema, RetrieveContextResponseSchema } from "./memory_service_pb.js";
/**
 * REST bindings of soma.memory.v1.MemoryService, from the google.api.http rules of its RPCs.
 */
export declare const MemoryServiceRest: {
    readonly remember: {
        readonly name: "soma.memory.v1.MemoryService.Remember";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RememberRequest, {
            jsonType: import("./memory_service_pb.js").RememberRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RememberResponse, {
            jsonType: import("./memory_service_pb.js").RememberResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/memories"];
            readonly body: "*";
        };
    };
    readonly getMemory: {
        readonly name: "soma.memory.v1.MemoryService.GetMemory";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetMemoryRequest, {
            jsonType: import("./memory_service_pb.js").GetMemoryRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetMemoryResponse, {
            jsonType: import("./memory_service_pb.js").GetMemoryResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/memories/*";
            }];
            readonly body: "";
        };
    };
    readonly recall: {
        readonly name: "soma.memory.v1.MemoryService.Recall";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RecallRequest, {
            jsonType: import("./memory_service_pb.js").RecallRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RecallResponse, {
            jsonType: import("./memory_service_pb.js").RecallResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/memories:recall"];
            readonly body: "*";
        };
    };
    readonly retrieveContext: {
        readonly name: "soma.memory.v1.MemoryService.RetrieveContext";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RetrieveContextRequest, {
            jsonType: import("./memory_service_pb.js").RetrieveContextRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RetrieveContextResponse, {
            jsonType: import("./memory_service_pb.js").RetrieveContextResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/memories:retrieveContext"];
            readonly body: "*";
        };
    };
    readonly link: {
        readonly name: "soma.memory.v1.MemoryService.Link";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").LinkRequest, {
            jsonType: import("./memory_service_pb.js").LinkRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").LinkResponse, {
            jsonType: import("./memory_service_pb.js").LinkResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/memories/*";
            }, ":link"];
            readonly body: "*";
        };
    };
    readonly neighbors: {
        readonly name: "soma.memory.v1.MemoryService.Neighbors";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").NeighborsRequest, {
            jsonType: import("./memory_service_pb.js").NeighborsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").NeighborsResponse, {
            jsonType: import("./memory_service_pb.js").NeighborsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/memories/*";
            }, ":neighbors"];
            readonly body: "";
        };
    };
    readonly forget: {
        readonly name: "soma.memory.v1.MemoryService.Forget";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ForgetRequest, {
            jsonType: import("./memory_service_pb.js").ForgetRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ForgetResponse, {
            jsonType: import("./memory_service_pb.js").ForgetResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/memories:forget"];
            readonly body: "*";
        };
    };
    readonly putWorking: {
        readonly name: "soma.memory.v1.MemoryService.PutWorking";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").PutWorkingRequest, {
            jsonType: import("./memory_service_pb.js").PutWorkingRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").PutWorkingResponse, {
            jsonType: import("./memory_service_pb.js").PutWorkingResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/sessions/*/workingMemory";
            }, ":put"];
            readonly body: "*";
        };
    };
    readonly getWorking: {
        readonly name: "soma.memory.v1.MemoryService.GetWorking";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetWorkingRequest, {
            jsonType: import("./memory_service_pb.js").GetWorkingRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetWorkingResponse, {
            jsonType: import("./memory_service_pb.js").GetWorkingResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/sessions/*/workingMemory";
            }];
            readonly body: "";
        };
    };
    readonly clearWorking: {
        readonly name: "soma.memory.v1.MemoryService.ClearWorking";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ClearWorkingRequest, {
            jsonType: import("./memory_service_pb.js").ClearWorkingRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ClearWorkingResponse, {
            jsonType: import("./memory_service_pb.js").ClearWorkingResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "DELETE";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/sessions/*/workingMemory";
            }];
            readonly body: "";
        };
    };
};
/**
 * MemoryService stores and recalls a tenant's memories, named
 * `tenants/{tenant}/memories/{memory}`, links them into a graph, and keeps
 * each session's short-term working memory. Writes are acknowledged once
 * committed and reach the memory store in order, even when the store was
 * unreachable at the time. Errors carry `google.rpc.ErrorInfo` with a reason
 * from `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.memory.v1.MemoryService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class MemoryServiceClient {
    static readonly serviceName = "soma.memory.v1.MemoryService";
    static readonly methods: {
        readonly remember: {
            readonly name: "soma.memory.v1.MemoryService.Remember";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RememberRequest, {
                jsonType: import("./memory_service_pb.js").RememberRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RememberResponse, {
                jsonType: import("./memory_service_pb.js").RememberResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/memories"];
                readonly body: "*";
            };
        };
        readonly getMemory: {
            readonly name: "soma.memory.v1.MemoryService.GetMemory";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetMemoryRequest, {
                jsonType: import("./memory_service_pb.js").GetMemoryRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetMemoryResponse, {
                jsonType: import("./memory_service_pb.js").GetMemoryResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/memories/*";
                }];
                readonly body: "";
            };
        };
        readonly recall: {
            readonly name: "soma.memory.v1.MemoryService.Recall";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RecallRequest, {
                jsonType: import("./memory_service_pb.js").RecallRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RecallResponse, {
                jsonType: import("./memory_service_pb.js").RecallResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/memories:recall"];
                readonly body: "*";
            };
        };
        readonly retrieveContext: {
            readonly name: "soma.memory.v1.MemoryService.RetrieveContext";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RetrieveContextRequest, {
                jsonType: import("./memory_service_pb.js").RetrieveContextRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").RetrieveContextResponse, {
                jsonType: import("./memory_service_pb.js").RetrieveContextResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/memories:retrieveContext"];
                readonly body: "*";
            };
        };
        readonly link: {
            readonly name: "soma.memory.v1.MemoryService.Link";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").LinkRequest, {
                jsonType: import("./memory_service_pb.js").LinkRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").LinkResponse, {
                jsonType: import("./memory_service_pb.js").LinkResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/memories/*";
                }, ":link"];
                readonly body: "*";
            };
        };
        readonly neighbors: {
            readonly name: "soma.memory.v1.MemoryService.Neighbors";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").NeighborsRequest, {
                jsonType: import("./memory_service_pb.js").NeighborsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").NeighborsResponse, {
                jsonType: import("./memory_service_pb.js").NeighborsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/memories/*";
                }, ":neighbors"];
                readonly body: "";
            };
        };
        readonly forget: {
            readonly name: "soma.memory.v1.MemoryService.Forget";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ForgetRequest, {
                jsonType: import("./memory_service_pb.js").ForgetRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ForgetResponse, {
                jsonType: import("./memory_service_pb.js").ForgetResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/memories:forget"];
                readonly body: "*";
            };
        };
        readonly putWorking: {
            readonly name: "soma.memory.v1.MemoryService.PutWorking";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").PutWorkingRequest, {
                jsonType: import("./memory_service_pb.js").PutWorkingRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").PutWorkingResponse, {
                jsonType: import("./memory_service_pb.js").PutWorkingResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/sessions/*/workingMemory";
                }, ":put"];
                readonly body: "*";
            };
        };
        readonly getWorking: {
            readonly name: "soma.memory.v1.MemoryService.GetWorking";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetWorkingRequest, {
                jsonType: import("./memory_service_pb.js").GetWorkingRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").GetWorkingResponse, {
                jsonType: import("./memory_service_pb.js").GetWorkingResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/sessions/*/workingMemory";
                }];
                readonly body: "";
            };
        };
        readonly clearWorking: {
            readonly name: "soma.memory.v1.MemoryService.ClearWorking";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ClearWorkingRequest, {
                jsonType: import("./memory_service_pb.js").ClearWorkingRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./memory_service_pb.js").ClearWorkingResponse, {
                jsonType: import("./memory_service_pb.js").ClearWorkingResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "DELETE";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/sessions/*/workingMemory";
                }];
                readonly body: "";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Remembers a text. Retrying with the same `request_id` returns the memory
     * the first call created. Fails with INVALID_ARGUMENT (FIELD_INVALID) on a
     * bad kind, text, metadata or importance, and FAILED_PRECONDITION
     * (REQUEST_ID_REUSED) when the `request_id` already created a different
     * memory.
     *
     * `POST /v1/{parent=tenants/*}/memories` (body: `*`)
     */
    remember(request: MessageInitShape<typeof RememberRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RememberResponseSchema>>;
    /**
     * Returns a memory. Fails with NOT_FOUND (MEMORY_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/memories/*}`
     */
    getMemory(request: MessageInitShape<typeof GetMemoryRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetMemoryResponseSchema>>;
    /**
     * Recalls the memories that best match a query, best first, ranking by
     * embedding similarity and lexical (BM25) relevance together. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) on a bad `top_k` or filter, and
     * UNAVAILABLE (SERVICE_UNAVAILABLE) when the memory store or the embedder
     * cannot be reached.
     *
     * `POST /v1/{parent=tenants/*}/memories:recall` (body: `*`)
     */
    recall(request: MessageInitShape<typeof RecallRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RecallResponseSchema>>;
    /**
     * Retrieves context for a prompt: the chunks of the best-matching memories
     * that fit a token budget, each with its citation. Tokens are approximated
     * as ceil(words * 4 / 3). Fails like Recall.
     *
     * `POST /v1/{parent=tenants/*}/memories:retrieveContext` (body: `*`)
     */
    retrieveContext(request: MessageInitShape<typeof RetrieveContextRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RetrieveContextResponseSchema>>;
    /**
     * Links a memory to another memory of the same tenant with a typed edge.
     * Fails with NOT_FOUND (MEMORY_NOT_FOUND) when either memory does not
     * exist, and INVALID_ARGUMENT (FIELD_INVALID) when the target belongs to
     * another tenant or is the memory itself.
     *
     * `POST /v1/{name=tenants/*\/memories/*}:link` (body: `*`)
     */
    link(request: MessageInitShape<typeof LinkRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof LinkResponseSchema>>;
    /**
     * Returns the memories reachable from a memory through its links, nearest
     * first, up to a depth and a count. Fails with NOT_FOUND
     * (MEMORY_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/memories/*}:neighbors`
     */
    neighbors(request: MessageInitShape<typeof NeighborsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof NeighborsResponseSchema>>;
    /**
     * Forgets memories, by name or by filter, with their links, and returns how
     * many were forgotten. Names that do not exist are skipped. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) when neither names nor a filter
     * criterion is given.
     *
     * `POST /v1/{parent=tenants/*}/memories:forget` (body: `*`)
     */
    forget(request: MessageInitShape<typeof ForgetRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ForgetResponseSchema>>;
    /**
     * Appends entries to a session's working memory, dropping the oldest beyond
     * its bound and restarting its time to live. Fails with UNAVAILABLE
     * (SERVICE_UNAVAILABLE) when the cache cannot be reached.
     *
     * `POST /v1/{name=tenants/*\/sessions/*\/workingMemory}:put` (body: `*`)
     */
    putWorking(request: MessageInitShape<typeof PutWorkingRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof PutWorkingResponseSchema>>;
    /**
     * Returns a session's working memory; empty when it expired or never
     * existed.
     *
     * `GET /v1/{name=tenants/*\/sessions/*\/workingMemory}`
     */
    getWorking(request: MessageInitShape<typeof GetWorkingRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetWorkingResponseSchema>>;
    /**
     * Empties a session's working memory.
     *
     * `DELETE /v1/{name=tenants/*\/sessions/*\/workingMemory}`
     */
    clearWorking(request: MessageInitShape<typeof ClearWorkingRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ClearWorkingResponseSchema>>;
}
