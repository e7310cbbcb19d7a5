import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { Session, SessionEvent, SessionEventJson, SessionJson, SessionState, SessionStateJson } from "./session_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/orchestrator/v1/session_service.proto.
 */
export declare const file_soma_orchestrator_v1_session_service: GenFile;
/**
 * Request message for SessionService.StartSession.
 *
 * @generated from message soma.orchestrator.v1.StartSessionRequest
 */
export type StartSessionRequest = Message<"soma.orchestrator.v1.StartSessionRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The session to start; only `prompt`, `action`, `context`,
     * `tool_calls` and `options` are read.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 2;
     */
    session?: Session | undefined;
    /**
     * Optional. An idempotency key of at most 128 characters, unique per
     * tenant: a retry with the same key returns the session the first call
     * started instead of starting another.
     *
     * @generated from field: string request_id = 3;
     */
    requestId: string;
};
/**
 * Request message for SessionService.StartSession.
 *
 * @generated from message soma.orchestrator.v1.StartSessionRequest
 */
export type StartSessionRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The session to start; only `prompt`, `action`, `context`,
     * `tool_calls` and `options` are read.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 2;
     */
    session?: SessionJson;
    /**
     * Optional. An idempotency key of at most 128 characters, unique per
     * tenant: a retry with the same key returns the session the first call
     * started instead of starting another.
     *
     * @generated from field: string request_id = 3;
     */
    requestId?: string;
};
/**
 * Describes the message soma.orchestrator.v1.StartSessionRequest.
 * Use `create(StartSessionRequestSchema)` to create a new message.
 */
export declare const StartSessionRequestSchema: GenMessage<StartSessionRequest, {
    jsonType: StartSessionRequestJson;
}>;
/**
 * Response message for SessionService.StartSession.
 *
 * @generated from message soma.orchestrator.v1.StartSessionResponse
 */
