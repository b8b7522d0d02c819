// The long-running commands: `start` (everything), `ledger` (the sequencer), `validator`, and
// `init` (create a data directory without starting anything).

import { runLedger } from '../sequencer/main';
import { parseRateLimits } from '../sequencer/rate-limit';
import { untilStopped } from '../start/lifetime';
import { announceReady } from '../start/processes';
import { HOST, start } from '../start/start';
import { runValidator } from '../validator/main';
import { COMMON_OPTIONS, UsageError, dataDirOf, intOption, parse, requireInitialised, type Command } from './command';

function portOption(name: string, value: string | undefined, fallback: number): number {
  return intOption(name, value, fallback, 0, 65535);
}

function urlList(name: string, value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((u) => {
    try {
      const url = new URL(u.trim());
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
      return u.trim().replace(/\/+$/, '');
    } catch {
      throw new UsageError(`--${name}: not an http(s) URL: ${JSON.stringify(u)}`);
    }
  });
}

/** An http(s) origin (scheme, host, port; no path, query or fragment), or null when not given. */
function originOption(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${name}: not a URL: ${JSON.stringify(value)}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UsageError(`--${name}: expected an origin like https://sanma.example.org, got ${JSON.stringify(value)}`);
  }
  return url.origin;
}

export const startCommand: Command = {
  name: 'start',
  usage: `sanma start [--data-dir DIR] [--port N] [--ledger-port N] [--validator-ports A,B,C]
            [--block-interval MS] [--dist DIR] [--no-demo] [--quiet]
            [--app-origin URL --ledger-origin URL]

On first run creates DIR (default ./data) with keys for 3 validators (2 of 3 sign), a market office
and a health authority, the genesis block and the signed trust policy (code base URL = the app's
origin in upper case). Then starts each validator and the sequencer as separate processes, serves
the built app (dist/) with /policy.bin, /sanma-config.json and /demo/vendors.json (the demo
vendors' keys; never with --app-origin), seeds the demo market once, prints the URLs, and a last
line {"ready":true,"app":…,"ledger":…}. All on 127.0.0.1. Ctrl-C or SIGTERM (to it, or to the
npm / npx that started it) stops every process. A later run reuses DIR.

  --port N              the app (default 8080; 0 = any free port)
  --ledger-port N       the ledger API (default 8081; 0 = any free port)
  --validator-ports L   comma-separated, one per validator (default: free ports)
  --block-interval MS   how often a block is cut when records are waiting (default 2000)
  --dist DIR            the built app (default dist)
  --no-demo             do not seed the demo market
  --quiet               only warnings, errors and the final lines
  --app-origin URL      where phones reach the app, e.g. https://sanma.example.org behind an HTTPS
                        reverse proxy to --port (a phone's service worker and camera need HTTPS):
                        the printed codes carry it, and the validators sign a policy for it
  --ledger-origin URL   where phones reach the ledger API (proxied to --ledger-port)`,
  async run(argv) {
    const { values } = parse(argv, {
      ...COMMON_OPTIONS,
      port: { type: 'string' },
      'ledger-port': { type: 'string' },
      'validator-ports': { type: 'string' },
      'block-interval': { type: 'string' },
      dist: { type: 'string' },
      'no-demo': { type: 'boolean' },
      quiet: { type: 'boolean' },
      'app-origin': { type: 'string' },
      'ledger-origin': { type: 'string' },
    });
    const publicAppOrigin = originOption('app-origin', values['app-origin']);
    const publicLedgerOrigin = originOption('ledger-origin', values['ledger-origin']);
    if ((publicAppOrigin === null) !== (publicLedgerOrigin === null)) throw new UsageError('--app-origin and --ledger-origin go together: phones that reach the app must also reach the ledger');
    const validatorPorts = values['validator-ports'] ? values['validator-ports'].split(',').map((p) => portOption('validator-ports', p.trim(), 0)) : [];
    const signal = untilStopped();
    let started = false;
    // Interrupted while starting (seeding can wait on validators): exit at once; the children
    // notice their parent's IPC channel closing and stop themselves.
    void signal.then(() => {
      if (!started) process.exit(130);
    });
    const system = await start({
      dataDir: dataDirOf(values).root,
      port: portOption('port', values.port, 8080),
      ledgerPort: portOption('ledger-port', values['ledger-port'], 8081),
      validatorPorts,
      blockIntervalMs: intOption('block-interval', values['block-interval'], 2000, 10, 3_600_000),
      distDir: values.dist ?? 'dist',
      demo: !values['no-demo'],
      quiet: values.quiet ?? false,
      publicAppOrigin,
      publicLedgerOrigin,
    });
    started = true;
    console.log('');
    const appShown = publicAppOrigin ?? system.appUrl;
    console.log(`Sanma 三码合一 — ${appShown}${publicAppOrigin ? ` (served here at ${system.appUrl})` : ''}`);
    console.log(`  shopper   顾客    ${appShown}/shopper`);
    console.log(`  vendor    摊主    ${appShown}/vendor`);
    console.log(`  inspector 检查员  ${appShown}/inspector`);
    console.log(`  ledger    账本    ${publicLedgerOrigin ?? system.ledgerUrl}/v1/health${publicLedgerOrigin ? ` (served here at ${system.ledgerUrl})` : ''}`);
    console.log(`  data              ${dataDirOf(values).root}`);
    console.log('Ctrl-C stops everything.');
    console.log(JSON.stringify({ ready: true, pid: process.pid, app: system.appUrl, ledger: system.ledgerUrl, validators: system.validatorUrls, pids: system.children().map((c) => c.pid) }));
    await signal;
    await system.stop();
    return 0;
  },
};

