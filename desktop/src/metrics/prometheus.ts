/** The Prometheus text exposition format (version 0.0.4), parsed in the browser. */

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  /** The sample's name as written, e.g. `soma_rpc_requests_total` or `soma_rpc_duration_seconds_bucket`. */
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
}

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Exposition {
  readonly samples: readonly Sample[];
  /** `# TYPE` of each metric family, by family name. */
  readonly types: ReadonlyMap<string, MetricType>;
}

/** A line that is not valid exposition text; names the line and what is wrong with it. */
export class PrometheusParseError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
    readonly text: string,
  ) {
    super(`metrics line ${line}: ${problem}: ${JSON.stringify(text.slice(0, 120))}`);
    this.name = "PrometheusParseError";
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set<MetricType>(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseValue(raw: string): number | undefined {
  switch (raw) {
    case "+Inf":
    case "Inf":
      return Number.POSITIVE_INFINITY;
    case "-Inf":
      return Number.NEGATIVE_INFINITY;
    case "NaN":
      return Number.NaN;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return undefined;
  return Number(raw);
}

/** Parses `{a="x",b="y"}` starting at `text[0] === "{"`; returns the labels and the rest of the line. */
function parseLabels(text: string, fail: (problem: string) => never): [Record<string, string>, string] {
  const labels: Record<string, string> = {};
  let rest = text.slice(1);
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith("}")) return [labels, rest.slice(1)];
    const name = LABEL_NAME.exec(rest)?.[0];
    if (!name) fail("bad label name");
    rest = rest.slice(name.length).trimStart();
    if (!rest.startsWith("=")) fail(`label ${name} has no '='`);
    rest = rest.slice(1).trimStart();
    if (!rest.startsWith('"')) fail(`label ${name} value is not quoted`);
    let value = "";
    let i = 1;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      const ch = rest[i];
      if (ch === "\\") {
        const next = rest[++i];
        if (next === "n") value += "\n";
        else if (next === "\\" || next === '"') value += next;
        else fail(`label ${name} has a bad escape`);
      } else {
        value += ch;
      }
    }
    if (i >= rest.length) fail(`label ${name} value is not terminated`);
    labels[name] = value;
    rest = rest.slice(i + 1).trimStart();
    if (rest.startsWith(",")) rest = rest.slice(1);
    else if (!rest.startsWith("}")) fail(`expected ',' or '}' after label ${name}`);
  }
}

/** Parses a whole exposition; throws PrometheusParseError on the first malformed line. */
export function parsePrometheus(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, MetricType>();
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const fail: (problem: string) => never = (problem) => {
      throw new PrometheusParseError(index + 1, problem, raw);
    };
    if (line === "") return;
    if (line.startsWith("#")) {
      const parts = line.split(/\s+/);
      if (parts[1] === "TYPE") {
        const family = parts[2];
        const type = parts[3] as MetricType | undefined;
        if (!family || !type || !TYPES.has(type)) fail("bad TYPE line");
        types.set(family, type);
      }
      return; // HELP and comments
    }
    const name = NAME.exec(line)?.[0];
    if (!name) fail("bad metric name");
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith("{")) [labels, rest] = parseLabels(rest, fail);
    const fields = rest.trim().split(/\s+/);
    if (fields.length < 1 || fields.length > 2 || fields[0] === "") fail("expected a value and an optional timestamp");
    const value = parseValue(fields[0] ?? "");
    if (value === undefined) fail("bad sample value");
    samples.push({ name, labels, value });
  });
  return { samples, types };
}

/** The samples named `name` whose labels include every pair of `match`. */
export function select(samples: readonly Sample[], name: string, match: Labels = {}): Sample[] {
  return samples.filter(
    (sample) => sample.name === name && Object.entries(match).every(([key, value]) => sample.labels[key] === value),
  );
}

/** Sum of the values of `select(samples, name, match)`; 0 when none. */
export function total(samples: readonly Sample[], name: string, match: Labels = {}): number {
  return select(samples, name, match).reduce((sum, sample) => sum + sample.value, 0);
}
