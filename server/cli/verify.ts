// `sanma verify <qr text>`: the verdict the PWA would show, computed the same way: fetch first
// (policy, header pages verified from genesis with verifyHeaderChain, revocations checked with
// their inclusion proofs), then the pure core verifyStallCode. Nothing the ledger says is
// trusted without a check; an unreachable ledger gives a warning, never a green verdict.

import { decodePolicy, verifyStallCode, type TrustPolicy, type TrustState } from '../../src/core';
import { LedgerClient } from '../client/ledger-client';
import { syncTrust, type SyncedTrust } from '../client/sync';
import { COMMON_OPTIONS, LEDGER_OPTION, UsageError, dataDirOf, ledgerUrlOf, parse, printJson, timeOption, type Command } from './command';

const EXIT_BY_STATUS = { verified: 0, warning: 1, invalid: 2, 'not-sanma': 2 } as const;

export const verifyCommand: Command = {
  name: 'verify',
  usage: `sanma verify <qr text> [--ledger URL] [--data-dir DIR] [--now TIME] [--offline]

Prints the core's verdict as JSON: {"status", "checks": [{"id","status","reason","detail"}],
"code", "ref", "anchor", "sync"}. The trust policy comes from the data directory (policy.bin)
when there is one, else from the ledger (trust on first use; "sync.policySource" says which).
Headers are synced from genesis and verified (links + quorum); revocations are checked against
them with their Merkle proofs.

  --ledger URL   ledger API (default: the one \`sanma start\` recorded, else http://127.0.0.1:8081)
  --data-dir DIR data directory with policy.bin (default ./data)
  --now TIME     verify as of this time (ISO or epoch ms) instead of the clock
  --offline      do not contact the ledger (verdict from the policy alone: at best a warning)
  -h, --help

Exit status: 0 verified, 1 warning, 2 invalid or not a Sanma stall code, 64 usage error.`,
  async run(argv) {
    const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, ...LEDGER_OPTION, now: { type: 'string' }, offline: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one QR text argument (quote it: it contains #)');
    const text = positionals[0]!;
    const now = timeOption('now', values.now, Date.now());
    const dir = dataDirOf(values);
    const client = new LedgerClient(ledgerUrlOf(values, dir));

    let policy: TrustPolicy;
    let policySource: 'data-dir' | 'ledger';
    if (dir.isInitialised()) {
      policy = dir.policy().policy;
      policySource = 'data-dir';
    } else if (values.offline) {
      throw new UsageError(`--offline needs a data directory with policy.bin (${dir.root} has none)`);
    } else {
      try {
        policy = decodePolicy((await client.policy()).signed.body);
      } catch (e) {
        printJson({ status: 'warning', checks: [], sync: { ledger: client.baseUrl, error: `no policy: ${(e as Error).message}` } });
        return 1;
      }
      policySource = 'ledger';
    }

    let synced: SyncedTrust | null = null;
    let syncError: string | undefined;
    if (!values.offline) {
      try {
        synced = await syncTrust(client, policy);
      } catch (e) {
        syncError = (e as Error).message;
      }
    }
    const syncedAt = synced ? Date.now() : null;
    const trust: TrustState = { policy, revoked: synced?.revoked ?? new Set(), headersSyncedAt: syncedAt, revocationsSyncedAt: syncedAt };
    const verdict = verifyStallCode(text, trust, { get: (h) => synced?.headers.get(h) }, now);
    printJson({
      ...verdict,
      sync: {
        ledger: client.baseUrl,
        policySource,
        chainId: policy.chainId,
        tip: synced?.tip.height ?? null,
        revocations: synced?.revoked.size ?? null,
        badRevocations: synced?.badRevocations ?? null,
        ...(syncError ? { error: syncError } : {}),
      },
    });
    return EXIT_BY_STATUS[verdict.status];
  },
};
