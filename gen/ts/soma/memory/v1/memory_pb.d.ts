import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Duration, DurationJson, Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/memory/v1/memory.proto.
 */
export declare const file_soma_memory_v1_memory: GenFile;
/**
 * Memory is one thing a tenant's agents remember, named
 * `tenants/{tenant}/memories/{memory}`. Nothing of one tenant is visible to
 * another.
 *
 * @generated from message soma.memory.v1.Memory
 */
export type Memory = Message<"soma.memory.v1.Memory"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/memories/{memory}`. The
     * service picks the memory id.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Required. What sort of memory this is.
     *
     * @generated from field: soma.memory.v1.MemoryKind kind = 2;
     */
    kind: MemoryKind;
    /**
     * Required. The remembered text, at most 32,768 characters.
     *
     * @generated from field: string text = 3;
     */
    text: string;
    /**
     * Optional. Labels that recall and forget can filter on by exact match. At
     * most 32 entries; keys of 1 to 63 characters, values of at most 256.
     *
     * @generated from field: map<string, string> metadata = 4;
     */
    metadata: {
        [key: string]: string;
    };
    /**
     * Optional. How much the memory matters, from 0 to 1; 0 when unset.
     *
     * @generated from field: float importance = 5;
     */
    importance: number;
    /**
     * Output only. When the memory was remembered.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 6;
     */
    createTime?: Timestamp | undefined;
    /**
     * Output only. Whether the memory store has applied the memory yet. Recall
     * finds a memory once its state is STORE_STATE_APPLIED; a remembered memory
     * is never lost while it is STORE_STATE_PENDING.
     *
     * @generated from field: soma.memory.v1.StoreState store_state = 7;
     */
    storeState: StoreState;
};
/**
 * Memory is one thing a tenant's agents remember, named
 * `tenants/{tenant}/memories/{memory}`. Nothing of one tenant is visible to
 * another.
 *
 * @generated from message soma.memory.v1.Memory
 */
export type MemoryJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/memories/{memory}`. The
     * service picks the memory id.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Required. What sort of memory this is.
     *
     * @generated from field: soma.memory.v1.MemoryKind kind = 2;
     */
    kind?: MemoryKindJson;
    /**
     * Required. The remembered text, at most 32,768 characters.
     *
     * @generated from field: string text = 3;
     */
    text?: string;
    /**
     * Optional. Labels that recall and forget can filter on by exact match. At
     * most 32 entries; keys of 1 to 63 characters, values of at most 256.
     *
     * @generated from field: map<string, string> metadata = 4;
     */
    metadata?: {
        [key: string]: string;
    };
    /**
     * Optional. How much the memory matters, from 0 to 1; 0 when unset.
     *
     * @generated from field: float importance = 5;
     */
    importance?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * Output only. When the memory was remembered.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 6;
     */
    createTime?: TimestampJson;
    /**
     * Output only. Whether the memory store has applied the memory yet. Recall
     * finds a memory once its state is STORE_STATE_APPLIED; a remembered memory
     * is never lost while it is STORE_STATE_PENDING.
     *
     * @generated from field: soma.memory.v1.StoreState store_state = 7;
     */
    storeState?: StoreStateJson;
};
/**
 * Describes the message soma.memory.v1.Memory.
 * Use `create(MemorySchema)` to create a new message.
 */
export declare const MemorySchema: GenMessage<Memory, {
    jsonType: MemoryJson;
}>;
/**
 * Link is a typed, directed edge from one memory to another of the same
 * tenant. Linking the same two memories with the same type again updates the
 * weight.
 *
 * @generated from message soma.memory.v1.Link
 */
export type Link = Message<"soma.memory.v1.Link"> & {
    /**
     * Output only. The memory the edge starts at,
     * `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string source = 1;
     */
    source: string;
    /**
     * Required. The memory the edge points to,
     * `tenants/{tenant}/memories/{memory}`, of the same tenant as the source.
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
    /**
     * Output only. When the edge was created or last updated.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 5;
     */
    updateTime?: Timestamp | undefined;
};
/**
 * Link is a typed, directed edge from one memory to another of the same
 * tenant. Linking the same two memories with the same type again updates the
 * weight.
 *
 * @generated from message soma.memory.v1.Link
 */
