import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Duration, DurationJson, Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/slm/v1/slm.proto.
 */
export declare const file_soma_slm_v1_slm: GenFile;
/**
 * ChatMessage is one turn of a conversation sent to a model.
 *
 * @generated from message soma.slm.v1.ChatMessage
 */
export type ChatMessage = Message<"soma.slm.v1.ChatMessage"> & {
    /**
     * Required. Who wrote the message.
     *
     * @generated from field: soma.slm.v1.ChatRole role = 1;
     */
    role: ChatRole;
    /**
     * Required. The text of the message, at most 65,536 characters.
     *
     * @generated from field: string content = 2;
     */
    content: string;
};
/**
 * ChatMessage is one turn of a conversation sent to a model.
 *
 * @generated from message soma.slm.v1.ChatMessage
 */
export type ChatMessageJson = {
    /**
     * Required. Who wrote the message.
     *
     * @generated from field: soma.slm.v1.ChatRole role = 1;
     */
    role?: ChatRoleJson;
    /**
     * Required. The text of the message, at most 65,536 characters.
     *
     * @generated from field: string content = 2;
     */
    content?: string;
};
/**
 * Describes the message soma.slm.v1.ChatMessage.
 * Use `create(ChatMessageSchema)` to create a new message.
 */
export declare const ChatMessageSchema: GenMessage<ChatMessage, {
    jsonType: ChatMessageJson;
}>;
/**
 * TokenUsage counts the tokens of one call, as the provider reports them.
 *
 * @generated from message soma.slm.v1.TokenUsage
 */
export type TokenUsage = Message<"soma.slm.v1.TokenUsage"> & {
    /**
     * Tokens of the prompt.
     *
     * @generated from field: int32 prompt_tokens = 1;
     */
    promptTokens: number;
    /**
     * Tokens of the answer.
     *
     * @generated from field: int32 completion_tokens = 2;
     */
    completionTokens: number;
    /**
     * Sum of both.
     *
     * @generated from field: int32 total_tokens = 3;
     */
    totalTokens: number;
};
/**
 * TokenUsage counts the tokens of one call, as the provider reports them.
 *
 * @generated from message soma.slm.v1.TokenUsage
 */
export type TokenUsageJson = {
    /**
     * Tokens of the prompt.
     *
     * @generated from field: int32 prompt_tokens = 1;
     */
    promptTokens?: number;
    /**
     * Tokens of the answer.
     *
     * @generated from field: int32 completion_tokens = 2;
     */
    completionTokens?: number;
    /**
     * Sum of both.
     *
     * @generated from field: int32 total_tokens = 3;
     */
    totalTokens?: number;
};
/**
 * Describes the message soma.slm.v1.TokenUsage.
 * Use `create(TokenUsageSchema)` to create a new message.
 */
export declare const TokenUsageSchema: GenMessage<TokenUsage, {
    jsonType: TokenUsageJson;
}>;
/**
 * Completion is a model's answer to a conversation.
 *
 * @generated from message soma.slm.v1.Completion
 */
export type Completion = Message<"soma.slm.v1.Completion"> & {
    /**
     * The answer text.
     *
     * @generated from field: string text = 1;
     */
    text: string;
    /**
     * Why generation stopped.
     *
     * @generated from field: soma.slm.v1.FinishReason finish_reason = 2;
     */
    finishReason: FinishReason;
    /**
     * Token counts.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 3;
     */
    usage?: TokenUsage | undefined;
    /**
     * Wall time of the provider call, retries included.
     *
     * @generated from field: google.protobuf.Duration latency = 4;
     */
    latency?: Duration | undefined;
    /**
     * The provider that answered, e.g. `local`, `openai`, `anthropic`.
     *
     * @generated from field: string provider = 5;
     */
    provider: string;
    /**
     * The model that answered, as the provider names it.
     *
     * @generated from field: string model = 6;
     */
    model: string;
    /**
     * Whether the model refused or a content filter cut the answer: a finish
     * reason of CONTENT_FILTER or REFUSAL, or a refusal phrase in the text.
     *
     * @generated from field: bool refused = 7;
     */
    refused: boolean;
    /**
     * Why the answer counts as refused; empty when not refused.
     *
     * @generated from field: string refusal_reason = 8;
     */
    refusalReason: string;
};
/**
 * Completion is a model's answer to a conversation.
 *
 * @generated from message soma.slm.v1.Completion
 */
