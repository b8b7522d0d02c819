// The bytes a module adds to the app: `source` (an ES module's text, imports resolved from the
// repository) bundled alone by Vite's build() API, minified as the app's build is (the
// entry must have no dynamic import); the size of the output as stored and gzip-compressed (zlib level 6).

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export async function bundledSize(root: string, workDir: string, name: string, source: string): Promise<{ bytes: number; gzip: number }> {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, source);
  const outDir = join(dir, 'out');
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry, formats: ['es'], fileName: 'chunk' },
      minify: true,
    },
  });
  const out = readdirSync(outDir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(outDir, f)));
  return { bytes: out.reduce((s, b) => s + b.length, 0), gzip: out.reduce((s, b) => s + gzipSync(b).length, 0) };
}
