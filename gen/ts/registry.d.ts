import { type Registry } from "@bufbuild/protobuf";
/** Every message, enum and extension of the contracts and the types they use: needed to read and write
 * `google.protobuf.Any` (event payloads, error details) as JSON. */
export declare const registry: Registry;
