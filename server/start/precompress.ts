// Precompression of the built app (run by the vite build, see vite.config.ts): a .br (brotli,
// quality 11) and a .gz (gzip, level 9) beside every text or wasm file over 1 kB, kept only where
// they save at least a tenth. The static server (static-server.ts) sends them to clients that
// accept them: the app's first visit over a slow mobile link is mostly these bytes.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.wasm', '.txt']);
const MIN_BYTES = 1024;

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

export function precompressDir(dir: string): PrecompressResult {
  const result: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const file of [...walk(dir)]) {
    if (!COMPRESSIBLE.has(extname(file).toLowerCase()) || statSync(file).size < MIN_BYTES) continue;
    const body = readFileSync(file);
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    const gz = gzipSync(body, { level: 9 });
    result.files++;
    result.bytes += body.length;
    if (br.length <= body.length * 0.9) {
      writeFileSync(`${file}.br`, br);
      result.brotliBytes += br.length;
    }
    if (gz.length <= body.length * 0.9) {
      writeFileSync(`${file}.gz`, gz);
      result.gzipBytes += gz.length;
    }
  }
  return result;
}
