/** Hash routes (`/console/#/memory`): the console is static files, so every view is reachable without a server route. */

import { useEffect, useState } from "preact/hooks";

export const ROUTES = [
  { path: "/dashboard", title: "One Sight" },
  { path: "/admin", title: "Tenant admin" },
  { path: "/settings", title: "Settings" },
  { path: "/wizard", title: "Deployment mode" },
  { path: "/constitution", title: "Constitution" },
  { path: "/memory", title: "Memory" },
  { path: "/sessions", title: "Conversations" },
  { path: "/notifications", title: "Notifications" },
] as const;

export type RoutePath = (typeof ROUTES)[number]["path"] | "/signin";

export function currentRoute(hash: string = location.hash): RoutePath {
  const path = hash.replace(/^#/, "").split("?")[0] || "/dashboard";
  return (ROUTES.some((r) => r.path === path) || path === "/signin" ? path : "/dashboard") as RoutePath;
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
