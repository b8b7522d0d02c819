// Figure 5: bundle sizes from the production build in dist/: the initial JS (entry scripts and
// their modulepreloads in dist/index.html, gzip), the scanner chunks (files named *zxing* or
// *scanner*: the scan loop and the default decoder, JS and wasm, gzip) and the service worker's
// precache total (the workbox manifest inlined in dist/sw.js); the no-WebAssembly fallback chunks,
// and what each candidate fallback decoder adds when bundled alone (bench/lib/chunk-size.ts).
// Sizes are deterministic: one "run". gzip at zlib's default level 6, as most servers send it.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from '../lib/context';
import { bundledSize } from '../lib/chunk-size';
import { exactRow, notMeasuredRow, type BenchRow } from '../lib/row';

/** The JavaScript QR decoders that can stand in when WebAssembly is refused: the bytes each adds. */
const fallbacks = (root: string): { key: string; name: string; source: string }[] => [
  { key: 'zxing-js', name: "@zxing/library, the app's fallback (deep imports)", source: `export { createZxingJsDecoder } from '${join(root, 'src/platform/scanner/decoders/zxing-js')}';\n` },
  { key: 'zxing-library-index', name: '@zxing/library from its index', source: "export { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';\n" },
  { key: 'jsqr', name: 'jsQR', source: "export { default } from 'jsqr';\n" },
];

const KB = 1000;
const gz = (file: string): number => gzipSync(readFileSync(file)).length;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Local URLs of the entry scripts and module preloads of an index.html. */
export function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\btype=["']?module["']?[^>]*\bsrc=["']([^"']+)["']/gi)) urls.add(m[1]!);
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*\btype=["']?module["']?/gi)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel=["']?modulepreload["']?[^>]*\bhref=["']([^"']+)["']/gi)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']?modulepreload["']?/gi)) urls.add(m[1]!);
  return [...urls].filter((u) => !/^[a-z]+:\/\//i.test(u));
}

/** The precache URLs of a workbox service worker (generateSW or injectManifest output). */
export function precacheUrls(sw: string): string[] {
  const urls = new Set<string>();
  for (const m of sw.matchAll(/\{\s*["']?url["']?\s*:\s*["']([^"']+)["']/g)) urls.add(m[1]!);
  return [...urls];
}

const local = (dist: string, url: string): string => join(dist, url.replace(/^\.?\//, '').replace(/[?#].*$/, ''));

export const bundleSize: Figure = {
  figure: 5,
  title: 'bundle',
  timeoutMs: 60_000,
  async run(ctx) {
    const dist = ctx.distDir;
    const index = join(dist, 'index.html');
    if (!existsSync(index)) {
      return [notMeasuredRow(5, 'initial JS (gzip)', `no production build: ${relative(ctx.root, index)} is missing (run \`npm run build\`, or \`npm run bench -- --build\`)`, '≤ 150 kB')];
    }
    const builtAt = statSync(index).mtime.toISOString();
    const rows: BenchRow[] = [];
    const initial = initialScripts(readFileSync(index, 'utf8')).map((u) => local(dist, u));
    const missing = initial.filter((f) => !existsSync(f));
    if (initial.length === 0 || missing.length > 0) {
      rows.push(notMeasuredRow(5, 'initial JS (gzip)', initial.length === 0 ? 'dist/index.html has no module script' : `dist/index.html refers to missing ${missing.map((f) => relative(dist, f)).join(', ')}`, '≤ 150 kB'));
    } else {
      const bytes = initial.reduce((s, f) => s + gz(f), 0);
      rows.push(
        exactRow(5, 'initial JS (entry + modulepreload, gzip)', 'kB', bytes / KB, {
          target: { op: '<=', value: 150, text: '≤ 150 kB' },
          note: `${initial.length} file(s): ${initial.map((f) => relative(dist, f)).join(', ')}; ${relative(ctx.root, dist)}/ built ${builtAt}`,
        }),
      );
    }

    const all = filesUnder(dist);
    // The no-WebAssembly fallback is reported on its own: it is fetched only where the .wasm cannot load.
    const fallbackJs = all.filter((f) => /zxing-js/i.test(relative(dist, f)) && f.endsWith('.js'));
    const scannerJs = all.filter((f) => /zxing|scanner|decode-worker/i.test(relative(dist, f)) && f.endsWith('.js') && !fallbackJs.includes(f));
    const wasm = all.filter((f) => f.endsWith('.wasm'));
    if (scannerJs.length === 0) rows.push(notMeasuredRow(5, 'scanner chunk (JS, gzip)', 'no JS file with "zxing" in its name in dist/ (is the decoder split into its own chunk?)'));
    else rows.push(exactRow(5, 'scanner chunk (JS, gzip)', 'kB', scannerJs.reduce((s, f) => s + gz(f), 0) / KB, { note: scannerJs.map((f) => relative(dist, f)).join(', ') }));
    if (fallbackJs.length > 0) {
      rows.push(
        exactRow(5, 'no-WebAssembly fallback chunk(s) (@zxing/library, gzip)', 'kB', fallbackJs.reduce((s, f) => s + gz(f), 0) / KB, {
          note: `${fallbackJs.map((f) => relative(dist, f)).join(', ')} (one for the decoder worker, one for the main thread where no worker starts); lazy, precached`,
        }),
      );
    }
    if (wasm.length === 0) rows.push(notMeasuredRow(5, 'scanner wasm (gzip)', 'no .wasm in dist/ (zxing-wasm must be bundled locally, not loaded from a CDN)'));
    else rows.push(exactRow(5, 'scanner wasm (gzip)', 'kB', wasm.reduce((s, f) => s + gz(f), 0) / KB, { note: wasm.map((f) => relative(dist, f)).join(', ') }));

    const sw = join(dist, 'sw.js');
    if (!existsSync(sw)) {
      rows.push(notMeasuredRow(5, 'service-worker precache total', 'dist/sw.js is missing'));
    } else {
      const urls = precacheUrls(readFileSync(sw, 'utf8'));
      const files = urls.map((u) => local(dist, u));
      const absent = files.filter((f) => !existsSync(f));
      if (urls.length === 0) rows.push(notMeasuredRow(5, 'service-worker precache total', 'no precache manifest ({url, revision} entries) found in dist/sw.js'));
      else {
        const raw = files.filter((f) => existsSync(f)).reduce((s, f) => s + statSync(f).size, 0);
        const gzipped = files.filter((f) => existsSync(f)).reduce((s, f) => s + gz(f), 0);
        rows.push(
          exactRow(5, 'service-worker precache total (as stored)', 'kB', raw / KB, {
            note: `${urls.length} entries${absent.length ? `, ${absent.length} not in dist/: ${absent.map((f) => relative(dist, f)).join(', ')}` : ''}`,
          }),
          exactRow(5, 'service-worker precache total (gzip on the wire)', 'kB', gzipped / KB),
        );
      }
    }
    for (const { key, name, source } of fallbacks(ctx.root)) {
      const size = await bundledSize(ctx.root, join(ctx.tmp, 'sizes'), key, source);
      rows.push(exactRow(5, `fallback decoder bundled alone, minified: ${name} (gzip)`, 'kB', size.gzip / KB, { note: `${(size.bytes / KB).toFixed(1)} kB as stored` }));
    }
    return rows;
  },
};
