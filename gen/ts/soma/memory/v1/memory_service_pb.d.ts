import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { ContextChunk, ContextChunkJson, Link, LinkDirection, LinkDirectionJson, LinkJson, LinkType, LinkTypeJson, Memory, MemoryFilter, MemoryFilterJson, MemoryHit, MemoryHitJson, MemoryJson, Neighbor, NeighborJson, WorkingItem, WorkingItemJson, WorkingMemory, WorkingMemoryJson } from "./memory_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/memory/v1/memory_service.proto.
 */
export declare const file_soma_memory_v1_memory_service: GenFile;
/**
 * Request message for MemoryService.Remember.
 *
 * @generated from message soma.memory.v1.RememberRequest
 */
export type RememberRequest = Message<"soma.memory.v1.RememberRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The memory to remember; `name`, `create_time` and
     * `store_state` are ignored.
     *
     * @generated from field: soma.memory.v1.Memory memory = 2;
     */
    memory?: Memory | undefined;
    /**
     * Optional. An idempotency key of at most 128 characters, unique per
     * tenant: a retry with the same key returns the memory the first call
     * created instead of remembering it twice.
     *
     * @generated from field: string request_id = 3;
     */
    requestId: string;
};
/**
 * Request message for MemoryService.Remember.
 *
 * @generated from message soma.memory.v1.RememberRequest
 */
export type RememberRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The memory to remember; `name`, `create_time` and
     * `store_state` are ignored.
     *
     * @generated from field: soma.memory.v1.Memory memory = 2;
     */
    memory?: MemoryJson;
    /**
     * Optional. An idempotency key of at most 128 characters, unique per
     * tenant: a retry with the same key returns the memory the first call
     * created instead of remembering it twice.
     *
     * @generated from field: string request_id = 3;
     */
    requestId?: string;
};
/**
 * Describes the message soma.memory.v1.RememberRequest.
 * Use `create(RememberRequestSchema)` to create a new message.
 */
export declare const RememberRequestSchema: GenMessage<RememberRequest, {
    jsonType: RememberRequestJson;
}>;
/**
 * Response message for MemoryService.Remember.
 *
 * @generated from message soma.memory.v1.RememberResponse
 */
