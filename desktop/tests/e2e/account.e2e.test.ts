/**
 * Signing in to the console as a person does, against the real mesh (global-setup.ts) in Debian's Chromium: a
 * password, then a TOTP second factor enrolled in the Account view and a recovery code; the access token refreshed
 * past its lifetime; single sign-on through a local OpenID Connect issuer (authorization code + PKCE, then RFC 8693
 * token exchange); a device signed out from another one; sign-out; and the audit log of it all.
 */

import { createHmac, randomUUID } from "node:crypto";
import { createSomaClient } from "@soma/proto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Visitor, foreignRequests, launch } from "./browser";
import { ACCESS_TOKEN_TTL_SECONDS } from "./mesh";
import { CLIENT_ID } from "./oidc-issuer";

const mesh = inject("mesh");
const tenant = `acct${randomUUID().slice(0, 8)}`;
const USER = "ada";
const EMAIL = "ada@example.com";
const PASSWORD = "ada keeps a long passphrase";
/** The browser logs every 4xx answer as a console error; these are the ones this story provokes. */
const EXPECTED = [/401/, /Unauthorized/];

let browser: Browser;
const visitors: Visitor[] = [];
let secret = "";
let recovery: string[] = [];

/** RFC 6238: the 6-digit code of a base32 secret for the 30 s step `offset` steps from now. */
function totp(base32: string, offset = 0): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of base32.replace(/=+$/, "")) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const digest = createHmac("sha1", key).update(counter).digest();
  const at = (digest[digest.length - 1] ?? 0) & 0xf;
  return String((digest.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

async function visit(name: string): Promise<Visitor> {
  const visitor = await Visitor.open(browser, name, `${mesh.url}/console/`);
  visitors.push(visitor);
  await visitor.page.getByRole("heading", { level: 1, name: "Sign in to SomaStack" }).waitFor();
  return visitor;
}

async function fillPassword(visitor: Visitor): Promise<void> {
  await visitor.page.getByLabel("Tenant", { exact: true }).fill(tenant);
  await visitor.page.getByLabel("E-mail or user id").fill(EMAIL);
  await visitor.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await visitor.page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const signedIn = (visitor: Visitor) => visitor.page.getByRole("button", { name: "Sign out", exact: true }).waitFor();

beforeAll(async () => {
  browser = await launch();
  const operator = createSomaClient({ baseUrl: mesh.url, token: mesh.adminToken });
  await operator.identity.createTenant({ tenantId: tenant, tenant: { displayName: "Accounts" } });
  await operator.identity.createUser({ parent: `tenants/${tenant}`, userId: USER, user: { email: EMAIL }, role: 2 });
  const { resetCode } = await operator.identity.resetPassword({ user: `tenants/${tenant}/users/${USER}` });
  const visitor = createSomaClient({ baseUrl: mesh.url });
  await visitor.identity.completePasswordReset({ tenant: `tenants/${tenant}`, username: USER, resetCode, newPassword: PASSWORD });
  await operator.identity.updateOidcProvider({
    oidcProvider: { name: `tenants/${tenant}/oidcProvider`, issuer: mesh.issuer, audience: CLIENT_ID },
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("signing in to the console", () => {
  it("signs in with a password and enrols a TOTP second factor", async () => {
    const ada = await visit("ada-laptop");
    await fillPassword(ada);
    await signedIn(ada);
    expect(await ada.page.getByTestId("who").textContent()).toContain(USER);
    await ada.view("#/account", "Account & security");
    await expect.poll(() => ada.page.getByTestId("totp-state").textContent()).toBe("off");
    await ada.page.getByRole("button", { name: "Set up an authenticator app" }).click();
    secret = (await ada.page.getByTestId("totp-secret").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await ada.page.getByLabel("Code shown by the app").fill(totp(secret));
    await ada.page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    const codes = ada.page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect.poll(() => codes.count()).toBe(10);
    recovery = await codes.allTextContents();
    await expect.poll(() => ada.page.getByTestId("totp-state").textContent()).toContain("on (10 recovery codes left)");
    expect(await ada.accessibilityViolations()).toEqual([]);
    await ada.screenshot("20-account");
  });

  it("keeps working past the access token's lifetime by refreshing it", async () => {
    const [ada] = visitors;
    if (!ada) throw new Error("no signed-in visitor");
    const before = ada.requests.filter((u) => u.endsWith("/v1/tokens:refresh")).length;
    await new Promise((done) => setTimeout(done, (ACCESS_TOKEN_TTL_SECONDS + 2) * 1000));
    await ada.view("#/dashboard", "One Sight");
    await ada.view("#/account", "Account & security");
    await expect.poll(() => ada.page.getByTestId("totp-state").textContent()).toContain("on (");
    expect(ada.requests.filter((u) => u.endsWith("/v1/tokens:refresh")).length).toBeGreaterThan(before);
  });

  it("asks for the second factor, then accepts a code and a recovery code; signs out", async () => {
    const [ada] = visitors;
    if (!ada) throw new Error("no signed-in visitor");
    await ada.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await ada.page.getByRole("heading", { level: 1, name: "Sign in to SomaStack" }).waitFor();
    await ada.expecting(EXPECTED, async () => {
      await fillPassword(ada);
      await expect.poll(() => ada.page.getByRole("alert").textContent()).toContain("enter the code from your authenticator app");
    });
    // The enrolment's code was for this 30 s step; the next step's code is still within the accepted window.
    await ada.page.getByLabel("Authentication code").fill(totp(secret, 1));
    await ada.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await signedIn(ada);

    const phone = await visit("ada-phone");
    await phone.expecting(EXPECTED, async () => {
      await fillPassword(phone);
      await phone.page.getByLabel("Authentication code").waitFor();
    });
    await phone.page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await phone.page.getByLabel("Recovery code").fill(recovery[0] ?? "");
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await signedIn(phone);
  });

  it("lists the devices and signs one out from another", async () => {
    const [laptop, phone] = visitors;
    if (!laptop || !phone) throw new Error("no signed-in visitors");
    await laptop.view("#/account", "Account & security");
    const rows = laptop.page.getByTestId("devices").locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const current = laptop.page.locator('tr[data-current="true"]');
    expect(await current.textContent()).toContain("Password and authentication code");
    const others = laptop.page.locator("tbody tr:not([data-current])", { hasText: "Password and recovery code" });
    await others.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect.poll(() => laptop.page.locator("tbody tr", { hasText: "Password and recovery code" }).count()).toBe(0);
    // The phone's next call is refused (its session's access token is revoked) and it is back at sign-in.
    await phone.expecting([...EXPECTED, /400/, /Bad Request/], async () => {
      await phone.page.evaluate(() => (location.hash = "#/account"));
      await phone.page.getByRole("heading", { level: 1, name: "Sign in to SomaStack" }).waitFor();
    });
    await phone.page.getByText("Your session ended; sign in again.").waitFor();
  });

  it("signs in with single sign-on through the tenant's OIDC issuer", async () => {
    await fetch(`${mesh.issuer}/control/sign-in-as?email=${encodeURIComponent(EMAIL)}`, { method: "POST" });
    const sso = await visit("ada-sso");
    await sso.page.getByLabel("Tenant", { exact: true }).fill(tenant);
    await sso.page.getByRole("button", { name: "Sign in with single sign-on" }).click();
    await signedIn(sso);
    expect(await sso.page.getByTestId("who").textContent()).toContain(USER);
    expect(sso.page.url()).not.toContain("code=");
    await sso.view("#/account", "Account & security");
    await sso.page.locator('tr[data-current="true"]', { hasText: "Single sign-on" }).waitFor();
  });

  it("shows the sign-ins in the audit log with an intact chain", async () => {
    const [laptop] = visitors;
    if (!laptop) throw new Error("no signed-in visitor");
    await laptop.view("#/audit", "Audit log");
    await laptop.page.getByLabel("RPC (full name)").fill("soma.identity.v1.IdentityService.SignIn");
    await laptop.page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(async () => {
      await laptop.page.getByRole("button", { name: "Filter" }).click();
      return laptop.page.locator('tr[data-rpc="SignIn"][data-code="OK"]').count();
    }, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await laptop.page.locator('tr[data-rpc="SignIn"]', { hasText: "SECOND_FACTOR_REQUIRED" }).count()).toBeGreaterThan(0);
    await laptop.page.getByRole("button", { name: "Verify chain" }).click();
    await expect.poll(() => laptop.page.getByTestId("chain").textContent()).toContain("The chain is intact");
    expect(await laptop.accessibilityViolations()).toEqual([]);
    await laptop.screenshot("21-audit-log");
  });

  it("made no request outside Envoy and the tenant's issuer, and logged no unexpected browser error", () => {
    const requests = visitors.flatMap((v) => v.requests).filter((u) => new URL(u).origin !== new URL(mesh.issuer).origin);
    expect(foreignRequests(requests, mesh.url)).toEqual([]);
    expect(visitors.flatMap((v) => v.errors)).toEqual([]);
  });
});
