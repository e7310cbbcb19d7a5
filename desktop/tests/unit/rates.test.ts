import { describe, expect, it } from "vitest";
import { parsePrometheus } from "../../src/metrics/prometheus";
import { histogramQuantile, increase, rate, type Scrape, serviceStats } from "../../src/metrics/rates";

const scrape = (at: number, text: string): Scrape => ({ at, exposition: parsePrometheus(text) });

const requests = (ok: number, failed: number, buckets: [string, number][], backlog?: number): string =>
  [
    `soma_rpc_requests_total{code="OK",domain="d",method="M",service="S"} ${ok}`,
    failed ? `soma_rpc_requests_total{code="INTERNAL",domain="d",method="M",service="S"} ${failed}` : "",
    ...buckets.map(([le, n]) => `soma_rpc_duration_seconds_bucket{domain="d",le="${le}",method="M",service="S"} ${n}`),
    `soma_service_up{domain="d"} 1`,
    `soma_rpc_in_flight{domain="d"} 2`,
    backlog === undefined ? "" : `soma_outbox_backlog{domain="d"} ${backlog}`,
  ].join("\n");

describe("rates from two scrapes", () => {
  it("computes increase and per-second rate, a new series counting from zero", () => {
    const a = scrape(0, requests(10, 0, []));
    const b = scrape(2000, requests(30, 4, []));
    expect(increase(a, b, "soma_rpc_requests_total")).toBe(24);
    expect(rate(a, b, "soma_rpc_requests_total")).toBe(12);
    expect(rate(a, b, "soma_rpc_requests_total", { code: "INTERNAL" })).toBe(2);
  });

  it("treats a counter that went down as reset", () => {
    const a = scrape(0, requests(100, 0, []));
    const b = scrape(1000, requests(5, 0, []));
    expect(increase(a, b, "soma_rpc_requests_total")).toBe(5);
  });

  it("is zero for scrapes at the same instant", () => {
    const a = scrape(5, requests(1, 0, []));
    expect(rate(a, scrape(5, requests(9, 0, [])), "soma_rpc_requests_total")).toBe(0);
  });

  it("summarizes a service: rate, errors, latency quantiles, backlog", () => {
    const before = scrape(0, requests(0, 0, [["0.01", 0], ["0.1", 0], ["+Inf", 0]], 7));
    const after = scrape(10_000, requests(90, 10, [["0.01", 50], ["0.1", 100], ["+Inf", 100]], 3));
    const stats = serviceStats(before, after);
    expect(stats.up).toBe(true);
    expect(stats.requestRate).toBe(10);
    expect(stats.errorRate).toBe(1);
    expect(stats.errorRatio).toBeCloseTo(0.1);
    expect(stats.p50).toBeCloseTo(0.01);
    expect(stats.p95).toBeCloseTo(0.01 + 0.09 * 0.9);
    expect(stats.outboxBacklog).toBe(3);
    expect(stats.inFlight).toBe(2);
  });

  it("leaves latency and backlog undefined when idle or absent", () => {
    const idle = scrape(0, requests(1, 0, [["+Inf", 1]]));
    const stats = serviceStats(idle, scrape(1000, requests(1, 0, [["+Inf", 1]])));
    expect(stats.p50).toBeUndefined();
    expect(stats.outboxBacklog).toBeUndefined();
    expect(stats.errorRatio).toBe(0);
  });
});

describe("histogramQuantile", () => {
  const buckets = [
    { le: 0.1, count: 10 },
    { le: 1, count: 20 },
    { le: Number.POSITIVE_INFINITY, count: 20 },
  ];
  it("interpolates inside the bucket", () => {
    expect(histogramQuantile(0.25, buckets)).toBeCloseTo(0.05);
    expect(histogramQuantile(0.75, buckets)).toBeCloseTo(0.55);
  });
  it("returns the top finite bound for the +Inf bucket, undefined without data", () => {
    expect(histogramQuantile(1, [{ le: 1, count: 1 }, { le: Number.POSITIVE_INFINITY, count: 2 }])).toBe(1);
    expect(histogramQuantile(0.5, [{ le: Number.POSITIVE_INFINITY, count: 0 }])).toBeUndefined();
  });
  it("rejects a quantile outside 0..1", () => {
    expect(() => histogramQuantile(1.5, buckets)).toThrow(RangeError);
  });
});
