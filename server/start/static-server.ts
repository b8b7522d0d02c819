// The app's origin for `sanma start`: the built PWA (dist/) with an SPA fallback, plus the files
// the app reads from its own origin: /policy.bin (the signed trust policy, docs/DESIGN.md §3: "served by
// the same origin as the app"), /sanma-config.json and the demo's vendor keys and codes.
// node:http only; GET and HEAD; nothing outside the served directories is reachable. Built files
// go out precompressed (.br / .gz written by the build, server/start/precompress.ts) to clients
// that accept it, with Vary: Accept-Encoding so caches keep the variants apart.

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chooseEncoding, type ContentEncoding } from '../http/compression';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.bin': 'application/octet-stream',
  '.webm': 'video/webm',
  '.y4m': 'application/octet-stream',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Sanma</title>
<h1>Sanma 三码合一</h1><p>The app is not built: run <code>npm run build</code> (or <code>npm start</code>, which builds first).</p>
<p>The ledger is running; see <code>sanma status</code>.</p>`;

export interface StaticServerOptions {
  distDir: string;
  /** Extra files by URL path: served from disk on each request (they may change while running). */
  files: Record<string, { file: string; type: string }>;
  /** Generated JSON documents by URL path. */
  json: Record<string, unknown>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-cache', head = false, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(head ? undefined : body);
}

const SUFFIX: Record<ContentEncoding, string> = { br: '.br', gzip: '.gz' };

/** The file to send for `file` (its .br or .gz when the client takes one) and the headers that say so. */
function negotiate(file: string, acceptEncoding: string | undefined): { path: string; headers: Record<string, string> } {
  const available = (['br', 'gzip'] as const).filter((e) => existsSync(file + SUFFIX[e]));
  if (available.length === 0) return { path: file, headers: {} };
  const enc = chooseEncoding(acceptEncoding, available);
  const vary = { vary: 'Accept-Encoding' };
  return enc ? { path: file + SUFFIX[enc], headers: { ...vary, 'content-encoding': enc } } : { path: file, headers: vary };
}

export function createStaticServer(opts: StaticServerOptions): Server {
  const root = resolve(opts.distDir);
  const index = join(root, 'index.html');

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad request');
    }
    if (path.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'bad request');

    const json = opts.json[path];
    if (json !== undefined) return send(res, 200, TYPES['.json']!, JSON.stringify(json), 'no-cache', head);
    const extra = opts.files[path];
    if (extra) {
      if (!existsSync(extra.file)) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
      return send(res, 200, extra.type, readFileSync(extra.file), 'no-cache', head);
    }

    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    if (existsSync(file) && statSync(file).isFile()) {
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      // Vite puts content-hashed files under /assets/: those never change.
      const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      const sent = negotiate(file, req.headers['accept-encoding']);
      res.writeHead(200, { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff', 'content-length': statSync(sent.path).size, ...sent.headers });
      if (head) return res.end();
      createReadStream(sent.path).on('error', () => res.destroy()).pipe(res);
      return;
    }
    // SPA fallback: any route without a file extension (/c, /C, /shopper, /vendor, …) is the app.
    if (extname(path) === '' || path.endsWith('/')) {
      if (!existsSync(index)) return send(res, 503, 'text/html; charset=utf-8', NOT_BUILT, 'no-store', head);
      const sent = negotiate(index, req.headers['accept-encoding']);
      return send(res, 200, 'text/html; charset=utf-8', readFileSync(sent.path), 'no-cache', head, sent.headers);
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };

  return createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) send(res, 404, 'text/plain; charset=utf-8', 'not found');
      else res.destroy();
    }
  });
}
