import { describe, expect, it } from "vitest";
import { PrometheusParseError, parsePrometheus, select, total } from "../../src/metrics/prometheus";

// The shape prometheus_client writes (what every service exposes), trimmed.
const TEXT = `# HELP soma_rpc_requests_total RPCs served, by method and gRPC status code.
# TYPE soma_rpc_requests_total counter
soma_rpc_requests_total{code="OK",domain="memory",method="Recall",service="soma.memory.v1.MemoryService"} 12.0
soma_rpc_requests_total{code="NOT_FOUND",domain="memory",method="GetMemory",service="soma.memory.v1.MemoryService"} 3.0
# HELP soma_rpc_requests_created RPCs served, by method and gRPC status code.
# TYPE soma_rpc_requests_created gauge
soma_rpc_requests_created{code="OK",domain="memory",method="Recall",service="soma.memory.v1.MemoryService"} 1.7639e+09
# TYPE soma_rpc_duration_seconds histogram
soma_rpc_duration_seconds_bucket{domain="memory",le="0.005",method="Recall",service="s"} 4.0
soma_rpc_duration_seconds_bucket{domain="memory",le="+Inf",method="Recall",service="s"} 12.0
soma_rpc_duration_seconds_count{domain="memory",method="Recall",service="s"} 12.0
soma_rpc_duration_seconds_sum{domain="memory",method="Recall",service="s"} 0.25
soma_service_up{domain="memory"} 1.0
weird{path="a \\"quoted\\" \\\\ back\\nslash"} NaN
timestamped 7 1700000000000
`;

describe("parsePrometheus", () => {
  it("reads samples, labels, types and special values", () => {
    const { samples, types } = parsePrometheus(TEXT);
    expect(types.get("soma_rpc_requests_total")).toBe("counter");
    expect(types.get("soma_rpc_duration_seconds")).toBe("histogram");
    expect(samples).toHaveLength(10);
    expect(total(samples, "soma_rpc_requests_total")).toBe(15);
    expect(total(samples, "soma_rpc_requests_total", { code: "OK" })).toBe(12);
    expect(select(samples, "soma_rpc_duration_seconds_bucket", { le: "+Inf" })[0]?.value).toBe(12);
    expect(select(samples, "soma_rpc_requests_created")[0]?.value).toBe(1.7639e9);
    const weird = select(samples, "weird")[0];
    expect(weird?.labels.path).toBe('a "quoted" \\ back\nslash');
    expect(Number.isNaN(weird?.value)).toBe(true);
    expect(select(samples, "timestamped")[0]?.value).toBe(7);
  });

  it("reads +Inf, -Inf and empty label sets", () => {
    const { samples } = parsePrometheus("a{} +Inf\nb -Inf\nc{x=\"1\",} 2\n");
    expect(samples.map((s) => s.value)).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2]);
    expect(samples[2]?.labels).toEqual({ x: "1" });
  });

  it.each([
    ["no value", "metric_without_value\n", 1, "expected a value"],
    ["a bad value", "ok 1\nm{a=\"b\"} twelve\n", 2, "bad sample value"],
    ["an unquoted label", "m{a=b} 1\n", 1, "label a value is not quoted"],
    ["an unterminated label", 'm{a="b} 1\n', 1, "not terminated"],
    ["a bad TYPE", "# TYPE m sideways\n", 1, "bad TYPE line"],
    ["a bad name", "9m 1\n", 1, "bad metric name"],
  ])("rejects %s, naming the line", (_what, text, line, problem) => {
    let caught: unknown;
    try {
      parsePrometheus(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PrometheusParseError);
    expect((caught as PrometheusParseError).line).toBe(line);
    expect((caught as PrometheusParseError).message).toContain(problem);
  });
});
