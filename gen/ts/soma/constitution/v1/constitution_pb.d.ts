import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/constitution/v1/constitution.proto.
 */
export declare const file_soma_constitution_v1_constitution: GenFile;
/**
 * Constitution is the signed, versioned document that governs every agent of
 * the platform: the principles agents follow, the policy rules the policy
 * engine scores actions with, and the thresholds that turn a score into a
 * decision. One constitution is active at a time, platform-wide.
 *
 * Canonical bytes and checksum. The checksum of a constitution is the
 * lowercase hex SHA-256 of its canonical bytes. The canonical bytes are the
 * UTF-8 bytes of the document's proto3 JSON mapping, serialized by RFC 8785
 * (JSON Canonicalization Scheme, "JCS"):
 *   - keys are the lowerCamelCase JSON names (`reasonCode`, `allowBelow`),
 *     sorted, with no whitespace anywhere;
 *   - fields at their default value are left out: empty strings, zero
 *     numbers, empty lists, and an unset `thresholds` message (a set but empty
 *     `thresholds` is `{}`), so adding a field to this message later does not
 *     change the checksum of documents that do not use it;
 *   - numbers are written as ECMAScript writes them (`1`, `0.5`, `1e+21`);
 *     NaN and infinities are invalid;
 *   - strings are written with only `"`, `\` and control characters escaped
 *     (`\b \t \n \f \r`, other controls as `\u00xx`), everything else as UTF-8.
 * Signatures are not part of the document, so they never change its checksum.
 * Example: `{"rules":[{"expression":"action.name == \"x\"","id":"r1","reasonCode":"X","weight":0.5}],
 * "thresholds":{"allowBelow":0.3,"denyAbove":0.7},"title":"T","version":"1"}`
 * (on one line). A server that does not know a field a client sets computes
 * another checksum, so it refuses the signatures instead of ignoring the field.
 *
 * @generated from message soma.constitution.v1.Constitution
 */
export type Constitution = Message<"soma.constitution.v1.Constitution"> & {
    /**
     * Required. The version, unique among the loaded constitutions: 1 to 64
     * letters, digits, dots, underscores, pluses and hyphens, starting with a
     * letter or digit, for example `2.1.0`; `active` is reserved. Checked by
     * the service rather than the runtime, so that Validate reports it as a
     * problem.
     *
     * @generated from field: string version = 1;
     */
    version: string;
    /**
     * Required. A human-readable title, at most 200 characters.
     *
     * @generated from field: string title = 2;
     */
    title: string;
    /**
     * Optional. The principles, in the order they are presented; at most 100.
     *
     * @generated from field: repeated soma.constitution.v1.Principle principles = 3;
     */
    principles: Principle[];
    /**
     * Optional. The policy rules; at most 500. An action's risk score is the
     * sum of the weights of the rules that match it.
     *
     * @generated from field: repeated soma.constitution.v1.PolicyRule rules = 4;
     */
    rules: PolicyRule[];
    /**
     * Required. How the policy engine turns a risk score into a decision.
     *
     * @generated from field: soma.constitution.v1.Thresholds thresholds = 5;
     */
    thresholds?: Thresholds | undefined;
};
/**
 * Constitution is the signed, versioned document that governs every agent of
 * the platform: the principles agents follow, the policy rules the policy
 * engine scores actions with, and the thresholds that turn a score into a
 * decision. One constitution is active at a time, platform-wide.
 *
 * Canonical bytes and checksum. The checksum of a constitution is the
 * lowercase hex SHA-256 of its canonical bytes. The canonical bytes are the
 * UTF-8 bytes of the document's proto3 JSON mapping, serialized by RFC 8785
 * (JSON Canonicalization Scheme, "JCS"):
 *   - keys are the lowerCamelCase JSON names (`reasonCode`, `allowBelow`),
 *     sorted, with no whitespace anywhere;
 *   - fields at their default value are left out: empty strings, zero
 *     numbers, empty lists, and an unset `thresholds` message (a set but empty
 *     `thresholds` is `{}`), so adding a field to this message later does not
 *     change the checksum of documents that do not use it;
 *   - numbers are written as ECMAScript writes them (`1`, `0.5`, `1e+21`);
 *     NaN and infinities are invalid;
 *   - strings are written with only `"`, `\` and control characters escaped
 *     (`\b \t \n \f \r`, other controls as `\u00xx`), everything else as UTF-8.
 * Signatures are not part of the document, so they never change its checksum.
 * Example: `{"rules":[{"expression":"action.name == \"x\"","id":"r1","reasonCode":"X","weight":0.5}],
 * "thresholds":{"allowBelow":0.3,"denyAbove":0.7},"title":"T","version":"1"}`
 * (on one line). A server that does not know a field a client sets computes
 * another checksum, so it refuses the signatures instead of ignoring the field.
 *
 * @generated from message soma.constitution.v1.Constitution
 */
