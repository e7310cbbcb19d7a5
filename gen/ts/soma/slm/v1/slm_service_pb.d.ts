import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { ChatMessage, ChatMessageJson, Completion, CompletionJson, Inference, InferenceJson, InferenceParameters, InferenceParametersJson, InferenceState, InferenceStateJson, Provider, ProviderJson, TokenUsage, TokenUsageJson } from "./slm_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/slm/v1/slm_service.proto.
 */
export declare const file_soma_slm_v1_slm_service: GenFile;
/**
 * Request message for SlmService.InferSync.
 *
 * @generated from message soma.slm.v1.InferSyncRequest
 */
export type InferSyncRequest = Message<"soma.slm.v1.InferSyncRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The conversation, oldest message first; 1 to 256 messages.
     *
     * @generated from field: repeated soma.slm.v1.ChatMessage messages = 2;
     */
    messages: ChatMessage[];
    /**
     * Optional. How to answer.
     *
     * @generated from field: soma.slm.v1.InferenceParameters parameters = 3;
     */
    parameters?: InferenceParameters | undefined;
};
/**
 * Request message for SlmService.InferSync.
 *
 * @generated from message soma.slm.v1.InferSyncRequest
 */
export type InferSyncRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The conversation, oldest message first; 1 to 256 messages.
     *
     * @generated from field: repeated soma.slm.v1.ChatMessage messages = 2;
     */
    messages?: ChatMessageJson[];
    /**
     * Optional. How to answer.
     *
     * @generated from field: soma.slm.v1.InferenceParameters parameters = 3;
     */
    parameters?: InferenceParametersJson;
};
/**
 * Describes the message soma.slm.v1.InferSyncRequest.
 * Use `create(InferSyncRequestSchema)` to create a new message.
 */
export declare const InferSyncRequestSchema: GenMessage<InferSyncRequest, {
    jsonType: InferSyncRequestJson;
}>;
/**
 * Response message for SlmService.InferSync.
 *
 * @generated from message soma.slm.v1.InferSyncResponse
 */
export type InferSyncResponse = Message<"soma.slm.v1.InferSyncResponse"> & {
    /**
     * The answer.
     *
     * @generated from field: soma.slm.v1.Completion completion = 1;
     */
    completion?: Completion | undefined;
};
/**
 * Response message for SlmService.InferSync.
 *
 * @generated from message soma.slm.v1.InferSyncResponse
 */
export type InferSyncResponseJson = {
    /**
     * The answer.
     *
     * @generated from field: soma.slm.v1.Completion completion = 1;
     */
    completion?: CompletionJson;
};
/**
 * Describes the message soma.slm.v1.InferSyncResponse.
 * Use `create(InferSyncResponseSchema)` to create a new message.
 */
export declare const InferSyncResponseSchema: GenMessage<InferSyncResponse, {
    jsonType: InferSyncResponseJson;
}>;
/**
 * Request message for SlmService.Embed.
 *
 * @generated from message soma.slm.v1.EmbedRequest
 */
export type EmbedRequest = Message<"soma.slm.v1.EmbedRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The texts, 1 to 256, each non-empty and at most 32,768
     * characters.
     *
     * @generated from field: repeated string texts = 2;
     */
    texts: string[];
    /**
     * Optional. The embedding model; the provider's embedding model when empty.
     *
     * @generated from field: string model = 3;
     */
    model: string;
    /**
     * Optional. The provider; the tenant's default when empty.
     *
     * @generated from field: string provider = 4;
     */
    provider: string;
};
/**
 * Request message for SlmService.Embed.
 *
 * @generated from message soma.slm.v1.EmbedRequest
 */
export type EmbedRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The texts, 1 to 256, each non-empty and at most 32,768
     * characters.
     *
     * @generated from field: repeated string texts = 2;
     */
    texts?: string[];
    /**
     * Optional. The embedding model; the provider's embedding model when empty.
     *
     * @generated from field: string model = 3;
     */
    model?: string;
    /**
     * Optional. The provider; the tenant's default when empty.
     *
     * @generated from field: string provider = 4;
     */
    provider?: string;
};
/**
 * Describes the message soma.slm.v1.EmbedRequest.
 * Use `create(EmbedRequestSchema)` to create a new message.
 */
export declare const EmbedRequestSchema: GenMessage<EmbedRequest, {
    jsonType: EmbedRequestJson;
}>;
/**
 * Embedding is the vector of one text.
 *
 * @generated from message soma.slm.v1.Embedding
 */
export type Embedding = Message<"soma.slm.v1.Embedding"> & {
    /**
     * The vector.
     *
     * @generated from field: repeated float values = 1;
     */
    values: number[];
};
/**
 * Embedding is the vector of one text.
 *
 * @generated from message soma.slm.v1.Embedding
 */
