import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { EmbedRequestSchema, EmbedResponseSchema, GetInferenceRequestSchema, GetInferenceResponseSchema, InferSyncRequestSchema, InferSyncResponseSchema, ListProvidersRequestSchema, ListProvidersResponseSchema, SubmitInferenceRequestSchema, SubmitInferenceResponseSchema, WatchInferenceRequestSchema, WatchInferenceResponseSchema } from "./slm_service_pb.js";
/**
 * REST bindings of soma.slm.v1.SlmService, from the google.api.http rules of its RPCs.
 */
export declare const SlmServiceRest: {
    readonly inferSync: {
        readonly name: "soma.slm.v1.SlmService.InferSync";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").InferSyncRequest, {
            jsonType: import("./slm_service_pb.js").InferSyncRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").InferSyncResponse, {
            jsonType: import("./slm_service_pb.js").InferSyncResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, ":infer"];
            readonly body: "*";
        };
    };
    readonly embed: {
        readonly name: "soma.slm.v1.SlmService.Embed";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").EmbedRequest, {
            jsonType: import("./slm_service_pb.js").EmbedRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").EmbedResponse, {
            jsonType: import("./slm_service_pb.js").EmbedResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, ":embed"];
            readonly body: "*";
        };
    };
    readonly submitInference: {
        readonly name: "soma.slm.v1.SlmService.SubmitInference";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").SubmitInferenceRequest, {
            jsonType: import("./slm_service_pb.js").SubmitInferenceRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").SubmitInferenceResponse, {
            jsonType: import("./slm_service_pb.js").SubmitInferenceResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/inferences"];
            readonly body: "inference";
        };
    };
    readonly getInference: {
        readonly name: "soma.slm.v1.SlmService.GetInference";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").GetInferenceRequest, {
            jsonType: import("./slm_service_pb.js").GetInferenceRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").GetInferenceResponse, {
            jsonType: import("./slm_service_pb.js").GetInferenceResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/inferences/*";
            }];
            readonly body: "";
        };
    };
    readonly watchInference: {
        readonly name: "soma.slm.v1.SlmService.WatchInference";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").WatchInferenceRequest, {
            jsonType: import("./slm_service_pb.js").WatchInferenceRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").WatchInferenceResponse, {
            jsonType: import("./slm_service_pb.js").WatchInferenceResponseJson;
        }>;
        readonly serverStreaming: true;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/inferences/*";
            }, ":watch"];
            readonly body: "";
        };
    };
    readonly listProviders: {
        readonly name: "soma.slm.v1.SlmService.ListProviders";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").ListProvidersRequest, {
            jsonType: import("./slm_service_pb.js").ListProvidersRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").ListProvidersResponse, {
            jsonType: import("./slm_service_pb.js").ListProvidersResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/providers"];
            readonly body: "";
        };
    };
};
/**
 * SlmService runs a tenant's model inferences: chat completions, embeddings
 * and queued jobs named `tenants/{tenant}/inferences/{inference}`, through a
 * provider the tenant's model profile picks (a built-in local model, an
 * OpenAI-compatible server or Anthropic). Provider calls retry on 429, 5xx
 * and connection errors and sit behind a circuit breaker. Errors carry
 * `google.rpc.ErrorInfo` with a reason from `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.slm.v1.SlmService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class SlmServiceClient {
    static readonly serviceName = "soma.slm.v1.SlmService";
    static readonly methods: {
        readonly inferSync: {
            readonly name: "soma.slm.v1.SlmService.InferSync";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").InferSyncRequest, {
                jsonType: import("./slm_service_pb.js").InferSyncRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").InferSyncResponse, {
                jsonType: import("./slm_service_pb.js").InferSyncResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, ":infer"];
                readonly body: "*";
            };
        };
        readonly embed: {
            readonly name: "soma.slm.v1.SlmService.Embed";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").EmbedRequest, {
                jsonType: import("./slm_service_pb.js").EmbedRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").EmbedResponse, {
                jsonType: import("./slm_service_pb.js").EmbedResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, ":embed"];
                readonly body: "*";
            };
        };
        readonly submitInference: {
            readonly name: "soma.slm.v1.SlmService.SubmitInference";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").SubmitInferenceRequest, {
                jsonType: import("./slm_service_pb.js").SubmitInferenceRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").SubmitInferenceResponse, {
                jsonType: import("./slm_service_pb.js").SubmitInferenceResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/inferences"];
                readonly body: "inference";
            };
        };
        readonly getInference: {
            readonly name: "soma.slm.v1.SlmService.GetInference";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").GetInferenceRequest, {
                jsonType: import("./slm_service_pb.js").GetInferenceRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").GetInferenceResponse, {
                jsonType: import("./slm_service_pb.js").GetInferenceResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/inferences/*";
                }];
                readonly body: "";
            };
        };
        readonly watchInference: {
            readonly name: "soma.slm.v1.SlmService.WatchInference";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").WatchInferenceRequest, {
                jsonType: import("./slm_service_pb.js").WatchInferenceRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").WatchInferenceResponse, {
                jsonType: import("./slm_service_pb.js").WatchInferenceResponseJson;
            }>;
            readonly serverStreaming: true;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/inferences/*";
                }, ":watch"];
                readonly body: "";
            };
        };
        readonly listProviders: {
            readonly name: "soma.slm.v1.SlmService.ListProviders";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").ListProvidersRequest, {
                jsonType: import("./slm_service_pb.js").ListProvidersRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./slm_service_pb.js").ListProvidersResponse, {
                jsonType: import("./slm_service_pb.js").ListProvidersResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/providers"];
                readonly body: "";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Answers a conversation and waits for the answer. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) on bad messages or parameters or an
     * unknown provider, FAILED_PRECONDITION (GUARDRAIL_VIOLATED, metadata
     * `guardrail` = `local-provider-not-in-prod`) when the call would reach the
     * built-in local provider while the tenant's deployment mode or the mesh's
     * stage is prod (a tenant without a chat profile included),
     * FAILED_PRECONDITION (PROVIDER_NOT_ALLOWED) when the profile's `base_url`
     * is not allowed, and UNAVAILABLE (SERVICE_UNAVAILABLE) when the provider
     * fails or its circuit is open.
     *
     * `POST /v1/{parent=tenants/*}:infer` (body: `*`)
     */
    inferSync(request: MessageInitShape<typeof InferSyncRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof InferSyncResponseSchema>>;
    /**
     * Embeds texts, one vector per text in order. Fails like InferSync, and
     * with INVALID_ARGUMENT (FIELD_INVALID) when the provider does not embed.
     *
     * `POST /v1/{parent=tenants/*}:embed` (body: `*`)
     */
    embed(request: MessageInitShape<typeof EmbedRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof EmbedResponseSchema>>;
    /**
     * Queues an inference and returns it in state QUEUED; a worker runs it.
     * Retrying with the same `request_id` returns the inference the first call
     * queued. Fails with INVALID_ARGUMENT (FIELD_INVALID) and
     * FAILED_PRECONDITION (GUARDRAIL_VIOLATED, PROVIDER_NOT_ALLOWED) like
     * InferSync, and FAILED_PRECONDITION (REQUEST_ID_REUSED) when the
     * `request_id` already queued a different conversation.
     *
     * `POST /v1/{parent=tenants/*}/inferences` (body: `inference`)
     */
    submitInference(request: MessageInitShape<typeof SubmitInferenceRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof SubmitInferenceResponseSchema>>;
    /**
     * Returns a queued inference. Fails with NOT_FOUND (INFERENCE_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/inferences/*}`
     */
    getInference(request: MessageInitShape<typeof GetInferenceRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetInferenceResponseSchema>>;
    /**
     * Streams a queued inference: its current state first, then every
     * generated token and state change, ending after SUCCEEDED or FAILED.
     * Fails with NOT_FOUND (INFERENCE_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/inferences/*}:watch`
     */
    watchInference(request: MessageInitShape<typeof WatchInferenceRequestSchema>, options?: CallOptions): AsyncGenerator<MessageShape<typeof WatchInferenceResponseSchema>, void, undefined>;
    /**
     * Lists the providers the tenant can use and whether each is available.
     *
     * `GET /v1/{parent=tenants/*}/providers`
     */
    listProviders(request: MessageInitShape<typeof ListProvidersRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListProvidersResponseSchema>>;
}
