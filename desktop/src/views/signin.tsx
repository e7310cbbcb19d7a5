/**
 * Sign-in: a password (and a TOTP or recovery code when the account has a second factor), single sign-on when the
 * tenant trusts an OIDC issuer, or, for operators and the dev stage, a token.
 */

import { useEffect, useState } from "preact/hooks";
import { type Api, fetchDevToken } from "../lib/api";
import type { TokenStore } from "../lib/auth";
import { normalizeBaseUrl, setApiBase } from "../lib/config";
import { describeError, reasonOf } from "../lib/errors";
import { startSignIn } from "../lib/oidc";

const TENANT_KEY = "soma.console.signin-tenant";

interface SsoOption {
  readonly issuer: string;
  readonly clientId: string;
}

export function SignInView({
  base,
  onBaseChange,
  api,
  store,
  notice,
}: {
  base: string;
  onBaseChange: (base: string) => void;
  api: Api;
  store: TokenStore;
  notice?: string;
}) {
  const [tenant, setTenant] = useState(() => localStorage.getItem(TENANT_KEY) ?? "");
  const [sso, setSso] = useState<SsoOption | undefined>();

  useEffect(() => {
    const id = tenant.trim();
    setSso(undefined);
    if (!/^[a-z][a-z0-9-]{2,39}$/.test(id)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.identity.getSignInOptions({ name: `tenants/${id}/signInOptions` }, { signal: controller.signal }).then(
        (answer) => {
          const found = answer.signInOptions?.singleSignOn;
          setSso(found?.issuer ? { issuer: found.issuer, clientId: found.clientId } : undefined);
        },
        () => undefined,
      );
    }, 250);
    return () => (clearTimeout(timer), controller.abort());
  }, [tenant, api]);

  return (
    <section class="signin" aria-labelledby="signin-title">
      <h1 id="signin-title" tabIndex={-1}>
        Sign in to SomaStack
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <PasswordForm api={api} store={store} tenant={tenant} onTenant={setTenant} sso={sso} />
      <TokenForm base={base} store={store} />
      <details class="base-url">
        <summary>Mesh address</summary>
        <BaseUrlForm base={base} onBaseChange={onBaseChange} />
      </details>
    </section>
  );
}

