/** Who the pasted token says the user is: the claims of a SomaStack access token (docs/operations.md, "Identity and tokens"). */

export interface Identity {
  readonly token: string;
  /** `tenants/{tenant}/users/{user}`, or `platform/admin` for the dev admin token. */
  readonly subject: string;
  /** The token's tenant; `*` means every tenant (platform operators). */
  readonly tenant: string;
  /** The user id when the subject is a tenant user. */
  readonly user: string | undefined;
  readonly capabilities: readonly string[];
  readonly expires: Date;
}

/** A token the console cannot read; the message says what is wrong (it never echoes the token). */
export class TokenFormatError extends Error {
  constructor(problem: string) {
    super(`token: ${problem}`);
    this.name = "TokenFormatError";
  }
}

function base64UrlDecode(part: string): string {
  const padded = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const binary = atob(padded);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * Reads the claims of a JWT without verifying it: the services verify every call, the console only needs to
 * know whose token it holds. Accepts the token with or without a `Bearer ` prefix and surrounding whitespace.
 */
export function readToken(raw: string, now: Date = new Date()): Identity {
  const token = raw.trim().replace(/^Bearer\s+/i, "");
  if (!token) throw new TokenFormatError("is empty");
  const parts = token.split(".");
  if (parts.length !== 3) throw new TokenFormatError("is not a JWT (expected three dot-separated parts)");
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1] ?? "")) as Record<string, unknown>;
  } catch {
    throw new TokenFormatError("its payload is not base64url JSON");
  }
  const { sub, tenant, caps, exp } = claims;
  if (typeof sub !== "string" || !sub) throw new TokenFormatError("claim sub is missing");
  if (typeof tenant !== "string" || !tenant) throw new TokenFormatError("claim tenant is missing");
  if (typeof exp !== "number") throw new TokenFormatError("claim exp is missing");
  const capabilities = Array.isArray(caps) ? caps.filter((c): c is string => typeof c === "string") : [];
  const expires = new Date(exp * 1000);
  if (expires.getTime() <= now.getTime()) throw new TokenFormatError(`expired at ${expires.toISOString()}`);
  const user = /^tenants\/[^/]+\/users\/([^/]+)$/.exec(sub)?.[1];
  return { token, subject: sub, tenant, user, capabilities, expires };
}

/** Whether the identity holds `capability` (platform operators' tokens list every capability they hold too). */
export function can(identity: Identity | undefined, capability: string): boolean {
  return identity?.capabilities.includes(capability) ?? false;
}
