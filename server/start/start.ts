// `sanma start` (what `npm start` runs after `vite build`): the whole system on one machine.
// First run creates the data directory (keys, genesis, signed policy); every run starts the
// validators and the sequencer as separate child processes, the app's static origin in this
// process, seeds the demo market once, then prints the URLs for each role and one JSON line for
// scripts. Everything binds 127.0.0.1. A child that dies is restarted; Ctrl-C / SIGTERM stops all.

import { existsSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { LedgerClient } from '../client/ledger-client';
import { DataDir, writeJson } from '../datadir';
import { seedDemo } from '../demo/seed';
import { consoleLog } from '../http/common';
import { RestartBackoff } from './backoff';
import { freePort, spawnSanma, stopProcess, type ManagedProcess } from './processes';
import { createStaticServer } from './static-server';

export const HOST = '127.0.0.1';

export interface StartOptions {
  dataDir: string;
  /** App (PWA) port; 0 picks a free one. */
  port: number;
  /** Ledger API port; 0 picks a free one. */
  ledgerPort: number;
  /** One per validator; empty picks free ones. */
  validatorPorts: number[];
  blockIntervalMs: number;
  distDir: string;
  demo: boolean;
  quiet: boolean;
  /**
   * Where phones reach the app when it is published behind an HTTPS reverse proxy (the servers
   * here still bind 127.0.0.1): the printed codes' URL base and an allowed CORS origin. Null: the
   * local app URL.
   */
  publicAppOrigin: string | null;
  /** Where phones reach the ledger API behind that proxy (the app's /sanma-config.json). */
  publicLedgerOrigin: string | null;
}

export interface RunningSystem {
  appUrl: string;
  ledgerUrl: string;
  validatorUrls: string[];
  children: () => ManagedProcess[];
  stop(): Promise<void>;
}

async function resolvePort(p: number): Promise<number> {
  return p === 0 ? freePort(HOST) : p;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(port, HOST, () => {
      server.off('error', rej);
      res();
    });
  });
}

/** Restarts a child that exits while the system is running (waits: server/start/backoff.ts). */
class Supervised {
  current: ManagedProcess;
  private stopping = false;
  private readonly backoff = new RestartBackoff();

  constructor(
    first: ManagedProcess,
    private readonly spawnAgain: () => Promise<ManagedProcess>,
    private readonly log: ReturnType<typeof consoleLog>,
  ) {
    this.current = first;
    this.watch();
  }