function PasswordForm({
  api,
  store,
  tenant,
  onTenant,
  sso,
}: {
  api: Api;
  store: TokenStore;
  tenant: string;
  onTenant: (tenant: string) => void;
  sso: SsoOption | undefined;
}) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [factor, setFactor] = useState<"none" | "totp" | "recovery">("none");
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem("");
    localStorage.setItem(TENANT_KEY, tenant.trim());
    try {
      const answer = await api.identity.signIn({
        tenant: `tenants/${tenant.trim()}`,
        username: username.trim(),
        password,
        secondFactor:
          factor === "totp"
            ? { case: "totpCode", value: code.trim() }
            : factor === "recovery"
              ? { case: "recoveryCode", value: code.trim() }
              : { case: undefined },
      });
      if (answer.tokens) store.signedIn(answer.tokens);
    } catch (error) {
      setProblem(signInProblem(error, factor !== "none"));
      if (reasonOf(error) === "SECOND_FACTOR_REQUIRED") setFactor("totp");
    } finally {
      setBusy(false);
    }
  };

  const single = async () => {
    if (!sso) return;
    setProblem("");
    localStorage.setItem(TENANT_KEY, tenant.trim());
    try {
      await startSignIn(tenant.trim(), sso.issuer, sso.clientId);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <form onSubmit={submit} aria-describedby={problem ? "signin-problem" : undefined}>
      <label for="signin-tenant">Tenant</label>
      <input id="signin-tenant" value={tenant} autocomplete="organization" onInput={(e) => onTenant(e.currentTarget.value)} />
      <label for="signin-username">E-mail or user id</label>
      <input id="signin-username" value={username} autocomplete="username" onInput={(e) => setUsername(e.currentTarget.value)} />
      <label for="signin-password">Password</label>
      <input
        id="signin-password"
        type="password"
        value={password}
        autocomplete="current-password"
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      {factor !== "none" && (
        <>
          <label for="signin-code">{factor === "totp" ? "Authentication code" : "Recovery code"}</label>
          <input
            id="signin-code"
            value={code}
            autocomplete="one-time-code"
            inputMode={factor === "totp" ? "numeric" : "text"}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <button type="button" class="link" onClick={() => (setFactor(factor === "totp" ? "recovery" : "totp"), setCode(""))}>
            {factor === "totp" ? "Use a recovery code instead" : "Use an authentication code instead"}
          </button>
        </>
      )}
      {problem && (
        <p id="signin-problem" class="field-error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
        {sso && (
          <button type="button" onClick={single}>
            Sign in with single sign-on
          </button>
        )}
      </div>
    </form>
  );
}

/** What to tell a person whose sign-in failed: never which part of the secret was wrong. */
function signInProblem(error: unknown, hadFactor: boolean): string {
  switch (reasonOf(error)) {
    case "SECOND_FACTOR_REQUIRED":
      return "This account has a second factor: enter the code from your authenticator app.";
    case "INVALID_CREDENTIALS":
      return hadFactor ? "The account name, password or code is wrong." : "The account name or password is wrong.";
    case "SIGN_IN_LOCKED": {
      const retry = (error as { retryInfo?: { retryDelay?: { seconds?: bigint } } }).retryInfo;
      const seconds = retry?.retryDelay?.seconds;
      return `Too many failed attempts: this account is locked${seconds ? ` for ${seconds} s` : " for a while"}.`;
    }
    default:
      return describeError(error).summary;
  }
}

function TokenForm({ base, store }: { base: string; store: TokenStore }) {
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState("");
  const [devToken, setDevToken] = useState<"checking" | "none" | string>("checking");

  useEffect(() => {
    const controller = new AbortController();
    setDevToken("checking");
    fetchDevToken(base, controller.signal).then(
      (found) => setDevToken(found ?? "none"),
      () => !controller.signal.aborted && setDevToken("none"),
    );
    return () => controller.abort();
  }, [base]);

  const signIn = (raw: string) => {
    try {
      store.signedInWithToken(raw);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <form
      class="token-signin"
      aria-labelledby="token-title"
      onSubmit={(e) => {
        e.preventDefault();
        signIn(token);
      }}
    >
      <h2 id="token-title">Or use a token</h2>
      <label for="token">Access token</label>
      <textarea
        id="token"
        rows={3}
        value={token}
        spellcheck={false}
        aria-describedby={problem ? "token-problem" : "token-help"}
        aria-invalid={problem ? "true" : undefined}
        onInput={(e) => (setToken(e.currentTarget.value), setProblem(""))}
      />
      <p id="token-help" class="help">
        A token issued by the identity service (Tenant admin → Issue token), or the dev admin token that{" "}
        <code>soma token</code> prints. It is not refreshed: sign in again when it expires.
      </p>
      {problem && (
        <p id="token-problem" class="field-error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit">Sign in with this token</button>
        {devToken === "checking" && <span role="status">Looking for a dev token…</span>}
        {devToken !== "checking" && devToken !== "none" && (
          <button type="button" onClick={() => signIn(devToken)}>
            Use the dev token
          </button>
        )}
        {devToken === "none" && <span class="help">No dev token here (only the dev stage offers one).</span>}
      </div>
    </form>
  );
}

function BaseUrlForm({ base, onBaseChange }: { base: string; onBaseChange: (base: string) => void }) {
  const [draft, setDraft] = useState(base);
  const [problem, setProblem] = useState("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        try {
          onBaseChange(setApiBase(draft));
          setProblem("");
        } catch (error) {
          setProblem((error as Error).message);
        }
      }}
    >
      <label for="base-url">Envoy base URL (empty: this page's origin)</label>
      <input id="base-url" type="url" value={draft} placeholder="http://127.0.0.1:8080" onInput={(e) => setDraft(e.currentTarget.value)} />
      <button type="submit">Save address</button>
      <p class="help">Now: {normalizeBaseUrl(base) || "same origin"}</p>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
