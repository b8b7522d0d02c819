// `npm run provision`: run by `npm run test:e2e` before Playwright. Exit 1 with one message when
// no Chromium can be found or installed; see provision.ts for the order.

import { provision } from './provision';
import { systemMachine } from './system';
import { ProvisionError } from './tools';

try {
  provision(systemMachine);
} catch (e) {
  if (!(e instanceof ProvisionError)) throw e;
  console.error(e.message);
  process.exit(1);
}
