import type { GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Any, AnyJson, Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/events/v1/envelope.proto.
 */
export declare const file_soma_events_v1_envelope: GenFile;
/**
 * Event is the envelope of every event on the Soma event bus. Its attributes
 * follow CloudEvents 1.0; the payload is a typed protobuf message. Consumers
 * deduplicate by `id` and must skip payload types they do not know.
 *
 * @generated from message soma.events.v1.Event
 */
export type Event = Message<"soma.events.v1.Event"> & {
    /**
     * Required. Unique per event; consumers deduplicate by it.
     *
     * @generated from field: string id = 1;
     */
    id: string;
    /**
     * Required. The producer, for example `//identity.soma/tenants/acme`.
     *
     * @generated from field: string source = 2;
     */
    source: string;
    /**
     * Required. The event type in reverse-dot form, for example
     * `soma.identity.v1.UserCreated`.
     *
     * @generated from field: string type = 3;
     */
    type: string;
    /**
     * Optional. The resource the event is about, for example
     * `tenants/acme/users/bob`.
     *
     * @generated from field: string subject = 4;
     */
    subject: string;
    /**
     * Required. When the change happened.
     *
     * @generated from field: google.protobuf.Timestamp time = 5;
     */
    time?: Timestamp | undefined;
    /**
     * Required. The tenant the event belongs to. Consumers never deliver an
     * event to another tenant.
     *
     * @generated from field: string tenant = 6;
     */
    tenant: string;
    /**
     * Required. The CloudEvents spec version, `1.0`.
     *
     * @generated from field: string spec_version = 7;
     */
    specVersion: string;
    /**
     * Optional. The W3C `traceparent` of the request that caused the event.
     *
     * @generated from field: string trace_parent = 8;
     */
    traceParent: string;
    /**
     * Optional. The request id of the call that caused the event.
     *
     * @generated from field: string request_id = 9;
     */
    requestId: string;
    /**
     * Required. The typed payload; its type URL names the message.
     *
     * @generated from field: google.protobuf.Any data = 10;
     */
    data?: Any | undefined;
};
/**
 * Event is the envelope of every event on the Soma event bus. Its attributes
 * follow CloudEvents 1.0; the payload is a typed protobuf message. Consumers
 * deduplicate by `id` and must skip payload types they do not know.
 *
 * @generated from message soma.events.v1.Event
 */
export type EventJson = {
    /**
     * Required. Unique per event; consumers deduplicate by it.
     *
     * @generated from field: string id = 1;
     */
    id?: string;
    /**
     * Required. The producer, for example `//identity.soma/tenants/acme`.
     *
     * @generated from field: string source = 2;
     */
    source?: string;
    /**
     * Required. The event type in reverse-dot form, for example
     * `soma.identity.v1.UserCreated`.
     *
     * @generated from field: string type = 3;
     */
    type?: string;
    /**
     * Optional. The resource the event is about, for example
     * `tenants/acme/users/bob`.
     *
     * @generated from field: string subject = 4;
     */
    subject?: string;
    /**
     * Required. When the change happened.
     *
     * @generated from field: google.protobuf.Timestamp time = 5;
     */
    time?: TimestampJson;
    /**
     * Required. The tenant the event belongs to. Consumers never deliver an
     * event to another tenant.
     *
     * @generated from field: string tenant = 6;
     */
    tenant?: string;
    /**
     * Required. The CloudEvents spec version, `1.0`.
     *
     * @generated from field: string spec_version = 7;
     */
    specVersion?: string;
    /**
     * Optional. The W3C `traceparent` of the request that caused the event.
     *
     * @generated from field: string trace_parent = 8;
     */
    traceParent?: string;
    /**
     * Optional. The request id of the call that caused the event.
     *
     * @generated from field: string request_id = 9;
     */
    requestId?: string;
    /**
     * Required. The typed payload; its type URL names the message.
     *
     * @generated from field: google.protobuf.Any data = 10;
     */
    data?: AnyJson;
};
/**
 * Describes the message soma.events.v1.Event.
 * Use `create(EventSchema)` to create a new message.
 */
export declare const EventSchema: GenMessage<Event, {
    jsonType: EventJson;
}>;
