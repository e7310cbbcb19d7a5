import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Duration, DurationJson, StructJson, Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Action, ActionJson, Decision, DecisionJson } from "../../policy/v1/policy_pb.js";
import type { FinishReason, FinishReasonJson, TokenUsage, TokenUsageJson } from "../../slm/v1/slm_pb.js";
import type { JsonObject, Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/orchestrator/v1/session.proto.
 */
export declare const file_soma_orchestrator_v1_session: GenFile;
/**
 * Step is one hop of a session, as it ran: the trace of the session.
 *
 * @generated from message soma.orchestrator.v1.Step
 */
export type Step = Message<"soma.orchestrator.v1.Step"> & {
    /**
     * Output only. Position in the session, from 1.
     *
     * @generated from field: int32 index = 1;
     */
    index: number;
    /**
     * Output only. Which hop.
     *
     * @generated from field: soma.orchestrator.v1.StepKind kind = 2;
     */
    kind: StepKind;
    /**
     * Output only. How it ended.
     *
     * @generated from field: soma.orchestrator.v1.StepStatus status = 3;
     */
    status: StepStatus;
    /**
     * Output only. The RPC the step called, for example
     * `/soma.policy.v1.PolicyService/Evaluate`; empty for local steps.
     *
     * @generated from field: string rpc = 4;
     */
    rpc: string;
    /**
     * Output only. When the step started.
     *
     * @generated from field: google.protobuf.Timestamp start_time = 5;
     */
    startTime?: Timestamp | undefined;
    /**
     * Output only. How long it took.
     *
     * @generated from field: google.protobuf.Duration duration = 6;
     */
    duration?: Duration | undefined;
    /**
     * Output only. One line a person reads, for example
     * `decision ALLOW, score 0.2`.
     *
     * @generated from field: string summary = 7;
     */
    summary: string;
    /**
     * Output only. What the step saw and decided, for example the fired rules
     * or the cited memories.
     *
     * @generated from field: google.protobuf.Struct detail = 8;
     */
    detail?: JsonObject | undefined;
    /**
     * Output only. Why the step failed; empty unless FAILED.
     *
     * @generated from field: string error = 9;
     */
    error: string;
};
/**
 * Step is one hop of a session, as it ran: the trace of the session.
 *
 * @generated from message soma.orchestrator.v1.Step
 */
export type StepJson = {
    /**
     * Output only. Position in the session, from 1.
     *
     * @generated from field: int32 index = 1;
     */
    index?: number;
    /**
     * Output only. Which hop.
     *
     * @generated from field: soma.orchestrator.v1.StepKind kind = 2;
     */
    kind?: StepKindJson;
    /**
     * Output only. How it ended.
     *
     * @generated from field: soma.orchestrator.v1.StepStatus status = 3;
     */
    status?: StepStatusJson;
    /**
     * Output only. The RPC the step called, for example
     * `/soma.policy.v1.PolicyService/Evaluate`; empty for local steps.
     *
     * @generated from field: string rpc = 4;
     */
    rpc?: string;
    /**
     * Output only. When the step started.
     *
     * @generated from field: google.protobuf.Timestamp start_time = 5;
     */
    startTime?: TimestampJson;
    /**
     * Output only. How long it took.
     *
     * @generated from field: google.protobuf.Duration duration = 6;
     */
    duration?: DurationJson;
    /**
     * Output only. One line a person reads, for example
     * `decision ALLOW, score 0.2`.
     *
     * @generated from field: string summary = 7;
     */
    summary?: string;
    /**
     * Output only. What the step saw and decided, for example the fired rules
     * or the cited memories.
     *
     * @generated from field: google.protobuf.Struct detail = 8;
     */
    detail?: StructJson;
    /**
     * Output only. Why the step failed; empty unless FAILED.
     *
     * @generated from field: string error = 9;
     */
    error?: string;
};
/**
 * Describes the message soma.orchestrator.v1.Step.
 * Use `create(StepSchema)` to create a new message.
 */
export declare const StepSchema: GenMessage<Step, {
    jsonType: StepJson;
}>;
/**
 * ToolCall is a tool the session asks to run after the model answers. Each
 * call is evaluated by policy (action `tool.invoke`) before it runs.
 *
 * @generated from message soma.orchestrator.v1.ToolCall
 */
export type ToolCall = Message<"soma.orchestrator.v1.ToolCall"> & {
    /**
     * Required. The tool: `memory.remember` (stores `arguments.content`, the
     * answer when unset) or `memory.recall` (recalls `arguments.query`).
     *
     * @generated from field: string tool = 1;
     */
    tool: string;
    /**
     * Optional. The tool's arguments.
     *
     * @generated from field: google.protobuf.Struct arguments = 2;
     */
    arguments?: JsonObject | undefined;
};
/**
 * ToolCall is a tool the session asks to run after the model answers. Each
 * call is evaluated by policy (action `tool.invoke`) before it runs.
 *
 * @generated from message soma.orchestrator.v1.ToolCall
 */
export type ToolCallJson = {
    /**
     * Required. The tool: `memory.remember` (stores `arguments.content`, the
     * answer when unset) or `memory.recall` (recalls `arguments.query`).
     *
     * @generated from field: string tool = 1;
     */
    tool?: string;
    /**
     * Optional. The tool's arguments.
     *
     * @generated from field: google.protobuf.Struct arguments = 2;
     */
    arguments?: StructJson;
};
/**
 * Describes the message soma.orchestrator.v1.ToolCall.
 * Use `create(ToolCallSchema)` to create a new message.
 */
export declare const ToolCallSchema: GenMessage<ToolCall, {
    jsonType: ToolCallJson;
}>;
/**
 * ToolResult is what a tool call did.
 *
 * @generated from message soma.orchestrator.v1.ToolResult
 */
export type ToolResult = Message<"soma.orchestrator.v1.ToolResult"> & {
    /**
     * Output only. The tool.
     *
     * @generated from field: string tool = 1;
     */
    tool: string;
    /**
     * Output only. Policy's decision on the call.
     *
     * @generated from field: soma.policy.v1.Decision decision = 2;
     */
    decision: Decision;
    /**
     * Output only. Whether the tool ran.
     *
     * @generated from field: bool ran = 3;
     */
    ran: boolean;
    /**
     * Output only. What it returned.
     *
     * @generated from field: google.protobuf.Struct output = 4;
     */
    output?: JsonObject | undefined;
    /**
     * Output only. Why it did not run or failed; empty when it ran.
     *
     * @generated from field: string error = 5;
     */
    error: string;
};
/**
 * ToolResult is what a tool call did.
 *
 * @generated from message soma.orchestrator.v1.ToolResult
 */
export type ToolResultJson = {
    /**
     * Output only. The tool.
     *
     * @generated from field: string tool = 1;
     */
    tool?: string;
    /**
     * Output only. Policy's decision on the call.
     *
     * @generated from field: soma.policy.v1.Decision decision = 2;
     */
    decision?: DecisionJson;
    /**
     * Output only. Whether the tool ran.
     *
     * @generated from field: bool ran = 3;
     */
    ran?: boolean;
    /**
     * Output only. What it returned.
     *
     * @generated from field: google.protobuf.Struct output = 4;
     */
    output?: StructJson;
    /**
     * Output only. Why it did not run or failed; empty when it ran.
     *
     * @generated from field: string error = 5;
     */
    error?: string;
};
/**
 * Describes the message soma.orchestrator.v1.ToolResult.
 * Use `create(ToolResultSchema)` to create a new message.
 */
export declare const ToolResultSchema: GenMessage<ToolResult, {
    jsonType: ToolResultJson;
}>;
/**
 * SessionOptions tune how a session runs.
 *
 * @generated from message soma.orchestrator.v1.SessionOptions
 */
export type SessionOptions = Message<"soma.orchestrator.v1.SessionOptions"> & {
    /**
     * Optional. Queue the inference on `slm.requests` and watch it (for long
     * work) instead of calling the model synchronously.
     *
     * @generated from field: bool queued = 1;
     */
    queued: boolean;
    /**
     * Optional. The most tokens the answer may have, 1 to 32,768; 512 when
     * unset.
     *
     * @generated from field: int32 max_tokens = 2;
     */
    maxTokens: number;
    /**
     * Optional. The token budget of the recalled context, 1 to 32,768; 1,024
     * when unset.
     *
     * @generated from field: int32 context_token_budget = 3;
     */
    contextTokenBudget: number;
    /**
     * Optional. The provider, as SlmService.ListProviders names it; the
     * tenant's model profile picks when empty.
     *
     * @generated from field: string provider = 4;
     */
    provider: string;
};
/**
 * SessionOptions tune how a session runs.
 *
 * @generated from message soma.orchestrator.v1.SessionOptions
 */
export type SessionOptionsJson = {
    /**
     * Optional. Queue the inference on `slm.requests` and watch it (for long
     * work) instead of calling the model synchronously.
     *
     * @generated from field: bool queued = 1;
     */
    queued?: boolean;
    /**
     * Optional. The most tokens the answer may have, 1 to 32,768; 512 when
     * unset.
     *
     * @generated from field: int32 max_tokens = 2;
     */
    maxTokens?: number;
    /**
     * Optional. The token budget of the recalled context, 1 to 32,768; 1,024
     * when unset.
     *
     * @generated from field: int32 context_token_budget = 3;
     */
    contextTokenBudget?: number;
    /**
     * Optional. The provider, as SlmService.ListProviders names it; the
     * tenant's model profile picks when empty.
     *
     * @generated from field: string provider = 4;
     */
    provider?: string;
};
/**
 * Describes the message soma.orchestrator.v1.SessionOptions.
 * Use `create(SessionOptionsSchema)` to create a new message.
 */
export declare const SessionOptionsSchema: GenMessage<SessionOptions, {
    jsonType: SessionOptionsJson;
}>;
/**
 * Answer is the model's answer, built on the recalled context.
 *
 * @generated from message soma.orchestrator.v1.Answer
 */
export type Answer = Message<"soma.orchestrator.v1.Answer"> & {
    /**
     * Output only. The answer text.
     *
     * @generated from field: string text = 1;
     */
    text: string;
    /**
     * Output only. The memories the context cited, by resource name.
     *
     * @generated from field: repeated string citations = 2;
     */
    citations: string[];
    /**
     * Output only. The provider that answered.
     *
     * @generated from field: string provider = 3;
     */
    provider: string;
    /**
     * Output only. The model that answered.
     *
     * @generated from field: string model = 4;
     */
    model: string;
    /**
     * Output only. Token counts.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 5;
     */
    usage?: TokenUsage | undefined;
    /**
     * Output only. Why the model stopped.
     *
     * @generated from field: soma.slm.v1.FinishReason finish_reason = 6;
     */
    finishReason: FinishReason;
    /**
     * Output only. Whether the model refused.
     *
     * @generated from field: bool refused = 7;
     */
    refused: boolean;
    /**
     * Output only. The queued inference, `tenants/{tenant}/inferences/{id}`,
     * when the session ran queued.
     *
     * @generated from field: string inference = 8;
     */
    inference: string;
};
/**
 * Answer is the model's answer, built on the recalled context.
 *
 * @generated from message soma.orchestrator.v1.Answer
 */
export type AnswerJson = {
    /**
     * Output only. The answer text.
     *
     * @generated from field: string text = 1;
     */
    text?: string;
    /**
     * Output only. The memories the context cited, by resource name.
     *
     * @generated from field: repeated string citations = 2;
     */
    citations?: string[];
    /**
     * Output only. The provider that answered.
     *
     * @generated from field: string provider = 3;
     */
    provider?: string;
    /**
     * Output only. The model that answered.
     *
     * @generated from field: string model = 4;
     */
    model?: string;
    /**
     * Output only. Token counts.
     *
     * @generated from field: soma.slm.v1.TokenUsage usage = 5;
     */
    usage?: TokenUsageJson;
    /**
     * Output only. Why the model stopped.
     *
     * @generated from field: soma.slm.v1.FinishReason finish_reason = 6;
     */
    finishReason?: FinishReasonJson;
    /**
     * Output only. Whether the model refused.
     *
     * @generated from field: bool refused = 7;
     */
    refused?: boolean;
    /**
     * Output only. The queued inference, `tenants/{tenant}/inferences/{id}`,
     * when the session ran queued.
     *
     * @generated from field: string inference = 8;
     */
    inference?: string;
};
/**
 * Describes the message soma.orchestrator.v1.Answer.
 * Use `create(AnswerSchema)` to create a new message.
 */
export declare const AnswerSchema: GenMessage<Answer, {
    jsonType: AnswerJson;
}>;
/**
 * Approval is a second person's verdict on a session.
 *
 * @generated from message soma.orchestrator.v1.Approval
 */
export type Approval = Message<"soma.orchestrator.v1.Approval"> & {
    /**
     * Output only. Who decided, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string approver = 1;
     */
    approver: string;
    /**
     * Output only. Whether they approved (else rejected).
     *
     * @generated from field: bool approved = 2;
     */
    approved: boolean;
    /**
     * Output only. Their comment.
     *
     * @generated from field: string comment = 3;
     */
    comment: string;
    /**
     * Output only. When they decided.
     *
     * @generated from field: google.protobuf.Timestamp decide_time = 4;
     */
    decideTime?: Timestamp | undefined;
    /**
     * Output only. Who acted for the approver: the `act` subject of the
     * approver's token when it was an impersonation token, else empty.
     *
     * @generated from field: string approver_actor = 5;
     */
    approverActor: string;
};
/**
 * Approval is a second person's verdict on a session.
 *
 * @generated from message soma.orchestrator.v1.Approval
 */
export type ApprovalJson = {
    /**
     * Output only. Who decided, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string approver = 1;
     */
    approver?: string;
    /**
     * Output only. Whether they approved (else rejected).
     *
     * @generated from field: bool approved = 2;
     */
    approved?: boolean;
    /**
     * Output only. Their comment.
     *
     * @generated from field: string comment = 3;
     */
    comment?: string;
    /**
     * Output only. When they decided.
     *
     * @generated from field: google.protobuf.Timestamp decide_time = 4;
     */
    decideTime?: TimestampJson;
    /**
     * Output only. Who acted for the approver: the `act` subject of the
     * approver's token when it was an impersonation token, else empty.
     *
     * @generated from field: string approver_actor = 5;
     */
    approverActor?: string;
};
/**
 * Describes the message soma.orchestrator.v1.Approval.
 * Use `create(ApprovalSchema)` to create a new message.
 */
export declare const ApprovalSchema: GenMessage<Approval, {
    jsonType: ApprovalJson;
}>;
/**
 * Session is one agent request through the platform, named
 * `tenants/{tenant}/sessions/{session}`: constitution check, policy, memory
 * context, the model's answer and tool calls, each step traced.
 *
 * @generated from message soma.orchestrator.v1.Session
 */
export type Session = Message<"soma.orchestrator.v1.Session"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/sessions/{session}`.
     * The service picks the session id.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Required. What the user asks, 1 to 16,384 characters.
     *
     * @generated from field: string prompt = 2;
     */
    prompt: string;
    /**
     * Optional. The action policy scores, `session.start` with no tool when
     * unset.
     *
     * @generated from field: soma.policy.v1.Action action = 3;
     */
    action?: Action | undefined;
    /**
     * Optional. Anything else policy should know, for example `{"risk": 0.4}`.
     *
     * @generated from field: google.protobuf.Struct context = 4;
     */
    context?: JsonObject | undefined;
    /**
     * Optional. Tools to run after the model answers; at most 16.
     *
     * @generated from field: repeated soma.orchestrator.v1.ToolCall tool_calls = 5;
     */
    toolCalls: ToolCall[];
    /**
     * Optional. How to run.
     *
     * @generated from field: soma.orchestrator.v1.SessionOptions options = 6;
     */
    options?: SessionOptions | undefined;
    /**
     * Output only. Who started it, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string requester = 7;
     */
    requester: string;
    /**
     * Output only. The client that started it, from the request's
     * `x-soma-client-type` header (`unknown` without one).
     *
     * @generated from field: string client_type = 8;
     */
    clientType: string;
    /**
     * Output only. Where it is.
     *
     * @generated from field: soma.orchestrator.v1.SessionState state = 9;
     */
    state: SessionState;
    /**
     * Output only. The checksum of the constitution it ran under.
     *
     * @generated from field: string constitution_checksum = 10;
     */
    constitutionChecksum: string;
    /**
     * Output only. Policy's decision on the action.
     *
     * @generated from field: soma.policy.v1.Decision decision = 11;
     */
    decision: Decision;
    /**
     * Output only. Policy's score.
     *
     * @generated from field: double score = 12;
     */
    score: number;
    /**
     * Output only. Policy's reason codes.
     *
     * @generated from field: repeated string reason_codes = 13;
     */
    reasonCodes: string[];
    /**
     * Output only. The steps so far, in order.
     *
     * @generated from field: repeated soma.orchestrator.v1.Step steps = 14;
     */
    steps: Step[];
    /**
     * Output only. The answer, once SUCCEEDED.
     *
     * @generated from field: soma.orchestrator.v1.Answer answer = 15;
     */
    answer?: Answer | undefined;
    /**
     * Output only. The tool calls' results, in request order.
     *
     * @generated from field: repeated soma.orchestrator.v1.ToolResult tool_results = 16;
     */
    toolResults: ToolResult[];
    /**
     * Output only. The approval, once decided.
     *
     * @generated from field: soma.orchestrator.v1.Approval approval = 17;
     */
    approval?: Approval | undefined;
    /**
     * Output only. Why it failed, was denied or cancelled.
     *
     * @generated from field: string error = 18;
     */
    error: string;
    /**
     * Output only. The idempotency key it was started with.
     *
     * @generated from field: string request_id = 19;
     */
    requestId: string;
    /**
     * Output only. When it started.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 20;
     */
    createTime?: Timestamp | undefined;
    /**
     * Output only. When it last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 21;
     */
    updateTime?: Timestamp | undefined;
    /**
     * Output only. Who acted for the requester: the `act` subject of the
     * token that started it when that was an impersonation token, else empty.
     * Neither the requester nor this actor may approve the session.
     *
     * @generated from field: string requester_actor = 22;
     */
    requesterActor: string;
};
/**
 * Session is one agent request through the platform, named
 * `tenants/{tenant}/sessions/{session}`: constitution check, policy, memory
 * context, the model's answer and tool calls, each step traced.
 *
 * @generated from message soma.orchestrator.v1.Session
 */
export type SessionJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/sessions/{session}`.
     * The service picks the session id.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Required. What the user asks, 1 to 16,384 characters.
     *
     * @generated from field: string prompt = 2;
     */
    prompt?: string;
    /**
     * Optional. The action policy scores, `session.start` with no tool when
     * unset.
     *
     * @generated from field: soma.policy.v1.Action action = 3;
     */
    action?: ActionJson;
    /**
     * Optional. Anything else policy should know, for example `{"risk": 0.4}`.
     *
     * @generated from field: google.protobuf.Struct context = 4;
     */
    context?: StructJson;
    /**
     * Optional. Tools to run after the model answers; at most 16.
     *
     * @generated from field: repeated soma.orchestrator.v1.ToolCall tool_calls = 5;
     */
    toolCalls?: ToolCallJson[];
    /**
     * Optional. How to run.
     *
     * @generated from field: soma.orchestrator.v1.SessionOptions options = 6;
     */
    options?: SessionOptionsJson;
    /**
     * Output only. Who started it, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string requester = 7;
     */
    requester?: string;
    /**
     * Output only. The client that started it, from the request's
     * `x-soma-client-type` header (`unknown` without one).
     *
     * @generated from field: string client_type = 8;
     */
    clientType?: string;
    /**
     * Output only. Where it is.
     *
     * @generated from field: soma.orchestrator.v1.SessionState state = 9;
     */
    state?: SessionStateJson;
    /**
     * Output only. The checksum of the constitution it ran under.
     *
     * @generated from field: string constitution_checksum = 10;
     */
    constitutionChecksum?: string;
    /**
     * Output only. Policy's decision on the action.
     *
     * @generated from field: soma.policy.v1.Decision decision = 11;
     */
    decision?: DecisionJson;
    /**
     * Output only. Policy's score.
     *
     * @generated from field: double score = 12;
     */
    score?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * Output only. Policy's reason codes.
     *
     * @generated from field: repeated string reason_codes = 13;
     */
    reasonCodes?: string[];
    /**
     * Output only. The steps so far, in order.
     *
     * @generated from field: repeated soma.orchestrator.v1.Step steps = 14;
     */
    steps?: StepJson[];
    /**
     * Output only. The answer, once SUCCEEDED.
     *
     * @generated from field: soma.orchestrator.v1.Answer answer = 15;
     */
    answer?: AnswerJson;
    /**
     * Output only. The tool calls' results, in request order.
     *
     * @generated from field: repeated soma.orchestrator.v1.ToolResult tool_results = 16;
     */
    toolResults?: ToolResultJson[];
    /**
     * Output only. The approval, once decided.
     *
     * @generated from field: soma.orchestrator.v1.Approval approval = 17;
     */
    approval?: ApprovalJson;
    /**
     * Output only. Why it failed, was denied or cancelled.
     *
     * @generated from field: string error = 18;
     */
    error?: string;
    /**
     * Output only. The idempotency key it was started with.
     *
     * @generated from field: string request_id = 19;
     */
    requestId?: string;
    /**
     * Output only. When it started.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 20;
     */
    createTime?: TimestampJson;
    /**
     * Output only. When it last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 21;
     */
    updateTime?: TimestampJson;
    /**
     * Output only. Who acted for the requester: the `act` subject of the
     * token that started it when that was an impersonation token, else empty.
     * Neither the requester nor this actor may approve the session.
     *
     * @generated from field: string requester_actor = 22;
     */
    requesterActor?: string;
};
/**
 * Describes the message soma.orchestrator.v1.Session.
 * Use `create(SessionSchema)` to create a new message.
 */
