/**
 * The constitution checksum (docs/constitution.md, "Checksum: canonical bytes"): lowercase hex SHA-256 of the
 * RFC 8785 (JSON Canonicalization Scheme) serialization of the document's proto3 JSON, default values left out.
 * The console recomputes it for the active document to show that what it displays is what was signed.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value the canonical form cannot hold (NaN, Infinity, undefined, a function); names where it is. */
export class CanonicalJsonError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path || "(document)"}: ${problem}`);
    this.name = "CanonicalJsonError";
  }
}

function isDefault(value: unknown): boolean {
  return value === "" || value === 0 || value === false || value === null || (Array.isArray(value) && value.length === 0);
}

/** Drops proto3 default values (`""`, `0`, `false`, `[]`, null) from objects, recursively; arrays keep their items. */
export function withoutDefaults(value: unknown, path = ""): Json {
  if (Array.isArray(value)) return value.map((item, i) => withoutDefaults(item, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || isDefault(item)) continue;
      out[key] = withoutDefaults(item, path ? `${path}.${key}` : key);
    }
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new CanonicalJsonError(path, "not a finite number");
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  throw new CanonicalJsonError(path, `${typeof value} has no JSON form`);
}

/** RFC 8785: keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string serialization. */
export function canonicalJson(value: Json, path = ""): string {
  if (Array.isArray(value)) return `[${value.map((item, i) => canonicalJson(item, `${path}[${i}]`)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json, path ? `${path}.${k}` : k)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new CanonicalJsonError(path, "not a finite number");
  // JSON.stringify writes numbers as ECMAScript does and escapes only what RFC 8785 escapes.
  return JSON.stringify(value);
}

/** Lowercase hex SHA-256 of the canonical bytes of a constitution given in proto3 JSON form. */
export async function constitutionChecksum(document: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(withoutDefaults(document)));
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