export type ConstitutionJson = {
    /**
     * Required. The version, unique among the loaded constitutions: 1 to 64
     * letters, digits, dots, underscores, pluses and hyphens, starting with a
     * letter or digit, for example `2.1.0`; `active` is reserved. Checked by
     * the service rather than the runtime, so that Validate reports it as a
     * problem.
     *
     * @generated from field: string version = 1;
     */
    version?: string;
    /**
     * Required. A human-readable title, at most 200 characters.
     *
     * @generated from field: string title = 2;
     */
    title?: string;
    /**
     * Optional. The principles, in the order they are presented; at most 100.
     *
     * @generated from field: repeated soma.constitution.v1.Principle principles = 3;
     */
    principles?: PrincipleJson[];
    /**
     * Optional. The policy rules; at most 500. An action's risk score is the
     * sum of the weights of the rules that match it.
     *
     * @generated from field: repeated soma.constitution.v1.PolicyRule rules = 4;
     */
    rules?: PolicyRuleJson[];
    /**
     * Required. How the policy engine turns a risk score into a decision.
     *
     * @generated from field: soma.constitution.v1.Thresholds thresholds = 5;
     */
    thresholds?: ThresholdsJson;
};
/**
 * Describes the message soma.constitution.v1.Constitution.
 * Use `create(ConstitutionSchema)` to create a new message.
 */
export declare const ConstitutionSchema: GenMessage<Constitution, {
    jsonType: ConstitutionJson;
}>;
/**
 * Principle is one statement of what agents must or must not do.
 *
 * @generated from message soma.constitution.v1.Principle
 */
export type Principle = Message<"soma.constitution.v1.Principle"> & {
    /**
     * Required. Unique within the document: 1 to 63 lowercase letters, digits,
     * dots, underscores and hyphens, starting with a letter or digit.
     *
     * @generated from field: string id = 1;
     */
    id: string;
    /**
     * Required. The statement, at most 4000 characters.
     *
     * @generated from field: string text = 2;
     */
    text: string;
};
/**
 * Principle is one statement of what agents must or must not do.
 *
 * @generated from message soma.constitution.v1.Principle
 */
export type PrincipleJson = {
    /**
     * Required. Unique within the document: 1 to 63 lowercase letters, digits,
     * dots, underscores and hyphens, starting with a letter or digit.
     *
     * @generated from field: string id = 1;
     */
    id?: string;
    /**
     * Required. The statement, at most 4000 characters.
     *
     * @generated from field: string text = 2;
     */
    text?: string;
};
/**
 * Describes the message soma.constitution.v1.Principle.
 * Use `create(PrincipleSchema)` to create a new message.
 */