export declare const SessionSchema: GenMessage<Session, {
    jsonType: SessionJson;
}>;
/**
 * SessionEvent is the payload of the `soma.orchestrator.v1.SessionEvent`
 * events on topic `sessions.events`, and what StreamSessionEvents sends: one
 * per step and one per state change. Its envelope's tenant is the tenant and
 * its subject the session name.
 *
 * @generated from message soma.orchestrator.v1.SessionEvent
 */
export type SessionEvent = Message<"soma.orchestrator.v1.SessionEvent"> & {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string session = 1;
     */
    session: string;
    /**
     * Required. What the event reports.
     *
     * @generated from field: soma.orchestrator.v1.SessionEventKind kind = 2;
     */
    kind: SessionEventKind;
    /**
     * Required. The session's state after the event.
     *
     * @generated from field: soma.orchestrator.v1.SessionState state = 3;
     */
    state: SessionState;
    /**
     * Optional. The step, for STEP events.
     *
     * @generated from field: soma.orchestrator.v1.Step step = 4;
     */
    step?: Step | undefined;
    /**
     * Required. Who started the session, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string requester = 5;
     */
    requester: string;
    /**
     * Optional. The session's prompt, cut to 200 characters, for readers that
     * tell people about it.
     *
     * @generated from field: string prompt_preview = 6;
     */
    promptPreview: string;
    /**
     * Optional. Policy's reason codes, on the change to PENDING_APPROVAL.
     *
     * @generated from field: repeated string reason_codes = 7;
     */
    reasonCodes: string[];
    /**
     * Required. Position of the event in the session, from 1.
     *
     * @generated from field: int32 sequence = 8;
     */
    sequence: number;
    /**
     * Required. When it happened.
     *
     * @generated from field: google.protobuf.Timestamp time = 9;
     */
    time?: Timestamp | undefined;
};
/**
 * SessionEvent is the payload of the `soma.orchestrator.v1.SessionEvent`
 * events on topic `sessions.events`, and what StreamSessionEvents sends: one
 * per step and one per state change. Its envelope's tenant is the tenant and
 * its subject the session name.
 *
 * @generated from message soma.orchestrator.v1.SessionEvent
 */
