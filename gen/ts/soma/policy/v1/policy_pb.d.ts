import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { StructJson, Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { JsonObject, Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/policy/v1/policy.proto.
 */
export declare const file_soma_policy_v1_policy: GenFile;
/**
 * Action is what an agent wants to do. The policy engine exposes it to the
 * constitution's rules as the CEL variable `action`, a map with the keys
 * `name`, `tool` and `arguments`.
 *
 * @generated from message soma.policy.v1.Action
 */
export type Action = Message<"soma.policy.v1.Action"> & {
    /**
     * Required. What the action is, for example `memory.delete` or
     * `tool.invoke`; 1 to 200 characters.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. The tool the action uses, for example `shell`; at most 200
     * characters.
     *
     * @generated from field: string tool = 2;
     */
    tool: string;
    /**
     * Optional. The action's arguments, as the agent would pass them.
     *
     * @generated from field: google.protobuf.Struct arguments = 3;
     */
    arguments?: JsonObject | undefined;
};
/**
 * Action is what an agent wants to do. The policy engine exposes it to the
 * constitution's rules as the CEL variable `action`, a map with the keys
 * `name`, `tool` and `arguments`.
 *
 * @generated from message soma.policy.v1.Action
 */
export type ActionJson = {
    /**
     * Required. What the action is, for example `memory.delete` or
     * `tool.invoke`; 1 to 200 characters.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. The tool the action uses, for example `shell`; at most 200
     * characters.
     *
     * @generated from field: string tool = 2;
     */
    tool?: string;
    /**
     * Optional. The action's arguments, as the agent would pass them.
     *
     * @generated from field: google.protobuf.Struct arguments = 3;
     */
    arguments?: StructJson;
};
/**
 * Describes the message soma.policy.v1.Action.
 * Use `create(ActionSchema)` to create a new message.
 */
export declare const ActionSchema: GenMessage<Action, {
    jsonType: ActionJson;
}>;
/**
 * Subject is who acts. The policy engine exposes it to the rules as the CEL
 * variable `subject`, a map with the keys `principal`, `tenant`, `roles` and
 * `capabilities`.
 *
 * @generated from message soma.policy.v1.Subject
 */
export type Subject = Message<"soma.policy.v1.Subject"> & {
    /**
     * Optional. The acting principal, for example `tenants/acme/users/olga`;
     * the caller's token subject when unset.
     *
     * @generated from field: string principal = 1;
     */
    principal: string;
    /**
     * Optional. The tenant id the subject acts in; the request's tenant when
     * unset, and it must equal it when set.
     *
     * @generated from field: string tenant = 2;
     */
    tenant: string;
    /**
     * Optional. The subject's roles, for example `member`; at most 64.
     *
     * @generated from field: repeated string roles = 3;
     */
    roles: string[];
    /**
     * Optional. The subject's capabilities, for example `memory.write`; at
     * most 256.
     *
     * @generated from field: repeated string capabilities = 4;
     */
    capabilities: string[];
};
/**
 * Subject is who acts. The policy engine exposes it to the rules as the CEL
 * variable `subject`, a map with the keys `principal`, `tenant`, `roles` and
 * `capabilities`.
 *
 * @generated from message soma.policy.v1.Subject
 */
export type SubjectJson = {
    /**
     * Optional. The acting principal, for example `tenants/acme/users/olga`;
     * the caller's token subject when unset.
     *
     * @generated from field: string principal = 1;
     */
    principal?: string;
    /**
     * Optional. The tenant id the subject acts in; the request's tenant when
     * unset, and it must equal it when set.
     *
     * @generated from field: string tenant = 2;
     */
    tenant?: string;
    /**
     * Optional. The subject's roles, for example `member`; at most 64.
     *
     * @generated from field: repeated string roles = 3;
     */
    roles?: string[];
    /**
     * Optional. The subject's capabilities, for example `memory.write`; at
     * most 256.
     *
     * @generated from field: repeated string capabilities = 4;
     */
    capabilities?: string[];
};
/**
 * Describes the message soma.policy.v1.Subject.
 * Use `create(SubjectSchema)` to create a new message.
 */
export declare const SubjectSchema: GenMessage<Subject, {
    jsonType: SubjectJson;
}>;
/**
 * Resource is what the action touches. The policy engine exposes it to the
 * rules as the CEL variable `resource`, a map with the keys `name`, `kind`
 * and `attributes`.
 *
 * @generated from message soma.policy.v1.Resource
 */
export type Resource = Message<"soma.policy.v1.Resource"> & {
    /**
     * Optional. The resource name, for example `tenants/acme/memories/m1`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. The resource kind, for example `memory`.
     *
     * @generated from field: string kind = 2;
     */
    kind: string;
    /**
     * Optional. Anything else known about the resource.
     *
     * @generated from field: google.protobuf.Struct attributes = 3;
     */
    attributes?: JsonObject | undefined;
};
/**
 * Resource is what the action touches. The policy engine exposes it to the
 * rules as the CEL variable `resource`, a map with the keys `name`, `kind`
 * and `attributes`.
 *
 * @generated from message soma.policy.v1.Resource
 */
export type ResourceJson = {
    /**
     * Optional. The resource name, for example `tenants/acme/memories/m1`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. The resource kind, for example `memory`.
     *
     * @generated from field: string kind = 2;
     */
    kind?: string;
    /**
     * Optional. Anything else known about the resource.
     *
     * @generated from field: google.protobuf.Struct attributes = 3;
     */
    attributes?: StructJson;
};
/**
 * Describes the message soma.policy.v1.Resource.
 * Use `create(ResourceSchema)` to create a new message.
 */
export declare const ResourceSchema: GenMessage<Resource, {
    jsonType: ResourceJson;
}>;
/**
 * FiredRule is one constitution rule that matched an action.
 *
 * @generated from message soma.policy.v1.FiredRule
 */
export type FiredRule = Message<"soma.policy.v1.FiredRule"> & {
    /**
     * Output only. The rule's id in the constitution.
     *
     * @generated from field: string rule_id = 1;
     */
    ruleId: string;
    /**
     * Output only. The rule's reason code.
     *
     * @generated from field: string reason_code = 2;
     */
    reasonCode: string;
    /**
     * Output only. The weight the rule added to the score: the tenant's
     * override when it has one, else the constitution's weight.
     *
     * @generated from field: double weight = 3;
     */
    weight: number;
    /**
     * Output only. Whether `weight` is the tenant's override.
     *
     * @generated from field: bool overridden = 4;
     */
    overridden: boolean;
};
/**
 * FiredRule is one constitution rule that matched an action.
 *
 * @generated from message soma.policy.v1.FiredRule
 */
export type FiredRuleJson = {
    /**
     * Output only. The rule's id in the constitution.
     *
     * @generated from field: string rule_id = 1;
     */
    ruleId?: string;
    /**
     * Output only. The rule's reason code.
     *
     * @generated from field: string reason_code = 2;
     */
    reasonCode?: string;
    /**
     * Output only. The weight the rule added to the score: the tenant's
     * override when it has one, else the constitution's weight.
     *
     * @generated from field: double weight = 3;
     */
    weight?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * Output only. Whether `weight` is the tenant's override.
     *
     * @generated from field: bool overridden = 4;
     */
    overridden?: boolean;
};
/**
 * Describes the message soma.policy.v1.FiredRule.
 * Use `create(FiredRuleSchema)` to create a new message.
 */
export declare const FiredRuleSchema: GenMessage<FiredRule, {
    jsonType: FiredRuleJson;
}>;
/**
 * RuleFailure is one constitution rule that failed to evaluate on an action
 * (for example it compared a string with a number, or did not yield a
 * boolean). A failing rule fails closed: the decision is DENY.
 *
 * @generated from message soma.policy.v1.RuleFailure
 */
export type RuleFailure = Message<"soma.policy.v1.RuleFailure"> & {
    /**
     * Output only. The rule's id in the constitution.
     *
     * @generated from field: string rule_id = 1;
     */
    ruleId: string;
    /**
     * Output only. The rule's reason code.
     *
     * @generated from field: string reason_code = 2;
     */
    reasonCode: string;
    /**
     * Output only. What went wrong.
     *
     * @generated from field: string error = 3;
     */
    error: string;
};
/**
 * RuleFailure is one constitution rule that failed to evaluate on an action
 * (for example it compared a string with a number, or did not yield a
 * boolean). A failing rule fails closed: the decision is DENY.
 *
 * @generated from message soma.policy.v1.RuleFailure
 */
export type RuleFailureJson = {
    /**
     * Output only. The rule's id in the constitution.
     *
     * @generated from field: string rule_id = 1;
     */
    ruleId?: string;
    /**
     * Output only. The rule's reason code.
     *
     * @generated from field: string reason_code = 2;
     */
    reasonCode?: string;
    /**
     * Output only. What went wrong.
     *
     * @generated from field: string error = 3;
     */
    error?: string;
};
/**
 * Describes the message soma.policy.v1.RuleFailure.
 * Use `create(RuleFailureSchema)` to create a new message.
 */
export declare const RuleFailureSchema: GenMessage<RuleFailure, {
    jsonType: RuleFailureJson;
}>;
/**
 * WeightOverrides are a tenant's own weights for constitution rules, named
 * `tenants/{tenant}/policy/weights`. An override replaces the weight of the
 * rule with that id in whichever constitution is active; overrides of rules
 * the active constitution does not have are kept and ignored.
 *
 * @generated from message soma.policy.v1.WeightOverrides
 */
export type WeightOverrides = Message<"soma.policy.v1.WeightOverrides"> & {
    /**
     * Identifier. The resource name, `tenants/{tenant}/policy/weights`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. The weight of each overridden rule, by rule id; at most 500
     * entries, each weight finite and between -1000 and 1000.
     *
     * @generated from field: map<string, double> weights = 2;
     */
    weights: {
        [key: string]: number;
    };
    /**
     * Output only. When the overrides were last set; unset before the first
     * time.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 3;
     */
    updateTime?: Timestamp | undefined;
    /**
     * Output only. The principal that last set them.
     *
     * @generated from field: string updated_by = 4;
     */
    updatedBy: string;
};
/**
 * WeightOverrides are a tenant's own weights for constitution rules, named
 * `tenants/{tenant}/policy/weights`. An override replaces the weight of the
 * rule with that id in whichever constitution is active; overrides of rules
 * the active constitution does not have are kept and ignored.
 *
 * @generated from message soma.policy.v1.WeightOverrides
 */
export type WeightOverridesJson = {
    /**
     * Identifier. The resource name, `tenants/{tenant}/policy/weights`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. The weight of each overridden rule, by rule id; at most 500
     * entries, each weight finite and between -1000 and 1000.
     *
     * @generated from field: map<string, double> weights = 2;
     */
    weights?: {
        [key: string]: number | "NaN" | "Infinity" | "-Infinity";
    };
    /**
     * Output only. When the overrides were last set; unset before the first
     * time.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 3;
     */
    updateTime?: TimestampJson;
    /**
     * Output only. The principal that last set them.
     *
     * @generated from field: string updated_by = 4;
     */
    updatedBy?: string;
};
/**
 * Describes the message soma.policy.v1.WeightOverrides.
 * Use `create(WeightOverridesSchema)` to create a new message.
 */
export declare const WeightOverridesSchema: GenMessage<WeightOverrides, {
    jsonType: WeightOverridesJson;
}>;
/**
 * Decision is what the policy engine decides for an action.
 *
 * @generated from enum soma.policy.v1.Decision
 */
export declare enum Decision {
    /**
     * Not used.
     *
     * @generated from enum value: DECISION_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The score is below the constitution's `allow_below`: go ahead.
     *
     * @generated from enum value: DECISION_ALLOW = 1;
     */
    ALLOW = 1,
    /**
     * The score is above the constitution's `deny_above`, or a rule failed to
     * evaluate: do not act.
     *
     * @generated from enum value: DECISION_DENY = 2;
     */
    DENY = 2,
    /**
     * The score is between the thresholds (both included): a human must
     * approve the action first.
     *
     * @generated from enum value: DECISION_REQUIRE_APPROVAL = 3;
     */
    REQUIRE_APPROVAL = 3
}
/**
 * Decision is what the policy engine decides for an action.
 *
 * @generated from enum soma.policy.v1.Decision
 */
export type DecisionJson = "DECISION_UNSPECIFIED" | "DECISION_ALLOW" | "DECISION_DENY" | "DECISION_REQUIRE_APPROVAL";
/**
 * Describes the enum soma.policy.v1.Decision.
 */
export declare const DecisionSchema: GenEnum<Decision, DecisionJson>;