export declare const PrincipleSchema: GenMessage<Principle, {
    jsonType: PrincipleJson;
}>;
/**
 * PolicyRule is a CEL expression over an action that, when it evaluates to
 * true, adds its weight to the action's risk score and its reason code to the
 * decision's reasons.
 *
 * A rule may reference only these variables, each a map: `action` (what the
 * agent wants to do, e.g. `action.name`, `action.tool`), `subject` (who acts,
 * e.g. `subject.tenant`, `subject.capabilities`), `resource` (what it acts on)
 * and `context` (anything else the caller knows, e.g. `context.risk`), and
 * only CEL's standard functions (`size`, `has`, `contains`, `startsWith`,
 * `endsWith`, `matches`, conversions, timestamp and duration accessors) and
 * macros (`all`, `exists`, `exists_one`, `map`, `filter`). Anything else is
 * rejected when the constitution is loaded.
 *
 * @generated from message soma.constitution.v1.PolicyRule
 */
export type PolicyRule = Message<"soma.constitution.v1.PolicyRule"> & {
    /**
     * Required. Unique within the document: 1 to 63 lowercase letters, digits,
     * dots, underscores and hyphens, starting with a letter or digit.
     *
     * @generated from field: string id = 1;
     */
    id: string;
    /**
     * Optional. What the rule is for, at most 1000 characters.
     *
     * @generated from field: string description = 2;
     */
    description: string;
    /**
     * Required. The CEL expression, at most 4096 characters; it must evaluate
     * to a boolean.
     *
     * @generated from field: string expression = 3;
     */
    expression: string;
    /**
     * Optional. Added to the risk score when the rule matches; finite, and
     * negative for rules that lower the risk. Zero when unset.
     *
     * @generated from field: double weight = 4;
     */
    weight: number;
    /**
     * Required. The reason the policy engine reports when the rule matches:
     * UPPER_SNAKE_CASE, 1 to 64 characters, for example `PII_EXPORT`.
     *
     * @generated from field: string reason_code = 5;
     */
    reasonCode: string;
};
/**
 * PolicyRule is a CEL expression over an action that, when it evaluates to
 * true, adds its weight to the action's risk score and its reason code to the
 * decision's reasons.
 *
 * A rule may reference only these variables, each a map: `action` (what the
 * agent wants to do, e.g. `action.name`, `action.tool`), `subject` (who acts,
 * e.g. `subject.tenant`, `subject.capabilities`), `resource` (what it acts on)
 * and `context` (anything else the caller knows, e.g. `context.risk`), and
 * only CEL's standard functions (`size`, `has`, `contains`, `startsWith`,
 * `endsWith`, `matches`, conversions, timestamp and duration accessors) and
 * macros (`all`, `exists`, `exists_one`, `map`, `filter`). Anything else is
 * rejected when the constitution is loaded.
 *
 * @generated from message soma.constitution.v1.PolicyRule
 */
export type PolicyRuleJson = {
    /**
     * Required. Unique within the document: 1 to 63 lowercase letters, digits,
     * dots, underscores and hyphens, starting with a letter or digit.
     *
     * @generated from field: string id = 1;
     */
    id?: string;
    /**
     * Optional. What the rule is for, at most 1000 characters.
     *
     * @generated from field: string description = 2;
     */
    description?: string;
    /**
     * Required. The CEL expression, at most 4096 characters; it must evaluate
     * to a boolean.
     *
     * @generated from field: string expression = 3;
     */
    expression?: string;
    /**
     * Optional. Added to the risk score when the rule matches; finite, and
     * negative for rules that lower the risk. Zero when unset.
     *
     * @generated from field: double weight = 4;
     */
    weight?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * Required. The reason the policy engine reports when the rule matches:
     * UPPER_SNAKE_CASE, 1 to 64 characters, for example `PII_EXPORT`.
     *
     * @generated from field: string reason_code = 5;
     */
    reasonCode?: string;
};
/**
 * Describes the message soma.constitution.v1.PolicyRule.
 * Use `create(PolicyRuleSchema)` to create a new message.
 */
