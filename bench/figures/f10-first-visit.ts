// Figure 9: first visit. A shopper who never opened Sanma scans a stall's poster with WeChat or
// the camera: the browser opens the code's URL with nothing cached and no service worker. Each
// run is a fresh browser context on a throttled link, set through CDP like Lighthouse's mobile
// profile: 1.6 Mbps down, 750 kbps up, 150 ms round trip (Network.emulateNetworkConditions), and
// a 4× slower CPU (Emulation.setCPUThrottlingRate). Measured: navigation start → the verdict
// element with its status, in the page's clock; and the bytes on the wire (encodedDataLength:
// compressed bodies plus headers) of every response the page received before the verdict, from
// the app's origin and the ledger's. The service worker's own requests (its precache) are not the
// page's and are not counted; figure 5 gives the precache's size. A second set of runs asks for
// no compression (Accept-Encoding: identity), to show what compression saves.

import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { BrowserSession, Figure } from '../lib/context';
import { measuredRow, notMeasuredRow, type BenchRow } from '../lib/row';
import { runningSystem, systemMissing } from '../lib/system';

const NAME = 'first visit (no service worker), slow 4G + 4× CPU → shopper verdict shown';
const VERDICT = '[data-testid="verdict-status"][data-status]';
const BINDING = '__sanmaBenchVerdict';

/** Calls the CDP binding once, when the verdict first appears (a string: see f8-cold-start.ts). */
const WATCH_VERDICT = `(() => {
  const selector = ${JSON.stringify(VERDICT)};
  let done = false;
  const check = () => {
    const el = document.querySelector(selector);
    if (!el || done) return false;
    done = true;
    window.${BINDING}(JSON.stringify({ at: performance.now(), status: el.getAttribute('data-status') || '' }));
    return true;
  };
  new MutationObserver((_, obs) => { if (check()) obs.disconnect(); })
    .observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Visit {
  seconds: number;
  status: string;
  bytes: number;
  requests: number;
}

/** One first visit in a fresh context; bytes are counted from CDP events in the order they arrive. */
async function firstVisit(session: BrowserSession, url: string, identity: boolean): Promise<Visit> {
  const context = await session.browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    let finishedBytes = 0;
    let finished = 0;
    let verdict: { at: number; status: string; bytes: number; requests: number } | null = null;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      finishedBytes += e.encodedDataLength;
      finished++;
    });
    cdp.on('Runtime.bindingCalled', (e: { name: string; payload: string }) => {
      if (e.name !== BINDING || verdict) return;
      const p = JSON.parse(e.payload) as { at: number; status: string };
      verdict = { ...p, bytes: finishedBytes, requests: finished };
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 });
    if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: BINDING });
    await page.addInitScript({ content: WATCH_VERDICT });
    await page.goto(url, { waitUntil: 'commit' });
    const deadline = Date.now() + 60_000;
    while (!verdict && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!verdict) throw new Error('no verdict within 60 s');
    const v = verdict as { at: number; status: string; bytes: number; requests: number };
    return { seconds: v.at / 1000, status: v.status, bytes: v.bytes, requests: v.requests };
  } finally {
    await context.close();
  }
}

export const firstVisitFigure: Figure = {
  figure: 10,
  title: 'first visit',
  timeoutMs: 420_000,
  async run(ctx) {
    if (!existsSync(join(ctx.distDir, 'index.html'))) return [notMeasuredRow(10, NAME, `needs the production build (${relative(ctx.root, join(ctx.distDir, 'index.html'))} missing)`)];
    const noSystem = systemMissing(ctx.root);
    if (noSystem) return [notMeasuredRow(10, NAME, noSystem)];
    const system = await runningSystem(ctx);
    const code = system.codes.find((c) => c.status === 'verified') ?? system.codes[0];
    if (!code) return [notMeasuredRow(10, NAME, 'the demo market has no stall codes (demo/codes.json)')];
    const url = `${system.appUrl}/c${code.text.slice(code.text.indexOf('#'))}`;
    const session = await ctx.browser();

    const rows: BenchRow[] = [];
    for (const identity of [false, true]) {
      const visits: Visit[] = [];
      for (let r = -1; r < ctx.runs; r++) {
        const v = await firstVisit(session, url, identity);
        if (r >= 0) visits.push(v);
      }
      const statuses = [...new Set(visits.map((v) => v.status))].join(', ');
      const how = identity ? ' (no compression: Accept-Encoding identity)' : '';
      rows.push(
        measuredRow(9, `${NAME}${how}`, 's', visits.map((v) => v.seconds), {
          note: `stall ${code.stallNo}; verdict ${statuses}; navigation start → verdict element, page clock`,
        }),
        measuredRow(9, `first visit: bytes on the wire before the verdict${how}`, 'kB', visits.map((v) => v.bytes / 1000), {
          note: `${visits[0]!.requests} responses finished before the verdict`,
        }),
      );
    }
    return rows;
  },
};
