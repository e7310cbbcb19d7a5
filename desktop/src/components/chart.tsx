/** A small SVG line chart: one line per series over the same sample times, no library. */

export interface Series {
  readonly name: string;
  /** One value per sample time; undefined leaves a gap. */
  readonly values: readonly (number | undefined)[];
}

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 44, right: 8, top: 8, bottom: 18 };
export const PALETTE = ["#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#0e7490", "#be185d", "#4d7c0f", "#334155", "#9333ea"];

/** `value` in `unit` with 3 significant digits, e.g. `12.3 req/s`, `—` when unknown. */
export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return "—";
  if (unit === "s") {
    if (value < 1e-3) return `${(value * 1e6).toPrecision(3)} µs`;
    if (value < 1) return `${(value * 1e3).toPrecision(3)} ms`;
  }
  if (unit === "%") return `${(value * 100).toPrecision(3)} %`;
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toPrecision(3);
  return unit ? `${digits} ${unit}` : digits;
}

/** The polyline points of one series, each run of defined values as its own path segment. */
export function linePath(values: readonly (number | undefined)[], max: number): string {
  const step = values.length > 1 ? (WIDTH - PAD.left - PAD.right) / (values.length - 1) : 0;
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - (max > 0 ? v / max : 0));
  let path = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === undefined || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? "L" : "M"}${(PAD.left + i * step).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return path;
}

export function LineChart({ id, title, unit, series }: { id: string; title: string; unit: string; series: readonly Series[] }) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
  const max = all.length ? Math.max(...all) : 0;
  const latest = series.map((s) => [s.name, [...s.values].reverse().find((v) => v !== undefined)] as const);
  const summary = latest.map(([name, v]) => `${name} ${formatValue(v, unit)}`).join(", ");
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${summary || "no data yet"}`}>
        <line class="axis" x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} />
        <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} />
        <text class="tick" x={PAD.left - 4} y={PAD.top + 8} text-anchor="end">
          {max > 0 ? formatValue(max, unit) : ""}
        </text>
        <text class="tick" x={PAD.left - 4} y={HEIGHT - PAD.bottom} text-anchor="end">
          0
        </text>
        {series.map((s, i) => (
          <path key={s.name} d={linePath(s.values, max)} fill="none" stroke={PALETTE[i % PALETTE.length]} stroke-width="2" />
        ))}
      </svg>
      <ul class="legend">
        {latest.map(([name, v], i) => (
          <li key={name}>
            <span class="swatch" aria-hidden="true" data-colour={i % PALETTE.length} />
            {name}: <strong>{formatValue(v, unit)}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}
