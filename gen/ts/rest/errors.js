// The typed error of every REST call: a google.rpc.Status, details decoded.
// Hand-written; scripts/codegen.sh compiles it into gen/ts/rest/.
import { fromJson, isMessage } from "@bufbuild/protobuf";
import { AnySchema, anyUnpack } from "@bufbuild/protobuf/wkt";
import { Code } from "../google/rpc/code_pb.js";
import { BadRequestSchema, ErrorInfoSchema, PreconditionFailureSchema, ResourceInfoSchema, RetryInfoSchema, } from "../google/rpc/error_details_pb.js";
export { Code };
/** The google.rpc.Code of each HTTP status Envoy and the services answer with (google/rpc/code.proto's mapping). */
const CODE_OF_HTTP_STATUS = {
    400: Code.INVALID_ARGUMENT,
    401: Code.UNAUTHENTICATED,
    403: Code.PERMISSION_DENIED,
    404: Code.NOT_FOUND,
    408: Code.DEADLINE_EXCEEDED,
    409: Code.ABORTED,
    412: Code.FAILED_PRECONDITION,
    413: Code.RESOURCE_EXHAUSTED,
    429: Code.RESOURCE_EXHAUSTED,
    499: Code.CANCELLED,
    500: Code.INTERNAL,
    501: Code.UNIMPLEMENTED,
    502: Code.UNAVAILABLE,
    503: Code.UNAVAILABLE,
    504: Code.DEADLINE_EXCEEDED,
};
/** The google.rpc.Code a bare HTTP status stands for, when the body carries no google.rpc.Status. */
export function codeOfHttpStatus(status) {
    return CODE_OF_HTTP_STATUS[status] ?? Code.UNKNOWN;
}
/**
 * A failed call. Every failure of the REST client is one of these: an error the mesh answered (a google.rpc.Status,
 * `httpStatus` > 0), a network failure (`code` UNAVAILABLE, `httpStatus` 0, `cause` the fetch error), or a request
 * the client refused to send (`code` INVALID_ARGUMENT, `httpStatus` 0). An aborted call is not an error of this
 * class: it rejects with the signal's AbortError, as fetch does, and a stream just ends.
 */
export class SomaRestError extends Error {
    name = "SomaRestError";
    /** The google.rpc.Code number. */
    code;
    details;
    undecodedDetails;
    httpStatus;
    method;
    requestId;
    constructor(init) {
        // `message` is the google.rpc.Status message as the server wrote it; `codeName` names the code.
        super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
        this.code = init.code;
        this.details = init.details ?? [];
        this.undecodedDetails = init.undecodedDetails ?? [];
        this.httpStatus = init.httpStatus ?? 0;
        this.method = init.method ?? "";
        this.requestId = init.requestId ?? "";
    }
    /** The name of the code, e.g. `NOT_FOUND`. */
    get codeName() {
        return Code[this.code] ?? `CODE_${this.code}`;
    }
    /** True when no HTTP answer arrived: the mesh is down or unreachable. */
    get isNetworkError() {
        return this.httpStatus === 0 && this.code === Code.UNAVAILABLE;
    }
    /** The first detail of a type, e.g. `error.detail(RetryInfoSchema)`. */
    detail(schema) {
        return this.details.find((detail) => detail.$typeName === schema.typeName);
    }
    get errorInfo() {
        return this.detail(ErrorInfoSchema);
    }
    /** ErrorInfo's reason, e.g. `TENANT_NOT_FOUND`; "" when the error carries none. */
    get reason() {
        return this.errorInfo?.reason ?? "";
    }
    /** ErrorInfo's domain, e.g. `identity`; "" when the error carries none. */
    get domain() {
        return this.errorInfo?.domain ?? "";
    }
    /** ErrorInfo's metadata (lowerCamelCase keys, e.g. `currentEtag`); empty when the error carries none. */
    get metadata() {
        return this.errorInfo?.metadata ?? {};
    }
    get badRequest() {
        return this.detail(BadRequestSchema);
    }
    /** Every BadRequest field violation of the error. */
    get fieldViolations() {
        return this.details
            .filter((detail) => detail.$typeName === BadRequestSchema.typeName)
            .flatMap((detail) => detail.fieldViolations.map((v) => ({ field: v.field, description: v.description, reason: v.reason })));
    }
    get retryInfo() {
        return this.detail(RetryInfoSchema);
    }
    get resourceInfo() {
        return this.detail(ResourceInfoSchema);
    }
    get preconditionFailure() {
        return this.detail(PreconditionFailureSchema);
    }
}
/** Whether a value is a SomaRestError (also across copies of this package). */
export function isSomaRestError(value) {
    return value instanceof SomaRestError || (value instanceof Error && value.name === "SomaRestError");
}
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
/**
 * The error of a non-2xx answer. Its body is a google.rpc.Status in JSON (the mesh renders every REST error so,
 * Envoy's own included); anything else, e.g. from a proxy in between, gets the code of its HTTP status.
 */
export function errorFromResponse(httpStatus, body, registry, context) {
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        parsed = undefined;
    }
    if (!isObject(parsed) || (typeof parsed.code !== "number" && typeof parsed.message !== "string")) {
        const text = body.trim().slice(0, 500);
        return new SomaRestError({
            code: codeOfHttpStatus(httpStatus),
            message: text || `HTTP ${httpStatus}`,
            httpStatus,
            ...context,
        });
    }
    const details = [];
    const undecoded = [];
    for (const raw of Array.isArray(parsed.details) ? parsed.details : []) {
        const message = decodeDetail(raw, registry);
        if (message) {
            details.push(message);
        }
        else {
            undecoded.push(raw);
        }
    }
    return new SomaRestError({
        code: typeof parsed.code === "number" && parsed.code > 0 ? parsed.code : codeOfHttpStatus(httpStatus),
        message: typeof parsed.message === "string" ? parsed.message : "",
        details,
        undecodedDetails: undecoded,
        httpStatus,
        ...context,
    });
}
function decodeDetail(raw, registry) {
    try {
        const any = fromJson(AnySchema, raw, { registry, ignoreUnknownFields: true });
        const message = anyUnpack(any, registry);
        return message && isMessage(message) ? message : undefined;
    }
    catch {
        return undefined;
    }
}
