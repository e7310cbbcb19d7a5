/** The console's only ways out: the generated REST clients of @soma/proto, metrics and the dev token, all through Envoy. */

import { createSomaClient, MESH_SERVICES, type SomaClient } from "@soma/proto";

export type Api = SomaClient;

/**
 * The clients of every service, on Envoy at `baseUrl` ("" = this origin), sending the signed-in user's token
 * (`token` may refresh it first; `fetch` may retry a 401 after a refresh).
 */
export function createApi(
  baseUrl: string,
  token: () => string | undefined | Promise<string | undefined>,
  fetch?: typeof globalThis.fetch,
): Api {
  return createSomaClient({ baseUrl, token, clientType: "desktop", ...(fetch ? { fetch } : {}) });
}

/** The mesh's domains, from the services of the contracts (one process, and one metrics route, per domain). */
export const DOMAINS: readonly string[] = [...new Set(MESH_SERVICES.map((s) => s.domain))].sort();

/** A metrics scrape that failed; names the domain and the HTTP status (0: no answer). */
export class MetricsFetchError extends Error {
  constructor(readonly domain: string, readonly status: number, detail: string) {
    super(`metrics of ${domain}: ${status ? `HTTP ${status}` : "no answer"}${detail ? ` (${detail})` : ""}`);
    this.name = "MetricsFetchError";
  }
}

/** The Prometheus text of one domain, as Envoy serves it at `/metrics/<domain>`. */
export async function fetchMetrics(baseUrl: string, domain: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/metrics/${encodeURIComponent(domain)}`, { signal, cache: "no-store" });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new MetricsFetchError(domain, 0, (error as Error).message);
  }
  const text = await response.text();
  if (!response.ok) throw new MetricsFetchError(domain, response.status, text.trim().slice(0, 200));
  return text;
}

/**
 * The dev admin token the mesh offers on `/console/dev-token` in the dev stage; undefined anywhere else (any
 * answer but 200 means "not offered", which is not an error to show).
 */
export async function fetchDevToken(baseUrl: string, signal?: AbortSignal): Promise<string | undefined> {
  const response = await fetch(`${baseUrl}/console/dev-token`, { signal, cache: "no-store" });
  if (!response.ok) return undefined;
  const text = (await response.text()).trim();
  if (text.startsWith("{")) {
    const parsed = JSON.parse(text) as { token?: unknown; accessToken?: unknown };
    const token = parsed.token ?? parsed.accessToken;
    return typeof token === "string" && token ? token : undefined;
  }
  return text || undefined;
}
