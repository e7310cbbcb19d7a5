// The @soma/proto REST client against a real mesh through Envoy: bindings, JSON mapping, errors, streams.
// tests/contract/test_ts_codegen.py starts the mesh and passes SOMA_TEST_MESH_URL and SOMA_TEST_ADMIN_TOKEN.

import { create, fromJson, toJson } from "@bufbuild/protobuf";
import { durationFromMs, timestampDate } from "@bufbuild/protobuf/wkt";
import {
  CONTRACT_VERSION,
  Code,
  ContractServiceClient,
  IdentityServiceClient,
  MESH_SERVICES,
  RestTransport,
  SomaRestError,
  createSomaClient,
  encodeRequest,
  isSomaRestError,
  type RestMethod,
} from "@soma/proto";
import { ErrorInfoSchema } from "@soma/proto/google/rpc/error_details_pb";
import { Role } from "@soma/proto/soma/identity/v1/identity_pb";
import { GetTenantRequestSchema, GetTenantResponseSchema } from "@soma/proto/soma/identity/v1/identity_service_pb";
import { ChatRole, InferenceState } from "@soma/proto/soma/slm/v1/slm_pb";
import { describe, expect, it } from "vitest";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through tests/contract/test_ts_codegen.py`);
  return value;
}

const baseUrl = required("SOMA_TEST_MESH_URL");
const adminToken = required("SOMA_TEST_ADMIN_TOKEN");
const admin = createSomaClient({ baseUrl, token: () => adminToken });

function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

async function failure(call: () => Promise<unknown>): Promise<SomaRestError> {
  try {
    await call();
  } catch (error) {
    if (isSomaRestError(error)) return error;
    throw error;
  }
  throw new Error("the call succeeded; it should have failed");
}

/** A tenant with an owner, and the owner's token (issued over REST). */
async function tenantWithOwner(): Promise<{ tenant: string; token: string }> {
  const tenant = unique("ts");
  await admin.identity.createTenant({ tenantId: tenant, tenant: { displayName: `TS ${tenant}` } });
  await admin.identity.createUser({
    parent: `tenants/${tenant}`,
    userId: "olga",
    user: { displayName: "Olga", email: "olga@example.com" },
    role: Role.OWNER,
  });
  const issued = await admin.identity.issueToken({ user: `tenants/${tenant}/users/olga`, ttl: durationFromMs(600_000) });
  return { tenant, token: issued.accessToken };
}

describe("unary calls", () => {
  it("reads the public contract info with the generated contract version", async () => {
    const info = await new ContractServiceClient({ baseUrl }).getContractInfo({});
    expect(info.currentVersion).toBe(CONTRACT_VERSION);
    const served = info.services.map((service) => service.name).sort();
    expect(served).toEqual(MESH_SERVICES.map((service) => service.name).sort());
    for (const service of info.services) {
      expect(MESH_SERVICES.find((s) => s.name === service.name)?.domain).toBe(service.domain);
    }
  });

  it("fills path templates, body fields and query parameters, and maps enums, durations and timestamps", async () => {
    const { tenant, token } = await tenantWithOwner();
    const got = await admin.identity.getTenant({ name: `tenants/${tenant}` });
    expect(got.tenant?.name).toBe(`tenants/${tenant}`);
    expect(got.tenant?.displayName).toBe(`TS ${tenant}`);
    expect(timestampDate(got.tenant!.createTime!).getTime()).toBeGreaterThan(Date.now() - 600_000);

    // A nested path variable ({membership.name=...}) with the body field `membership`.
    const membership = await admin.identity.getMembership({ name: `tenants/${tenant}/memberships/olga` });
    expect(membership.membership?.role).toBe(Role.OWNER);
    const owner = new IdentityServiceClient({ baseUrl, token });
    await admin.identity.createUser({ parent: `tenants/${tenant}`, userId: "ivan", user: { displayName: "Ivan" } });
    // The owner's token is one the operator minted (an impersonation token): roles change under the operator's own.
    const updated = await admin.identity.updateMembership({
      membership: { name: `tenants/${tenant}/memberships/ivan`, role: Role.ADMIN },
    });
    expect(updated.membership?.role).toBe(Role.ADMIN);

    // Query parameters: page size; a page token comes back.
    const page = await owner.listUsers({ parent: `tenants/${tenant}`, pageSize: 1 });
    expect(page.users).toHaveLength(1);
    expect(page.nextPageToken).not.toBe("");
    const rest = await owner.listUsers({ parent: `tenants/${tenant}`, pageSize: 1, pageToken: page.nextPageToken });
    expect(rest.users.map((user) => user.name)).not.toContain(page.users[0].name);
  });

  it("sends the bearer token, the contract version and the client type", async () => {
    const seen: Headers[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const client = new ContractServiceClient({ baseUrl, token: async () => adminToken, fetch: recording });
    await client.getContractInfo({});
    expect(seen[0].get("authorization")).toBe(`Bearer ${adminToken}`);
    expect(seen[0].get("x-soma-contract-version")).toBe(CONTRACT_VERSION);
    expect(seen[0].get("x-soma-client-type")).toBe("desktop");

    // The mesh reads the version header: one below the minimum is refused.
    const old = createSomaClient({ baseUrl, token: adminToken, headers: { "x-soma-contract-version": "0.0.1" } });
    const refused = await failure(() => old.identity.listTenants({}));
    expect(refused.code).toBe(Code.FAILED_PRECONDITION);
    expect(refused.reason).toBe("CONTRACT_VERSION_UNSUPPORTED");
  });
});

describe("errors", () => {
  it("decodes google.rpc.Status with ErrorInfo from a service", async () => {
    const error = await failure(() => admin.identity.getTenant({ name: `tenants/${unique("missing")}` }));
    expect(error).toBeInstanceOf(SomaRestError);
    expect(error.code).toBe(Code.NOT_FOUND);
    expect(error.codeName).toBe("NOT_FOUND");
    expect(error.httpStatus).toBe(404);
    expect(error.reason).toBe("TENANT_NOT_FOUND");
    expect(error.domain).toBe("identity.somastack.dev");
    expect(error.method).toBe("soma.identity.v1.IdentityService.GetTenant");
    expect(error.requestId).not.toBe("");
    expect(error.detail(ErrorInfoSchema)?.reason).toBe("TENANT_NOT_FOUND");
  });

  it("decodes BadRequest field violations", async () => {
    const error = await failure(() => admin.identity.createTenant({ tenantId: unique("bad"), tenant: {} }));
    expect(error.code).toBe(Code.INVALID_ARGUMENT);
    expect(error.httpStatus).toBe(400);
    expect(error.reason).toBe("FIELD_INVALID");
    expect(error.fieldViolations.map((violation) => violation.field)).toContain("tenant.display_name");
    expect(error.fieldViolations[0].description).not.toBe("");
  });

  it("decodes UNAUTHENTICATED without a token", async () => {
    const error = await failure(() => createSomaClient({ baseUrl }).identity.listTenants({}));
    expect(error.code).toBe(Code.UNAUTHENTICATED);
    expect(error.httpStatus).toBe(401);
    expect(error.reason).toBe("TOKEN_MISSING");
  });

  it("decodes Envoy's own JSON error replies", async () => {
    // A binding the mesh does not have: Envoy answers, not a service.
    const unknown: RestMethod = {
      name: "soma.test.v1.Nothing.Get",
      input: GetTenantRequestSchema,
      output: GetTenantResponseSchema,
      serverStreaming: false,
      http: { verb: "GET", path: ["/v1/", { field: ["name"], pattern: "nothing/*" }], body: "" },
    };
    const error = await failure(() => new RestTransport({ baseUrl }).unary(unknown, { name: "nothing/here" }));
    expect(error.code).toBe(Code.NOT_FOUND);
    expect(error.httpStatus).toBe(404);
    expect(error.details).toEqual([]);
    expect(error.message).not.toBe("");
  });

  it("refuses a path value that does not match its template before sending", async () => {
    const error = await failure(() => admin.identity.getTenant({ name: "acme" }));
    expect(error.code).toBe(Code.INVALID_ARGUMENT);
    expect(error.httpStatus).toBe(0);
    expect(error.message).toContain("field name must match tenants/*");
    const nested = await failure(() => admin.identity.updateMembership({ membership: { role: Role.ADMIN } }));
    expect(nested.message).toContain("field membership.name is required");
  });

  it("reports a mesh that does not answer as a network error", async () => {
    const error = await failure(() => new ContractServiceClient({ baseUrl: "http://127.0.0.1:9" }).getContractInfo({}));
    expect(error.code).toBe(Code.UNAVAILABLE);
    expect(error.isNetworkError).toBe(true);
    expect(error.cause).toBeDefined();
  });

  it("rejects with the signal's reason when a unary call is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("user left"));
    await expect(admin.meta.getContractInfo({}, { signal: controller.signal })).rejects.toThrow("user left");
  });
});

describe("server streams (newline-delimited JSON)", () => {
  it("yields each streamed response and ends with the stream", async () => {
    const { tenant, token } = await tenantWithOwner();
    const owner = createSomaClient({ baseUrl, token });
    const submitted = await owner.slm.submitInference({
      parent: `tenants/${tenant}`,
      inference: { messages: [{ role: ChatRole.USER, content: "over typescript" }] },
    });
    const name = submitted.inference!.name;
    const updates = [];
    for await (const update of owner.slm.watchInference({ name })) updates.push(update);
    expect(updates[0].inference?.name).toBe(name);
    expect(updates.map((update) => update.token).join("")).toBe("echo: over typescript");
    expect(updates[updates.length - 1].state).toBe(InferenceState.SUCCEEDED);
  });

  it("ends when the signal aborts, and when the consumer stops early", async () => {
    const { tenant, token } = await tenantWithOwner();
    const owner = createSomaClient({ baseUrl, token });
    const parent = `tenants/${tenant}/users/olga`;
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 500);
    const seen = [];
    // No notification arrives: the stream stays open until the abort.
    for await (const item of owner.notification.subscribe({ parent }, { signal: controller.signal })) seen.push(item);
    expect(seen).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);

    // Breaking out of `for await` cancels the call.
    const submitted = await owner.slm.submitInference({
      parent: `tenants/${tenant}`,
      inference: { messages: [{ role: ChatRole.USER, content: "stop early" }] },
    });
    let first;
    for await (const update of owner.slm.watchInference({ name: submitted.inference!.name })) {
      first = update;
      break;
    }
    expect(first?.inference?.name).toBe(submitted.inference!.name);
  });

  it("throws the mesh's error on the first next() of a refused stream", async () => {
    const { tenant } = await tenantWithOwner();
    const stream = createSomaClient({ baseUrl }).notification.subscribe({ parent: `tenants/${tenant}/users/olga` });
    const error = await failure(async () => {
      for await (const _ of stream) break;
    });
    expect(error.code).toBe(Code.UNAUTHENTICATED);
  });
});

describe("encoding", () => {
  it("puts remaining fields in the query, and percent-encodes path segments", () => {
    const method: RestMethod = {
      name: "x",
      input: ErrorInfoSchema,
      output: ErrorInfoSchema,
      serverStreaming: false,
      http: { verb: "GET", path: ["/v1/", { field: ["domain"], pattern: "tenants/*/a" }, ":x"], body: "" },
    };
    const json = toJson(ErrorInfoSchema, create(ErrorInfoSchema, { reason: "R S", domain: "tenants/a b/a" }));
    const encoded = encodeRequest(method, json as { [key: string]: never });
    expect(encoded.path).toBe("/v1/tenants/a%20b/a:x");
    expect(encoded.query).toBe("reason=R%20S");
    expect(encoded.body).toBeUndefined();
    expect(fromJson(ErrorInfoSchema, { reason: "X", unknown: 1 }, { ignoreUnknownFields: true }).reason).toBe("X");
  });
});