export type SessionEventJson = {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string session = 1;
     */
    session?: string;
    /**
     * Required. What the event reports.
     *
     * @generated from field: soma.orchestrator.v1.SessionEventKind kind = 2;
     */
    kind?: SessionEventKindJson;
    /**
     * Required. The session's state after the event.
     *
     * @generated from field: soma.orchestrator.v1.SessionState state = 3;
     */
    state?: SessionStateJson;
    /**
     * Optional. The step, for STEP events.
     *
     * @generated from field: soma.orchestrator.v1.Step step = 4;
     */
    step?: StepJson;
    /**
     * Required. Who started the session, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string requester = 5;
     */
    requester?: string;
    /**
     * Optional. The session's prompt, cut to 200 characters, for readers that
     * tell people about it.
     *
     * @generated from field: string prompt_preview = 6;
     */
    promptPreview?: string;
    /**
     * Optional. Policy's reason codes, on the change to PENDING_APPROVAL.
     *
     * @generated from field: repeated string reason_codes = 7;
     */
    reasonCodes?: string[];
    /**
     * Required. Position of the event in the session, from 1.
     *
     * @generated from field: int32 sequence = 8;
     */
    sequence?: number;
    /**
     * Required. When it happened.
     *
     * @generated from field: google.protobuf.Timestamp time = 9;
     */
    time?: TimestampJson;
};
/**
 * Describes the message soma.orchestrator.v1.SessionEvent.
 * Use `create(SessionEventSchema)` to create a new message.
 */
