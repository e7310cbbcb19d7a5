import type { GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { Duration, DurationJson, Timestamp, TimestampJson } from "@bufbuild/protobuf/wkt";
import type { Account, AccountJson, JsonWebKey, JsonWebKeyJson, Membership, MembershipJson, OidcProvider, OidcProviderJson, Role, RoleJson, SignInOptions, SignInOptionsJson, SignInSession, SignInSessionJson, Tenant, TenantJson, TokenRevocation, TokenRevocationJson, TrainingLock, TrainingLockJson, User, UserJson } from "./identity_pb.js";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file soma/identity/v1/identity_service.proto.
 */
export declare const file_soma_identity_v1_identity_service: GenFile;
/**
 * Request message for IdentityService.CreateTenant.
 *
 * @generated from message soma.identity.v1.CreateTenantRequest
 */
export type CreateTenantRequest = Message<"soma.identity.v1.CreateTenantRequest"> & {
    /**
     * Required. The tenant id: 3 to 40 characters of lowercase letters, digits
     * and hyphens, starting with a letter. It becomes `tenants/{tenant_id}`.
     *
     * @generated from field: string tenant_id = 1;
     */
    tenantId: string;
    /**
     * Required. The tenant to create.
     *
     * @generated from field: soma.identity.v1.Tenant tenant = 2;
     */
    tenant?: Tenant | undefined;
};
/**
 * Request message for IdentityService.CreateTenant.
 *
 * @generated from message soma.identity.v1.CreateTenantRequest
 */
export type CreateTenantRequestJson = {
    /**
     * Required. The tenant id: 3 to 40 characters of lowercase letters, digits
     * and hyphens, starting with a letter. It becomes `tenants/{tenant_id}`.
     *
     * @generated from field: string tenant_id = 1;
     */
    tenantId?: string;
    /**
     * Required. The tenant to create.
     *
     * @generated from field: soma.identity.v1.Tenant tenant = 2;
     */
    tenant?: TenantJson;
};
/**
 * Describes the message soma.identity.v1.CreateTenantRequest.
 * Use `create(CreateTenantRequestSchema)` to create a new message.
 */
export declare const CreateTenantRequestSchema: GenMessage<CreateTenantRequest, {
    jsonType: CreateTenantRequestJson;
}>;
/**
 * Response message for IdentityService.CreateTenant.
 *
 * @generated from message soma.identity.v1.CreateTenantResponse
 */
export type CreateTenantResponse = Message<"soma.identity.v1.CreateTenantResponse"> & {
    /**
     * The created tenant.
     *
     * @generated from field: soma.identity.v1.Tenant tenant = 1;
     */
    tenant?: Tenant | undefined;
};
/**
 * Response message for IdentityService.CreateTenant.
 *
 * @generated from message soma.identity.v1.CreateTenantResponse
 */
export type CreateTenantResponseJson = {
    /**
     * The created tenant.
     *
     * @generated from field: soma.identity.v1.Tenant tenant = 1;
     */
    tenant?: TenantJson;
};
/**
 * Describes the message soma.identity.v1.CreateTenantResponse.
 * Use `create(CreateTenantResponseSchema)` to create a new message.
 */
export declare const CreateTenantResponseSchema: GenMessage<CreateTenantResponse, {
    jsonType: CreateTenantResponseJson;
}>;
/**
 * Request message for IdentityService.GetTenant.
 *
 * @generated from message soma.identity.v1.GetTenantRequest
 */
export type GetTenantRequest = Message<"soma.identity.v1.GetTenantRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.GetTenant.
 *
 * @generated from message soma.identity.v1.GetTenantRequest
 */
export type GetTenantRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.GetTenantRequest.
 * Use `create(GetTenantRequestSchema)` to create a new message.
 */
export declare const GetTenantRequestSchema: GenMessage<GetTenantRequest, {
    jsonType: GetTenantRequestJson;
}>;
/**
 * Response message for IdentityService.GetTenant.
 *
 * @generated from message soma.identity.v1.GetTenantResponse
 */
export type GetTenantResponse = Message<"soma.identity.v1.GetTenantResponse"> & {
    /**
     * The tenant.
     *
     * @generated from field: soma.identity.v1.Tenant tenant = 1;
     */
    tenant?: Tenant | undefined;
};
/**
 * Response message for IdentityService.GetTenant.
 *
 * @generated from message soma.identity.v1.GetTenantResponse
 */
export type GetTenantResponseJson = {
    /**
     * The tenant.
     *
     * @generated from field: soma.identity.v1.Tenant tenant = 1;
     */
    tenant?: TenantJson;
};
/**
 * Describes the message soma.identity.v1.GetTenantResponse.
 * Use `create(GetTenantResponseSchema)` to create a new message.
 */
export declare const GetTenantResponseSchema: GenMessage<GetTenantResponse, {
    jsonType: GetTenantResponseJson;
}>;
/**
 * Request message for IdentityService.ListTenants.
 *
 * @generated from message soma.identity.v1.ListTenantsRequest
 */
export type ListTenantsRequest = Message<"soma.identity.v1.ListTenantsRequest"> & {
    /**
     * Optional. At most this many tenants; 50 when unset, 500 at most.
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
 * Request message for IdentityService.ListTenants.
 *
 * @generated from message soma.identity.v1.ListTenantsRequest
 */
export type ListTenantsRequestJson = {
    /**
     * Optional. At most this many tenants; 50 when unset, 500 at most.
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
 * Describes the message soma.identity.v1.ListTenantsRequest.
 * Use `create(ListTenantsRequestSchema)` to create a new message.
 */
export declare const ListTenantsRequestSchema: GenMessage<ListTenantsRequest, {
    jsonType: ListTenantsRequestJson;
}>;
/**
 * Response message for IdentityService.ListTenants.
 *
 * @generated from message soma.identity.v1.ListTenantsResponse
 */
export type ListTenantsResponse = Message<"soma.identity.v1.ListTenantsResponse"> & {
    /**
     * The tenants of this page.
     *
     * @generated from field: repeated soma.identity.v1.Tenant tenants = 1;
     */
    tenants: Tenant[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for IdentityService.ListTenants.
 *
 * @generated from message soma.identity.v1.ListTenantsResponse
 */
export type ListTenantsResponseJson = {
    /**
     * The tenants of this page.
     *
     * @generated from field: repeated soma.identity.v1.Tenant tenants = 1;
     */
    tenants?: TenantJson[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.identity.v1.ListTenantsResponse.
 * Use `create(ListTenantsResponseSchema)` to create a new message.
 */
export declare const ListTenantsResponseSchema: GenMessage<ListTenantsResponse, {
    jsonType: ListTenantsResponseJson;
}>;
/**
 * Request message for IdentityService.CreateUser.
 *
 * @generated from message soma.identity.v1.CreateUserRequest
 */
export type CreateUserRequest = Message<"soma.identity.v1.CreateUserRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Required. The user id: 1 to 63 characters of lowercase letters, digits,
     * dots and hyphens, starting with a letter or digit.
     *
     * @generated from field: string user_id = 2;
     */
    userId: string;
    /**
     * Required. The user to create.
     *
     * @generated from field: soma.identity.v1.User user = 3;
     */
    user?: User | undefined;
    /**
     * Optional. The role of the user's membership; ROLE_MEMBER when unset.
     *
     * @generated from field: soma.identity.v1.Role role = 4;
     */
    role: Role;
};
/**
 * Request message for IdentityService.CreateUser.
 *
 * @generated from message soma.identity.v1.CreateUserRequest
 */
export type CreateUserRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Required. The user id: 1 to 63 characters of lowercase letters, digits,
     * dots and hyphens, starting with a letter or digit.
     *
     * @generated from field: string user_id = 2;
     */
    userId?: string;
    /**
     * Required. The user to create.
     *
     * @generated from field: soma.identity.v1.User user = 3;
     */
    user?: UserJson;
    /**
     * Optional. The role of the user's membership; ROLE_MEMBER when unset.
     *
     * @generated from field: soma.identity.v1.Role role = 4;
     */
    role?: RoleJson;
};
/**
 * Describes the message soma.identity.v1.CreateUserRequest.
 * Use `create(CreateUserRequestSchema)` to create a new message.
 */
export declare const CreateUserRequestSchema: GenMessage<CreateUserRequest, {
    jsonType: CreateUserRequestJson;
}>;
/**
 * Response message for IdentityService.CreateUser.
 *
 * @generated from message soma.identity.v1.CreateUserResponse
 */
export type CreateUserResponse = Message<"soma.identity.v1.CreateUserResponse"> & {
    /**
     * The created user.
     *
     * @generated from field: soma.identity.v1.User user = 1;
     */
    user?: User | undefined;
};
/**
 * Response message for IdentityService.CreateUser.
 *
 * @generated from message soma.identity.v1.CreateUserResponse
 */
export type CreateUserResponseJson = {
    /**
     * The created user.
     *
     * @generated from field: soma.identity.v1.User user = 1;
     */
    user?: UserJson;
};
/**
 * Describes the message soma.identity.v1.CreateUserResponse.
 * Use `create(CreateUserResponseSchema)` to create a new message.
 */
export declare const CreateUserResponseSchema: GenMessage<CreateUserResponse, {
    jsonType: CreateUserResponseJson;
}>;
/**
 * Request message for IdentityService.GetUser.
 *
 * @generated from message soma.identity.v1.GetUserRequest
 */
export type GetUserRequest = Message<"soma.identity.v1.GetUserRequest"> & {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.GetUser.
 *
 * @generated from message soma.identity.v1.GetUserRequest
 */
export type GetUserRequestJson = {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.GetUserRequest.
 * Use `create(GetUserRequestSchema)` to create a new message.
 */
export declare const GetUserRequestSchema: GenMessage<GetUserRequest, {
    jsonType: GetUserRequestJson;
}>;
/**
 * Response message for IdentityService.GetUser.
 *
 * @generated from message soma.identity.v1.GetUserResponse
 */
export type GetUserResponse = Message<"soma.identity.v1.GetUserResponse"> & {
    /**
     * The user.
     *
     * @generated from field: soma.identity.v1.User user = 1;
     */
    user?: User | undefined;
};
/**
 * Response message for IdentityService.GetUser.
 *
 * @generated from message soma.identity.v1.GetUserResponse
 */
export type GetUserResponseJson = {
    /**
     * The user.
     *
     * @generated from field: soma.identity.v1.User user = 1;
     */
    user?: UserJson;
};
/**
 * Describes the message soma.identity.v1.GetUserResponse.
 * Use `create(GetUserResponseSchema)` to create a new message.
 */
export declare const GetUserResponseSchema: GenMessage<GetUserResponse, {
    jsonType: GetUserResponseJson;
}>;
/**
 * Request message for IdentityService.ListUsers.
 *
 * @generated from message soma.identity.v1.ListUsersRequest
 */
export type ListUsersRequest = Message<"soma.identity.v1.ListUsersRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Optional. At most this many users; 50 when unset, 500 at most.
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
};
/**
 * Request message for IdentityService.ListUsers.
 *
 * @generated from message soma.identity.v1.ListUsersRequest
 */
export type ListUsersRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Optional. At most this many users; 50 when unset, 500 at most.
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
};
/**
 * Describes the message soma.identity.v1.ListUsersRequest.
 * Use `create(ListUsersRequestSchema)` to create a new message.
 */
export declare const ListUsersRequestSchema: GenMessage<ListUsersRequest, {
    jsonType: ListUsersRequestJson;
}>;
/**
 * Response message for IdentityService.ListUsers.
 *
 * @generated from message soma.identity.v1.ListUsersResponse
 */
export type ListUsersResponse = Message<"soma.identity.v1.ListUsersResponse"> & {
    /**
     * The users of this page.
     *
     * @generated from field: repeated soma.identity.v1.User users = 1;
     */
    users: User[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for IdentityService.ListUsers.
 *
 * @generated from message soma.identity.v1.ListUsersResponse
 */
export type ListUsersResponseJson = {
    /**
     * The users of this page.
     *
     * @generated from field: repeated soma.identity.v1.User users = 1;
     */
    users?: UserJson[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.identity.v1.ListUsersResponse.
 * Use `create(ListUsersResponseSchema)` to create a new message.
 */
export declare const ListUsersResponseSchema: GenMessage<ListUsersResponse, {
    jsonType: ListUsersResponseJson;
}>;
/**
 * Request message for IdentityService.DisableUser.
 *
 * @generated from message soma.identity.v1.DisableUserRequest
 */
export type DisableUserRequest = Message<"soma.identity.v1.DisableUserRequest"> & {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.DisableUser.
 *
 * @generated from message soma.identity.v1.DisableUserRequest
 */
export type DisableUserRequestJson = {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.DisableUserRequest.
 * Use `create(DisableUserRequestSchema)` to create a new message.
 */
export declare const DisableUserRequestSchema: GenMessage<DisableUserRequest, {
    jsonType: DisableUserRequestJson;
}>;
/**
 * Response message for IdentityService.DisableUser.
 *
 * @generated from message soma.identity.v1.DisableUserResponse
 */
export type DisableUserResponse = Message<"soma.identity.v1.DisableUserResponse"> & {
    /**
     * The disabled user.
     *
     * @generated from field: soma.identity.v1.User user = 1;
     */
    user?: User | undefined;
};
/**
 * Response message for IdentityService.DisableUser.
 *
 * @generated from message soma.identity.v1.DisableUserResponse
 */
export type DisableUserResponseJson = {
    /**
     * The disabled user.
     *
     * @generated from field: soma.identity.v1.User user = 1;
     */
    user?: UserJson;
};
/**
 * Describes the message soma.identity.v1.DisableUserResponse.
 * Use `create(DisableUserResponseSchema)` to create a new message.
 */
export declare const DisableUserResponseSchema: GenMessage<DisableUserResponse, {
    jsonType: DisableUserResponseJson;
}>;
/**
 * Request message for IdentityService.GetMembership.
 *
 * @generated from message soma.identity.v1.GetMembershipRequest
 */
export type GetMembershipRequest = Message<"soma.identity.v1.GetMembershipRequest"> & {
    /**
     * Required. The membership, `tenants/{tenant}/memberships/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.GetMembership.
 *
 * @generated from message soma.identity.v1.GetMembershipRequest
 */
export type GetMembershipRequestJson = {
    /**
     * Required. The membership, `tenants/{tenant}/memberships/{user}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.GetMembershipRequest.
 * Use `create(GetMembershipRequestSchema)` to create a new message.
 */
export declare const GetMembershipRequestSchema: GenMessage<GetMembershipRequest, {
    jsonType: GetMembershipRequestJson;
}>;
/**
 * Response message for IdentityService.GetMembership.
 *
 * @generated from message soma.identity.v1.GetMembershipResponse
 */
export type GetMembershipResponse = Message<"soma.identity.v1.GetMembershipResponse"> & {
    /**
     * The membership.
     *
     * @generated from field: soma.identity.v1.Membership membership = 1;
     */
    membership?: Membership | undefined;
};
/**
 * Response message for IdentityService.GetMembership.
 *
 * @generated from message soma.identity.v1.GetMembershipResponse
 */
export type GetMembershipResponseJson = {
    /**
     * The membership.
     *
     * @generated from field: soma.identity.v1.Membership membership = 1;
     */
    membership?: MembershipJson;
};
/**
 * Describes the message soma.identity.v1.GetMembershipResponse.
 * Use `create(GetMembershipResponseSchema)` to create a new message.
 */
export declare const GetMembershipResponseSchema: GenMessage<GetMembershipResponse, {
    jsonType: GetMembershipResponseJson;
}>;
/**
 * Request message for IdentityService.ListMemberships.
 *
 * @generated from message soma.identity.v1.ListMembershipsRequest
 */
export type ListMembershipsRequest = Message<"soma.identity.v1.ListMembershipsRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Optional. At most this many memberships; 50 when unset, 500 at most.
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
};
/**
 * Request message for IdentityService.ListMemberships.
 *
 * @generated from message soma.identity.v1.ListMembershipsRequest
 */
export type ListMembershipsRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Optional. At most this many memberships; 50 when unset, 500 at most.
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
};
/**
 * Describes the message soma.identity.v1.ListMembershipsRequest.
 * Use `create(ListMembershipsRequestSchema)` to create a new message.
 */
export declare const ListMembershipsRequestSchema: GenMessage<ListMembershipsRequest, {
    jsonType: ListMembershipsRequestJson;
}>;
/**
 * Response message for IdentityService.ListMemberships.
 *
 * @generated from message soma.identity.v1.ListMembershipsResponse
 */
export type ListMembershipsResponse = Message<"soma.identity.v1.ListMembershipsResponse"> & {
    /**
     * The memberships of this page.
     *
     * @generated from field: repeated soma.identity.v1.Membership memberships = 1;
     */
    memberships: Membership[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for IdentityService.ListMemberships.
 *
 * @generated from message soma.identity.v1.ListMembershipsResponse
 */
export type ListMembershipsResponseJson = {
    /**
     * The memberships of this page.
     *
     * @generated from field: repeated soma.identity.v1.Membership memberships = 1;
     */
    memberships?: MembershipJson[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.identity.v1.ListMembershipsResponse.
 * Use `create(ListMembershipsResponseSchema)` to create a new message.
 */
export declare const ListMembershipsResponseSchema: GenMessage<ListMembershipsResponse, {
    jsonType: ListMembershipsResponseJson;
}>;
/**
 * Request message for IdentityService.UpdateMembership.
 *
 * @generated from message soma.identity.v1.UpdateMembershipRequest
 */
export type UpdateMembershipRequest = Message<"soma.identity.v1.UpdateMembershipRequest"> & {
    /**
     * Required. The membership with its new role and extra capabilities; its
     * `name` says which membership.
     *
     * @generated from field: soma.identity.v1.Membership membership = 1;
     */
    membership?: Membership | undefined;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the membership changed since.
     *
     * @generated from field: string etag = 2;
     */
    etag: string;
};
/**
 * Request message for IdentityService.UpdateMembership.
 *
 * @generated from message soma.identity.v1.UpdateMembershipRequest
 */
export type UpdateMembershipRequestJson = {
    /**
     * Required. The membership with its new role and extra capabilities; its
     * `name` says which membership.
     *
     * @generated from field: soma.identity.v1.Membership membership = 1;
     */
    membership?: MembershipJson;
    /**
     * Optional. The etag the caller read; the update fails with ABORTED when
     * the membership changed since.
     *
     * @generated from field: string etag = 2;
     */
    etag?: string;
};
/**
 * Describes the message soma.identity.v1.UpdateMembershipRequest.
 * Use `create(UpdateMembershipRequestSchema)` to create a new message.
 */
export declare const UpdateMembershipRequestSchema: GenMessage<UpdateMembershipRequest, {
    jsonType: UpdateMembershipRequestJson;
}>;
/**
 * Response message for IdentityService.UpdateMembership.
 *
 * @generated from message soma.identity.v1.UpdateMembershipResponse
 */
export type UpdateMembershipResponse = Message<"soma.identity.v1.UpdateMembershipResponse"> & {
    /**
     * The updated membership.
     *
     * @generated from field: soma.identity.v1.Membership membership = 1;
     */
    membership?: Membership | undefined;
};
/**
 * Response message for IdentityService.UpdateMembership.
 *
 * @generated from message soma.identity.v1.UpdateMembershipResponse
 */
export type UpdateMembershipResponseJson = {
    /**
     * The updated membership.
     *
     * @generated from field: soma.identity.v1.Membership membership = 1;
     */
    membership?: MembershipJson;
};
/**
 * Describes the message soma.identity.v1.UpdateMembershipResponse.
 * Use `create(UpdateMembershipResponseSchema)` to create a new message.
 */
export declare const UpdateMembershipResponseSchema: GenMessage<UpdateMembershipResponse, {
    jsonType: UpdateMembershipResponseJson;
}>;
/**
 * Request message for IdentityService.IssueToken.
 *
 * @generated from message soma.identity.v1.IssueTokenRequest
 */
export type IssueTokenRequest = Message<"soma.identity.v1.IssueTokenRequest"> & {
    /**
     * Required. The user the token speaks for, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user: string;
    /**
     * Optional. Narrows the token to these capabilities, each of which the
     * user must hold. All of the user's capabilities when empty.
     *
     * @generated from field: repeated string capabilities = 2;
     */
    capabilities: string[];
    /**
     * Optional. How long the token lives; one hour when unset, capped by the
     * service's maximum.
     *
     * @generated from field: google.protobuf.Duration ttl = 3;
     */
    ttl?: Duration | undefined;
};
/**
 * Request message for IdentityService.IssueToken.
 *
 * @generated from message soma.identity.v1.IssueTokenRequest
 */
export type IssueTokenRequestJson = {
    /**
     * Required. The user the token speaks for, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user?: string;
    /**
     * Optional. Narrows the token to these capabilities, each of which the
     * user must hold. All of the user's capabilities when empty.
     *
     * @generated from field: repeated string capabilities = 2;
     */
    capabilities?: string[];
    /**
     * Optional. How long the token lives; one hour when unset, capped by the
     * service's maximum.
     *
     * @generated from field: google.protobuf.Duration ttl = 3;
     */
    ttl?: DurationJson;
};
/**
 * Describes the message soma.identity.v1.IssueTokenRequest.
 * Use `create(IssueTokenRequestSchema)` to create a new message.
 */
export declare const IssueTokenRequestSchema: GenMessage<IssueTokenRequest, {
    jsonType: IssueTokenRequestJson;
}>;
/**
 * Response message for IdentityService.IssueToken.
 *
 * @generated from message soma.identity.v1.IssueTokenResponse
 */
export type IssueTokenResponse = Message<"soma.identity.v1.IssueTokenResponse"> & {
    /**
     * The signed JWT, sent as `authorization: Bearer <token>`.
     *
     * @generated from field: string access_token = 1;
     */
    accessToken: string;
    /**
     * Always `Bearer`.
     *
     * @generated from field: string token_type = 2;
     */
    tokenType: string;
    /**
     * When the token expires.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 3;
     */
    expireTime?: Timestamp | undefined;
    /**
     * The capabilities the token carries.
     *
     * @generated from field: repeated string capabilities = 4;
     */
    capabilities: string[];
    /**
     * The id of the key that signed it.
     *
     * @generated from field: string key_id = 5;
     */
    keyId: string;
};
/**
 * Response message for IdentityService.IssueToken.
 *
 * @generated from message soma.identity.v1.IssueTokenResponse
 */
export type IssueTokenResponseJson = {
    /**
     * The signed JWT, sent as `authorization: Bearer <token>`.
     *
     * @generated from field: string access_token = 1;
     */
    accessToken?: string;
    /**
     * Always `Bearer`.
     *
     * @generated from field: string token_type = 2;
     */
    tokenType?: string;
    /**
     * When the token expires.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 3;
     */
    expireTime?: TimestampJson;
    /**
     * The capabilities the token carries.
     *
     * @generated from field: repeated string capabilities = 4;
     */
    capabilities?: string[];
    /**
     * The id of the key that signed it.
     *
     * @generated from field: string key_id = 5;
     */
    keyId?: string;
};
/**
 * Describes the message soma.identity.v1.IssueTokenResponse.
 * Use `create(IssueTokenResponseSchema)` to create a new message.
 */
export declare const IssueTokenResponseSchema: GenMessage<IssueTokenResponse, {
    jsonType: IssueTokenResponseJson;
}>;
/**
 * Request message for IdentityService.RevokeTokens.
 *
 * @generated from message soma.identity.v1.RevokeTokensRequest
 */
export type RevokeTokensRequest = Message<"soma.identity.v1.RevokeTokensRequest"> & {
    /**
     * Required. The caller's tenant, `tenants/{tenant}`. Only the caller's own
     * tokens are revoked.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
};
/**
 * Request message for IdentityService.RevokeTokens.
 *
 * @generated from message soma.identity.v1.RevokeTokensRequest
 */
export type RevokeTokensRequestJson = {
    /**
     * Required. The caller's tenant, `tenants/{tenant}`. Only the caller's own
     * tokens are revoked.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
};
/**
 * Describes the message soma.identity.v1.RevokeTokensRequest.
 * Use `create(RevokeTokensRequestSchema)` to create a new message.
 */
export declare const RevokeTokensRequestSchema: GenMessage<RevokeTokensRequest, {
    jsonType: RevokeTokensRequestJson;
}>;
/**
 * Response message for IdentityService.RevokeTokens.
 *
 * @generated from message soma.identity.v1.RevokeTokensResponse
 */
export type RevokeTokensResponse = Message<"soma.identity.v1.RevokeTokensResponse"> & {
    /**
     * The revocation recorded.
     *
     * @generated from field: soma.identity.v1.TokenRevocation revocation = 1;
     */
    revocation?: TokenRevocation | undefined;
};
/**
 * Response message for IdentityService.RevokeTokens.
 *
 * @generated from message soma.identity.v1.RevokeTokensResponse
 */
export type RevokeTokensResponseJson = {
    /**
     * The revocation recorded.
     *
     * @generated from field: soma.identity.v1.TokenRevocation revocation = 1;
     */
    revocation?: TokenRevocationJson;
};
/**
 * Describes the message soma.identity.v1.RevokeTokensResponse.
 * Use `create(RevokeTokensResponseSchema)` to create a new message.
 */
export declare const RevokeTokensResponseSchema: GenMessage<RevokeTokensResponse, {
    jsonType: RevokeTokensResponseJson;
}>;
/**
 * Request message for IdentityService.ListTokenRevocations.
 *
 * @generated from message soma.identity.v1.ListTokenRevocationsRequest
 */
export type ListTokenRevocationsRequest = Message<"soma.identity.v1.ListTokenRevocationsRequest"> & {
    /**
     * Optional. At most this many revocations; 50 when unset, 500 at most.
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
 * Request message for IdentityService.ListTokenRevocations.
 *
 * @generated from message soma.identity.v1.ListTokenRevocationsRequest
 */
export type ListTokenRevocationsRequestJson = {
    /**
     * Optional. At most this many revocations; 50 when unset, 500 at most.
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
 * Describes the message soma.identity.v1.ListTokenRevocationsRequest.
 * Use `create(ListTokenRevocationsRequestSchema)` to create a new message.
 */
export declare const ListTokenRevocationsRequestSchema: GenMessage<ListTokenRevocationsRequest, {
    jsonType: ListTokenRevocationsRequestJson;
}>;
/**
 * Response message for IdentityService.ListTokenRevocations.
 *
 * @generated from message soma.identity.v1.ListTokenRevocationsResponse
 */
export type ListTokenRevocationsResponse = Message<"soma.identity.v1.ListTokenRevocationsResponse"> & {
    /**
     * The revocations of this page: the latest one of each tenant and subject.
     *
     * @generated from field: repeated soma.identity.v1.TokenRevocation revocations = 1;
     */
    revocations: TokenRevocation[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for IdentityService.ListTokenRevocations.
 *
 * @generated from message soma.identity.v1.ListTokenRevocationsResponse
 */
export type ListTokenRevocationsResponseJson = {
    /**
     * The revocations of this page: the latest one of each tenant and subject.
     *
     * @generated from field: repeated soma.identity.v1.TokenRevocation revocations = 1;
     */
    revocations?: TokenRevocationJson[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.identity.v1.ListTokenRevocationsResponse.
 * Use `create(ListTokenRevocationsResponseSchema)` to create a new message.
 */
export declare const ListTokenRevocationsResponseSchema: GenMessage<ListTokenRevocationsResponse, {
    jsonType: ListTokenRevocationsResponseJson;
}>;
/**
 * Request message for IdentityService.GetJwks.
 *
 * @generated from message soma.identity.v1.GetJwksRequest
 */
export type GetJwksRequest = Message<"soma.identity.v1.GetJwksRequest"> & {};
/**
 * Request message for IdentityService.GetJwks.
 *
 * @generated from message soma.identity.v1.GetJwksRequest
 */
export type GetJwksRequestJson = {};
/**
 * Describes the message soma.identity.v1.GetJwksRequest.
 * Use `create(GetJwksRequestSchema)` to create a new message.
 */
export declare const GetJwksRequestSchema: GenMessage<GetJwksRequest, {
    jsonType: GetJwksRequestJson;
}>;
/**
 * Response message for IdentityService.GetJwks, an RFC 7517 JWK Set.
 *
 * @generated from message soma.identity.v1.GetJwksResponse
 */
export type GetJwksResponse = Message<"soma.identity.v1.GetJwksResponse"> & {
    /**
     * The keys that verify tokens now, newest first.
     *
     * @generated from field: repeated soma.identity.v1.JsonWebKey keys = 1;
     */
    keys: JsonWebKey[];
};
/**
 * Response message for IdentityService.GetJwks, an RFC 7517 JWK Set.
 *
 * @generated from message soma.identity.v1.GetJwksResponse
 */
export type GetJwksResponseJson = {
    /**
     * The keys that verify tokens now, newest first.
     *
     * @generated from field: repeated soma.identity.v1.JsonWebKey keys = 1;
     */
    keys?: JsonWebKeyJson[];
};
/**
 * Describes the message soma.identity.v1.GetJwksResponse.
 * Use `create(GetJwksResponseSchema)` to create a new message.
 */
export declare const GetJwksResponseSchema: GenMessage<GetJwksResponse, {
    jsonType: GetJwksResponseJson;
}>;
/**
 * Request message for IdentityService.RotateSigningKey.
 *
 * @generated from message soma.identity.v1.RotateSigningKeyRequest
 */
export type RotateSigningKeyRequest = Message<"soma.identity.v1.RotateSigningKeyRequest"> & {};
/**
 * Request message for IdentityService.RotateSigningKey.
 *
 * @generated from message soma.identity.v1.RotateSigningKeyRequest
 */
export type RotateSigningKeyRequestJson = {};
/**
 * Describes the message soma.identity.v1.RotateSigningKeyRequest.
 * Use `create(RotateSigningKeyRequestSchema)` to create a new message.
 */
export declare const RotateSigningKeyRequestSchema: GenMessage<RotateSigningKeyRequest, {
    jsonType: RotateSigningKeyRequestJson;
}>;
/**
 * Response message for IdentityService.RotateSigningKey.
 *
 * @generated from message soma.identity.v1.RotateSigningKeyResponse
 */
export type RotateSigningKeyResponse = Message<"soma.identity.v1.RotateSigningKeyResponse"> & {
    /**
     * The id of the new active key.
     *
     * @generated from field: string active_key_id = 1;
     */
    activeKeyId: string;
    /**
     * The ids of the keys that still verify but no longer sign.
     *
     * @generated from field: repeated string retired_key_ids = 2;
     */
    retiredKeyIds: string[];
};
/**
 * Response message for IdentityService.RotateSigningKey.
 *
 * @generated from message soma.identity.v1.RotateSigningKeyResponse
 */
export type RotateSigningKeyResponseJson = {
    /**
     * The id of the new active key.
     *
     * @generated from field: string active_key_id = 1;
     */
    activeKeyId?: string;
    /**
     * The ids of the keys that still verify but no longer sign.
     *
     * @generated from field: repeated string retired_key_ids = 2;
     */
    retiredKeyIds?: string[];
};
/**
 * Describes the message soma.identity.v1.RotateSigningKeyResponse.
 * Use `create(RotateSigningKeyResponseSchema)` to create a new message.
 */
export declare const RotateSigningKeyResponseSchema: GenMessage<RotateSigningKeyResponse, {
    jsonType: RotateSigningKeyResponseJson;
}>;
/**
 * Request message for IdentityService.GetTrainingLock.
 *
 * @generated from message soma.identity.v1.GetTrainingLockRequest
 */
export type GetTrainingLockRequest = Message<"soma.identity.v1.GetTrainingLockRequest"> & {
    /**
     * Required. The lock, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.GetTrainingLock.
 *
 * @generated from message soma.identity.v1.GetTrainingLockRequest
 */
export type GetTrainingLockRequestJson = {
    /**
     * Required. The lock, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.GetTrainingLockRequest.
 * Use `create(GetTrainingLockRequestSchema)` to create a new message.
 */
export declare const GetTrainingLockRequestSchema: GenMessage<GetTrainingLockRequest, {
    jsonType: GetTrainingLockRequestJson;
}>;
/**
 * Response message for IdentityService.GetTrainingLock.
 *
 * @generated from message soma.identity.v1.GetTrainingLockResponse
 */
export type GetTrainingLockResponse = Message<"soma.identity.v1.GetTrainingLockResponse"> & {
    /**
     * The lock.
     *
     * @generated from field: soma.identity.v1.TrainingLock training_lock = 1;
     */
    trainingLock?: TrainingLock | undefined;
};
/**
 * Response message for IdentityService.GetTrainingLock.
 *
 * @generated from message soma.identity.v1.GetTrainingLockResponse
 */
export type GetTrainingLockResponseJson = {
    /**
     * The lock.
     *
     * @generated from field: soma.identity.v1.TrainingLock training_lock = 1;
     */
    trainingLock?: TrainingLockJson;
};
/**
 * Describes the message soma.identity.v1.GetTrainingLockResponse.
 * Use `create(GetTrainingLockResponseSchema)` to create a new message.
 */
export declare const GetTrainingLockResponseSchema: GenMessage<GetTrainingLockResponse, {
    jsonType: GetTrainingLockResponseJson;
}>;
/**
 * Request message for IdentityService.StartTraining.
 *
 * @generated from message soma.identity.v1.StartTrainingRequest
 */
export type StartTrainingRequest = Message<"soma.identity.v1.StartTrainingRequest"> & {
    /**
     * Required. The lock, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
    /**
     * Optional. How long the lease lasts; 15 minutes when unset, 24 hours at
     * most. Calling again renews it.
     *
     * @generated from field: google.protobuf.Duration lease_duration = 2;
     */
    leaseDuration?: Duration | undefined;
    /**
     * Optional. Why the lock is taken, shown to whoever finds it held.
     *
     * @generated from field: string reason = 3;
     */
    reason: string;
};
/**
 * Request message for IdentityService.StartTraining.
 *
 * @generated from message soma.identity.v1.StartTrainingRequest
 */
export type StartTrainingRequestJson = {
    /**
     * Required. The lock, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
    /**
     * Optional. How long the lease lasts; 15 minutes when unset, 24 hours at
     * most. Calling again renews it.
     *
     * @generated from field: google.protobuf.Duration lease_duration = 2;
     */
    leaseDuration?: DurationJson;
    /**
     * Optional. Why the lock is taken, shown to whoever finds it held.
     *
     * @generated from field: string reason = 3;
     */
    reason?: string;
};
/**
 * Describes the message soma.identity.v1.StartTrainingRequest.
 * Use `create(StartTrainingRequestSchema)` to create a new message.
 */
export declare const StartTrainingRequestSchema: GenMessage<StartTrainingRequest, {
    jsonType: StartTrainingRequestJson;
}>;
/**
 * Response message for IdentityService.StartTraining.
 *
 * @generated from message soma.identity.v1.StartTrainingResponse
 */
export type StartTrainingResponse = Message<"soma.identity.v1.StartTrainingResponse"> & {
    /**
     * The lock, now held by the caller.
     *
     * @generated from field: soma.identity.v1.TrainingLock training_lock = 1;
     */
    trainingLock?: TrainingLock | undefined;
};
/**
 * Response message for IdentityService.StartTraining.
 *
 * @generated from message soma.identity.v1.StartTrainingResponse
 */
export type StartTrainingResponseJson = {
    /**
     * The lock, now held by the caller.
     *
     * @generated from field: soma.identity.v1.TrainingLock training_lock = 1;
     */
    trainingLock?: TrainingLockJson;
};
/**
 * Describes the message soma.identity.v1.StartTrainingResponse.
 * Use `create(StartTrainingResponseSchema)` to create a new message.
 */
export declare const StartTrainingResponseSchema: GenMessage<StartTrainingResponse, {
    jsonType: StartTrainingResponseJson;
}>;
/**
 * Request message for IdentityService.StopTraining.
 *
 * @generated from message soma.identity.v1.StopTrainingRequest
 */
export type StopTrainingRequest = Message<"soma.identity.v1.StopTrainingRequest"> & {
    /**
     * Required. The lock, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.StopTraining.
 *
 * @generated from message soma.identity.v1.StopTrainingRequest
 */
export type StopTrainingRequestJson = {
    /**
     * Required. The lock, `tenants/{tenant}/trainingLock`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.StopTrainingRequest.
 * Use `create(StopTrainingRequestSchema)` to create a new message.
 */
export declare const StopTrainingRequestSchema: GenMessage<StopTrainingRequest, {
    jsonType: StopTrainingRequestJson;
}>;
/**
 * Response message for IdentityService.StopTraining.
 *
 * @generated from message soma.identity.v1.StopTrainingResponse
 */
export type StopTrainingResponse = Message<"soma.identity.v1.StopTrainingResponse"> & {
    /**
     * The lock, now released.
     *
     * @generated from field: soma.identity.v1.TrainingLock training_lock = 1;
     */
    trainingLock?: TrainingLock | undefined;
};
/**
 * Response message for IdentityService.StopTraining.
 *
 * @generated from message soma.identity.v1.StopTrainingResponse
 */
export type StopTrainingResponseJson = {
    /**
     * The lock, now released.
     *
     * @generated from field: soma.identity.v1.TrainingLock training_lock = 1;
     */
    trainingLock?: TrainingLockJson;
};
/**
 * Describes the message soma.identity.v1.StopTrainingResponse.
 * Use `create(StopTrainingResponseSchema)` to create a new message.
 */
export declare const StopTrainingResponseSchema: GenMessage<StopTrainingResponse, {
    jsonType: StopTrainingResponseJson;
}>;
/**
 * A SomaStack access token with the refresh token that renews it.
 *
 * @generated from message soma.identity.v1.TokenPair
 */
export type TokenPair = Message<"soma.identity.v1.TokenPair"> & {
    /**
     * The signed JWT, sent as `authorization: Bearer <token>`.
     *
     * @generated from field: string access_token = 1;
     */
    accessToken: string;
    /**
     * Always `Bearer`.
     *
     * @generated from field: string token_type = 2;
     */
    tokenType: string;
    /**
     * When the access token expires.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 3;
     */
    expireTime?: Timestamp | undefined;
    /**
     * An opaque token for RefreshToken, usable once.
     *
     * @generated from field: string refresh_token = 4;
     */
    refreshToken: string;
    /**
     * When the refresh token's family expires; refreshing does not extend it.
     *
     * @generated from field: google.protobuf.Timestamp refresh_expire_time = 5;
     */
    refreshExpireTime?: Timestamp | undefined;
    /**
     * The user signed in, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 6;
     */
    user: string;
    /**
     * The capabilities the access token carries.
     *
     * @generated from field: repeated string capabilities = 7;
     */
    capabilities: string[];
};
/**
 * A SomaStack access token with the refresh token that renews it.
 *
 * @generated from message soma.identity.v1.TokenPair
 */
export type TokenPairJson = {
    /**
     * The signed JWT, sent as `authorization: Bearer <token>`.
     *
     * @generated from field: string access_token = 1;
     */
    accessToken?: string;
    /**
     * Always `Bearer`.
     *
     * @generated from field: string token_type = 2;
     */
    tokenType?: string;
    /**
     * When the access token expires.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 3;
     */
    expireTime?: TimestampJson;
    /**
     * An opaque token for RefreshToken, usable once.
     *
     * @generated from field: string refresh_token = 4;
     */
    refreshToken?: string;
    /**
     * When the refresh token's family expires; refreshing does not extend it.
     *
     * @generated from field: google.protobuf.Timestamp refresh_expire_time = 5;
     */
    refreshExpireTime?: TimestampJson;
    /**
     * The user signed in, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 6;
     */
    user?: string;
    /**
     * The capabilities the access token carries.
     *
     * @generated from field: repeated string capabilities = 7;
     */
    capabilities?: string[];
};
/**
 * Describes the message soma.identity.v1.TokenPair.
 * Use `create(TokenPairSchema)` to create a new message.
 */
export declare const TokenPairSchema: GenMessage<TokenPair, {
    jsonType: TokenPairJson;
}>;
/**
 * Request message for IdentityService.SignIn.
 *
 * @generated from message soma.identity.v1.SignInRequest
 */
export type SignInRequest = Message<"soma.identity.v1.SignInRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant: string;
    /**
     * Required. The user's e-mail address or user id.
     *
     * @generated from field: string username = 2;
     */
    username: string;
    /**
     * Required. The password.
     *
     * @generated from field: string password = 3;
     */
    password: string;
    /**
     * The second factor, when the account has one.
     *
     * @generated from oneof soma.identity.v1.SignInRequest.second_factor
     */
    secondFactor: {
        /**
         * A current 6-digit code of the user's authenticator app.
         *
         * @generated from field: string totp_code = 4;
         */
        value: string;
        case: "totpCode";
    } | {
        /**
         * One of the user's unused recovery codes.
         *
         * @generated from field: string recovery_code = 5;
         */
        value: string;
        case: "recoveryCode";
    } | {
        case: undefined;
        value?: undefined;
    };
};
/**
 * Request message for IdentityService.SignIn.
 *
 * @generated from message soma.identity.v1.SignInRequest
 */
export type SignInRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant?: string;
    /**
     * Required. The user's e-mail address or user id.
     *
     * @generated from field: string username = 2;
     */
    username?: string;
    /**
     * Required. The password.
     *
     * @generated from field: string password = 3;
     */
    password?: string;
    /**
     * A current 6-digit code of the user's authenticator app.
     *
     * @generated from field: string totp_code = 4;
     */
    totpCode?: string;
    /**
     * One of the user's unused recovery codes.
     *
     * @generated from field: string recovery_code = 5;
     */
    recoveryCode?: string;
};
/**
 * Describes the message soma.identity.v1.SignInRequest.
 * Use `create(SignInRequestSchema)` to create a new message.
 */
export declare const SignInRequestSchema: GenMessage<SignInRequest, {
    jsonType: SignInRequestJson;
}>;
/**
 * Response message for IdentityService.SignIn.
 *
 * @generated from message soma.identity.v1.SignInResponse
 */
export type SignInResponse = Message<"soma.identity.v1.SignInResponse"> & {
    /**
     * The new tokens.
     *
     * @generated from field: soma.identity.v1.TokenPair tokens = 1;
     */
    tokens?: TokenPair | undefined;
};
/**
 * Response message for IdentityService.SignIn.
 *
 * @generated from message soma.identity.v1.SignInResponse
 */
export type SignInResponseJson = {
    /**
     * The new tokens.
     *
     * @generated from field: soma.identity.v1.TokenPair tokens = 1;
     */
    tokens?: TokenPairJson;
};
/**
 * Describes the message soma.identity.v1.SignInResponse.
 * Use `create(SignInResponseSchema)` to create a new message.
 */
export declare const SignInResponseSchema: GenMessage<SignInResponse, {
    jsonType: SignInResponseJson;
}>;
/**
 * Request message for IdentityService.RefreshToken.
 *
 * @generated from message soma.identity.v1.RefreshTokenRequest
 */
export type RefreshTokenRequest = Message<"soma.identity.v1.RefreshTokenRequest"> & {
    /**
     * Required. The refresh token of the last TokenPair.
     *
     * @generated from field: string refresh_token = 1;
     */
    refreshToken: string;
};
/**
 * Request message for IdentityService.RefreshToken.
 *
 * @generated from message soma.identity.v1.RefreshTokenRequest
 */
export type RefreshTokenRequestJson = {
    /**
     * Required. The refresh token of the last TokenPair.
     *
     * @generated from field: string refresh_token = 1;
     */
    refreshToken?: string;
};
/**
 * Describes the message soma.identity.v1.RefreshTokenRequest.
 * Use `create(RefreshTokenRequestSchema)` to create a new message.
 */
export declare const RefreshTokenRequestSchema: GenMessage<RefreshTokenRequest, {
    jsonType: RefreshTokenRequestJson;
}>;
/**
 * Response message for IdentityService.RefreshToken.
 *
 * @generated from message soma.identity.v1.RefreshTokenResponse
 */
export type RefreshTokenResponse = Message<"soma.identity.v1.RefreshTokenResponse"> & {
    /**
     * The new tokens; the refresh token sent is spent.
     *
     * @generated from field: soma.identity.v1.TokenPair tokens = 1;
     */
    tokens?: TokenPair | undefined;
};
/**
 * Response message for IdentityService.RefreshToken.
 *
 * @generated from message soma.identity.v1.RefreshTokenResponse
 */
export type RefreshTokenResponseJson = {
    /**
     * The new tokens; the refresh token sent is spent.
     *
     * @generated from field: soma.identity.v1.TokenPair tokens = 1;
     */
    tokens?: TokenPairJson;
};
/**
 * Describes the message soma.identity.v1.RefreshTokenResponse.
 * Use `create(RefreshTokenResponseSchema)` to create a new message.
 */
export declare const RefreshTokenResponseSchema: GenMessage<RefreshTokenResponse, {
    jsonType: RefreshTokenResponseJson;
}>;
/**
 * Request message for IdentityService.SignOut.
 *
 * @generated from message soma.identity.v1.SignOutRequest
 */
export type SignOutRequest = Message<"soma.identity.v1.SignOutRequest"> & {
    /**
     * Required. A refresh token of the family to revoke.
     *
     * @generated from field: string refresh_token = 1;
     */
    refreshToken: string;
};
/**
 * Request message for IdentityService.SignOut.
 *
 * @generated from message soma.identity.v1.SignOutRequest
 */
export type SignOutRequestJson = {
    /**
     * Required. A refresh token of the family to revoke.
     *
     * @generated from field: string refresh_token = 1;
     */
    refreshToken?: string;
};
/**
 * Describes the message soma.identity.v1.SignOutRequest.
 * Use `create(SignOutRequestSchema)` to create a new message.
 */
export declare const SignOutRequestSchema: GenMessage<SignOutRequest, {
    jsonType: SignOutRequestJson;
}>;
/**
 * Response message for IdentityService.SignOut.
 *
 * @generated from message soma.identity.v1.SignOutResponse
 */
export type SignOutResponse = Message<"soma.identity.v1.SignOutResponse"> & {};
/**
 * Response message for IdentityService.SignOut.
 *
 * @generated from message soma.identity.v1.SignOutResponse
 */
export type SignOutResponseJson = {};
/**
 * Describes the message soma.identity.v1.SignOutResponse.
 * Use `create(SignOutResponseSchema)` to create a new message.
 */
export declare const SignOutResponseSchema: GenMessage<SignOutResponse, {
    jsonType: SignOutResponseJson;
}>;
/**
 * Request message for IdentityService.ExchangeToken (RFC 8693 section 2.1).
 *
 * @generated from message soma.identity.v1.ExchangeTokenRequest
 */
export type ExchangeTokenRequest = Message<"soma.identity.v1.ExchangeTokenRequest"> & {
    /**
     * Required. The tenant whose trusted issuer signed the subject token,
     * `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant: string;
    /**
     * Optional. `urn:ietf:params:oauth:grant-type:token-exchange` when set.
     *
     * @generated from field: string grant_type = 2;
     */
    grantType: string;
    /**
     * Required. The ID token of the trusted issuer.
     *
     * @generated from field: string subject_token = 3;
     */
    subjectToken: string;
    /**
     * Required. `urn:ietf:params:oauth:token-type:id_token`.
     *
     * @generated from field: string subject_token_type = 4;
     */
    subjectTokenType: string;
    /**
     * Optional. `urn:ietf:params:oauth:token-type:access_token` when set.
     *
     * @generated from field: string requested_token_type = 5;
     */
    requestedTokenType: string;
};
/**
 * Request message for IdentityService.ExchangeToken (RFC 8693 section 2.1).
 *
 * @generated from message soma.identity.v1.ExchangeTokenRequest
 */
export type ExchangeTokenRequestJson = {
    /**
     * Required. The tenant whose trusted issuer signed the subject token,
     * `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant?: string;
    /**
     * Optional. `urn:ietf:params:oauth:grant-type:token-exchange` when set.
     *
     * @generated from field: string grant_type = 2;
     */
    grantType?: string;
    /**
     * Required. The ID token of the trusted issuer.
     *
     * @generated from field: string subject_token = 3;
     */
    subjectToken?: string;
    /**
     * Required. `urn:ietf:params:oauth:token-type:id_token`.
     *
     * @generated from field: string subject_token_type = 4;
     */
    subjectTokenType?: string;
    /**
     * Optional. `urn:ietf:params:oauth:token-type:access_token` when set.
     *
     * @generated from field: string requested_token_type = 5;
     */
    requestedTokenType?: string;
};
/**
 * Describes the message soma.identity.v1.ExchangeTokenRequest.
 * Use `create(ExchangeTokenRequestSchema)` to create a new message.
 */
export declare const ExchangeTokenRequestSchema: GenMessage<ExchangeTokenRequest, {
    jsonType: ExchangeTokenRequestJson;
}>;
/**
 * Response message for IdentityService.ExchangeToken (RFC 8693 section 2.2).
 *
 * @generated from message soma.identity.v1.ExchangeTokenResponse
 */
export type ExchangeTokenResponse = Message<"soma.identity.v1.ExchangeTokenResponse"> & {
    /**
     * The new tokens.
     *
     * @generated from field: soma.identity.v1.TokenPair tokens = 1;
     */
    tokens?: TokenPair | undefined;
    /**
     * Always `urn:ietf:params:oauth:token-type:access_token`.
     *
     * @generated from field: string issued_token_type = 2;
     */
    issuedTokenType: string;
};
/**
 * Response message for IdentityService.ExchangeToken (RFC 8693 section 2.2).
 *
 * @generated from message soma.identity.v1.ExchangeTokenResponse
 */
export type ExchangeTokenResponseJson = {
    /**
     * The new tokens.
     *
     * @generated from field: soma.identity.v1.TokenPair tokens = 1;
     */
    tokens?: TokenPairJson;
    /**
     * Always `urn:ietf:params:oauth:token-type:access_token`.
     *
     * @generated from field: string issued_token_type = 2;
     */
    issuedTokenType?: string;
};
/**
 * Describes the message soma.identity.v1.ExchangeTokenResponse.
 * Use `create(ExchangeTokenResponseSchema)` to create a new message.
 */
export declare const ExchangeTokenResponseSchema: GenMessage<ExchangeTokenResponse, {
    jsonType: ExchangeTokenResponseJson;
}>;
/**
 * Request message for IdentityService.ChangePassword.
 *
 * @generated from message soma.identity.v1.ChangePasswordRequest
 */
export type ChangePasswordRequest = Message<"soma.identity.v1.ChangePasswordRequest"> & {
    /**
     * Required. The caller's own user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user: string;
    /**
     * Optional. The current password; needed when one is set.
     *
     * @generated from field: string current_password = 2;
     */
    currentPassword: string;
    /**
     * Required. The new password: 12 characters at least, not the user's
     * e-mail address, id or display name.
     *
     * @generated from field: string new_password = 3;
     */
    newPassword: string;
};
/**
 * Request message for IdentityService.ChangePassword.
 *
 * @generated from message soma.identity.v1.ChangePasswordRequest
 */
export type ChangePasswordRequestJson = {
    /**
     * Required. The caller's own user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user?: string;
    /**
     * Optional. The current password; needed when one is set.
     *
     * @generated from field: string current_password = 2;
     */
    currentPassword?: string;
    /**
     * Required. The new password: 12 characters at least, not the user's
     * e-mail address, id or display name.
     *
     * @generated from field: string new_password = 3;
     */
    newPassword?: string;
};
/**
 * Describes the message soma.identity.v1.ChangePasswordRequest.
 * Use `create(ChangePasswordRequestSchema)` to create a new message.
 */
export declare const ChangePasswordRequestSchema: GenMessage<ChangePasswordRequest, {
    jsonType: ChangePasswordRequestJson;
}>;
/**
 * Response message for IdentityService.ChangePassword.
 *
 * @generated from message soma.identity.v1.ChangePasswordResponse
 */
export type ChangePasswordResponse = Message<"soma.identity.v1.ChangePasswordResponse"> & {};
/**
 * Response message for IdentityService.ChangePassword.
 *
 * @generated from message soma.identity.v1.ChangePasswordResponse
 */
export type ChangePasswordResponseJson = {};
/**
 * Describes the message soma.identity.v1.ChangePasswordResponse.
 * Use `create(ChangePasswordResponseSchema)` to create a new message.
 */
export declare const ChangePasswordResponseSchema: GenMessage<ChangePasswordResponse, {
    jsonType: ChangePasswordResponseJson;
}>;
/**
 * Request message for IdentityService.ResetPassword.
 *
 * @generated from message soma.identity.v1.ResetPasswordRequest
 */
export type ResetPasswordRequest = Message<"soma.identity.v1.ResetPasswordRequest"> & {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user: string;
};
/**
 * Request message for IdentityService.ResetPassword.
 *
 * @generated from message soma.identity.v1.ResetPasswordRequest
 */
export type ResetPasswordRequestJson = {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user?: string;
};
/**
 * Describes the message soma.identity.v1.ResetPasswordRequest.
 * Use `create(ResetPasswordRequestSchema)` to create a new message.
 */
export declare const ResetPasswordRequestSchema: GenMessage<ResetPasswordRequest, {
    jsonType: ResetPasswordRequestJson;
}>;
/**
 * Response message for IdentityService.ResetPassword.
 *
 * @generated from message soma.identity.v1.ResetPasswordResponse
 */
export type ResetPasswordResponse = Message<"soma.identity.v1.ResetPasswordResponse"> & {
    /**
     * The one-time reset code to hand to the user; shown this once.
     *
     * @generated from field: string reset_code = 1;
     */
    resetCode: string;
    /**
     * When the code stops working.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 2;
     */
    expireTime?: Timestamp | undefined;
};
/**
 * Response message for IdentityService.ResetPassword.
 *
 * @generated from message soma.identity.v1.ResetPasswordResponse
 */
export type ResetPasswordResponseJson = {
    /**
     * The one-time reset code to hand to the user; shown this once.
     *
     * @generated from field: string reset_code = 1;
     */
    resetCode?: string;
    /**
     * When the code stops working.
     *
     * @generated from field: google.protobuf.Timestamp expire_time = 2;
     */
    expireTime?: TimestampJson;
};
/**
 * Describes the message soma.identity.v1.ResetPasswordResponse.
 * Use `create(ResetPasswordResponseSchema)` to create a new message.
 */
export declare const ResetPasswordResponseSchema: GenMessage<ResetPasswordResponse, {
    jsonType: ResetPasswordResponseJson;
}>;
/**
 * Request message for IdentityService.CompletePasswordReset.
 *
 * @generated from message soma.identity.v1.CompletePasswordResetRequest
 */
export type CompletePasswordResetRequest = Message<"soma.identity.v1.CompletePasswordResetRequest"> & {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant: string;
    /**
     * Required. The user's e-mail address or user id.
     *
     * @generated from field: string username = 2;
     */
    username: string;
    /**
     * Required. The code ResetPassword returned.
     *
     * @generated from field: string reset_code = 3;
     */
    resetCode: string;
    /**
     * Required. The new password, under the same policy as ChangePassword.
     *
     * @generated from field: string new_password = 4;
     */
    newPassword: string;
};
/**
 * Request message for IdentityService.CompletePasswordReset.
 *
 * @generated from message soma.identity.v1.CompletePasswordResetRequest
 */
export type CompletePasswordResetRequestJson = {
    /**
     * Required. The tenant, `tenants/{tenant}`.
     *
     * @generated from field: string tenant = 1;
     */
    tenant?: string;
    /**
     * Required. The user's e-mail address or user id.
     *
     * @generated from field: string username = 2;
     */
    username?: string;
    /**
     * Required. The code ResetPassword returned.
     *
     * @generated from field: string reset_code = 3;
     */
    resetCode?: string;
    /**
     * Required. The new password, under the same policy as ChangePassword.
     *
     * @generated from field: string new_password = 4;
     */
    newPassword?: string;
};
/**
 * Describes the message soma.identity.v1.CompletePasswordResetRequest.
 * Use `create(CompletePasswordResetRequestSchema)` to create a new message.
 */
export declare const CompletePasswordResetRequestSchema: GenMessage<CompletePasswordResetRequest, {
    jsonType: CompletePasswordResetRequestJson;
}>;
/**
 * Response message for IdentityService.CompletePasswordReset.
 *
 * @generated from message soma.identity.v1.CompletePasswordResetResponse
 */
export type CompletePasswordResetResponse = Message<"soma.identity.v1.CompletePasswordResetResponse"> & {};
/**
 * Response message for IdentityService.CompletePasswordReset.
 *
 * @generated from message soma.identity.v1.CompletePasswordResetResponse
 */
export type CompletePasswordResetResponseJson = {};
/**
 * Describes the message soma.identity.v1.CompletePasswordResetResponse.
 * Use `create(CompletePasswordResetResponseSchema)` to create a new message.
 */
export declare const CompletePasswordResetResponseSchema: GenMessage<CompletePasswordResetResponse, {
    jsonType: CompletePasswordResetResponseJson;
}>;
/**
 * Request message for IdentityService.EnrollTotp.
 *
 * @generated from message soma.identity.v1.EnrollTotpRequest
 */
export type EnrollTotpRequest = Message<"soma.identity.v1.EnrollTotpRequest"> & {
    /**
     * Required. The caller's own user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user: string;
};
/**
 * Request message for IdentityService.EnrollTotp.
 *
 * @generated from message soma.identity.v1.EnrollTotpRequest
 */
export type EnrollTotpRequestJson = {
    /**
     * Required. The caller's own user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user?: string;
};
/**
 * Describes the message soma.identity.v1.EnrollTotpRequest.
 * Use `create(EnrollTotpRequestSchema)` to create a new message.
 */
export declare const EnrollTotpRequestSchema: GenMessage<EnrollTotpRequest, {
    jsonType: EnrollTotpRequestJson;
}>;
/**
 * Response message for IdentityService.EnrollTotp.
 *
 * @generated from message soma.identity.v1.EnrollTotpResponse
 */
export type EnrollTotpResponse = Message<"soma.identity.v1.EnrollTotpResponse"> & {
    /**
     * The `otpauth://totp/...` URI for an authenticator app (as a QR code).
     *
     * @generated from field: string otpauth_uri = 1;
     */
    otpauthUri: string;
    /**
     * The base32 secret inside the URI, for typing in by hand.
     *
     * @generated from field: string secret = 2;
     */
    secret: string;
};
/**
 * Response message for IdentityService.EnrollTotp.
 *
 * @generated from message soma.identity.v1.EnrollTotpResponse
 */
export type EnrollTotpResponseJson = {
    /**
     * The `otpauth://totp/...` URI for an authenticator app (as a QR code).
     *
     * @generated from field: string otpauth_uri = 1;
     */
    otpauthUri?: string;
    /**
     * The base32 secret inside the URI, for typing in by hand.
     *
     * @generated from field: string secret = 2;
     */
    secret?: string;
};
/**
 * Describes the message soma.identity.v1.EnrollTotpResponse.
 * Use `create(EnrollTotpResponseSchema)` to create a new message.
 */
export declare const EnrollTotpResponseSchema: GenMessage<EnrollTotpResponse, {
    jsonType: EnrollTotpResponseJson;
}>;
/**
 * Request message for IdentityService.ConfirmTotp.
 *
 * @generated from message soma.identity.v1.ConfirmTotpRequest
 */
export type ConfirmTotpRequest = Message<"soma.identity.v1.ConfirmTotpRequest"> & {
    /**
     * Required. The caller's own user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user: string;
    /**
     * Required. A current code of the authenticator app.
     *
     * @generated from field: string code = 2;
     */
    code: string;
};
/**
 * Request message for IdentityService.ConfirmTotp.
 *
 * @generated from message soma.identity.v1.ConfirmTotpRequest
 */
export type ConfirmTotpRequestJson = {
    /**
     * Required. The caller's own user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string user = 1;
     */
    user?: string;
    /**
     * Required. A current code of the authenticator app.
     *
     * @generated from field: string code = 2;
     */
    code?: string;
};
/**
 * Describes the message soma.identity.v1.ConfirmTotpRequest.
 * Use `create(ConfirmTotpRequestSchema)` to create a new message.
 */
export declare const ConfirmTotpRequestSchema: GenMessage<ConfirmTotpRequest, {
    jsonType: ConfirmTotpRequestJson;
}>;
/**
 * Response message for IdentityService.ConfirmTotp.
 *
 * @generated from message soma.identity.v1.ConfirmTotpResponse
 */
export type ConfirmTotpResponse = Message<"soma.identity.v1.ConfirmTotpResponse"> & {
    /**
     * Ten single-use recovery codes; shown this once, stored hashed.
     *
     * @generated from field: repeated string recovery_codes = 1;
     */
    recoveryCodes: string[];
};
/**
 * Response message for IdentityService.ConfirmTotp.
 *
 * @generated from message soma.identity.v1.ConfirmTotpResponse
 */
export type ConfirmTotpResponseJson = {
    /**
     * Ten single-use recovery codes; shown this once, stored hashed.
     *
     * @generated from field: repeated string recovery_codes = 1;
     */
    recoveryCodes?: string[];
};
/**
 * Describes the message soma.identity.v1.ConfirmTotpResponse.
 * Use `create(ConfirmTotpResponseSchema)` to create a new message.
 */
export declare const ConfirmTotpResponseSchema: GenMessage<ConfirmTotpResponse, {
    jsonType: ConfirmTotpResponseJson;
}>;
/**
 * Request message for IdentityService.GetOidcProvider.
 *
 * @generated from message soma.identity.v1.GetOidcProviderRequest
 */
export type GetOidcProviderRequest = Message<"soma.identity.v1.GetOidcProviderRequest"> & {
    /**
     * Required. The provider, `tenants/{tenant}/oidcProvider`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.GetOidcProvider.
 *
 * @generated from message soma.identity.v1.GetOidcProviderRequest
 */
export type GetOidcProviderRequestJson = {
    /**
     * Required. The provider, `tenants/{tenant}/oidcProvider`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.GetOidcProviderRequest.
 * Use `create(GetOidcProviderRequestSchema)` to create a new message.
 */
export declare const GetOidcProviderRequestSchema: GenMessage<GetOidcProviderRequest, {
    jsonType: GetOidcProviderRequestJson;
}>;
/**
 * Response message for IdentityService.GetOidcProvider.
 *
 * @generated from message soma.identity.v1.GetOidcProviderResponse
 */
export type GetOidcProviderResponse = Message<"soma.identity.v1.GetOidcProviderResponse"> & {
    /**
     * The provider.
     *
     * @generated from field: soma.identity.v1.OidcProvider oidc_provider = 1;
     */
    oidcProvider?: OidcProvider | undefined;
};
/**
 * Response message for IdentityService.GetOidcProvider.
 *
 * @generated from message soma.identity.v1.GetOidcProviderResponse
 */
export type GetOidcProviderResponseJson = {
    /**
     * The provider.
     *
     * @generated from field: soma.identity.v1.OidcProvider oidc_provider = 1;
     */
    oidcProvider?: OidcProviderJson;
};
/**
 * Describes the message soma.identity.v1.GetOidcProviderResponse.
 * Use `create(GetOidcProviderResponseSchema)` to create a new message.
 */
export declare const GetOidcProviderResponseSchema: GenMessage<GetOidcProviderResponse, {
    jsonType: GetOidcProviderResponseJson;
}>;
/**
 * Request message for IdentityService.UpdateOidcProvider.
 *
 * @generated from message soma.identity.v1.UpdateOidcProviderRequest
 */
export type UpdateOidcProviderRequest = Message<"soma.identity.v1.UpdateOidcProviderRequest"> & {
    /**
     * Required. The provider; its `name` says which tenant.
     *
     * @generated from field: soma.identity.v1.OidcProvider oidc_provider = 1;
     */
    oidcProvider?: OidcProvider | undefined;
};
/**
 * Request message for IdentityService.UpdateOidcProvider.
 *
 * @generated from message soma.identity.v1.UpdateOidcProviderRequest
 */
export type UpdateOidcProviderRequestJson = {
    /**
     * Required. The provider; its `name` says which tenant.
     *
     * @generated from field: soma.identity.v1.OidcProvider oidc_provider = 1;
     */
    oidcProvider?: OidcProviderJson;
};
/**
 * Describes the message soma.identity.v1.UpdateOidcProviderRequest.
 * Use `create(UpdateOidcProviderRequestSchema)` to create a new message.
 */
export declare const UpdateOidcProviderRequestSchema: GenMessage<UpdateOidcProviderRequest, {
    jsonType: UpdateOidcProviderRequestJson;
}>;
/**
 * Response message for IdentityService.UpdateOidcProvider.
 *
 * @generated from message soma.identity.v1.UpdateOidcProviderResponse
 */
export type UpdateOidcProviderResponse = Message<"soma.identity.v1.UpdateOidcProviderResponse"> & {
    /**
     * The provider as stored.
     *
     * @generated from field: soma.identity.v1.OidcProvider oidc_provider = 1;
     */
    oidcProvider?: OidcProvider | undefined;
};
/**
 * Response message for IdentityService.UpdateOidcProvider.
 *
 * @generated from message soma.identity.v1.UpdateOidcProviderResponse
 */
export type UpdateOidcProviderResponseJson = {
    /**
     * The provider as stored.
     *
     * @generated from field: soma.identity.v1.OidcProvider oidc_provider = 1;
     */
    oidcProvider?: OidcProviderJson;
};
/**
 * Describes the message soma.identity.v1.UpdateOidcProviderResponse.
 * Use `create(UpdateOidcProviderResponseSchema)` to create a new message.
 */
export declare const UpdateOidcProviderResponseSchema: GenMessage<UpdateOidcProviderResponse, {
    jsonType: UpdateOidcProviderResponseJson;
}>;
/**
 * Request message for IdentityService.GetSignInOptions.
 *
 * @generated from message soma.identity.v1.GetSignInOptionsRequest
 */
export type GetSignInOptionsRequest = Message<"soma.identity.v1.GetSignInOptionsRequest"> & {
    /**
     * Required. The options, `tenants/{tenant}/signInOptions`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.GetSignInOptions.
 *
 * @generated from message soma.identity.v1.GetSignInOptionsRequest
 */
export type GetSignInOptionsRequestJson = {
    /**
     * Required. The options, `tenants/{tenant}/signInOptions`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.GetSignInOptionsRequest.
 * Use `create(GetSignInOptionsRequestSchema)` to create a new message.
 */
export declare const GetSignInOptionsRequestSchema: GenMessage<GetSignInOptionsRequest, {
    jsonType: GetSignInOptionsRequestJson;
}>;
/**
 * Response message for IdentityService.GetSignInOptions.
 *
 * @generated from message soma.identity.v1.GetSignInOptionsResponse
 */
export type GetSignInOptionsResponse = Message<"soma.identity.v1.GetSignInOptionsResponse"> & {
    /**
     * The options.
     *
     * @generated from field: soma.identity.v1.SignInOptions sign_in_options = 1;
     */
    signInOptions?: SignInOptions | undefined;
};
/**
 * Response message for IdentityService.GetSignInOptions.
 *
 * @generated from message soma.identity.v1.GetSignInOptionsResponse
 */
export type GetSignInOptionsResponseJson = {
    /**
     * The options.
     *
     * @generated from field: soma.identity.v1.SignInOptions sign_in_options = 1;
     */
    signInOptions?: SignInOptionsJson;
};
/**
 * Describes the message soma.identity.v1.GetSignInOptionsResponse.
 * Use `create(GetSignInOptionsResponseSchema)` to create a new message.
 */
export declare const GetSignInOptionsResponseSchema: GenMessage<GetSignInOptionsResponse, {
    jsonType: GetSignInOptionsResponseJson;
}>;
/**
 * Request message for IdentityService.GetAccount.
 *
 * @generated from message soma.identity.v1.GetAccountRequest
 */
export type GetAccountRequest = Message<"soma.identity.v1.GetAccountRequest"> & {
    /**
     * Required. The account, `tenants/{tenant}/users/{user}/account`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.GetAccount.
 *
 * @generated from message soma.identity.v1.GetAccountRequest
 */
export type GetAccountRequestJson = {
    /**
     * Required. The account, `tenants/{tenant}/users/{user}/account`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.GetAccountRequest.
 * Use `create(GetAccountRequestSchema)` to create a new message.
 */
export declare const GetAccountRequestSchema: GenMessage<GetAccountRequest, {
    jsonType: GetAccountRequestJson;
}>;
/**
 * Response message for IdentityService.GetAccount.
 *
 * @generated from message soma.identity.v1.GetAccountResponse
 */
export type GetAccountResponse = Message<"soma.identity.v1.GetAccountResponse"> & {
    /**
     * The account.
     *
     * @generated from field: soma.identity.v1.Account account = 1;
     */
    account?: Account | undefined;
};
/**
 * Response message for IdentityService.GetAccount.
 *
 * @generated from message soma.identity.v1.GetAccountResponse
 */
export type GetAccountResponseJson = {
    /**
     * The account.
     *
     * @generated from field: soma.identity.v1.Account account = 1;
     */
    account?: AccountJson;
};
/**
 * Describes the message soma.identity.v1.GetAccountResponse.
 * Use `create(GetAccountResponseSchema)` to create a new message.
 */
export declare const GetAccountResponseSchema: GenMessage<GetAccountResponse, {
    jsonType: GetAccountResponseJson;
}>;
/**
 * Request message for IdentityService.ListSignInSessions.
 *
 * @generated from message soma.identity.v1.ListSignInSessionsRequest
 */
export type ListSignInSessionsRequest = Message<"soma.identity.v1.ListSignInSessionsRequest"> & {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string parent = 1;
     */
    parent: string;
    /**
     * Optional. At most this many sessions; 50 when unset, 500 at most.
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
};
/**
 * Request message for IdentityService.ListSignInSessions.
 *
 * @generated from message soma.identity.v1.ListSignInSessionsRequest
 */
export type ListSignInSessionsRequestJson = {
    /**
     * Required. The user, `tenants/{tenant}/users/{user}`.
     *
     * @generated from field: string parent = 1;
     */
    parent?: string;
    /**
     * Optional. At most this many sessions; 50 when unset, 500 at most.
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
};
/**
 * Describes the message soma.identity.v1.ListSignInSessionsRequest.
 * Use `create(ListSignInSessionsRequestSchema)` to create a new message.
 */
export declare const ListSignInSessionsRequestSchema: GenMessage<ListSignInSessionsRequest, {
    jsonType: ListSignInSessionsRequestJson;
}>;
/**
 * Response message for IdentityService.ListSignInSessions.
 *
 * @generated from message soma.identity.v1.ListSignInSessionsResponse
 */
export type ListSignInSessionsResponse = Message<"soma.identity.v1.ListSignInSessionsResponse"> & {
    /**
     * The sessions of this page, newest first.
     *
     * @generated from field: repeated soma.identity.v1.SignInSession sign_in_sessions = 1;
     */
    signInSessions: SignInSession[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken: string;
};
/**
 * Response message for IdentityService.ListSignInSessions.
 *
 * @generated from message soma.identity.v1.ListSignInSessionsResponse
 */
export type ListSignInSessionsResponseJson = {
    /**
     * The sessions of this page, newest first.
     *
     * @generated from field: repeated soma.identity.v1.SignInSession sign_in_sessions = 1;
     */
    signInSessions?: SignInSessionJson[];
    /**
     * A token for the next page; empty on the last page.
     *
     * @generated from field: string next_page_token = 2;
     */
    nextPageToken?: string;
};
/**
 * Describes the message soma.identity.v1.ListSignInSessionsResponse.
 * Use `create(ListSignInSessionsResponseSchema)` to create a new message.
 */
export declare const ListSignInSessionsResponseSchema: GenMessage<ListSignInSessionsResponse, {
    jsonType: ListSignInSessionsResponseJson;
}>;
/**
 * Request message for IdentityService.RevokeSignInSession.
 *
 * @generated from message soma.identity.v1.RevokeSignInSessionRequest
 */
export type RevokeSignInSessionRequest = Message<"soma.identity.v1.RevokeSignInSessionRequest"> & {
    /**
     * Required. The session,
     * `tenants/{tenant}/users/{user}/signInSessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name: string;
};
/**
 * Request message for IdentityService.RevokeSignInSession.
 *
 * @generated from message soma.identity.v1.RevokeSignInSessionRequest
 */
export type RevokeSignInSessionRequestJson = {
    /**
     * Required. The session,
     * `tenants/{tenant}/users/{user}/signInSessions/{session}`.
     *
     * @generated from field: string name = 1;
     */
    name?: string;
};
/**
 * Describes the message soma.identity.v1.RevokeSignInSessionRequest.
 * Use `create(RevokeSignInSessionRequestSchema)` to create a new message.
 */
export declare const RevokeSignInSessionRequestSchema: GenMessage<RevokeSignInSessionRequest, {
    jsonType: RevokeSignInSessionRequestJson;
}>;
/**
 * Response message for IdentityService.RevokeSignInSession.
 *
 * @generated from message soma.identity.v1.RevokeSignInSessionResponse
 */
export type RevokeSignInSessionResponse = Message<"soma.identity.v1.RevokeSignInSessionResponse"> & {
    /**
     * The revocation every service now applies to the session's tokens.
     *
     * @generated from field: soma.identity.v1.TokenRevocation revocation = 1;
     */
    revocation?: TokenRevocation | undefined;
};
/**
 * Response message for IdentityService.RevokeSignInSession.
 *
 * @generated from message soma.identity.v1.RevokeSignInSessionResponse
 */
export type RevokeSignInSessionResponseJson = {
    /**
     * The revocation every service now applies to the session's tokens.
     *
     * @generated from field: soma.identity.v1.TokenRevocation revocation = 1;
     */
    revocation?: TokenRevocationJson;
};
/**
 * Describes the message soma.identity.v1.RevokeSignInSessionResponse.
 * Use `create(RevokeSignInSessionResponseSchema)` to create a new message.
 */
export declare const RevokeSignInSessionResponseSchema: GenMessage<RevokeSignInSessionResponse, {
    jsonType: RevokeSignInSessionResponseJson;
}>;
/**
 * IdentityService manages tenants, their users and memberships, issues the
 * EdDSA tokens every Soma service verifies, and guards each tenant's training
 * lock. Errors carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * @generated from service soma.identity.v1.IdentityService
 */
export declare const IdentityService: GenService<{
    /**
     * Creates a tenant. Fails with ALREADY_EXISTS (TENANT_EXISTS) if the id is
     * taken, INVALID_ARGUMENT (FIELD_INVALID) if it is malformed.
     *
     * @generated from rpc soma.identity.v1.IdentityService.CreateTenant
     */
    createTenant: {
        methodKind: "unary";
        input: typeof CreateTenantRequestSchema;
        output: typeof CreateTenantResponseSchema;
    };
    /**
     * Returns a tenant. Fails with NOT_FOUND (TENANT_NOT_FOUND).
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetTenant
     */
    getTenant: {
        methodKind: "unary";
        input: typeof GetTenantRequestSchema;
        output: typeof GetTenantResponseSchema;
    };
    /**
     * Lists every tenant, ordered by id.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ListTenants
     */
    listTenants: {
        methodKind: "unary";
        input: typeof ListTenantsRequestSchema;
        output: typeof ListTenantsResponseSchema;
    };
    /**
     * Creates a user and its membership with the given role. Fails with
     * NOT_FOUND (TENANT_NOT_FOUND), ALREADY_EXISTS (USER_EXISTS), or
     * PERMISSION_DENIED: GRANT_NOT_ALLOWED when a non-owner grants the owner
     * role, IMPERSONATION_NOT_ALLOWED when the caller's token is an
     * impersonation token.
     *
     * @generated from rpc soma.identity.v1.IdentityService.CreateUser
     */
    createUser: {
        methodKind: "unary";
        input: typeof CreateUserRequestSchema;
        output: typeof CreateUserResponseSchema;
    };
    /**
     * Returns a user. Fails with NOT_FOUND (USER_NOT_FOUND).
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetUser
     */
    getUser: {
        methodKind: "unary";
        input: typeof GetUserRequestSchema;
        output: typeof GetUserResponseSchema;
    };
    /**
     * Lists the users of a tenant, ordered by id.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ListUsers
     */
    listUsers: {
        methodKind: "unary";
        input: typeof ListUsersRequestSchema;
        output: typeof ListUsersResponseSchema;
    };
    /**
     * Disables a user: it keeps its data but receives no new tokens, and the
     * tokens it holds are revoked (TOKEN_REVOKED everywhere within a second).
     * Fails with NOT_FOUND (USER_NOT_FOUND).
     *
     * @generated from rpc soma.identity.v1.IdentityService.DisableUser
     */
    disableUser: {
        methodKind: "unary";
        input: typeof DisableUserRequestSchema;
        output: typeof DisableUserResponseSchema;
    };
    /**
     * Returns a membership. Fails with NOT_FOUND (MEMBERSHIP_NOT_FOUND).
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetMembership
     */
    getMembership: {
        methodKind: "unary";
        input: typeof GetMembershipRequestSchema;
        output: typeof GetMembershipResponseSchema;
    };
    /**
     * Lists the memberships of a tenant, ordered by user id.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ListMemberships
     */
    listMemberships: {
        methodKind: "unary";
        input: typeof ListMembershipsRequestSchema;
        output: typeof ListMembershipsResponseSchema;
    };
    /**
     * Changes a membership's role and extra capabilities. Fails with ABORTED
     * (ETAG_MISMATCH) on a stale etag, PERMISSION_DENIED (GRANT_NOT_ALLOWED)
     * when the caller grants what it may not, PERMISSION_DENIED
     * (IMPERSONATION_NOT_ALLOWED) when the caller's token is an impersonation
     * token, FAILED_PRECONDITION (LAST_OWNER) when it would leave the tenant
     * without an owner. A change that takes capabilities away revokes the
     * user's tokens issued before it.
     *
     * @generated from rpc soma.identity.v1.IdentityService.UpdateMembership
     */
    updateMembership: {
        methodKind: "unary";
        input: typeof UpdateMembershipRequestSchema;
        output: typeof UpdateMembershipResponseSchema;
    };
    /**
     * Issues a signed access token for a user of the tenant. The token carries
     * the user's capabilities, narrowed to `capabilities` when given.
     *
     * A token for another user than the caller is impersonation: it needs
     * `platform.tokens.impersonate` (held by platform operators only), never
     * carries a capability the caller's token lacks, and names the caller in
     * its `act` claim (RFC 8693, `{"sub": <caller>}`). An impersonation token
     * cannot issue tokens, nor change roles or memberships.
     *
     * Fails with NOT_FOUND (USER_NOT_FOUND), FAILED_PRECONDITION
     * (USER_DISABLED), or PERMISSION_DENIED: GRANT_NOT_ALLOWED when it asks
     * for a capability the user or the impersonating caller lacks,
     * CAPABILITY_MISSING (metadata `capability`) when the caller impersonates
     * without `platform.tokens.impersonate`, IMPERSONATION_NOT_ALLOWED when the
     * caller's token is itself an impersonation token.
     *
     * @generated from rpc soma.identity.v1.IdentityService.IssueToken
     */
    issueToken: {
        methodKind: "unary";
        input: typeof IssueTokenRequestSchema;
        output: typeof IssueTokenResponseSchema;
    };
    /**
     * Signs the caller out: revokes every token of the caller's subject in its
     * tenant issued until now, the calling token included. Every service
     * refuses them with UNAUTHENTICATED (TOKEN_REVOKED) within a second. Fails
     * with PERMISSION_DENIED (TENANT_MISMATCH) when `parent` is not the
     * caller's tenant.
     *
     * @generated from rpc soma.identity.v1.IdentityService.RevokeTokens
     */
    revokeTokens: {
        methodKind: "unary";
        input: typeof RevokeTokensRequestSchema;
        output: typeof RevokeTokensResponseSchema;
    };
    /**
     * Lists the token revocations still in force (those younger than the
     * longest token lifetime), ordered by tenant and subject. Services read it
     * when they start, before they serve.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ListTokenRevocations
     */
    listTokenRevocations: {
        methodKind: "unary";
        input: typeof ListTokenRevocationsRequestSchema;
        output: typeof ListTokenRevocationsResponseSchema;
    };
    /**
     * Returns the public keys that verify tokens, as a JSON Web Key Set. Keys
     * that were rotated out stay here until the last token they signed
     * expires. Public: it needs no token.
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetJwks
     */
    getJwks: {
        methodKind: "unary";
        input: typeof GetJwksRequestSchema;
        output: typeof GetJwksResponseSchema;
    };
    /**
     * Makes a new signing key the active one. Tokens signed by the previous key
     * keep verifying until they expire.
     *
     * @generated from rpc soma.identity.v1.IdentityService.RotateSigningKey
     */
    rotateSigningKey: {
        methodKind: "unary";
        input: typeof RotateSigningKeyRequestSchema;
        output: typeof RotateSigningKeyResponseSchema;
    };
    /**
     * Returns the tenant's training lock, held or not. Fails with NOT_FOUND
     * (TENANT_NOT_FOUND).
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetTrainingLock
     */
    getTrainingLock: {
        methodKind: "unary";
        input: typeof GetTrainingLockRequestSchema;
        output: typeof GetTrainingLockResponseSchema;
    };
    /**
     * Takes the tenant's training lock for the caller, or renews the caller's
     * lease. Fails with FAILED_PRECONDITION (TRAINING_LOCK_HELD) while another
     * principal holds an unexpired lease.
     *
     * @generated from rpc soma.identity.v1.IdentityService.StartTraining
     */
    startTraining: {
        methodKind: "unary";
        input: typeof StartTrainingRequestSchema;
        output: typeof StartTrainingResponseSchema;
    };
    /**
     * Releases the caller's training lock. Fails with FAILED_PRECONDITION
     * (TRAINING_LOCK_NOT_HELD) when the caller does not hold it.
     *
     * @generated from rpc soma.identity.v1.IdentityService.StopTraining
     */
    stopTraining: {
        methodKind: "unary";
        input: typeof StopTrainingRequestSchema;
        output: typeof StopTrainingResponseSchema;
    };
    /**
     * Signs a user in with a password, and a TOTP or recovery code when the
     * account has a second factor. Returns a short-lived access token and a
     * refresh token. Public: it needs no token. Fails with UNAUTHENTICATED
     * (INVALID_CREDENTIALS) for a wrong password, an unknown or disabled user
     * or a wrong second factor alike, UNAUTHENTICATED
     * (SECOND_FACTOR_REQUIRED) when the second factor is missing, and
     * RESOURCE_EXHAUSTED (SIGN_IN_LOCKED, with RetryInfo) after repeated
     * failures.
     *
     * @generated from rpc soma.identity.v1.IdentityService.SignIn
     */
    signIn: {
        methodKind: "unary";
        input: typeof SignInRequestSchema;
        output: typeof SignInResponseSchema;
    };
    /**
     * Trades a refresh token for a new access token and a new refresh token.
     * Each refresh token works once. Public: it needs no token. Fails with
     * UNAUTHENTICATED (REFRESH_TOKEN_INVALID) for an unknown, expired or
     * signed-out token, and UNAUTHENTICATED (REFRESH_TOKEN_REUSED) for one
     * that was already used, which also revokes its whole family and ends its
     * sign-in session: its access tokens are refused too (TOKEN_REVOKED).
     *
     * @generated from rpc soma.identity.v1.IdentityService.RefreshToken
     */
    refreshToken: {
        methodKind: "unary";
        input: typeof RefreshTokenRequestSchema;
        output: typeof RefreshTokenResponseSchema;
    };
    /**
     * Signs out: ends the refresh token's sign-in session, as
     * RevokeSignInSession does, so none of its refresh tokens works again and
     * every service refuses its access tokens at once (TOKEN_REVOKED); the
     * user's other sessions are not affected. Public: holding the refresh
     * token is the proof. Succeeds for an unknown or already revoked token too.
     *
     * @generated from rpc soma.identity.v1.IdentityService.SignOut
     */
    signOut: {
        methodKind: "unary";
        input: typeof SignOutRequestSchema;
        output: typeof SignOutResponseSchema;
    };
    /**
     * Exchanges an ID token of the tenant's trusted OIDC issuer for SomaStack
     * tokens (OAuth 2.0 token exchange, RFC 8693). Public: it needs no token.
     * Fails with FAILED_PRECONDITION (SSO_NOT_CONFIGURED) when the tenant
     * trusts no issuer, UNAUTHENTICATED (SUBJECT_TOKEN_INVALID) when the
     * signature, issuer, audience or validity time is wrong, UNAUTHENTICATED
     * (SUBJECT_UNKNOWN) when it names no user, UNAVAILABLE
     * (SERVICE_UNAVAILABLE) when the issuer's keys cannot be fetched.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ExchangeToken
     */
    exchangeToken: {
        methodKind: "unary";
        input: typeof ExchangeTokenRequestSchema;
        output: typeof ExchangeTokenResponseSchema;
    };
    /**
     * Changes the caller's own password; the current one must be given when
     * one is set. Fails with PERMISSION_DENIED (NOT_ACCOUNT_OWNER) for
     * another user's account, PERMISSION_DENIED (IMPERSONATION_NOT_ALLOWED)
     * through an impersonation token, UNAUTHENTICATED (INVALID_CREDENTIALS) for a
     * wrong current password, INVALID_ARGUMENT (FIELD_INVALID) when the new
     * password breaks the policy.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ChangePassword
     */
    changePassword: {
        methodKind: "unary";
        input: typeof ChangePasswordRequestSchema;
        output: typeof ChangePasswordResponseSchema;
    };
    /**
     * Starts an admin-initiated password reset: returns a one-time reset code
     * to hand to the user, who sets a new password with CompletePasswordReset.
     * A newer reset replaces an older code. The caller's role must be above
     * the user's (an owner's password only a platform operator resets). Fails
     * with NOT_FOUND (USER_NOT_FOUND), PERMISSION_DENIED (GRANT_NOT_ALLOWED)
     * for a user of the caller's role or above, PERMISSION_DENIED
     * (IMPERSONATION_NOT_ALLOWED) through an impersonation token.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ResetPassword
     */
    resetPassword: {
        methodKind: "unary";
        input: typeof ResetPasswordRequestSchema;
        output: typeof ResetPasswordResponseSchema;
    };
    /**
     * Sets a new password with a reset code from ResetPassword; the code then
     * stops working. Public: the code is the proof. Fails with
     * UNAUTHENTICATED (INVALID_CREDENTIALS) for a wrong, used or expired code
     * or an unknown user, INVALID_ARGUMENT (FIELD_INVALID) when the password
     * breaks the policy, RESOURCE_EXHAUSTED (SIGN_IN_LOCKED) after repeated
     * failures.
     *
     * @generated from rpc soma.identity.v1.IdentityService.CompletePasswordReset
     */
    completePasswordReset: {
        methodKind: "unary";
        input: typeof CompletePasswordResetRequestSchema;
        output: typeof CompletePasswordResetResponseSchema;
    };
    /**
     * Starts TOTP enrolment of the caller's own account: returns the secret
     * and its otpauth URI. Sign-in needs no code until ConfirmTotp. Fails with
     * PERMISSION_DENIED (NOT_ACCOUNT_OWNER, or IMPERSONATION_NOT_ALLOWED
     * through an impersonation token), FAILED_PRECONDITION
     * (SECOND_FACTOR_STATE_CONFLICT) when TOTP is already confirmed.
     *
     * @generated from rpc soma.identity.v1.IdentityService.EnrollTotp
     */
    enrollTotp: {
        methodKind: "unary";
        input: typeof EnrollTotpRequestSchema;
        output: typeof EnrollTotpResponseSchema;
    };
    /**
     * Confirms TOTP enrolment with a first code and returns ten recovery
     * codes, shown this once. Fails with PERMISSION_DENIED
     * (NOT_ACCOUNT_OWNER, or IMPERSONATION_NOT_ALLOWED through an
     * impersonation token), FAILED_PRECONDITION (SECOND_FACTOR_STATE_CONFLICT)
     * when no enrolment is pending, UNAUTHENTICATED (INVALID_CREDENTIALS) for
     * a wrong code.
     *
     * @generated from rpc soma.identity.v1.IdentityService.ConfirmTotp
     */
    confirmTotp: {
        methodKind: "unary";
        input: typeof ConfirmTotpRequestSchema;
        output: typeof ConfirmTotpResponseSchema;
    };
    /**
     * Returns how people sign in to a tenant: password, and the OIDC issuer
     * and client id when the tenant trusts one. Public: it needs no token. An
     * unknown tenant gets the default options (password only).
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetSignInOptions
     */
    getSignInOptions: {
        methodKind: "unary";
        input: typeof GetSignInOptionsRequestSchema;
        output: typeof GetSignInOptionsResponseSchema;
    };
    /**
     * Returns how a user signs in: password and second-factor state. The
     * caller's own account, or any account of the tenant with
     * `identity.credentials.reset`. Fails with PERMISSION_DENIED
     * (NOT_ACCOUNT_OWNER), NOT_FOUND (USER_NOT_FOUND).
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetAccount
     */
    getAccount: {
        methodKind: "unary";
        input: typeof GetAccountRequestSchema;
        output: typeof GetAccountResponseSchema;
    };
    /**
     * Lists a user's sign-in sessions that have not ended, newest first: the
     * caller's own, or any user's of the tenant with
     * `identity.credentials.reset`. Fails with PERMISSION_DENIED
     * (NOT_ACCOUNT_OWNER), NOT_FOUND (USER_NOT_FOUND).
     *
     * @generated from rpc soma.identity.v1.IdentityService.ListSignInSessions
     */
    listSignInSessions: {
        methodKind: "unary";
        input: typeof ListSignInSessionsRequestSchema;
        output: typeof ListSignInSessionsResponseSchema;
    };
    /**
     * Ends a sign-in session: its refresh tokens stop working and its access
     * tokens are refused at once by every service (TOKEN_REVOKED). The
     * caller's own sessions, or any user's of the tenant with
     * `identity.credentials.reset`, under the caller's own token. Fails with
     * PERMISSION_DENIED (NOT_ACCOUNT_OWNER, or IMPERSONATION_NOT_ALLOWED
     * through an impersonation token), NOT_FOUND (SIGN_IN_SESSION_NOT_FOUND)
     * for an unknown or ended session.
     *
     * @generated from rpc soma.identity.v1.IdentityService.RevokeSignInSession
     */
    revokeSignInSession: {
        methodKind: "unary";
        input: typeof RevokeSignInSessionRequestSchema;
        output: typeof RevokeSignInSessionResponseSchema;
    };
    /**
     * Returns the tenant's trusted OIDC issuer. Fails with NOT_FOUND
     * (SSO_NOT_CONFIGURED) when there is none.
     *
     * @generated from rpc soma.identity.v1.IdentityService.GetOidcProvider
     */
    getOidcProvider: {
        methodKind: "unary";
        input: typeof GetOidcProviderRequestSchema;
        output: typeof GetOidcProviderResponseSchema;
    };
    /**
     * Sets (creates or replaces) the tenant's trusted OIDC issuer: an owner
     * only (or a platform operator), under its own token, since the issuer can
     * sign in as any user of the tenant. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) for a malformed URL or claim, NOT_FOUND
     * (TENANT_NOT_FOUND), PERMISSION_DENIED (GRANT_NOT_ALLOWED) for a caller
     * below owner, PERMISSION_DENIED (IMPERSONATION_NOT_ALLOWED) through an
     * impersonation token.
     *
     * @generated from rpc soma.identity.v1.IdentityService.UpdateOidcProvider
     */
    updateOidcProvider: {
        methodKind: "unary";
        input: typeof UpdateOidcProviderRequestSchema;
        output: typeof UpdateOidcProviderResponseSchema;
    };
}>;
