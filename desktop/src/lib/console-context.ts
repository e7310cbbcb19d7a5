/** What every signed-in view gets: who is signed in, the tenant in view and the mesh's clients. */

import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Api } from "./api";
import type { Identity } from "./identity";

export interface ConsoleContext {
  readonly identity: Identity;
  /** The tenant id the views work on; the token's own tenant, or the one a platform operator chose. */
  readonly tenant: string | undefined;
  readonly setTenant: (tenant: string) => void;
  readonly api: Api;
  readonly signOut: () => void;
}

export const Console = createContext<ConsoleContext | undefined>(undefined);

export function useConsole(): ConsoleContext {
  const context = useContext(Console);
  if (!context) throw new Error("useConsole outside a signed-in console");
  return context;
}