export type RememberResponse = Message<"soma.memory.v1.RememberResponse"> & {
    /**
     * The remembered memory.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: Memory | undefined;
};
/**
 * Response message for MemoryService.Remember.
 *
 * @generated from message soma.memory.v1.RememberResponse
 */
export type RememberResponseJson = {
    /**
     * The remembered memory.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: MemoryJson;
};
/**
 * Describes the message soma.memory.v1.RememberResponse.
 * Use `create(RememberResponseSchema)` to create a new message.
 */
export declare const RememberResponseSchema: GenMessage<RememberResponse, {
    jsonType: RememberResponseJson;
}>;
/**
 * Request message for MemoryService.GetMemory.
 *
 * @generated from message soma.memory.v1.GetMemoryRequest
 */
export type GetMemoryRequest = Message<"soma.memory.v1.GetMemoryRequest"> & {
    /**
     * Required. The memory, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for MemoryService.GetMemory.
 *
 * @generated from message soma.memory.v1.GetMemoryRequest
 */
export type GetMemoryRequestJson = {
    /**
     * Required. The memory, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.memory.v1.GetMemoryRequest.
 * Use `create(GetMemoryRequestSchema)` to create a new message.
 */
export declare const GetMemoryRequestSchema: GenMessage<GetMemoryRequest, {
    jsonType: GetMemoryRequestJson;
}>;
/**
 * Response message for MemoryService.GetMemory.
 *
 * @generated from message soma.memory.v1.GetMemoryResponse
 */
export type GetMemoryResponse = Message<"soma.memory.v1.GetMemoryResponse"> & {
    /**
     * The memory.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: Memory | undefined;
};
/**
 * Response message for MemoryService.GetMemory.
 *
 * @generated from message soma.memory.v1.GetMemoryResponse
 */
export type GetMemoryResponseJson = {
    /**
     * The memory.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: MemoryJson;
};
/**
 * Describes the message soma.memory.v1.GetMemoryResponse.
 * Use `create(GetMemoryResponseSchema)` to create a new message.
 */
export declare const GetMemoryResponseSchema: GenMessage<GetMemoryResponse, {
    jsonType: GetMemoryResponseJson;
}>;
/**
 * Request message for MemoryService.Recall.
 *
 * @generated from message soma.memory.v1.RecallRequest
 */
export type RecallRequest = Message<"soma.memory.v1.RecallRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The query text.
     *
     * @generated from field: string query = 2;
     */
    query: string;
    /**
     * Optional. At most this many hits; 10 when unset, 100 at most.
     *
     * @generated from field: int32 top_k = 3;
     */
    topK: number;
    /**
     * Optional. Only memories that pass this filter.
     *
     * @generated from field: soma.memory.v1.MemoryFilter filter = 4;
     */
    filter?: MemoryFilter | undefined;
};
/**
 * Request message for MemoryService.Recall.
 *
 * @generated from message soma.memory.v1.RecallRequest
 */
export type RecallRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The query text.
     *
     * @generated from field: string query = 2;
     */
    query?: string;
    /**
     * Optional. At most this many hits; 10 when unset, 100 at most.
     *
     * @generated from field: int32 top_k = 3;
     */
    topK?: number;
    /**
     * Optional. Only memories that pass this filter.
     *
     * @generated from field: soma.memory.v1.MemoryFilter filter = 4;
     */
    filter?: MemoryFilterJson;
};
/**
 * Describes the message soma.memory.v1.RecallRequest.
 * Use `create(RecallRequestSchema)` to create a new message.
 */
export declare const RecallRequestSchema: GenMessage<RecallRequest, {
    jsonType: RecallRequestJson;
}>;
/**
 * Response message for MemoryService.Recall.
 *
 * @generated from message soma.memory.v1.RecallResponse
 */
export type RecallResponse = Message<"soma.memory.v1.RecallResponse"> & {
    /**
     * The hits, best first.
     *
     * @generated from field: repeated soma.memory.v1.MemoryHit hits = 1;
     */
    hits: MemoryHit[];
};
/**
 * Response message for MemoryService.Recall.
 *
 * @generated from message soma.memory.v1.RecallResponse
 */
export type RecallResponseJson = {
    /**
     * The hits, best first.
     *
     * @generated from field: repeated soma.memory.v1.MemoryHit hits = 1;
     */
    hits?: MemoryHitJson[];
};
/**
 * Describes the message soma.memory.v1.RecallResponse.
 * Use `create(RecallResponseSchema)` to create a new message.
 */
export declare const RecallResponseSchema: GenMessage<RecallResponse, {
    jsonType: RecallResponseJson;
}>;
/**
 * Request message for MemoryService.RetrieveContext.
 *
 * @generated from message soma.memory.v1.RetrieveContextRequest
 */
export type RetrieveContextRequest = Message<"soma.memory.v1.RetrieveContextRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The query text.
     *
     * @generated from field: string query = 2;
     */
    query: string;
    /**
     * Optional. The most tokens the chunks may add up to; 1,024 when unset,
     * 32,768 at most.
     *
     * @generated from field: int32 token_budget = 3;
     */
    tokenBudget: number;
    /**
     * Optional. How many of the best-matching memories to cut chunks from; 20
     * when unset, 100 at most.
     *
     * @generated from field: int32 top_k = 4;
     */
    topK: number;
    /**
     * Optional. Only memories that pass this filter.
     *
     * @generated from field: soma.memory.v1.MemoryFilter filter = 5;
     */
    filter?: MemoryFilter | undefined;
};
/**
 * Request message for MemoryService.RetrieveContext.
 *
 * @generated from message soma.memory.v1.RetrieveContextRequest
 */
export type RetrieveContextRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The query text.
     *
     * @generated from field: string query = 2;
     */
    query?: string;
    /**
     * Optional. The most tokens the chunks may add up to; 1,024 when unset,
     * 32,768 at most.
     *
     * @generated from field: int32 token_budget = 3;
     */
    tokenBudget?: number;
    /**
     * Optional. How many of the best-matching memories to cut chunks from; 20
     * when unset, 100 at most.
     *
     * @generated from field: int32 top_k = 4;
     */
    topK?: number;
    /**
     * Optional. Only memories that pass this filter.
     *
     * @generated from field: soma.memory.v1.MemoryFilter filter = 5;
     */
    filter?: MemoryFilterJson;
};
/**
 * Describes the message soma.memory.v1.RetrieveContextRequest.
 * Use `create(RetrieveContextRequestSchema)` to create a new message.
 */
export declare const RetrieveContextRequestSchema: GenMessage<RetrieveContextRequest, {
    jsonType: RetrieveContextRequestJson;
}>;
/**
 * Response message for MemoryService.RetrieveContext.
 *
 * @generated from message soma.memory.v1.RetrieveContextResponse
 */
export type RetrieveContextResponse = Message<"soma.memory.v1.RetrieveContextResponse"> & {
    /**
     * The chunks, most relevant first, within the token budget.
     *
     * @generated from field: repeated soma.memory.v1.ContextChunk chunks = 1;
     */
    chunks: ContextChunk[];
    /**
     * The chunks' token counts added up.
     *
     * @generated from field: int32 total_tokens = 2;
     */
    totalTokens: number;
    /**
     * The chunks as one text, each prefixed by its number in brackets (`[1]`),
     * separated by blank lines, ready for a prompt.
     *
     * @generated from field: string context = 3;
     */
    context: string;
};
/**
 * Response message for MemoryService.RetrieveContext.
 *
 * @generated from message soma.memory.v1.RetrieveContextResponse
 */
export type RetrieveContextResponseJson = {
    /**
     * The chunks, most relevant first, within the token budget.
     *
     * @generated from field: repeated soma.memory.v1.ContextChunk chunks = 1;
     */
    chunks?: ContextChunkJson[];
    /**
     * The chunks' token counts added up.
     *
     * @generated from field: int32 total_tokens = 2;
     */
    totalTokens?: number;
    /**
     * The chunks as one text, each prefixed by its number in brackets (`[1]`),
     * separated by blank lines, ready for a prompt.
     *
     * @generated from field: string context = 3;
     */
    context?: string;
};
/**
 * Describes the message soma.memory.v1.RetrieveContextResponse.
 * Use `create(RetrieveContextResponseSchema)` to create a new message.
 */
export declare const RetrieveContextResponseSchema: GenMessage<RetrieveContextResponse, {
    jsonType: RetrieveContextResponseJson;
}>;
/**
 * Request message for MemoryService.Link.
 *
 * @generated from message soma.memory.v1.LinkRequest
 */
export type LinkRequest = Message<"soma.memory.v1.LinkRequest"> & {
    /**
     * Required. The memory the edge starts at,
     * `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Required. The memory the edge points to, of the same tenant.
     *
     * @generated from field: string target = 2;
     */
    target: string;
    /**
     * Required. What the edge means.
     *
     * @generated from field: soma.memory.v1.LinkType type = 3;
     */
    type: LinkType;
    /**
     * Optional. The strength of the edge, from 0 to 1; 1 when unset.
     *
     * @generated from field: float weight = 4;
     */
    weight: number;
};
/**
 * Request message for MemoryService.Link.
 *
 * @generated from message soma.memory.v1.LinkRequest
 */
export type LinkRequestJson = {
    /**
     * Required. The memory the edge starts at,
     * `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Required. The memory the edge points to, of the same tenant.
     *
     * @generated from field: string target = 2;
     */
    target?: string;
    /**
     * Required. What the edge means.
     *
     * @generated from field: soma.memory.v1.LinkType type = 3;
     */
    type?: LinkTypeJson;
    /**
     * Optional. The strength of the edge, from 0 to 1; 1 when unset.
     *
     * @generated from field: float weight = 4;
     */
    weight?: number | "NaN" | "Infinity" | "-Infinity";
};
/**
 * Describes the message soma.memory.v1.LinkRequest.
 * Use `create(LinkRequestSchema)` to create a new message.
 */
export declare const LinkRequestSchema: GenMessage<LinkRequest, {
    jsonType: LinkRequestJson;
}>;
/**
 * Response message for MemoryService.Link.
 *
 * @generated from message soma.memory.v1.LinkResponse
 */
export type LinkResponse = Message<"soma.memory.v1.LinkResponse"> & {
    /**
     * The edge.
     *
     * @generated from field: soma.memory.v1.Link link = 1;
     */
    link?: Link | undefined;
};
/**
 * Response message for MemoryService.Link.
 *
 * @generated from message soma.memory.v1.LinkResponse
 */
export type LinkResponseJson = {
    /**
     * The edge.
     *
     * @generated from field: soma.memory.v1.Link link = 1;
     */
    link?: LinkJson;
};
/**
 * Describes the message soma.memory.v1.LinkResponse.
 * Use `create(LinkResponseSchema)` to create a new message.
 */
export declare const LinkResponseSchema: GenMessage<LinkResponse, {
    jsonType: LinkResponseJson;
}>;
/**
 * Request message for MemoryService.Neighbors.
 *
 * @generated from message soma.memory.v1.NeighborsRequest
 */
export type NeighborsRequest = Message<"soma.memory.v1.NeighborsRequest"> & {
    /**
     * Required. The memory to start at, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. How many edges away to go; 1 when unset, 3 at most.
     *
     * @generated from field: int32 depth = 2;
     */
    depth: number;
    /**
     * Optional. Only follow edges of these types; every type when empty.
     *
     * @generated from field: repeated soma.memory.v1.LinkType types = 3;
     */
    types: LinkType[];
    /**
     * Optional. Which edges to follow; both directions when unset.
     *
     * @generated from field: soma.memory.v1.LinkDirection direction = 4;
     */
    direction: LinkDirection;
    /**
     * Optional. At most this many neighbors; 50 when unset, 500 at most.
     *
     * @generated from field: int32 max_neighbors = 5;
     */
    maxNeighbors: number;
};
/**
 * Request message for MemoryService.Neighbors.
 *
 * @generated from message soma.memory.v1.NeighborsRequest
 */
export type NeighborsRequestJson = {
    /**
     * Required. The memory to start at, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. How many edges away to go; 1 when unset, 3 at most.
     *
     * @generated from field: int32 depth = 2;
     */
    depth?: number;
    /**
     * Optional. Only follow edges of these types; every type when empty.
     *
     * @generated from field: repeated soma.memory.v1.LinkType types = 3;
     */
    types?: LinkTypeJson[];
    /**
     * Optional. Which edges to follow; both directions when unset.
     *
     * @generated from field: soma.memory.v1.LinkDirection direction = 4;
     */
    direction?: LinkDirectionJson;
    /**
     * Optional. At most this many neighbors; 50 when unset, 500 at most.
     *
     * @generated from field: int32 max_neighbors = 5;
     */
    maxNeighbors?: number;
};
/**
 * Describes the message soma.memory.v1.NeighborsRequest.
 * Use `create(NeighborsRequestSchema)` to create a new message.
 */
export declare const NeighborsRequestSchema: GenMessage<NeighborsRequest, {
    jsonType: NeighborsRequestJson;
}>;
/**
 * Response message for MemoryService.Neighbors.
 *
 * @generated from message soma.memory.v1.NeighborsResponse
 */
export type NeighborsResponse = Message<"soma.memory.v1.NeighborsResponse"> & {
    /**
     * The memories reached, nearest first.
     *
     * @generated from field: repeated soma.memory.v1.Neighbor neighbors = 1;
     */
    neighbors: Neighbor[];
    /**
     * Whether the traversal stopped at `max_neighbors` with more to visit.
     *
     * @generated from field: bool truncated = 2;
     */
    truncated: boolean;
};
/**
 * Response message for MemoryService.Neighbors.
 *
 * @generated from message soma.memory.v1.NeighborsResponse
 */
export type NeighborsResponseJson = {
    /**
     * The memories reached, nearest first.
     *
     * @generated from field: repeated soma.memory.v1.Neighbor neighbors = 1;
     */
    neighbors?: NeighborJson[];
    /**
     * Whether the traversal stopped at `max_neighbors` with more to visit.
     *
     * @generated from field: bool truncated = 2;
     */
    truncated?: boolean;
};
/**
 * Describes the message soma.memory.v1.NeighborsResponse.
 * Use `create(NeighborsResponseSchema)` to create a new message.
 */
export declare const NeighborsResponseSchema: GenMessage<NeighborsResponse, {
    jsonType: NeighborsResponseJson;
}>;
/**
 * Request message for MemoryService.Forget.
 *
 * @generated from message soma.memory.v1.ForgetRequest
 */
export type ForgetRequest = Message<"soma.memory.v1.ForgetRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Optional. The memories to forget, `tenants/{tenant}/memories/{memory}`;
     * at most 1,000. When a filter is given too, only those of them that pass
     * it are forgotten.
     *
     * @generated from field: repeated string names = 2;
     */
    names: string[];
    /**
     * Optional. Forget the memories that pass this filter. At least one of
     * `names` and a filter criterion must be given.
     *
     * @generated from field: soma.memory.v1.MemoryFilter filter = 3;
     */
    filter?: MemoryFilter | undefined;
};
/**
 * Request message for MemoryService.Forget.
 *
 * @generated from message soma.memory.v1.ForgetRequest
 */
export type ForgetRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Optional. The memories to forget, `tenants/{tenant}/memories/{memory}`;
     * at most 1,000. When a filter is given too, only those of them that pass
     * it are forgotten.
     *
     * @generated from field: repeated string names = 2;
     */
    names?: string[];
    /**
     * Optional. Forget the memories that pass this filter. At least one of
     * `names` and a filter criterion must be given.
     *
     * @generated from field: soma.memory.v1.MemoryFilter filter = 3;
     */
    filter?: MemoryFilterJson;
};
/**
 * Describes the message soma.memory.v1.ForgetRequest.
 * Use `create(ForgetRequestSchema)` to create a new message.
 */
