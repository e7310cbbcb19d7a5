import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { AckNotificationRequestSchema, AckNotificationResponseSchema, ListNotificationsRequestSchema, ListNotificationsResponseSchema, SubscribeRequestSchema, SubscribeResponseSchema } from "./notification_service_pb.js";
/**
 * REST bindings of soma.notification.v1.NotificationService, from the google.api.http rules of its RPCs.
 */
export declare const NotificationServiceRest: {
    readonly listNotifications: {
        readonly name: "soma.notification.v1.NotificationService.ListNotifications";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").ListNotificationsRequest, {
            jsonType: import("./notification_service_pb.js").ListNotificationsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").ListNotificationsResponse, {
            jsonType: import("./notification_service_pb.js").ListNotificationsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*/users/*";
            }, "/notifications"];
            readonly body: "";
        };
    };
    readonly subscribe: {
        readonly name: "soma.notification.v1.NotificationService.Subscribe";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").SubscribeRequest, {
            jsonType: import("./notification_service_pb.js").SubscribeRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").SubscribeResponse, {
            jsonType: import("./notification_service_pb.js").SubscribeResponseJson;
        }>;
        readonly serverStreaming: true;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*/users/*";
            }, "/notifications:subscribe"];
            readonly body: "";
        };
    };
    readonly ackNotification: {
        readonly name: "soma.notification.v1.NotificationService.AckNotification";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").AckNotificationRequest, {
            jsonType: import("./notification_service_pb.js").AckNotificationRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").AckNotificationResponse, {
            jsonType: import("./notification_service_pb.js").AckNotificationResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/users/*/notifications/*";
            }, ":ack"];
            readonly body: "*";
        };
    };
};
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
 * The REST client of soma.notification.v1.NotificationService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class NotificationServiceClient {
    static readonly serviceName = "soma.notification.v1.NotificationService";
    static readonly methods: {
        readonly listNotifications: {
            readonly name: "soma.notification.v1.NotificationService.ListNotifications";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").ListNotificationsRequest, {
                jsonType: import("./notification_service_pb.js").ListNotificationsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").ListNotificationsResponse, {
                jsonType: import("./notification_service_pb.js").ListNotificationsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*/users/*";
                }, "/notifications"];
                readonly body: "";
            };
        };
        readonly subscribe: {
            readonly name: "soma.notification.v1.NotificationService.Subscribe";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").SubscribeRequest, {
                jsonType: import("./notification_service_pb.js").SubscribeRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").SubscribeResponse, {
                jsonType: import("./notification_service_pb.js").SubscribeResponseJson;
            }>;
            readonly serverStreaming: true;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*/users/*";
                }, "/notifications:subscribe"];
                readonly body: "";
            };
        };
        readonly ackNotification: {
            readonly name: "soma.notification.v1.NotificationService.AckNotification";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").AckNotificationRequest, {
                jsonType: import("./notification_service_pb.js").AckNotificationRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./notification_service_pb.js").AckNotificationResponse, {
                jsonType: import("./notification_service_pb.js").AckNotificationResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/users/*/notifications/*";
                }, ":ack"];
                readonly body: "*";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Lists a user's notifications, newest first. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) on a malformed parent or page token, and
     * PERMISSION_DENIED (CAPABILITY_MISSING) for another user's.
     *
     * `GET /v1/{parent=tenants/*\/users/*}/notifications`
     */
    listNotifications(request: MessageInitShape<typeof ListNotificationsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListNotificationsResponseSchema>>;
    /**
     * Streams a user's notifications as they are delivered, after the unacked
     * ones already delivered. Through Envoy's REST surface the stream is
     * newline-delimited JSON. Fails like ListNotifications.
     *
     * `GET /v1/{parent=tenants/*\/users/*}/notifications:subscribe`
     */
    subscribe(request: MessageInitShape<typeof SubscribeRequestSchema>, options?: CallOptions): AsyncGenerator<MessageShape<typeof SubscribeResponseSchema>, void, undefined>;
    /**
     * Acknowledges a notification; acknowledging twice keeps the first time.
     * Fails with INVALID_ARGUMENT (FIELD_INVALID) on a malformed name,
     * NOT_FOUND (NOTIFICATION_NOT_FOUND), and PERMISSION_DENIED
     * (CAPABILITY_MISSING) for another user's.
     *
     * `POST /v1/{name=tenants/*\/users/*\/notifications/*}:ack` (body: `*`)
     */
    ackNotification(request: MessageInitShape<typeof AckNotificationRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof AckNotificationResponseSchema>>;
}
