/** Rates and quantiles from two scrapes of the same Prometheus endpoint, as PromQL's rate() and histogram_quantile(). */

import { type Exposition, type Labels, type Sample, select, total } from "./prometheus";

export interface Scrape {
  /** When the scrape was read, in milliseconds (performance.now() or Date.now(); only differences matter). */
  readonly at: number;
  readonly exposition: Exposition;
}

function seriesKey(labels: Labels, without: readonly string[] = []): string {
  return Object.keys(labels)
    .filter((key) => !without.includes(key))
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`)
    .join(",");
}

/**
 * How much the counters named `name` (matching `match`) grew between two scrapes, summed over their series.
 * A series that went down was reset (its process restarted): its increase is its new value, as in Prometheus.
 * A series new in the second scrape counts from zero.
 */
export function increase(prev: Scrape, next: Scrape, name: string, match: Labels = {}): number {
  const before = new Map(select(prev.exposition.samples, name, match).map((s) => [seriesKey(s.labels), s.value]));
  let grown = 0;
  for (const sample of select(next.exposition.samples, name, match)) {
    const old = before.get(seriesKey(sample.labels)) ?? 0;
    grown += sample.value >= old ? sample.value - old : sample.value;
  }
  return grown;
}

/** Per-second rate of `increase` between the scrapes; 0 when they are at the same instant. */
export function rate(prev: Scrape, next: Scrape, name: string, match: Labels = {}): number {
  const seconds = (next.at - prev.at) / 1000;
  return seconds > 0 ? increase(prev, next, name, match) / seconds : 0;
}

export interface Bucket {
  /** Upper bound (`le`), +Inf for the last bucket. */
  readonly le: number;
  /** Cumulative count of observations <= le. */
  readonly count: number;
}

/**
 * The q-quantile (0..1) of a cumulative histogram, interpolating linearly inside the bucket it falls in, as
 * PromQL's histogram_quantile does. Undefined when there are no observations; the highest finite bound when the
 * quantile falls in the +Inf bucket.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number | undefined {
  if (q < 0 || q > 1 || Number.isNaN(q)) throw new RangeError(`quantile must be within 0..1, got ${q}`);
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted.at(-1);
  if (!last || last.count <= 0 || last.le !== Number.POSITIVE_INFINITY) return undefined;
  const rank = q * last.count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      if (bucket.le === Number.POSITIVE_INFINITY) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      if (inBucket <= 0) return bucket.le;
      return lowerBound + (bucket.le - lowerBound) * ((rank - lowerCount) / inBucket);
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}

/** The buckets of histogram `family` (matching `match`), each bucket's increase between two scrapes, summed over series. */
export function bucketIncrease(prev: Scrape, next: Scrape, family: string, match: Labels = {}): Bucket[] {
  const name = `${family}_bucket`;
  const byLe = new Map<number, number>();
  const grownBy = (sample: Sample): number => {
    const old = select(prev.exposition.samples, name, sample.labels)[0]?.value ?? 0;
    return sample.value >= old ? sample.value - old : sample.value;
  };
  for (const sample of select(next.exposition.samples, name, match)) {
    const raw = sample.labels.le;
    if (raw === undefined) continue;
    const le = raw === "+Inf" ? Number.POSITIVE_INFINITY : Number(raw);
    byLe.set(le, (byLe.get(le) ?? 0) + grownBy(sample));
  }
  return [...byLe.entries()].map(([le, count]) => ({ le, count }));
}

/** What One Sight shows for one service, from two scrapes of its metrics. */
export interface ServiceStats {
  /** soma_service_up of the newer scrape; false when it is 0, undefined when the service does not export it. */
  readonly up: boolean | undefined;
  /** RPCs per second. */
  readonly requestRate: number;
  /** RPCs per second that ended with a code other than OK. */
  readonly errorRate: number;
  /** errorRate / requestRate, 0 when idle. */
  readonly errorRatio: number;
  /** Median and 95th percentile server latency over the window, in seconds; undefined when idle. */
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  /** Outbox rows not yet published (soma_outbox_backlog), undefined when the service has no outbox. */
  readonly outboxBacklog: number | undefined;
  readonly inFlight: number;
}

export function serviceStats(prev: Scrape, next: Scrape): ServiceStats {
  const samples = next.exposition.samples;
  const requestRate = rate(prev, next, "soma_rpc_requests_total");
  const errorRate = requestRate - rate(prev, next, "soma_rpc_requests_total", { code: "OK" });
  const latency = bucketIncrease(prev, next, "soma_rpc_duration_seconds");
  const upSamples = select(samples, "soma_service_up");
  const backlog = select(samples, "soma_outbox_backlog");
  return {
    up: upSamples.length ? upSamples.every((s) => s.value >= 1) : undefined,
    requestRate,
    errorRate: Math.max(0, errorRate),
    errorRatio: requestRate > 0 ? Math.max(0, errorRate) / requestRate : 0,
    p50: histogramQuantile(0.5, latency),
    p95: histogramQuantile(0.95, latency),
    outboxBacklog: backlog.length ? total(samples, "soma_outbox_backlog") : undefined,
    inFlight: total(samples, "soma_rpc_in_flight"),
  };
}
