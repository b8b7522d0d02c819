#!/usr/bin/env node
// The `sanma` command (package.json "bin"): runs the server as compiled to JavaScript by
// `npm run build` (dist-server/, bundled by esbuild; `npm start` builds it), so running needs no
// TypeScript loader. SANMA_FROM_SOURCE=1 runs server/cli.ts through tsx instead (a dev
// dependency): the unit and integration tests do, so they test the source, not the last build.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist-server/cli.js', import.meta.url);
let main;
if (process.env.SANMA_FROM_SOURCE) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli.ts'));
} else if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  console.error('sanma: the server is not built (dist-server/cli.js is missing): run `npm run build` (`npm start` does), or set SANMA_FROM_SOURCE=1 to run it from source with the dev dependencies');
  process.exit(70);
}
process.exit(await main(process.argv.slice(2)));
