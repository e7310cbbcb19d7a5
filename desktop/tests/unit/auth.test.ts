import { describe, expect, it, vi } from "vitest";
import { REFRESH_KEY, TokenStore, refreshingFetch } from "../../src/lib/auth";
import { codeChallenge } from "../../src/lib/oidc";
import { MemoryStorage } from "./memory-storage";

/** An access token the console can read: issued at `now`, living `life` seconds. */
function token(subject: string, now: number, life: number): string {
  const claims = Buffer.from(JSON.stringify({ sub: subject, tenant: "acme", caps: [], exp: now / 1000 + life })).toString("base64url");
  return `e30.${claims}.c2ln`;
}

function storeAt(clock: { now: number }, refresh: (refreshToken: string) => Promise<{ accessToken: string; refreshToken: string }>) {
  const signOut = vi.fn(async () => undefined);
  const store = new TokenStore({ refresh, signOut }, new MemoryStorage(), () => clock.now);
  return { store, signOut };
}

describe("TokenStore", () => {
  it("refreshes once for every caller when 80 % of the token's life has passed", async () => {
    const clock = { now: 1_000_000 };
    let calls = 0;
    let release: () => void = () => undefined;
    const { store } = storeAt(clock, async (refreshToken) => {
      calls += 1;
      expect(refreshToken).toBe("r1");
      await new Promise<void>((done) => (release = done));
      return { accessToken: token("tenants/acme/users/bob", clock.now, 100), refreshToken: "r2" };
    });
    const first = token("tenants/acme/users/bob", clock.now, 100);
    store.signedIn({ accessToken: first, refreshToken: "r1" });
    expect(await store.token()).toBe(first);
    clock.now += 81_000;
    const waiting = [store.token(), store.token(), store.token()];
    release();
    const got = await Promise.all(waiting);
    expect(calls).toBe(1);
    expect(new Set(got).size).toBe(1);
    expect(got[0]).not.toBe(first);
  });

  it("signs out with a reason when the refresh token is refused", async () => {
    const clock = { now: 1_000_000 };
    const { store } = storeAt(clock, () => Promise.reject(new Error("REFRESH_TOKEN_REUSED")));
    const seen: (string | undefined)[] = [];
    store.subscribe((identity, reason) => seen.push(identity ? identity.subject : reason));
    store.signedIn({ accessToken: token("tenants/acme/users/bob", clock.now, 100), refreshToken: "r1" });
    await expect(store.refresh()).rejects.toThrow("REFRESH_TOKEN_REUSED");
    expect(store.current).toBeUndefined();
    expect(store.refreshable).toBe(false);
    expect(seen).toEqual(["tenants/acme/users/bob", "Your session ended; sign in again."]);
  });

  it("signs out on the server with the refresh token and forgets it", async () => {
    const clock = { now: 1_000_000 };
    const { store, signOut } = storeAt(clock, () => Promise.reject(new Error("unused")));
    store.signedIn({ accessToken: token("tenants/acme/users/bob", clock.now, 100), refreshToken: "r1" });
    await store.signOut();
    expect(signOut).toHaveBeenCalledWith("r1");
    expect(store.current).toBeUndefined();
  });

  it("retries a call answered 401 once, with the refreshed token", async () => {
    const clock = { now: 1_000_000 };
    const fresh = token("tenants/acme/users/bob", clock.now + 1, 100);
    const { store } = storeAt(clock, async () => ({ accessToken: fresh, refreshToken: "r2" }));
    store.signedIn({ accessToken: token("tenants/acme/users/bob", clock.now, 100), refreshToken: "r1" });
    const inner = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) =>
      new Headers(init?.headers).get("authorization") === `Bearer ${fresh}` ? new Response("{}") : new Response("{}", { status: 401 }),
    );
    const response = await refreshingFetch(store, inner as typeof fetch)("/v1/x", { headers: { authorization: "Bearer old" } });
    expect(response.status).toBe(200);
    expect(inner).toHaveBeenCalledTimes(2);
  });

  it("keeps a pasted token without a refresh token", () => {
    const clock = { now: 1_000_000 };
    const { store } = storeAt(clock, () => Promise.reject(new Error("unused")));
    store.signedInWithToken(token("platform/admin", clock.now, 100));
    expect(store.refreshable).toBe(false);
    expect(REFRESH_KEY).toBe("soma.console.refresh");
  });
});

describe("PKCE", () => {
  it("derives the S256 challenge of RFC 7636's example verifier", async () => {
    expect(await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });
});
