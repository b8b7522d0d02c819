#!/usr/bin/env node
// The `sanma` command (package.json "bin"). Runs server/cli.ts in this process through tsx's
// loader, resolved from this checkout's node_modules, so it works from any working directory
// after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
