/** Conversation workspace: start a session, watch its steps stream live with their trace; approvers decide pending ones. */

import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Decision } from "@soma/proto/soma/policy/v1/policy_pb";
import {
  type Session,
  SessionEventKind,
  SessionState,
  type Step,
  StepKind,
  StepStatus,
} from "@soma/proto/soma/orchestrator/v1/session_pb";
import { useEffect, useRef, useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { useConsole } from "../lib/console-context";
import { can } from "../lib/identity";
import { useAsync } from "../lib/use-async";

const FINISHED = new Set([SessionState.SUCCEEDED, SessionState.FAILED, SessionState.DENIED, SessionState.REJECTED, SessionState.CANCELLED]);
export const stateName = (state: SessionState) => (SessionState[state] ?? `STATE_${state}`).replace(/_/g, " ").toLowerCase();
const stepKind = (kind: StepKind) => (StepKind[kind] ?? `KIND_${kind}`).replace(/_/g, " ").toLowerCase();
const stepStatus = (status: StepStatus) => (StepStatus[status] ?? `STATUS_${status}`).toLowerCase();

function durationMs(step: Step): string {
  if (!step.duration) return "";
  return `${(Number(step.duration.seconds) * 1000 + step.duration.nanos / 1e6).toFixed(1)} ms`;
}

/** Steps by index: a later event for the same index (a WAITING approval that became OK) replaces the earlier one. */
export function mergeStep(steps: readonly Step[], step: Step): Step[] {
  const others = steps.filter((s) => s.index !== step.index);
  return [...others, step].sort((a, b) => a.index - b.index);
}

export function SessionsView() {
  const { tenant, identity } = useConsole();
  // Starting or deciding a session changes the recent list: it reads again.
  const [changed, setChanged] = useState(0);
  const touched = () => setChanged((n) => n + 1);
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Conversations
      </h1>
      {!tenant ? (
        <Empty>Choose a tenant in Tenant admin first.</Empty>
      ) : (
        <>
          {can(identity, "sessions.start") ? <Workspace tenant={tenant} onStarted={touched} /> : <Empty>This token may not start sessions (sessions.start).</Empty>}
          {can(identity, "sessions.approve") && <PendingApprovals tenant={tenant} onDecided={touched} version={changed} />}
          {can(identity, "sessions.read") && <RecentSessions tenant={tenant} version={changed} />}
        </>
      )}
    </section>
  );
}

function Workspace({ tenant, onStarted }: { tenant: string; onStarted: () => void }) {
  const { api } = useConsole();
  const [prompt, setPrompt] = useState("");
  const [risk, setRisk] = useState("0");
  const [queued, setQueued] = useState(true);
  const [remember, setRemember] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [watching, setWatching] = useState<string | undefined>();

  const start = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    setBusy(true);
    try {
      // Pin the constitution the user works under: a session under a stale one is refused, not silently re-ruled.
      const { checksum } = await api.constitution.getChecksum({});
      const riskValue = Number(risk);
      const response = await api.orchestrator.startSession(
        {
          parent: `tenants/${tenant}`,
          session: {
            prompt: prompt.trim(),
            context: riskValue > 0 ? { risk: riskValue } : undefined,
            options: { queued },
            toolCalls: remember ? [{ tool: "memory.remember" }] : [],
          },
          requestId: `console-${crypto.randomUUID()}`,
        },
        { headers: { "x-soma-constitution": checksum } },
      );
      setWatching(response.session?.name);
      onStarted();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="workspace-title">
      <h2 id="workspace-title">Start a session</h2>
      <form onSubmit={start}>
        <label for="prompt">Prompt</label>
        <textarea id="prompt" rows={3} required value={prompt} onInput={(e) => setPrompt(e.currentTarget.value)} />
        <label for="risk">Risk (context.risk; the constitution may send risky sessions to a second person)</label>
        <input id="risk" type="number" min={0} max={1} step="0.1" value={risk} onInput={(e) => setRisk(e.currentTarget.value)} />
        <label class="inline">
          <input type="checkbox" checked={queued} onChange={(e) => setQueued(e.currentTarget.checked)} />
          Queue the model call (its answer streams in after the session starts)
        </label>
        <label class="inline">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
          Remember the answer (tool memory.remember, checked by policy)
        </label>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Start session
          </button>
        </div>
      </form>
      {failure !== undefined && <ErrorNotice error={failure} title="The session was not started" />}
      {watching && <SessionStream key={watching} name={watching} onStateChange={onStarted} />}
    </section>
  );
}