export type CompletionJson = {
    /**
     * The answer text.
     *
     * @generated from field: string text = 1;
     */
    text?: string;
    /**
     * Why generation stopped.
     *
     * @generated from field: soma.slm.v1.FinishReason finish_reason = 2;
     */
    finishReason?: FinishReasonJson;
    /**
     * Token counts.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 3;
     */
    usage?: TokenUsageJson;
    /**
     * Wall time of the provider call, retries included.
     *
     * @generated from field: google.protobuf.Duration latency = 4;
     */
    latency?: DurationJson;
    /**
     * The provider that answered, e.g. `local`, `openai`, `anthropic`.
     *
     * @generated from field: string provider = 5;
     */
    provider?: string;
    /**
     * The model that answered, as the provider names it.
     *
     * @generated from field: string model = 6;
     */
    model?: string;
    /**
     * Whether the model refused or a content filter cut the answer: a finish
     * reason of CONTENT_FILTER or REFUSAL, or a refusal phrase in the text.
     *
     * @generated from field: bool refused = 7;
     */
    refused?: boolean;
    /**
     * Why the answer counts as refused; empty when not refused.
     *
     * @generated from field: string refusal_reason = 8;
     */
    refusalReason?: string;
};
/**
 * Describes the message soma.slm.v1.Completion.
 * Use `create(CompletionSchema)` to create a new message.
 */
export declare const CompletionSchema: GenMessage<Completion, {
    jsonType: CompletionJson;
}>;
/**
 * InferenceParameters tune how a model answers.
 *
 * @generated from message soma.slm.v1.InferenceParameters
 */
export type InferenceParameters = Message<"soma.slm.v1.InferenceParameters"> & {
    /**
     * Optional. The model; the tenant's model profile picks when empty.
     *
     * @generated from field: string model = 1;
     */
    model: string;
    /**
     * Optional. The provider, as ListProviders names it; the tenant's model
     * profile picks when empty.
     *
     * @generated from field: string provider = 2;
     */
    provider: string;
    /**
     * Optional. The most tokens to generate, 1 to 32,768; 512 when unset.
     *
     * @generated from field: int32 max_tokens = 3;
     */
    maxTokens: number;
    /**
     * Optional. Sampling temperature, 0 to 2; the provider's default when
     * unset.
     *
     * @generated from field: optional float temperature = 4;
     */
    temperature?: number | undefined;
};
/**
 * InferenceParameters tune how a model answers.
 *
 * @generated from message soma.slm.v1.InferenceParameters
 */
export type InferenceParametersJson = {
    /**
     * Optional. The model; the tenant's model profile picks when empty.
     *
     * @generated from field: string model = 1;
     */
    model?: string;
    /**
     * Optional. The provider, as ListProviders names it; the tenant's model
     * profile picks when empty.
     *
     * @generated from field: string provider = 2;
     */
    provider?: string;
    /**
     * Optional. The most tokens to generate, 1 to 32,768; 512 when unset.
     *
     * @generated from field: int32 max_tokens = 3;
     */
    maxTokens?: number;
    /**
     * Optional. Sampling temperature, 0 to 2; the provider's default when
     * unset.
     *
     * @generated from field: optional float temperature = 4;
     */
    temperature?: number | "NaN" | "Infinity" | "-Infinity";
};
/**
 * Describes the message soma.slm.v1.InferenceParameters.
 * Use `create(InferenceParametersSchema)` to create a new message.
 */
export declare const InferenceParametersSchema: GenMessage<InferenceParameters, {
    jsonType: InferenceParametersJson;
}>;
/**
 * Inference is a queued inference job, named
 * `tenants/{tenant}/inferences/{inference}`.
 *
 * @generated from message soma.slm.v1.Inference
 */
