/**
 * The console against a real `soma up` (started by global-setup.ts), in Debian's Chromium: sign in, create a
 * tenant and users, edit settings through a conflict, switch deployment mode against a guardrail, read the
 * constitution, remember and recall, start sessions and watch them stream, approve as a second user, receive and
 * acknowledge the notification, read One Sight. Every view is checked with axe-core and screenshotted; any
 * browser console error or page error, and any request outside Envoy's REST, metrics and console routes, fails.
 */

import { randomUUID } from "node:crypto";
import { createSomaClient } from "@soma/proto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Visitor, foreignRequests, launch } from "./browser";

const mesh = inject("mesh");
const tenant = `e2e${randomUUID().slice(0, 8)}`;
const FACT = "The Orion launch review is on Thursday at 10:00 in room Vega.";
const RISKY = "Roll the new model out to production.";
const CHAIR = "Grace Hopper chairs the Orion launch review.";

let browser: Browser;
const visitors: Visitor[] = [];
let admin: Visitor;
const passwords: Record<string, string> = {};
let riskySession = "";

async function visit(name: string): Promise<Visitor> {
  const visitor = await Visitor.open(browser, name, `${mesh.url}/console/`);
  visitors.push(visitor);
  return visitor;
}

async function signInWithPassword(visitor: Visitor, user: string, password: string): Promise<void> {
  await visitor.page.getByLabel("Tenant", { exact: true }).fill(tenant);
  await visitor.page.getByLabel("E-mail or user id").fill(user);
  await visitor.page.getByLabel("Password", { exact: true }).fill(password);
  await visitor.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await visitor.page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
}

