// The one shape every figure returns: a row of the bench table and of bench/results.json.
// Rows for figures whose code does not exist yet carry `notMeasured` with the reason, so the
// table says what is missing instead of the bench crashing or silently skipping.

export interface BenchRow {
  /** Figure number of the benchmark issue (1–8). */
  figure: number;
  name: string;
  unit: string;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Measured runs behind median/min/max (warm-up excluded); 1 for deterministic sizes. */
  runs: number;
  /** Human-readable target, e.g. "≤ 1 ms". */
  target?: string;
  /** Whether the median meets the target; absent when the row has no target. */
  meets?: boolean;
  note?: string;
  /** Set when the figure could not be measured; says why. */
  notMeasured?: string;
}

export type Comparison = '<=' | '>=';

/** A target on the median, e.g. `{ op: '<=', value: 1, text: '≤ 1 ms' }`. */
export interface Target {
  op: Comparison;
  value: number;
  text: string;
}

export function summarize(samples: readonly number[]): { median: number; min: number; max: number } {
  if (samples.length === 0) throw new RangeError('summarize: expected at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Linear-interpolated quantile of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile: expected at least one sample');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function medianOf(samples: readonly number[]): number {
  return summarize(samples).median;
}

/** A measured row: median/min/max over the per-run values, checked against `target`. */
export function measuredRow(
  figure: number,
  name: string,
  unit: string,
  perRun: readonly number[],
  opts: { target?: Target; note?: string } = {},
): BenchRow {
  const s = summarize(perRun);
  const row: BenchRow = { figure, name, unit, ...s, runs: perRun.length };
  if (opts.target) {
    row.target = opts.target.text;
    row.meets = opts.target.op === '<=' ? s.median <= opts.target.value : s.median >= opts.target.value;
  }
  if (opts.note) row.note = opts.note;
  return row;
}

/** A deterministic quantity (a size, a version): one "run", median = min = max. */
export function exactRow(figure: number, name: string, unit: string, value: number, opts: { target?: Target; note?: string } = {}): BenchRow {
  return measuredRow(figure, name, unit, [value], opts);
}

export function notMeasuredRow(figure: number, name: string, why: string, target?: string): BenchRow {
  return { figure, name, unit: '', median: null, min: null, max: null, runs: 0, ...(target ? { target } : {}), notMeasured: why };
}
