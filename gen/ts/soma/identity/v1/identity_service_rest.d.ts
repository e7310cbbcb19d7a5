import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { ChangePasswordRequestSchema, ChangePasswordResponseSchema, CompletePasswordResetRequestSchema, CompletePasswordResetResponseSchema, ConfirmTotpRequestSchema, ConfirmTotpResponseSchema, CreateTenantRequestSchema, CreateTenantResponseSchema, CreateUserRequestSchema, CreateUserResponseSchema, DisableUserRequestSchema, DisableUserResponseSchema, EnrollTotpRequestSchema, EnrollTotpResponseSchema, ExchangeTokenRequestSchema, ExchangeTokenResponseSchema, GetAccountRequestSchema, GetAccountResponseSchema, GetJwksRequestSchema, GetJwksResponseSchema, GetMembershipRequestSchema, GetMembershipResponseSchema, GetOidcProviderRequestSchema, GetOidcProviderResponseSchema, GetSignInOptionsRequestSchema, GetSignInOptionsResponseSchema, GetTenantRequestSchema, GetTenantResponseSchema, GetTrainingLockRequestSchema, GetTrainingLockResponseSchema, GetUserRequestSchema, GetUserResponseSchema, IssueTokenRequestSchema, IssueTokenResponseSchema, ListMembershipsRequestSchema, ListMembershipsResponseSchema, ListSignInSessionsRequestSchema, ListSignInSessionsResponseSchema, ListTenantsRequestSchema, ListTenantsResponseSchema, ListTokenRevocationsRequestSchema, ListTokenRevocationsResponseSchema, ListUsersRequestSchema, ListUsersResponseSchema, RefreshTokenRequestSchema, RefreshTokenResponseSchema, ResetPasswordRequestSchema, ResetPasswordResponseSchema, RevokeSignInSessionRequestSchema, RevokeSignInSessionResponseSchema, RevokeTokensRequestSchema, RevokeTokensResponseSchema, RotateSigningKeyRequestSchema, RotateSigningKeyResponseSchema, SignInRequestSchema, SignInResponseSchema, SignOutRequestSchema, SignOutResponseSchema, StartTrainingRequestSchema, StartTrainingResponseSchema, StopTrainingRequestSchema, StopTrainingResponseSchema, UpdateMembershipRequestSchema, UpdateMembershipResponseSchema, UpdateOidcProviderRequestSchema, UpdateOidcProviderResponseSchema } from "./identity_service_pb.js";
/**
 * REST bindings of soma.identity.v1.IdentityService, from the google.api.http rules of its RPCs.
 */