export type LinkJson = {
    /**
     * Output only. The memory the edge starts at,
     * `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string source = 1;
     */
    source?: string;
    /**
     * Required. The memory the edge points to,
     * `tenants/{tenant}/memories/{memory}`, of the same tenant as the source.
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
    /**
     * Output only. When the edge was created or last updated.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 5;
     */
    updateTime?: TimestampJson;
};
/**
 * Describes the message soma.memory.v1.Link.
 * Use `create(LinkSchema)` to create a new message.
 */
export declare const LinkSchema: GenMessage<Link, {
    jsonType: LinkJson;
}>;
/**
 * MemoryFilter narrows recall, context retrieval and forgetting. A memory
 * passes when it meets every criterion that is set.
 *
 * @generated from message soma.memory.v1.MemoryFilter
 */
export type MemoryFilter = Message<"soma.memory.v1.MemoryFilter"> & {
    /**
     * Optional. Only memories of one of these kinds; every kind when empty.
     *
     * @generated from field: repeated soma.memory.v1.MemoryKind kinds = 1;
     */
    kinds: MemoryKind[];
    /**
     * Optional. Only memories whose metadata holds every one of these keys with
     * exactly this value.
     *
     * @generated from field: map<string, string> metadata = 2;
     */
    metadata: {
        [key: string]: string;
    };
    /**
     * Optional. Only memories remembered at or after this time.
     *
     * @generated from field: google.protobuf.Timestamp create_after = 3;
     */
    createAfter?: Timestamp | undefined;
    /**
     * Optional. Only memories remembered before this time.
     *
     * @generated from field: google.protobuf.Timestamp create_before = 4;
     */
    createBefore?: Timestamp | undefined;
};
/**
 * MemoryFilter narrows recall, context retrieval and forgetting. A memory
 * passes when it meets every criterion that is set.
 *
 * @generated from message soma.memory.v1.MemoryFilter
 */
export type MemoryFilterJson = {
    /**
     * Optional. Only memories of one of these kinds; every kind when empty.
     *
     * @generated from field: repeated soma.memory.v1.MemoryKind kinds = 1;
     */
    kinds?: MemoryKindJson[];
    /**
     * Optional. Only memories whose metadata holds every one of these keys with
     * exactly this value.
     *
     * @generated from field: map<string, string> metadata = 2;
     */
    metadata?: {
        [key: string]: string;
    };
    /**
     * Optional. Only memories remembered at or after this time.
     *
     * @generated from field: google.protobuf.Timestamp create_after = 3;
     */
    createAfter?: TimestampJson;
    /**
     * Optional. Only memories remembered before this time.
     *
     * @generated from field: google.protobuf.Timestamp create_before = 4;
     */
    createBefore?: TimestampJson;
};
/**
 * Describes the message soma.memory.v1.MemoryFilter.
 * Use `create(MemoryFilterSchema)` to create a new message.
 */
export declare const MemoryFilterSchema: GenMessage<MemoryFilter, {
    jsonType: MemoryFilterJson;
}>;
/**
 * MemoryHit is one memory recall found, with how well it matches the query.
 *
 * @generated from message soma.memory.v1.MemoryHit
 */
export type MemoryHit = Message<"soma.memory.v1.MemoryHit"> & {
    /**
     * The memory.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: Memory | undefined;
    /**
     * The fused relevance score, from 0 to 1; hits come best first.
     *
     * @generated from field: float score = 2;
     */
    score: number;
    /**
     * The cosine similarity of the query and memory embeddings; 0 when the
     * vector ranker did not return the memory.
     *
     * @generated from field: float vector_score = 3;
     */
    vectorScore: number;
    /**
     * The memory's lexical (BM25) score for the query, scaled to 0 to 1 by the
     * best lexical score of the query; 0 when the lexical ranker did not return
     * the memory.
     *
     * @generated from field: float lexical_score = 4;
     */
    lexicalScore: number;
};
/**
 * MemoryHit is one memory recall found, with how well it matches the query.
 *
 * @generated from message soma.memory.v1.MemoryHit
 */
export type MemoryHitJson = {
    /**
     * The memory.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: MemoryJson;
    /**
     * The fused relevance score, from 0 to 1; hits come best first.
     *
     * @generated from field: float score = 2;
     */
    score?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * The cosine similarity of the query and memory embeddings; 0 when the
     * vector ranker did not return the memory.
     *
     * @generated from field: float vector_score = 3;
     */
    vectorScore?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * The memory's lexical (BM25) score for the query, scaled to 0 to 1 by the
     * best lexical score of the query; 0 when the lexical ranker did not return
     * the memory.
     *
     * @generated from field: float lexical_score = 4;
     */
    lexicalScore?: number | "NaN" | "Infinity" | "-Infinity";
};
/**
 * Describes the message soma.memory.v1.MemoryHit.
 * Use `create(MemoryHitSchema)` to create a new message.
 */