export type EmbeddingJson = {
    /**
     * The vector.
     *
     * @generated from field: repeated float values = 1;
     */
    values?: (number | "NaN" | "Infinity" | "-Infinity")[];
};
/**
 * Describes the message soma.slm.v1.Embedding.
 * Use `create(EmbeddingSchema)` to create a new message.
 */
export declare const EmbeddingSchema: GenMessage<Embedding, {
    jsonType: EmbeddingJson;
}>;
/**
 * Response message for SlmService.Embed.
 *
 * @generated from message soma.slm.v1.EmbedResponse
 */
export type EmbedResponse = Message<"soma.slm.v1.EmbedResponse"> & {
    /**
     * One vector per text, in the order of the texts.
     *
     * @generated from field: repeated soma.slm.v1.Embedding embeddings = 1;
     */
    embeddings: Embedding[];
    /**
     * The provider that embedded.
     *
     * @generated from field: string provider = 2;
     */
    provider: string;
    /**
     * The model that embedded.
     *
     * @generated from field: string model = 3;
     */
    model: string;
    /**
     * Token counts; completion tokens are 0.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 4;
     */
    usage?: TokenUsage | undefined;
};
/**
 * Response message for SlmService.Embed.
 *
 * @generated from message soma.slm.v1.EmbedResponse
 */
export type EmbedResponseJson = {
    /**
     * One vector per text, in the order of the texts.
     *
     * @generated from field: repeated soma.slm.v1.Embedding embeddings = 1;
     */
    embeddings?: EmbeddingJson[];
    /**
     * The provider that embedded.
     *
     * @generated from field: string provider = 2;
     */
    provider?: string;
    /**
     * The model that embedded.
     *
     * @generated from field: string model = 3;
     */
    model?: string;
    /**
     * Token counts; completion tokens are 0.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 4;
     */
    usage?: TokenUsageJson;
};
/**
 * Describes the message soma.slm.v1.EmbedResponse.
 * Use `create(EmbedResponseSchema)` to create a new message.
 */
export declare const EmbedResponseSchema: GenMessage<EmbedResponse, {
    jsonType: EmbedResponseJson;
}>;
/**
 * Request message for SlmService.SubmitInference.
 *
 * @generated from message soma.slm.v1.SubmitInferenceRequest
 */
export type SubmitInferenceRequest = Message<"soma.slm.v1.SubmitInferenceRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The inference to queue; only `messages` and `parameters` are
     * read.
     *
     * @generated from field: soma.slm.v1.Inference inference = 2;
     */
    inference?: Inference | undefined;
    /**
     * Optional. An idempotency key of at most 128 characters, unique per
     * tenant: a retry with the same key returns the inference the first call
     * queued instead of queueing it twice.
     *
     * @generated from field: string request_id = 3;
     */
    requestId: string;
};
/**
 * Request message for SlmService.SubmitInference.
 *
 * @generated from message soma.slm.v1.SubmitInferenceRequest
 */
export type SubmitInferenceRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The inference to queue; only `messages` and `parameters` are
     * read.
     *
     * @generated from field: soma.slm.v1.Inference inference = 2;
     */
    inference?: InferenceJson;
    /**
     * Optional. An idempotency key of at most 128 characters, unique per
     * tenant: a retry with the same key returns the inference the first call
     * queued instead of queueing it twice.
     *
     * @generated from field: string request_id = 3;
     */
    requestId?: string;
};
/**
 * Describes the message soma.slm.v1.SubmitInferenceRequest.
 * Use `create(SubmitInferenceRequestSchema)` to create a new message.
 */
export declare const SubmitInferenceRequestSchema: GenMessage<SubmitInferenceRequest, {
    jsonType: SubmitInferenceRequestJson;
}>;
/**
 * Response message for SlmService.SubmitInference.
 *
 * @generated from message soma.slm.v1.SubmitInferenceResponse
 */
export type SubmitInferenceResponse = Message<"soma.slm.v1.SubmitInferenceResponse"> & {
    /**
     * The queued inference.
     *
     * @generated from field: soma.slm.v1.Inference inference = 1;
     */
    inference?: Inference | undefined;
};
/**
 * Response message for SlmService.SubmitInference.
 *
 * @generated from message soma.slm.v1.SubmitInferenceResponse
 */
export type SubmitInferenceResponseJson = {
    /**
     * The queued inference.
     *
     * @generated from field: soma.slm.v1.Inference inference = 1;
     */
    inference?: InferenceJson;
};
/**
 * Describes the message soma.slm.v1.SubmitInferenceResponse.
 * Use `create(SubmitInferenceResponseSchema)` to create a new message.
 */
