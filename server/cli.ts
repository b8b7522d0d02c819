// `sanma`: the ledger service's command line (bin/sanma.js runs it as built into dist-server/).

import { CoreError } from '../src/core';
import { EXIT_USAGE, UsageError, type Command } from './cli/command';
import { installOpensslEd25519 } from './crypto/openssl-ed25519';

/** Commands load their modules on use, so `sanma emv` does not pay for Fastify and SQLite. */
const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  { name: 'start', summary: 'run everything: validators, sequencer, the app and the demo market', load: async () => (await import('./cli/services')).startCommand },
  { name: 'register-stall', summary: 'register a stall: number, name, vendor key, payment channels (market office)', load: async () => (await import('./cli/issuer')).registerStallCommand },
  { name: 'issue-health', summary: "issue a vendor's health credential (health authority)", load: async () => (await import('./cli/issuer')).issueHealthCommand },
  { name: 'revoke', summary: 'revoke a registration or a health credential (its issuer)', load: async () => (await import('./cli/issuer')).revokeCommand },
  { name: 'status', summary: "the ledger's tip, queue and validators", load: async () => (await import('./cli/issuer')).statusCommand },
  { name: 'verify', summary: 'verify a stall code (QR text) against the ledger, as the app does', load: async () => (await import('./cli/verify')).verifyCommand },
  { name: 'emv', summary: 'check an EMV QR payment payload (TLV, CRC) and print its fields', load: async () => (await import('./cli/emv')).emvCommand },
  { name: 'init', summary: 'create a data directory (keys, genesis, signed policy) only', load: async () => (await import('./cli/services')).initCommand },
  { name: 'ledger', summary: 'run the sequencer (what `start` runs as a child process)', load: async () => (await import('./cli/services')).ledgerCommand },
  { name: 'validator', summary: 'run one validator (what `start` runs as child processes)', load: async () => (await import('./cli/services')).validatorCommand },
];

const USAGE = `sanma — the Sanma (三码合一) ledger service and issuer tools

Usage: sanma <command> [options]   (sanma <command> --help for each)

${COMMANDS.map((c) => `  ${c.name.padEnd(15)} ${c.summary}`).join('\n')}

Data directory: --data-dir DIR or $SANMA_DATA_DIR (default ./data).`;

export async function main(argv: string[]): Promise<number> {
  installOpensslEd25519();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    console.error(`sanma: unknown command ${JSON.stringify(name)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  // --help (or -h) anywhere before a `--` prints the command's usage, whatever else is given,
  // and exits 64 like any usage: `sanma verify -h` must never look like "verified" (0) to a
  // script. Text that starts with '-' goes after `--`.
  const end = rest.indexOf('--');
  const flags = end < 0 ? rest : rest.slice(0, end);
  if (flags.includes('--help') || flags.includes('-h')) {
    console.log(command.usage);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`sanma ${command.name}: ${e.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (e instanceof CoreError) {
      console.error(`sanma ${command.name}: ${e.message}`);
      return 1;
    }
    console.error(`sanma ${command.name}: ${(e as Error)?.stack ?? String(e)}`);
    return 1;
  }
}