export declare const ForgetRequestSchema: GenMessage<ForgetRequest, {
    jsonType: ForgetRequestJson;
}>;
/**
 * Response message for MemoryService.Forget.
 *
 * @generated from message soma.memory.v1.ForgetResponse
 */
export type ForgetResponse = Message<"soma.memory.v1.ForgetResponse"> & {
    /**
     * How many memories were forgotten.
     *
     * @generated from field: int64 forgotten_count = 1;
     */
    forgottenCount: bigint;
};
/**
 * Response message for MemoryService.Forget.
 *
 * @generated from message soma.memory.v1.ForgetResponse
 */
export type ForgetResponseJson = {
    /**
     * How many memories were forgotten.
     *
     * @generated from field: int64 forgotten_count = 1;
     */
    forgottenCount?: string;
};
/**
 * Describes the message soma.memory.v1.ForgetResponse.
 * Use `create(ForgetResponseSchema)` to create a new message.
 */
export declare const ForgetResponseSchema: GenMessage<ForgetResponse, {
    jsonType: ForgetResponseJson;
}>;
/**
 * Request message for MemoryService.PutWorking.
 *
 * @generated from message soma.memory.v1.PutWorkingRequest
 */
export type PutWorkingRequest = Message<"soma.memory.v1.PutWorkingRequest"> & {
    /**
     * Required. The working memory,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Required. The entries to append, oldest first; at most 100 per call.
     *
     * @generated from field: repeated soma.memory.v1.WorkingItem items = 2;
     */
    items: WorkingItem[];
};
/**
 * Request message for MemoryService.PutWorking.
 *
 * @generated from message soma.memory.v1.PutWorkingRequest
 */
