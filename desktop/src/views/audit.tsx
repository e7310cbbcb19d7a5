/** Audit log: who did what, when and how it ended, for the tenant in view; and a check of its hash chain. */

import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { AuditKind } from "@soma/proto/soma/audit/v1/audit_pb";
import { useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { useConsole } from "../lib/console-context";
import { useAsync } from "../lib/use-async";

interface Filters {
  readonly principal: string;
  readonly rpc: string;
  readonly code: string;
  readonly since: string;
}

const NONE: Filters = { principal: "", rpc: "", code: "", since: "" };

export function AuditView() {
  const { tenant, identity } = useConsole();
  const parent = tenant ? `tenants/${tenant}` : identity.tenant === "*" ? "tenants/-" : "";
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Audit log
      </h1>
      {parent ? (
        <>
          <Verify parent={parent} />
          <Records parent={parent} />
        </>
      ) : (
        <Empty>Choose a tenant in Tenant admin to read its audit log.</Empty>
      )}
    </section>
  );
}

function Verify({ parent }: { parent: string }) {
  const { api } = useConsole();
  const [result, setResult] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const verify = async () => {
    setResult(undefined);
    setFailure(undefined);
    try {
      const answer = await api.audit.verifyAuditChain({ parent });
      const checked = `${answer.recordsChecked} records checked`;
      setResult(answer.intact ? `The chain is intact: ${checked}.` : `The chain is broken: ${answer.problem} (${checked}, first broken: ${answer.firstBroken?.name ?? "?"}).`);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <div class="actions">
      <button type="button" onClick={verify}>
        Verify chain
      </button>
      {result && (
        <p class={result.startsWith("The chain is intact") ? "notice ok" : "notice"} role="status" data-testid="chain">
          {result}
        </p>
      )}
      {failure !== undefined && <ErrorNotice error={failure} title="The chain could not be verified" />}
    </div>
  );
}

function Records({ parent }: { parent: string }) {
  const { api } = useConsole();
  const [draft, setDraft] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  const [pages, setPages] = useState<string[]>([""]);
  const page = pages.at(-1) ?? "";
  const records = useAsync(
    (signal) =>
      api.audit.listAuditRecords(
        {
          parent,
          pageSize: 50,
          pageToken: page,
          principal: filters.principal.trim(),
          rpc: filters.rpc.trim(),
          code: filters.code.trim().toUpperCase(),
          ...(filters.since ? { startTime: timestampFromDate(new Date(filters.since)) } : {}),
        },
        { signal },
      ),
    [parent, filters, page],
  );
  const field = (key: keyof Filters, label: string, type = "text") => (
    <>
      <label for={`audit-${key}`}>{label}</label>
      <input id={`audit-${key}`} type={type} value={draft[key]} onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} />
    </>
  );
  return (
    <>
      <form
        class="filters"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setPages([""]);
        }}
      >
        {field("principal", "Actor or subject")}
        {field("rpc", "RPC (full name)")}
        {field("code", "Result code")}
        {field("since", "Since", "datetime-local")}
        <button type="submit">Filter</button>
      </form>
      {records.state.status === "loading" && <Loading what="audit records" />}
      {records.state.status === "error" && <ErrorNotice error={records.state.error} onRetry={records.reload} />}
      {records.state.status === "ready" && records.state.value.auditRecords.length === 0 && <Empty>No audit record matches.</Empty>}
      {records.state.status === "ready" && records.state.value.auditRecords.length > 0 && (
        <>
          <table data-testid="audit-records">
            <TableHead caption="Audit records" columns={["Time", "Kind", "Actor", "Subject", "RPC", "Resource", "Result", "Request", "Constitution"]} />
            <tbody>
              {records.state.value.auditRecords.map((r) => (
                <tr key={r.name} data-rpc={r.rpc.split(".").at(-1)} data-code={r.code}>
                  <td>{r.time ? timestampDate(r.time).toLocaleString() : ""}</td>
                  <td>{r.kind === AuditKind.SIGN_IN ? "sign-in" : "call"}</td>
                  <td>{r.actor}</td>
                  <td>{r.subject}</td>
                  <td>{r.rpc.split(".").at(-1)}</td>
                  <td>{r.resource}</td>
                  <td>{r.reason ? `${r.code} (${r.reason})` : r.code}</td>
                  <td>
                    <code>{r.requestId.slice(0, 12)}</code>
                  </td>
                  <td>
                    <code>{r.constitutionChecksum.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="actions">
            {pages.length > 1 && (
              <button type="button" onClick={() => setPages(pages.slice(0, -1))}>
                Newer records
              </button>
            )}
            {records.state.value.nextPageToken && (
              <button type="button" onClick={() => setPages([...pages, records.state.status === "ready" ? records.state.value.nextPageToken : ""])}>
                Older records
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}
