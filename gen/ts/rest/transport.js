// Calls the mesh's REST surface (Envoy's JSON transcoding of the contracts) with protobuf JSON mapping.
// Hand-written; scripts/codegen.sh compiles it into gen/ts/rest/. The per-RPC bindings it is driven by are
// generated from the google.api.http rules of the contracts (gen/ts/soma/**/*_rest.js).
import { create, fromJson, toJson } from "@bufbuild/protobuf";
import { registry as meshRegistry } from "../registry.js";
import { CONTRACT_VERSION } from "../version.js";
import { Code, SomaRestError, errorFromResponse } from "./errors.js";
/** Sent on every call: the contract version this package was generated from. */
export const CONTRACT_VERSION_HEADER = "x-soma-contract-version";
/** Sent on every call: what kind of client calls (the runtime knows ui, cli, ide, sdk, service, desktop). */
export const CLIENT_TYPE_HEADER = "x-soma-client-type";
/** Answered when the client's contract version is below the mesh's recommended one. */
export const CONTRACT_WARNING_HEADER = "x-soma-contract-warning";
export const REQUEST_ID_HEADER = "x-request-id";
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
/** Client-side refusals: the request cannot be expressed on the REST surface. */
function invalid(method, message) {
    return new SomaRestError({ code: Code.INVALID_ARGUMENT, message: `${method.name}: ${message}`, method: method.name });
}
function patternRegExp(pattern) {
    const parts = pattern.split("/").map((part) => {
        if (part === "**")
            return ".+";
        if (part === "*")
            return "[^/]+";
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    return new RegExp(`^${parts.join("/")}$`);
}
const patterns = new Map();
function matches(pattern, value) {
    let regexp = patterns.get(pattern);
    if (regexp === undefined) {
        regexp = patternRegExp(pattern);
        patterns.set(pattern, regexp);
    }
    return regexp.test(value);
}
/** Removes `path` from `json` and returns what was there. */
function take(json, path) {
    let node = json;
    for (const key of path.slice(0, -1)) {
        const next = node[key];
        if (!isObject(next))
            return undefined;
        node = next;
    }
    const last = path[path.length - 1];
    const value = node[last];
    delete node[last];
    return value;
}
function queryPairs(prefix, value, out, method) {
    if (value === null)
        return;
    if (Array.isArray(value)) {
        for (const item of value) {
            if (isObject(item) || Array.isArray(item)) {
                throw invalid(method, `field ${prefix} is a list of messages, which a query string cannot carry`);
            }
            queryPairs(prefix, item, out, method);
        }
        return;
    }
    if (isObject(value)) {
        for (const [key, inner] of Object.entries(value)) {
            queryPairs(prefix ? `${prefix}.${key}` : key, inner, out, method);
        }
        return;
    }
    out.push([prefix, String(value)]);
}
/** The path, query and body of a request under its binding. */
export function encodeRequest(method, json) {
    let path = "";
    for (const segment of method.http.path) {
        if (typeof segment === "string") {
            path += segment;
            continue;
        }
        const name = segment.field.join(".");
        const value = take(json, segment.field);
        if (value === undefined || value === null || value === "") {
            throw invalid(method, `field ${name} is required: it is part of the path ${segment.pattern}`);
        }
        if (isObject(value) || Array.isArray(value)) {
            throw invalid(method, `field ${name} must be a single value to fill the path`);
        }
        const text = String(value);
        if (!matches(segment.pattern, text)) {
            throw invalid(method, `field ${name} must match ${segment.pattern}, got ${JSON.stringify(text)}`);
        }
        path += text.split("/").map(encodeURIComponent).join("/");
    }
    let body;
    let rest = json;
    if (method.http.body === "*") {
        body = JSON.stringify(json);
        rest = {};
    }
    else if (method.http.body !== "") {
        const value = take(json, [method.http.body]);
        body = JSON.stringify(value ?? {});
    }
    const pairs = [];
    queryPairs("", rest, pairs, method);
    const query = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
    return { path, query, body };
}
function abortReason(signal) {
    return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}
/** Sends REST calls to one mesh. One transport serves any number of service clients. */
export class RestTransport {
    baseUrl;
    registry;
    options;
    fetchImpl;
    constructor(options) {
        this.options = options;
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
        this.registry = options.registry ?? meshRegistry;
        const fetchImpl = options.fetch ?? globalThis.fetch;
        if (typeof fetchImpl !== "function") {
            throw new TypeError("RestTransport needs fetch: pass options.fetch where there is no global fetch");
        }
        // Called as a plain function: a browser's fetch called as a method of another object throws
        // "Illegal invocation".
        this.fetchImpl = (input, init) => fetchImpl(input, init);
    }
    /** Calls a unary RPC. Rejects with SomaRestError, or with the signal's reason when aborted. */
    async unary(method, request, options = {}) {
        const response = await this.send(method, request, options, options.signal);
        const requestId = response.headers.get(REQUEST_ID_HEADER) ?? "";
        let text;
        try {
            text = await response.text();
        }
        catch (cause) {
            if (options.signal?.aborted)
                throw abortReason(options.signal);
            throw this.networkError(method, cause, requestId);
        }
        if (!response.ok) {
            throw errorFromResponse(response.status, text, this.registry, { method: method.name, requestId });
        }
        return this.decode(method, text, response.status, requestId);
    }
    /**
     * Calls a server-streaming RPC: one response message per line of newline-delimited JSON. The iterable ends when
     * the server ends the stream or `options.signal` aborts; breaking out of `for await` cancels the call. A refused
     * call throws SomaRestError on the first `next()`.
     */
    async *stream(method, request, options = {}) {
        const outer = options.signal;
        if (outer?.aborted)
            return;
        const controller = new AbortController();
        const onAbort = () => controller.abort(outer?.reason);
        outer?.addEventListener("abort", onAbort, { once: true });
        try {
            let response;
            try {
                response = await this.send(method, request, options, controller.signal);
            }
            catch (error) {
                if (controller.signal.aborted)
                    return;
                throw error;
            }
            const requestId = response.headers.get(REQUEST_ID_HEADER) ?? "";
            if (!response.ok) {
                const text = await response.text().catch(() => "");
                throw errorFromResponse(response.status, text, this.registry, { method: method.name, requestId });
            }
            if (response.body === null)
                return;
            const reader = response.body.getReader();
            const decoder = new TextDecoder();
            let buffer = "";
            for (;;) {
                let chunk;
                try {
                    chunk = await reader.read();
                }
                catch (cause) {
                    if (controller.signal.aborted)
                        return;
                    throw this.networkError(method, cause, requestId);
                }
                if (chunk.done)
                    break;
                buffer += decoder.decode(chunk.value, { stream: true });
                for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
                    const line = buffer.slice(0, end).trim();
                    buffer = buffer.slice(end + 1);
                    if (line)
                        yield this.decodeLine(method, line, requestId);
                }
            }
            const tail = (buffer + decoder.decode()).trim();
            if (tail)
                yield this.decodeLine(method, tail, requestId);
        }
        finally {
            outer?.removeEventListener("abort", onAbort);
            // Ends the HTTP exchange when the consumer stops early; a no-op after the stream ended.
            controller.abort();
        }
    }
    async headers(options, hasBody) {
        const headers = {
            accept: "application/json",
            [CONTRACT_VERSION_HEADER]: CONTRACT_VERSION,
            [CLIENT_TYPE_HEADER]: this.options.clientType ?? "desktop",
        };
        if (hasBody)
            headers["content-type"] = "application/json";
        const source = this.options.token;
        const token = typeof source === "function" ? await source() : source;
        if (token)
            headers.authorization = `Bearer ${token}`;
        return { ...headers, ...this.options.headers, ...options.headers };
    }
    async send(method, request, options, signal) {
        let json;
        try {
            json = toJson(method.input, create(method.input, request), { registry: this.registry });
        }
        catch (cause) {
            throw new SomaRestError({
                code: Code.INVALID_ARGUMENT,
                message: `${method.name}: the request cannot be written as JSON: ${String(cause)}`,
                method: method.name,
                cause,
            });
        }
        const { path, query, body } = encodeRequest(method, isObject(json) ? json : {});
        const url = `${this.baseUrl}${path}${query ? `?${query}` : ""}`;
        const init = {
            method: method.http.verb,
            headers: await this.headers(options, body !== undefined),
            body,
            signal,
        };
        let response;
        try {
            response = await this.fetchImpl(url, init);
        }
        catch (cause) {
            if (signal?.aborted)
                throw abortReason(signal);
            throw this.networkError(method, cause, "");
        }
        const warning = response.headers.get(CONTRACT_WARNING_HEADER);
        if (warning && this.options.onContractWarning)
            this.options.onContractWarning(warning);
        return response;
    }
    networkError(method, cause, requestId) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        return new SomaRestError({
            code: Code.UNAVAILABLE,
            message: `${method.name}: no answer from ${this.baseUrl || "the page's origin"}: ${reason}`,
            method: method.name,
            requestId,
            cause,
        });
    }
    decode(method, text, status, requestId) {
        try {
            // Clients ignore fields and enum values newer than their contract version.
            return fromJson(method.output, text.trim() ? JSON.parse(text) : {}, {
                registry: this.registry,
                ignoreUnknownFields: true,
            });
        }
        catch (cause) {
            throw new SomaRestError({
                code: Code.INTERNAL,
                message: `${method.name}: the answer is not a ${method.output.typeName} in JSON: ${String(cause)}`,
                httpStatus: status,
                method: method.name,
                requestId,
                cause,
            });
        }
    }
    decodeLine(method, line, requestId) {
        return this.decode(method, line, 200, requestId);
    }
}
/** A transport from options, or the transport itself. */
export function transportOf(target) {
    return target instanceof RestTransport ? target : new RestTransport(target);
}