export type Inference = Message<"soma.slm.v1.Inference"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/inferences/{inference}`.
     * The service picks the inference id.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Required. The conversation, oldest message first.
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
    /**
     * Output only. Where the job is.
     *
     * @generated from field: soma.slm.v1.InferenceState state = 4;
     */
    state: InferenceState;
    /**
     * Output only. The answer, once SUCCEEDED.
     *
     * @generated from field: soma.slm.v1.Completion completion = 5;
     */
    completion?: Completion | undefined;
    /**
     * Output only. Why the job failed, once FAILED.
     *
     * @generated from field: string error = 6;
     */
    error: string;
    /**
     * Output only. When the job was submitted.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 7;
     */
    createTime?: Timestamp | undefined;
    /**
     * Output only. When the job last changed state.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 8;
     */
    updateTime?: Timestamp | undefined;
};
/**
 * Inference is a queued inference job, named
 * `tenants/{tenant}/inferences/{inference}`.
 *
 * @generated from message soma.slm.v1.Inference
 */
export type InferenceJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/inferences/{inference}`.
     * The service picks the inference id.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Required. The conversation, oldest message first.
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
    /**
     * Output only. Where the job is.
     *
     * @generated from field: soma.slm.v1.InferenceState state = 4;
     */
    state?: InferenceStateJson;
    /**
     * Output only. The answer, once SUCCEEDED.
     *
     * @generated from field: soma.slm.v1.Completion completion = 5;
     */
    completion?: CompletionJson;
    /**
     * Output only. Why the job failed, once FAILED.
     *
     * @generated from field: string error = 6;
     */
    error?: string;
    /**
     * Output only. When the job was submitted.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 7;
     */
    createTime?: TimestampJson;
    /**
     * Output only. When the job last changed state.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 8;
     */
    updateTime?: TimestampJson;
};
/**
 * Describes the message soma.slm.v1.Inference.
 * Use `create(InferenceSchema)` to create a new message.
 */
export declare const InferenceSchema: GenMessage<Inference, {
    jsonType: InferenceJson;
}>;
/**
 * Provider is a model provider the service can call.
 *
 * @generated from message soma.slm.v1.Provider
 */
export type Provider = Message<"soma.slm.v1.Provider"> & {
    /**
     * The provider's name, used in InferenceParameters.provider.
     *
     * @generated from field: string provider = 1;
     */
    provider: string;
    /**
     * The wire protocol it speaks.
     *
     * @generated from field: soma.slm.v1.ProviderKind kind = 2;
     */
    kind: ProviderKind;
    /**
     * The chat model used when a request names none.
     *
     * @generated from field: string default_model = 3;
     */
    defaultModel: string;
    /**
     * The embedding model; empty when the provider does not embed.
     *
     * @generated from field: string embedding_model = 4;
     */
    embeddingModel: string;
    /**
     * Whether it is the tenant's default provider.
     *
     * @generated from field: bool default = 5;
     */
    default: boolean;
    /**
     * Whether the circuit breaker currently lets calls through.
     *
     * @generated from field: bool available = 6;
     */
    available: boolean;
};
/**
 * Provider is a model provider the service can call.
 *
 * @generated from message soma.slm.v1.Provider
 */
export type ProviderJson = {
    /**
     * The provider's name, used in InferenceParameters.provider.
     *
     * @generated from field: string provider = 1;
     */
    provider?: string;
    /**
     * The wire protocol it speaks.
     *
     * @generated from field: soma.slm.v1.ProviderKind kind = 2;
     */
    kind?: ProviderKindJson;
    /**
     * The chat model used when a request names none.
     *
     * @generated from field: string default_model = 3;
     */
    defaultModel?: string;
    /**
     * The embedding model; empty when the provider does not embed.
     *
     * @generated from field: string embedding_model = 4;
     */
    embeddingModel?: string;
    /**
     * Whether it is the tenant's default provider.
     *
     * @generated from field: bool default = 5;
     */
    default?: boolean;
    /**
     * Whether the circuit breaker currently lets calls through.
     *
     * @generated from field: bool available = 6;
     */
    available?: boolean;
};
/**
 * Describes the message soma.slm.v1.Provider.
 * Use `create(ProviderSchema)` to create a new message.
 */
export declare const ProviderSchema: GenMessage<Provider, {
    jsonType: ProviderJson;
}>;
/**
 * InferenceRequested is the payload of the events on the topic
 * `slm.requests`: a queued inference for a worker to run.
 *
 * @generated from message soma.slm.v1.InferenceRequested
 */
