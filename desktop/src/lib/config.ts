/** Where the console finds Envoy's REST surface: same origin by default, or a base URL set on the sign-in page. */

const STORAGE_KEY = "soma.console.apiBase";

/** A base URL the console cannot use; names the setting. */
export class BaseUrlError extends Error {
  constructor(value: string, problem: string) {
    super(`Envoy base URL ${JSON.stringify(value)}: ${problem}`);
    this.name = "BaseUrlError";
  }
}

/** Normalizes a base URL: empty for same origin, else an http(s) origin (plus optional path) without a trailing slash. */
export function normalizeBaseUrl(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) return "";
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new BaseUrlError(trimmed, "is not an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BaseUrlError(trimmed, "must be http or https");
  if (url.search || url.hash) throw new BaseUrlError(trimmed, "must not have a query or fragment");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The configured base URL: the stored setting, else the page's `<meta name="soma-api-base">`, else same origin. */
export function apiBase(): string {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored !== null && stored !== undefined) return stored;
  const meta = globalThis.document?.querySelector<HTMLMetaElement>('meta[name="soma-api-base"]')?.content ?? "";
  return normalizeBaseUrl(meta);
}

export function setApiBase(value: string): string {
  const normalized = normalizeBaseUrl(value);
  if (normalized) localStorage.setItem(STORAGE_KEY, normalized);
  else localStorage.removeItem(STORAGE_KEY);
  return normalized;
}