export const ledgerCommand: Command = {
  name: 'ledger',
  usage: `sanma ledger --validators URL,URL,… [--data-dir DIR] [--port N] [--block-interval MS]
             [--cors-origin ORIGIN,…] [--max-block-records N] [--rate-limit L] [--quiet]

  --validators L         each validator's base URL (POST /v1/propose)
  --port N               API port on 127.0.0.1 (default 8081; 0 = any)
  --block-interval MS    block cadence while records wait (default 2000; no empty blocks)
  --cors-origin L        origins allowed to call the API from a browser
  --max-block-records N  at most N records per block (default and maximum 1000)
  --rate-limit L         POST /v1/records limits, key=RATE/BURST,ip=RATE/BURST (records per second
                         / at once): per signing key for records that get in, per client address
                         for refused ones; over it, 429 with Retry-After. Default: $SANMA_RATE_LIMIT,
                         else key=200/5000,ip=50/1000

Prints {"ready":true,"role":"ledger","url":…} when listening.`,
  async run(argv) {
    const { values } = parse(argv, {
      ...COMMON_OPTIONS,
      port: { type: 'string' },
      validators: { type: 'string' },
      'block-interval': { type: 'string' },
      'cors-origin': { type: 'string' },
      'max-block-records': { type: 'string' },
      'rate-limit': { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const validatorUrls = urlList('validators', values.validators);
    let rateLimits;
    try {
      rateLimits = parseRateLimits(values['rate-limit'] ?? process.env.SANMA_RATE_LIMIT ?? '');
    } catch (e) {
      throw new UsageError(`--rate-limit: ${(e as Error).message}`);
    }
    if (validatorUrls.length === 0) throw new UsageError('--validators is required');
    const dir = requireInitialised(dataDirOf(values));
    const ledger = await runLedger({
      dataDir: dir.root,
      host: HOST,
      port: portOption('port', values.port, 8081),
      validatorUrls,
      blockIntervalMs: intOption('block-interval', values['block-interval'], 2000, 10, 3_600_000),
      corsOrigins: values['cors-origin'] ? values['cors-origin'].split(',').map((o) => o.trim()) : [],
      maxRecordsPerBlock: intOption('max-block-records', values['max-block-records'], 1000, 1, 1000),
      rateLimits,
      quiet: values.quiet ?? false,
    });
    return announceReady('ledger', ledger.url, () => ledger.close());
  },
};

export const validatorCommand: Command = {
  name: 'validator',
  usage: `sanma validator --index N [--data-dir DIR] [--port N] [--sequencer URL] [--quiet]

  --index N        which validator of the data directory (keys/validator-N.json, validator-N.db)
  --port N         port on 127.0.0.1 (default 0 = any)
  --sequencer URL  where to fetch finalised blocks it missed (catch-up)

Prints {"ready":true,"role":"validator","url":…} when listening.`,
  async run(argv) {
    const { values } = parse(argv, { ...COMMON_OPTIONS, index: { type: 'string' }, port: { type: 'string' }, sequencer: { type: 'string' }, quiet: { type: 'boolean' } });
    const dir = requireInitialised(dataDirOf(values));
    if (values.index === undefined) throw new UsageError('--index is required');
    const index = intOption('index', values.index, 1, 1, dir.validatorCount());
    const sequencer = urlList('sequencer', values.sequencer)[0] ?? null;
    const v = await runValidator({ dataDir: dir.root, index, host: HOST, port: portOption('port', values.port, 0), sequencerUrl: sequencer, quiet: values.quiet ?? false });
    return announceReady('validator', v.url, () => v.close());
  },
};

export const initCommand: Command = {
  name: 'init',
  usage: `sanma init [--data-dir DIR] [--app-origin URL]

  --app-origin URL  where the app will be served (default http://127.0.0.1:8080); its upper-case
                    form is the policy's code base URL, the prefix of every printed QR code`,
  async run(argv) {
    const { values } = parse(argv, { ...COMMON_OPTIONS, 'app-origin': { type: 'string' } });
    const dir = dataDirOf(values);
    if (dir.isInitialised()) throw new UsageError(`${dir.root} is already initialised`);
    try {
      dir.init({ appOrigin: values['app-origin'] ?? 'http://127.0.0.1:8080' });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    console.log(JSON.stringify({ dataDir: dir.root, ...dir.network() }, null, 2));
    return 0;
  },
};
