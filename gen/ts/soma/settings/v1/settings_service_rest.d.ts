import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { DeleteModelProfileRequestSchema, DeleteModelProfileResponseSchema, GetModelProfileRequestSchema, GetModelProfileResponseSchema, GetNotificationPreferencesRequestSchema, GetNotificationPreferencesResponseSchema, GetSettingsRequestSchema, GetSettingsResponseSchema, ListModelProfilesRequestSchema, ListModelProfilesResponseSchema, UpdateModelProfileRequestSchema, UpdateModelProfileResponseSchema, UpdateNotificationPreferencesRequestSchema, UpdateNotificationPreferencesResponseSchema, UpdateSettingsRequestSchema, UpdateSettingsResponseSchema } from "./settings_service_pb.js";
/**
 * REST bindings of soma.settings.v1.SettingsService, from the google.api.http rules of its RPCs.
 */
export declare const SettingsServiceRest: {
    readonly getSettings: {
        readonly name: "soma.settings.v1.SettingsService.GetSettings";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetSettingsRequest, {
            jsonType: import("./settings_service_pb.js").GetSettingsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetSettingsResponse, {
            jsonType: import("./settings_service_pb.js").GetSettingsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/settings";
            }];
            readonly body: "";
        };
    };
    readonly updateSettings: {
        readonly name: "soma.settings.v1.SettingsService.UpdateSettings";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateSettingsRequest, {
            jsonType: import("./settings_service_pb.js").UpdateSettingsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateSettingsResponse, {
            jsonType: import("./settings_service_pb.js").UpdateSettingsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "PATCH";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["settings", "name"];
                readonly pattern: "tenants/*/settings";
            }];
            readonly body: "settings";
        };
    };
    readonly getModelProfile: {
        readonly name: "soma.settings.v1.SettingsService.GetModelProfile";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetModelProfileRequest, {
            jsonType: import("./settings_service_pb.js").GetModelProfileRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetModelProfileResponse, {
            jsonType: import("./settings_service_pb.js").GetModelProfileResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/modelProfiles/*";
            }];
            readonly body: "";
        };
    };
    readonly listModelProfiles: {
        readonly name: "soma.settings.v1.SettingsService.ListModelProfiles";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").ListModelProfilesRequest, {
            jsonType: import("./settings_service_pb.js").ListModelProfilesRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").ListModelProfilesResponse, {
            jsonType: import("./settings_service_pb.js").ListModelProfilesResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/modelProfiles"];
            readonly body: "";
        };
    };
    readonly updateModelProfile: {
        readonly name: "soma.settings.v1.SettingsService.UpdateModelProfile";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateModelProfileRequest, {
            jsonType: import("./settings_service_pb.js").UpdateModelProfileRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateModelProfileResponse, {
            jsonType: import("./settings_service_pb.js").UpdateModelProfileResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "PATCH";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["modelProfile", "name"];
                readonly pattern: "tenants/*/modelProfiles/*";
            }];
            readonly body: "modelProfile";
        };
    };
    readonly deleteModelProfile: {
        readonly name: "soma.settings.v1.SettingsService.DeleteModelProfile";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").DeleteModelProfileRequest, {
            jsonType: import("./settings_service_pb.js").DeleteModelProfileRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.settings.v1.DeleteModelProfileResponse">, {
            jsonType: import("./settings_service_pb.js").DeleteModelProfileResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "DELETE";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/modelProfiles/*";
            }];
            readonly body: "";
        };
    };
    readonly getNotificationPreferences: {
        readonly name: "soma.settings.v1.SettingsService.GetNotificationPreferences";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetNotificationPreferencesRequest, {
            jsonType: import("./settings_service_pb.js").GetNotificationPreferencesRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetNotificationPreferencesResponse, {
            jsonType: import("./settings_service_pb.js").GetNotificationPreferencesResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/users/*/notificationPreferences";
            }];
            readonly body: "";
        };
    };
    readonly updateNotificationPreferences: {
        readonly name: "soma.settings.v1.SettingsService.UpdateNotificationPreferences";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateNotificationPreferencesRequest, {
            jsonType: import("./settings_service_pb.js").UpdateNotificationPreferencesRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateNotificationPreferencesResponse, {
            jsonType: import("./settings_service_pb.js").UpdateNotificationPreferencesResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "PATCH";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["notificationPreferences", "name"];
                readonly pattern: "tenants/*/users/*/notificationPreferences";
            }];
            readonly body: "notificationPreferences";
        };
    };
};
/**
 * SettingsService keeps each tenant's configuration: its settings
 * (`tenants/{tenant}/settings`), one model profile per role
 * (`tenants/{tenant}/modelProfiles/{role}`) and each user's notification
 * preferences (`tenants/{tenant}/users/{user}/notificationPreferences`). It
 * enforces the guardrails of the tenant's deployment mode and announces
 * every change on topic `settings.changed`. Every resource carries an etag,
 * the hash of its content; updates that send a stale etag fail with ABORTED
 * (ETAG_MISMATCH, metadata `currentEtag`). Errors carry
 * `google.rpc.ErrorInfo` with a reason from `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.settings.v1.SettingsService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class SettingsServiceClient {
    static readonly serviceName = "soma.settings.v1.SettingsService";
    static readonly methods: {
        readonly getSettings: {
            readonly name: "soma.settings.v1.SettingsService.GetSettings";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetSettingsRequest, {
                jsonType: import("./settings_service_pb.js").GetSettingsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetSettingsResponse, {
                jsonType: import("./settings_service_pb.js").GetSettingsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/settings";
                }];
                readonly body: "";
            };
        };
        readonly updateSettings: {
            readonly name: "soma.settings.v1.SettingsService.UpdateSettings";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateSettingsRequest, {
                jsonType: import("./settings_service_pb.js").UpdateSettingsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateSettingsResponse, {
                jsonType: import("./settings_service_pb.js").UpdateSettingsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "PATCH";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["settings", "name"];
                    readonly pattern: "tenants/*/settings";
                }];
                readonly body: "settings";
            };
        };
        readonly getModelProfile: {
            readonly name: "soma.settings.v1.SettingsService.GetModelProfile";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetModelProfileRequest, {
                jsonType: import("./settings_service_pb.js").GetModelProfileRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetModelProfileResponse, {
                jsonType: import("./settings_service_pb.js").GetModelProfileResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/modelProfiles/*";
                }];
                readonly body: "";
            };
        };
        readonly listModelProfiles: {
            readonly name: "soma.settings.v1.SettingsService.ListModelProfiles";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").ListModelProfilesRequest, {
                jsonType: import("./settings_service_pb.js").ListModelProfilesRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").ListModelProfilesResponse, {
                jsonType: import("./settings_service_pb.js").ListModelProfilesResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/modelProfiles"];
                readonly body: "";
            };
        };
        readonly updateModelProfile: {
            readonly name: "soma.settings.v1.SettingsService.UpdateModelProfile";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateModelProfileRequest, {
                jsonType: import("./settings_service_pb.js").UpdateModelProfileRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateModelProfileResponse, {
                jsonType: import("./settings_service_pb.js").UpdateModelProfileResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "PATCH";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["modelProfile", "name"];
                    readonly pattern: "tenants/*/modelProfiles/*";
                }];
                readonly body: "modelProfile";
            };
        };
        readonly deleteModelProfile: {
            readonly name: "soma.settings.v1.SettingsService.DeleteModelProfile";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").DeleteModelProfileRequest, {
                jsonType: import("./settings_service_pb.js").DeleteModelProfileRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.settings.v1.DeleteModelProfileResponse">, {
                jsonType: import("./settings_service_pb.js").DeleteModelProfileResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "DELETE";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/modelProfiles/*";
                }];
                readonly body: "";
            };
        };
        readonly getNotificationPreferences: {
            readonly name: "soma.settings.v1.SettingsService.GetNotificationPreferences";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetNotificationPreferencesRequest, {
                jsonType: import("./settings_service_pb.js").GetNotificationPreferencesRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").GetNotificationPreferencesResponse, {
                jsonType: import("./settings_service_pb.js").GetNotificationPreferencesResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/users/*/notificationPreferences";
                }];
                readonly body: "";
            };
        };
        readonly updateNotificationPreferences: {
            readonly name: "soma.settings.v1.SettingsService.UpdateNotificationPreferences";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateNotificationPreferencesRequest, {
                jsonType: import("./settings_service_pb.js").UpdateNotificationPreferencesRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./settings_service_pb.js").UpdateNotificationPreferencesResponse, {
                jsonType: import("./settings_service_pb.js").UpdateNotificationPreferencesResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "PATCH";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["notificationPreferences", "name"];
                    readonly pattern: "tenants/*/users/*/notificationPreferences";
                }];
                readonly body: "notificationPreferences";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Returns a tenant's settings, the defaults when they were never written.
     *
     * `GET /v1/{name=tenants/*\/settings}`
     */
    getSettings(request: MessageInitShape<typeof GetSettingsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetSettingsResponseSchema>>;
    /**
     * Changes the fields of a tenant's settings that `update_mask` names, or
     * all of them when it is empty. Fails with INVALID_ARGUMENT (FIELD_INVALID)
     * naming each bad field, ABORTED (ETAG_MISMATCH) on a stale etag, and
     * FAILED_PRECONDITION (GUARDRAIL_VIOLATED, metadata `guardrail`) when the
     * new deployment mode forbids an existing model profile.
     *
     * `PATCH /v1/{settings.name=tenants/*\/settings}` (body: `settings`)
     */
    updateSettings(request: MessageInitShape<typeof UpdateSettingsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof UpdateSettingsResponseSchema>>;
    /**
     * Returns the model profile of a role. Fails with NOT_FOUND
     * (MODEL_PROFILE_NOT_FOUND) when the tenant has none for it, and
     * INVALID_ARGUMENT (FIELD_INVALID) for an unknown role.
     *
     * `GET /v1/{name=tenants/*\/modelProfiles/*}`
     */
    getModelProfile(request: MessageInitShape<typeof GetModelProfileRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetModelProfileResponseSchema>>;
    /**
     * Lists a tenant's model profiles in role order.
     *
     * `GET /v1/{parent=tenants/*}/modelProfiles`
     */
    listModelProfiles(request: MessageInitShape<typeof ListModelProfilesRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListModelProfilesResponseSchema>>;
    /**
     * Changes the fields of a model profile that `update_mask` names (all of
     * them when it is empty), creating the profile when `allow_missing` is
     * set. Fails with INVALID_ARGUMENT (FIELD_INVALID) naming each bad field,
     * NOT_FOUND (MODEL_PROFILE_NOT_FOUND) when it does not exist and
     * `allow_missing` is unset, ABORTED (ETAG_MISMATCH) on a stale etag, and
     * FAILED_PRECONDITION (GUARDRAIL_VIOLATED, metadata `guardrail`) when the
     * tenant's deployment mode forbids the provider.
     *
     * `PATCH /v1/{model_profile.name=tenants/*\/modelProfiles/*}` (body: `model_profile`)
     */
    updateModelProfile(request: MessageInitShape<typeof UpdateModelProfileRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof UpdateModelProfileResponseSchema>>;
    /**
     * Deletes a model profile. Fails with NOT_FOUND (MODEL_PROFILE_NOT_FOUND)
     * and ABORTED (ETAG_MISMATCH) on a stale etag.
     *
     * `DELETE /v1/{name=tenants/*\/modelProfiles/*}`
     */
    deleteModelProfile(request: MessageInitShape<typeof DeleteModelProfileRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof DeleteModelProfileResponseSchema>>;
    /**
     * Returns a user's notification preferences, the defaults when they were
     * never written.
     *
     * `GET /v1/{name=tenants/*\/users/*\/notificationPreferences}`
     */
    getNotificationPreferences(request: MessageInitShape<typeof GetNotificationPreferencesRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetNotificationPreferencesResponseSchema>>;
    /**
     * Changes the fields of a user's notification preferences that
     * `update_mask` names, or all of them when it is empty. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) naming each bad field (unknown time
     * zone, malformed or empty quiet hours, bad webhook URL or email) and
     * ABORTED (ETAG_MISMATCH) on a stale etag.
     *
     * `PATCH /v1/{notification_preferences.name=tenants/*\/users/*\/notificationPreferences}` (body: `notification_preferences`)
     */
    updateNotificationPreferences(request: MessageInitShape<typeof UpdateNotificationPreferencesRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof UpdateNotificationPreferencesResponseSchema>>;
}
