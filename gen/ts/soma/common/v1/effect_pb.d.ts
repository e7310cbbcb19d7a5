import type { GenExtension, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { MethodOptions } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/common/v1/effect.proto.
 */
export declare const file_soma_common_v1_effect: GenFile;
/**
 * MethodEffect declares what an RPC does to state where its REST mapping
 * alone does not say it. An RPC mapped to GET reads; any other verb is taken
 * to change state, and the runtime records every call to such an RPC in the
 * audit trail, unless the RPC declares itself read-only here (a query whose
 * request needs a body, such as a search).
 *
 * @generated from message soma.common.v1.MethodEffect
 */
export type MethodEffect = Message<"soma.common.v1.MethodEffect"> & {
    /**
     * The RPC changes no state although its REST mapping is not a GET: its
     * calls are not audited.
     *
     * @generated from field: bool read_only = 1;
     */
    readOnly: boolean;
};
/**
 * MethodEffect declares what an RPC does to state where its REST mapping
 * alone does not say it. An RPC mapped to GET reads; any other verb is taken
 * to change state, and the runtime records every call to such an RPC in the
 * audit trail, unless the RPC declares itself read-only here (a query whose
 * request needs a body, such as a search).
 *
 * @generated from message soma.common.v1.MethodEffect
 */
export type MethodEffectJson = {
    /**
     * The RPC changes no state although its REST mapping is not a GET: its
     * calls are not audited.
     *
     * @generated from field: bool read_only = 1;
     */
    readOnly?: boolean;
};
/**
 * Describes the message soma.common.v1.MethodEffect.
 * Use `create(MethodEffectSchema)` to create a new message.
 */
export declare const MethodEffectSchema: GenMessage<MethodEffect, {
    jsonType: MethodEffectJson;
}>;
/**
 * What the RPC does to state, when its REST verb would say otherwise.
 *
 * @generated from extension: soma.common.v1.MethodEffect effect = 50103;
 */
export declare const effect: GenExtension<MethodOptions, MethodEffect>;
