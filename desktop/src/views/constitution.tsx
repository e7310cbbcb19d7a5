/** Constitution: the active version, its checksum (recomputed here), signers, principles and rules; validate a draft. */

import { fromJson, type JsonValue, toJson } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { ConstitutionSchema, type ConstitutionVersion } from "@soma/proto/soma/constitution/v1/constitution_pb";
import { Code, isSomaRestError } from "@soma/proto/rest";
import type { ValidateResponse } from "@soma/proto/soma/constitution/v1/constitution_service_pb";
import { useEffect, useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { constitutionChecksum } from "../lib/canonical";
import { useConsole } from "../lib/console-context";
import { can } from "../lib/identity";
import { useAsync } from "../lib/use-async";

export function ConstitutionView() {
  const { api, identity } = useConsole();
  const active = useAsync(async (signal) => {
    try {
      return (await api.constitution.getActive({}, { signal })).constitutionVersion;
    } catch (error) {
      // NOT_FOUND: no constitution was ever loaded, an empty state rather than an error.
      if (isSomaRestError(error) && error.code === Code.NOT_FOUND) return undefined;
      throw error;
    }
  }, []);
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Constitution
      </h1>
      {active.state.status === "loading" && <Loading what="the active constitution" />}
      {active.state.status === "error" && <ErrorNotice error={active.state.error} onRetry={active.reload} />}
      {active.state.status === "ready" &&
        (active.state.value ? <Active version={active.state.value} /> : <Empty>No constitution is active yet: sessions are refused until one is loaded.</Empty>)}
      {can(identity, "platform.constitution.read") ? (
        <Draft initial={active.state.status === "ready" ? active.state.value : undefined} />
      ) : (
        <p class="help">Validating drafts takes the platform capability platform.constitution.read.</p>
      )}
    </section>
  );
}

function Active({ version }: { version: ConstitutionVersion }) {
  const doc = version.constitution;
  const [verified, setVerified] = useState<"checking" | "match" | "mismatch">("checking");
  useEffect(() => {
    if (!doc) return;
    constitutionChecksum(toJson(ConstitutionSchema, doc)).then((sum) => setVerified(sum === version.checksum ? "match" : "mismatch"));
  }, [version.checksum]);
  return (
    <>
      <dl class="facts">
        <dt>Version</dt>
        <dd data-testid="constitution-version">{version.version}</dd>
        <dt>Title</dt>
        <dd>{doc?.title}</dd>
        <dt>Checksum</dt>
        <dd>
          <code data-testid="constitution-checksum">{version.checksum}</code>{" "}
          {verified === "match" && <span class="badge ok">recomputed here: matches</span>}
          {verified === "mismatch" && <span class="badge bad">recomputed here: DOES NOT match</span>}
        </dd>
        <dt>Signers</dt>
        <dd>{version.signers.length ? version.signers.join(", ") : "none (unsigned)"}</dd>
        <dt>Active since</dt>
        <dd>{version.activateTime ? timestampDate(version.activateTime).toLocaleString() : "—"}</dd>
        <dt>Thresholds</dt>
        <dd>
          allowed below {doc?.thresholds?.allowBelow ?? 0}, denied above {doc?.thresholds?.denyAbove ?? 0}, a human approves in between
        </dd>
      </dl>
      <h2>Principles</h2>
      {doc?.principles.length ? (
        <ul>
          {doc.principles.map((p) => (
            <li key={p.id}>
              <code>{p.id}</code>: {p.text}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>No principles.</Empty>
      )}
      <h2>Rules</h2>
      {doc?.rules.length ? (
        <table>
          <TableHead caption="Rules" columns={["Rule", "Expression (CEL)", "Weight", "Reason"]} />
          <tbody>
            {doc.rules.map((r) => (
              <tr key={r.id}>
                <td>
                  <code>{r.id}</code>
                  <div class="help">{r.description}</div>
                </td>
                <td>
                  <code>{r.expression}</code>
                </td>
                <td>{r.weight}</td>
                <td>{r.reasonCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>No rules: every action scores 0.</Empty>
      )}
    </>
  );
}

function Draft({ initial }: { initial: ConstitutionVersion | undefined }) {
  const { api } = useConsole();
  const starting = initial?.constitution ? JSON.stringify(toJson(ConstitutionSchema, initial.constitution), null, 2) : '{\n  "version": "draft-1",\n  "title": "",\n  "rules": []\n}';
  const [text, setText] = useState(starting);
  const [result, setResult] = useState<ValidateResponse | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [problem, setProblem] = useState("");
  const [withSignatures, setWithSignatures] = useState(true);

  useEffect(() => setText(starting), [initial?.checksum]);

  const validate = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    setResult(undefined);
    setProblem("");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setProblem(`The draft is not JSON: ${(error as Error).message}`);
      return;
    }
    let constitution;
    try {
      constitution = fromJson(ConstitutionSchema, parsed as JsonValue);
    } catch (error) {
      setProblem(`The draft is not a Constitution: ${(error as Error).message}`);
      return;
    }
    try {
      // Load needs a quorum of signatures; a draft checked without them lists that as a problem too.
      const signatures = withSignatures ? (initial?.signatures ?? []) : [];
      setResult(await api.constitution.validate({ target: { case: "constitution", value: constitution }, signatures }));
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">Validate a draft</h2>
      <form onSubmit={validate}>
        <label for="draft">Draft document (proto3 JSON)</label>
        <textarea id="draft" rows={12} value={text} spellcheck={false} onInput={(e) => setText(e.currentTarget.value)} aria-invalid={problem ? "true" : undefined} />
        {initial && initial.signatures.length > 0 && (
          <label class="inline">
            <input type="checkbox" checked={withSignatures} onChange={(e) => setWithSignatures(e.currentTarget.checked)} />
            Check it with the active version's signatures ({initial.signers.join(", ")}); they hold only for an unchanged document
          </label>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            Validate
          </button>
        </div>
      </form>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      {failure !== undefined && <ErrorNotice error={failure} title="Not validated" />}
      {result && (
        <div class={`notice ${result.valid ? "ok" : "conflict"}`} role="status" data-testid="validation">
          <p>
            <strong>{result.valid ? "Valid" : "Not valid"}</strong> — checksum <code>{result.checksum}</code>
            {result.signers.length > 0 && <>, signed by {result.signers.join(", ")}</>}
            {result.active && " (this is the active constitution)"}
          </p>
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.field}</code>: {p.description} {p.reason && <span class="help">({p.reason})</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
