/**
 * Debian's Chromium driven by playwright-core (no browser download), with every page watched: console errors and
 * page errors fail the run, every request URL is recorded, axe-core checks accessibility, screenshots are kept.
 */

import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { REPO } from "./mesh";

export const CHROMIUM = process.env.SOMA_CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = resolve(REPO, "desktop", "test-results", "screenshots");

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set SOMA_CHROMIUM`);
  }
  // Root in a container has no user namespaces for Chromium's sandbox.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
}

/** One person at the console: a browser context of their own and what it saw. */
export class Visitor {
  readonly errors: string[] = [];
  readonly requests: string[] = [];
  /** Console errors the test expects right now (the browser logs every 4xx/5xx response as one). */
  private expected: RegExp[] = [];

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (this.expected.some((pattern) => pattern.test(text))) return;
      this.errors.push(`${name}: console error: ${text} (${message.location().url})`);
    });
    page.on("pageerror", (error) => this.errors.push(`${name}: page error: ${error.message}`));
    page.on("request", (request) => this.requests.push(request.url()));
  }

  static async open(browser: Browser, name: string, url: string): Promise<Visitor> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const visitor = new Visitor(name, context, page);
    await page.goto(url);
    return visitor;
  }

  /** Runs `body` while console errors matching `patterns` are expected (e.g. the 409 of a conflict). */
  async expecting<T>(patterns: RegExp[], body: () => Promise<T>): Promise<T> {
    this.expected = patterns;
    try {
      return await body();
    } finally {
      this.expected = [];
    }
  }

  async view(hash: string, heading: string): Promise<void> {
    await this.page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await this.page.getByRole("heading", { level: 1, name: heading }).waitFor();
  }

  /** Violations axe-core finds on the page as it is now, every impact level. */
  async accessibilityViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations.map(
      (v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  }

  async screenshot(view: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${view}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}

/** The requests that went anywhere but Envoy's REST, metrics or console routes on the mesh's own origin. */
export function foreignRequests(urls: readonly string[], meshUrl: string): string[] {
  const origin = new URL(meshUrl).origin;
  return urls.filter((raw) => {
    const url = new URL(raw);
    if (url.protocol === "data:") return false; // inline data, no request leaves the page
    return url.origin !== origin || !/^\/(v1|metrics|console)\//.test(url.pathname);
  });
}
