import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { FieldMask, FieldMaskJson } from "@bufbuild/protobuf/wkt";
import type { ModelProfile, ModelProfileJson, NotificationPreferences, NotificationPreferencesJson, Settings, SettingsJson } from "./settings_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/settings/v1/settings_service.proto.
 */
export declare const file_soma_settings_v1_settings_service: GenFile;
/**
 * Request message for SettingsService.GetSettings.
 *
 * @generated from message soma.settings.v1.GetSettingsRequest
 */
export type GetSettingsRequest = Message<"soma.settings.v1.GetSettingsRequest"> & {
    /**
     * Required. The settings, `tenants/{tenant}/settings`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for SettingsService.GetSettings.
 *
 * @generated from message soma.settings.v1.GetSettingsRequest
 */
export type GetSettingsRequestJson = {
    /**
     * Required. The settings, `tenants/{tenant}/settings`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.settings.v1.GetSettingsRequest.
 * Use `create(GetSettingsRequestSchema)` to create a new message.
 */
export declare const GetSettingsRequestSchema: GenMessage<GetSettingsRequest, {
    jsonType: GetSettingsRequestJson;
}>;
/**
 * Response message for SettingsService.GetSettings.
 *
 * @generated from message soma.settings.v1.GetSettingsResponse
 */
export type GetSettingsResponse = Message<"soma.settings.v1.GetSettingsResponse"> & {
    /**
     * The tenant's settings.
     *
     * @generated from field: soma.settings.v1.Settings settings = 1;
     */
    settings?: Settings | undefined;
};
/**
 * Response message for SettingsService.GetSettings.
 *
 * @generated from message soma.settings.v1.GetSettingsResponse
 */
export type GetSettingsResponseJson = {
    /**
     * The tenant's settings.
     *
     * @generated from field: soma.settings.v1.Settings settings = 1;
     */
    settings?: SettingsJson;
};
/**
 * Describes the message soma.settings.v1.GetSettingsResponse.
 * Use `create(GetSettingsResponseSchema)` to create a new message.
 */
export declare const GetSettingsResponseSchema: GenMessage<GetSettingsResponse, {
    jsonType: GetSettingsResponseJson;
}>;
/**
 * Request message for SettingsService.UpdateSettings.
 *
 * @generated from message soma.settings.v1.UpdateSettingsRequest
 */
export type UpdateSettingsRequest = Message<"soma.settings.v1.UpdateSettingsRequest"> & {
    /**
     * Required. The new settings; `name` says whose.
     *
     * @generated from field: soma.settings.v1.Settings settings = 1;
     */
    settings?: Settings | undefined;
    /**
     * Optional. The fields to change; every writable field when empty.
     *
     * @generated from field: google.protobuf.FieldMask update_mask = 2;
     */
    updateMask?: FieldMask | undefined;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the settings changed since.
     *
     * @generated from field: string etag = 3;
     */
    etag: string;
};
/**
 * Request message for SettingsService.UpdateSettings.
 *
 * @generated from message soma.settings.v1.UpdateSettingsRequest
 */
export type UpdateSettingsRequestJson = {
    /**
     * Required. The new settings; `name` says whose.
     *
     * @generated from field: soma.settings.v1.Settings settings = 1;
     */
    settings?: SettingsJson;
    /**
     * Optional. The fields to change; every writable field when empty.
     *
     * @generated from field: google.protobuf.FieldMask update_mask = 2;
     */
    updateMask?: FieldMaskJson;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the settings changed since.
     *
     * @generated from field: string etag = 3;
     */
    etag?: string;
};
/**
 * Describes the message soma.settings.v1.UpdateSettingsRequest.
 * Use `create(UpdateSettingsRequestSchema)` to create a new message.
 */
export declare const UpdateSettingsRequestSchema: GenMessage<UpdateSettingsRequest, {
    jsonType: UpdateSettingsRequestJson;
}>;
/**
 * Response message for SettingsService.UpdateSettings.
 *
 * @generated from message soma.settings.v1.UpdateSettingsResponse
 */
export type UpdateSettingsResponse = Message<"soma.settings.v1.UpdateSettingsResponse"> & {
    /**
     * The settings as they are now.
     *
     * @generated from field: soma.settings.v1.Settings settings = 1;
     */
    settings?: Settings | undefined;
};
/**
 * Response message for SettingsService.UpdateSettings.
 *
 * @generated from message soma.settings.v1.UpdateSettingsResponse
 */
export type UpdateSettingsResponseJson = {
    /**
     * The settings as they are now.
     *
     * @generated from field: soma.settings.v1.Settings settings = 1;
     */
    settings?: SettingsJson;
};
/**
 * Describes the message soma.settings.v1.UpdateSettingsResponse.
 * Use `create(UpdateSettingsResponseSchema)` to create a new message.
 */
export declare const UpdateSettingsResponseSchema: GenMessage<UpdateSettingsResponse, {
    jsonType: UpdateSettingsResponseJson;
}>;
/**
 * Request message for SettingsService.GetModelProfile.
 *
 * @generated from message soma.settings.v1.GetModelProfileRequest
 */
export type GetModelProfileRequest = Message<"soma.settings.v1.GetModelProfileRequest"> & {
    /**
     * Required. The profile, `tenants/{tenant}/modelProfiles/{role}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for SettingsService.GetModelProfile.
 *
 * @generated from message soma.settings.v1.GetModelProfileRequest
 */
export type GetModelProfileRequestJson = {
    /**
     * Required. The profile, `tenants/{tenant}/modelProfiles/{role}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.settings.v1.GetModelProfileRequest.
 * Use `create(GetModelProfileRequestSchema)` to create a new message.
 */
export declare const GetModelProfileRequestSchema: GenMessage<GetModelProfileRequest, {
    jsonType: GetModelProfileRequestJson;
}>;
/**
 * Response message for SettingsService.GetModelProfile.
 *
 * @generated from message soma.settings.v1.GetModelProfileResponse
 */
export type GetModelProfileResponse = Message<"soma.settings.v1.GetModelProfileResponse"> & {
    /**
     * The model profile.
     *
     * @generated from field: soma.settings.v1.ModelProfile model_profile = 1;
     */
    modelProfile?: ModelProfile | undefined;
};
/**
 * Response message for SettingsService.GetModelProfile.
 *
 * @generated from message soma.settings.v1.GetModelProfileResponse
 */
export type GetModelProfileResponseJson = {
    /**
     * The model profile.
     *
     * @generated from field: soma.settings.v1.ModelProfile model_profile = 1;
     */
    modelProfile?: ModelProfileJson;
};
/**
 * Describes the message soma.settings.v1.GetModelProfileResponse.
 * Use `create(GetModelProfileResponseSchema)` to create a new message.
 */
export declare const GetModelProfileResponseSchema: GenMessage<GetModelProfileResponse, {
    jsonType: GetModelProfileResponseJson;
}>;
/**
 * Request message for SettingsService.ListModelProfiles.
 *
 * @generated from message soma.settings.v1.ListModelProfilesRequest
 */
export type ListModelProfilesRequest = Message<"soma.settings.v1.ListModelProfilesRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
};
/**
 * Request message for SettingsService.ListModelProfiles.
 *
 * @generated from message soma.settings.v1.ListModelProfilesRequest
 */
export type ListModelProfilesRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
};
/**
 * Describes the message soma.settings.v1.ListModelProfilesRequest.
 * Use `create(ListModelProfilesRequestSchema)` to create a new message.
 */
export declare const ListModelProfilesRequestSchema: GenMessage<ListModelProfilesRequest, {
    jsonType: ListModelProfilesRequestJson;
}>;
/**
 * Response message for SettingsService.ListModelProfiles.
 *
 * @generated from message soma.settings.v1.ListModelProfilesResponse
 */
export type ListModelProfilesResponse = Message<"soma.settings.v1.ListModelProfilesResponse"> & {
    /**
     * The tenant's model profiles in role order; a tenant has at most one per
     * role, so the list is never paged.
     *
     * @generated from field: repeated soma.settings.v1.ModelProfile model_profiles = 1;
     */
    modelProfiles: ModelProfile[];
};
/**
 * Response message for SettingsService.ListModelProfiles.
 *
 * @generated from message soma.settings.v1.ListModelProfilesResponse
 */
export type ListModelProfilesResponseJson = {
    /**
     * The tenant's model profiles in role order; a tenant has at most one per
     * role, so the list is never paged.
     *
     * @generated from field: repeated soma.settings.v1.ModelProfile model_profiles = 1;
     */
    modelProfiles?: ModelProfileJson[];
};
/**
 * Describes the message soma.settings.v1.ListModelProfilesResponse.
 * Use `create(ListModelProfilesResponseSchema)` to create a new message.
 */
export declare const ListModelProfilesResponseSchema: GenMessage<ListModelProfilesResponse, {
    jsonType: ListModelProfilesResponseJson;
}>;
/**
 * Request message for SettingsService.UpdateModelProfile.
 *
 * @generated from message soma.settings.v1.UpdateModelProfileRequest
 */
export type UpdateModelProfileRequest = Message<"soma.settings.v1.UpdateModelProfileRequest"> & {
    /**
     * Required. The profile; `name` says which role.
     *
     * @generated from field: soma.settings.v1.ModelProfile model_profile = 1;
     */
    modelProfile?: ModelProfile | undefined;
    /**
     * Optional. The fields to change; every writable field when empty.
     *
     * @generated from field: google.protobuf.FieldMask update_mask = 2;
     */
    updateMask?: FieldMask | undefined;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the profile changed since.
     *
     * @generated from field: string etag = 3;
     */
    etag: string;
    /**
     * Optional. Creates the profile when it does not exist.
     *
     * @generated from field: bool allow_missing = 4;
     */
    allowMissing: boolean;
};
/**
 * Request message for SettingsService.UpdateModelProfile.
 *
 * @generated from message soma.settings.v1.UpdateModelProfileRequest
 */
export type UpdateModelProfileRequestJson = {
    /**
     * Required. The profile; `name` says which role.
     *
     * @generated from field: soma.settings.v1.ModelProfile model_profile = 1;
     */
    modelProfile?: ModelProfileJson;
    /**
     * Optional. The fields to change; every writable field when empty.
     *
     * @generated from field: google.protobuf.FieldMask update_mask = 2;
     */
    updateMask?: FieldMaskJson;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the profile changed since.
     *
     * @generated from field: string etag = 3;
     */
    etag?: string;
    /**
     * Optional. Creates the profile when it does not exist.
     *
     * @generated from field: bool allow_missing = 4;
     */
    allowMissing?: boolean;
};
/**
 * Describes the message soma.settings.v1.UpdateModelProfileRequest.
 * Use `create(UpdateModelProfileRequestSchema)` to create a new message.
 */
export declare const UpdateModelProfileRequestSchema: GenMessage<UpdateModelProfileRequest, {
    jsonType: UpdateModelProfileRequestJson;
}>;
/**
 * Response message for SettingsService.UpdateModelProfile.
 *
 * @generated from message soma.settings.v1.UpdateModelProfileResponse
 */
export type UpdateModelProfileResponse = Message<"soma.settings.v1.UpdateModelProfileResponse"> & {
    /**
     * The profile as it is now.
     *
     * @generated from field: soma.settings.v1.ModelProfile model_profile = 1;
     */
    modelProfile?: ModelProfile | undefined;
};
/**
 * Response message for SettingsService.UpdateModelProfile.
 *
 * @generated from message soma.settings.v1.UpdateModelProfileResponse
 */
export type UpdateModelProfileResponseJson = {
    /**
     * The profile as it is now.
     *
     * @generated from field: soma.settings.v1.ModelProfile model_profile = 1;
     */
    modelProfile?: ModelProfileJson;
};
/**
 * Describes the message soma.settings.v1.UpdateModelProfileResponse.
 * Use `create(UpdateModelProfileResponseSchema)` to create a new message.
 */
export declare const UpdateModelProfileResponseSchema: GenMessage<UpdateModelProfileResponse, {
    jsonType: UpdateModelProfileResponseJson;
}>;
/**
 * Request message for SettingsService.DeleteModelProfile.
 *
 * @generated from message soma.settings.v1.DeleteModelProfileRequest
 */
export type DeleteModelProfileRequest = Message<"soma.settings.v1.DeleteModelProfileRequest"> & {
    /**
     * Required. The profile, `tenants/{tenant}/modelProfiles/{role}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. The etag the caller read; the delete fails with ABORTED when
     * the profile changed since.
     *
     * @generated from field: string etag = 2;
     */
    etag: string;
};
/**
 * Request message for SettingsService.DeleteModelProfile.
 *
 * @generated from message soma.settings.v1.DeleteModelProfileRequest
 */
export type DeleteModelProfileRequestJson = {
    /**
     * Required. The profile, `tenants/{tenant}/modelProfiles/{role}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. The etag the caller read; the delete fails with ABORTED when
     * the profile changed since.
     *
     * @generated from field: string etag = 2;
     */
    etag?: string;
};
/**
 * Describes the message soma.settings.v1.DeleteModelProfileRequest.
 * Use `create(DeleteModelProfileRequestSchema)` to create a new message.
 */
export declare const DeleteModelProfileRequestSchema: GenMessage<DeleteModelProfileRequest, {
    jsonType: DeleteModelProfileRequestJson;
}>;
/**
 * Response message for SettingsService.DeleteModelProfile.
 *
 * @generated from message soma.settings.v1.DeleteModelProfileResponse
 */
export type DeleteModelProfileResponse = Message<"soma.settings.v1.DeleteModelProfileResponse"> & {};
/**
 * Response message for SettingsService.DeleteModelProfile.
 *
 * @generated from message soma.settings.v1.DeleteModelProfileResponse
 */
export type DeleteModelProfileResponseJson = {};
/**
 * Describes the message soma.settings.v1.DeleteModelProfileResponse.
 * Use `create(DeleteModelProfileResponseSchema)` to create a new message.
 */
export declare const DeleteModelProfileResponseSchema: GenMessage<DeleteModelProfileResponse, {
    jsonType: DeleteModelProfileResponseJson;
}>;
/**
 * Request message for SettingsService.GetNotificationPreferences.
 *
 * @generated from message soma.settings.v1.GetNotificationPreferencesRequest
 */
export type GetNotificationPreferencesRequest = Message<"soma.settings.v1.GetNotificationPreferencesRequest"> & {
    /**
     * Required. The preferences,
     * `tenants/{tenant}/users/{user}/notificationPreferences`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for SettingsService.GetNotificationPreferences.
 *
 * @generated from message soma.settings.v1.GetNotificationPreferencesRequest
 */
export type GetNotificationPreferencesRequestJson = {
    /**
     * Required. The preferences,
     * `tenants/{tenant}/users/{user}/notificationPreferences`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.settings.v1.GetNotificationPreferencesRequest.
 * Use `create(GetNotificationPreferencesRequestSchema)` to create a new message.
 */
export declare const GetNotificationPreferencesRequestSchema: GenMessage<GetNotificationPreferencesRequest, {
    jsonType: GetNotificationPreferencesRequestJson;
}>;
/**
 * Response message for SettingsService.GetNotificationPreferences.
 *
 * @generated from message soma.settings.v1.GetNotificationPreferencesResponse
 */
export type GetNotificationPreferencesResponse = Message<"soma.settings.v1.GetNotificationPreferencesResponse"> & {
    /**
     * The user's notification preferences.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 1;
     */
    notificationPreferences?: NotificationPreferences | undefined;
};
/**
 * Response message for SettingsService.GetNotificationPreferences.
 *
 * @generated from message soma.settings.v1.GetNotificationPreferencesResponse
 */
export type GetNotificationPreferencesResponseJson = {
    /**
     * The user's notification preferences.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 1;
     */
    notificationPreferences?: NotificationPreferencesJson;
};
/**
 * Describes the message soma.settings.v1.GetNotificationPreferencesResponse.
 * Use `create(GetNotificationPreferencesResponseSchema)` to create a new message.
 */
export declare const GetNotificationPreferencesResponseSchema: GenMessage<GetNotificationPreferencesResponse, {
    jsonType: GetNotificationPreferencesResponseJson;
}>;
/**
 * Request message for SettingsService.UpdateNotificationPreferences.
 *
 * @generated from message soma.settings.v1.UpdateNotificationPreferencesRequest
 */
export type UpdateNotificationPreferencesRequest = Message<"soma.settings.v1.UpdateNotificationPreferencesRequest"> & {
    /**
     * Required. The new preferences; `name` says whose.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 1;
     */
    notificationPreferences?: NotificationPreferences | undefined;
    /**
     * Optional. The fields to change; every writable field when empty.
     *
     * @generated from field: google.protobuf.FieldMask update_mask = 2;
     */
    updateMask?: FieldMask | undefined;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the preferences changed since.
     *
     * @generated from field: string etag = 3;
     */
    etag: string;
};
/**
 * Request message for SettingsService.UpdateNotificationPreferences.
 *
 * @generated from message soma.settings.v1.UpdateNotificationPreferencesRequest
 */
export type UpdateNotificationPreferencesRequestJson = {
    /**
     * Required. The new preferences; `name` says whose.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 1;
     */
    notificationPreferences?: NotificationPreferencesJson;
    /**
     * Optional. The fields to change; every writable field when empty.
     *
     * @generated from field: google.protobuf.FieldMask update_mask = 2;
     */
    updateMask?: FieldMaskJson;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the preferences changed since.
     *
     * @generated from field: string etag = 3;
     */
    etag?: string;
};
/**
 * Describes the message soma.settings.v1.UpdateNotificationPreferencesRequest.
 * Use `create(UpdateNotificationPreferencesRequestSchema)` to create a new message.
 */
export declare const UpdateNotificationPreferencesRequestSchema: GenMessage<UpdateNotificationPreferencesRequest, {
    jsonType: UpdateNotificationPreferencesRequestJson;
}>;
/**
 * Response message for SettingsService.UpdateNotificationPreferences.
 *
 * @generated from message soma.settings.v1.UpdateNotificationPreferencesResponse
 */
export type UpdateNotificationPreferencesResponse = Message<"soma.settings.v1.UpdateNotificationPreferencesResponse"> & {
    /**
     * The preferences as they are now.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 1;
     */
    notificationPreferences?: NotificationPreferences | undefined;
};
/**
 * Response message for SettingsService.UpdateNotificationPreferences.
 *
 * @generated from message soma.settings.v1.UpdateNotificationPreferencesResponse
 */
export type UpdateNotificationPreferencesResponseJson = {
    /**
     * The preferences as they are now.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 1;
     */
    notificationPreferences?: NotificationPreferencesJson;
};
/**
 * Describes the message soma.settings.v1.UpdateNotificationPreferencesResponse.
 * Use `create(UpdateNotificationPreferencesResponseSchema)` to create a new message.
 */
export declare const UpdateNotificationPreferencesResponseSchema: GenMessage<UpdateNotificationPreferencesResponse, {
    jsonType: UpdateNotificationPreferencesResponseJson;
}>;
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
 * @generated from service soma.settings.v1.SettingsService
 */
export declare const SettingsService: GenService<{
    /**
     * Returns a tenant's settings, the defaults when they were never written.
     *
     * @generated from rpc soma.settings.v1.SettingsService.GetSettings
     */
    getSettings: {
        methodKind: "unary";
        input: typeof GetSettingsRequestSchema;
        output: typeof GetSettingsResponseSchema;
    };
    /**
     * Changes the fields of a tenant's settings that `update_mask` names, or
     * all of them when it is empty. Fails with INVALID_ARGUMENT (FIELD_INVALID)
     * naming each bad field, ABORTED (ETAG_MISMATCH) on a stale etag, and
     * FAILED_PRECONDITION (GUARDRAIL_VIOLATED, metadata `guardrail`) when the
     * new deployment mode forbids an existing model profile.
     *
     * @generated from rpc soma.settings.v1.SettingsService.UpdateSettings
     */
    updateSettings: {
        methodKind: "unary";
        input: typeof UpdateSettingsRequestSchema;
        output: typeof UpdateSettingsResponseSchema;
    };
    /**
     * Returns the model profile of a role. Fails with NOT_FOUND
     * (MODEL_PROFILE_NOT_FOUND) when the tenant has none for it, and
     * INVALID_ARGUMENT (FIELD_INVALID) for an unknown role.
     *
     * @generated from rpc soma.settings.v1.SettingsService.GetModelProfile
     */
    getModelProfile: {
        methodKind: "unary";
        input: typeof GetModelProfileRequestSchema;
        output: typeof GetModelProfileResponseSchema;
    };
    /**
     * Lists a tenant's model profiles in role order.
     *
     * @generated from rpc soma.settings.v1.SettingsService.ListModelProfiles
     */
    listModelProfiles: {
        methodKind: "unary";
        input: typeof ListModelProfilesRequestSchema;
        output: typeof ListModelProfilesResponseSchema;
    };
    /**
     * Changes the fields of a model profile that `update_mask` names (all of
     * them when it is empty), creating the profile when `allow_missing` is
     * set. Fails with INVALID_ARGUMENT (FIELD_INVALID) naming each bad field,
     * NOT_FOUND (MODEL_PROFILE_NOT_FOUND) when it does not exist and
     * `allow_missing` is unset, ABORTED (ETAG_MISMATCH) on a stale etag, and
     * FAILED_PRECONDITION (GUARDRAIL_VIOLATED, metadata `guardrail`) when the
     * tenant's deployment mode forbids the provider.
     *
     * @generated from rpc soma.settings.v1.SettingsService.UpdateModelProfile
     */
    updateModelProfile: {
        methodKind: "unary";
        input: typeof UpdateModelProfileRequestSchema;
        output: typeof UpdateModelProfileResponseSchema;
    };
    /**
     * Deletes a model profile. Fails with NOT_FOUND (MODEL_PROFILE_NOT_FOUND)
     * and ABORTED (ETAG_MISMATCH) on a stale etag.
     *
     * @generated from rpc soma.settings.v1.SettingsService.DeleteModelProfile
     */
    deleteModelProfile: {
        methodKind: "unary";
        input: typeof DeleteModelProfileRequestSchema;
        output: typeof DeleteModelProfileResponseSchema;
    };
    /**
     * Returns a user's notification preferences, the defaults when they were
     * never written.
     *
     * @generated from rpc soma.settings.v1.SettingsService.GetNotificationPreferences
     */
    getNotificationPreferences: {
        methodKind: "unary";
        input: typeof GetNotificationPreferencesRequestSchema;
        output: typeof GetNotificationPreferencesResponseSchema;
    };
    /**
     * Changes the fields of a user's notification preferences that
     * `update_mask` names, or all of them when it is empty. Fails with
     * INVALID_ARGUMENT (FIELD_INVALID) naming each bad field (unknown time
     * zone, malformed or empty quiet hours, bad webhook URL or email) and
     * ABORTED (ETAG_MISMATCH) on a stale etag.
     *
     * @generated from rpc soma.settings.v1.SettingsService.UpdateNotificationPreferences
     */
    updateNotificationPreferences: {
        methodKind: "unary";
        input: typeof UpdateNotificationPreferencesRequestSchema;
        output: typeof UpdateNotificationPreferencesResponseSchema;
    };
}>;
