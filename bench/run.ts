// `npm run bench`: the performance figures of the benchmark issue, measured on this machine and
// printed as a table (median, min, max over the runs after a warm-up) with the machine they ran
// on; written to bench/results.json. Benchmarks, not tests: a missed target is reported, never
// fatal, and a figure whose code does not exist yet is reported as "not yet measured: <why>".
//
//   npm run bench [-- --figures 1,3,4] [--runs 5] [--build]

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyLatency } from './figures/f1-verify';
import { headerSync } from './figures/f2-header-sync';
import { frameDecode } from './figures/f3-decode';
import { payloadSize } from './figures/f4-payload';
import { bundleSize } from './figures/f5-bundle';
import { ledgerIngest } from './figures/f6-ingest';
import { ledgerReads } from './figures/f7-reads';
import { coldStart } from './figures/f8-cold-start';
import { scannerFeel } from './figures/f9-scanner';
import { firstVisitFigure } from './figures/f10-first-visit';
import { BenchContext, type Figure } from './lib/context';
import { machineInfo } from './lib/machine';
import { notMeasuredRow, type BenchRow } from './lib/row';
import { formatMachine, formatTable } from './lib/table';

const FIGURES: Figure[] = [verifyLatency, headerSync, frameDecode, payloadSize, bundleSize, ledgerIngest, ledgerReads, coldStart, scannerFeel, firstVisitFigure];
const MIN_RUNS = 5;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      figures: { type: 'string' },
      runs: { type: 'string', default: String(MIN_RUNS) },
      build: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`expected valid --runs: integer >= 1, got ${values.runs}`);
  const wanted = values.figures ? new Set(values.figures.split(',').map((s) => Number(s.trim()))) : null;
  const figures = FIGURES.filter((f) => !wanted || wanted.has(f.figure));

  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
  if (runs < MIN_RUNS) log(`--runs ${runs}: fewer than ${MIN_RUNS} runs, numbers are indicative only`);
  const ctx = new BenchContext(runs, log);

  if (values.build) {
    // The bench's own build directory, so a concurrent `npm run build` or e2e run keeps dist/.
    const outDir = join(ctx.tmp, 'dist');
    log(`vite build → ${outDir} …`);
    const build = spawnSync(process.execPath, [join(ctx.root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'], {
      cwd: ctx.root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    if (build.status === 0) {
      ctx.distDir = outDir;
      log('vite build done');
    } else {
      const why = `${build.stderr}\n${build.stdout}`.split('\n').filter((l) => /error|not found|failed/i.test(l)).slice(0, 3).join(' | ');
      log(`vite build failed (exit ${build.status}): ${why || 'see `npm run build`'}; figures 5 and 8 use dist/`);
    }
  }

  const rows: BenchRow[] = [];
  try {
    for (const f of figures) {
      log(`#${f.figure} ${f.title} …`);
      const t0 = performance.now();
      try {
        rows.push(...(await withTimeout(f.run(ctx), f.timeoutMs, `figure ${f.figure}`)));
      } catch (e) {
        const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
        log(`#${f.figure} failed: ${message}`);
        rows.push(notMeasuredRow(f.figure, f.title, `the benchmark failed: ${message}`));
      }
      log(`#${f.figure} ${f.title} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    const chromium = await ctx.chromiumVersion();
    await ctx.close();
    const machine = machineInfo(chromium, loadAtStart);
    const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
    console.log('');
    console.log(formatMachine(machine));
    console.log(`Runs: ${runs} per figure after a warm-up (sizes: 1; fewer where a row's note says why); total ${durationSeconds} s\n`);
    console.log(formatTable(rows));
    const out = join(ctx.root, 'bench/results.json');
    writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, runs, durationSeconds, rows }, null, 2) + '\n');
    console.log(`\nWrote ${out}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
