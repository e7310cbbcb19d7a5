/**
 * A local OpenID Connect issuer for the end-to-end run, speaking the real wire format (discovery, JWKS, the
 * authorization code flow with PKCE S256, RS256 ID tokens): the external identity provider a tenant trusts cannot
 * exist here. Its /authorize signs in whoever the test names (`signInAs`, or `POST /control/sign-in-as?email=` from
 * another process) without a login page, and checks what a
 * real provider checks: client id, redirect URI, PKCE method; /token checks the code, redirect URI and verifier.
 */

import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const CLIENT_ID = "soma-console-e2e";

interface Grant {
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string;
  readonly email: string;
}

export interface LocalIssuer {
  readonly url: string;
  /** Who the next authorization signs in. */
  signInAs(email: string): void;
  close(): Promise<void>;
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString("base64url");

export async function startIssuer(): Promise<LocalIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(8).toString("hex");
  const grants = new Map<string, Grant>();
  let email = "";
  let url = "";

  const idToken = (grant: Grant): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const claims = { iss: url, aud: CLIENT_ID, sub: `idp|${grant.email}`, email: grant.email, email_verified: true, nonce: grant.nonce, iat: now, exp: now + 300 };
    const body = `${header}.${b64(JSON.stringify(claims))}`;
    return `${body}.${b64(sign("sha256", Buffer.from(body), privateKey))}`;
  };

  const json = (response: ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*", "cache-control": "no-store" });
    response.end(JSON.stringify(value));
  };

  const authorize = (query: URLSearchParams, response: ServerResponse) => {
    const redirectUri = query.get("redirect_uri") ?? "";
    if (query.get("client_id") !== CLIENT_ID || !redirectUri.startsWith("http://127.0.0.1:")) return json(response, 400, { error: "invalid_client" });
    if (query.get("response_type") !== "code" || query.get("code_challenge_method") !== "S256" || !email) {
      return json(response, 400, { error: "invalid_request" });
    }
    const code = randomBytes(16).toString("hex");
    grants.set(code, { redirectUri, challenge: query.get("code_challenge") ?? "", nonce: query.get("nonce") ?? "", email });
    const back = new URL(redirectUri);
    back.search = new URLSearchParams({ code, state: query.get("state") ?? "" }).toString();
    response.writeHead(302, { location: back.toString() });
    response.end();
  };

  const token = (form: URLSearchParams, response: ServerResponse) => {
    const code = form.get("code") ?? "";
    const grant = grants.get(code);
    grants.delete(code);
    const verifier = form.get("code_verifier") ?? "";
    const proven = createHash("sha256").update(verifier).digest("base64url") === grant?.challenge;
    if (!grant || form.get("grant_type") !== "authorization_code" || form.get("redirect_uri") !== grant.redirectUri || !proven) {
      return json(response, 400, { error: "invalid_grant" });
    }
    json(response, 200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken(grant) });
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const target = new URL(request.url ?? "/", url);
    if (request.method === "OPTIONS") {
      response.writeHead(204, { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type", "access-control-allow-methods": "GET, POST" });
      return response.end();
    }
    if (target.pathname === "/.well-known/openid-configuration") {
      return json(response, 200, {
        issuer: url,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        jwks_uri: `${url}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (target.pathname === "/jwks") return json(response, 200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
    if (target.pathname === "/authorize") return authorize(target.searchParams, response);
    // The tests run in other processes than the one that started the issuer: they name the next user here.
    if (target.pathname === "/control/sign-in-as" && request.method === "POST") {
      email = target.searchParams.get("email") ?? "";
      return json(response, 200, { email });
    }
    if (target.pathname === "/token" && request.method === "POST") {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => token(new URLSearchParams(body), response));
      return;
    }
    json(response, 404, { error: "not_found" });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    signInAs: (who) => (email = who),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
