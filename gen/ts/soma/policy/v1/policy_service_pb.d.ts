import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { StructJson } from "@bufbuild/protobuf/wkt";
import type { Thresholds, ThresholdsJson } from "../../constitution/v1/constitution_pb.js";
import type { Action, ActionJson, Decision, DecisionJson, FiredRule, FiredRuleJson, Resource, ResourceJson, RuleFailure, RuleFailureJson, Subject, SubjectJson, WeightOverrides, WeightOverridesJson } from "./policy_pb.js";
import type { JsonObject, Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/policy/v1/policy_service.proto.
 */
export declare const file_soma_policy_v1_policy_service: GenFile;
/**
 * Request message for PolicyService.Evaluate.
 *
 * @generated from message soma.policy.v1.EvaluateRequest
 */
export type EvaluateRequest = Message<"soma.policy.v1.EvaluateRequest"> & {
    /**
     * Required. The tenant the action happens in, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. What the agent wants to do (the rules' `action`).
     *
     * @generated from field: soma.policy.v1.Action action = 2;
     */
    action?: Action | undefined;
    /**
     * Optional. Who acts (the rules' `subject`); its principal defaults to the
     * caller and its tenant to `parent`'s.
     *
     * @generated from field: soma.policy.v1.Subject subject = 3;
     */
    subject?: Subject | undefined;
    /**
     * Optional. What the action touches (the rules' `resource`).
     *
     * @generated from field: soma.policy.v1.Resource resource = 4;
     */
    resource?: Resource | undefined;
    /**
     * Optional. Anything else the caller knows (the rules' `context`), for
     * example `{"risk": 0.4}`. The service adds `client_type` (the caller's
     * `x-soma-client-type`) unless the caller sets it.
     *
     * @generated from field: google.protobuf.Struct context = 5;
     */
    context?: JsonObject | undefined;
};
/**
 * Request message for PolicyService.Evaluate.
 *
 * @generated from message soma.policy.v1.EvaluateRequest
 */
export type EvaluateRequestJson = {
    /**
     * Required. The tenant the action happens in, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. What the agent wants to do (the rules' `action`).
     *
     * @generated from field: soma.policy.v1.Action action = 2;
     */
    action?: ActionJson;
    /**
     * Optional. Who acts (the rules' `subject`); its principal defaults to the
     * caller and its tenant to `parent`'s.
     *
     * @generated from field: soma.policy.v1.Subject subject = 3;
     */
    subject?: SubjectJson;
    /**
     * Optional. What the action touches (the rules' `resource`).
     *
     * @generated from field: soma.policy.v1.Resource resource = 4;
     */
    resource?: ResourceJson;
    /**
     * Optional. Anything else the caller knows (the rules' `context`), for
     * example `{"risk": 0.4}`. The service adds `client_type` (the caller's
     * `x-soma-client-type`) unless the caller sets it.
     *
     * @generated from field: google.protobuf.Struct context = 5;
     */
    context?: StructJson;
};
/**
 * Describes the message soma.policy.v1.EvaluateRequest.
 * Use `create(EvaluateRequestSchema)` to create a new message.
 */
export declare const EvaluateRequestSchema: GenMessage<EvaluateRequest, {
    jsonType: EvaluateRequestJson;
}>;
/**
 * Response message for PolicyService.Evaluate.
 *
 * @generated from message soma.policy.v1.EvaluateResponse
 */
export type EvaluateResponse = Message<"soma.policy.v1.EvaluateResponse"> & {
    /**
     * Output only. The decision.
     *
     * @generated from field: soma.policy.v1.Decision decision = 1;
     */
    decision: Decision;
    /**
     * Output only. The sum of the weights of the rules that matched.
     *
     * @generated from field: double score = 2;
     */
    score: number;
    /**
     * Output only. The reason codes of the rules that matched, in constitution
     * order, without duplicates.
     *
     * @generated from field: repeated string reason_codes = 3;
     */
    reasonCodes: string[];
    /**
     * Output only. The rules that matched, in constitution order, with their
     * weights.
     *
     * @generated from field: repeated soma.policy.v1.FiredRule fired_rules = 4;
     */
    firedRules: FiredRule[];
    /**
     * Output only. The rules that failed to evaluate; when there is any, the
     * decision is DENY.
     *
     * @generated from field: repeated soma.policy.v1.RuleFailure rule_failures = 5;
     */
    ruleFailures: RuleFailure[];
    /**
     * Output only. The checksum of the constitution the action was evaluated
     * under.
     *
     * @generated from field: string constitution_checksum = 6;
     */
    constitutionChecksum: string;
    /**
     * Output only. That constitution's version.
     *
     * @generated from field: string constitution_version = 7;
     */
    constitutionVersion: string;
    /**
     * Output only. The thresholds the decision was taken with.
     *
     * @generated from field: soma.constitution.v1.Thresholds thresholds = 8;
     */
    thresholds?: Thresholds | undefined;
};
/**
 * Response message for PolicyService.Evaluate.
 *
 * @generated from message soma.policy.v1.EvaluateResponse
 */
export type EvaluateResponseJson = {
    /**
     * Output only. The decision.
     *
     * @generated from field: soma.policy.v1.Decision decision = 1;
     */
    decision?: DecisionJson;
    /**
     * Output only. The sum of the weights of the rules that matched.
     *
     * @generated from field: double score = 2;
     */
    score?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * Output only. The reason codes of the rules that matched, in constitution
     * order, without duplicates.
     *
     * @generated from field: repeated string reason_codes = 3;
     */
    reasonCodes?: string[];
    /**
     * Output only. The rules that matched, in constitution order, with their
     * weights.
     *
     * @generated from field: repeated soma.policy.v1.FiredRule fired_rules = 4;
     */
    firedRules?: FiredRuleJson[];
    /**
     * Output only. The rules that failed to evaluate; when there is any, the
     * decision is DENY.
     *
     * @generated from field: repeated soma.policy.v1.RuleFailure rule_failures = 5;
     */
    ruleFailures?: RuleFailureJson[];
    /**
     * Output only. The checksum of the constitution the action was evaluated
     * under.
     *
     * @generated from field: string constitution_checksum = 6;
     */
    constitutionChecksum?: string;
    /**
     * Output only. That constitution's version.
     *
     * @generated from field: string constitution_version = 7;
     */
    constitutionVersion?: string;
    /**
     * Output only. The thresholds the decision was taken with.
     *
     * @generated from field: soma.constitution.v1.Thresholds thresholds = 8;
     */
    thresholds?: ThresholdsJson;
};
/**
 * Describes the message soma.policy.v1.EvaluateResponse.
 * Use `create(EvaluateResponseSchema)` to create a new message.
 */
export declare const EvaluateResponseSchema: GenMessage<EvaluateResponse, {
    jsonType: EvaluateResponseJson;
}>;
/**
 * Request message for PolicyService.GetWeightOverrides.
 *
 * @generated from message soma.policy.v1.GetWeightOverridesRequest
 */
export type GetWeightOverridesRequest = Message<"soma.policy.v1.GetWeightOverridesRequest"> & {
    /**
     * Required. The overrides, `tenants/{tenant}/policy/weights`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for PolicyService.GetWeightOverrides.
 *
 * @generated from message soma.policy.v1.GetWeightOverridesRequest
 */
export type GetWeightOverridesRequestJson = {
    /**
     * Required. The overrides, `tenants/{tenant}/policy/weights`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.policy.v1.GetWeightOverridesRequest.
 * Use `create(GetWeightOverridesRequestSchema)` to create a new message.
 */
export declare const GetWeightOverridesRequestSchema: GenMessage<GetWeightOverridesRequest, {
    jsonType: GetWeightOverridesRequestJson;
}>;
/**
 * Response message for PolicyService.GetWeightOverrides.
 *
 * @generated from message soma.policy.v1.GetWeightOverridesResponse
 */
export type GetWeightOverridesResponse = Message<"soma.policy.v1.GetWeightOverridesResponse"> & {
    /**
     * The tenant's overrides.
     *
     * @generated from field: soma.policy.v1.WeightOverrides weight_overrides = 1;
     */
    weightOverrides?: WeightOverrides | undefined;
};
/**
 * Response message for PolicyService.GetWeightOverrides.
 *
 * @generated from message soma.policy.v1.GetWeightOverridesResponse
 */
export type GetWeightOverridesResponseJson = {
    /**
     * The tenant's overrides.
     *
     * @generated from field: soma.policy.v1.WeightOverrides weight_overrides = 1;
     */
    weightOverrides?: WeightOverridesJson;
};
/**
 * Describes the message soma.policy.v1.GetWeightOverridesResponse.
 * Use `create(GetWeightOverridesResponseSchema)` to create a new message.
 */
export declare const GetWeightOverridesResponseSchema: GenMessage<GetWeightOverridesResponse, {
    jsonType: GetWeightOverridesResponseJson;
}>;
/**
 * Request message for PolicyService.SetWeightOverrides.
 *
 * @generated from message soma.policy.v1.SetWeightOverridesRequest
 */
export type SetWeightOverridesRequest = Message<"soma.policy.v1.SetWeightOverridesRequest"> & {
    /**
     * Required. The overrides, `tenants/{tenant}/policy/weights`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. The new weight of each overridden rule, by rule id (1 to 63
     * lowercase letters, digits, dots, underscores and hyphens, starting with
     * a letter or digit); at most 500 entries, each weight finite and between
     * -1000 and 1000.
     *
     * @generated from field: map<string, double> weights = 2;
     */
    weights: {
        [key: string]: number;
    };
};
/**
 * Request message for PolicyService.SetWeightOverrides.
 *
 * @generated from message soma.policy.v1.SetWeightOverridesRequest
 */
export type SetWeightOverridesRequestJson = {
    /**
     * Required. The overrides, `tenants/{tenant}/policy/weights`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. The new weight of each overridden rule, by rule id (1 to 63
     * lowercase letters, digits, dots, underscores and hyphens, starting with
     * a letter or digit); at most 500 entries, each weight finite and between
     * -1000 and 1000.
     *
     * @generated from field: map<string, double> weights = 2;
     */
    weights?: {
        [key: string]: number | "NaN" | "Infinity" | "-Infinity";
    };
};
/**
 * Describes the message soma.policy.v1.SetWeightOverridesRequest.
 * Use `create(SetWeightOverridesRequestSchema)` to create a new message.
 */
export declare const SetWeightOverridesRequestSchema: GenMessage<SetWeightOverridesRequest, {
    jsonType: SetWeightOverridesRequestJson;
}>;
/**
 * Response message for PolicyService.SetWeightOverrides.
 *
 * @generated from message soma.policy.v1.SetWeightOverridesResponse
 */
export type SetWeightOverridesResponse = Message<"soma.policy.v1.SetWeightOverridesResponse"> & {
    /**
     * The tenant's overrides as stored.
     *
     * @generated from field: soma.policy.v1.WeightOverrides weight_overrides = 1;
     */
    weightOverrides?: WeightOverrides | undefined;
};
/**
 * Response message for PolicyService.SetWeightOverrides.
 *
 * @generated from message soma.policy.v1.SetWeightOverridesResponse
 */
export type SetWeightOverridesResponseJson = {
    /**
     * The tenant's overrides as stored.
     *
     * @generated from field: soma.policy.v1.WeightOverrides weight_overrides = 1;
     */
    weightOverrides?: WeightOverridesJson;
};
/**
 * Describes the message soma.policy.v1.SetWeightOverridesResponse.
 * Use `create(SetWeightOverridesResponseSchema)` to create a new message.
 */
export declare const SetWeightOverridesResponseSchema: GenMessage<SetWeightOverridesResponse, {
    jsonType: SetWeightOverridesResponseJson;
}>;
/**
 * PolicyService scores what agents want to do against the active
 * constitution's rules and decides whether they may, and keeps each tenant's
 * weight overrides, named `tenants/{tenant}/policy/weights`. Errors carry
 * `google.rpc.ErrorInfo` with a reason from `soma.common.v1.ErrorReason`.
 *
 * @generated from service soma.policy.v1.PolicyService
 */
export declare const PolicyService: GenService<{
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
     * @generated from rpc soma.policy.v1.PolicyService.Evaluate
     */
    evaluate: {
        methodKind: "unary";
        input: typeof EvaluateRequestSchema;
        output: typeof EvaluateResponseSchema;
    };
    /**
     * Returns a tenant's weight overrides; empty before they are first set.
     * Fails with INVALID_ARGUMENT (FIELD_INVALID) on a malformed name.
     *
     * @generated from rpc soma.policy.v1.PolicyService.GetWeightOverrides
     */
    getWeightOverrides: {
        methodKind: "unary";
        input: typeof GetWeightOverridesRequestSchema;
        output: typeof GetWeightOverridesResponseSchema;
    };
    /**
     * Replaces a tenant's weight overrides with the given set (an empty set
     * removes them all); the next Evaluate of the tenant uses them. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) on a malformed name, rule id or weight.
     *
     * @generated from rpc soma.policy.v1.PolicyService.SetWeightOverrides
     */
    setWeightOverrides: {
        methodKind: "unary";
        input: typeof SetWeightOverridesRequestSchema;
        output: typeof SetWeightOverridesResponseSchema;
    };
}>;
