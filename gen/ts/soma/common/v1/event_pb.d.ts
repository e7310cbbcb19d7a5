import type { GenExtension, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { MessageOptions } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/common/v1/event.proto.
 */
export declare const file_soma_common_v1_event: GenFile;
/**
 * EventDescriptor declares that a message is the payload of the events on one
 * topic of the Soma event bus. `scripts/codegen.sh` turns every declaration
 * into a constant that producers and consumers import, so the contract is the
 * list of topics; renaming a topic or changing its payload type is a breaking
 * change.
 *
 * @generated from message soma.common.v1.EventDescriptor
 */
export type EventDescriptor = Message<"soma.common.v1.EventDescriptor"> & {
    /**
     * Required. The topic the events are published on, for example
     * `constitution.updated`: lower-case words joined by `.`, `_` or `-`. One
     * message per topic; the envelope's `data` holds this message.
     *
     * @generated from field: string topic = 1;
     */
    topic: string;
};
/**
 * EventDescriptor declares that a message is the payload of the events on one
 * topic of the Soma event bus. `scripts/codegen.sh` turns every declaration
 * into a constant that producers and consumers import, so the contract is the
 * list of topics; renaming a topic or changing its payload type is a breaking
 * change.
 *
 * @generated from message soma.common.v1.EventDescriptor
 */
export type EventDescriptorJson = {
    /**
     * Required. The topic the events are published on, for example
     * `constitution.updated`: lower-case words joined by `.`, `_` or `-`. One
     * message per topic; the envelope's `data` holds this message.
     *
     * @generated from field: string topic = 1;
     */
    topic?: string;
};
/**
 * Describes the message soma.common.v1.EventDescriptor.
 * Use `create(EventDescriptorSchema)` to create a new message.
 */
export declare const EventDescriptorSchema: GenMessage<EventDescriptor, {
    jsonType: EventDescriptorJson;
}>;
/**
 * The topic whose events carry this message as their payload. Every event
 * payload of a Soma service sets it.
 *
 * @generated from extension: soma.common.v1.EventDescriptor event = 50102;
 */
export declare const event: GenExtension<MessageOptions, EventDescriptor>;
