import type { DescMessage, JsonValue, Message, MessageShape, Registry } from "@bufbuild/protobuf";
import { Code } from "../google/rpc/code_pb.js";
import { type BadRequest, type ErrorInfo, type PreconditionFailure, type ResourceInfo, type RetryInfo } from "../google/rpc/error_details_pb.js";
export { Code };
/** The google.rpc.Code a bare HTTP status stands for, when the body carries no google.rpc.Status. */
export declare function codeOfHttpStatus(status: number): Code;
/** One BadRequest field violation, flattened. */
export interface FieldViolation {
    /** The request field, as a path such as `tenant.displayName` (what the service named). */
    readonly field: string;
    readonly description: string;
    /** The ErrorReason of this violation, when the service gave one. */
    readonly reason: string;
}
/** What a SomaRestError is built from. */
export interface SomaRestErrorInit {
    readonly code: Code;
    readonly message: string;
    /** Details decoded into their message types (ErrorInfo, BadRequest, ...). */
    readonly details?: readonly Message[];
    /** Details whose type this package does not know, as the JSON the server sent. */
    readonly undecodedDetails?: readonly JsonValue[];
    /** The HTTP status; 0 when no HTTP answer arrived (network failure) or the error was found before sending. */
    readonly httpStatus?: number;
    /** The RPC, e.g. `soma.identity.v1.IdentityService.GetTenant`. */
    readonly method?: string;
    /** The `x-request-id` of the failed call, to find it in the mesh's logs. */
    readonly requestId?: string;
    readonly cause?: unknown;
}
/**
 * A failed call. Every failure of the REST client is one of these: an error the mesh answered (a google.rpc.Status,
 * `httpStatus` > 0), a network failure (`code` UNAVAILABLE, `httpStatus` 0, `cause` the fetch error), or a request
 * the client refused to send (`code` INVALID_ARGUMENT, `httpStatus` 0). An aborted call is not an error of this
 * class: it rejects with the signal's AbortError, as fetch does, and a stream just ends.
 */
export declare class SomaRestError extends Error {
    readonly name = "SomaRestError";
    /** The google.rpc.Code number. */
    readonly code: Code;
    readonly details: readonly Message[];
    readonly undecodedDetails: readonly JsonValue[];
    readonly httpStatus: number;
    readonly method: string;
    readonly requestId: string;
    constructor(init: SomaRestErrorInit);
    /** The name of the code, e.g. `NOT_FOUND`. */
    get codeName(): string;
    /** True when no HTTP answer arrived: the mesh is down or unreachable. */
    get isNetworkError(): boolean;
    /** The first detail of a type, e.g. `error.detail(RetryInfoSchema)`. */
    detail<Desc extends DescMessage>(schema: Desc): MessageShape<Desc> | undefined;
    get errorInfo(): ErrorInfo | undefined;
    /** ErrorInfo's reason, e.g. `TENANT_NOT_FOUND`; "" when the error carries none. */
    get reason(): string;
    /** ErrorInfo's domain, e.g. `identity`; "" when the error carries none. */
    get domain(): string;
    /** ErrorInfo's metadata (lowerCamelCase keys, e.g. `currentEtag`); empty when the error carries none. */
    get metadata(): Readonly<Record<string, string>>;
    get badRequest(): BadRequest | undefined;
    /** Every BadRequest field violation of the error. */
    get fieldViolations(): readonly FieldViolation[];
    get retryInfo(): RetryInfo | undefined;
    get resourceInfo(): ResourceInfo | undefined;
    get preconditionFailure(): PreconditionFailure | undefined;
}
/** Whether a value is a SomaRestError (also across copies of this package). */
export declare function isSomaRestError(value: unknown): value is SomaRestError;
/**
 * The error of a non-2xx answer. Its body is a google.rpc.Status in JSON (the mesh renders every REST error so,
 * Envoy's own included); anything else, e.g. from a proxy in between, gets the code of its HTTP status.
 */
export declare function errorFromResponse(httpStatus: number, body: string, registry: Registry, context: {
    method: string;
    requestId: string;
}): SomaRestError;
