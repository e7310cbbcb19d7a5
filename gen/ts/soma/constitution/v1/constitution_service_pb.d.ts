import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Constitution, ConstitutionJson, ConstitutionVersion, ConstitutionVersionJson, Signature, SignatureJson } from "./constitution_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/constitution/v1/constitution_service.proto.
 */
export declare const file_soma_constitution_v1_constitution_service: GenFile;
/**
 * Request message for ConstitutionService.GetActive.
 *
 * @generated from message soma.constitution.v1.GetActiveRequest
 */
export type GetActiveRequest = Message<"soma.constitution.v1.GetActiveRequest"> & {};
/**
 * Request message for ConstitutionService.GetActive.
 *
 * @generated from message soma.constitution.v1.GetActiveRequest
 */
export type GetActiveRequestJson = {};
/**
 * Describes the message soma.constitution.v1.GetActiveRequest.
 * Use `create(GetActiveRequestSchema)` to create a new message.
 */
export declare const GetActiveRequestSchema: GenMessage<GetActiveRequest, {
    jsonType: GetActiveRequestJson;
}>;
/**
 * Response message for ConstitutionService.GetActive.
 *
 * @generated from message soma.constitution.v1.GetActiveResponse
 */
export type GetActiveResponse = Message<"soma.constitution.v1.GetActiveResponse"> & {
    /**
     * The active constitution.
     *
     * @generated from field: soma.constitution.v1.ConstitutionVersion constitution_version = 1;
     */
    constitutionVersion?: ConstitutionVersion | undefined;
};
/**
 * Response message for ConstitutionService.GetActive.
 *
 * @generated from message soma.constitution.v1.GetActiveResponse
 */
export type GetActiveResponseJson = {
    /**
     * The active constitution.
     *
     * @generated from field: soma.constitution.v1.ConstitutionVersion constitution_version = 1;
     */
    constitutionVersion?: ConstitutionVersionJson;
};
/**
 * Describes the message soma.constitution.v1.GetActiveResponse.
 * Use `create(GetActiveResponseSchema)` to create a new message.
 */
export declare const GetActiveResponseSchema: GenMessage<GetActiveResponse, {
    jsonType: GetActiveResponseJson;
}>;
/**
 * Request message for ConstitutionService.GetChecksum.
 *
 * @generated from message soma.constitution.v1.GetChecksumRequest
 */
export type GetChecksumRequest = Message<"soma.constitution.v1.GetChecksumRequest"> & {};
/**
 * Request message for ConstitutionService.GetChecksum.
 *
 * @generated from message soma.constitution.v1.GetChecksumRequest
 */
export type GetChecksumRequestJson = {};
/**
 * Describes the message soma.constitution.v1.GetChecksumRequest.
 * Use `create(GetChecksumRequestSchema)` to create a new message.
 */
export declare const GetChecksumRequestSchema: GenMessage<GetChecksumRequest, {
    jsonType: GetChecksumRequestJson;
}>;
/**
 * Response message for ConstitutionService.GetChecksum.
 *
 * @generated from message soma.constitution.v1.GetChecksumResponse
 */
export type GetChecksumResponse = Message<"soma.constitution.v1.GetChecksumResponse"> & {
    /**
     * The checksum of the active constitution.
     *
     * @generated from field: string checksum = 1;
     */
    checksum: string;
    /**
     * The version of the active constitution.
     *
     * @generated from field: string version = 2;
     */
    version: string;
    /**
     * When it became active.
     *
     * @generated from field: google.protobuf.Timestamp activate_time = 3;
     */
    activateTime?: Timestamp | undefined;
};
/**
 * Response message for ConstitutionService.GetChecksum.
 *
 * @generated from message soma.constitution.v1.GetChecksumResponse
 */
export type GetChecksumResponseJson = {
    /**
     * The checksum of the active constitution.
     *
     * @generated from field: string checksum = 1;
     */
    checksum?: string;
    /**
     * The version of the active constitution.
     *
     * @generated from field: string version = 2;
     */
    version?: string;
    /**
     * When it became active.
     *
     * @generated from field: google.protobuf.Timestamp activate_time = 3;
     */
    activateTime?: TimestampJson;
};
/**
 * Describes the message soma.constitution.v1.GetChecksumResponse.
 * Use `create(GetChecksumResponseSchema)` to create a new message.
 */
