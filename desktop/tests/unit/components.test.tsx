import { registry } from "@soma/proto";
import { errorFromResponse } from "@soma/proto/rest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LineChart } from "../../src/components/chart";
import { ErrorNotice } from "../../src/components/states";
import { describeError, isConflict } from "../../src/lib/errors";
import { createApi } from "../../src/lib/api";
import { TokenStore } from "../../src/lib/auth";
import { SignInView } from "../../src/views/signin";
import { MemoryStorage } from "./memory-storage";

/** A store over in-memory storage whose `signedInWithToken` the test watches. */
function watchedStore() {
  const store = new TokenStore(
    { refresh: () => Promise.reject(new Error("no refresh")), signOut: async () => undefined },
    new MemoryStorage(),
  );
  const signedIn = vi.spyOn(store, "signedInWithToken");
  return { store, signedIn };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// A body exactly as Envoy renders a stale-etag update (convert_grpc_status, details as JSON).
const CONFLICT = JSON.stringify({
  code: 10,
  message: "settings tenants/acme/settings changed since etag abc",
  details: [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "ETAG_MISMATCH",
      domain: "settings.somastack.dev",
      metadata: { currentEtag: "def", resource: "tenants/acme/settings" },
    },
  ],
});
const INVALID = JSON.stringify({
  code: 3,
  message: "tenant_id: required field is missing",
  details: [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "FIELD_INVALID", domain: "identity.somastack.dev" },
    { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "tenant_id", description: "required field is missing" }] },
  ],
});
const context = { method: "m", requestId: "r" };

describe("errors", () => {
  it("describes a google.rpc.Status with its code, reason and field violations", () => {
    const error = errorFromResponse(400, INVALID, registry, context);
    const described = describeError(error);
    expect(described.summary).toBe("INVALID_ARGUMENT (FIELD_INVALID): tenant_id: required field is missing");
    expect(described.violations).toEqual([{ field: "tenant_id", description: "required field is missing", reason: "" }]);
    expect(isConflict(error)).toBe(false);
    expect(isConflict(errorFromResponse(409, CONFLICT, registry, context))).toBe(true);
  });

  it("renders an error with its violations and a retry", () => {
    const retry = vi.fn();
    render(<ErrorNotice error={errorFromResponse(400, INVALID, registry, context)} onRetry={retry} />);
    expect(screen.getByRole("alert").textContent).toContain("INVALID_ARGUMENT (FIELD_INVALID)");
    expect(screen.getByText("tenant_id").tagName).toBe("CODE");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledOnce();
  });
});

describe("LineChart", () => {
  it("is an image named by its title and latest values, with a legend", () => {
    render(<LineChart id="c" title="Requests per second" unit="req/s" series={[{ name: "memory", values: [1, 2.5, undefined] }]} />);
    expect(screen.getByRole("img").getAttribute("aria-label")).toBe("Requests per second: memory 2.50 req/s");
    expect(screen.getByRole("figure", { name: "Requests per second" })).toBeTruthy();
    expect(screen.getByRole("listitem").textContent).toBe("memory: 2.50 req/s");
  });
});

describe("SignInView", () => {
  it("hides the dev-token button when the mesh offers none, and names what is wrong with a pasted token", async () => {
    const fetch = vi.fn(async () => new Response("not found", { status: 404 }));
    vi.stubGlobal("fetch", fetch);
    const { store, signedIn } = watchedStore();
    render(<SignInView base="" onBaseChange={() => {}} api={createApi("", () => undefined)} store={store} />);
    await screen.findByText(/No dev token here/);
    expect(fetch).toHaveBeenCalledWith("/console/dev-token", expect.anything());
    expect(screen.queryByRole("button", { name: "Use the dev token" })).toBeNull();
    fireEvent.input(screen.getByLabelText("Access token"), { target: { value: "abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in with this token" }));
    expect((await screen.findByRole("alert")).textContent).toBe("token: is not a JWT (expected three dot-separated parts)");
    expect(store.current).toBeUndefined();
    expect(signedIn).toHaveBeenCalledOnce();
  });

  it("offers the dev token when the mesh serves one", async () => {
    const claims = Buffer.from(JSON.stringify({ sub: "platform/admin", tenant: "*", caps: [], exp: Date.now() / 1000 + 60 })).toString("base64url");
    const token = `e30.${claims}.c2ln`;
    vi.stubGlobal("fetch", vi.fn(async () => new Response(token, { status: 200 })));
    const { store } = watchedStore();
    render(<SignInView base="" onBaseChange={() => {}} api={createApi("", () => undefined)} store={store} />);
    fireEvent.click(await screen.findByRole("button", { name: "Use the dev token" }));
    await waitFor(() => expect(store.current?.subject).toBe("platform/admin"));
  });
});