/** axe-core on the view as it is: no violation of any impact. */
async function accessible(visitor: Visitor): Promise<void> {
  expect(await visitor.accessibilityViolations()).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe("the console against a real mesh", () => {
  it("signs in with the dev token", async () => {
    admin = await visit("admin");
    const { page } = admin;
    await page.getByRole("heading", { level: 1, name: "Sign in to SomaStack" }).waitFor();
    await page.getByRole("button", { name: "Use the dev token" }).waitFor();
    await accessible(admin);
    await admin.screenshot("01-sign-in");
    await page.getByRole("button", { name: "Use the dev token" }).click();
    await expect.poll(() => page.getByTestId("who").textContent()).toContain("platform/admin");
  });

  it("refuses a malformed token with a clear message", async () => {
    const stranger = await visit("stranger");
    await stranger.page.getByLabel("Access token").fill("not-a-token");
    await stranger.page.getByRole("button", { name: "Sign in with this token" }).click();
    await expect.poll(() => stranger.page.getByRole("alert").textContent()).toContain("token: is not a JWT");
    await stranger.context.close();
  });

  it("shows every service healthy with charts in One Sight", async () => {
    await admin.view("#/dashboard", "One Sight");
    const health = admin.page.getByTestId("health");
    await health.waitFor({ timeout: 30_000 });
    for (const domain of ["identity", "memory", "orchestrator", "settings", "slm", "notification"]) {
      await expect.poll(() => health.locator(`tr[data-domain="${domain}"] .badge`).textContent()).toBe("up");
    }
    await admin.page.getByRole("figure", { name: "Requests per second" }).waitFor();
    await admin.page.getByRole("figure", { name: "SLM latency (InferSync)" }).waitFor();
    await accessible(admin);
    await admin.screenshot("02-one-sight");
  });

  it("creates a tenant, users and their tokens", async () => {
    const { page } = admin;
    await admin.view("#/admin", "Tenant admin");
    await page.getByLabel("Tenant id").fill(tenant);
    await page.getByLabel("Display name").first().fill("End to end");
    await page.getByRole("button", { name: "Create tenant" }).click();
    await page.getByRole("heading", { name: `Users of ${tenant}` }).waitFor();
    await page.getByText("No users in this tenant yet.").waitFor();
    for (const [user, role] of [
      ["grace", "admin"],
      ["linus", "admin"],
      ["ada", "member"],
    ] as const) {
      await page.locator("#user-id").fill(user);
      await page.locator("#user-name").fill(user[0]?.toUpperCase() + user.slice(1));
      await page.locator("#user-role").selectOption({ label: role });
      await page.getByRole("button", { name: "Create user" }).click();
      await page.locator(`tr[data-user="${user}"]`).waitFor();
    }
    // The operator can still issue a token for a user (an impersonation token, naming the operator as actor).
    await page.getByRole("button", { name: "Issue a token for ada" }).click();
    const issued = page.locator('textarea[data-user="ada"]');
    await issued.waitFor();
    expect((await issued.inputValue()).split(".")).toHaveLength(3);
    // grace and linus sign in with passwords of their own: two people, so one can approve the other's session.
    const operator = createSomaClient({ baseUrl: mesh.url, token: mesh.adminToken });
    for (const user of ["grace", "linus"]) {
      const password = `${user} keeps a long passphrase`;
      const { resetCode } = await operator.identity.resetPassword({ user: `tenants/${tenant}/users/${user}` });
      const visitor = createSomaClient({ baseUrl: mesh.url });
      await visitor.identity.completePasswordReset({
        tenant: `tenants/${tenant}`,
        username: user,
        resetCode,
        newPassword: password,
      });
      const signedIn = await visitor.identity.signIn({ tenant: `tenants/${tenant}`, username: user, password });
      expect(signedIn.tokens?.accessToken.split(".")).toHaveLength(3);
      passwords[user] = password;
    }
    await page.locator('[data-membership="ada"]').waitFor();
    await accessible(admin);
    await admin.screenshot("03-tenant-admin");
  });

  it("edits settings, and shows a concurrent change as a conflict with a reload", async () => {
    const { page } = admin;
    await admin.view("#/settings", "Settings");
    await page.getByLabel("Display time zone").fill("Europe/Paris");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();

    // Someone else changes the settings behind the console's back.
    const other = createSomaClient({ baseUrl: mesh.url, token: mesh.adminToken });
    const name = `tenants/${tenant}/settings`;
    const current = (await other.settings.getSettings({ name })).settings;
    await other.settings.updateSettings({
      settings: { name, defaultLanguage: "fr" },
      updateMask: { paths: ["default_language"] },
      etag: current?.etag ?? "",
    });

    await page.getByLabel("Data retention (days, 0 keeps forever)").fill("30");
    await admin.expecting([/status of 409/], async () => {
      await page.getByRole("button", { name: "Save settings" }).click();
      await page.getByTestId("conflict").waitFor();
    });
    // Nothing was overwritten: the other writer's language is still there.
    expect((await other.settings.getSettings({ name })).settings?.defaultLanguage).toBe("fr");
    await accessible(admin);
    await admin.screenshot("04-settings-conflict");
    await page.getByTestId("conflict").getByRole("button", { name: "Reload" }).click();
    await expect.poll(() => page.getByLabel("Default language").inputValue()).toBe("fr");
    await page.getByLabel("Data retention (days, 0 keeps forever)").fill("30");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    const saved = (await other.settings.getSettings({ name })).settings;
    expect(saved?.dataRetentionDays).toBe(30);
    expect(saved?.defaultLanguage).toBe("fr");

    // The model-profile editor: the chat role on the built-in local provider.
    await page.getByLabel("Edit the profile of role").selectOption("chat");
    await page.getByLabel("Provider", { exact: true }).selectOption("local");
    await page.getByLabel("Model", { exact: true }).fill("soma-local-e2e");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Model profile saved.").waitFor();
    await page.getByRole("cell", { name: "soma-local-e2e" }).waitFor();
    await accessible(admin);
    await admin.screenshot("05-settings");
  });

  it("walks the deployment-mode wizard, explaining and enforcing guardrails", async () => {
    const { page } = admin;
    await admin.view("#/wizard", "Deployment mode");
    await page.getByRole("radio", { name: /^Production/ }).check();
    await page.getByRole("button", { name: "Next: check the guardrails" }).click();
    await page.getByText("prod-no-local-provider").first().waitFor();
    await page.getByText(/These model profiles use the local provider/).waitFor();
    await accessible(admin);
    await admin.screenshot("06-wizard-check");
    await page.getByRole("button", { name: "Next: apply" }).click();
    await admin.expecting([/status of 400/], async () => {
      await page.getByRole("button", { name: "Apply the mode" }).click();
      await page.getByText(/A guardrail refused the switch/).waitFor();
    });
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("GUARDRAIL_VIOLATED");

    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("radio", { name: /^Staging/ }).check();
    await page.getByRole("button", { name: "Next: check the guardrails" }).click();
    await page.getByRole("button", { name: "Next: apply" }).click();
    await page.getByRole("button", { name: "Apply the mode" }).click();
    await expect.poll(() => page.getByTestId("applied").textContent()).toContain("Now in force: Staging");
    await accessible(admin);
    await admin.screenshot("07-wizard-applied");
  });

  it("shows the active constitution with its checksum recomputed, and validates a draft", async () => {
    const { page } = admin;
    await admin.view("#/constitution", "Constitution");
    await expect.poll(() => page.getByTestId("constitution-version").textContent()).toBe("console-e2e-1");
    await page.getByText("recomputed here: matches").waitFor();
    await page.getByRole("cell", { name: /risky-session/ }).waitFor();
    await page.getByRole("button", { name: "Validate" }).click();
    await expect.poll(() => page.getByTestId("validation").textContent()).toMatch(/^Valid — checksum [0-9a-f]{64}, signed by dev/);
    const draft = page.getByLabel("Draft document (proto3 JSON)");
    await draft.fill(JSON.stringify({ version: "draft-2", title: "T", rules: [{ id: "r", expression: "actoin.name == 1", weight: 1, reasonCode: "X" }] }));
    await page.getByRole("button", { name: "Validate" }).click();
    await expect.poll(() => page.getByTestId("validation").textContent()).toContain("Not valid");
    await expect.poll(() => page.getByTestId("validation").textContent()).toContain("rules[0].expression");
    await accessible(admin);
    await admin.screenshot("08-constitution");
  });

  it("remembers a fact and recalls it with scores", async () => {
    const { page } = admin;
    await admin.view("#/memory", "Memory");
    await page.getByLabel("Text", { exact: true }).fill(FACT);
    await page.getByRole("button", { name: "Remember", exact: true }).click();
    await page.getByText(/Remembered as/).waitFor();
    await page.getByLabel("Query").fill("When is the Orion launch review?");
    await page.getByRole("button", { name: "Recall" }).click();
    const hit = page.getByTestId("hits").locator("tbody tr").filter({ hasText: FACT });
    await hit.waitFor();
    const score = Number(await hit.locator("td").nth(1).textContent());
    expect(score).toBeGreaterThan(0);

    // A second memory, linked to the first, then forgotten.
    await page.getByLabel("Text", { exact: true }).fill(CHAIR);
    await page.getByRole("button", { name: "Remember", exact: true }).click();
    await page.getByText(/Remembered as/).waitFor();
    await page.getByLabel("Query").fill("Who chairs the Orion launch review?");
    await page.getByRole("button", { name: "Recall" }).click();
    const chair = page.getByTestId("hits").locator("tbody tr").filter({ hasText: CHAIR });
    await chair.waitFor();
    const chairName = (await chair.getAttribute("data-memory")) ?? "";
    const factName = (await page.getByTestId("hits").locator("tbody tr").filter({ hasText: FACT }).getAttribute("data-memory")) ?? "";
    await chair.locator("summary").click();
    await chair.getByText("No links yet.").waitFor();
    await chair.getByLabel("Link to").selectOption(factName);
    await chair.getByLabel("As").selectOption({ label: "supports" });
    await chair.getByRole("button", { name: "Link", exact: true }).click();
    await expect.poll(() => chair.locator("details li").first().textContent()).toContain("supports → ");
    await expect.poll(() => chair.locator("details li").first().textContent()).toContain(FACT);
    await accessible(admin);
    await admin.screenshot("09-memory");
    page.once("dialog", (dialog) => void dialog.accept());
    await chair.getByRole("button", { name: /^Forget/ }).click();
    await page.getByText(`1 memory forgotten: ${chairName.split("/").at(-1)}`).waitFor();
    await expect.poll(() => page.getByTestId("hits").locator(`tr[data-memory="${chairName}"]`).count()).toBe(0);
  });

  it("is usable from the keyboard: a skip link, the navigation, focus on each view's heading", async () => {
    const { page } = admin;
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent?.trim()}`);
    // Start from the top of the page, as after loading it.
    const toTop = () =>
      page.evaluate(() => {
        document.body.tabIndex = -1;
        document.body.focus();
        document.body.removeAttribute("tabindex");
      });
    await toTop();
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("A:Skip to content");
    await page.keyboard.press("Enter");
    expect(await focused()).toBe("H1:Memory");
    await toTop();
    for (let presses = 0; presses < 20 && (await focused()) !== "A:Constitution"; presses++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("A:Constitution");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Constitution" }).waitFor();
    await expect.poll(focused).toBe("H1:Constitution");
  });

  it("streams a session's steps live, approves it as a second user, and delivers the notification", async () => {
    const linus = await visit("linus");
    await signInWithPassword(linus, "linus", passwords.linus ?? "");
    await linus.view("#/notifications", "Notifications");
    await expect.poll(() => linus.page.getByTestId("stream-state").textContent()).toContain("Live");

    const grace = await visit("grace");
    await signInWithPassword(grace, "grace", passwords.grace ?? "");
    await grace.view("#/sessions", "Conversations");

    // An ordinary session: its queued answer arrives over the stream after StartSession returned.
    await grace.page.getByLabel("Prompt").fill("When is the Orion launch review?");
    await grace.page.getByRole("button", { name: "Start session" }).click();
    const first = grace.page.locator("section[data-session]").first();
    await expect.poll(() => first.getByTestId("session-state").textContent(), { timeout: 30_000 }).toBe("succeeded");
    await first.locator('li[data-step-kind="INFERENCE"]').waitFor();
    await expect.poll(() => first.getByTestId("answer").textContent()).toContain("Thursday");

    // A risky session waits for a second person.
    await grace.page.getByLabel("Prompt").fill(RISKY);
    await grace.page.getByLabel(/^Risk/).fill("0.6");
    await grace.page.getByRole("button", { name: "Start session" }).click();
    const stream = grace.page.locator("section[data-session]").first();
    await expect.poll(() => stream.getByTestId("session-state").textContent(), { timeout: 30_000 }).toBe("pending approval");
    riskySession = (await stream.getAttribute("data-session")) ?? "";
    expect(riskySession).toMatch(new RegExp(`^tenants/${tenant}/sessions/`));
    await stream.locator('li[data-step-kind="APPROVAL"].waiting').waitFor();
    // grace may approve sessions, but not her own.
    await grace.page.locator(`[data-pending="${riskySession}"]`).getByText("someone else must approve it").waitFor();
    await accessible(grace);
    await grace.screenshot("10-session-pending");

    // linus hears about it on his live stream, without reloading.
    const notice = linus.page.locator(`[data-subject="${riskySession}"]`);
    await notice.waitFor({ timeout: 30_000 });
    await expect.poll(() => notice.textContent()).toContain("Approval needed");
    await accessible(linus);
    await linus.screenshot("11-notifications");
    await notice.getByRole("button", { name: /Acknowledge/ }).click();
    await notice.getByTestId("acked").waitFor();

    // linus approves; grace's open stream shows the rest of the session as it runs.
    await linus.view("#/sessions", "Conversations");
    const card = linus.page.locator(`[data-pending="${riskySession}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.getByLabel("Comment").fill("Checked the rollout plan.");
    await card.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => stream.getByTestId("session-state").textContent(), { timeout: 30_000 }).toBe("succeeded");
    await stream.locator('li[data-step-kind="APPROVAL"].ok').waitFor();
    await expect.poll(() => stream.textContent()).toContain("Checked the rollout plan.");
    await accessible(grace);
    await grace.screenshot("12-session-approved");
    await accessible(linus);
    await linus.screenshot("13-approvals");

    // grace is told about the decision too.
    await grace.view("#/notifications", "Notifications");
    await grace.page.locator(`[data-subject="${riskySession}"]`).first().waitFor({ timeout: 30_000 });
    await grace.page.getByRole("heading", { name: "Quiet hours" }).waitFor();
    await grace.page.getByLabel("Quiet hours on").check();
    await grace.page.getByLabel("Time zone").fill("Europe/Paris");
    await grace.page.getByRole("button", { name: "Save preferences" }).click();
    await grace.page.getByText("Preferences saved.").waitFor();
    await accessible(grace);
    await grace.screenshot("14-notification-center");
  });

  it("made no request outside Envoy's REST surface and logged no browser error", () => {
    const requests = visitors.flatMap((v) => v.requests);
    expect(requests.some((u) => new URL(u).pathname.startsWith("/v1/"))).toBe(true);
    expect(requests.some((u) => new URL(u).pathname.startsWith("/metrics/"))).toBe(true);
    expect(foreignRequests(requests, mesh.url)).toEqual([]);
    expect(visitors.flatMap((v) => v.errors)).toEqual([]);
  });
});