  private watch(): void {
    const p = this.current;
    void p.exited.then(({ code, signal }) => {
      if (this.stopping || p !== this.current) return;
      const delay = this.backoff.exited();
      this.log.warn(`${p.name} (pid ${p.pid}) exited (${signal ?? code}); restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (this.stopping) return;
        this.spawnAgain().then(
          (next) => {
            this.current = next;
            this.backoff.started();
            this.log.info(`${next.name} restarted (pid ${next.pid})`);
            this.watch();
          },
          (e: unknown) => {
            this.log.error(`${p.name} failed to restart: ${(e as Error).message}`);
            this.current = { ...p, exited: Promise.resolve({ code: 1, signal: null }) };
            this.backoff.started();
            this.watch();
          },
        );
      }, delay).unref();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await stopProcess(this.current);
  }
}

export async function start(opts: StartOptions): Promise<RunningSystem> {
  const log = consoleLog('[sanma]', opts.quiet);
  const dir = new DataDir(opts.dataDir);
  const port = await resolvePort(opts.port);
  const appUrl = `http://${HOST}:${port}`;
  const appOrigin = opts.publicAppOrigin ?? appUrl;
  if (!dir.isInitialised()) {
    dir.init({ appOrigin });
    log.info(`created ${dir.root}: keys for 3 validators (2 of 3 sign), a market office and a health authority`);
  } else if (dir.ensureCodeBaseUrl(appOrigin)) {
    log.warn(`the app moved to ${appOrigin}: the validators signed a new trust policy (codes printed for the old address show a URL warning)`);
  }
  dir.proposalToken(); // before the children start, so none of them races to create it
  const n = dir.validatorCount();
  if (opts.validatorPorts.length !== 0 && opts.validatorPorts.length !== n) throw new Error(`--validator-ports: expected ${n} ports`);
  const ledgerPort = await resolvePort(opts.ledgerPort);
  const ledgerUrl = `http://${HOST}:${ledgerPort}`;
  const validatorPorts = opts.validatorPorts.length ? opts.validatorPorts : await Promise.all(Array.from({ length: n }, () => freePort(HOST)));
  const validatorUrls = validatorPorts.map((p) => `http://${HOST}:${p}`);
  const appOrigins = [appUrl, `http://localhost:${port}`, ...(opts.publicAppOrigin ? [opts.publicAppOrigin] : [])];
  // The Vite dev server and preview, so `npm run dev` can talk to a running ledger.
  const devOrigins = ['5173', '4173'].flatMap((p) => [`http://${HOST}:${p}`, `http://localhost:${p}`]);

  const onLine = opts.quiet ? undefined : (_name: string, line: string) => console.log(line);
  const supervised: Supervised[] = [];
  const stopAll = async () => {
    await Promise.all(supervised.map((s) => s.stop()));
  };
  const launch = async (name: string, args: string[]) => {
    const spawnIt = () => spawnSanma(name, args, onLine ? { onLine } : {});
    supervised.push(new Supervised(await spawnIt(), spawnIt, log));
  };

  let server: Server | null = null;
  try {
    await Promise.all(
      validatorUrls.map((_, i) =>
        launch(`validator-${i + 1}`, ['validator', '--data-dir', dir.root, '--index', String(i + 1), '--port', String(validatorPorts[i]), '--sequencer', ledgerUrl]),
      ),
    );
    await launch('ledger', [
      'ledger',
      '--data-dir', dir.root,
      '--port', String(ledgerPort),
      '--validators', validatorUrls.join(','),
      '--block-interval', String(opts.blockIntervalMs),
      '--cors-origin', [...appOrigins, ...devOrigins].join(','),
    ]);

    if (!existsSync(resolve(opts.distDir, 'index.html'))) log.warn(`${resolve(opts.distDir)} has no index.html: the app is not built (run \`npm run build\`; \`npm start\` does)`);
    // The demo vendors' secret keys are for trying the app on this machine. At a public origin
    // anyone could take them and publish stall codes that the market's validators sign, so they
    // stay in the data directory and the vendor screen offers no demo vendors.
    const demoKeys = opts.demo && opts.publicAppOrigin === null;
    if (opts.demo && !demoKeys) log.info(`the demo vendors' keys are not served at ${opts.publicAppOrigin} (they are in ${dir.path('demo')})`);
    server = createStaticServer({
      distDir: resolve(opts.distDir),
      files: {
        '/policy.bin': { file: dir.policyFile, type: 'application/octet-stream' },
        ...(demoKeys ? { '/demo/vendors.json': { file: dir.path('demo', 'vendors.json'), type: 'application/json; charset=utf-8' } } : {}),
        '/demo/codes.json': { file: dir.path('demo', 'codes.json'), type: 'application/json; charset=utf-8' },
      },
      json: { '/sanma-config.json': { ledgerUrl: opts.publicLedgerOrigin ?? ledgerUrl, demoVendors: demoKeys } },
    });
    await listen(server, port);
    writeJson(dir.path('runtime.json'), { appUrl, ledgerUrl, validatorUrls, pid: process.pid });

    if (opts.demo) await seedDemo(dir, new LedgerClient(ledgerUrl), log);
  } catch (e) {
    server?.close();
    await stopAll();
    throw e;
  }

  let stopped = false;
  return {
    appUrl,
    ledgerUrl,
    validatorUrls,
    children: () => supervised.map((s) => s.current),
    async stop() {
      if (stopped) return;
      stopped = true;
      server?.closeAllConnections();
      await new Promise<void>((res) => (server ? server.close(() => res()) : res()));
      await stopAll();
      rmSync(dir.path('runtime.json'), { force: true });
    },
  };
}
