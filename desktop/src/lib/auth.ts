/**
 * The signed-in user's tokens: a short-lived access token kept in memory and a rotating refresh token kept in
 * sessionStorage (this tab only: gone when the tab closes, never sent anywhere but RefreshToken and SignOut).
 *
 * The access token is refreshed, once for every caller at a time, when 80 % of its life has passed and when a call
 * is answered 401 (UNAUTHENTICATED); when a refresh fails the user is signed out with the reason. A pasted token has
 * no refresh token: it is used until it expires, as before.
 */

import { type Identity, readToken } from "./identity";

export const REFRESH_KEY = "soma.console.refresh";
const PASTED_KEY = "soma.console.token";

/** What the identity service returns for a sign-in, a refresh or a token exchange (its REST JSON, camel-cased). */
export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** How the store reaches the identity service; the console passes the generated client's calls. */
export interface Refresher {
  refresh(refreshToken: string): Promise<TokenPair>;
  signOut(refreshToken: string): Promise<void>;
}

export type Listener = (identity: Identity | undefined, reason?: string) => void;

export class TokenStore {
  private identity: Identity | undefined;
  private issuedAt = 0;
  private inFlight: Promise<Identity | undefined> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly refresher: Refresher,
    private readonly storage: Storage = sessionStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** The identity signed in now, if any. */
  get current(): Identity | undefined {
    return this.identity;
  }

  get refreshable(): boolean {
    return this.storage.getItem(REFRESH_KEY) !== null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Signed in with a token pair (password, TOTP, single sign-on). */
  signedIn(pair: TokenPair): Identity {
    this.storage.setItem(REFRESH_KEY, pair.refreshToken);
    this.storage.removeItem(PASTED_KEY);
    return this.set(readToken(pair.accessToken, new Date(this.now())));
  }

  /** Signed in with a pasted (or dev) token: kept in sessionStorage, as it cannot be refreshed. */
  signedInWithToken(raw: string): Identity {
    const identity = readToken(raw, new Date(this.now()));
    this.storage.removeItem(REFRESH_KEY);
    this.storage.setItem(PASTED_KEY, identity.token);
    return this.set(identity);
  }

  /** After a reload: a pasted token still valid, or a new access token from the stored refresh token. */
  async restore(): Promise<Identity | undefined> {
    const pasted = this.storage.getItem(PASTED_KEY);
    if (pasted) {
      try {
        return this.set(readToken(pasted, new Date(this.now())));
      } catch {
        this.storage.removeItem(PASTED_KEY);
      }
    }
    return this.refreshable ? this.refresh() : undefined;
  }

  /** The access token to send now, refreshed first when most of its life has passed. */
  async token(): Promise<string | undefined> {
    const identity = this.identity;
    if (identity && this.refreshable) {
      const life = identity.expires.getTime() - this.issuedAt;
      if (this.now() >= this.issuedAt + life * 0.8) return (await this.refresh())?.token;
    }
    return identity?.token;
  }

  /** One refresh for every caller waiting at once; on failure the user is signed out with the reason. */
  refresh(): Promise<Identity | undefined> {
    this.inFlight ??= this.doRefresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async doRefresh(): Promise<Identity | undefined> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    if (!refreshToken) return this.identity;
    try {
      return this.signedIn(await this.refresher.refresh(refreshToken));
    } catch (error) {
      this.clear("Your session ended; sign in again.");
      throw error;
    }
  }

  /** Signs out: ends the sign-in session on the server (best effort), then forgets everything. */
  async signOut(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    this.clear();
    if (refreshToken) await this.refresher.signOut(refreshToken).catch(() => undefined);
  }

  /** Forgets the tokens (the session ended elsewhere, or sign-out), telling listeners why. */
  clear(reason?: string): void {
    this.storage.removeItem(REFRESH_KEY);
    this.storage.removeItem(PASTED_KEY);
    this.identity = undefined;
    for (const listener of this.listeners) listener(undefined, reason);
  }

  private set(identity: Identity): Identity {
    this.identity = identity;
    this.issuedAt = this.now();
    for (const listener of this.listeners) listener(identity);
    return identity;
  }
}

/**
 * A fetch that refreshes the access token once and retries when a call is answered 401, for a store that can
 * refresh; the generated client calls the token provider again for the retry.
 */
export function refreshingFetch(store: TokenStore, inner: typeof fetch = globalThis.fetch.bind(globalThis)): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 401 || !store.refreshable || !store.current) return response;
    const identity = await store.refresh().catch(() => undefined);
    if (!identity) return response;
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${identity.token}`);
    return inner(input, { ...init, headers });
  };
}