export declare const IdentityServiceRest: {
    readonly createTenant: {
        readonly name: "soma.identity.v1.IdentityService.CreateTenant";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateTenantRequest, {
            jsonType: import("./identity_service_pb.js").CreateTenantRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateTenantResponse, {
            jsonType: import("./identity_service_pb.js").CreateTenantResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/tenants"];
            readonly body: "tenant";
        };
    };
    readonly getTenant: {
        readonly name: "soma.identity.v1.IdentityService.GetTenant";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTenantRequest, {
            jsonType: import("./identity_service_pb.js").GetTenantRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTenantResponse, {
            jsonType: import("./identity_service_pb.js").GetTenantResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*";
            }];
            readonly body: "";
        };
    };
    readonly listTenants: {
        readonly name: "soma.identity.v1.IdentityService.ListTenants";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTenantsRequest, {
            jsonType: import("./identity_service_pb.js").ListTenantsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTenantsResponse, {
            jsonType: import("./identity_service_pb.js").ListTenantsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/tenants"];
            readonly body: "";
        };
    };
    readonly createUser: {
        readonly name: "soma.identity.v1.IdentityService.CreateUser";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateUserRequest, {
            jsonType: import("./identity_service_pb.js").CreateUserRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateUserResponse, {
            jsonType: import("./identity_service_pb.js").CreateUserResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/users"];
            readonly body: "user";
        };
    };
    readonly getUser: {
        readonly name: "soma.identity.v1.IdentityService.GetUser";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetUserRequest, {
            jsonType: import("./identity_service_pb.js").GetUserRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetUserResponse, {
            jsonType: import("./identity_service_pb.js").GetUserResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/users/*";
            }];
            readonly body: "";
        };
    };
    readonly listUsers: {
        readonly name: "soma.identity.v1.IdentityService.ListUsers";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListUsersRequest, {
            jsonType: import("./identity_service_pb.js").ListUsersRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListUsersResponse, {
            jsonType: import("./identity_service_pb.js").ListUsersResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/users"];
            readonly body: "";
        };
    };
    readonly disableUser: {
        readonly name: "soma.identity.v1.IdentityService.DisableUser";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").DisableUserRequest, {
            jsonType: import("./identity_service_pb.js").DisableUserRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").DisableUserResponse, {
            jsonType: import("./identity_service_pb.js").DisableUserResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/users/*";
            }, ":disable"];
            readonly body: "*";
        };
    };
    readonly getMembership: {
        readonly name: "soma.identity.v1.IdentityService.GetMembership";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetMembershipRequest, {
            jsonType: import("./identity_service_pb.js").GetMembershipRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetMembershipResponse, {
            jsonType: import("./identity_service_pb.js").GetMembershipResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/memberships/*";
            }];
            readonly body: "";
        };
    };
    readonly listMemberships: {
        readonly name: "soma.identity.v1.IdentityService.ListMemberships";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListMembershipsRequest, {
            jsonType: import("./identity_service_pb.js").ListMembershipsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListMembershipsResponse, {
            jsonType: import("./identity_service_pb.js").ListMembershipsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/memberships"];
            readonly body: "";
        };
    };
    readonly updateMembership: {
        readonly name: "soma.identity.v1.IdentityService.UpdateMembership";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateMembershipRequest, {
            jsonType: import("./identity_service_pb.js").UpdateMembershipRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateMembershipResponse, {
            jsonType: import("./identity_service_pb.js").UpdateMembershipResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "PATCH";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["membership", "name"];
                readonly pattern: "tenants/*/memberships/*";
            }];
            readonly body: "membership";
        };
    };
    readonly issueToken: {
        readonly name: "soma.identity.v1.IdentityService.IssueToken";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").IssueTokenRequest, {
            jsonType: import("./identity_service_pb.js").IssueTokenRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").IssueTokenResponse, {
            jsonType: import("./identity_service_pb.js").IssueTokenResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["user"];
                readonly pattern: "tenants/*/users/*";
            }, ":issueToken"];
            readonly body: "*";
        };
    };
    readonly revokeTokens: {
        readonly name: "soma.identity.v1.IdentityService.RevokeTokens";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeTokensRequest, {
            jsonType: import("./identity_service_pb.js").RevokeTokensRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeTokensResponse, {
            jsonType: import("./identity_service_pb.js").RevokeTokensResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*";
            }, "/tokens:revoke"];
            readonly body: "*";
        };
    };
    readonly listTokenRevocations: {
        readonly name: "soma.identity.v1.IdentityService.ListTokenRevocations";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTokenRevocationsRequest, {
            jsonType: import("./identity_service_pb.js").ListTokenRevocationsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTokenRevocationsResponse, {
            jsonType: import("./identity_service_pb.js").ListTokenRevocationsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/tokenRevocations"];
            readonly body: "";
        };
    };
    readonly getJwks: {
        readonly name: "soma.identity.v1.IdentityService.GetJwks";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.GetJwksRequest">, {
            jsonType: import("./identity_service_pb.js").GetJwksRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetJwksResponse, {
            jsonType: import("./identity_service_pb.js").GetJwksResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/jwks"];
            readonly body: "";
        };
    };
    readonly rotateSigningKey: {
        readonly name: "soma.identity.v1.IdentityService.RotateSigningKey";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.RotateSigningKeyRequest">, {
            jsonType: import("./identity_service_pb.js").RotateSigningKeyRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RotateSigningKeyResponse, {
            jsonType: import("./identity_service_pb.js").RotateSigningKeyResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/signingKeys:rotate"];
            readonly body: "*";
        };
    };
    readonly getTrainingLock: {
        readonly name: "soma.identity.v1.IdentityService.GetTrainingLock";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTrainingLockRequest, {
            jsonType: import("./identity_service_pb.js").GetTrainingLockRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTrainingLockResponse, {
            jsonType: import("./identity_service_pb.js").GetTrainingLockResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/trainingLock";
            }];
            readonly body: "";
        };
    };
    readonly startTraining: {
        readonly name: "soma.identity.v1.IdentityService.StartTraining";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StartTrainingRequest, {
            jsonType: import("./identity_service_pb.js").StartTrainingRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StartTrainingResponse, {
            jsonType: import("./identity_service_pb.js").StartTrainingResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/trainingLock";
            }, ":start"];
            readonly body: "*";
        };
    };
    readonly stopTraining: {
        readonly name: "soma.identity.v1.IdentityService.StopTraining";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StopTrainingRequest, {
            jsonType: import("./identity_service_pb.js").StopTrainingRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StopTrainingResponse, {
            jsonType: import("./identity_service_pb.js").StopTrainingResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/trainingLock";
            }, ":stop"];
            readonly body: "*";
        };
    };
    readonly signIn: {
        readonly name: "soma.identity.v1.IdentityService.SignIn";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").SignInRequest, {
            jsonType: import("./identity_service_pb.js").SignInRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").SignInResponse, {
            jsonType: import("./identity_service_pb.js").SignInResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["tenant"];
                readonly pattern: "tenants/*";
            }, ":signIn"];
            readonly body: "*";
        };
    };
    readonly refreshToken: {
        readonly name: "soma.identity.v1.IdentityService.RefreshToken";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RefreshTokenRequest, {
            jsonType: import("./identity_service_pb.js").RefreshTokenRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RefreshTokenResponse, {
            jsonType: import("./identity_service_pb.js").RefreshTokenResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/tokens:refresh"];
            readonly body: "*";
        };
    };
    readonly signOut: {
        readonly name: "soma.identity.v1.IdentityService.SignOut";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").SignOutRequest, {
            jsonType: import("./identity_service_pb.js").SignOutRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.SignOutResponse">, {
            jsonType: import("./identity_service_pb.js").SignOutResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/tokens:signOut"];
            readonly body: "*";
        };
    };
    readonly exchangeToken: {
        readonly name: "soma.identity.v1.IdentityService.ExchangeToken";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ExchangeTokenRequest, {
            jsonType: import("./identity_service_pb.js").ExchangeTokenRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ExchangeTokenResponse, {
            jsonType: import("./identity_service_pb.js").ExchangeTokenResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["tenant"];
                readonly pattern: "tenants/*";
            }, ":exchangeToken"];
            readonly body: "*";
        };
    };
    readonly changePassword: {
        readonly name: "soma.identity.v1.IdentityService.ChangePassword";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ChangePasswordRequest, {
            jsonType: import("./identity_service_pb.js").ChangePasswordRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.ChangePasswordResponse">, {
            jsonType: import("./identity_service_pb.js").ChangePasswordResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["user"];
                readonly pattern: "tenants/*/users/*";
            }, ":changePassword"];
            readonly body: "*";
        };
    };
    readonly resetPassword: {
        readonly name: "soma.identity.v1.IdentityService.ResetPassword";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ResetPasswordRequest, {
            jsonType: import("./identity_service_pb.js").ResetPasswordRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ResetPasswordResponse, {
            jsonType: import("./identity_service_pb.js").ResetPasswordResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["user"];
                readonly pattern: "tenants/*/users/*";
            }, ":resetPassword"];
            readonly body: "*";
        };
    };
    readonly completePasswordReset: {
        readonly name: "soma.identity.v1.IdentityService.CompletePasswordReset";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CompletePasswordResetRequest, {
            jsonType: import("./identity_service_pb.js").CompletePasswordResetRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.CompletePasswordResetResponse">, {
            jsonType: import("./identity_service_pb.js").CompletePasswordResetResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["tenant"];
                readonly pattern: "tenants/*";
            }, ":completePasswordReset"];
            readonly body: "*";
        };
    };
    readonly enrollTotp: {
        readonly name: "soma.identity.v1.IdentityService.EnrollTotp";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").EnrollTotpRequest, {
            jsonType: import("./identity_service_pb.js").EnrollTotpRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").EnrollTotpResponse, {
            jsonType: import("./identity_service_pb.js").EnrollTotpResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["user"];
                readonly pattern: "tenants/*/users/*";
            }, ":enrollTotp"];
            readonly body: "*";
        };
    };
    readonly confirmTotp: {
        readonly name: "soma.identity.v1.IdentityService.ConfirmTotp";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ConfirmTotpRequest, {
            jsonType: import("./identity_service_pb.js").ConfirmTotpRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ConfirmTotpResponse, {
            jsonType: import("./identity_service_pb.js").ConfirmTotpResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["user"];
                readonly pattern: "tenants/*/users/*";
            }, ":confirmTotp"];
            readonly body: "*";
        };
    };
    readonly getSignInOptions: {
        readonly name: "soma.identity.v1.IdentityService.GetSignInOptions";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetSignInOptionsRequest, {
            jsonType: import("./identity_service_pb.js").GetSignInOptionsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetSignInOptionsResponse, {
            jsonType: import("./identity_service_pb.js").GetSignInOptionsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/signInOptions";
            }];
            readonly body: "";
        };
    };
    readonly getAccount: {
        readonly name: "soma.identity.v1.IdentityService.GetAccount";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetAccountRequest, {
            jsonType: import("./identity_service_pb.js").GetAccountRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetAccountResponse, {
            jsonType: import("./identity_service_pb.js").GetAccountResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/users/*/account";
            }];
            readonly body: "";
        };
    };
    readonly listSignInSessions: {
        readonly name: "soma.identity.v1.IdentityService.ListSignInSessions";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListSignInSessionsRequest, {
            jsonType: import("./identity_service_pb.js").ListSignInSessionsRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListSignInSessionsResponse, {
            jsonType: import("./identity_service_pb.js").ListSignInSessionsResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["parent"];
                readonly pattern: "tenants/*/users/*";
            }, "/signInSessions"];
            readonly body: "";
        };
    };
    readonly revokeSignInSession: {
        readonly name: "soma.identity.v1.IdentityService.RevokeSignInSession";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeSignInSessionRequest, {
            jsonType: import("./identity_service_pb.js").RevokeSignInSessionRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeSignInSessionResponse, {
            jsonType: import("./identity_service_pb.js").RevokeSignInSessionResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "POST";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/users/*/signInSessions/*";
            }, ":revoke"];
            readonly body: "*";
        };
    };
    readonly getOidcProvider: {
        readonly name: "soma.identity.v1.IdentityService.GetOidcProvider";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetOidcProviderRequest, {
            jsonType: import("./identity_service_pb.js").GetOidcProviderRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetOidcProviderResponse, {
            jsonType: import("./identity_service_pb.js").GetOidcProviderResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["name"];
                readonly pattern: "tenants/*/oidcProvider";
            }];
            readonly body: "";
        };
    };
    readonly updateOidcProvider: {
        readonly name: "soma.identity.v1.IdentityService.UpdateOidcProvider";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateOidcProviderRequest, {
            jsonType: import("./identity_service_pb.js").UpdateOidcProviderRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateOidcProviderResponse, {
            jsonType: import("./identity_service_pb.js").UpdateOidcProviderResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "PATCH";
            readonly path: readonly ["/v1/", {
                readonly field: readonly ["oidcProvider", "name"];
                readonly pattern: "tenants/*/oidcProvider";
            }];
            readonly body: "oidcProvider";
        };
    };
};
/**
 * IdentityService manages tenants, their users and memberships, issues the
 * EdDSA tokens every Soma service verifies, and guards each tenant's training
 * lock. Errors carry `google.rpc.ErrorInfo` with a reason from
 * `soma.common.v1.ErrorReason`.
 *
 * The REST client of soma.identity.v1.IdentityService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class IdentityServiceClient {
    static readonly serviceName = "soma.identity.v1.IdentityService";
    static readonly methods: {
        readonly createTenant: {
            readonly name: "soma.identity.v1.IdentityService.CreateTenant";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateTenantRequest, {
                jsonType: import("./identity_service_pb.js").CreateTenantRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateTenantResponse, {
                jsonType: import("./identity_service_pb.js").CreateTenantResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/tenants"];
                readonly body: "tenant";
            };
        };
        readonly getTenant: {
            readonly name: "soma.identity.v1.IdentityService.GetTenant";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTenantRequest, {
                jsonType: import("./identity_service_pb.js").GetTenantRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTenantResponse, {
                jsonType: import("./identity_service_pb.js").GetTenantResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*";
                }];
                readonly body: "";
            };
        };
        readonly listTenants: {
            readonly name: "soma.identity.v1.IdentityService.ListTenants";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTenantsRequest, {
                jsonType: import("./identity_service_pb.js").ListTenantsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTenantsResponse, {
                jsonType: import("./identity_service_pb.js").ListTenantsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/tenants"];
                readonly body: "";
            };
        };
        readonly createUser: {
            readonly name: "soma.identity.v1.IdentityService.CreateUser";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateUserRequest, {
                jsonType: import("./identity_service_pb.js").CreateUserRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CreateUserResponse, {
                jsonType: import("./identity_service_pb.js").CreateUserResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/users"];
                readonly body: "user";
            };
        };
        readonly getUser: {
            readonly name: "soma.identity.v1.IdentityService.GetUser";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetUserRequest, {
                jsonType: import("./identity_service_pb.js").GetUserRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetUserResponse, {
                jsonType: import("./identity_service_pb.js").GetUserResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/users/*";
                }];
                readonly body: "";
            };
        };
        readonly listUsers: {
            readonly name: "soma.identity.v1.IdentityService.ListUsers";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListUsersRequest, {
                jsonType: import("./identity_service_pb.js").ListUsersRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListUsersResponse, {
                jsonType: import("./identity_service_pb.js").ListUsersResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/users"];
                readonly body: "";
            };
        };
        readonly disableUser: {
            readonly name: "soma.identity.v1.IdentityService.DisableUser";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").DisableUserRequest, {
                jsonType: import("./identity_service_pb.js").DisableUserRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").DisableUserResponse, {
                jsonType: import("./identity_service_pb.js").DisableUserResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/users/*";
                }, ":disable"];
                readonly body: "*";
            };
        };
        readonly getMembership: {
            readonly name: "soma.identity.v1.IdentityService.GetMembership";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetMembershipRequest, {
                jsonType: import("./identity_service_pb.js").GetMembershipRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetMembershipResponse, {
                jsonType: import("./identity_service_pb.js").GetMembershipResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/memberships/*";
                }];
                readonly body: "";
            };
        };
        readonly listMemberships: {
            readonly name: "soma.identity.v1.IdentityService.ListMemberships";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListMembershipsRequest, {
                jsonType: import("./identity_service_pb.js").ListMembershipsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListMembershipsResponse, {
                jsonType: import("./identity_service_pb.js").ListMembershipsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/memberships"];
                readonly body: "";
            };
        };
        readonly updateMembership: {
            readonly name: "soma.identity.v1.IdentityService.UpdateMembership";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateMembershipRequest, {
                jsonType: import("./identity_service_pb.js").UpdateMembershipRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateMembershipResponse, {
                jsonType: import("./identity_service_pb.js").UpdateMembershipResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "PATCH";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["membership", "name"];
                    readonly pattern: "tenants/*/memberships/*";
                }];
                readonly body: "membership";
            };
        };
        readonly issueToken: {
            readonly name: "soma.identity.v1.IdentityService.IssueToken";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").IssueTokenRequest, {
                jsonType: import("./identity_service_pb.js").IssueTokenRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").IssueTokenResponse, {
                jsonType: import("./identity_service_pb.js").IssueTokenResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["user"];
                    readonly pattern: "tenants/*/users/*";
                }, ":issueToken"];
                readonly body: "*";
            };
        };
        readonly revokeTokens: {
            readonly name: "soma.identity.v1.IdentityService.RevokeTokens";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeTokensRequest, {
                jsonType: import("./identity_service_pb.js").RevokeTokensRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeTokensResponse, {
                jsonType: import("./identity_service_pb.js").RevokeTokensResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*";
                }, "/tokens:revoke"];
                readonly body: "*";
            };
        };
        readonly listTokenRevocations: {
            readonly name: "soma.identity.v1.IdentityService.ListTokenRevocations";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTokenRevocationsRequest, {
                jsonType: import("./identity_service_pb.js").ListTokenRevocationsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListTokenRevocationsResponse, {
                jsonType: import("./identity_service_pb.js").ListTokenRevocationsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/tokenRevocations"];
                readonly body: "";
            };
        };
        readonly getJwks: {
            readonly name: "soma.identity.v1.IdentityService.GetJwks";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.GetJwksRequest">, {
                jsonType: import("./identity_service_pb.js").GetJwksRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetJwksResponse, {
                jsonType: import("./identity_service_pb.js").GetJwksResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/jwks"];
                readonly body: "";
            };
        };
        readonly rotateSigningKey: {
            readonly name: "soma.identity.v1.IdentityService.RotateSigningKey";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.RotateSigningKeyRequest">, {
                jsonType: import("./identity_service_pb.js").RotateSigningKeyRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RotateSigningKeyResponse, {
                jsonType: import("./identity_service_pb.js").RotateSigningKeyResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/signingKeys:rotate"];
                readonly body: "*";
            };
        };
        readonly getTrainingLock: {
            readonly name: "soma.identity.v1.IdentityService.GetTrainingLock";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTrainingLockRequest, {
                jsonType: import("./identity_service_pb.js").GetTrainingLockRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetTrainingLockResponse, {
                jsonType: import("./identity_service_pb.js").GetTrainingLockResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/trainingLock";
                }];
                readonly body: "";
            };
        };
        readonly startTraining: {
            readonly name: "soma.identity.v1.IdentityService.StartTraining";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StartTrainingRequest, {
                jsonType: import("./identity_service_pb.js").StartTrainingRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StartTrainingResponse, {
                jsonType: import("./identity_service_pb.js").StartTrainingResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/trainingLock";
                }, ":start"];
                readonly body: "*";
            };
        };
        readonly stopTraining: {
            readonly name: "soma.identity.v1.IdentityService.StopTraining";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StopTrainingRequest, {
                jsonType: import("./identity_service_pb.js").StopTrainingRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").StopTrainingResponse, {
                jsonType: import("./identity_service_pb.js").StopTrainingResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/trainingLock";
                }, ":stop"];
                readonly body: "*";
            };
        };
        readonly signIn: {
            readonly name: "soma.identity.v1.IdentityService.SignIn";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").SignInRequest, {
                jsonType: import("./identity_service_pb.js").SignInRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").SignInResponse, {
                jsonType: import("./identity_service_pb.js").SignInResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["tenant"];
                    readonly pattern: "tenants/*";
                }, ":signIn"];
                readonly body: "*";
            };
        };
        readonly refreshToken: {
            readonly name: "soma.identity.v1.IdentityService.RefreshToken";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RefreshTokenRequest, {
                jsonType: import("./identity_service_pb.js").RefreshTokenRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RefreshTokenResponse, {
                jsonType: import("./identity_service_pb.js").RefreshTokenResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/tokens:refresh"];
                readonly body: "*";
            };
        };
        readonly signOut: {
            readonly name: "soma.identity.v1.IdentityService.SignOut";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").SignOutRequest, {
                jsonType: import("./identity_service_pb.js").SignOutRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.SignOutResponse">, {
                jsonType: import("./identity_service_pb.js").SignOutResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/tokens:signOut"];
                readonly body: "*";
            };
        };
        readonly exchangeToken: {
            readonly name: "soma.identity.v1.IdentityService.ExchangeToken";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ExchangeTokenRequest, {
                jsonType: import("./identity_service_pb.js").ExchangeTokenRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ExchangeTokenResponse, {
                jsonType: import("./identity_service_pb.js").ExchangeTokenResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["tenant"];
                    readonly pattern: "tenants/*";
                }, ":exchangeToken"];
                readonly body: "*";
            };
        };
        readonly changePassword: {
            readonly name: "soma.identity.v1.IdentityService.ChangePassword";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ChangePasswordRequest, {
                jsonType: import("./identity_service_pb.js").ChangePasswordRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.ChangePasswordResponse">, {
                jsonType: import("./identity_service_pb.js").ChangePasswordResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["user"];
                    readonly pattern: "tenants/*/users/*";
                }, ":changePassword"];
                readonly body: "*";
            };
        };
        readonly resetPassword: {
            readonly name: "soma.identity.v1.IdentityService.ResetPassword";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ResetPasswordRequest, {
                jsonType: import("./identity_service_pb.js").ResetPasswordRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ResetPasswordResponse, {
                jsonType: import("./identity_service_pb.js").ResetPasswordResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["user"];
                    readonly pattern: "tenants/*/users/*";
                }, ":resetPassword"];
                readonly body: "*";
            };
        };
        readonly completePasswordReset: {
            readonly name: "soma.identity.v1.IdentityService.CompletePasswordReset";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").CompletePasswordResetRequest, {
                jsonType: import("./identity_service_pb.js").CompletePasswordResetRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.identity.v1.CompletePasswordResetResponse">, {
                jsonType: import("./identity_service_pb.js").CompletePasswordResetResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["tenant"];
                    readonly pattern: "tenants/*";
                }, ":completePasswordReset"];
                readonly body: "*";
            };
        };
        readonly enrollTotp: {
            readonly name: "soma.identity.v1.IdentityService.EnrollTotp";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").EnrollTotpRequest, {
                jsonType: import("./identity_service_pb.js").EnrollTotpRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").EnrollTotpResponse, {
                jsonType: import("./identity_service_pb.js").EnrollTotpResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["user"];
                    readonly pattern: "tenants/*/users/*";
                }, ":enrollTotp"];
                readonly body: "*";
            };
        };
        readonly confirmTotp: {
            readonly name: "soma.identity.v1.IdentityService.ConfirmTotp";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ConfirmTotpRequest, {
                jsonType: import("./identity_service_pb.js").ConfirmTotpRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ConfirmTotpResponse, {
                jsonType: import("./identity_service_pb.js").ConfirmTotpResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["user"];
                    readonly pattern: "tenants/*/users/*";
                }, ":confirmTotp"];
                readonly body: "*";
            };
        };
        readonly getSignInOptions: {
            readonly name: "soma.identity.v1.IdentityService.GetSignInOptions";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetSignInOptionsRequest, {
                jsonType: import("./identity_service_pb.js").GetSignInOptionsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetSignInOptionsResponse, {
                jsonType: import("./identity_service_pb.js").GetSignInOptionsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/signInOptions";
                }];
                readonly body: "";
            };
        };
        readonly getAccount: {
            readonly name: "soma.identity.v1.IdentityService.GetAccount";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetAccountRequest, {
                jsonType: import("./identity_service_pb.js").GetAccountRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetAccountResponse, {
                jsonType: import("./identity_service_pb.js").GetAccountResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/users/*/account";
                }];
                readonly body: "";
            };
        };
        readonly listSignInSessions: {
            readonly name: "soma.identity.v1.IdentityService.ListSignInSessions";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListSignInSessionsRequest, {
                jsonType: import("./identity_service_pb.js").ListSignInSessionsRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").ListSignInSessionsResponse, {
                jsonType: import("./identity_service_pb.js").ListSignInSessionsResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["parent"];
                    readonly pattern: "tenants/*/users/*";
                }, "/signInSessions"];
                readonly body: "";
            };
        };
        readonly revokeSignInSession: {
            readonly name: "soma.identity.v1.IdentityService.RevokeSignInSession";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeSignInSessionRequest, {
                jsonType: import("./identity_service_pb.js").RevokeSignInSessionRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").RevokeSignInSessionResponse, {
                jsonType: import("./identity_service_pb.js").RevokeSignInSessionResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "POST";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/users/*/signInSessions/*";
                }, ":revoke"];
                readonly body: "*";
            };
        };
        readonly getOidcProvider: {
            readonly name: "soma.identity.v1.IdentityService.GetOidcProvider";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetOidcProviderRequest, {
                jsonType: import("./identity_service_pb.js").GetOidcProviderRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").GetOidcProviderResponse, {
                jsonType: import("./identity_service_pb.js").GetOidcProviderResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["name"];
                    readonly pattern: "tenants/*/oidcProvider";
                }];
                readonly body: "";
            };
        };
        readonly updateOidcProvider: {
            readonly name: "soma.identity.v1.IdentityService.UpdateOidcProvider";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateOidcProviderRequest, {
                jsonType: import("./identity_service_pb.js").UpdateOidcProviderRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./identity_service_pb.js").UpdateOidcProviderResponse, {
                jsonType: import("./identity_service_pb.js").UpdateOidcProviderResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "PATCH";
                readonly path: readonly ["/v1/", {
                    readonly field: readonly ["oidcProvider", "name"];
                    readonly pattern: "tenants/*/oidcProvider";
                }];
                readonly body: "oidcProvider";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Creates a tenant. Fails with ALREADY_EXISTS (TENANT_EXISTS) if the id is
     * taken, INVALID_ARGUMENT (FIELD_INVALID) if it is malformed.
     *
     * `POST /v1/tenants` (body: `tenant`)
     */
    createTenant(request: MessageInitShape<typeof CreateTenantRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof CreateTenantResponseSchema>>;
    /**
     * Returns a tenant. Fails with NOT_FOUND (TENANT_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*}`
     */
    getTenant(request: MessageInitShape<typeof GetTenantRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetTenantResponseSchema>>;
    /**
     * Lists every tenant, ordered by id.
     *
     * `GET /v1/tenants`
     */
    listTenants(request: MessageInitShape<typeof ListTenantsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListTenantsResponseSchema>>;
    /**
     * Creates a user and its membership with the given role. Fails with
     * NOT_FOUND (TENANT_NOT_FOUND), ALREADY_EXISTS (USER_EXISTS), or
     * PERMISSION_DENIED: GRANT_NOT_ALLOWED when a non-owner grants the owner
     * role, IMPERSONATION_NOT_ALLOWED when the caller's token is an
     * impersonation token.
     *
     * `POST /v1/{parent=tenants/*}/users` (body: `user`)
     */
    createUser(request: MessageInitShape<typeof CreateUserRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof CreateUserResponseSchema>>;
    /**
     * Returns a user. Fails with NOT_FOUND (USER_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/users/*}`
     */
    getUser(request: MessageInitShape<typeof GetUserRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetUserResponseSchema>>;
    /**
     * Lists the users of a tenant, ordered by id.
     *
     * `GET /v1/{parent=tenants/*}/users`
     */
    listUsers(request: MessageInitShape<typeof ListUsersRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListUsersResponseSchema>>;
    /**
     * Disables a user: it keeps its data but receives no new tokens, and the
     * tokens it holds are revoked (TOKEN_REVOKED everywhere within a second).
     * Fails with NOT_FOUND (USER_NOT_FOUND).
     *
     * `POST /v1/{name=tenants/*\/users/*}:disable` (body: `*`)
     */
    disableUser(request: MessageInitShape<typeof DisableUserRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof DisableUserResponseSchema>>;
    /**
     * Returns a membership. Fails with NOT_FOUND (MEMBERSHIP_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/memberships/*}`
     */
    getMembership(request: MessageInitShape<typeof GetMembershipRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetMembershipResponseSchema>>;
    /**
     * Lists the memberships of a tenant, ordered by user id.
     *
     * `GET /v1/{parent=tenants/*}/memberships`
     */
    listMemberships(request: MessageInitShape<typeof ListMembershipsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListMembershipsResponseSchema>>;
    /**
     * Changes a membership's role and extra capabilities. Fails with ABORTED
     * (ETAG_MISMATCH) on a stale etag, PERMISSION_DENIED (GRANT_NOT_ALLOWED)
     * when the caller grants what it may not, PERMISSION_DENIED
     * (IMPERSONATION_NOT_ALLOWED) when the caller's token is an impersonation
     * token, FAILED_PRECONDITION (LAST_OWNER) when it would leave the tenant
     * without an owner. A change that takes capabilities away revokes the
     * user's tokens issued before it.
     *
     * `PATCH /v1/{membership.name=tenants/*\/memberships/*}` (body: `membership`)
     */
    updateMembership(request: MessageInitShape<typeof UpdateMembershipRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof UpdateMembershipResponseSchema>>;
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
     * `POST /v1/{user=tenants/*\/users/*}:issueToken` (body: `*`)
     */
    issueToken(request: MessageInitShape<typeof IssueTokenRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof IssueTokenResponseSchema>>;
    /**
     * Signs the caller out: revokes every token of the caller's subject in its
     * tenant issued until now, the calling token included. Every service
     * refuses them with UNAUTHENTICATED (TOKEN_REVOKED) within a second. Fails
     * with PERMISSION_DENIED (TENANT_MISMATCH) when `parent` is not the
     * caller's tenant.
     *
     * `POST /v1/{parent=tenants/*}/tokens:revoke` (body: `*`)
     */
    revokeTokens(request: MessageInitShape<typeof RevokeTokensRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RevokeTokensResponseSchema>>;
    /**
     * Lists the token revocations still in force (those younger than the
     * longest token lifetime), ordered by tenant and subject. Services read it
     * when they start, before they serve.
     *
     * `GET /v1/tokenRevocations`
     */
    listTokenRevocations(request: MessageInitShape<typeof ListTokenRevocationsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListTokenRevocationsResponseSchema>>;
    /**
     * Returns the public keys that verify tokens, as a JSON Web Key Set. Keys
     * that were rotated out stay here until the last token they signed
     * expires. Public: it needs no token.
     *
     * `GET /v1/jwks`
     */
    getJwks(request: MessageInitShape<typeof GetJwksRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetJwksResponseSchema>>;
    /**
     * Makes a new signing key the active one. Tokens signed by the previous key
     * keep verifying until they expire.
     *
     * `POST /v1/signingKeys:rotate` (body: `*`)
     */
    rotateSigningKey(request: MessageInitShape<typeof RotateSigningKeyRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RotateSigningKeyResponseSchema>>;
    /**
     * Returns the tenant's training lock, held or not. Fails with NOT_FOUND
     * (TENANT_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/trainingLock}`
     */
    getTrainingLock(request: MessageInitShape<typeof GetTrainingLockRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetTrainingLockResponseSchema>>;
    /**
     * Takes the tenant's training lock for the caller, or renews the caller's
     * lease. Fails with FAILED_PRECONDITION (TRAINING_LOCK_HELD) while another
     * principal holds an unexpired lease.
     *
     * `POST /v1/{name=tenants/*\/trainingLock}:start` (body: `*`)
     */
    startTraining(request: MessageInitShape<typeof StartTrainingRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof StartTrainingResponseSchema>>;
    /**
     * Releases the caller's training lock. Fails with FAILED_PRECONDITION
     * (TRAINING_LOCK_NOT_HELD) when the caller does not hold it.
     *
     * `POST /v1/{name=tenants/*\/trainingLock}:stop` (body: `*`)
     */
    stopTraining(request: MessageInitShape<typeof StopTrainingRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof StopTrainingResponseSchema>>;
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
     * `POST /v1/{tenant=tenants/*}:signIn` (body: `*`)
     */
    signIn(request: MessageInitShape<typeof SignInRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof SignInResponseSchema>>;
    /**
     * Trades a refresh token for a new access token and a new refresh token.
     * Each refresh token works once. Public: it needs no token. Fails with
     * UNAUTHENTICATED (REFRESH_TOKEN_INVALID) for an unknown, expired or
     * signed-out token, and UNAUTHENTICATED (REFRESH_TOKEN_REUSED) for one
     * that was already used, which also revokes its whole family and ends its
     * sign-in session: its access tokens are refused too (TOKEN_REVOKED).
     *
     * `POST /v1/tokens:refresh` (body: `*`)
     */
    refreshToken(request: MessageInitShape<typeof RefreshTokenRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RefreshTokenResponseSchema>>;
    /**
     * Signs out: ends the refresh token's sign-in session, as
     * RevokeSignInSession does, so none of its refresh tokens works again and
     * every service refuses its access tokens at once (TOKEN_REVOKED); the
     * user's other sessions are not affected. Public: holding the refresh
     * token is the proof. Succeeds for an unknown or already revoked token too.
     *
     * `POST /v1/tokens:signOut` (body: `*`)
     */
    signOut(request: MessageInitShape<typeof SignOutRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof SignOutResponseSchema>>;
    /**
     * Exchanges an ID token of the tenant's trusted OIDC issuer for SomaStack
     * tokens (OAuth 2.0 token exchange, RFC 8693). Public: it needs no token.
     * Fails with FAILED_PRECONDITION (SSO_NOT_CONFIGURED) when the tenant
     * trusts no issuer, UNAUTHENTICATED (SUBJECT_TOKEN_INVALID) when the
     * signature, issuer, audience or validity time is wrong, UNAUTHENTICATED
     * (SUBJECT_UNKNOWN) when it names no user, UNAVAILABLE
     * (SERVICE_UNAVAILABLE) when the issuer's keys cannot be fetched.
     *
     * `POST /v1/{tenant=tenants/*}:exchangeToken` (body: `*`)
     */
    exchangeToken(request: MessageInitShape<typeof ExchangeTokenRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ExchangeTokenResponseSchema>>;
    /**
     * Changes the caller's own password; the current one must be given when
     * one is set. Fails with PERMISSION_DENIED (NOT_ACCOUNT_OWNER) for
     * another user's account, PERMISSION_DENIED (IMPERSONATION_NOT_ALLOWED)
     * through an impersonation token, UNAUTHENTICATED (INVALID_CREDENTIALS) for a
     * wrong current password, INVALID_ARGUMENT (FIELD_INVALID) when the new
     * password breaks the policy.
     *
     * `POST /v1/{user=tenants/*\/users/*}:changePassword` (body: `*`)
     */
    changePassword(request: MessageInitShape<typeof ChangePasswordRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ChangePasswordResponseSchema>>;
    /**
     * Starts an admin-initiated password reset: returns a one-time reset code
     * to hand to the user, who sets a new password with CompletePasswordReset.
     * A newer reset replaces an older code. The caller's role must be above
     * the user's (an owner's password only a platform operator resets). Fails
     * with NOT_FOUND (USER_NOT_FOUND), PERMISSION_DENIED (GRANT_NOT_ALLOWED)
     * for a user of the caller's role or above, PERMISSION_DENIED
     * (IMPERSONATION_NOT_ALLOWED) through an impersonation token.
     *
     * `POST /v1/{user=tenants/*\/users/*}:resetPassword` (body: `*`)
     */
    resetPassword(request: MessageInitShape<typeof ResetPasswordRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ResetPasswordResponseSchema>>;
    /**
     * Sets a new password with a reset code from ResetPassword; the code then
     * stops working. Public: the code is the proof. Fails with
     * UNAUTHENTICATED (INVALID_CREDENTIALS) for a wrong, used or expired code
     * or an unknown user, INVALID_ARGUMENT (FIELD_INVALID) when the password
     * breaks the policy, RESOURCE_EXHAUSTED (SIGN_IN_LOCKED) after repeated
     * failures.
     *
     * `POST /v1/{tenant=tenants/*}:completePasswordReset` (body: `*`)
     */
    completePasswordReset(request: MessageInitShape<typeof CompletePasswordResetRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof CompletePasswordResetResponseSchema>>;
    /**
     * Starts TOTP enrolment of the caller's own account: returns the secret
     * and its otpauth URI. Sign-in needs no code until ConfirmTotp. Fails with
     * PERMISSION_DENIED (NOT_ACCOUNT_OWNER, or IMPERSONATION_NOT_ALLOWED
     * through an impersonation token), FAILED_PRECONDITION
     * (SECOND_FACTOR_STATE_CONFLICT) when TOTP is already confirmed.
     *
     * `POST /v1/{user=tenants/*\/users/*}:enrollTotp` (body: `*`)
     */
    enrollTotp(request: MessageInitShape<typeof EnrollTotpRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof EnrollTotpResponseSchema>>;
    /**
     * Confirms TOTP enrolment with a first code and returns ten recovery
     * codes, shown this once. Fails with PERMISSION_DENIED
     * (NOT_ACCOUNT_OWNER, or IMPERSONATION_NOT_ALLOWED through an
     * impersonation token), FAILED_PRECONDITION (SECOND_FACTOR_STATE_CONFLICT)
     * when no enrolment is pending, UNAUTHENTICATED (INVALID_CREDENTIALS) for
     * a wrong code.
     *
     * `POST /v1/{user=tenants/*\/users/*}:confirmTotp` (body: `*`)
     */
    confirmTotp(request: MessageInitShape<typeof ConfirmTotpRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ConfirmTotpResponseSchema>>;
    /**
     * Returns how people sign in to a tenant: password, and the OIDC issuer
     * and client id when the tenant trusts one. Public: it needs no token. An
     * unknown tenant gets the default options (password only).
     *
     * `GET /v1/{name=tenants/*\/signInOptions}`
     */
    getSignInOptions(request: MessageInitShape<typeof GetSignInOptionsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetSignInOptionsResponseSchema>>;
    /**
     * Returns how a user signs in: password and second-factor state. The
     * caller's own account, or any account of the tenant with
     * `identity.credentials.reset`. Fails with PERMISSION_DENIED
     * (NOT_ACCOUNT_OWNER), NOT_FOUND (USER_NOT_FOUND).
     *
     * `GET /v1/{name=tenants/*\/users/*\/account}`
     */
    getAccount(request: MessageInitShape<typeof GetAccountRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetAccountResponseSchema>>;
    /**
     * Lists a user's sign-in sessions that have not ended, newest first: the
     * caller's own, or any user's of the tenant with
     * `identity.credentials.reset`. Fails with PERMISSION_DENIED
     * (NOT_ACCOUNT_OWNER), NOT_FOUND (USER_NOT_FOUND).
     *
     * `GET /v1/{parent=tenants/*\/users/*}/signInSessions`
     */
    listSignInSessions(request: MessageInitShape<typeof ListSignInSessionsRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof ListSignInSessionsResponseSchema>>;
    /**
     * Ends a sign-in session: its refresh tokens stop working and its access
     * tokens are refused at once by every service (TOKEN_REVOKED). The
     * caller's own sessions, or any user's of the tenant with
     * `identity.credentials.reset`, under the caller's own token. Fails with
     * PERMISSION_DENIED (NOT_ACCOUNT_OWNER, or IMPERSONATION_NOT_ALLOWED
     * through an impersonation token), NOT_FOUND (SIGN_IN_SESSION_NOT_FOUND)
     * for an unknown or ended session.
     *
     * `POST /v1/{name=tenants/*\/users/*\/signInSessions/*}:revoke` (body: `*`)
     */
    revokeSignInSession(request: MessageInitShape<typeof RevokeSignInSessionRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof RevokeSignInSessionResponseSchema>>;
    /**
     * Returns the tenant's trusted OIDC issuer. Fails with NOT_FOUND
     * (SSO_NOT_CONFIGURED) when there is none.
     *
     * `GET /v1/{name=tenants/*\/oidcProvider}`
     */
    getOidcProvider(request: MessageInitShape<typeof GetOidcProviderRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetOidcProviderResponseSchema>>;
    /**
     * Sets (creates or replaces) the tenant's trusted OIDC issuer: an owner
     * only (or a platform operator), under its own token, since the issuer can
     * sign in as any user of the tenant. Fails with INVALID_ARGUMENT
     * (FIELD_INVALID) for a malformed URL or claim, NOT_FOUND
     * (TENANT_NOT_FOUND), PERMISSION_DENIED (GRANT_NOT_ALLOWED) for a caller
     * below owner, PERMISSION_DENIED (IMPERSONATION_NOT_ALLOWED) through an
     * impersonation token.
     *
     * `PATCH /v1/{oidc_provider.name=tenants/*\/oidcProvider}` (body: `oidc_provider`)
     */
    updateOidcProvider(request: MessageInitShape<typeof UpdateOidcProviderRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof UpdateOidcProviderResponseSchema>>;
}
