/** One Sight: health, request and error rates per service, outbox backlog, SLM latency and tokens, from Prometheus text through Envoy. */

import { useEffect, useState } from "preact/hooks";
import { LineChart, formatValue } from "../components/chart";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { DOMAINS, fetchMetrics } from "../lib/api";
import { apiBase } from "../lib/config";
import { parsePrometheus } from "../metrics/prometheus";
import { type Scrape, type ServiceStats, bucketIncrease, histogramQuantile, rate, serviceStats } from "../metrics/rates";

/** Seconds between scrapes, and how many points the charts keep. */
export const SCRAPE_SECONDS = 3;
const KEEP = 40;

/** The token counter the SLM service would export; the chart says so when it does not. */
export const SLM_TOKENS = "soma_slm_tokens_total";

interface Point {
  readonly stats: ServiceStats | undefined;
  readonly error: string | undefined;
}

interface Tick {
  readonly at: number;
  readonly services: Readonly<Record<string, Point>>;
  readonly slm: { readonly p50: number | undefined; readonly p95: number | undefined; readonly tokensPerSecond: number | undefined };
}

/** SLM latency (InferSync on the slm domain) and token rate between two scrapes of the slm domain. */
export function slmFigures(prev: Scrape, next: Scrape): Tick["slm"] {
  const infer = bucketIncrease(prev, next, "soma_rpc_duration_seconds", { method: "InferSync" });
  const exported = next.exposition.samples.some((s) => s.name === SLM_TOKENS);
  return {
    p50: histogramQuantile(0.5, infer),
    p95: histogramQuantile(0.95, infer),
    tokensPerSecond: exported ? rate(prev, next, SLM_TOKENS) : undefined,
  };
}

export function DashboardView() {
  const [ticks, setTicks] = useState<Tick[]>([]);
  const [first, setFirst] = useState<"loading" | "ready" | { error: unknown }>("loading");

  useEffect(() => {
    const controller = new AbortController();
    const base = apiBase();
    let previous: Record<string, Scrape> = {};
    const scrapeAll = async () => {
      const at = performance.now();
      const results = await Promise.all(
        DOMAINS.map(async (domain) => {
          try {
            const text = await fetchMetrics(base, domain, controller.signal);
            return [domain, { at, exposition: parsePrometheus(text) } as Scrape, undefined] as const;
          } catch (error) {
            return [domain, undefined, (error as Error).message] as const;
          }
        }),
      );
      if (controller.signal.aborted) return;
      const services: Record<string, Point> = {};
      const current: Record<string, Scrape> = {};
      for (const [domain, scrape, error] of results) {
        const before = previous[domain];
        if (scrape) current[domain] = scrape;
        services[domain] = { stats: scrape && before ? serviceStats(before, scrape) : undefined, error };
      }
      const slmBefore = previous.slm;
      const slmNow = current.slm;
      const slm = slmBefore && slmNow ? slmFigures(slmBefore, slmNow) : { p50: undefined, p95: undefined, tokensPerSecond: undefined };
      const hadPrevious = Object.keys(previous).length > 0;
      previous = current;
      if (results.every(([, scrape]) => !scrape)) {
        setFirst({ error: new Error(`no metrics could be read: ${results.map(([d, , e]) => `${d}: ${e}`).join("; ")}`) });
        return;
      }
      setFirst("ready");
      if (hadPrevious) setTicks((all) => [...all.slice(-(KEEP - 1)), { at, services, slm }]);
      else setTicks([]);
    };
    void scrapeAll();
    const timer = setInterval(() => void scrapeAll(), SCRAPE_SECONDS * 1000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);

  const latest = ticks.at(-1);
  const series = (pick: (s: ServiceStats) => number | undefined, domains: readonly string[] = DOMAINS) =>
    domains.map((domain) => ({ name: domain, values: ticks.map((t) => { const s = t.services[domain]?.stats; return s ? pick(s) : undefined; }) }));
  const withOutbox = DOMAINS.filter((d) => ticks.some((t) => t.services[d]?.stats?.outboxBacklog !== undefined));

  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        One Sight
      </h1>
      <p class="help">
        Read from each service's Prometheus metrics through Envoy (<code>/metrics/&lt;service&gt;</code>) every {SCRAPE_SECONDS} s; rates are
        the difference between two scrapes.
      </p>
      {first === "loading" && <Loading what="metrics" />}
      {typeof first === "object" && <ErrorNotice error={first.error} />}
      {first === "ready" && !latest && <Loading what="a second scrape to compute rates" />}
      {latest && (
        <>
          <h2>Health</h2>
          <table data-testid="health">
            <TableHead
              caption="Health of every service"
              columns={["Service", "Health", "Requests", "Errors", "p50", "p95", "In flight", "Outbox backlog"]}
            />
            <tbody>
              {DOMAINS.map((domain) => {
                const point = latest.services[domain];
                const stats = point?.stats;
                const healthy = stats?.up !== false && !point?.error;
                return (
                  <tr key={domain} data-domain={domain}>
                    <th scope="row">{domain}</th>
                    <td>
                      <span class={`badge ${healthy ? "ok" : "bad"}`}>{healthy ? "up" : "down"}</span>
                      {point?.error && <div class="help">{point.error}</div>}
                    </td>
                    <td>{formatValue(stats?.requestRate, "req/s")}</td>
                    <td>
                      {formatValue(stats?.errorRate, "err/s")} ({formatValue(stats?.errorRatio, "%")})
                    </td>
                    <td>{formatValue(stats?.p50, "s")}</td>
                    <td>{formatValue(stats?.p95, "s")}</td>
                    <td>{formatValue(stats?.inFlight, "")}</td>
                    <td>{stats?.outboxBacklog === undefined ? "—" : formatValue(stats.outboxBacklog, "")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2>Charts</h2>
          <div class="grid">
            <LineChart id="chart-requests" title="Requests per second" unit="req/s" series={series((s) => s.requestRate)} />
            <LineChart id="chart-errors" title="Errors per second (codes other than OK)" unit="err/s" series={series((s) => s.errorRate)} />
            {withOutbox.length ? (
              <LineChart id="chart-outbox" title="Outbox backlog (events not yet published)" unit="" series={series((s) => s.outboxBacklog, withOutbox)} />
            ) : (
              <Empty>No service reports an outbox backlog.</Empty>
            )}
            <LineChart
              id="chart-slm-latency"
              title="SLM latency (InferSync)"
              unit="s"
              series={[
                { name: "p50", values: ticks.map((t) => t.slm.p50) },
                { name: "p95", values: ticks.map((t) => t.slm.p95) },
              ]}
            />
            {ticks.some((t) => t.slm.tokensPerSecond !== undefined) ? (
              <LineChart id="chart-slm-tokens" title="SLM tokens per second" unit="tok/s" series={[{ name: "tokens", values: ticks.map((t) => t.slm.tokensPerSecond) }]} />
            ) : (
              <Empty>
                SLM tokens: the slm service exports no <code>{SLM_TOKENS}</code> counter yet.
              </Empty>
            )}
          </div>
        </>
      )}
    </section>
  );
}
