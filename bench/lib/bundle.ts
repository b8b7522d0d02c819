// Bundles a bench page (bench/browser/<entry>.html) with Vite's build() API into a temp dir,
// without the app's vite config (no PWA plugin, no React): the page imports src/core (and, for
// some figures, src/platform) directly, and zxing-wasm's .wasm is emitted as a file beside the JS,
// never inlined or fetched from a CDN. One build per entry, so a page whose imports do not exist
// yet fails alone.

import { resolve } from 'node:path';
import { build } from 'vite';

const BROWSER_DIR = resolve(import.meta.dirname, '../browser');

export async function buildBenchPage(entry: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: BROWSER_DIR,
    base: './',
    logLevel: 'error',
    // As the app's config: the decoder worker is a module worker, so its decoders stay lazy chunks.
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      assetsInlineLimit: 0,
      target: 'es2022',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 100_000,
      rollupOptions: { input: resolve(BROWSER_DIR, `${entry}.html`) },
    },
  });
}