export declare const PolicyRuleSchema: GenMessage<PolicyRule, {
    jsonType: PolicyRuleJson;
}>;
/**
 * Thresholds turn an action's risk score into a decision: below
 * `allow_below` the action is allowed, above `deny_above` it is denied, and
 * in between (both ends included) it needs a human approval.
 *
 * @generated from message soma.constitution.v1.Thresholds
 */
export type Thresholds = Message<"soma.constitution.v1.Thresholds"> & {
    /**
     * Optional. Scores strictly below this are allowed; finite, zero when
     * unset.
     *
     * @generated from field: double allow_below = 1;
     */
    allowBelow: number;
    /**
     * Optional. Scores strictly above this are denied; finite, not below
     * `allow_below`, zero when unset.
     *
     * @generated from field: double deny_above = 2;
     */
    denyAbove: number;
};
/**
 * Thresholds turn an action's risk score into a decision: below
 * `allow_below` the action is allowed, above `deny_above` it is denied, and
 * in between (both ends included) it needs a human approval.
 *
 * @generated from message soma.constitution.v1.Thresholds
 */
export type ThresholdsJson = {
    /**
     * Optional. Scores strictly below this are allowed; finite, zero when
     * unset.
     *
     * @generated from field: double allow_below = 1;
     */
    allowBelow?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * Optional. Scores strictly above this are denied; finite, not below
     * `allow_below`, zero when unset.
     *
     * @generated from field: double deny_above = 2;
     */
    denyAbove?: number | "NaN" | "Infinity" | "-Infinity";
};
/**
 * Describes the message soma.constitution.v1.Thresholds.
 * Use `create(ThresholdsSchema)` to create a new message.
 */
export declare const ThresholdsSchema: GenMessage<Thresholds, {
    jsonType: ThresholdsJson;
}>;
/**
 * Signature is one signer's Ed25519 signature over a constitution's checksum.
 * The signed message is the ASCII bytes of `soma.constitution.v1:` followed by
 * the 64 lowercase hex characters of the checksum; the prefix keeps a signer's
 * key from being tricked into signing a constitution in another context.
 *
 * @generated from message soma.constitution.v1.Signature
 */
export type Signature = Message<"soma.constitution.v1.Signature"> & {
    /**
     * Required. The signer, as the service's trusted signer list names it.
     *
     * @generated from field: string signer_id = 1;
     */
    signerId: string;
    /**
     * Required. The 64-byte Ed25519 signature (base64 in JSON).
     *
     * @generated from field: bytes signature = 2;
     */
    signature: Uint8Array;
};
/**
 * Signature is one signer's Ed25519 signature over a constitution's checksum.
 * The signed message is the ASCII bytes of `soma.constitution.v1:` followed by
 * the 64 lowercase hex characters of the checksum; the prefix keeps a signer's
 * key from being tricked into signing a constitution in another context.
 *
 * @generated from message soma.constitution.v1.Signature
 */
export type SignatureJson = {
    /**
     * Required. The signer, as the service's trusted signer list names it.
     *
     * @generated from field: string signer_id = 1;
     */
    signerId?: string;
    /**
     * Required. The 64-byte Ed25519 signature (base64 in JSON).
     *
     * @generated from field: bytes signature = 2;
     */
    signature?: string;
};
/**
 * Describes the message soma.constitution.v1.Signature.
 * Use `create(SignatureSchema)` to create a new message.
 */
export declare const SignatureSchema: GenMessage<Signature, {
    jsonType: SignatureJson;
}>;
/**
 * ConstitutionVersion is a constitution as it was loaded: the document, its
 * checksum, its signatures, and whether it is the active one.
 *
 * @generated from message soma.constitution.v1.ConstitutionVersion
 */