export type PutWorkingRequestJson = {
    /**
     * Required. The working memory,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Required. The entries to append, oldest first; at most 100 per call.
     *
     * @generated from field: repeated soma.memory.v1.WorkingItem items = 2;
     */
    items?: WorkingItemJson[];
};
/**
 * Describes the message soma.memory.v1.PutWorkingRequest.
 * Use `create(PutWorkingRequestSchema)` to create a new message.
 */
export declare const PutWorkingRequestSchema: GenMessage<PutWorkingRequest, {
    jsonType: PutWorkingRequestJson;
}>;
/**
 * Response message for MemoryService.PutWorking.
 *
 * @generated from message soma.memory.v1.PutWorkingResponse
 */
export type PutWorkingResponse = Message<"soma.memory.v1.PutWorkingResponse"> & {
    /**
     * The working memory after the append.
     *
     * @generated from field: soma.memory.v1.WorkingMemory working_memory = 1;
     */
    workingMemory?: WorkingMemory | undefined;
};
/**
 * Response message for MemoryService.PutWorking.
 *
 * @generated from message soma.memory.v1.PutWorkingResponse
 */
export type PutWorkingResponseJson = {
    /**
     * The working memory after the append.
     *
     * @generated from field: soma.memory.v1.WorkingMemory working_memory = 1;
     */
    workingMemory?: WorkingMemoryJson;
};
/**
 * Describes the message soma.memory.v1.PutWorkingResponse.
 * Use `create(PutWorkingResponseSchema)` to create a new message.
 */
