/** Sign-in: paste a token, or in the dev stage use the mesh's dev admin token. */

import { useEffect, useState } from "preact/hooks";
import { fetchDevToken } from "../lib/api";
import { normalizeBaseUrl, setApiBase } from "../lib/config";
import { type Identity, readToken } from "../lib/identity";

export function SignInView({
  base,
  onBaseChange,
  onSignedIn,
}: {
  base: string;
  onBaseChange: (base: string) => void;
  onSignedIn: (identity: Identity) => void;
}) {
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState("");
  const [devToken, setDevToken] = useState<"checking" | "none" | string>("checking");
  const [baseDraft, setBaseDraft] = useState(base);

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
      onSignedIn(readToken(raw));
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <section class="signin" aria-labelledby="signin-title">
      <h1 id="signin-title" tabIndex={-1}>
        Sign in to SomaStack
      </h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          signIn(token);
        }}
      >
        <label for="token">Access token</label>
        <textarea
          id="token"
          rows={4}
          value={token}
          spellcheck={false}
          aria-describedby={problem ? "token-problem" : "token-help"}
          aria-invalid={problem ? "true" : undefined}
          onInput={(e) => (setToken(e.currentTarget.value), setProblem(""))}
        />
        <p id="token-help" class="help">
          A token issued by the identity service (Tenant admin → Issue token), or the dev admin token that{" "}
          <code>soma token</code> prints.
        </p>
        {problem && (
          <p id="token-problem" class="field-error" role="alert">
            {problem}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            Sign in
          </button>
          {devToken === "checking" && <span role="status">Looking for a dev token…</span>}
          {devToken !== "checking" && devToken !== "none" && (
            <button type="button" onClick={() => signIn(devToken)}>
              Use the dev token
            </button>
          )}
          {devToken === "none" && <span class="help">No dev token here (only the dev stage offers one).</span>}
        </div>
      </form>
      <details class="base-url">
        <summary>Mesh address</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            try {
              onBaseChange(setApiBase(baseDraft));
              setProblem("");
            } catch (error) {
              setProblem((error as Error).message);
            }
          }}
        >
          <label for="base-url">Envoy base URL (empty: this page's origin)</label>
          <input id="base-url" type="url" value={baseDraft} placeholder="http://127.0.0.1:8080" onInput={(e) => setBaseDraft(e.currentTarget.value)} />
          <button type="submit">Save address</button>
          <p class="help">Now: {normalizeBaseUrl(base) || "same origin"}</p>
        </form>
      </details>
    </section>
  );
}