export declare const MemoryHitSchema: GenMessage<MemoryHit, {
    jsonType: MemoryHitJson;
}>;
/**
 * Citation says where a chunk of retrieved context comes from.
 *
 * @generated from message soma.memory.v1.Citation
 */
export type Citation = Message<"soma.memory.v1.Citation"> & {
    /**
     * The memory the chunk was cut from, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string memory = 1;
     */
    memory: string;
    /**
     * Offset of the chunk's first character in the memory's text, in Unicode
     * code points.
     *
     * @generated from field: int32 start_offset = 2;
     */
    startOffset: number;
    /**
     * Offset just past the chunk's last character in the memory's text, in
     * Unicode code points.
     *
     * @generated from field: int32 end_offset = 3;
     */
    endOffset: number;
    /**
     * The recall score of the memory the chunk comes from.
     *
     * @generated from field: float score = 4;
     */
    score: number;
};
/**
 * Citation says where a chunk of retrieved context comes from.
 *
 * @generated from message soma.memory.v1.Citation
 */
export type CitationJson = {
    /**
     * The memory the chunk was cut from, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: string memory = 1;
     */
    memory?: string;
    /**
     * Offset of the chunk's first character in the memory's text, in Unicode
     * code points.
     *
     * @generated from field: int32 start_offset = 2;
     */
    startOffset?: number;
    /**
     * Offset just past the chunk's last character in the memory's text, in
     * Unicode code points.
     *
     * @generated from field: int32 end_offset = 3;
     */
    endOffset?: number;
    /**
     * The recall score of the memory the chunk comes from.
     *
     * @generated from field: float score = 4;
     */
    score?: number | "NaN" | "Infinity" | "-Infinity";
};
/**
 * Describes the message soma.memory.v1.Citation.
 * Use `create(CitationSchema)` to create a new message.
 */
export declare const CitationSchema: GenMessage<Citation, {
    jsonType: CitationJson;
}>;
/**
 * ContextChunk is one piece of retrieved context with its citation.
 *
 * @generated from message soma.memory.v1.ContextChunk
 */
export type ContextChunk = Message<"soma.memory.v1.ContextChunk"> & {
    /**
     * The text of the chunk: a span of one memory's text.
     *
     * @generated from field: string text = 1;
     */
    text: string;
    /**
     * The approximate token count of the chunk: ceil(words * 4 / 3).
     *
     * @generated from field: int32 token_count = 2;
     */
    tokenCount: number;
    /**
     * Where the chunk comes from.
     *
     * @generated from field: soma.memory.v1.Citation citation = 3;
     */
    citation?: Citation | undefined;
};
/**
 * ContextChunk is one piece of retrieved context with its citation.
 *
 * @generated from message soma.memory.v1.ContextChunk
 */
export type ContextChunkJson = {
    /**
     * The text of the chunk: a span of one memory's text.
     *
     * @generated from field: string text = 1;
     */
    text?: string;
    /**
     * The approximate token count of the chunk: ceil(words * 4 / 3).
     *
     * @generated from field: int32 token_count = 2;
     */
    tokenCount?: number;
    /**
     * Where the chunk comes from.
     *
     * @generated from field: soma.memory.v1.Citation citation = 3;
     */
    citation?: CitationJson;
};
/**
 * Describes the message soma.memory.v1.ContextChunk.
 * Use `create(ContextChunkSchema)` to create a new message.
 */
export declare const ContextChunkSchema: GenMessage<ContextChunk, {
    jsonType: ContextChunkJson;
}>;
/**
 * Neighbor is a memory reached by a graph traversal.
 *
 * @generated from message soma.memory.v1.Neighbor
 */
export type Neighbor = Message<"soma.memory.v1.Neighbor"> & {
    /**
     * The memory reached.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: Memory | undefined;
    /**
     * How many edges separate it from the starting memory (1 or more).
     *
     * @generated from field: int32 depth = 2;
     */
    depth: number;
    /**
     * The edge through which the traversal first reached it.
     *
     * @generated from field: soma.memory.v1.Link link = 3;
     */
    link?: Link | undefined;
};
/**
 * Neighbor is a memory reached by a graph traversal.
 *
 * @generated from message soma.memory.v1.Neighbor
 */