export declare const SubmitInferenceResponseSchema: GenMessage<SubmitInferenceResponse, {
    jsonType: SubmitInferenceResponseJson;
}>;
/**
 * Request message for SlmService.GetInference.
 *
 * @generated from message soma.slm.v1.GetInferenceRequest
 */
export type GetInferenceRequest = Message<"soma.slm.v1.GetInferenceRequest"> & {
    /**
     * Required. The inference, `tenants/{tenant}/inferences/{inference}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for SlmService.GetInference.
 *
 * @generated from message soma.slm.v1.GetInferenceRequest
 */
export type GetInferenceRequestJson = {
    /**
     * Required. The inference, `tenants/{tenant}/inferences/{inference}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.slm.v1.GetInferenceRequest.
 * Use `create(GetInferenceRequestSchema)` to create a new message.
 */
export declare const GetInferenceRequestSchema: GenMessage<GetInferenceRequest, {
    jsonType: GetInferenceRequestJson;
}>;
/**
 * Response message for SlmService.GetInference.
 *
 * @generated from message soma.slm.v1.GetInferenceResponse
 */
export type GetInferenceResponse = Message<"soma.slm.v1.GetInferenceResponse"> & {
    /**
     * The inference.
     *
     * @generated from field: soma.slm.v1.Inference inference = 1;
     */
    inference?: Inference | undefined;
};
/**
 * Response message for SlmService.GetInference.
 *
 * @generated from message soma.slm.v1.GetInferenceResponse
 */
export type GetInferenceResponseJson = {
    /**
     * The inference.
     *
     * @generated from field: soma.slm.v1.Inference inference = 1;
     */
    inference?: InferenceJson;
};
/**
 * Describes the message soma.slm.v1.GetInferenceResponse.
 * Use `create(GetInferenceResponseSchema)` to create a new message.
 */
export declare const GetInferenceResponseSchema: GenMessage<GetInferenceResponse, {
    jsonType: GetInferenceResponseJson;
}>;
/**
 * Request message for SlmService.WatchInference.
 *
 * @generated from message soma.slm.v1.WatchInferenceRequest
 */
export type WatchInferenceRequest = Message<"soma.slm.v1.WatchInferenceRequest"> & {
    /**
     * Required. The inference, `tenants/{tenant}/inferences/{inference}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for SlmService.WatchInference.
 *
 * @generated from message soma.slm.v1.WatchInferenceRequest
 */
export type WatchInferenceRequestJson = {
    /**
     * Required. The inference, `tenants/{tenant}/inferences/{inference}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.slm.v1.WatchInferenceRequest.
 * Use `create(WatchInferenceRequestSchema)` to create a new message.
 */
export declare const WatchInferenceRequestSchema: GenMessage<WatchInferenceRequest, {
    jsonType: WatchInferenceRequestJson;
}>;
/**
 * Response message for SlmService.WatchInference: one update.
 *
 * @generated from message soma.slm.v1.WatchInferenceResponse
 */
export type WatchInferenceResponse = Message<"soma.slm.v1.WatchInferenceResponse"> & {
    /**
     * The state of the inference at this update.
     *
     * @generated from field: soma.slm.v1.InferenceState state = 1;
     */
    state: InferenceState;
    /**
     * Text generated since the previous update; empty on state-only updates.
     *
     * @generated from field: string token = 2;
     */
    token: string;
    /**
     * The inference, on the first and the last update.
     *
     * @generated from field: soma.slm.v1.Inference inference = 3;
     */
    inference?: Inference | undefined;
};
/**
 * Response message for SlmService.WatchInference: one update.
 *
 * @generated from message soma.slm.v1.WatchInferenceResponse
 */
export type WatchInferenceResponseJson = {
    /**
     * The state of the inference at this update.
     *
     * @generated from field: soma.slm.v1.InferenceState state = 1;
     */
    state?: InferenceStateJson;
    /**
     * Text generated since the previous update; empty on state-only updates.
     *
     * @generated from field: string token = 2;
     */
    token?: string;
    /**
     * The inference, on the first and the last update.
     *
     * @generated from field: soma.slm.v1.Inference inference = 3;
     */
    inference?: InferenceJson;
};
/**
 * Describes the message soma.slm.v1.WatchInferenceResponse.
 * Use `create(WatchInferenceResponseSchema)` to create a new message.
 */
export declare const WatchInferenceResponseSchema: GenMessage<WatchInferenceResponse, {
    jsonType: WatchInferenceResponseJson;
}>;
/**
 * Request message for SlmService.ListProviders.
 *
 * @generated from message soma.slm.v1.ListProvidersRequest
 */
export type ListProvidersRequest = Message<"soma.slm.v1.ListProvidersRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
};
/**
 * Request message for SlmService.ListProviders.
 *
 * @generated from message soma.slm.v1.ListProvidersRequest
 */
export type ListProvidersRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
};
/**
 * Describes the message soma.slm.v1.ListProvidersRequest.
 * Use `create(ListProvidersRequestSchema)` to create a new message.
 */
export declare const ListProvidersRequestSchema: GenMessage<ListProvidersRequest, {
    jsonType: ListProvidersRequestJson;
}>;
/**
 * Response message for SlmService.ListProviders.
 *
 * @generated from message soma.slm.v1.ListProvidersResponse
 */
export type ListProvidersResponse = Message<"soma.slm.v1.ListProvidersResponse"> & {
    /**
     * The providers, the default first.
     *
     * @generated from field: repeated soma.slm.v1.Provider providers = 1;
     */
    providers: Provider[];
};
/**
 * Response message for SlmService.ListProviders.
 *
 * @generated from message soma.slm.v1.ListProvidersResponse
 */
export type ListProvidersResponseJson = {
    /**
     * The providers, the default first.
     *
     * @generated from field: repeated soma.slm.v1.Provider providers = 1;
     */
    providers?: ProviderJson[];
};
/**
 * Describes the message soma.slm.v1.ListProvidersResponse.
 * Use `create(ListProvidersResponseSchema)` to create a new message.
 */
export declare const ListProvidersResponseSchema: GenMessage<ListProvidersResponse, {
    jsonType: ListProvidersResponseJson;
}>;
/**
 * SlmService runs a tenant's model inferences: chat completions, embeddings
 * and queued jobs named `tenants/{tenant}/inferences/{inference}`, through a
 * provider the tenant's model profile picks (a built-in local model, an
 * OpenAI-compatible server or Anthropic). Provider calls retry on 429, 5xx
 * and connection errors and sit behind a circuit breaker. Errors carry
 * `google.rpc.ErrorInfo` with a reason from `soma.common.v1.ErrorReason`.
 *
 * @generated from service soma.slm.v1.SlmService
 */
export declare const SlmService: GenService<{
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
     * @generated from rpc soma.slm.v1.SlmService.InferSync
     */
    inferSync: {
        methodKind: "unary";
        input: typeof InferSyncRequestSchema;
        output: typeof InferSyncResponseSchema;
    };
    /**
     * Embeds texts, one vector per text in order. Fails like InferSync, and
     * with INVALID_ARGUMENT (FIELD_INVALID) when the provider does not embed.
     *
     * @generated from rpc soma.slm.v1.SlmService.Embed
     */
    embed: {
        methodKind: "unary";
        input: typeof EmbedRequestSchema;
        output: typeof EmbedResponseSchema;
    };
    /**
     * Queues an inference and returns it in state QUEUED; a worker runs it.
     * Retrying with the same `request_id` returns the inference the first call
     * queued. Fails with INVALID_ARGUMENT (FIELD_INVALID) and
     * FAILED_PRECONDITION (GUARDRAIL_VIOLATED, PROVIDER_NOT_ALLOWED) like
     * InferSync, and FAILED_PRECONDITION (REQUEST_ID_REUSED) when the
     * `request_id` already queued a different conversation.
     *
     * @generated from rpc soma.slm.v1.SlmService.SubmitInference
     */
    submitInference: {
        methodKind: "unary";
        input: typeof SubmitInferenceRequestSchema;
        output: typeof SubmitInferenceResponseSchema;
    };
    /**
     * Returns a queued inference. Fails with NOT_FOUND (INFERENCE_NOT_FOUND).
     *
     * @generated from rpc soma.slm.v1.SlmService.GetInference
     */
    getInference: {
        methodKind: "unary";
        input: typeof GetInferenceRequestSchema;
        output: typeof GetInferenceResponseSchema;
    };
    /**
     * Streams a queued inference: its current state first, then every
     * generated token and state change, ending after SUCCEEDED or FAILED.
     * Fails with NOT_FOUND (INFERENCE_NOT_FOUND).
     *
     * @generated from rpc soma.slm.v1.SlmService.WatchInference
     */
    watchInference: {
        methodKind: "server_streaming";
        input: typeof WatchInferenceRequestSchema;
        output: typeof WatchInferenceResponseSchema;
    };
    /**
     * Lists the providers the tenant can use and whether each is available.
     *
     * @generated from rpc soma.slm.v1.SlmService.ListProviders
     */
    listProviders: {
        methodKind: "unary";
        input: typeof ListProvidersRequestSchema;
        output: typeof ListProvidersResponseSchema;
    };
}>;
