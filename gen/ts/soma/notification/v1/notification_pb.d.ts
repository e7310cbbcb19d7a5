import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Severity, SeverityJson } from "../../settings/v1/settings_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/notification/v1/notification.proto.
 */
export declare const file_soma_notification_v1_notification: GenFile;
/**
 * Notification is a message for one user, named
 * `tenants/{tenant}/users/{user}/notifications/{notification}`.
 *
 * @generated from message soma.notification.v1.Notification
 */
export type Notification = Message<"soma.notification.v1.Notification"> & {
    /**
     * Identifier. The resource name.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. How urgent it is.
     *
     * @generated from field: soma.settings.v1.Severity severity = 2;
     */
    severity: Severity;
    /**
     * Output only. One line, at most 200 characters.
     *
     * @generated from field: string title = 3;
     */
    title: string;
    /**
     * Output only. The text, at most 4,000 characters.
     *
     * @generated from field: string body = 4;
     */
    body: string;
    /**
     * Output only. The resource it is about, for example
     * `tenants/acme/sessions/s1`.
     *
     * @generated from field: string subject = 5;
     */
    subject: string;
    /**
     * Output only. What caused it, for example `session.pending_approval`.
     *
     * @generated from field: string topic = 6;
     */
    topic: string;
    /**
     * Output only. Whether it reached the user.
     *
     * @generated from field: soma.notification.v1.DeliveryState delivery_state = 7;
     */
    deliveryState: DeliveryState;
    /**
     * Output only. When it was created.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 8;
     */
    createTime?: Timestamp | undefined;
    /**
     * Output only. When the user acknowledged it; unset until then.
     *
     * @generated from field: google.protobuf.Timestamp ack_time = 9;
     */
    ackTime?: Timestamp | undefined;
    /**
     * Output only. The id of the event it came from.
     *
     * @generated from field: string event_id = 10;
     */
    eventId: string;
};
/**
 * Notification is a message for one user, named
 * `tenants/{tenant}/users/{user}/notifications/{notification}`.
 *
 * @generated from message soma.notification.v1.Notification
 */
export type NotificationJson = {
    /**
     * Identifier. The resource name.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. How urgent it is.
     *
     * @generated from field: soma.settings.v1.Severity severity = 2;
     */
    severity?: SeverityJson;
    /**
     * Output only. One line, at most 200 characters.
     *
     * @generated from field: string title = 3;
     */
    title?: string;
    /**
     * Output only. The text, at most 4,000 characters.
     *
     * @generated from field: string body = 4;
     */
    body?: string;
    /**
     * Output only. The resource it is about, for example
     * `tenants/acme/sessions/s1`.
     *
     * @generated from field: string subject = 5;
     */
    subject?: string;
    /**
     * Output only. What caused it, for example `session.pending_approval`.
     *
     * @generated from field: string topic = 6;
     */
    topic?: string;
    /**
     * Output only. Whether it reached the user.
     *
     * @generated from field: soma.notification.v1.DeliveryState delivery_state = 7;
     */
    deliveryState?: DeliveryStateJson;
    /**
     * Output only. When it was created.
     *
     * @generated from field: google.protobuf.Timestamp create_time = 8;
     */
    createTime?: TimestampJson;
    /**
     * Output only. When the user acknowledged it; unset until then.
     *
     * @generated from field: google.protobuf.Timestamp ack_time = 9;
     */
    ackTime?: TimestampJson;
    /**
     * Output only. The id of the event it came from.
     *
     * @generated from field: string event_id = 10;
     */
    eventId?: string;
};
/**
 * Describes the message soma.notification.v1.Notification.
 * Use `create(NotificationSchema)` to create a new message.
 */
export declare const NotificationSchema: GenMessage<Notification, {
    jsonType: NotificationJson;
}>;
/**
 * NotificationRequested is the payload of the
 * `soma.notification.v1.NotificationRequested` events on topic
 * `notifications.events`: any service asks for people to be told something.
 * Its envelope's tenant is the tenant.
 *
 * @generated from message soma.notification.v1.NotificationRequested
 */
export type NotificationRequested = Message<"soma.notification.v1.NotificationRequested"> & {
    /**
     * Required. The user to tell, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string recipient = 1;
     */
    recipient: string;
    /**
     * Required. How urgent it is.
     *
     * @generated from field: soma.settings.v1.Severity severity = 2;
     */
    severity: Severity;
    /**
     * Required. One line, at most 200 characters.
     *
     * @generated from field: string title = 3;
     */
    title: string;
    /**
     * Optional. The text, at most 4,000 characters.
     *
     * @generated from field: string body = 4;
     */
    body: string;
    /**
     * Optional. The resource it is about.
     *
     * @generated from field: string subject = 5;
     */
    subject: string;
    /**
     * Optional. What caused it, for example `deploy.finished`.
     *
     * @generated from field: string topic = 6;
     */
    topic: string;
};
/**
 * NotificationRequested is the payload of the
 * `soma.notification.v1.NotificationRequested` events on topic
 * `notifications.events`: any service asks for people to be told something.
 * Its envelope's tenant is the tenant.
 *
 * @generated from message soma.notification.v1.NotificationRequested
 */
export type NotificationRequestedJson = {
    /**
     * Required. The user to tell, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string recipient = 1;
     */
    recipient?: string;
    /**
     * Required. How urgent it is.
     *
     * @generated from field: soma.settings.v1.Severity severity = 2;
     */
    severity?: SeverityJson;
    /**
     * Required. One line, at most 200 characters.
     *
     * @generated from field: string title = 3;
     */
    title?: string;
    /**
     * Optional. The text, at most 4,000 characters.
     *
     * @generated from field: string body = 4;
     */
    body?: string;
    /**
     * Optional. The resource it is about.
     *
     * @generated from field: string subject = 5;
     */
    subject?: string;
    /**
     * Optional. What caused it, for example `deploy.finished`.
     *
     * @generated from field: string topic = 6;
     */
    topic?: string;
};
/**
 * Describes the message soma.notification.v1.NotificationRequested.
 * Use `create(NotificationRequestedSchema)` to create a new message.
 */
export declare const NotificationRequestedSchema: GenMessage<NotificationRequested, {
    jsonType: NotificationRequestedJson;
}>;
/**
 * DeliveryState says whether a notification reached its user.
 *
 * @generated from enum soma.notification.v1.DeliveryState
 */
export declare enum DeliveryState {
    /**
     * Not used.
     *
     * @generated from enum value: DELIVERY_STATE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Delivered: streamed to subscribers and posted to the user's webhook.
     *
     * @generated from enum value: DELIVERY_STATE_DELIVERED = 1;
     */
    DELIVERED = 1,
    /**
     * Held by the user's quiet hours; delivered when they end.
     *
     * @generated from enum value: DELIVERY_STATE_HELD = 2;
     */
    HELD = 2,
    /**
     * Below the user's minimum severity: kept, never pushed.
     *
     * @generated from enum value: DELIVERY_STATE_SUPPRESSED = 3;
     */
    SUPPRESSED = 3
}
/**
 * DeliveryState says whether a notification reached its user.
 *
 * @generated from enum soma.notification.v1.DeliveryState
 */
export type DeliveryStateJson = "DELIVERY_STATE_UNSPECIFIED" | "DELIVERY_STATE_DELIVERED" | "DELIVERY_STATE_HELD" | "DELIVERY_STATE_SUPPRESSED";
/**
 * Describes the enum soma.notification.v1.DeliveryState.
 */
export declare const DeliveryStateSchema: GenEnum<DeliveryState, DeliveryStateJson>;
