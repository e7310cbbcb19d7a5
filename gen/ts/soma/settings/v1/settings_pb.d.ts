import type { GenEnum, GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Duration, DurationJson, Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/settings/v1/settings.proto.
 */
export declare const file_soma_settings_v1_settings: GenFile;
/**
 * Guardrail is a rule the tenant's deployment mode imposes.
 *
 * @generated from message soma.settings.v1.Guardrail
 */
export type Guardrail = Message<"soma.settings.v1.Guardrail"> & {
    /**
     * Output only. The guardrail's id, for example `prod-no-local-provider`.
     *
     * @generated from field: string id = 1;
     */
    id: string;
    /**
     * Output only. What the guardrail requires.
     *
     * @generated from field: string description = 2;
     */
    description: string;
    /**
     * Output only. Whether the service refuses changes that break it (true)
     * or it is informational, enforced elsewhere (false).
     *
     * @generated from field: bool enforced = 3;
     */
    enforced: boolean;
};
/**
 * Guardrail is a rule the tenant's deployment mode imposes.
 *
 * @generated from message soma.settings.v1.Guardrail
 */
export type GuardrailJson = {
    /**
     * Output only. The guardrail's id, for example `prod-no-local-provider`.
     *
     * @generated from field: string id = 1;
     */
    id?: string;
    /**
     * Output only. What the guardrail requires.
     *
     * @generated from field: string description = 2;
     */
    description?: string;
    /**
     * Output only. Whether the service refuses changes that break it (true)
     * or it is informational, enforced elsewhere (false).
     *
     * @generated from field: bool enforced = 3;
     */
    enforced?: boolean;
};
/**
 * Describes the message soma.settings.v1.Guardrail.
 * Use `create(GuardrailSchema)` to create a new message.
 */
export declare const GuardrailSchema: GenMessage<Guardrail, {
    jsonType: GuardrailJson;
}>;
/**
 * Settings is a tenant's configuration, the singleton
 * `tenants/{tenant}/settings`. It exists for every tenant; a tenant that
 * never wrote it reads the defaults.
 *
 * @generated from message soma.settings.v1.Settings
 */
export type Settings = Message<"soma.settings.v1.Settings"> & {
    /**
     * Output only. The resource name, `tenants/{tenant}/settings`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. The IANA time zone times are displayed in, for example
     * `Europe/Paris`; `UTC` when unset.
     *
     * @generated from field: string display_time_zone = 2;
     */
    displayTimeZone: string;
    /**
     * Optional. How many days memories and logs are kept; 0 keeps them
     * forever. At most 36500.
     *
     * @generated from field: int32 data_retention_days = 3;
     */
    dataRetentionDays: number;
    /**
     * Optional. The deployment mode of the tenant; the mesh's stage when
     * unset.
     *
     * @generated from field: soma.settings.v1.DeploymentMode deployment_mode = 4;
     */
    deploymentMode: DeploymentMode;
    /**
     * Optional. The BCP 47 language of generated text, for example `en`.
     *
     * @generated from field: string default_language = 5;
     */
    defaultLanguage: string;
    /**
     * Optional. Free-form settings: keys of 1 to 64 letters, digits, dots,
     * hyphens and underscores, values of at most 4096 characters, 100 keys at
     * most.
     *
     * @generated from field: map<string, string> attributes = 6;
     */
    attributes: {
        [key: string]: string;
    };
    /**
     * Output only. The deployment mode in force: `deployment_mode`, or the
     * mesh's stage when unset.
     *
     * @generated from field: soma.settings.v1.DeploymentMode effective_mode = 7;
     */
    effectiveMode: DeploymentMode;
    /**
     * Output only. The guardrails of the effective mode.
     *
     * @generated from field: repeated soma.settings.v1.Guardrail guardrails = 8;
     */
    guardrails: Guardrail[];
    /**
     * Output only. The hash of the settings' content; send it back on update
     * to detect concurrent changes.
     *
     * @generated from field: string etag = 9;
     */
    etag: string;
    /**
     * Output only. When the settings last changed; unset for defaults.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 10;
     */
    updateTime?: Timestamp | undefined;
};
/**
 * Settings is a tenant's configuration, the singleton
 * `tenants/{tenant}/settings`. It exists for every tenant; a tenant that
 * never wrote it reads the defaults.
 *
 * @generated from message soma.settings.v1.Settings
 */
export type SettingsJson = {
    /**
     * Output only. The resource name, `tenants/{tenant}/settings`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. The IANA time zone times are displayed in, for example
     * `Europe/Paris`; `UTC` when unset.
     *
     * @generated from field: string display_time_zone = 2;
     */
    displayTimeZone?: string;
    /**
     * Optional. How many days memories and logs are kept; 0 keeps them
     * forever. At most 36500.
     *
     * @generated from field: int32 data_retention_days = 3;
     */
    dataRetentionDays?: number;
    /**
     * Optional. The deployment mode of the tenant; the mesh's stage when
     * unset.
     *
     * @generated from field: soma.settings.v1.DeploymentMode deployment_mode = 4;
     */
    deploymentMode?: DeploymentModeJson;
    /**
     * Optional. The BCP 47 language of generated text, for example `en`.
     *
     * @generated from field: string default_language = 5;
     */
    defaultLanguage?: string;
    /**
     * Optional. Free-form settings: keys of 1 to 64 letters, digits, dots,
     * hyphens and underscores, values of at most 4096 characters, 100 keys at
     * most.
     *
     * @generated from field: map<string, string> attributes = 6;
     */
    attributes?: {
        [key: string]: string;
    };
    /**
     * Output only. The deployment mode in force: `deployment_mode`, or the
     * mesh's stage when unset.
     *
     * @generated from field: soma.settings.v1.DeploymentMode effective_mode = 7;
     */
    effectiveMode?: DeploymentModeJson;
    /**
     * Output only. The guardrails of the effective mode.
     *
     * @generated from field: repeated soma.settings.v1.Guardrail guardrails = 8;
     */
    guardrails?: GuardrailJson[];
    /**
     * Output only. The hash of the settings' content; send it back on update
     * to detect concurrent changes.
     *
     * @generated from field: string etag = 9;
     */
    etag?: string;
    /**
     * Output only. When the settings last changed; unset for defaults.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 10;
     */
    updateTime?: TimestampJson;
};
/**
 * Describes the message soma.settings.v1.Settings.
 * Use `create(SettingsSchema)` to create a new message.
 */
export declare const SettingsSchema: GenMessage<Settings, {
    jsonType: SettingsJson;
}>;
/**
 * ModelProfile says which model serves a role for a tenant, named
 * `tenants/{tenant}/modelProfiles/{role}` where `{role}` is the role in
 * lower case without its prefix and with hyphens, for example `chat` or
 * `speech-recognition`.
 *
 * @generated from message soma.settings.v1.ModelProfile
 */
export type ModelProfile = Message<"soma.settings.v1.ModelProfile"> & {
    /**
     * Output only. The resource name,
     * `tenants/{tenant}/modelProfiles/{role}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. The role, taken from the name.
     *
     * @generated from field: soma.settings.v1.ModelRole role = 2;
     */
    role: ModelRole;
    /**
     * Required. Who serves the model: `local` (the built-in deterministic
     * provider, refused in prod), `openai`, `anthropic`, `ollama`, `vllm` or
     * `openai-compatible`.
     *
     * @generated from field: string provider = 3;
     */
    provider: string;
    /**
     * Required. The provider's model name, for example `gpt-4o-mini`.
     *
     * @generated from field: string model = 4;
     */
    model: string;
    /**
     * Optional. The provider's endpoint, an http(s) URL; the provider's
     * default when unset.
     *
     * @generated from field: string base_url = 5;
     */
    baseUrl: string;
    /**
     * Optional. Sampling temperature, 0 to 2.
     *
     * @generated from field: double temperature = 6;
     */
    temperature: number;
    /**
     * Optional. At most this many generated tokens; the provider's default
     * when 0.
     *
     * @generated from field: int32 max_tokens = 7;
     */
    maxTokens: number;
    /**
     * Optional. How long one call may take; 60 seconds when unset, at most 10
     * minutes.
     *
     * @generated from field: google.protobuf.Duration timeout = 8;
     */
    timeout?: Duration | undefined;
    /**
     * Optional. Provider-specific parameters, passed through as given.
     *
     * @generated from field: map<string, string> parameters = 9;
     */
    parameters: {
        [key: string]: string;
    };
    /**
     * Output only. The hash of the profile's content.
     *
     * @generated from field: string etag = 10;
     */
    etag: string;
    /**
     * Output only. When the profile last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 11;
     */
    updateTime?: Timestamp | undefined;
};
/**
 * ModelProfile says which model serves a role for a tenant, named
 * `tenants/{tenant}/modelProfiles/{role}` where `{role}` is the role in
 * lower case without its prefix and with hyphens, for example `chat` or
 * `speech-recognition`.
 *
 * @generated from message soma.settings.v1.ModelProfile
 */
export type ModelProfileJson = {
    /**
     * Output only. The resource name,
     * `tenants/{tenant}/modelProfiles/{role}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. The role, taken from the name.
     *
     * @generated from field: soma.settings.v1.ModelRole role = 2;
     */
    role?: ModelRoleJson;
    /**
     * Required. Who serves the model: `local` (the built-in deterministic
     * provider, refused in prod), `openai`, `anthropic`, `ollama`, `vllm` or
     * `openai-compatible`.
     *
     * @generated from field: string provider = 3;
     */
    provider?: string;
    /**
     * Required. The provider's model name, for example `gpt-4o-mini`.
     *
     * @generated from field: string model = 4;
     */
    model?: string;
    /**
     * Optional. The provider's endpoint, an http(s) URL; the provider's
     * default when unset.
     *
     * @generated from field: string base_url = 5;
     */
    baseUrl?: string;
    /**
     * Optional. Sampling temperature, 0 to 2.
     *
     * @generated from field: double temperature = 6;
     */
    temperature?: number | "NaN" | "Infinity" | "-Infinity";
    /**
     * Optional. At most this many generated tokens; the provider's default
     * when 0.
     *
     * @generated from field: int32 max_tokens = 7;
     */
    maxTokens?: number;
    /**
     * Optional. How long one call may take; 60 seconds when unset, at most 10
     * minutes.
     *
     * @generated from field: google.protobuf.Duration timeout = 8;
     */
    timeout?: DurationJson;
    /**
     * Optional. Provider-specific parameters, passed through as given.
     *
     * @generated from field: map<string, string> parameters = 9;
     */
    parameters?: {
        [key: string]: string;
    };
    /**
     * Output only. The hash of the profile's content.
     *
     * @generated from field: string etag = 10;
     */
    etag?: string;
    /**
     * Output only. When the profile last changed.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 11;
     */
    updateTime?: TimestampJson;
};
/**
 * Describes the message soma.settings.v1.ModelProfile.
 * Use `create(ModelProfileSchema)` to create a new message.
 */
export declare const ModelProfileSchema: GenMessage<ModelProfile, {
    jsonType: ModelProfileJson;
}>;
/**
 * QuietHours is a daily window in which only urgent notifications are
 * delivered.
 *
 * @generated from message soma.settings.v1.QuietHours
 */
export type QuietHours = Message<"soma.settings.v1.QuietHours"> & {
    /**
     * Required. The IANA time zone of the window, for example
     * `America/New_York`.
     *
     * @generated from field: string time_zone = 1;
     */
    timeZone: string;
    /**
     * Required. Start of the window, `HH:MM` (24 hours).
     *
     * @generated from field: string start = 2;
     */
    start: string;
    /**
     * Required. End of the window, `HH:MM`; before `start` for a window that
     * spans midnight, never equal to it.
     *
     * @generated from field: string end = 3;
     */
    end: string;
};
/**
 * QuietHours is a daily window in which only urgent notifications are
 * delivered.
 *
 * @generated from message soma.settings.v1.QuietHours
 */
export type QuietHoursJson = {
    /**
     * Required. The IANA time zone of the window, for example
     * `America/New_York`.
     *
     * @generated from field: string time_zone = 1;
     */
    timeZone?: string;
    /**
     * Required. Start of the window, `HH:MM` (24 hours).
     *
     * @generated from field: string start = 2;
     */
    start?: string;
    /**
     * Required. End of the window, `HH:MM`; before `start` for a window that
     * spans midnight, never equal to it.
     *
     * @generated from field: string end = 3;
     */
    end?: string;
};
/**
 * Describes the message soma.settings.v1.QuietHours.
 * Use `create(QuietHoursSchema)` to create a new message.
 */
export declare const QuietHoursSchema: GenMessage<QuietHours, {
    jsonType: QuietHoursJson;
}>;
/**
 * NotificationChannels says where notifications go.
 *
 * @generated from message soma.settings.v1.NotificationChannels
 */
export type NotificationChannels = Message<"soma.settings.v1.NotificationChannels"> & {
    /**
     * Optional. Whether notifications appear in the console.
     *
     * @generated from field: bool in_app = 1;
     */
    inApp: boolean;
    /**
     * Optional. An http(s) URL notifications are posted to.
     *
     * @generated from field: string webhook_url = 2;
     */
    webhookUrl: string;
    /**
     * Optional. An email address notifications are sent to.
     *
     * @generated from field: string email = 3;
     */
    email: string;
};
/**
 * NotificationChannels says where notifications go.
 *
 * @generated from message soma.settings.v1.NotificationChannels
 */
export type NotificationChannelsJson = {
    /**
     * Optional. Whether notifications appear in the console.
     *
     * @generated from field: bool in_app = 1;
     */
    inApp?: boolean;
    /**
     * Optional. An http(s) URL notifications are posted to.
     *
     * @generated from field: string webhook_url = 2;
     */
    webhookUrl?: string;
    /**
     * Optional. An email address notifications are sent to.
     *
     * @generated from field: string email = 3;
     */
    email?: string;
};
/**
 * Describes the message soma.settings.v1.NotificationChannels.
 * Use `create(NotificationChannelsSchema)` to create a new message.
 */
export declare const NotificationChannelsSchema: GenMessage<NotificationChannels, {
    jsonType: NotificationChannelsJson;
}>;
/**
 * NotificationPreferences are a user's notification settings, named
 * `tenants/{tenant}/users/{user}/notificationPreferences`. A user who never
 * wrote them reads the defaults: every severity, in-app only, no quiet
 * hours.
 *
 * @generated from message soma.settings.v1.NotificationPreferences
 */
export type NotificationPreferences = Message<"soma.settings.v1.NotificationPreferences"> & {
    /**
     * Output only. The resource name,
     * `tenants/{tenant}/users/{user}/notificationPreferences`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. No quiet hours when unset.
     *
     * @generated from field: soma.settings.v1.QuietHours quiet_hours = 2;
     */
    quietHours?: QuietHours | undefined;
    /**
     * Optional. Notifications below this severity are not delivered.
     *
     * @generated from field: soma.settings.v1.Severity minimum_severity = 3;
     */
    minimumSeverity: Severity;
    /**
     * Optional. Where notifications go.
     *
     * @generated from field: soma.settings.v1.NotificationChannels channels = 4;
     */
    channels?: NotificationChannels | undefined;
    /**
     * Output only. The hash of the preferences' content.
     *
     * @generated from field: string etag = 5;
     */
    etag: string;
    /**
     * Output only. When the preferences last changed; unset for defaults.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 6;
     */
    updateTime?: Timestamp | undefined;
};
/**
 * NotificationPreferences are a user's notification settings, named
 * `tenants/{tenant}/users/{user}/notificationPreferences`. A user who never
 * wrote them reads the defaults: every severity, in-app only, no quiet
 * hours.
 *
 * @generated from message soma.settings.v1.NotificationPreferences
 */
export type NotificationPreferencesJson = {
    /**
     * Output only. The resource name,
     * `tenants/{tenant}/users/{user}/notificationPreferences`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. No quiet hours when unset.
     *
     * @generated from field: soma.settings.v1.QuietHours quiet_hours = 2;
     */
    quietHours?: QuietHoursJson;
    /**
     * Optional. Notifications below this severity are not delivered.
     *
     * @generated from field: soma.settings.v1.Severity minimum_severity = 3;
     */
    minimumSeverity?: SeverityJson;
    /**
     * Optional. Where notifications go.
     *
     * @generated from field: soma.settings.v1.NotificationChannels channels = 4;
     */
    channels?: NotificationChannelsJson;
    /**
     * Output only. The hash of the preferences' content.
     *
     * @generated from field: string etag = 5;
     */
    etag?: string;
    /**
     * Output only. When the preferences last changed; unset for defaults.
     *
     * @generated from field: google.protobuf.Timestamp update_time = 6;
     */
    updateTime?: TimestampJson;
};
/**
 * Describes the message soma.settings.v1.NotificationPreferences.
 * Use `create(NotificationPreferencesSchema)` to create a new message.
 */
export declare const NotificationPreferencesSchema: GenMessage<NotificationPreferences, {
    jsonType: NotificationPreferencesJson;
}>;
/**
 * SettingsChanged is the payload of the `soma.settings.v1.SettingsChanged`
 * event on topic `settings.changed`: a tenant's settings, a model profile or
 * notification preferences changed. Its envelope's tenant is the tenant and
 * its subject the resource name.
 *
 * @generated from message soma.settings.v1.SettingsChanged
 */
export type SettingsChanged = Message<"soma.settings.v1.SettingsChanged"> & {
    /**
     * Required. The tenant id.
     *
     * @generated from field: string tenant = 1;
     */
    tenant: string;
    /**
     * Required. What changed.
     *
     * @generated from field: soma.settings.v1.ChangeKind kind = 2;
     */
    kind: ChangeKind;
    /**
     * Required. The resource name of what changed.
     *
     * @generated from field: string name = 3;
     */
    name: string;
    /**
     * Optional. The new etag; empty when the resource was deleted.
     *
     * @generated from field: string etag = 4;
     */
    etag: string;
    /**
     * Optional. Whether the resource was deleted.
     *
     * @generated from field: bool deleted = 5;
     */
    deleted: boolean;
    /**
     * Optional. For CHANGE_KIND_NOTIFICATION_PREFERENCES, the preferences as
     * they are after the change, so consumers keep a copy without a call.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 6;
     */
    notificationPreferences?: NotificationPreferences | undefined;
};
/**
 * SettingsChanged is the payload of the `soma.settings.v1.SettingsChanged`
 * event on topic `settings.changed`: a tenant's settings, a model profile or
 * notification preferences changed. Its envelope's tenant is the tenant and
 * its subject the resource name.
 *
 * @generated from message soma.settings.v1.SettingsChanged
 */
export type SettingsChangedJson = {
    /**
     * Required. The tenant id.
     *
     * @generated from field: string tenant = 1;
     */
    tenant?: string;
    /**
     * Required. What changed.
     *
     * @generated from field: soma.settings.v1.ChangeKind kind = 2;
     */
    kind?: ChangeKindJson;
    /**
     * Required. The resource name of what changed.
     *
     * @generated from field: string name = 3;
     */
    name?: string;
    /**
     * Optional. The new etag; empty when the resource was deleted.
     *
     * @generated from field: string etag = 4;
     */
    etag?: string;
    /**
     * Optional. Whether the resource was deleted.
     *
     * @generated from field: bool deleted = 5;
     */
    deleted?: boolean;
    /**
     * Optional. For CHANGE_KIND_NOTIFICATION_PREFERENCES, the preferences as
     * they are after the change, so consumers keep a copy without a call.
     *
     * @generated from field: soma.settings.v1.NotificationPreferences notification_preferences = 6;
     */
    notificationPreferences?: NotificationPreferencesJson;
};
/**
 * Describes the message soma.settings.v1.SettingsChanged.
 * Use `create(SettingsChangedSchema)` to create a new message.
 */
export declare const SettingsChangedSchema: GenMessage<SettingsChanged, {
    jsonType: SettingsChangedJson;
}>;
/**
 * DeploymentMode is the stage whose guardrails a tenant runs under.
 *
 * @generated from enum soma.settings.v1.DeploymentMode
 */
export declare enum DeploymentMode {
    /**
     * Not set: the tenant runs under the stage of the mesh itself.
     *
     * @generated from enum value: DEPLOYMENT_MODE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Development: no guardrails.
     *
     * @generated from enum value: DEPLOYMENT_MODE_DEV = 1;
     */
    DEV = 1,
    /**
     * Staging: production-like, guardrails reported but not enforced.
     *
     * @generated from enum value: DEPLOYMENT_MODE_STAGING = 2;
     */
    STAGING = 2,
    /**
     * Production: every guardrail is enforced.
     *
     * @generated from enum value: DEPLOYMENT_MODE_PROD = 3;
     */
    PROD = 3
}
/**
 * DeploymentMode is the stage whose guardrails a tenant runs under.
 *
 * @generated from enum soma.settings.v1.DeploymentMode
 */
export type DeploymentModeJson = "DEPLOYMENT_MODE_UNSPECIFIED" | "DEPLOYMENT_MODE_DEV" | "DEPLOYMENT_MODE_STAGING" | "DEPLOYMENT_MODE_PROD";
/**
 * Describes the enum soma.settings.v1.DeploymentMode.
 */
export declare const DeploymentModeSchema: GenEnum<DeploymentMode, DeploymentModeJson>;
/**
 * ModelRole is what a model is used for; a tenant has one model profile per
 * role.
 *
 * @generated from enum soma.settings.v1.ModelRole
 */
export declare enum ModelRole {
    /**
     * Not used.
     *
     * @generated from enum value: MODEL_ROLE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Conversation with users.
     *
     * @generated from enum value: MODEL_ROLE_CHAT = 1;
     */
    CHAT = 1,
    /**
     * Planning multi-step work.
     *
     * @generated from enum value: MODEL_ROLE_PLANNING = 2;
     */
    PLANNING = 2,
    /**
     * Writing and reviewing code.
     *
     * @generated from enum value: MODEL_ROLE_CODE = 3;
     */
    CODE = 3,
    /**
     * Turning text into vectors.
     *
     * @generated from enum value: MODEL_ROLE_EMBEDDING = 4;
     */
    EMBEDDING = 4,
    /**
     * Turning speech into text.
     *
     * @generated from enum value: MODEL_ROLE_SPEECH_RECOGNITION = 5;
     */
    SPEECH_RECOGNITION = 5,
    /**
     * Turning text into speech.
     *
     * @generated from enum value: MODEL_ROLE_SPEECH_SYNTHESIS = 6;
     */
    SPEECH_SYNTHESIS = 6
}
/**
 * ModelRole is what a model is used for; a tenant has one model profile per
 * role.
 *
 * @generated from enum soma.settings.v1.ModelRole
 */
export type ModelRoleJson = "MODEL_ROLE_UNSPECIFIED" | "MODEL_ROLE_CHAT" | "MODEL_ROLE_PLANNING" | "MODEL_ROLE_CODE" | "MODEL_ROLE_EMBEDDING" | "MODEL_ROLE_SPEECH_RECOGNITION" | "MODEL_ROLE_SPEECH_SYNTHESIS";
/**
 * Describes the enum soma.settings.v1.ModelRole.
 */
export declare const ModelRoleSchema: GenEnum<ModelRole, ModelRoleJson>;
/**
 * Severity orders notifications by how urgent they are.
 *
 * @generated from enum soma.settings.v1.Severity
 */
export declare enum Severity {
    /**
     * Not set: every notification is delivered.
     *
     * @generated from enum value: SEVERITY_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * Informational.
     *
     * @generated from enum value: SEVERITY_INFO = 1;
     */
    INFO = 1,
    /**
     * Something may need attention.
     *
     * @generated from enum value: SEVERITY_WARNING = 2;
     */
    WARNING = 2,
    /**
     * Something failed.
     *
     * @generated from enum value: SEVERITY_ERROR = 3;
     */
    ERROR = 3,
    /**
     * Something failed and needs attention now.
     *
     * @generated from enum value: SEVERITY_CRITICAL = 4;
     */
    CRITICAL = 4
}
/**
 * Severity orders notifications by how urgent they are.
 *
 * @generated from enum soma.settings.v1.Severity
 */
export type SeverityJson = "SEVERITY_UNSPECIFIED" | "SEVERITY_INFO" | "SEVERITY_WARNING" | "SEVERITY_ERROR" | "SEVERITY_CRITICAL";
/**
 * Describes the enum soma.settings.v1.Severity.
 */
export declare const SeveritySchema: GenEnum<Severity, SeverityJson>;
/**
 * ChangeKind says which kind of resource a SettingsChanged event is about.
 *
 * @generated from enum soma.settings.v1.ChangeKind
 */
export declare enum ChangeKind {
    /**
     * Not used.
     *
     * @generated from enum value: CHANGE_KIND_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * The tenant's Settings.
     *
     * @generated from enum value: CHANGE_KIND_SETTINGS = 1;
     */
    SETTINGS = 1,
    /**
     * A ModelProfile.
     *
     * @generated from enum value: CHANGE_KIND_MODEL_PROFILE = 2;
     */
    MODEL_PROFILE = 2,
    /**
     * A user's NotificationPreferences.
     *
     * @generated from enum value: CHANGE_KIND_NOTIFICATION_PREFERENCES = 3;
     */
    NOTIFICATION_PREFERENCES = 3
}
/**
 * ChangeKind says which kind of resource a SettingsChanged event is about.
 *
 * @generated from enum soma.settings.v1.ChangeKind
 */
export type ChangeKindJson = "CHANGE_KIND_UNSPECIFIED" | "CHANGE_KIND_SETTINGS" | "CHANGE_KIND_MODEL_PROFILE" | "CHANGE_KIND_NOTIFICATION_PREFERENCES";
/**
 * Describes the enum soma.settings.v1.ChangeKind.
 */
export declare const ChangeKindSchema: GenEnum<ChangeKind, ChangeKindJson>;
