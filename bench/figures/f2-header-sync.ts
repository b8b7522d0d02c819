// Figure 2: header sync in Chromium: verify 100k headers (links + one quorum check per page, the
// core's verifyHeaderChain) and store them with the app's header store (src/platform/store,
// Dexie on IndexedDB), the download excluded: pages are fetched into memory before the clock
// starts. Pages as the ledger serves them, of the client's page size (DEFAULT_PAGE_SIZE of
// src/platform/ledger when it exists). Each run syncs into a fresh database.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { headerChainPages } from '../fixture/header-chain';
import type { Figure } from '../lib/context';
import { measuredRow, notMeasuredRow, type BenchRow } from '../lib/row';

const HEADERS = 100_000;
const FALLBACK_PAGE_SIZE = 5000;
const NAME = `header sync: verify + store ${HEADERS.toLocaleString('en-US')} headers in IndexedDB`;
const TARGET = '≥ 50,000 headers/s; ≤ 80 B/header';

async function clientPageSize(root: string): Promise<number> {
  const file = join(root, 'src/platform/ledger/header-sync.ts');
  if (!existsSync(file)) return FALLBACK_PAGE_SIZE;
  const mod = (await import(pathToFileURL(file).href)) as { DEFAULT_PAGE_SIZE?: unknown };
  return typeof mod.DEFAULT_PAGE_SIZE === 'number' ? mod.DEFAULT_PAGE_SIZE : FALLBACK_PAGE_SIZE;
}

export const headerSync: Figure = {
  figure: 2,
  title: 'header sync',
  timeoutMs: 240_000,
  async run(ctx) {
    if (!existsSync(join(ctx.root, 'src/platform/store/index.ts'))) {
      return [notMeasuredRow(2, NAME, 'src/platform/store (the Dexie header store) does not exist yet', TARGET)];
    }
    const pageSize = await clientPageSize(ctx.root);
    const t0 = performance.now();
    const chain = headerChainPages(HEADERS, pageSize);
    const dir = join(ctx.dataDir, 'headers');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = chain.pages.map((bytes, i) => {
      const file = `page-${String(i).padStart(4, '0')}.bin`;
      writeFileSync(join(dir, file), bytes);
      return file;
    });
    ctx.log(`header chain: ${HEADERS} headers in ${files.length} pages of ${pageSize} built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    let page;
    try {
      page = await ctx.page('header-sync', 'sanmaHeaderSync');
    } catch (e) {
      const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      return [notMeasuredRow(2, NAME, `the header-sync page does not build against src/platform/store: ${message}`, TARGET)];
    }
    const { origin } = await ctx.browser();
    await page.evaluate((urls) => window.sanmaHeaderSync.load(urls), files.map((f) => `${origin}/data/headers/${f}`));
    const policyB64 = Buffer.from(chain.policyBytes).toString('base64');
    await page.evaluate(([p, name]) => window.sanmaHeaderSync.run(p, name), [policyB64, 'bench-header-sync-warmup'] as const);
    const runs = [];
    for (let r = 0; r < ctx.runs; r++) runs.push(await page.evaluate(([p, name]) => window.sanmaHeaderSync.run(p, name), [policyB64, `bench-header-sync-${r}`] as const));
    const bad = runs.find((r) => r.headers !== HEADERS);
    if (bad) return [notMeasuredRow(2, NAME, `the store reports ${bad.headers} chain headers after syncing ${HEADERS}`, TARGET)];

    const rows: BenchRow[] = [
      measuredRow(2, `${NAME}: rate`, 'headers/s', runs.map((r) => (HEADERS / r.ms) * 1000), {
        target: { op: '>=', value: 50_000, text: '≥ 50,000 headers/s' },
        note: `pages of ${pageSize}; decode + verifyHeaderChain + store.appendHeaders, download excluded; fresh database per run`,
      }),
      measuredRow(2, 'header sync: stored per header (store accounting: chain rows)', 'B', runs.map((r) => r.chainBytes / r.headers), {
        target: { op: '<=', value: 80, text: '≤ 80 B' },
        note: `headerStats().chainBytes / chainHeaders; plus ${runs[0]!.signedHeaders} signed page-tip headers`,
      }),
    ];
    const usage = runs.map((r) => r.usageDelta).filter((u): u is number => u !== null && u > 0);
    if (usage.length) {
      rows.push(
        measuredRow(2, 'header sync: IndexedDB usage growth per header (navigator.storage.estimate)', 'B', usage.map((u) => u / HEADERS), {
          note: 'all IndexedDB overhead (LevelDB log, indexes, signed page tips); coarse: Chromium compacts lazily',
        }),
      );
    }
    return rows;
  },
};
