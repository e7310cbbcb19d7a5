import { type RestTransport, type TransportOptions } from "./rest/index.js";
import { AuditServiceClient } from "./soma/audit/v1/audit_service_rest.js";
import { ConstitutionServiceClient } from "./soma/constitution/v1/constitution_service_rest.js";
import { IdentityServiceClient } from "./soma/identity/v1/identity_service_rest.js";
import { MemoryServiceClient } from "./soma/memory/v1/memory_service_rest.js";
import { ContractServiceClient } from "./soma/meta/v1/contract_service_rest.js";
import { NotificationServiceClient } from "./soma/notification/v1/notification_service_rest.js";
import { SessionServiceClient } from "./soma/orchestrator/v1/session_service_rest.js";
import { PolicyServiceClient } from "./soma/policy/v1/policy_service_rest.js";
import { SettingsServiceClient } from "./soma/settings/v1/settings_service_rest.js";
import { SlmServiceClient } from "./soma/slm/v1/slm_service_rest.js";
/** Every service of the contracts: its full name, the domain (mesh process) serving it, its client. */
export declare const MESH_SERVICES: readonly [{
    readonly name: "soma.audit.v1.AuditService";
    readonly domain: "audit";
    readonly version: "v1";
    readonly client: typeof AuditServiceClient;
}, {
    readonly name: "soma.constitution.v1.ConstitutionService";
    readonly domain: "constitution";
    readonly version: "v1";
    readonly client: typeof ConstitutionServiceClient;
}, {
    readonly name: "soma.identity.v1.IdentityService";
    readonly domain: "identity";
    readonly version: "v1";
    readonly client: typeof IdentityServiceClient;
}, {
    readonly name: "soma.memory.v1.MemoryService";
    readonly domain: "memory";
    readonly version: "v1";
    readonly client: typeof MemoryServiceClient;
}, {
    readonly name: "soma.meta.v1.ContractService";
    readonly domain: "meta";
    readonly version: "v1";
    readonly client: typeof ContractServiceClient;
}, {
    readonly name: "soma.notification.v1.NotificationService";
    readonly domain: "notification";
    readonly version: "v1";
    readonly client: typeof NotificationServiceClient;
}, {
    readonly name: "soma.orchestrator.v1.SessionService";
    readonly domain: "orchestrator";
    readonly version: "v1";
    readonly client: typeof SessionServiceClient;
}, {
    readonly name: "soma.policy.v1.PolicyService";
    readonly domain: "policy";
    readonly version: "v1";
    readonly client: typeof PolicyServiceClient;
}, {
    readonly name: "soma.settings.v1.SettingsService";
    readonly domain: "settings";
    readonly version: "v1";
    readonly client: typeof SettingsServiceClient;
}, {
    readonly name: "soma.slm.v1.SlmService";
    readonly domain: "slm";
    readonly version: "v1";
    readonly client: typeof SlmServiceClient;
}];
/** One client per service on one transport, keyed by domain (`<domain><Service>` if a domain has more). */
export declare function createSomaClient(target: RestTransport | TransportOptions): {
    audit: AuditServiceClient;
    constitution: ConstitutionServiceClient;
    identity: IdentityServiceClient;
    memory: MemoryServiceClient;
    meta: ContractServiceClient;
    notification: NotificationServiceClient;
    orchestrator: SessionServiceClient;
    policy: PolicyServiceClient;
    settings: SettingsServiceClient;
    slm: SlmServiceClient;
};
/** The clients of every service, as createSomaClient returns them. */
export type SomaClient = ReturnType<typeof createSomaClient>;
