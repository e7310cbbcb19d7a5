import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { CreateTenantRequestSchema, CreateTenantResponseSchema, CreateUserRequestSchema, CreateUserResponseSchema, DisableUserRequestSchema, DisableUserResponseSchema, GetJwksRequestSchema, GetJwksResponseSchema, GetMembershipRequestSchema, GetMembershipResponseSchema, GetTenantRequestSchema, GetTenantResponseSchema, GetTrainingLockRequestSchema, GetTrainingLockResponseSchema, GetUserRequestSchema, GetUserResponseSchema, IssueTokenRequestSchema, IssueTokenResponseSchema, ListMembershipsRequestSchema, ListMembershipsResponseSchema, ListTenantsRequestSchema, ListTenantsResponseSchema, ListUsersRequestSchema, ListUsersResponseSchema, RotateSigningKeyRequestSchema, RotateSigningKeyResponseSchema, StartTrainingRequestSchema, StartTrainingResponseSchema, StopTrainingRequestSchema, StopTrainingResponseSchema, UpdateMembershipRequestSchema, UpdateMembershipResponseSchema } from "./identity_service_pb.js";
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
     * Disables a user: it keeps its data but receives no new tokens. Fails
     * with NOT_FOUND (USER_NOT_FOUND).
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
     * without an owner.
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
}