export declare const SessionEventSchema: GenMessage<SessionEvent, {
    jsonType: SessionEventJson;
}>;
/**
 * SessionState is where a session is in its life.
 *
 * @generated from enum soma.orchestrator.v1.SessionState
 */
export declare enum SessionState {
    /**
     * Not used.
     *
     * @generated from enum value: SESSION_STATE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The steps are running.
     *
     * @generated from enum value: SESSION_STATE_RUNNING = 1;
     */
    RUNNING = 1,
    /**
     * Policy asked for a human: the session waits until a second person with
     * `sessions.approve` approves or rejects it.
     *
     * @generated from enum value: SESSION_STATE_PENDING_APPROVAL = 2;
     */
    PENDING_APPROVAL = 2,
    /**
     * Every step ran; `answer` holds the result.
     *
     * @generated from enum value: SESSION_STATE_SUCCEEDED = 3;
     */
    SUCCEEDED = 3,
    /**
     * A step failed; `error` says why.
     *
     * @generated from enum value: SESSION_STATE_FAILED = 4;
     */
    FAILED = 4,
    /**
     * Policy denied the session's action.
     *
     * @generated from enum value: SESSION_STATE_DENIED = 5;
     */
    DENIED = 5,
    /**
     * The approver rejected the session.
     *
     * @generated from enum value: SESSION_STATE_REJECTED = 6;
     */
    REJECTED = 6,
    /**
     * The requester or an approver cancelled the session.
     *
     * @generated from enum value: SESSION_STATE_CANCELLED = 7;
     */
    CANCELLED = 7
}
/**
 * SessionState is where a session is in its life.
 *
 * @generated from enum soma.orchestrator.v1.SessionState
 */
