import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { Notification, NotificationJson } from "./notification_pb.js";
import type { Severity, SeverityJson } from "../../settings/v1/settings_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/notification/v1/notification_service.proto.
 */
export declare const file_soma_notification_v1_notification_service: GenFile;
/**
 * Request message for NotificationService.ListNotifications.
 *
 * @generated from message soma.notification.v1.ListNotificationsRequest
 */
export type ListNotificationsRequest = Message<"soma.notification.v1.ListNotificationsRequest"> & {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Optional. At most this many; 50 when unset, 500 at most.
     *
     * @generated from field: int32 page_size = 2;
     */
    pageSize: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 3;
     */
    pageToken: string;
    /**
     * Optional. Only notifications not acknowledged yet.
     *
     * @generated from field: bool unacked_only = 4;
     */
    unackedOnly: boolean;
    /**
     * Optional. Only notifications at or above this severity.
     *
     * @generated from field: soma.settings.v1.Severity minimum_severity = 5;
     */
    minimumSeverity: Severity;
};
/**
 * Request message for NotificationService.ListNotifications.
 *
 * @generated from message soma.notification.v1.ListNotificationsRequest
 */
export type ListNotificationsRequestJson = {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Optional. At most this many; 50 when unset, 500 at most.
     *
     * @generated from field: int32 page_size = 2;
     */
    pageSize?: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 3;
     */
    pageToken?: string;
    /**
     * Optional. Only notifications not acknowledged yet.
     *
     * @generated from field: bool unacked_only = 4;
     */
    unackedOnly?: boolean;
    /**
     * Optional. Only notifications at or above this severity.
     *
     * @generated from field: soma.settings.v1.Severity minimum_severity = 5;
     */
    minimumSeverity?: SeverityJson;
};
/**
 * Describes the message soma.notification.v1.ListNotificationsRequest.
 * Use `create(ListNotificationsRequestSchema)` to create a new message.
 */
export declare const ListNotificationsRequestSchema: GenMessage<ListNotificationsRequest, {
    jsonType: ListNotificationsRequestJson;
}>;
/**
 * Response message for NotificationService.ListNotifications.
 *
 * @generated from message soma.notification.v1.ListNotificationsResponse
 */
