import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { NotificationSchema } from "@soma/proto/soma/notification/v1/notification_pb";
import { StepSchema, StepStatus } from "@soma/proto/soma/orchestrator/v1/session_pb";
import { DeploymentMode, ModelProfileSchema } from "@soma/proto/soma/settings/v1/settings_pb";
import { describe, expect, it } from "vitest";
import { formatValue, linePath } from "../../src/components/chart";
import { mergeNotifications } from "../../src/views/notifications";
import { mergeStep } from "../../src/views/sessions";
import { parseAttributes } from "../../src/views/settings";
import { GUARDRAIL_HELP, preflight } from "../../src/views/wizard";

describe("session steps", () => {
  it("replaces a step by index (a waiting approval that became OK) and keeps index order", () => {
    const waiting = create(StepSchema, { index: 2, status: StepStatus.WAITING });
    const first = create(StepSchema, { index: 1, status: StepStatus.OK });
    const done = create(StepSchema, { index: 2, status: StepStatus.OK });
    const steps = mergeStep(mergeStep(mergeStep([], waiting), first), done);
    expect(steps.map((s) => [s.index, s.status])).toEqual([
      [1, StepStatus.OK],
      [2, StepStatus.OK],
    ]);
  });
});

describe("notifications", () => {
  it("keeps one entry per name, newest first, the streamed copy winning", () => {
    const at = (minute: number) => timestampFromDate(new Date(Date.UTC(2026, 0, 1, 0, minute)));
    const a = create(NotificationSchema, { name: "n/a", title: "a", createTime: at(1) });
    const b = create(NotificationSchema, { name: "n/b", title: "b", createTime: at(2) });
    const acked = create(NotificationSchema, { name: "n/a", title: "a", createTime: at(1), ackTime: at(3) });
    const merged = mergeNotifications([a, b], [acked]);
    expect(merged.map((n) => n.name)).toEqual(["n/b", "n/a"]);
    expect(merged[1]?.ackTime).toBeDefined();
  });
});

describe("deployment-mode preflight", () => {
  const local = create(ModelProfileSchema, { name: "tenants/t/modelProfiles/chat", provider: "local", model: "m" });
  const remote = create(ModelProfileSchema, { name: "tenants/t/modelProfiles/code", provider: "openai", model: "m" });
  it("lists prod's guardrails, each explained, and the local profiles that block the switch", () => {
    const check = preflight(DeploymentMode.PROD, [local, remote]);
    expect(check.guardrails).toEqual(["prod-no-local-provider", "prod-signed-constitution"]);
    expect(check.guardrails.every((id) => GUARDRAIL_HELP[id])).toBe(true);
    expect(check.blockers).toEqual([local]);
  });
  it("brings nothing outside prod", () => {
    expect(preflight(DeploymentMode.STAGING, [local])).toEqual({ guardrails: [], blockers: [] });
  });
});

describe("settings attributes", () => {
  it("reads key=value lines, values may hold '='", () => {
    expect(parseAttributes("team = platform\n\nquery=a=b\n")).toEqual({ team: "platform", query: "a=b" });
  });
  it("names the line without '='", () => {
    expect(() => parseAttributes("ok=1\nbroken")).toThrow("attributes line 2: expected key=value");
  });
});

describe("chart helpers", () => {
  it("formats values with their unit", () => {
    expect(formatValue(undefined, "s")).toBe("—");
    expect(formatValue(0.0123, "s")).toBe("12.3 ms");
    expect(formatValue(0.0000456, "s")).toBe("45.6 µs");
    expect(formatValue(2.5, "s")).toBe("2.50 s");
    expect(formatValue(0.25, "%")).toBe("25.0 %");
    expect(formatValue(1234.5, "req/s")).toBe("1235 req/s");
    expect(formatValue(3, "")).toBe("3");
  });
  it("draws a gap where a value is missing and scales to the maximum", () => {
    const path = linePath([0, 10, undefined, 5], 10);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.startsWith("M44.0,102.0L")).toBe(true);
    expect(linePath([undefined, undefined], 0)).toBe("");
  });
});
