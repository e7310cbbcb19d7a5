/** Hash routes (`/console/#/memory`): the console is static files, so every view is reachable without a server route. */

import { useEffect, useState } from "preact/hooks";

/** The views; `needs` is a capability without which the view is not offered in the navigation. */
export const ROUTES: readonly { path: string; title: string; needs?: string }[] = [
  { path: "/dashboard", title: "One Sight" },
  { path: "/admin", title: "Tenant admin" },
  { path: "/settings", title: "Settings" },
  { path: "/wizard", title: "Deployment mode" },
  { path: "/constitution", title: "Constitution" },
  { path: "/memory", title: "Memory" },
  { path: "/sessions", title: "Conversations" },
  { path: "/notifications", title: "Notifications" },
  { path: "/account", title: "Account & security", needs: "identity.account.read" },
  { path: "/audit", title: "Audit log", needs: "audit.review" },
] as const;

const PATHS = [
  "/dashboard",
  "/admin",
  "/settings",
  "/wizard",
  "/constitution",
  "/memory",
  "/sessions",
  "/notifications",
  "/account",
  "/audit",
] as const;

export type RoutePath = (typeof PATHS)[number] | "/signin";

export function currentRoute(hash: string = location.hash): RoutePath {
  const path = hash.replace(/^#/, "").split("?")[0] || "/dashboard";
  return ((PATHS as readonly string[]).includes(path) || path === "/signin" ? path : "/dashboard") as RoutePath;
}

export function navigate(path: RoutePath): void {
  location.hash = `#${path}`;
}

export function useRoute(): RoutePath {
  const [route, setRoute] = useState<RoutePath>(() => currentRoute());
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