export type ConstitutionVersion = Message<"soma.constitution.v1.ConstitutionVersion"> & {
    /**
     * Output only. The document's version.
     *
     * @generated from field: string version = 1;
     */
    version: string;
    /**
     * Output only. The lowercase hex SHA-256 of the document's canonical bytes.
     *
     * @generated from field: string checksum = 2;
     */
    checksum: string;
    /**
     * Output only. The document.
     *
     * @generated from field: soma.constitution.v1.Constitution constitution = 3;
     */
    constitution?: Constitution | undefined;
    /**
     * Output only. Every signature the document was loaded with.
     *
     * @generated from field: repeated soma.constitution.v1.Signature signatures = 4;
     */
    signatures: Signature[];
    /**
     * Output only. The trusted signers whose signatures verified when the
     * document was loaded or, for the active version, when it was last
     * activated; sorted.
     *
     * @generated from field: repeated string signers = 5;
     */
    signers: string[];
    /**
     * Output only. Whether this is the active constitution.
     *
     * @generated from field: bool active = 6;
     */
    active: boolean;
    /**
     * Output only. When the document was first loaded.
     *
     * @generated from field: google.protobuf.Timestamp load_time = 7;
     */
    loadTime?: Timestamp | undefined;
    /**
     * Output only. The principal that first loaded it.
     *
     * @generated from field: string loaded_by = 8;
     */
    loadedBy: string;
    /**
     * Output only. When it became the active constitution; set on the active
     * version only.
     *
     * @generated from field: google.protobuf.Timestamp activate_time = 9;
     */
    activateTime?: Timestamp | undefined;
};
/**
 * ConstitutionVersion is a constitution as it was loaded: the document, its
 * checksum, its signatures, and whether it is the active one.
 *
 * @generated from message soma.constitution.v1.ConstitutionVersion
 */
export type ConstitutionVersionJson = {
    /**
     * Output only. The document's version.
     *
     * @generated from field: string version = 1;
     */
    version?: string;
    /**
     * Output only. The lowercase hex SHA-256 of the document's canonical bytes.
     *
     * @generated from field: string checksum = 2;
     */
    checksum?: string;
    /**
     * Output only. The document.
     *
     * @generated from field: soma.constitution.v1.Constitution constitution = 3;
     */
    constitution?: ConstitutionJson;
    /**
     * Output only. Every signature the document was loaded with.
     *
     * @generated from field: repeated soma.constitution.v1.Signature signatures = 4;
     */
    signatures?: SignatureJson[];
    /**
     * Output only. The trusted signers whose signatures verified when the
     * document was loaded or, for the active version, when it was last
     * activated; sorted.
     *
     * @generated from field: repeated string signers = 5;
     */
    signers?: string[];
    /**
     * Output only. Whether this is the active constitution.
     *
     * @generated from field: bool active = 6;
     */
    active?: boolean;
    /**
     * Output only. When the document was first loaded.
     *
     * @generated from field: google.protobuf.Timestamp load_time = 7;
     */
    loadTime?: TimestampJson;
    /**
     * Output only. The principal that first loaded it.
     *
     * @generated from field: string loaded_by = 8;
     */
    loadedBy?: string;
    /**
     * Output only. When it became the active constitution; set on the active
     * version only.
     *
     * @generated from field: google.protobuf.Timestamp activate_time = 9;
     */
    activateTime?: TimestampJson;
};
/**
 * Describes the message soma.constitution.v1.ConstitutionVersion.
 * Use `create(ConstitutionVersionSchema)` to create a new message.
 */
export declare const ConstitutionVersionSchema: GenMessage<ConstitutionVersion, {
    jsonType: ConstitutionVersionJson;
}>;
/**
 * ConstitutionUpdated is the payload of the `soma.constitution.v1.ConstitutionUpdated`
 * event on topic `constitution.updated`: another constitution became the
 * active one. Its envelope's tenant is `*` (it concerns every tenant) and its
 * subject is `constitution/versions/{version}`. Services that cache the
 * active constitution drop their cached copy when they receive it.
 *
 * @generated from message soma.constitution.v1.ConstitutionUpdated
 */
