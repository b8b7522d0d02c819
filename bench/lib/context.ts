// What a figure gets: the repo paths, the run count, a logger, and lazily started browser pages
// (a Vite-bundled bench page on a loopback server, in real Chromium). Figures that need no browser
// never pay for one; the first that does starts it, and run.ts closes it at the end.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildBenchPage } from './bundle';
import { launchChromium } from './chromium';
import type { BenchRow } from './row';
import { startStaticServer, type StaticServer } from './server';

export interface Figure {
  figure: number;
  title: string;
  /** Wall-clock limit; past it the figure is reported as not measured and the bench goes on. */
  timeoutMs: number;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export interface BrowserSession {
  browser: Browser;
  version: string;
  /** http://127.0.0.1:<port>; /<entry>/ are the bench pages, /corpus/ and /data/ generated inputs. */
  origin: string;
}

export class BenchContext {
  readonly root = resolve(import.meta.dirname, '../..');
  readonly tmp = join(this.root, '.tmp/bench');
  readonly corpusDir = join(this.tmp, 'corpus');
  /** Generated inputs served to pages at /data/. */
  readonly dataDir = join(this.tmp, 'data');
  /** The production build the bundle and cold-start figures measure (dist/, or the bench's own with --build). */
  distDir = join(this.root, 'dist');
  private session: Promise<BrowserSession> | null = null;
  private readonly pages = new Map<string, Promise<Page>>();
  private server: StaticServer | null = null;
  private launched: Browser | null = null;
  private readonly resources = new Map<string, { value: Promise<unknown>; dispose: (v: unknown) => Promise<void> }>();

  constructor(
    readonly runs: number,
    readonly log: (message: string) => void,
  ) {
    mkdirSync(this.dataDir, { recursive: true });
  }

  browser(): Promise<BrowserSession> {
    this.session ??= this.start();
    return this.session;
  }

  /**
   * The bench page bench/browser/<entry>.html, bundled and loaded, once `window[global]` (the
   * page's API for the bench) exists.
   */
  page(entry: string, global: string): Promise<Page> {
    let p = this.pages.get(entry);
    if (!p) {
      p = this.openPage(entry, global);
      this.pages.set(entry, p);
    }
    return p;
  }

  /**
   * A resource shared by figures (e.g. the running ledger service), created on first use and
   * disposed by close(). A failed creation is remembered, so later figures report the same error.
   */
  shared<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void>): Promise<T> {
    let r = this.resources.get(key);
    if (!r) {
      r = { value: create(), dispose: dispose as (v: unknown) => Promise<void> };
      this.resources.set(key, r);
    }
    return r.value as Promise<T>;
  }

  /** The Chromium version if a browser was started (for the machine line), else null. */
  async chromiumVersion(): Promise<string | null> {
    if (!this.session) return null;
    try {
      return (await this.session).version;
    } catch {
      return null;
    }
  }

  private async start(): Promise<BrowserSession> {
    this.server = await startStaticServer({ '/': join(this.tmp, 'www'), '/corpus/': this.corpusDir, '/data/': this.dataDir });
    this.launched = await launchChromium();
    return { browser: this.launched, version: this.launched.version(), origin: this.server.origin };
  }

  private async openPage(entry: string, global: string): Promise<Page> {
    const t0 = performance.now();
    await buildBenchPage(entry, join(this.tmp, 'www', entry));
    this.log(`bench page ${entry}.html bundled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const { browser, origin } = await this.browser();
    const page = await browser.newPage();
    page.on('pageerror', (e) => this.log(`page error (${entry}): ${e.message}`));
    await page.goto(`${origin}/${entry}/${entry}.html`);
    await page.waitForFunction((name) => typeof (window as unknown as Record<string, unknown>)[name] === 'object', global);
    return page;
  }

  async close(): Promise<void> {
    for (const r of this.resources.values()) {
      await r.value.then(r.dispose, () => undefined).catch((e: unknown) => this.log(`cleanup: ${String(e)}`));
    }
    await this.launched?.close().catch(() => undefined);
    await this.server?.close();
  }
}