export type NeighborJson = {
    /**
     * The memory reached.
     *
     * @generated from field: soma.memory.v1.Memory memory = 1;
     */
    memory?: MemoryJson;
    /**
     * How many edges separate it from the starting memory (1 or more).
     *
     * @generated from field: int32 depth = 2;
     */
    depth?: number;
    /**
     * The edge through which the traversal first reached it.
     *
     * @generated from field: soma.memory.v1.Link link = 3;
     */
    link?: LinkJson;
};
/**
 * Describes the message soma.memory.v1.Neighbor.
 * Use `create(NeighborSchema)` to create a new message.
 */
export declare const NeighborSchema: GenMessage<Neighbor, {
    jsonType: NeighborJson;
}>;
/**
 * WorkingItem is one entry of a session's working memory.
 *
 * @generated from message soma.memory.v1.WorkingItem
 */
export type WorkingItem = Message<"soma.memory.v1.WorkingItem"> & {
    /**
     * Required. The text of the entry, at most 32,768 characters.
     *
     * @generated from field: string text = 1;
     */
    text: string;
    /**
     * Optional. Labels of the entry; at most 32 entries.
     *
     * @generated from field: map<string, string> metadata = 2;
     */
    metadata: {
        [key: string]: string;
    };
    /**
     * Output only. When the entry was added.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 3;
     */
    createTime?: Timestamp | undefined;
};
/**
 * WorkingItem is one entry of a session's working memory.
 *
 * @generated from message soma.memory.v1.WorkingItem
 */
export type WorkingItemJson = {
    /**
     * Required. The text of the entry, at most 32,768 characters.
     *
     * @generated from field: string text = 1;
     */
    text?: string;
    /**
     * Optional. Labels of the entry; at most 32 entries.
     *
     * @generated from field: map<string, string> metadata = 2;
     */
    metadata?: {
        [key: string]: string;
    };
    /**
     * Output only. When the entry was added.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 3;
     */
    createTime?: TimestampJson;
};
/**
 * Describes the message soma.memory.v1.WorkingItem.
 * Use `create(WorkingItemSchema)` to create a new message.
 */
export declare const WorkingItemSchema: GenMessage<WorkingItem, {
    jsonType: WorkingItemJson;
}>;
/**
 * WorkingMemory is the short-term memory of one session, named
 * `tenants/{tenant}/sessions/{session}/workingMemory`. It keeps the newest
 * `max_items` entries and expires `ttl` after its last change.
 *
 * @generated from message soma.memory.v1.WorkingMemory
 */
export type WorkingMemory = Message<"soma.memory.v1.WorkingMemory"> & {
    /**
     * Identifier. The resource name,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. The entries, oldest first.
     *
     * @generated from field: repeated soma.memory.v1.WorkingItem items = 2;
     */
    items: WorkingItem[];
    /**
     * Output only. The most entries it keeps; older ones are dropped.
     *
     * @generated from field: int32 max_items = 3;
     */
    maxItems: number;
    /**
     * Output only. How long it lives after its last change.
     *
     * @generated from field: google.protobuf.Duration ttl = 4;
     */
    ttl?: Duration | undefined;
    /**
     * Output only. When it expires unless changed again; unset when empty.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 5;
     */
    expireTime?: Timestamp | undefined;
};
/**
 * WorkingMemory is the short-term memory of one session, named
 * `tenants/{tenant}/sessions/{session}/workingMemory`. It keeps the newest
 * `max_items` entries and expires `ttl` after its last change.
 *
 * @generated from message soma.memory.v1.WorkingMemory
 */
export type WorkingMemoryJson = {
    /**
     * Identifier. The resource name,
     * `tenants/{tenant}/sessions/{session}/workingMemory`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. The entries, oldest first.
     *
     * @generated from field: repeated soma.memory.v1.WorkingItem items = 2;
     */
    items?: WorkingItemJson[];
    /**
     * Output only. The most entries it keeps; older ones are dropped.
     *
     * @generated from field: int32 max_items = 3;
     */
    maxItems?: number;
    /**
     * Output only. How long it lives after its last change.
     *
     * @generated from field: google.protobuf.Duration ttl = 4;
     */
    ttl?: DurationJson;
    /**
     * Output only. When it expires unless changed again; unset when empty.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 5;
     */
    expireTime?: TimestampJson;
};
/**
 * Describes the message soma.memory.v1.WorkingMemory.
 * Use `create(WorkingMemorySchema)` to create a new message.
 */