export type SessionStateJson = "SESSION_STATE_UNSPECIFIED" | "SESSION_STATE_RUNNING" | "SESSION_STATE_PENDING_APPROVAL" | "SESSION_STATE_SUCCEEDED" | "SESSION_STATE_FAILED" | "SESSION_STATE_DENIED" | "SESSION_STATE_REJECTED" | "SESSION_STATE_CANCELLED";
/**
 * Describes the enum soma.orchestrator.v1.SessionState.
 */
export declare const SessionStateSchema: GenEnum<SessionState, SessionStateJson>;
/**
 * StepKind names the hops a session takes.
 *
 * @generated from enum soma.orchestrator.v1.StepKind
 */
export declare enum StepKind {
    /**
     * Not used.
     *
     * @generated from enum value: STEP_KIND_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The request's constitution checksum against the active constitution.
     *
     * @generated from enum value: STEP_KIND_CONSTITUTION_CHECK = 1;
     */
    CONSTITUTION_CHECK = 1,
    /**
     * PolicyService.Evaluate of the session's action.
     *
     * @generated from enum value: STEP_KIND_POLICY = 2;
     */
    POLICY = 2,
    /**
     * A human's approval or rejection.
     *
     * @generated from enum value: STEP_KIND_APPROVAL = 3;
     */
    APPROVAL = 3,
    /**
     * MemoryService.RetrieveContext for the prompt.
     *
     * @generated from enum value: STEP_KIND_MEMORY = 4;
     */
    MEMORY = 4,
    /**
     * SlmService inference (sync, or queued and watched).
     *
     * @generated from enum value: STEP_KIND_INFERENCE = 5;
     */
    INFERENCE = 5,
    /**
     * A tool call: policy evaluation, then the tool.
     *
     * @generated from enum value: STEP_KIND_TOOL = 6;
     */
    TOOL = 6
}
/**
 * StepKind names the hops a session takes.
 *
 * @generated from enum soma.orchestrator.v1.StepKind
 */