export declare const GetChecksumResponseSchema: GenMessage<GetChecksumResponse, {
    jsonType: GetChecksumResponseJson;
}>;
/**
 * Request message for ConstitutionService.Validate.
 *
 * @generated from message soma.constitution.v1.ValidateRequest
 */
export type ValidateRequest = Message<"soma.constitution.v1.ValidateRequest"> & {
    /**
     * Required. What to check.
     *
     * @generated from oneof soma.constitution.v1.ValidateRequest.target
     */
    target: {
        /**
         * A document to check as Load would.
         *
         * @generated from field: soma.constitution.v1.Constitution constitution = 1;
         */
        value: Constitution;
        case: "constitution";
    } | {
        /**
         * A checksum to compare with the active constitution's.
         *
         * @generated from field: string checksum = 2;
         */
        value: string;
        case: "checksum";
    } | {
        case: undefined;
        value?: undefined;
    };
    /**
     * Optional. Signatures to verify with the document.
     *
     * @generated from field: repeated soma.constitution.v1.Signature signatures = 3;
     */
    signatures: Signature[];
};
/**
 * Request message for ConstitutionService.Validate.
 *
 * @generated from message soma.constitution.v1.ValidateRequest
 */
export type ValidateRequestJson = {
    /**
     * A document to check as Load would.
     *
     * @generated from field: soma.constitution.v1.Constitution constitution = 1;
     */
    constitution?: ConstitutionJson;
    /**
     * A checksum to compare with the active constitution's.
     *
     * @generated from field: string checksum = 2;
     */
    checksum?: string;
    /**
     * Optional. Signatures to verify with the document.
     *
     * @generated from field: repeated soma.constitution.v1.Signature signatures = 3;
     */
    signatures?: SignatureJson[];
};
/**
 * Describes the message soma.constitution.v1.ValidateRequest.
 * Use `create(ValidateRequestSchema)` to create a new message.
 */
export declare const ValidateRequestSchema: GenMessage<ValidateRequest, {
    jsonType: ValidateRequestJson;
}>;
/**
 * ValidationProblem is one reason Load would refuse a document.
 *
 * @generated from message soma.constitution.v1.ValidationProblem
 */
export type ValidationProblem = Message<"soma.constitution.v1.ValidationProblem"> & {
    /**
     * The field at fault, as a path from the request, for example
     * `constitution.rules[2].expression` or `signatures[0].signature`.
     *
     * @generated from field: string field = 1;
     */
    field: string;
    /**
     * What is wrong, for example the CEL compiler's message.
     *
     * @generated from field: string description = 2;
     */
    description: string;
    /**
     * The ErrorInfo reason Load would fail with, for example `FIELD_INVALID`,
     * `CONSTITUTION_SIGNATURE_INVALID`, `CONSTITUTION_QUORUM_NOT_MET`,
     * `CONSTITUTION_VERSION_EXISTS` or `CONSTITUTION_CHECKSUM_MISMATCH`.
     *
     * @generated from field: string reason = 3;
     */
    reason: string;
};
/**
 * ValidationProblem is one reason Load would refuse a document.
 *
 * @generated from message soma.constitution.v1.ValidationProblem
 */
export type ValidationProblemJson = {
    /**
     * The field at fault, as a path from the request, for example
     * `constitution.rules[2].expression` or `signatures[0].signature`.
     *
     * @generated from field: string field = 1;
     */
    field?: string;
    /**
     * What is wrong, for example the CEL compiler's message.
     *
     * @generated from field: string description = 2;
     */
    description?: string;
    /**
     * The ErrorInfo reason Load would fail with, for example `FIELD_INVALID`,
     * `CONSTITUTION_SIGNATURE_INVALID`, `CONSTITUTION_QUORUM_NOT_MET`,
     * `CONSTITUTION_VERSION_EXISTS` or `CONSTITUTION_CHECKSUM_MISMATCH`.
     *
     * @generated from field: string reason = 3;
     */
    reason?: string;
};
/**
 * Describes the message soma.constitution.v1.ValidationProblem.
 * Use `create(ValidationProblemSchema)` to create a new message.
 */
