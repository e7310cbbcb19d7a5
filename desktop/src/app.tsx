/** The console's shell: sign-in, navigation, the tenant in view, and the view of the current route. */

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { createApi } from "./lib/api";
import { TokenStore, refreshingFetch } from "./lib/auth";
import { apiBase } from "./lib/config";
import { Console, type ConsoleContext } from "./lib/console-context";
import { describeError } from "./lib/errors";
import type { Identity } from "./lib/identity";
import { completeSignIn, isReturn } from "./lib/oidc";
import { ROUTES, type RoutePath, navigate, useRoute } from "./lib/router";
import { AccountView } from "./views/account";
import { AdminView } from "./views/admin";
import { AuditView } from "./views/audit";
import { ConstitutionView } from "./views/constitution";
import { DashboardView } from "./views/dashboard";
import { MemoryView } from "./views/memory";
import { NotificationsView } from "./views/notifications";
import { SessionsView } from "./views/sessions";
import { SettingsView } from "./views/settings";
import { SignInView } from "./views/signin";
import { WizardView } from "./views/wizard";

const TENANT_KEY = "soma.console.tenant";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

const VIEWS: Record<Exclude<RoutePath, "/signin">, () => preact.JSX.Element> = {
  "/dashboard": DashboardView,
  "/admin": AdminView,
  "/settings": SettingsView,
  "/wizard": WizardView,
  "/constitution": ConstitutionView,
  "/memory": MemoryView,
  "/sessions": SessionsView,
  "/notifications": NotificationsView,
  "/account": AccountView,
  "/audit": AuditView,
};

/** The store of the signed-in user's tokens, refreshing through identity's public RPCs on `base`. */
function tokenStore(base: string): TokenStore {
  const anonymous = createApi(base, () => undefined);
  return new TokenStore({
    refresh: async (refreshToken) => {
      const answer = await anonymous.identity.refreshToken({ refreshToken });
      if (!answer.tokens) throw new Error("RefreshToken returned no tokens");
      return answer.tokens;
    },
    signOut: async (refreshToken) => void (await anonymous.identity.signOut({ refreshToken })),
  });
}

/** Restores the sign-in after a reload, or completes a single sign-on the issuer sent the browser back from. */
async function restore(store: TokenStore, base: string): Promise<string | undefined> {
  if (!isReturn()) {
    await store.restore().catch(() => undefined);
    return undefined;
  }
  const search = location.search;
  history.replaceState(null, "", `${location.pathname}${location.hash}`);
  try {
    const { tenant, idToken } = await completeSignIn(search);
    const answer = await createApi(base, () => undefined).identity.exchangeToken({
      tenant: `tenants/${tenant}`,
      subjectToken: idToken,
      subjectTokenType: ID_TOKEN_TYPE,
    });
    if (answer.tokens) store.signedIn(answer.tokens);
    return undefined;
  } catch (error) {
    return describeError(error).summary;
  }
}

export function App() {
  const [base, setBase] = useState(apiBase);
  const store = useMemo(() => tokenStore(base), [base]);
  const [identity, setIdentity] = useState<Identity | undefined>(() => store.current);
  const [notice, setNotice] = useState<string | undefined>();
  const [restoring, setRestoring] = useState(true);
  const [chosenTenant, setChosenTenant] = useState<string | undefined>(() => sessionStorage.getItem(TENANT_KEY) ?? undefined);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    const stop = store.subscribe((next, reason) => {
      setIdentity(next);
      if (reason) setNotice(reason);
      if (next) setNotice(undefined);
    });
    setRestoring(true);
    restore(store, base).then((problem) => {
      if (problem) setNotice(problem);
      setRestoring(false);
    });
    return stop;
  }, [store, base]);

  const tenant = identity && identity.tenant !== "*" ? identity.tenant : chosenTenant;
  const api = useMemo(() => createApi(base, () => store.token(), refreshingFetch(store)), [base, store]);

  // Moving between views puts keyboard focus on the new view's heading.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [route, identity]);

  if (restoring && !identity) {
    return (
      <main id="main" ref={main} class="signin-page">
        <p role="status">Signing in…</p>
      </main>
    );
  }

  if (!identity || route === "/signin") {
    return (
      <main id="main" ref={main} class="signin-page">
        <SignInView base={base} onBaseChange={setBase} api={api} store={store} notice={notice} />
      </main>
    );
  }

  const context: ConsoleContext = {
    identity,
    tenant,
    api,
    setTenant: (t) => {
      sessionStorage.setItem(TENANT_KEY, t);
      setChosenTenant(t);
    },
    signOut: () => {
      sessionStorage.removeItem(TENANT_KEY);
      setChosenTenant(undefined);
      void store.signOut();
      navigate("/dashboard");
    },
  };
  const View = VIEWS[route];
  return (
    <Console.Provider value={context}>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.querySelector<HTMLElement>("h1")?.focus())}>
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">SomaStack console</span>
        <span class="who" data-testid="who">
          {identity.user ?? identity.subject}
          {tenant ? ` · tenant ${tenant}` : " · no tenant chosen"}
        </span>
        <button type="button" onClick={context.signOut}>
          Sign out
        </button>
      </header>
      <div class="layout">
        <nav aria-label="Views">
          <ul>
            {ROUTES.filter((r) => !r.needs || identity.capabilities.includes(r.needs)).map((r) => (
              <li key={r.path}>
                <a href={`#${r.path}`} aria-current={r.path === route ? "page" : undefined}>
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={main}>
          <View key={`${route}:${tenant ?? ""}`} />
        </main>
      </div>
    </Console.Provider>
  );
}