export type ListNotificationsResponse = Message<"soma.notification.v1.ListNotificationsResponse"> & {
    /**
     * The notifications, newest first.
     *
     * @generated from field: repeated soma.notification.v1.Notification notifications = 1;
     */
    notifications: Notification[];
    /**
     * A token for the next page; empty on the last.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for NotificationService.ListNotifications.
 *
 * @generated from message soma.notification.v1.ListNotificationsResponse
 */
export type ListNotificationsResponseJson = {
    /**
     * The notifications, newest first.
     *
     * @generated from field: repeated soma.notification.v1.Notification notifications = 1;
     */
    notifications?: NotificationJson[];
    /**
     * A token for the next page; empty on the last.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.notification.v1.ListNotificationsResponse.
 * Use `create(ListNotificationsResponseSchema)` to create a new message.
 */
export declare const ListNotificationsResponseSchema: GenMessage<ListNotificationsResponse, {
    jsonType: ListNotificationsResponseJson;
}>;
/**
 * Request message for NotificationService.Subscribe.
 *
 * @generated from message soma.notification.v1.SubscribeRequest
 */
export type SubscribeRequest = Message<"soma.notification.v1.SubscribeRequest"> & {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
};
/**
 * Request message for NotificationService.Subscribe.
 *
 * @generated from message soma.notification.v1.SubscribeRequest
 */
export type SubscribeRequestJson = {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
};
/**
 * Describes the message soma.notification.v1.SubscribeRequest.
 * Use `create(SubscribeRequestSchema)` to create a new message.
 */
export declare const SubscribeRequestSchema: GenMessage<SubscribeRequest, {
    jsonType: SubscribeRequestJson;
}>;
/**
 * Response message for NotificationService.Subscribe.
 *
 * @generated from message soma.notification.v1.SubscribeResponse
 */
export type SubscribeResponse = Message<"soma.notification.v1.SubscribeResponse"> & {
    /**
     * One delivered notification.
     *
     * @generated from field: soma.notification.v1.Notification notification = 1;
     */
    notification?: Notification | undefined;
};
/**
 * Response message for NotificationService.Subscribe.
 *
 * @generated from message soma.notification.v1.SubscribeResponse
 */
export type SubscribeResponseJson = {
    /**
     * One delivered notification.
     *
     * @generated from field: soma.notification.v1.Notification notification = 1;
     */
    notification?: NotificationJson;
};
/**
 * Describes the message soma.notification.v1.SubscribeResponse.
 * Use `create(SubscribeResponseSchema)` to create a new message.
 */
export declare const SubscribeResponseSchema: GenMessage<SubscribeResponse, {
    jsonType: SubscribeResponseJson;
}>;
/**
 * Request message for NotificationService.AckNotification.
 *
 * @generated from message soma.notification.v1.AckNotificationRequest
 */
export type AckNotificationRequest = Message<"soma.notification.v1.AckNotificationRequest"> & {
    /**
     * Required. The notification,
     * `tenants/{tenant}/users/{user}/notifications/{notification}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for NotificationService.AckNotification.
 *
 * @generated from message soma.notification.v1.AckNotificationRequest
 */
export type AckNotificationRequestJson = {
    /**
     * Required. The notification,
     * `tenants/{tenant}/users/{user}/notifications/{notification}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.notification.v1.AckNotificationRequest.
 * Use `create(AckNotificationRequestSchema)` to create a new message.
 */
export declare const AckNotificationRequestSchema: GenMessage<AckNotificationRequest, {
    jsonType: AckNotificationRequestJson;
}>;
/**
 * Response message for NotificationService.AckNotification.
 *
 * @generated from message soma.notification.v1.AckNotificationResponse
 */
export type AckNotificationResponse = Message<"soma.notification.v1.AckNotificationResponse"> & {
    /**
     * The acknowledged notification.
     *
     * @generated from field: soma.notification.v1.Notification notification = 1;
     */
    notification?: Notification | undefined;
};
/**
 * Response message for NotificationService.AckNotification.
 *
 * @generated from message soma.notification.v1.AckNotificationResponse
 */
export type AckNotificationResponseJson = {
    /**
     * The acknowledged notification.
     *
     * @generated from field: soma.notification.v1.Notification notification = 1;
     */
    notification?: NotificationJson;
};
/**
 * Describes the message soma.notification.v1.AckNotificationResponse.
 * Use `create(AckNotificationResponseSchema)` to create a new message.
 */
export declare const AckNotificationResponseSchema: GenMessage<AckNotificationResponse, {
    jsonType: AckNotificationResponseJson;
}>;
/**
 * NotificationService tells people what needs them. It consumes
 * `notifications.events` (for example the orchestrator asking each of a
 * tenant's approvers to approve a session) and `sessions.events` (a finished
 * or denied session tells its requester), stores each notification per
 * tenant and user, filters it by the user's notification preferences from
 * settings (minimum severity, quiet hours) and delivers it to subscribers
 * and to the user's webhook, signed with HMAC-SHA256. A user reads only their
 * own notifications. Errors carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * @generated from service soma.notification.v1.NotificationService
 */
export declare const NotificationService: GenService<{
    /**
     * Lists a user's notifications, newest first. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed parent or page token, and
     * PERMISSION_DENIED (CAPABILITY_MISSING) for another user's.
     *
     * @generated from rpc soma.notification.v1.NotificationService.ListNotifications
     */
    listNotifications: {
        methodKind: "unary";
        input: typeof ListNotificationsRequestSchema;
        output: typeof ListNotificationsResponseSchema;
    };
    /**
     * Streams a user's notifications as they are delivered, after the unacked
     * ones already delivered. Through Envoy's REST surface the stream is
     * newline-delimited JSON. Fails like ListNotifications.
     *
     * @generated from rpc soma.notification.v1.NotificationService.Subscribe
     */
    subscribe: {
        methodKind: "server_streaming";
        input: typeof SubscribeRequestSchema;
        output: typeof SubscribeResponseSchema;
    };
    /**
     * Acknowledges a notification; acknowledging twice keeps the first time.
     * Fails with INVALID_ARGUMENT (FIELD_INVALID) on a malformed name,
     * NOT_FOUND (NOTIFICATION_NOT_FOUND), and PERMISSION_DENIED
     * (CAPABILITY_MISSING) for another user's.
     *
     * @generated from rpc soma.notification.v1.NotificationService.AckNotification
     */
    ackNotification: {
        methodKind: "unary";
        input: typeof AckNotificationRequestSchema;
        output: typeof AckNotificationResponseSchema;
    };
}>;