export declare const ValidationProblemSchema: GenMessage<ValidationProblem, {
    jsonType: ValidationProblemJson;
}>;
/**
 * Response message for ConstitutionService.Validate.
 *
 * @generated from message soma.constitution.v1.ValidateResponse
 */
export type ValidateResponse = Message<"soma.constitution.v1.ValidateResponse"> & {
    /**
     * The checksum of the document, or the checksum that was asked about.
     *
     * @generated from field: string checksum = 1;
     */
    checksum: string;
    /**
     * Whether there are no problems: Load would accept the document with these
     * signatures, or the checksum is the active one.
     *
     * @generated from field: bool valid = 2;
     */
    valid: boolean;
    /**
     * Every problem found; empty when `valid`.
     *
     * @generated from field: repeated soma.constitution.v1.ValidationProblem problems = 3;
     */
    problems: ValidationProblem[];
    /**
     * The trusted signers whose signatures verify, sorted.
     *
     * @generated from field: repeated string signers = 4;
     */
    signers: string[];
    /**
     * Whether the checksum is the active constitution's.
     *
     * @generated from field: bool active = 5;
     */
    active: boolean;
    /**
     * The checksum of the active constitution; empty before the first load.
     *
     * @generated from field: string active_checksum = 6;
     */
    activeChecksum: string;
    /**
     * The document's version, or the version loaded under the checksum asked
     * about (empty when none was).
     *
     * @generated from field: string version = 7;
     */
    version: string;
};
/**
 * Response message for ConstitutionService.Validate.
 *
 * @generated from message soma.constitution.v1.ValidateResponse
 */
export type ValidateResponseJson = {
    /**
     * The checksum of the document, or the checksum that was asked about.
     *
     * @generated from field: string checksum = 1;
     */
    checksum?: string;
    /**
     * Whether there are no problems: Load would accept the document with these
     * signatures, or the checksum is the active one.
     *
     * @generated from field: bool valid = 2;
     */
    valid?: boolean;
    /**
     * Every problem found; empty when `valid`.
     *
     * @generated from field: repeated soma.constitution.v1.ValidationProblem problems = 3;
     */
    problems?: ValidationProblemJson[];
    /**
     * The trusted signers whose signatures verify, sorted.
     *
     * @generated from field: repeated string signers = 4;
     */
    signers?: string[];
    /**
     * Whether the checksum is the active constitution's.
     *
     * @generated from field: bool active = 5;
     */
    active?: boolean;
    /**
     * The checksum of the active constitution; empty before the first load.
     *
     * @generated from field: string active_checksum = 6;
     */
    activeChecksum?: string;
    /**
     * The document's version, or the version loaded under the checksum asked
     * about (empty when none was).
     *
     * @generated from field: string version = 7;
     */
    version?: string;
};
/**
 * Describes the message soma.constitution.v1.ValidateResponse.
 * Use `create(ValidateResponseSchema)` to create a new message.
 */
export declare const ValidateResponseSchema: GenMessage<ValidateResponse, {
    jsonType: ValidateResponseJson;
}>;
/**
 * Request message for ConstitutionService.Load.
 *
 * @generated from message soma.constitution.v1.LoadRequest
 */
export type LoadRequest = Message<"soma.constitution.v1.LoadRequest"> & {
    /**
     * Required. The document to load.
     *
     * @generated from field: soma.constitution.v1.Constitution constitution = 1;
     */
    constitution?: Constitution | undefined;
    /**
     * Optional. The signatures over its checksum; at least the quorum of
     * trusted signers must have signed. At most one per signer.
     *
     * @generated from field: repeated soma.constitution.v1.Signature signatures = 2;
     */
    signatures: Signature[];
    /**
     * Optional. Load only if this is still the active checksum (use '' for
     * "whatever is active"); detects concurrent loads.
     *
     * @generated from field: string expected_active_checksum = 3;
     */
    expectedActiveChecksum: string;
};
/**
 * Request message for ConstitutionService.Load.
 *
 * @generated from message soma.constitution.v1.LoadRequest
 */
