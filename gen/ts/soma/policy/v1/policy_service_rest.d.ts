import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { EvaluateRequestSchema, EvaluateResponseSchema, GetWeightOverridesRequestSchema, GetWeightOverridesResponseSchema, SetWeightOverridesRequestSchema, SetWeightOverridesResponseSchema } from "./policy_service_pb.js";
/**
 * REST bindings of soma.policy.v1.PolicyService, from the google.api.http rules of its RPCs.
 */
export declare const PolicyServiceRest: {
    readonly evaluate: {
        readonly name: "soma.policy.v1.PolicyService.Evaluate";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").EvaluateRequest, {
            jsonType: import("./policy_service_pb.js").EvaluateRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").EvaluateResponse, {
            jsonType: import("./policy_service_pb.js").EvaluateResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/policy:evaluate"];
            readonly body: "*";
        };
    };
    readonly getWeightOverrides: {
        readonly name: "soma.policy.v1.PolicyService.GetWeightOverrides";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").GetWeightOverridesRequest, {
            jsonType: import("./policy_service_pb.js").GetWeightOverridesRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").GetWeightOverridesResponse, {
            jsonType: import("./policy_service_pb.js").GetWeightOverridesResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/policy/weights";
            }];
            readonly body: "";
        };
    };
    readonly setWeightOverrides: {
        readonly name: "soma.policy.v1.PolicyService.SetWeightOverrides";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").SetWeightOverridesRequest, {
            jsonType: import("./policy_service_pb.js").SetWeightOverridesRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").SetWeightOverridesResponse, {
            jsonType: import("./policy_service_pb.js").SetWeightOverridesResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "PUT";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/policy/weights";
            }];
            readonly body: "*";
        };
    };
};
/**
 * PolicyService scores what agents want to do against the active
 * constitution's rules and decides whether they may, and keeps each tenant's
 * weight overrides, named `tenants/{tenant}/policy/weights`. Errors carry
 * `google.rpc.ErrorInfo` with a reason from `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.policy.v1.PolicyService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class PolicyServiceClient {
    static readonly serviceName = "soma.policy.v1.PolicyService";
    static readonly methods: {
        readonly evaluate: {
            readonly name: "soma.policy.v1.PolicyService.Evaluate";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").EvaluateRequest, {
                jsonType: import("./policy_service_pb.js").EvaluateRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").EvaluateResponse, {
                jsonType: import("./policy_service_pb.js").EvaluateResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/policy:evaluate"];
                readonly body: "*";
            };
        };
        readonly getWeightOverrides: {
            readonly name: "soma.policy.v1.PolicyService.GetWeightOverrides";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").GetWeightOverridesRequest, {
                jsonType: import("./policy_service_pb.js").GetWeightOverridesRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").GetWeightOverridesResponse, {
                jsonType: import("./policy_service_pb.js").GetWeightOverridesResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/policy/weights";
                }];
                readonly body: "";
            };
        };
        readonly setWeightOverrides: {
            readonly name: "soma.policy.v1.PolicyService.SetWeightOverrides";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").SetWeightOverridesRequest, {
                jsonType: import("./policy_service_pb.js").SetWeightOverridesRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./policy_service_pb.js").SetWeightOverridesResponse, {
                jsonType: import("./policy_service_pb.js").SetWeightOverridesResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "PUT";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/policy/weights";
                }];
                readonly body: "*";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Evaluates an action: every rule of the active constitution runs on the
     * action, subject, resource and context; the score is the sum of the
     * weights of the rules that match (the tenant's overrides replacing the
     * constitution's weights), and the constitution's thresholds turn it into
     * a decision. A rule that fails to evaluate makes the decision DENY and is
     * named in `rule_failures`. When the request's `x-soma-constitution`
     * header names a checksum, the service evaluates under the active
     * constitution only if it has that checksum. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a bad action, subject or resource, and
     * FAILED_PRECONDITION (CONSTITUTION_NOT_FOUND) when no constitution is
     * active, or (CONSTITUTION_CHECKSUM_MISMATCH) when the header names
     * another checksum than the active one's; UNAVAILABLE (SERVICE_UNAVAILABLE)
     * when the constitution service cannot be reached.
     *
     * `POST /v1/{parent=tenants/*}/policy:evaluate` (body: `*`)
     */
    evaluate(request: MessageInitShape<typeof EvaluateRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof EvaluateResponseSchema>>;
    /**
     * Returns a tenant's weight overrides; empty before they are first set.
     * Fails with INVALID_ARGUMENT (FIELD_INVALID) on a malformed name.
     *
     * `GET /v1/{name=tenants/*\/policy/weights}`
     */
    getWeightOverrides(request: MessageInitShape<typeof GetWeightOverridesRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetWeightOverridesResponseSchema>>;
    /**
     * Replaces a tenant's weight overrides with the given set (an empty set
     * removes them all); the next Evaluate of the tenant uses them. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) on a malformed name, rule id or weight.
     *
     * `PUT /v1/{name=tenants/*\/policy/weights}` (body: `*`)
     */
    setWeightOverrides(request: MessageInitShape<typeof SetWeightOverridesRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof SetWeightOverridesResponseSchema>>;
}
