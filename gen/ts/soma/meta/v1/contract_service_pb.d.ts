import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/meta/v1/contract_service.proto.
 */
export declare const file_soma_meta_v1_contract_service: GenFile;
/**
 * Request message for ContractService.GetContractInfo.
 *
 * @generated from message soma.meta.v1.GetContractInfoRequest
 */
export type GetContractInfoRequest = Message<"soma.meta.v1.GetContractInfoRequest"> & {};
/**
 * Request message for ContractService.GetContractInfo.
 *
 * @generated from message soma.meta.v1.GetContractInfoRequest
 */
export type GetContractInfoRequestJson = {};
/**
 * Describes the message soma.meta.v1.GetContractInfoRequest.
 * Use `create(GetContractInfoRequestSchema)` to create a new message.
 */
export declare const GetContractInfoRequestSchema: GenMessage<GetContractInfoRequest, {
    jsonType: GetContractInfoRequestJson;
}>;
/**
 * Response message for ContractService.GetContractInfo: the contract the
 * server was built against.
 *
 * @generated from message soma.meta.v1.GetContractInfoResponse
 */
export type GetContractInfoResponse = Message<"soma.meta.v1.GetContractInfoResponse"> & {
    /**
     * Output only. The contract version the server implements, semver.
     *
     * @generated from field: string current_version = 1;
     */
    currentVersion: string;
    /**
     * Output only. Clients older than this are refused with
     * FAILED_PRECONDITION (reason CONTRACT_VERSION_UNSUPPORTED).
     *
     * @generated from field: string min_supported_version = 2;
     */
    minSupportedVersion: string;
    /**
     * Output only. Clients older than this work but should upgrade.
     *
     * @generated from field: string recommended_version = 3;
     */
    recommendedVersion: string;
    /**
     * Output only. The services of the mesh and their versions.
     *
     * @generated from field: repeated soma.meta.v1.ServedService services = 4;
     */
    services: ServedService[];
};
/**
 * Response message for ContractService.GetContractInfo: the contract the
 * server was built against.
 *
 * @generated from message soma.meta.v1.GetContractInfoResponse
 */
export type GetContractInfoResponseJson = {
    /**
     * Output only. The contract version the server implements, semver.
     *
     * @generated from field: string current_version = 1;
     */
    currentVersion?: string;
    /**
     * Output only. Clients older than this are refused with
     * FAILED_PRECONDITION (reason CONTRACT_VERSION_UNSUPPORTED).
     *
     * @generated from field: string min_supported_version = 2;
     */
    minSupportedVersion?: string;
    /**
     * Output only. Clients older than this work but should upgrade.
     *
     * @generated from field: string recommended_version = 3;
     */
    recommendedVersion?: string;
    /**
     * Output only. The services of the mesh and their versions.
     *
     * @generated from field: repeated soma.meta.v1.ServedService services = 4;
     */
    services?: ServedServiceJson[];
};
/**
 * Describes the message soma.meta.v1.GetContractInfoResponse.
 * Use `create(GetContractInfoResponseSchema)` to create a new message.
 */
export declare const GetContractInfoResponseSchema: GenMessage<GetContractInfoResponse, {
    jsonType: GetContractInfoResponseJson;
}>;
/**
 * ServedService is one gRPC service offered by the mesh.
 *
 * @generated from message soma.meta.v1.ServedService
 */
export type ServedService = Message<"soma.meta.v1.ServedService"> & {
    /**
     * Output only. The full service name, for example
     * `soma.identity.v1.IdentityService`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Output only. The major version of its package, for example `v1`.
     *
     * @generated from field: string api_version = 2;
     */
    apiVersion: string;
    /**
     * Output only. The domain that serves it, for example `identity`.
     *
     * @generated from field: string domain = 3;
     */
    domain: string;
};
/**
 * ServedService is one gRPC service offered by the mesh.
 *
 * @generated from message soma.meta.v1.ServedService
 */
export type ServedServiceJson = {
    /**
     * Output only. The full service name, for example
     * `soma.identity.v1.IdentityService`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Output only. The major version of its package, for example `v1`.
     *
     * @generated from field: string api_version = 2;
     */
    apiVersion?: string;
    /**
     * Output only. The domain that serves it, for example `identity`.
     *
     * @generated from field: string domain = 3;
     */
    domain?: string;
};
/**
 * Describes the message soma.meta.v1.ServedService.
 * Use `create(ServedServiceSchema)` to create a new message.
 */
export declare const ServedServiceSchema: GenMessage<ServedService, {
    jsonType: ServedServiceJson;
}>;
/**
 * ContractService tells clients which contract version the mesh speaks, so
 * that they can refuse to run, or warn, before they make real calls.
 *
 * @generated from service soma.meta.v1.ContractService
 */
export declare const ContractService: GenService<{
    /**
     * Returns the contract versions of the mesh and the services it serves.
     * Public: it needs no token.
     *
     * @generated from rpc soma.meta.v1.ContractService.GetContractInfo
     */
    getContractInfo: {
        methodKind: "unary";
        input: typeof GetContractInfoRequestSchema;
        output: typeof GetContractInfoResponseSchema;
    };
}>;