export type LoadRequestJson = {
    /**
     * Required. The document to load.
     *
     * @generated from field: soma.constitution.v1.Constitution constitution = 1;
     */
    constitution?: ConstitutionJson;
    /**
     * Optional. The signatures over its checksum; at least the quorum of
     * trusted signers must have signed. At most one per signer.
     *
     * @generated from field: repeated soma.constitution.v1.Signature signatures = 2;
     */
    signatures?: SignatureJson[];
    /**
     * Optional. Load only if this is still the active checksum (use '' for
     * "whatever is active"); detects concurrent loads.
     *
     * @generated from field: string expected_active_checksum = 3;
     */
    expectedActiveChecksum?: string;
};
/**
 * Describes the message soma.constitution.v1.LoadRequest.
 * Use `create(LoadRequestSchema)` to create a new message.
 */
export declare const LoadRequestSchema: GenMessage<LoadRequest, {
    jsonType: LoadRequestJson;
}>;
/**
 * Response message for ConstitutionService.Load.
 *
 * @generated from message soma.constitution.v1.LoadResponse
 */
export type LoadResponse = Message<"soma.constitution.v1.LoadResponse"> & {
    /**
     * The loaded constitution, now the active one.
     *
     * @generated from field: soma.constitution.v1.ConstitutionVersion constitution_version = 1;
     */
    constitutionVersion?: ConstitutionVersion | undefined;
    /**
     * Whether the active constitution changed; false when this document was
     * the active one already.
     *
     * @generated from field: bool changed = 2;
     */
    changed: boolean;
};
/**
 * Response message for ConstitutionService.Load.
 *
 * @generated from message soma.constitution.v1.LoadResponse
 */
export type LoadResponseJson = {
    /**
     * The loaded constitution, now the active one.
     *
     * @generated from field: soma.constitution.v1.ConstitutionVersion constitution_version = 1;
     */
    constitutionVersion?: ConstitutionVersionJson;
    /**
     * Whether the active constitution changed; false when this document was
     * the active one already.
     *
     * @generated from field: bool changed = 2;
     */
    changed?: boolean;
};
/**
 * Describes the message soma.constitution.v1.LoadResponse.
 * Use `create(LoadResponseSchema)` to create a new message.
 */
export declare const LoadResponseSchema: GenMessage<LoadResponse, {
    jsonType: LoadResponseJson;
}>;
/**
 * Request message for ConstitutionService.ListVersions.
 *
 * @generated from message soma.constitution.v1.ListVersionsRequest
 */
export type ListVersionsRequest = Message<"soma.constitution.v1.ListVersionsRequest"> & {
    /**
     * Optional. At most this many versions; 20 when unset, 100 at most.
     *
     * @generated from field: int32 page_size = 1;
     */
    pageSize: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 2;
     */
    pageToken: string;
};
/**
 * Request message for ConstitutionService.ListVersions.
 *
 * @generated from message soma.constitution.v1.ListVersionsRequest
 */
export type ListVersionsRequestJson = {
    /**
     * Optional. At most this many versions; 20 when unset, 100 at most.
     *
     * @generated from field: int32 page_size = 1;
     */
    pageSize?: number;
    /**
     * Optional. The `next_page_token` of a previous response.
     *
     * @generated from field: string page_token = 2;
     */
    pageToken?: string;
};
/**
 * Describes the message soma.constitution.v1.ListVersionsRequest.
 * Use `create(ListVersionsRequestSchema)` to create a new message.
 */
export declare const ListVersionsRequestSchema: GenMessage<ListVersionsRequest, {
    jsonType: ListVersionsRequestJson;
}>;
/**
 * Response message for ConstitutionService.ListVersions.
 *
 * @generated from message soma.constitution.v1.ListVersionsResponse
 */