export type InferenceRequested = Message<"soma.slm.v1.InferenceRequested"> & {
    /**
     * The inference, `tenants/{tenant}/inferences/{inference}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * InferenceRequested is the payload of the events on the topic
 * `slm.requests`: a queued inference for a worker to run.
 *
 * @generated from message soma.slm.v1.InferenceRequested
 */
export type InferenceRequestedJson = {
    /**
     * The inference, `tenants/{tenant}/inferences/{inference}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.slm.v1.InferenceRequested.
 * Use `create(InferenceRequestedSchema)` to create a new message.
 */
export declare const InferenceRequestedSchema: GenMessage<InferenceRequested, {
    jsonType: InferenceRequestedJson;
}>;
/**
 * InferenceMetered is the payload of the events on the topic `slm.metrics`,
 * one per provider call.
 *
 * @generated from message soma.slm.v1.InferenceMetered
 */
export type InferenceMetered = Message<"soma.slm.v1.InferenceMetered"> & {
    /**
     * The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant: string;
    /**
     * What was called: `infer` or `embed`.
     *
     * @generated from field: string operation = 2;
     */
    operation: string;
    /**
     * The provider called.
     *
     * @generated from field: string provider = 3;
     */
    provider: string;
    /**
     * The model called.
     *
     * @generated from field: string model = 4;
     */
    model: string;
    /**
     * Token counts.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 5;
     */
    usage?: TokenUsage | undefined;
    /**
     * Wall time of the call.
     *
     * @generated from field: google.protobuf.Duration latency = 6;
     */
    latency?: Duration | undefined;
    /**
     * Whether the answer counts as refused.
     *
     * @generated from field: bool refused = 7;
     */
    refused: boolean;
    /**
     * Whether the call failed.
     *
     * @generated from field: bool failed = 8;
     */
    failed: boolean;
};
/**
 * InferenceMetered is the payload of the events on the topic `slm.metrics`,
 * one per provider call.
 *
 * @generated from message soma.slm.v1.InferenceMetered
 */
export type InferenceMeteredJson = {
    /**
     * The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant?: string;
    /**
     * What was called: `infer` or `embed`.
     *
     * @generated from field: string operation = 2;
     */
    operation?: string;
    /**
     * The provider called.
     *
     * @generated from field: string provider = 3;
     */
    provider?: string;
    /**
     * The model called.
     *
     * @generated from field: string model = 4;
     */
    model?: string;
    /**
     * Token counts.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 5;
     */
    usage?: TokenUsageJson;
    /**
     * Wall time of the call.
     *
     * @generated from field: google.protobuf.Duration latency = 6;
     */
    latency?: DurationJson;
    /**
     * Whether the answer counts as refused.
     *
     * @generated from field: bool refused = 7;
     */
    refused?: boolean;
    /**
     * Whether the call failed.
     *
     * @generated from field: bool failed = 8;
     */
    failed?: boolean;
};
/**
 * Describes the message soma.slm.v1.InferenceMetered.
 * Use `create(InferenceMeteredSchema)` to create a new message.
 */
export declare const InferenceMeteredSchema: GenMessage<InferenceMetered, {
    jsonType: InferenceMeteredJson;
}>;
/**
 * ChatRole says who wrote a chat message.
 *
 * @generated from enum soma.slm.v1.ChatRole
 */
export declare enum ChatRole {
    /**
     * Not used.
     *
     * @generated from enum value: CHAT_ROLE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Instructions that frame the conversation.
     *
     * @generated from enum value: CHAT_ROLE_SYSTEM = 1;
     */
    SYSTEM = 1,
    /**
     * The user's turn.
     *
     * @generated from enum value: CHAT_ROLE_USER = 2;
     */
    USER = 2,
    /**
     * The model's turn.
     *
     * @generated from enum value: CHAT_ROLE_ASSISTANT = 3;
     */
    ASSISTANT = 3
}
/**
 * ChatRole says who wrote a chat message.
 *
 * @generated from enum soma.slm.v1.ChatRole
 */
export type ChatRoleJson = "CHAT_ROLE_UNSPECIFIED" | "CHAT_ROLE_SYSTEM" | "CHAT_ROLE_USER" | "CHAT_ROLE_ASSISTANT";
/**
 * Describes the enum soma.slm.v1.ChatRole.
 */
export declare const ChatRoleSchema: GenEnum<ChatRole, ChatRoleJson>;
/**
 * FinishReason says why a model stopped generating.
 *
 * @generated from enum soma.slm.v1.FinishReason
 */
export declare enum FinishReason {
    /**
     * Not used.
     *
     * @generated from enum value: FINISH_REASON_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The model finished its answer or met a stop sequence.
     *
     * @generated from enum value: FINISH_REASON_STOP = 1;
     */
    STOP = 1,
    /**
     * The answer reached `max_tokens`.
     *
     * @generated from enum value: FINISH_REASON_LENGTH = 2;
     */
    LENGTH = 2,
    /**
     * The provider's content filter cut the answer.
     *
     * @generated from enum value: FINISH_REASON_CONTENT_FILTER = 3;
     */
    CONTENT_FILTER = 3,
    /**
     * The model refused to answer.
     *
     * @generated from enum value: FINISH_REASON_REFUSAL = 4;
     */
    REFUSAL = 4
}
/**
 * FinishReason says why a model stopped generating.
 *
 * @generated from enum soma.slm.v1.FinishReason
 */
export type FinishReasonJson = "FINISH_REASON_UNSPECIFIED" | "FINISH_REASON_STOP" | "FINISH_REASON_LENGTH" | "FINISH_REASON_CONTENT_FILTER" | "FINISH_REASON_REFUSAL";
/**
 * Describes the enum soma.slm.v1.FinishReason.
 */
export declare const FinishReasonSchema: GenEnum<FinishReason, FinishReasonJson>;
/**
 * InferenceState is where a queued inference is in its life.
 *
 * @generated from enum soma.slm.v1.InferenceState
 */
export declare enum InferenceState {
    /**
     * Not used.
     *
     * @generated from enum value: INFERENCE_STATE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Accepted, waiting for a worker.
     *
     * @generated from enum value: INFERENCE_STATE_QUEUED = 1;
     */
    QUEUED = 1,
    /**
     * A worker is running it; tokens are streaming.
     *
     * @generated from enum value: INFERENCE_STATE_RUNNING = 2;
     */
    RUNNING = 2,
    /**
     * Finished; `completion` holds the answer.
     *
     * @generated from enum value: INFERENCE_STATE_SUCCEEDED = 3;
     */
    SUCCEEDED = 3,
    /**
     * Failed; `error` says why.
     *
     * @generated from enum value: INFERENCE_STATE_FAILED = 4;
     */
    FAILED = 4
}
/**
 * InferenceState is where a queued inference is in its life.
 *
 * @generated from enum soma.slm.v1.InferenceState
 */
export type InferenceStateJson = "INFERENCE_STATE_UNSPECIFIED" | "INFERENCE_STATE_QUEUED" | "INFERENCE_STATE_RUNNING" | "INFERENCE_STATE_SUCCEEDED" | "INFERENCE_STATE_FAILED";
/**
 * Describes the enum soma.slm.v1.InferenceState.
 */
export declare const InferenceStateSchema: GenEnum<InferenceState, InferenceStateJson>;
/**
 * ProviderKind says which wire protocol a provider speaks.
 *
 * @generated from enum soma.slm.v1.ProviderKind
 */
export declare enum ProviderKind {
    /**
     * Not used.
     *
     * @generated from enum value: PROVIDER_KIND_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The built-in deterministic model, for development and tests; refused
     * when the stage is prod.
     *
     * @generated from enum value: PROVIDER_KIND_LOCAL = 1;
     */
    LOCAL = 1,
    /**
     * OpenAI's chat completions and embeddings API (OpenAI, vLLM, llama.cpp
     * server, Ollama).
     *
     * @generated from enum value: PROVIDER_KIND_OPENAI = 2;
     */
    OPENAI = 2,
    /**
     * Anthropic's Messages API.
     *
     * @generated from enum value: PROVIDER_KIND_ANTHROPIC = 3;
     */
    ANTHROPIC = 3
}
/**
 * ProviderKind says which wire protocol a provider speaks.
 *
 * @generated from enum soma.slm.v1.ProviderKind
 */
export type ProviderKindJson = "PROVIDER_KIND_UNSPECIFIED" | "PROVIDER_KIND_LOCAL" | "PROVIDER_KIND_OPENAI" | "PROVIDER_KIND_ANTHROPIC";
/**
 * Describes the enum soma.slm.v1.ProviderKind.
 */
export declare const ProviderKindSchema: GenEnum<ProviderKind, ProviderKindJson>;