export declare const WorkingMemorySchema: GenMessage<WorkingMemory, {
    jsonType: WorkingMemoryJson;
}>;
/**
 * MemoryWritten is the payload of the events the memory service publishes on
 * the topic `memory.writes`, one per committed write, in commit order per
 * tenant. The same record drives the memory store's replay.
 *
 * @generated from message soma.memory.v1.MemoryWritten
 */
export type MemoryWritten = Message<"soma.memory.v1.MemoryWritten"> & {
    /**
     * The position of the write in the memory service's write log; increases
     * with every write.
     *
     * @generated from field: int64 sequence = 1;
     */
    sequence: bigint;
    /**
     * What changed.
     *
     * @generated from oneof soma.memory.v1.MemoryWritten.change
     */
    change: {
        /**
         * A memory was remembered.
         *
         * @generated from field: soma.memory.v1.Memory remembered = 2;
         */
        value: Memory;
        case: "remembered";
    } | {
        /**
         * Two memories were linked; `source` names the first.
         *
         * @generated from field: soma.memory.v1.Link linked = 3;
         */
        value: Link;
        case: "linked";
    } | {
        /**
         * Memories were forgotten.
         *
         * @generated from field: soma.memory.v1.MemoriesForgotten forgotten = 4;
         */
        value: MemoriesForgotten;
        case: "forgotten";
    } | {
        case: undefined;
        value?: undefined;
    };
};
/**
 * MemoryWritten is the payload of the events the memory service publishes on
 * the topic `memory.writes`, one per committed write, in commit order per
 * tenant. The same record drives the memory store's replay.
 *
 * @generated from message soma.memory.v1.MemoryWritten
 */
export type MemoryWrittenJson = {
    /**
     * The position of the write in the memory service's write log; increases
     * with every write.
     *
     * @generated from field: int64 sequence = 1;
     */
    sequence?: string;
    /**
     * A memory was remembered.
     *
     * @generated from field: soma.memory.v1.Memory remembered = 2;
     */
    remembered?: MemoryJson;
    /**
     * Two memories were linked; `source` names the first.
     *
     * @generated from field: soma.memory.v1.Link linked = 3;
     */
    linked?: LinkJson;
    /**
     * Memories were forgotten.
     *
     * @generated from field: soma.memory.v1.MemoriesForgotten forgotten = 4;
     */
    forgotten?: MemoriesForgottenJson;
};
/**
 * Describes the message soma.memory.v1.MemoryWritten.
 * Use `create(MemoryWrittenSchema)` to create a new message.
 */
export declare const MemoryWrittenSchema: GenMessage<MemoryWritten, {
    jsonType: MemoryWrittenJson;
}>;
/**
 * MemoriesForgotten lists the memories one Forget call removed.
 *
 * @generated from message soma.memory.v1.MemoriesForgotten
 */
export type MemoriesForgotten = Message<"soma.memory.v1.MemoriesForgotten"> & {
    /**
     * The forgotten memories, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: repeated string names = 1;
     */
    names: string[];
};
/**
 * MemoriesForgotten lists the memories one Forget call removed.
 *
 * @generated from message soma.memory.v1.MemoriesForgotten
 */
export type MemoriesForgottenJson = {
    /**
     * The forgotten memories, `tenants/{tenant}/memories/{memory}`.
     *
     * @generated from field: repeated string names = 1;
     */
    names?: string[];
};
/**
 * Describes the message soma.memory.v1.MemoriesForgotten.
 * Use `create(MemoriesForgottenSchema)` to create a new message.
 */
export declare const MemoriesForgottenSchema: GenMessage<MemoriesForgotten, {
    jsonType: MemoriesForgottenJson;
}>;
/**
 * MemoryKind says what sort of memory a memory is.
 *
 * @generated from enum soma.memory.v1.MemoryKind
 */
export declare enum MemoryKind {
    /**
     * Not used.
     *
     * @generated from enum value: MEMORY_KIND_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Something that happened: an event, an exchange, an observation.
     *
     * @generated from enum value: MEMORY_KIND_EPISODIC = 1;
     */
    EPISODIC = 1,
    /**
     * Something that is known: a fact, a rule, a preference.
     *
     * @generated from enum value: MEMORY_KIND_SEMANTIC = 2;
     */
    SEMANTIC = 2
}
/**
 * MemoryKind says what sort of memory a memory is.
 *
 * @generated from enum soma.memory.v1.MemoryKind
 */
