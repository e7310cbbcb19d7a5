import { describe, expect, it } from "vitest";
import { BaseUrlError, normalizeBaseUrl } from "../../src/lib/config";
import { TokenFormatError, can, readToken } from "../../src/lib/identity";

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (claims: object) => `${b64({ alg: "EdDSA", kid: "k1" })}.${b64(claims)}.c2ln`;
const NOW = new Date("2026-01-01T00:00:00Z");
const LATER = NOW.getTime() / 1000 + 3600;

describe("readToken", () => {
  it("reads a tenant user's token, with or without a Bearer prefix", () => {
    const token = jwt({ sub: "tenants/acme/users/olga", tenant: "acme", caps: ["memory.read", 7], exp: LATER });
    const identity = readToken(`  Bearer ${token}\n`, NOW);
    expect(identity.token).toBe(token);
    expect(identity.user).toBe("olga");
    expect(identity.tenant).toBe("acme");
    expect(identity.capabilities).toEqual(["memory.read"]);
    expect(can(identity, "memory.read")).toBe(true);
    expect(can(identity, "memory.write")).toBe(false);
  });

  it("reads the platform admin token: every tenant, no user", () => {
    const identity = readToken(jwt({ sub: "platform/admin", tenant: "*", caps: [], exp: LATER }), NOW);
    expect(identity.user).toBeUndefined();
    expect(identity.tenant).toBe("*");
  });

  it.each([
    ["", "is empty"],
    ["abc", "is not a JWT"],
    ["a.%%%.c", "not base64url JSON"],
    [jwt({ tenant: "t", exp: LATER }), "claim sub is missing"],
    [jwt({ sub: "s", exp: LATER }), "claim tenant is missing"],
    [jwt({ sub: "s", tenant: "t" }), "claim exp is missing"],
    [jwt({ sub: "s", tenant: "t", exp: NOW.getTime() / 1000 - 1 }), "expired at 2025-12-31T23:59:59.000Z"],
  ])("refuses %j: %s", (raw, problem) => {
    expect(() => readToken(raw, NOW)).toThrow(TokenFormatError);
    expect(() => readToken(raw, NOW)).toThrow(problem);
  });
});

describe("normalizeBaseUrl", () => {
  it("keeps same origin empty and strips trailing slashes", () => {
    expect(normalizeBaseUrl("  ")).toBe("");
    expect(normalizeBaseUrl("http://127.0.0.1:8080/")).toBe("http://127.0.0.1:8080");
    expect(normalizeBaseUrl("https://mesh.example/api//")).toBe("https://mesh.example/api");
  });
  it.each([
    ["127.0.0.1:8080", "is not an absolute URL"],
    ["ftp://mesh", "must be http or https"],
    ["http://mesh/?x=1", "must not have a query"],
  ])("refuses %s", (value, problem) => {
    expect(() => normalizeBaseUrl(value)).toThrow(BaseUrlError);
    expect(() => normalizeBaseUrl(value)).toThrow(problem);
  });
});