export type StartSessionResponse = Message<"soma.orchestrator.v1.StartSessionResponse"> & {
    /**
     * The session as it stands when the call returns.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: Session | undefined;
};
/**
 * Response message for SessionService.StartSession.
 *
 * @generated from message soma.orchestrator.v1.StartSessionResponse
 */
export type StartSessionResponseJson = {
    /**
     * The session as it stands when the call returns.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: SessionJson;
};
/**
 * Describes the message soma.orchestrator.v1.StartSessionResponse.
 * Use `create(StartSessionResponseSchema)` to create a new message.
 */
export declare const StartSessionResponseSchema: GenMessage<StartSessionResponse, {
    jsonType: StartSessionResponseJson;
}>;
/**
 * Request message for SessionService.GetSession.
 *
 * @generated from message soma.orchestrator.v1.GetSessionRequest
 */
export type GetSessionRequest = Message<"soma.orchestrator.v1.GetSessionRequest"> & {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for SessionService.GetSession.
 *
 * @generated from message soma.orchestrator.v1.GetSessionRequest
 */
export type GetSessionRequestJson = {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.orchestrator.v1.GetSessionRequest.
 * Use `create(GetSessionRequestSchema)` to create a new message.
 */
export declare const GetSessionRequestSchema: GenMessage<GetSessionRequest, {
    jsonType: GetSessionRequestJson;
}>;
/**
 * Response message for SessionService.GetSession.
 *
 * @generated from message soma.orchestrator.v1.GetSessionResponse
 */
export type GetSessionResponse = Message<"soma.orchestrator.v1.GetSessionResponse"> & {
    /**
     * The session.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: Session | undefined;
};
/**
 * Response message for SessionService.GetSession.
 *
 * @generated from message soma.orchestrator.v1.GetSessionResponse
 */
export type GetSessionResponseJson = {
    /**
     * The session.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: SessionJson;
};
/**
 * Describes the message soma.orchestrator.v1.GetSessionResponse.
 * Use `create(GetSessionResponseSchema)` to create a new message.
 */
export declare const GetSessionResponseSchema: GenMessage<GetSessionResponse, {
    jsonType: GetSessionResponseJson;
}>;
/**
 * Request message for SessionService.ListSessions.
 *
 * @generated from message soma.orchestrator.v1.ListSessionsRequest
 */
export type ListSessionsRequest = Message<"soma.orchestrator.v1.ListSessionsRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Optional. At most this many sessions; 50 when unset, 500 at most.
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
     * Optional. Only sessions in this state.
     *
     * @generated from field: soma.orchestrator.v1.SessionState state = 4;
     */
    state: SessionState;
    /**
     * Optional. Only sessions of this requester,
     * `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string requester = 5;
     */
    requester: string;
};
/**
 * Request message for SessionService.ListSessions.
 *
 * @generated from message soma.orchestrator.v1.ListSessionsRequest
 */
export type ListSessionsRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Optional. At most this many sessions; 50 when unset, 500 at most.
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
     * Optional. Only sessions in this state.
     *
     * @generated from field: soma.orchestrator.v1.SessionState state = 4;
     */
    state?: SessionStateJson;
    /**
     * Optional. Only sessions of this requester,
     * `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string requester = 5;
     */
    requester?: string;
};
/**
 * Describes the message soma.orchestrator.v1.ListSessionsRequest.
 * Use `create(ListSessionsRequestSchema)` to create a new message.
 */
export declare const ListSessionsRequestSchema: GenMessage<ListSessionsRequest, {
    jsonType: ListSessionsRequestJson;
}>;
/**
 * Response message for SessionService.ListSessions.
 *
 * @generated from message soma.orchestrator.v1.ListSessionsResponse
 */
export type ListSessionsResponse = Message<"soma.orchestrator.v1.ListSessionsResponse"> & {
    /**
     * The sessions, newest first, without their steps.
     *
     * @generated from field: repeated soma.orchestrator.v1.Session sessions = 1;
     */
    sessions: Session[];
    /**
     * A token for the next page; empty on the last.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for SessionService.ListSessions.
 *
 * @generated from message soma.orchestrator.v1.ListSessionsResponse
 */
export type ListSessionsResponseJson = {
    /**
     * The sessions, newest first, without their steps.
     *
     * @generated from field: repeated soma.orchestrator.v1.Session sessions = 1;
     */
    sessions?: SessionJson[];
    /**
     * A token for the next page; empty on the last.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.orchestrator.v1.ListSessionsResponse.
 * Use `create(ListSessionsResponseSchema)` to create a new message.
 */
export declare const ListSessionsResponseSchema: GenMessage<ListSessionsResponse, {
    jsonType: ListSessionsResponseJson;
}>;
/**
 * Request message for SessionService.StreamSessionEvents.
 *
 * @generated from message soma.orchestrator.v1.StreamSessionEventsRequest
 */
export type StreamSessionEventsRequest = Message<"soma.orchestrator.v1.StreamSessionEventsRequest"> & {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. Only events after this sequence number; every event when 0.
     *
     * @generated from field: int32 after_sequence = 2;
     */
    afterSequence: number;
};
/**
 * Request message for SessionService.StreamSessionEvents.
 *
 * @generated from message soma.orchestrator.v1.StreamSessionEventsRequest
 */
export type StreamSessionEventsRequestJson = {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. Only events after this sequence number; every event when 0.
     *
     * @generated from field: int32 after_sequence = 2;
     */
    afterSequence?: number;
};
/**
 * Describes the message soma.orchestrator.v1.StreamSessionEventsRequest.
 * Use `create(StreamSessionEventsRequestSchema)` to create a new message.
 */
export declare const StreamSessionEventsRequestSchema: GenMessage<StreamSessionEventsRequest, {
    jsonType: StreamSessionEventsRequestJson;
}>;
/**
 * Response message for SessionService.StreamSessionEvents.
 *
 * @generated from message soma.orchestrator.v1.StreamSessionEventsResponse
 */
export type StreamSessionEventsResponse = Message<"soma.orchestrator.v1.StreamSessionEventsResponse"> & {
    /**
     * One event.
     *
     * @generated from field: soma.orchestrator.v1.SessionEvent event = 1;
     */
    event?: SessionEvent | undefined;
};
/**
 * Response message for SessionService.StreamSessionEvents.
 *
 * @generated from message soma.orchestrator.v1.StreamSessionEventsResponse
 */
export type StreamSessionEventsResponseJson = {
    /**
     * One event.
     *
     * @generated from field: soma.orchestrator.v1.SessionEvent event = 1;
     */
    event?: SessionEventJson;
};
/**
 * Describes the message soma.orchestrator.v1.StreamSessionEventsResponse.
 * Use `create(StreamSessionEventsResponseSchema)` to create a new message.
 */
export declare const StreamSessionEventsResponseSchema: GenMessage<StreamSessionEventsResponse, {
    jsonType: StreamSessionEventsResponseJson;
}>;
/**
 * Request message for SessionService.ApproveSession.
 *
 * @generated from message soma.orchestrator.v1.ApproveSessionRequest
 */
export type ApproveSessionRequest = Message<"soma.orchestrator.v1.ApproveSessionRequest"> & {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. Approve (true) or reject (false).
     *
     * @generated from field: bool approve = 2;
     */
    approve: boolean;
    /**
     * Optional. Why, at most 2,000 characters.
     *
     * @generated from field: string comment = 3;
     */
    comment: string;
};
/**
 * Request message for SessionService.ApproveSession.
 *
 * @generated from message soma.orchestrator.v1.ApproveSessionRequest
 */
export type ApproveSessionRequestJson = {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. Approve (true) or reject (false).
     *
     * @generated from field: bool approve = 2;
     */
    approve?: boolean;
    /**
     * Optional. Why, at most 2,000 characters.
     *
     * @generated from field: string comment = 3;
     */
    comment?: string;
};
/**
 * Describes the message soma.orchestrator.v1.ApproveSessionRequest.
 * Use `create(ApproveSessionRequestSchema)` to create a new message.
 */
export declare const ApproveSessionRequestSchema: GenMessage<ApproveSessionRequest, {
    jsonType: ApproveSessionRequestJson;
}>;
/**
 * Response message for SessionService.ApproveSession.
 *
 * @generated from message soma.orchestrator.v1.ApproveSessionResponse
 */
export type ApproveSessionResponse = Message<"soma.orchestrator.v1.ApproveSessionResponse"> & {
    /**
     * The session after the verdict (and, when approved, its remaining
     * steps).
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: Session | undefined;
};
/**
 * Response message for SessionService.ApproveSession.
 *
 * @generated from message soma.orchestrator.v1.ApproveSessionResponse
 */
export type ApproveSessionResponseJson = {
    /**
     * The session after the verdict (and, when approved, its remaining
     * steps).
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: SessionJson;
};
/**
 * Describes the message soma.orchestrator.v1.ApproveSessionResponse.
 * Use `create(ApproveSessionResponseSchema)` to create a new message.
 */
export declare const ApproveSessionResponseSchema: GenMessage<ApproveSessionResponse, {
    jsonType: ApproveSessionResponseJson;
}>;
/**
 * Request message for SessionService.CancelSession.
 *
 * @generated from message soma.orchestrator.v1.CancelSessionRequest
 */
export type CancelSessionRequest = Message<"soma.orchestrator.v1.CancelSessionRequest"> & {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. Why, at most 2,000 characters.
     *
     * @generated from field: string reason = 2;
     */
    reason: string;
};
/**
 * Request message for SessionService.CancelSession.
 *
 * @generated from message soma.orchestrator.v1.CancelSessionRequest
 */
export type CancelSessionRequestJson = {
    /**
     * Required. The session, `tenants/{tenant}/sessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. Why, at most 2,000 characters.
     *
     * @generated from field: string reason = 2;
     */
    reason?: string;
};
/**
 * Describes the message soma.orchestrator.v1.CancelSessionRequest.
 * Use `create(CancelSessionRequestSchema)` to create a new message.
 */
export declare const CancelSessionRequestSchema: GenMessage<CancelSessionRequest, {
    jsonType: CancelSessionRequestJson;
}>;
/**
 * Response message for SessionService.CancelSession.
 *
 * @generated from message soma.orchestrator.v1.CancelSessionResponse
 */
export type CancelSessionResponse = Message<"soma.orchestrator.v1.CancelSessionResponse"> & {
    /**
     * The cancelled session.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: Session | undefined;
};
/**
 * Response message for SessionService.CancelSession.
 *
 * @generated from message soma.orchestrator.v1.CancelSessionResponse
 */
export type CancelSessionResponseJson = {
    /**
     * The cancelled session.
     *
     * @generated from field: soma.orchestrator.v1.Session session = 1;
     */
    session?: SessionJson;
};
/**
 * Describes the message soma.orchestrator.v1.CancelSessionResponse.
 * Use `create(CancelSessionResponseSchema)` to create a new message.
 */
export declare const CancelSessionResponseSchema: GenMessage<CancelSessionResponse, {
    jsonType: CancelSessionResponseJson;
}>;
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
 * @generated from service soma.orchestrator.v1.SessionService
 */
export declare const SessionService: GenService<{
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
     * @generated from rpc soma.orchestrator.v1.SessionService.StartSession
     */
    startSession: {
        methodKind: "unary";
        input: typeof StartSessionRequestSchema;
        output: typeof StartSessionResponseSchema;
    };
    /**
     * Returns a session with its steps. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed name and NOT_FOUND (SESSION_NOT_FOUND).
     *
     * @generated from rpc soma.orchestrator.v1.SessionService.GetSession
     */
    getSession: {
        methodKind: "unary";
        input: typeof GetSessionRequestSchema;
        output: typeof GetSessionResponseSchema;
    };
    /**
     * Lists a tenant's sessions, newest first. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed parent, filter or page token.
     *
     * @generated from rpc soma.orchestrator.v1.SessionService.ListSessions
     */
    listSessions: {
        methodKind: "unary";
        input: typeof ListSessionsRequestSchema;
        output: typeof ListSessionsResponseSchema;
    };
    /**
     * Streams a session's events: every event so far, then each new one as it
     * happens, until the session finishes (SUCCEEDED, FAILED, DENIED,
     * REJECTED or CANCELLED). Through Envoy's REST surface the stream is
     * newline-delimited JSON. Fails with INVALID_ARGUMENT (FIELD_INVALID) on a
     * malformed name and NOT_FOUND (SESSION_NOT_FOUND).
     *
     * @generated from rpc soma.orchestrator.v1.SessionService.StreamSessionEvents
     */
    streamSessionEvents: {
        methodKind: "server_streaming";
        input: typeof StreamSessionEventsRequestSchema;
        output: typeof StreamSessionEventsResponseSchema;
    };
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
     * @generated from rpc soma.orchestrator.v1.SessionService.ApproveSession
     */
    approveSession: {
        methodKind: "unary";
        input: typeof ApproveSessionRequestSchema;
        output: typeof ApproveSessionResponseSchema;
    };
    /**
     * Cancels a session that has not finished. Only its requester or a user
     * holding `sessions.approve` may. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed name, NOT_FOUND (SESSION_NOT_FOUND),
     * PERMISSION_DENIED (CAPABILITY_MISSING) for anyone else, and
     * FAILED_PRECONDITION (SESSION_STATE_CONFLICT) when it already finished.
     *
     * @generated from rpc soma.orchestrator.v1.SessionService.CancelSession
     */
    cancelSession: {
        methodKind: "unary";
        input: typeof CancelSessionRequestSchema;
        output: typeof CancelSessionResponseSchema;
    };
}>;
