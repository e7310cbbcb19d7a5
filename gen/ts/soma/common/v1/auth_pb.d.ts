import type { GenExtension, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { MethodOptions } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/common/v1/auth.proto.
 */
export declare const file_soma_common_v1_auth: GenFile;
/**
 * AuthRule declares who may call an RPC. The runtime reads it from the
 * descriptors, so the contract is the authorization spec.
 *
 * @generated from message soma.common.v1.AuthRule
 */
export type AuthRule = Message<"soma.common.v1.AuthRule"> & {
    /**
     * Required. What the caller must present.
     *
     * @generated from oneof soma.common.v1.AuthRule.requirement
     */
    requirement: {
        /**
         * The capability the caller's token must carry, for example
         * `identity.users.write`. Capabilities that start with `platform.` are
         * cross-tenant and are never granted by a tenant role.
         *
         * @generated from field: string capability = 1;
         */
        value: string;
        case: "capability";
    } | {
        /**
         * The RPC needs no token. A token that is sent anyway must still be valid.
         *
         * @generated from field: bool public = 2;
         */
        value: boolean;
        case: "public";
    } | {
        case: undefined;
        value?: undefined;
    };
    /**
     * Optional. Capabilities the RPC itself checks for some requests only, on
     * top of the requirement, for example `platform.tokens.impersonate` when
     * IssueToken names another user than the caller. They belong to the
     * capability catalogue like `capability` does.
     *
     * @generated from field: repeated string conditional_capabilities = 3;
     */
    conditionalCapabilities: string[];
};
/**
 * AuthRule declares who may call an RPC. The runtime reads it from the
 * descriptors, so the contract is the authorization spec.
 *
 * @generated from message soma.common.v1.AuthRule
 */
export type AuthRuleJson = {
    /**
     * The capability the caller's token must carry, for example
     * `identity.users.write`. Capabilities that start with `platform.` are
     * cross-tenant and are never granted by a tenant role.
     *
     * @generated from field: string capability = 1;
     */
    capability?: string;
    /**
     * The RPC needs no token. A token that is sent anyway must still be valid.
     *
     * @generated from field: bool public = 2;
     */
    public?: boolean;
    /**
     * Optional. Capabilities the RPC itself checks for some requests only, on
     * top of the requirement, for example `platform.tokens.impersonate` when
     * IssueToken names another user than the caller. They belong to the
     * capability catalogue like `capability` does.
     *
     * @generated from field: repeated string conditional_capabilities = 3;
     */
    conditionalCapabilities?: string[];
};
/**
 * Describes the message soma.common.v1.AuthRule.
 * Use `create(AuthRuleSchema)` to create a new message.
 */
export declare const AuthRuleSchema: GenMessage<AuthRule, {
    jsonType: AuthRuleJson;
}>;
/**
 * The authorization rule of an RPC. Every RPC of a Soma service sets it.
 *
 * @generated from extension: soma.common.v1.AuthRule auth = 50101;
 */
export declare const auth: GenExtension<MethodOptions, AuthRule>;
