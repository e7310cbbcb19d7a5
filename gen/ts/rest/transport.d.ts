import type { DescMessage, JsonObject, MessageInitShape, MessageShape, Registry } from "@bufbuild/protobuf";
/** Sent on every call: the contract version this package was generated from. */
export declare const CONTRACT_VERSION_HEADER = "x-soma-contract-version";
/** Sent on every call: what kind of client calls (the runtime knows ui, cli, ide, sdk, service, desktop). */
export declare const CLIENT_TYPE_HEADER = "x-soma-client-type";
/** Answered when the client's contract version is below the mesh's recommended one. */
export declare const CONTRACT_WARNING_HEADER = "x-soma-contract-warning";
export declare const REQUEST_ID_HEADER = "x-request-id";
/** A piece of a path template: literal text, or a request field (JSON names) whose value must match `pattern`. */
export type PathSegment = string | {
    readonly field: readonly string[];
    readonly pattern: string;
};
/** One google.api.http rule, parsed at generation time. */
export interface HttpBinding {
    readonly verb: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    readonly path: readonly PathSegment[];
    /** "" (no body: remaining fields go to the query), "*" (every field not in the path), or a field's JSON name. */
    readonly body: string;
}
/** One RPC as the REST client calls it. */
export interface RestMethod<I extends DescMessage = DescMessage, O extends DescMessage = DescMessage> {
    /** The full name, e.g. `soma.identity.v1.IdentityService.GetTenant`. */
    readonly name: string;
    readonly input: I;
    readonly output: O;
    /** Server-streaming RPCs answer newline-delimited JSON, one response message a line. */
    readonly serverStreaming: boolean;
    readonly http: HttpBinding;
}
/** The bearer token of a call; called before every call, so it may refresh. Nothing (or "") sends no token. */
export type TokenProvider = () => string | null | undefined | Promise<string | null | undefined>;
export interface TransportOptions {
    /** Where Envoy listens, e.g. `http://127.0.0.1:8080`; "" for the page's own origin. */
    readonly baseUrl: string;
    readonly token?: TokenProvider | string;
    /** `x-soma-client-type`; `desktop` when unset. */
    readonly clientType?: string;
    /** Headers for every call (per-call headers win). */
    readonly headers?: Readonly<Record<string, string>>;
    /** The fetch to use; the global one when unset. */
    readonly fetch?: typeof globalThis.fetch;
    /** Called with `x-soma-contract-warning` when the mesh says this client's contract version is outdated. */
    readonly onContractWarning?: (warning: string) => void;
    /** Types for `google.protobuf.Any` fields and error details; every type of the contracts when unset. */
    readonly registry?: Registry;
}
export interface CallOptions {
    /** Aborts the call: a unary call rejects with the signal's reason, a stream ends. */
    readonly signal?: AbortSignal;
    /** Extra headers for this call, e.g. `x-soma-constitution` on StartSession. */
    readonly headers?: Readonly<Record<string, string>>;
}
/** The path, query and body of a request under its binding. */
export declare function encodeRequest(method: RestMethod, json: JsonObject): {
    readonly path: string;
    readonly query: string;
    readonly body: string | undefined;
};
/** Sends REST calls to one mesh. One transport serves any number of service clients. */
export declare class RestTransport {
    readonly baseUrl: string;
    readonly registry: Registry;
    private readonly options;
    private readonly fetchImpl;
    constructor(options: TransportOptions);
    /** Calls a unary RPC. Rejects with SomaRestError, or with the signal's reason when aborted. */
    unary<I extends DescMessage, O extends DescMessage>(method: RestMethod<I, O>, request: MessageInitShape<I>, options?: CallOptions): Promise<MessageShape<O>>;
    /**
     * Calls a server-streaming RPC: one response message per line of newline-delimited JSON. The iterable ends when
     * the server ends the stream or `options.signal` aborts; breaking out of `for await` cancels the call. A refused
     * call throws SomaRestError on the first `next()`.
     */
    stream<I extends DescMessage, O extends DescMessage>(method: RestMethod<I, O>, request: MessageInitShape<I>, options?: CallOptions): AsyncGenerator<MessageShape<O>, void, undefined>;
    private headers;
    private send;
    private networkError;
    private decode;
    private decodeLine;
}
/** A transport from options, or the transport itself. */
export declare function transportOf(target: RestTransport | TransportOptions): RestTransport;
