/** Memory explorer: remember, recall with scores, links between memories, forget. */

import { type MemoryHit, LinkType, MemoryKind, type Neighbor } from "@soma/proto/soma/memory/v1/memory_pb";
import { useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { useConsole } from "../lib/console-context";
import { can } from "../lib/identity";

const LINK_TYPES = [LinkType.RELATES_TO, LinkType.DERIVED_FROM, LinkType.CONTRADICTS, LinkType.SUPPORTS, LinkType.FOLLOWS];
const words = (name: string | undefined) => (name ?? "").replace(/_/g, " ").toLowerCase();
const shortName = (name: string) => name.split("/").at(-1) ?? name;

export function MemoryView() {
  const { tenant } = useConsole();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Memory
      </h1>
      {tenant ? <Explorer tenant={tenant} /> : <Empty>Choose a tenant in Tenant admin first.</Empty>}
    </section>
  );
}

function Explorer({ tenant }: { tenant: string }) {
  const { api, identity } = useConsole();
  const parent = `tenants/${tenant}`;
  const [text, setText] = useState("");
  const [kind, setKind] = useState(MemoryKind.SEMANTIC);
  const [remembered, setRemembered] = useState<string | undefined>();
  const [rememberFailure, setRememberFailure] = useState<unknown>();
  const [query, setQuery] = useState("");
  const [topK, setTopK] = useState("5");
  const [hits, setHits] = useState<MemoryHit[] | undefined>();
  const [recalling, setRecalling] = useState(false);
  const [recallFailure, setRecallFailure] = useState<unknown>();
  const [forgotten, setForgotten] = useState<string | undefined>();

  const remember = async (event: Event) => {
    event.preventDefault();
    setRememberFailure(undefined);
    setRemembered(undefined);
    try {
      const { memory } = await api.memory.remember({ parent, memory: { kind, text: text.trim() }, requestId: `console-${crypto.randomUUID()}` });
      setRemembered(memory?.name);
      setText("");
    } catch (error) {
      setRememberFailure(error);
    }
  };

  const recall = async (event?: Event) => {
    event?.preventDefault();
    setRecallFailure(undefined);
    setRecalling(true);
    try {
      setHits((await api.memory.recall({ parent, query: query.trim(), topK: Number(topK) || 5 })).hits);
    } catch (error) {
      setRecallFailure(error);
    } finally {
      setRecalling(false);
    }
  };

  const forget = async (name: string) => {
    if (!confirm(`Forget ${shortName(name)}? This cannot be undone.`)) return;
    setRecallFailure(undefined);
    try {
      const { forgottenCount } = await api.memory.forget({ parent, names: [name] });
      setForgotten(`${forgottenCount} memory forgotten: ${shortName(name)}`);
      await recall();
    } catch (error) {
      setRecallFailure(error);
    }
  };

  return (
    <>
      {can(identity, "memory.write") && (
        <section aria-labelledby="remember-title">
          <h2 id="remember-title">Remember</h2>
          <form onSubmit={remember}>
            <label for="memory-text">Text</label>
            <textarea id="memory-text" rows={3} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
            <label for="memory-kind">Kind</label>
            <select id="memory-kind" value={kind} onChange={(e) => setKind(Number(e.currentTarget.value) as MemoryKind)}>
              <option value={MemoryKind.SEMANTIC}>semantic (a fact)</option>
              <option value={MemoryKind.EPISODIC}>episodic (something that happened)</option>
            </select>
            <div class="actions">
              <button type="submit" class="primary">
                Remember
              </button>
            </div>
          </form>
          {remembered && (
            <p class="notice ok" role="status">
              Remembered as <code>{shortName(remembered)}</code>.
            </p>
          )}
          {rememberFailure !== undefined && <ErrorNotice error={rememberFailure} title="Not remembered" />}
        </section>
      )}
      <section aria-labelledby="recall-title">
        <h2 id="recall-title">Recall</h2>
        <form onSubmit={recall}>
          <label for="recall-query">Query</label>
          <input id="recall-query" required value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          <label for="recall-top">At most</label>
          <input id="recall-top" type="number" min={1} max={100} value={topK} onInput={(e) => setTopK(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" class="primary" disabled={recalling}>
              Recall
            </button>
          </div>
        </form>
        {forgotten && (
          <p class="notice ok" role="status">
            {forgotten}
          </p>
        )}
        {recalling && <Loading what="memories" />}
        {recallFailure !== undefined && <ErrorNotice error={recallFailure} title="Recall failed" />}
        {hits && !recalling && (hits.length === 0 ? <Empty>Nothing recalled for this query.</Empty> : <Hits hits={hits} onForget={forget} />)}
      </section>
    </>
  );
}

function Hits({ hits, onForget }: { hits: MemoryHit[]; onForget: (name: string) => void }) {
  const { identity } = useConsole();
  return (
    <table data-testid="hits">
      <TableHead caption="Recalled memories with scores" columns={["Memory", "Score", "Vector", "Lexical"]} actions />
      <tbody>
        {hits.map((hit) =>
          hit.memory ? (
            <tr key={hit.memory.name} data-memory={hit.memory.name}>
              <td>
                <p>{hit.memory.text}</p>
                <p class="help">
                  <code>{shortName(hit.memory.name)}</code> · {words(MemoryKind[hit.memory.kind])}
                </p>
                <Links name={hit.memory.name} others={hits.filter((h) => h.memory && h.memory.name !== hit.memory?.name)} />
              </td>
              <td>{hit.score.toFixed(3)}</td>
              <td>{hit.vectorScore.toFixed(3)}</td>
              <td>{hit.lexicalScore.toFixed(3)}</td>
              <td>
                {can(identity, "memory.memories.forget") && (
                  <button type="button" class="danger" onClick={() => onForget(hit.memory?.name ?? "")} aria-label={`Forget ${shortName(hit.memory.name)}`}>
                    Forget
                  </button>
                )}
              </td>
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}

/** A memory's links: its neighbours on demand, and a form to link it to another recalled memory. */
function Links({ name, others }: { name: string; others: MemoryHit[] }) {
  const { api, identity } = useConsole();
  const [neighbors, setNeighbors] = useState<Neighbor[] | undefined>();
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [target, setTarget] = useState(others[0]?.memory?.name ?? "");
  const [type, setType] = useState(LinkType.RELATES_TO);
  const id = shortName(name);

  const load = async () => {
    setLoading(true);
    setFailure(undefined);
    try {
      setNeighbors((await api.memory.neighbors({ name, depth: 1 })).neighbors);
    } catch (error) {
      setFailure(error);
    } finally {
      setLoading(false);
    }
  };

  const link = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await api.memory.link({ name, target, type, weight: 1 });
      await load();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <details onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && neighbors === undefined && void load()}>
      <summary>Links of {id}</summary>
      {loading && <Loading what="links" />}
      {failure !== undefined && <ErrorNotice error={failure} />}
      {neighbors &&
        (neighbors.length === 0 ? (
          <Empty>No links yet.</Empty>
        ) : (
          <ul>
            {neighbors.map((n) => (
              <li key={n.memory?.name}>
                {words(LinkType[n.link?.type ?? LinkType.UNSPECIFIED])} → <code>{shortName(n.memory?.name ?? "")}</code>: {n.memory?.text}
              </li>
            ))}
          </ul>
        ))}
      {can(identity, "memory.write") && others.length > 0 && (
        <form onSubmit={link} aria-label={`Link ${id} to another memory`}>
          <label for={`link-target-${id}`}>Link to</label>
          <select id={`link-target-${id}`} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {others.map((o) => (
              <option key={o.memory?.name} value={o.memory?.name}>
                {shortName(o.memory?.name ?? "")}: {o.memory?.text.slice(0, 40)}
              </option>
            ))}
          </select>
          <label for={`link-type-${id}`}>As</label>
          <select id={`link-type-${id}`} value={type} onChange={(e) => setType(Number(e.currentTarget.value) as LinkType)}>
            {LINK_TYPES.map((t) => (
              <option key={t} value={t}>
                {words(LinkType[t])}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit">Link</button>
          </div>
        </form>
      )}
    </details>
  );
}