export type ConstitutionUpdated = Message<"soma.constitution.v1.ConstitutionUpdated"> & {
    /**
     * Required. The checksum of the constitution that is active now.
     *
     * @generated from field: string checksum = 1;
     */
    checksum: string;
    /**
     * Required. Its version.
     *
     * @generated from field: string version = 2;
     */
    version: string;
    /**
     * Optional. The checksum of the constitution active before; empty for the
     * first one.
     *
     * @generated from field: string previous_checksum = 3;
     */
    previousChecksum: string;
    /**
     * Optional. The version active before; empty for the first one.
     *
     * @generated from field: string previous_version = 4;
     */
    previousVersion: string;
    /**
     * Required. How it became active.
     *
     * @generated from field: soma.constitution.v1.ActivationKind kind = 5;
     */
    kind: ActivationKind;
    /**
     * Required. When it became active.
     *
     * @generated from field: google.protobuf.Timestamp activate_time = 6;
     */
    activateTime?: Timestamp | undefined;
};
/**
 * ConstitutionUpdated is the payload of the `soma.constitution.v1.ConstitutionUpdated`
 * event on topic `constitution.updated`: another constitution became the
 * active one. Its envelope's tenant is `*` (it concerns every tenant) and its
 * subject is `constitution/versions/{version}`. Services that cache the
 * active constitution drop their cached copy when they receive it.
 *
 * @generated from message soma.constitution.v1.ConstitutionUpdated
 */
export type ConstitutionUpdatedJson = {
    /**
     * Required. The checksum of the constitution that is active now.
     *
     * @generated from field: string checksum = 1;
     */
    checksum?: string;
    /**
     * Required. Its version.
     *
     * @generated from field: string version = 2;
     */
    version?: string;
    /**
     * Optional. The checksum of the constitution active before; empty for the
     * first one.
     *
     * @generated from field: string previous_checksum = 3;
     */
    previousChecksum?: string;
    /**
     * Optional. The version active before; empty for the first one.
     *
     * @generated from field: string previous_version = 4;
     */
    previousVersion?: string;
    /**
     * Required. How it became active.
     *
     * @generated from field: soma.constitution.v1.ActivationKind kind = 5;
     */
    kind?: ActivationKindJson;
    /**
     * Required. When it became active.
     *
     * @generated from field: google.protobuf.Timestamp activate_time = 6;
     */
    activateTime?: TimestampJson;
};
/**
 * Describes the message soma.constitution.v1.ConstitutionUpdated.
 * Use `create(ConstitutionUpdatedSchema)` to create a new message.
 */
export declare const ConstitutionUpdatedSchema: GenMessage<ConstitutionUpdated, {
    jsonType: ConstitutionUpdatedJson;
}>;
/**
 * ActivationKind says how a constitution became the active one.
 *
 * @generated from enum soma.constitution.v1.ActivationKind
 */
export declare enum ActivationKind {
    /**
     * Not used.
     *
     * @generated from enum value: ACTIVATION_KIND_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * ConstitutionService.Load activated it.
     *
     * @generated from enum value: ACTIVATION_KIND_LOAD = 1;
     */
    LOAD = 1,
    /**
     * ConstitutionService.Rollback activated a version loaded before.
     *
     * @generated from enum value: ACTIVATION_KIND_ROLLBACK = 2;
     */
    ROLLBACK = 2
}
/**
 * ActivationKind says how a constitution became the active one.
 *
 * @generated from enum soma.constitution.v1.ActivationKind
 */
export type ActivationKindJson = "ACTIVATION_KIND_UNSPECIFIED" | "ACTIVATION_KIND_LOAD" | "ACTIVATION_KIND_ROLLBACK";
/**
 * Describes the enum soma.constitution.v1.ActivationKind.
 */
export declare const ActivationKindSchema: GenEnum<ActivationKind, ActivationKindJson>;
