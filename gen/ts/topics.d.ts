/** Topic of the events carrying `soma.audit.v1.AuditRecorded`. */
export declare const AUDIT_RECORDS = "audit.records";
/** Topic of the events carrying `soma.constitution.v1.ConstitutionUpdated`. */
export declare const CONSTITUTION_UPDATED = "constitution.updated";
/** Topic of the events carrying `soma.identity.v1.TokensRevoked`. */
export declare const IDENTITY_REVOCATIONS = "identity.revocations";
/** Topic of the events carrying `soma.memory.v1.MemoryWritten`. */
export declare const MEMORY_WRITES = "memory.writes";
/** Topic of the events carrying `soma.notification.v1.NotificationRequested`. */
export declare const NOTIFICATIONS_EVENTS = "notifications.events";
/** Topic of the events carrying `soma.orchestrator.v1.SessionEvent`. */
export declare const SESSIONS_EVENTS = "sessions.events";
/** Topic of the events carrying `soma.settings.v1.SettingsChanged`. */
export declare const SETTINGS_CHANGED = "settings.changed";
/** Topic of the events carrying `soma.slm.v1.InferenceMetered`. */
export declare const SLM_METRICS = "slm.metrics";
/** Topic of the events carrying `soma.slm.v1.InferenceRequested`. */
export declare const SLM_REQUESTS = "slm.requests";
/** The full name of the payload message of every topic. */
export declare const TOPIC_PAYLOAD_TYPES: {
    readonly "audit.records": "soma.audit.v1.AuditRecorded";
    readonly "constitution.updated": "soma.constitution.v1.ConstitutionUpdated";
    readonly "identity.revocations": "soma.identity.v1.TokensRevoked";
    readonly "memory.writes": "soma.memory.v1.MemoryWritten";
    readonly "notifications.events": "soma.notification.v1.NotificationRequested";
    readonly "sessions.events": "soma.orchestrator.v1.SessionEvent";
    readonly "settings.changed": "soma.settings.v1.SettingsChanged";
    readonly "slm.metrics": "soma.slm.v1.InferenceMetered";
    readonly "slm.requests": "soma.slm.v1.InferenceRequested";
};
