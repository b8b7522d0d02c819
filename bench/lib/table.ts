// The bench table for the terminal: one line per row, then the rows below target, the rows not
// yet measured (with why) and the notes.

import type { MachineInfo } from './machine';
import type { BenchRow } from './row';

export function formatNumber(v: number | null): string {
  if (v === null) return '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  if (a === 0) return '0';
  return v.toFixed(3);
}

function status(r: BenchRow): string {
  if (r.notMeasured) return 'not measured';
  if (r.meets === undefined) return '';
  return r.meets ? 'ok' : 'BELOW TARGET';
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['#', 'figure', 'median', 'min', 'max', 'unit', 'runs', 'target', 'result', 'note'];
  const notes: string[] = [];
  const body = rows.map((r) => {
    let ref = '';
    if (r.note) {
      notes.push(r.note);
      ref = `[${notes.length}]`;
    }
    return [String(r.figure), r.name, formatNumber(r.median), formatNumber(r.min), formatNumber(r.max), r.unit, String(r.runs), r.target ?? '', status(r), ref];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => [...line[i]!].length)));
  const numeric = new Set([2, 3, 4, 6]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  const below = rows.filter((r) => r.meets === false);
  if (below.length) {
    out.push('', 'Below target:');
    for (const r of below) out.push(`  below target: #${r.figure} ${r.name}: median ${formatNumber(r.median)} ${r.unit}, target ${r.target}`);
  }
  const missing = rows.filter((r) => r.notMeasured);
  if (missing.length) {
    out.push('', 'Not yet measured:');
    for (const r of missing) out.push(`  #${r.figure} ${r.name}: not yet measured: ${r.notMeasured}`);
  }
  if (notes.length) {
    out.push('', 'Notes:');
    notes.forEach((n, i) => out.push(`  [${i + 1}] ${n}`));
  }
  return out.join('\n');
}

export function formatMachine(m: MachineInfo): string {
  return `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; Chromium ${m.chromium ?? '(not started)'}; load average at start ${m.loadAverageAtStart}`;
}
