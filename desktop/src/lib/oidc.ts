/**
 * Single sign-on in the browser: the OpenID Connect authorization code flow with PKCE (S256), state and nonce, as a
 * public client. The ID token it ends with is exchanged for SomaStack tokens by IdentityService.ExchangeToken
 * (RFC 8693); the console never sees the user's password at the issuer.
 */

const PENDING_KEY = "soma.console.oidc";

export interface PendingSignIn {
  readonly tenant: string;
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

/** A single sign-on step that failed; the message says which and why. */
export class SsoError extends Error {
  constructor(message: string) {
    super(`single sign-on: ${message}`);
    this.name = "SsoError";
  }
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a PKCE verifier (RFC 7636). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** Where the issuer sends the browser back: the console itself, without query or hash. */
export function redirectUri(location: Location = window.location): string {
  return `${location.origin}${location.pathname}`;
}

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const response = await fetch(url, { cache: "no-store" }).catch((error: Error) => {
    throw new SsoError(`the issuer's discovery document cannot be fetched (${error.message})`);
  });
  if (!response.ok) throw new SsoError(`the issuer's discovery document answered HTTP ${response.status}`);
  const document = (await response.json()) as Record<string, unknown>;
  const { issuer: named, authorization_endpoint, token_endpoint } = document;
  if (named !== issuer) throw new SsoError(`the discovery document names issuer ${String(named)}, not ${issuer}`);
  if (typeof authorization_endpoint !== "string" || typeof token_endpoint !== "string") {
    throw new SsoError("the discovery document lacks its authorization or token endpoint");
  }
  return { authorization_endpoint, token_endpoint };
}

/** Starts a sign-in: remembers the flow's secrets in this tab and sends the browser to the issuer. */
export async function startSignIn(tenant: string, issuer: string, clientId: string, go = (url: string) => location.assign(url)): Promise<void> {
  const endpoints = await discover(issuer);
  const pending: PendingSignIn = {
    tenant,
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(48),
    tokenEndpoint: endpoints.token_endpoint,
    clientId,
    redirectUri: redirectUri(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: pending.redirectUri,
    scope: "openid email profile",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: "S256",
  }).toString();
  go(url.toString());
}

/** Whether this page load is the issuer sending the browser back (a `code` or `error` with a `state`). */
export function isReturn(search: string = location.search): boolean {
  const query = new URLSearchParams(search);
  return query.has("state") && (query.has("code") || query.has("error"));
}

function claimsOf(idToken: string): Record<string, unknown> {
  const payload = idToken.split(".")[1] ?? "";
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new SsoError("the issuer's ID token is not a JWT");
  }
}

/**
 * Completes a sign-in on return: checks the state, redeems the code with the PKCE verifier, checks the ID token's
 * nonce, and returns the tenant and ID token to exchange. The flow's secrets are forgotten whatever happens.
 */
export async function completeSignIn(search: string = location.search): Promise<{ tenant: string; idToken: string }> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const query = new URLSearchParams(search);
  if (!raw) throw new SsoError("no sign-in was started in this tab");
  const pending = JSON.parse(raw) as PendingSignIn;
  if (query.get("state") !== pending.state) throw new SsoError("the answer's state does not match; start again");
  const failure = query.get("error");
  if (failure) throw new SsoError(`the issuer refused: ${failure} ${query.get("error_description") ?? ""}`.trim());
  const response = await fetch(pending.tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: query.get("code") ?? "",
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof answer.id_token !== "string") {
    throw new SsoError(`the issuer's token endpoint answered HTTP ${response.status} ${String(answer.error ?? "")}`.trim());
  }
  if (claimsOf(answer.id_token).nonce !== pending.nonce) throw new SsoError("the ID token's nonce does not match");
  return { tenant: pending.tenant, idToken: answer.id_token };
}
