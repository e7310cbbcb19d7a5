/** The console's shell: sign-in, navigation, the tenant in view, and the view of the current route. */

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { createApi } from "./lib/api";
import { apiBase } from "./lib/config";
import { Console, type ConsoleContext } from "./lib/console-context";
import { type Identity, readToken } from "./lib/identity";
import { ROUTES, type RoutePath, navigate, useRoute } from "./lib/router";
import { AdminView } from "./views/admin";
import { ConstitutionView } from "./views/constitution";
import { DashboardView } from "./views/dashboard";
import { MemoryView } from "./views/memory";
import { NotificationsView } from "./views/notifications";
import { SessionsView } from "./views/sessions";
import { SettingsView } from "./views/settings";
import { SignInView } from "./views/signin";
import { WizardView } from "./views/wizard";

const TOKEN_KEY = "soma.console.token";
const TENANT_KEY = "soma.console.tenant";

function restoredIdentity(): Identity | undefined {
  const stored = sessionStorage.getItem(TOKEN_KEY);
  if (!stored) return undefined;
  try {
    return readToken(stored);
  } catch {
    sessionStorage.removeItem(TOKEN_KEY);
    return undefined;
  }
}

const VIEWS: Record<Exclude<RoutePath, "/signin">, () => preact.JSX.Element> = {
  "/dashboard": DashboardView,
  "/admin": AdminView,
  "/settings": SettingsView,
  "/wizard": WizardView,
  "/constitution": ConstitutionView,
  "/memory": MemoryView,
  "/sessions": SessionsView,
  "/notifications": NotificationsView,
};

export function App() {
  const [identity, setIdentity] = useState<Identity | undefined>(restoredIdentity);
  const [chosenTenant, setChosenTenant] = useState<string | undefined>(() => sessionStorage.getItem(TENANT_KEY) ?? undefined);
  const [base, setBase] = useState(apiBase);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  const tenant = identity && identity.tenant !== "*" ? identity.tenant : chosenTenant;
  const api = useMemo(() => createApi(base, () => identity?.token), [base, identity]);

  // Moving between views puts keyboard focus on the new view's heading.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [route, identity]);

  if (!identity || route === "/signin") {
    return (
      <main id="main" ref={main} class="signin-page">
        <SignInView
          base={base}
          onBaseChange={setBase}
          onSignedIn={(signedIn) => {
            sessionStorage.setItem(TOKEN_KEY, signedIn.token);
            setIdentity(signedIn);
            if (route === "/signin") navigate("/dashboard");
          }}
        />
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
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(TENANT_KEY);
      setChosenTenant(undefined);
      setIdentity(undefined);
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
            {ROUTES.map((r) => (
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