export type ListVersionsResponse = Message<"soma.constitution.v1.ListVersionsResponse"> & {
    /**
     * The versions of this page, the most recently loaded first.
     *
     * @generated from field: repeated soma.constitution.v1.ConstitutionVersion constitution_versions = 1;
     */
    constitutionVersions: ConstitutionVersion[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for ConstitutionService.ListVersions.
 *
 * @generated from message soma.constitution.v1.ListVersionsResponse
 */
export type ListVersionsResponseJson = {
    /**
     * The versions of this page, the most recently loaded first.
     *
     * @generated from field: repeated soma.constitution.v1.ConstitutionVersion constitution_versions = 1;
     */
    constitutionVersions?: ConstitutionVersionJson[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.constitution.v1.ListVersionsResponse.
 * Use `create(ListVersionsResponseSchema)` to create a new message.
 */
export declare const ListVersionsResponseSchema: GenMessage<ListVersionsResponse, {
    jsonType: ListVersionsResponseJson;
}>;
/**
 * Request message for ConstitutionService.Rollback.
 *
 * @generated from message soma.constitution.v1.RollbackRequest
 */
export type RollbackRequest = Message<"soma.constitution.v1.RollbackRequest"> & {
    /**
     * Required. The constitution to activate again.
     *
     * @generated from oneof soma.constitution.v1.RollbackRequest.target
     */
    target: {
        /**
         * Its version.
         *
         * @generated from field: string version = 1;
         */
        value: string;
        case: "version";
    } | {
        /**
         * Its checksum.
         *
         * @generated from field: string checksum = 2;
         */
        value: string;
        case: "checksum";
    } | {
        case: undefined;
        value?: undefined;
    };
    /**
     * Optional. Roll back only if this is still the active checksum; detects
     * concurrent changes.
     *
     * @generated from field: string expected_active_checksum = 3;
     */
    expectedActiveChecksum: string;
};
/**
 * Request message for ConstitutionService.Rollback.
 *
 * @generated from message soma.constitution.v1.RollbackRequest
 */
export type RollbackRequestJson = {
    /**
     * Its version.
     *
     * @generated from field: string version = 1;
     */
    version?: string;
    /**
     * Its checksum.
     *
     * @generated from field: string checksum = 2;
     */
    checksum?: string;
    /**
     * Optional. Roll back only if this is still the active checksum; detects
     * concurrent changes.
     *
     * @generated from field: string expected_active_checksum = 3;
     */
    expectedActiveChecksum?: string;
};
/**
 * Describes the message soma.constitution.v1.RollbackRequest.
 * Use `create(RollbackRequestSchema)` to create a new message.
 */
export declare const RollbackRequestSchema: GenMessage<RollbackRequest, {
    jsonType: RollbackRequestJson;
}>;
/**
 * Response message for ConstitutionService.Rollback.
 *
 * @generated from message soma.constitution.v1.RollbackResponse
 */
export type RollbackResponse = Message<"soma.constitution.v1.RollbackResponse"> & {
    /**
     * The constitution that is active now.
     *
     * @generated from field: soma.constitution.v1.ConstitutionVersion constitution_version = 1;
     */
    constitutionVersion?: ConstitutionVersion | undefined;
    /**
     * Whether the active constitution changed; false when it was the active
     * one already.
     *
     * @generated from field: bool changed = 2;
     */
    changed: boolean;
};
/**
 * Response message for ConstitutionService.Rollback.
 *
 * @generated from message soma.constitution.v1.RollbackResponse
 */
export type RollbackResponseJson = {
    /**
     * The constitution that is active now.
     *
     * @generated from field: soma.constitution.v1.ConstitutionVersion constitution_version = 1;
     */
    constitutionVersion?: ConstitutionVersionJson;
    /**
     * Whether the active constitution changed; false when it was the active
     * one already.
     *
     * @generated from field: bool changed = 2;
     */
    changed?: boolean;
};
/**
 * Describes the message soma.constitution.v1.RollbackResponse.
 * Use `create(RollbackResponseSchema)` to create a new message.
 */
export declare const RollbackResponseSchema: GenMessage<RollbackResponse, {
    jsonType: RollbackResponseJson;
}>;
/**
 * ConstitutionService keeps the platform-wide constitution: it verifies the
 * signatures and the CEL rules of a document before it loads it, activates
 * one version at a time, rolls back to an earlier one, and announces every
 * change on topic `constitution.updated`. Clients send the active checksum
 * on each call as metadata `x-soma-constitution`. Reads of the active
 * constitution are public: every agent and client may read the rules it is
 * held to. Errors carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * @generated from service soma.constitution.v1.ConstitutionService
 */
export declare const ConstitutionService: GenService<{
    /**
     * Returns the active constitution. Fails with NOT_FOUND
     * (CONSTITUTION_NOT_FOUND) before the first one is loaded. Public: it needs
     * no token.
     *
     * @generated from rpc soma.constitution.v1.ConstitutionService.GetActive
     */
    getActive: {
        methodKind: "unary";
        input: typeof GetActiveRequestSchema;
        output: typeof GetActiveResponseSchema;
    };
    /**
     * Returns the checksum and version of the active constitution, for clients
     * that only need the value of `x-soma-constitution`. Fails with NOT_FOUND
     * (CONSTITUTION_NOT_FOUND) before the first one is loaded. Public: it needs
     * no token.
     *
     * @generated from rpc soma.constitution.v1.ConstitutionService.GetChecksum
     */
    getChecksum: {
        methodKind: "unary";
        input: typeof GetChecksumRequestSchema;
        output: typeof GetChecksumResponseSchema;
    };
    /**
     * Checks a document and its signatures exactly as Load would, without
     * loading it, and reports every problem instead of failing; or checks
     * whether a checksum is the active one. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) only when neither a document nor a checksum is given.
     *
     * @generated from rpc soma.constitution.v1.ConstitutionService.Validate
     */
    validate: {
        methodKind: "unary";
        input: typeof ValidateRequestSchema;
        output: typeof ValidateResponseSchema;
    };
    /**
     * Verifies a signed document and makes it the active constitution, in one
     * transaction with the `constitution.updated` event. Loading the active
     * document again changes nothing; loading an earlier one activates it
     * again. Fails with INVALID_ARGUMENT (FIELD_INVALID) naming each malformed
     * field, including every rule whose CEL expression does not compile
     * (`constitution.rules[i].expression`); INVALID_ARGUMENT
     * (CONSTITUTION_SIGNATURE_INVALID) when a trusted signer's signature does not
     * verify (metadata `signerId`); FAILED_PRECONDITION
     * (CONSTITUTION_QUORUM_NOT_MET) when fewer trusted signers signed than the
     * quorum (metadata `have`, `need`); ALREADY_EXISTS
     * (CONSTITUTION_VERSION_EXISTS) when another document was loaded under the
     * same version; ABORTED (ETAG_MISMATCH) when `expected_active_checksum` is
     * no longer the active one.
     *
     * @generated from rpc soma.constitution.v1.ConstitutionService.Load
     */
    load: {
        methodKind: "unary";
        input: typeof LoadRequestSchema;
        output: typeof LoadResponseSchema;
    };
    /**
     * Lists the loaded constitutions, the most recently loaded first.
     *
     * @generated from rpc soma.constitution.v1.ConstitutionService.ListVersions
     */
    listVersions: {
        methodKind: "unary";
        input: typeof ListVersionsRequestSchema;
        output: typeof ListVersionsResponseSchema;
    };
    /**
     * Makes a previously loaded constitution the active one again, with the
     * `constitution.updated` event. Its signatures are verified again against
     * the signers trusted now. Rolling back to the active version changes
     * nothing. Fails with NOT_FOUND (CONSTITUTION_NOT_FOUND) when no such version
     * was loaded, FAILED_PRECONDITION (CONSTITUTION_QUORUM_NOT_MET) when its
     * signers are no longer trusted enough, ABORTED (ETAG_MISMATCH) when
     * `expected_active_checksum` is no longer the active one.
     *
     * @generated from rpc soma.constitution.v1.ConstitutionService.Rollback
     */
    rollback: {
        methodKind: "unary";
        input: typeof RollbackRequestSchema;
        output: typeof RollbackResponseSchema;
    };
}>;