/**
 * One session as it happens: its events over StreamSessionEvents (NDJSON through Envoy), then its final record.
 * `onStateChange` hears each change of the session's state, so that lists showing it can read again.
 */
export function SessionStream({ name, onStateChange }: { name: string; onStateChange?: () => void }) {
  const { api } = useConsole();
  const [steps, setSteps] = useState<Step[]>([]);
  const [state, setState] = useState<SessionState>(SessionState.UNSPECIFIED);
  const [session, setSession] = useState<Session | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [live, setLive] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        for await (const { event } of api.orchestrator.streamSessionEvents({ name }, { signal: controller.signal })) {
          if (!event) continue;
          setState(event.state);
          if (event.kind === SessionEventKind.STATE) onStateChange?.();
          if (event.kind === SessionEventKind.STEP && event.step) {
            const step = event.step;
            setSteps((current) => mergeStep(current, step));
          }
        }
        if (controller.signal.aborted) return;
        setSession((await api.orchestrator.getSession({ name }, { signal: controller.signal })).session);
      } catch (error) {
        if (!controller.signal.aborted) setFailure(error);
      } finally {
        if (!controller.signal.aborted) setLive(false);
      }
    })();
    return () => controller.abort();
  }, [name]);

  const id = name.split("/").at(-1);
  return (
    <section class="card" aria-labelledby={`stream-${id}`} data-session={name}>
      <h3 id={`stream-${id}`}>
        Session <code>{id}</code>{" "}
        <span class={`badge ${state === SessionState.SUCCEEDED ? "ok" : FINISHED.has(state) ? "bad" : "warn"}`} data-testid="session-state">
          {stateName(state)}
        </span>
      </h3>
      <p role="status" aria-live="polite" class="help">
        {live ? "Streaming steps as they happen…" : "The session is finished; its stream ended."}
      </p>
      {steps.length === 0 && live && <Loading what="the first steps" />}
      <ol class="steps" aria-label="Steps">
        {steps.map((step) => (
          <li key={step.index} class={stepStatus(step.status)} data-step-kind={StepKind[step.kind]}>
            <strong>
              {step.index}. {stepKind(step.kind)}
            </strong>{" "}
            — {stepStatus(step.status)} {step.rpc && <code>{step.rpc.split("/").at(-1)}</code>} {durationMs(step)}
            <div>{step.summary || step.error}</div>
            {step.detail && Object.keys(step.detail).length > 0 && (
              <details>
                <summary>Trace detail</summary>
                <pre>{JSON.stringify(step.detail, null, 2)}</pre>
              </details>
            )}
          </li>
        ))}
      </ol>
      {failure !== undefined && <ErrorNotice error={failure} title="The stream broke" />}
      {session && <SessionOutcome session={session} />}
    </section>
  );
}