export declare const PutWorkingResponseSchema: GenMessage<PutWorkingResponse, {
    jsonType: PutWorkingResponseJson;
}>;
/**
 * Request message for MemoryService.GetWorking.
 *
 * @generated from message soma.memory.v1.GetWorkingRequest
 */
export type GetWorkingRequest = Message<"soma.memory.v1.GetWorkingRequest"> & {
    /**
     * Required. The working memory,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for MemoryService.GetWorking.
 *
 * @generated from message soma.memory.v1.GetWorkingRequest
 */
export type GetWorkingRequestJson = {
    /**
     * Required. The working memory,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.memory.v1.GetWorkingRequest.
 * Use `create(GetWorkingRequestSchema)` to create a new message.
 */
export declare const GetWorkingRequestSchema: GenMessage<GetWorkingRequest, {
    jsonType: GetWorkingRequestJson;
}>;
/**
 * Response message for MemoryService.GetWorking.
 *
 * @generated from message soma.memory.v1.GetWorkingResponse
 */
export type GetWorkingResponse = Message<"soma.memory.v1.GetWorkingResponse"> & {
    /**
     * The working memory.
     *
     * @generated from field: soma.memory.v1.WorkingMemory working_memory = 1;
     */
    workingMemory?: WorkingMemory | undefined;
};
/**
 * Response message for MemoryService.GetWorking.
 *
 * @generated from message soma.memory.v1.GetWorkingResponse
 */
export type GetWorkingResponseJson = {
    /**
     * The working memory.
     *
     * @generated from field: soma.memory.v1.WorkingMemory working_memory = 1;
     */
    workingMemory?: WorkingMemoryJson;
};
/**
 * Describes the message soma.memory.v1.GetWorkingResponse.
 * Use `create(GetWorkingResponseSchema)` to create a new message.
 */
export declare const GetWorkingResponseSchema: GenMessage<GetWorkingResponse, {
    jsonType: GetWorkingResponseJson;
}>;
/**
 * Request message for MemoryService.ClearWorking.
 *
 * @generated from message soma.memory.v1.ClearWorkingRequest
 */
export type ClearWorkingRequest = Message<"soma.memory.v1.ClearWorkingRequest"> & {
    /**
     * Required. The working memory,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for MemoryService.ClearWorking.
 *
 * @generated from message soma.memory.v1.ClearWorkingRequest
 */
export type ClearWorkingRequestJson = {
    /**
     * Required. The working memory,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.memory.v1.ClearWorkingRequest.
 * Use `create(ClearWorkingRequestSchema)` to create a new message.
 */
export declare const ClearWorkingRequestSchema: GenMessage<ClearWorkingRequest, {
    jsonType: ClearWorkingRequestJson;
}>;
/**
 * Response message for MemoryService.ClearWorking.
 *
 * @generated from message soma.memory.v1.ClearWorkingResponse
 */
export type ClearWorkingResponse = Message<"soma.memory.v1.ClearWorkingResponse"> & {
    /**
     * How many entries were removed.
     *
     * @generated from field: int32 cleared_count = 1;
     */
    clearedCount: number;
};
/**
 * Response message for MemoryService.ClearWorking.
 *
 * @generated from message soma.memory.v1.ClearWorkingResponse
 */
export type ClearWorkingResponseJson = {
    /**
     * How many entries were removed.
     *
     * @generated from field: int32 cleared_count = 1;
     */
    clearedCount?: number;
};
/**
 * Describes the message soma.memory.v1.ClearWorkingResponse.
 * Use `create(ClearWorkingResponseSchema)` to create a new message.
 */
export declare const ClearWorkingResponseSchema: GenMessage<ClearWorkingResponse, {
    jsonType: ClearWorkingResponseJson;
}>;
/**
 * MemoryService stores and recalls a tenant's memories, named
 * `tenants/{tenant}/memories/{memory}`, links them into a graph, and keeps
 * each session's short-term working memory. Writes are acknowledged once
 * committed and reach the memory store in order, even when the store was
 * unreachable at the time. Errors carry `google.rpc.ErrorInfo` with a reason
 * from `soma.common.v1.ErrorReason`.
 *
 * @generated from service soma.memory.v1.MemoryService
 */
export declare const MemoryService: GenService<{
    /**
     * Remembers a text. Retrying with the same `request_id` returns the memory
     * the first call created. Fails with INVALID_ARGUMENT (FIELD_INVALID) on a
     * bad kind, text, metadata or importance, and FAILED_PRECONDITION
     * (REQUEST_ID_REUSED) when the `request_id` already created a different
     * memory.
     *
     * @generated from rpc soma.memory.v1.MemoryService.Remember
     */
    remember: {
        methodKind: "unary";
        input: typeof RememberRequestSchema;
        output: typeof RememberResponseSchema;
    };
    /**
     * Returns a memory. Fails with NOT_FOUND (MEMORY_NOT_FOUND).
     *
     * @generated from rpc soma.memory.v1.MemoryService.GetMemory
     */
    getMemory: {
        methodKind: "unary";
        input: typeof GetMemoryRequestSchema;
        output: typeof GetMemoryResponseSchema;
    };
    /**
     * Recalls the memories that best match a query, best first, ranking by
     * embedding similarity and lexical (BM25) relevance together. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) on a bad `top_k` or filter, and
     * UNAVAILABLE (SERVICE_UNAVAILABLE) when the memory store or the embedder
     * cannot be reached.
     *
     * @generated from rpc soma.memory.v1.MemoryService.Recall
     */
    recall: {
        methodKind: "unary";
        input: typeof RecallRequestSchema;
        output: typeof RecallResponseSchema;
    };
    /**
     * Retrieves context for a prompt: the chunks of the best-matching memories
     * that fit a token budget, each with its citation. Tokens are approximated
     * as ceil(words * 4 / 3). Fails like Recall.
     *
     * @generated from rpc soma.memory.v1.MemoryService.RetrieveContext
     */
    retrieveContext: {
        methodKind: "unary";
        input: typeof RetrieveContextRequestSchema;
        output: typeof RetrieveContextResponseSchema;
    };
    /**
     * Links a memory to another memory of the same tenant with a typed edge.
     * Fails with NOT_FOUND (MEMORY_NOT_FOUND) when either memory does not
     * exist, and INVALID_ARGUMENT (FIELD_INVALID) when the target belongs to
     * another tenant or is the memory itself.
     *
     * @generated from rpc soma.memory.v1.MemoryService.Link
     */
    link: {
        methodKind: "unary";
        input: typeof LinkRequestSchema;
        output: typeof LinkResponseSchema;
    };
    /**
     * Returns the memories reachable from a memory through its links, nearest
     * first, up to a depth and a count. Fails with NOT_FOUND
     * (MEMORY_NOT_FOUND).
     *
     * @generated from rpc soma.memory.v1.MemoryService.Neighbors
     */
    neighbors: {
        methodKind: "unary";
        input: typeof NeighborsRequestSchema;
        output: typeof NeighborsResponseSchema;
    };
    /**
     * Forgets memories, by name or by filter, with their links, and returns how
     * many were forgotten. Names that do not exist are skipped. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) when neither names nor a filter
     * criterion is given.
     *
     * @generated from rpc soma.memory.v1.MemoryService.Forget
     */
    forget: {
        methodKind: "unary";
        input: typeof ForgetRequestSchema;
        output: typeof ForgetResponseSchema;
    };
    /**
     * Appends entries to a session's working memory, dropping the oldest beyond
     * its bound and restarting its time to live. Fails with UNAVAILABLE
     * (SERVICE_UNAVAILABLE) when the cache cannot be reached.
     *
     * @generated from rpc soma.memory.v1.MemoryService.PutWorking
     */
    putWorking: {
        methodKind: "unary";
        input: typeof PutWorkingRequestSchema;
        output: typeof PutWorkingResponseSchema;
    };
    /**
     * Returns a session's working memory; empty when it expired or never
     * existed.
     *
     * @generated from rpc soma.memory.v1.MemoryService.GetWorking
     */
    getWorking: {
        methodKind: "unary";
        input: typeof GetWorkingRequestSchema;
        output: typeof GetWorkingResponseSchema;
    };
    /**
     * Empties a session's working memory.
     *
     * @generated from rpc soma.memory.v1.MemoryService.ClearWorking
     */
    clearWorking: {
        methodKind: "unary";
        input: typeof ClearWorkingRequestSchema;
        output: typeof ClearWorkingResponseSchema;
    };
}>;