export type MemoryKindJson = "MEMORY_KIND_UNSPECIFIED" | "MEMORY_KIND_EPISODIC" | "MEMORY_KIND_SEMANTIC";
/**
 * Describes the enum soma.memory.v1.MemoryKind.
 */
export declare const MemoryKindSchema: GenEnum<MemoryKind, MemoryKindJson>;
/**
 * StoreState says whether the memory store has applied a write.
 *
 * @generated from enum soma.memory.v1.StoreState
 */
export declare enum StoreState {
    /**
     * Not used.
     *
     * @generated from enum value: STORE_STATE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The write is committed and acknowledged but not yet applied to the
     * memory store (for example while the store is unreachable).
     *
     * @generated from enum value: STORE_STATE_PENDING = 1;
     */
    PENDING = 1,
    /**
     * The memory store has applied the write: recall can find the memory.
     *
     * @generated from enum value: STORE_STATE_APPLIED = 2;
     */
    APPLIED = 2
}
/**
 * StoreState says whether the memory store has applied a write.
 *
 * @generated from enum soma.memory.v1.StoreState
 */
export type StoreStateJson = "STORE_STATE_UNSPECIFIED" | "STORE_STATE_PENDING" | "STORE_STATE_APPLIED";
/**
 * Describes the enum soma.memory.v1.StoreState.
 */
export declare const StoreStateSchema: GenEnum<StoreState, StoreStateJson>;
/**
 * LinkType says what an edge between two memories means.
 *
 * @generated from enum soma.memory.v1.LinkType
 */
export declare enum LinkType {
    /**
     * Not used.
     *
     * @generated from enum value: LINK_TYPE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The source is about the same subject as the target.
     *
     * @generated from enum value: LINK_TYPE_RELATES_TO = 1;
     */
    RELATES_TO = 1,
    /**
     * The source was derived from the target (a summary, a conclusion).
     *
     * @generated from enum value: LINK_TYPE_DERIVED_FROM = 2;
     */
    DERIVED_FROM = 2,
    /**
     * The source contradicts the target.
     *
     * @generated from enum value: LINK_TYPE_CONTRADICTS = 3;
     */
    CONTRADICTS = 3,
    /**
     * The source supports the target (evidence, a confirmation).
     *
     * @generated from enum value: LINK_TYPE_SUPPORTS = 4;
     */
    SUPPORTS = 4,
    /**
     * The source happened after the target, in one sequence of events.
     *
     * @generated from enum value: LINK_TYPE_FOLLOWS = 5;
     */
    FOLLOWS = 5
}
/**
 * LinkType says what an edge between two memories means.
 *
 * @generated from enum soma.memory.v1.LinkType
 */
export type LinkTypeJson = "LINK_TYPE_UNSPECIFIED" | "LINK_TYPE_RELATES_TO" | "LINK_TYPE_DERIVED_FROM" | "LINK_TYPE_CONTRADICTS" | "LINK_TYPE_SUPPORTS" | "LINK_TYPE_FOLLOWS";
/**
 * Describes the enum soma.memory.v1.LinkType.
 */
export declare const LinkTypeSchema: GenEnum<LinkType, LinkTypeJson>;
/**
 * LinkDirection says which edges a graph traversal follows.
 *
 * @generated from enum soma.memory.v1.LinkDirection
 */
export declare enum LinkDirection {
    /**
     * Not used; treated as LINK_DIRECTION_BOTH.
     *
     * @generated from enum value: LINK_DIRECTION_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Only edges that start at the memory being expanded.
     *
     * @generated from enum value: LINK_DIRECTION_OUTGOING = 1;
     */
    OUTGOING = 1,
    /**
     * Only edges that point to the memory being expanded.
     *
     * @generated from enum value: LINK_DIRECTION_INCOMING = 2;
     */
    INCOMING = 2,
    /**
     * Edges in either direction.
     *
     * @generated from enum value: LINK_DIRECTION_BOTH = 3;
     */
    BOTH = 3
}
/**
 * LinkDirection says which edges a graph traversal follows.
 *
 * @generated from enum soma.memory.v1.LinkDirection
 */
export type LinkDirectionJson = "LINK_DIRECTION_UNSPECIFIED" | "LINK_DIRECTION_OUTGOING" | "LINK_DIRECTION_INCOMING" | "LINK_DIRECTION_BOTH";
/**
 * Describes the enum soma.memory.v1.LinkDirection.
 */
export declare const LinkDirectionSchema: GenEnum<LinkDirection, LinkDirectionJson>;