export type StepKindJson = "STEP_KIND_UNSPECIFIED" | "STEP_KIND_CONSTITUTION_CHECK" | "STEP_KIND_POLICY" | "STEP_KIND_APPROVAL" | "STEP_KIND_MEMORY" | "STEP_KIND_INFERENCE" | "STEP_KIND_TOOL";
/**
 * Describes the enum soma.orchestrator.v1.StepKind.
 */
export declare const StepKindSchema: GenEnum<StepKind, StepKindJson>;
/**
 * StepStatus says how a step ended.
 *
 * @generated from enum soma.orchestrator.v1.StepStatus
 */
export declare enum StepStatus {
    /**
     * Not used.
     *
     * @generated from enum value: STEP_STATUS_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The step succeeded.
     *
     * @generated from enum value: STEP_STATUS_OK = 1;
     */
    OK = 1,
    /**
     * The step failed; `error` says why.
     *
     * @generated from enum value: STEP_STATUS_FAILED = 2;
     */
    FAILED = 2,
    /**
     * The step did not run, for example a tool that policy denied.
     *
     * @generated from enum value: STEP_STATUS_SKIPPED = 3;
     */
    SKIPPED = 3,
    /**
     * The step waits for something outside the session (an approval).
     *
     * @generated from enum value: STEP_STATUS_WAITING = 4;
     */
    WAITING = 4
}
/**
 * StepStatus says how a step ended.
 *
 * @generated from enum soma.orchestrator.v1.StepStatus
 */
