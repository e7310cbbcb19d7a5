/** One way to show any failure: a SomaRestError's code, reason and field violations, or another error's message. */

import { isSomaRestError } from "@soma/proto/rest";

export interface DescribedError {
  /** One line: `NOT_FOUND (TENANT_NOT_FOUND): tenant acme does not exist`. */
  readonly summary: string;
  readonly violations: readonly { readonly field: string; readonly description: string }[];
}

export function describeError(error: unknown): DescribedError {
  if (isSomaRestError(error)) {
    if (error.isNetworkError) {
      return { summary: `UNAVAILABLE: ${error.message} (is the mesh running?)`, violations: [] };
    }
    const head = error.reason ? `${error.codeName} (${error.reason})` : error.codeName;
    return { summary: `${head}: ${error.message}`, violations: error.fieldViolations };
  }
  if (error instanceof Error) return { summary: error.message, violations: [] };
  return { summary: String(error), violations: [] };
}

/** The ErrorInfo reason of a failure, "" when it has none. */
export function reasonOf(error: unknown): string {
  return isSomaRestError(error) ? error.reason : "";
}

/** Whether a failure is an etag conflict (ABORTED, ETAG_MISMATCH): someone else changed what the user edited. */
export function isConflict(error: unknown): boolean {
  return reasonOf(error) === "ETAG_MISMATCH";
}
