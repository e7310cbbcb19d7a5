/** Loading, ready and error states of one asynchronous read, with a reload. */

import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export type AsyncState<T> =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly value: T }
  | { readonly status: "error"; readonly error: unknown };

export interface Async<T> {
  readonly state: AsyncState<T>;
  /** Runs the read again; the previous value stays visible until the new one arrives. */
  readonly reload: () => Promise<void>;
}

/** Runs `read` now and whenever `deps` change; aborts a read whose result is no longer wanted. */
export function useAsync<T>(read: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const current = useRef<AbortController | undefined>(undefined);
  const readRef = useRef(read);
  readRef.current = read;

  const run = useCallback(async (showLoading: boolean) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    if (showLoading) setState({ status: "loading" });
    try {
      const value = await readRef.current(controller.signal);
      if (!controller.signal.aborted) setState({ status: "ready", value });
    } catch (error) {
      if (!controller.signal.aborted) setState({ status: "error", error });
    }
  }, []);

  useEffect(() => {
    void run(true);
    return () => current.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the dependencies
  }, deps);

  return { state, reload: () => run(false) };
}