export type StepStatusJson = "STEP_STATUS_UNSPECIFIED" | "STEP_STATUS_OK" | "STEP_STATUS_FAILED" | "STEP_STATUS_SKIPPED" | "STEP_STATUS_WAITING";
/**
 * Describes the enum soma.orchestrator.v1.StepStatus.
 */
export declare const StepStatusSchema: GenEnum<StepStatus, StepStatusJson>;
/**
 * SessionEventKind says what a SessionEvent reports.
 *
 * @generated from enum soma.orchestrator.v1.SessionEventKind
 */
export declare enum SessionEventKind {
    /**
     * Not used.
     *
     * @generated from enum value: SESSION_EVENT_KIND_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * A step finished (or started waiting); `step` is it.
     *
     * @generated from enum value: SESSION_EVENT_KIND_STEP = 1;
     */
    STEP = 1,
    /**
     * The session's state changed; `state` is the new state.
     *
     * @generated from enum value: SESSION_EVENT_KIND_STATE = 2;
     */
    STATE = 2
}
/**
 * SessionEventKind says what a SessionEvent reports.
 *
 * @generated from enum soma.orchestrator.v1.SessionEventKind
 */
export type SessionEventKindJson = "SESSION_EVENT_KIND_UNSPECIFIED" | "SESSION_EVENT_KIND_STEP" | "SESSION_EVENT_KIND_STATE";
/**
 * Describes the enum soma.orchestrator.v1.SessionEventKind.
 */
export declare const SessionEventKindSchema: GenEnum<SessionEventKind, SessionEventKindJson>;