function SessionOutcome({ session }: { session: Session }) {
  return (
    <div aria-label="Outcome">
      <p>
        Policy: <strong>{(Decision[session.decision] ?? "").replace(/_/g, " ").toLowerCase() || "—"}</strong>, score{" "}
        {session.score.toFixed(2)}
        {session.reasonCodes.length > 0 && <> ({session.reasonCodes.join(", ")})</>}
        {session.approval && (
          <>
            ; {session.approval.approved ? "approved" : "rejected"} by <code>{session.approval.approver}</code>
            {session.approval.comment && <> — “{session.approval.comment}”</>}
          </>
        )}
      </p>
      {session.answer && (
        <blockquote data-testid="answer">
          <p>{session.answer.text}</p>
          <footer class="help">
            {session.answer.provider}/{session.answer.model}
            {session.answer.usage && `, ${session.answer.usage.totalTokens} tokens`}
            {session.answer.citations.length > 0 && `, citing ${session.answer.citations.join(", ")}`}
          </footer>
        </blockquote>
      )}
      {session.toolResults.length > 0 && (
        <table>
          <TableHead caption="Tool calls" columns={["Tool", "Policy", "Ran", "Output or error"]} showCaption />
          <tbody>
            {session.toolResults.map((t, i) => (
              <tr key={i}>
                <td>
                  <code>{t.tool}</code>
                </td>
                <td>{(Decision[t.decision] ?? "").toLowerCase()}</td>
                <td>{t.ran ? "yes" : "no"}</td>
                <td>{t.error || JSON.stringify(t.output ?? {})}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {session.error && <p class="field-error">{session.error}</p>}
    </div>
  );
}

function PendingApprovals({ tenant, onDecided, version }: { tenant: string; onDecided: () => void; version: number }) {
  const { api, identity } = useConsole();
  const parent = `tenants/${tenant}`;
  const pending = useAsync(
    (signal) => api.orchestrator.listSessions({ parent, state: SessionState.PENDING_APPROVAL, pageSize: 50 }, { signal }),
    [parent, version],
  );
  const [failure, setFailure] = useState<unknown>();
  const [decided, setDecided] = useState<string | undefined>();
  const reload = useRef(pending.reload);
  reload.current = pending.reload;

  // Approvals arrive from other people: look again every few seconds while the view is open.
  useEffect(() => {
    const timer = setInterval(() => void reload.current(), 3000);
    return () => clearInterval(timer);
  }, []);

  const decide = async (session: Session, approve: boolean, comment: string) => {
    setFailure(undefined);
    try {
      await api.orchestrator.approveSession({ name: session.name, approve, comment });
      setDecided(session.name);
      onDecided();
      await pending.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const mine = (s: Session) => s.requester === identity.subject;
  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">Pending approvals</h2>
      {pending.state.status === "loading" && <Loading what="pending sessions" />}
      {pending.state.status === "error" && <ErrorNotice error={pending.state.error} onRetry={pending.reload} />}
      {pending.state.status === "ready" &&
        (pending.state.value.sessions.length === 0 ? (
          <Empty>Nothing waits for an approval.</Empty>
        ) : (
          <ul class="plain">
            {pending.state.value.sessions.map((s) => (
              <li key={s.name}>
                <ApprovalCard session={s} own={mine(s)} onDecide={decide} />
              </li>
            ))}
          </ul>
        ))}
      {failure !== undefined && <ErrorNotice error={failure} title="The decision was not recorded" />}
      {decided && <SessionStream key={decided} name={decided} onStateChange={onDecided} />}
    </section>
  );
}

function ApprovalCard({ session, own, onDecide }: { session: Session; own: boolean; onDecide: (s: Session, approve: boolean, comment: string) => void }) {
  const [comment, setComment] = useState("");
  const id = session.name.split("/").at(-1) ?? session.name;
  return (
    <form class="card" aria-label={`Approval of session ${id}`} data-pending={session.name} onSubmit={(e) => e.preventDefault()}>
      <p>
        <code>{id}</code> by <code>{session.requester}</code>: “{session.prompt}”
      </p>
      <p class="help">Reasons: {session.reasonCodes.join(", ") || "—"}, score {session.score.toFixed(2)}</p>
      {own ? (
        <p class="help">You started this session; someone else must approve it.</p>
      ) : (
        <>
          <label for={`comment-${id}`}>Comment</label>
          <input id={`comment-${id}`} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          <div class="actions">
            <button type="button" class="primary" onClick={() => onDecide(session, true, comment)}>
              Approve
            </button>
            <button type="button" class="danger" onClick={() => onDecide(session, false, comment)}>
              Reject
            </button>
          </div>
        </>
      )}
    </form>
  );
}

function RecentSessions({ tenant, version }: { tenant: string; version: number }) {
  const { api } = useConsole();
  const parent = `tenants/${tenant}`;
  const recent = useAsync((signal) => api.orchestrator.listSessions({ parent, pageSize: 10 }, { signal }), [parent, version]);
  const [open, setOpen] = useState<string | undefined>();
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">Recent sessions</h2>
      {recent.state.status === "loading" && <Loading what="sessions" />}
      {recent.state.status === "error" && <ErrorNotice error={recent.state.error} onRetry={recent.reload} />}
      {recent.state.status === "ready" &&
        (recent.state.value.sessions.length === 0 ? (
          <Empty>No sessions yet.</Empty>
        ) : (
          <table>
            <TableHead caption="Recent sessions" columns={["Session", "State", "Requester", "Started"]} actions />
            <tbody>
              {recent.state.value.sessions.map((s) => (
                <tr key={s.name}>
                  <td>
                    <code>{s.name.split("/").at(-1)}</code> {s.prompt.slice(0, 60)}
                  </td>
                  <td>{stateName(s.state)}</td>
                  <td>
                    <code>{s.requester}</code>
                  </td>
                  <td>{s.createTime ? timestampDate(s.createTime).toLocaleString() : ""}</td>
                  <td>
                    <button type="button" onClick={() => setOpen(s.name)} aria-label={`Show the trace of ${s.name.split("/").at(-1)}`}>
                      Trace
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <div class="actions">
        <button type="button" onClick={() => void recent.reload()}>
          Refresh
        </button>
      </div>
      {open && <SessionStream key={open} name={open} />}
    </section>
  );
}
