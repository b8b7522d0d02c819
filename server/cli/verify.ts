// `sanma verify <qr text>`: the verdict the PWA would show, computed the same way: fetch first
// (policy, header pages verified from genesis with verifyHeaderChain, revocations checked with
// their revocation commitment), then the pure core verifyStallCode. Nothing the ledger says is
// trusted without a check; an unreachable ledger gives a warning, never a green verdict. A
// successful sync is kept in the data directory (verify-cache.json), so `--offline` verifies
// against it later, as a phone does against its IndexedDB.

import { readFileSync } from 'node:fs';
import { decodeHeader, decodePolicy, encodeHeader, fromHex, toHex, verifyStallCode, type BlockHeader, type FeedReason, type StatusKind, type TrustPolicy, type TrustState } from '../../src/core';
import { LedgerClient } from '../client/ledger-client';
import { SyncError, syncHeaders, syncRevocations } from '../client/sync';
import { writeJson, type DataDir } from '../datadir';
import { COMMON_OPTIONS, LEDGER_OPTION, UsageError, dataDirOf, ledgerUrlOf, parse, printJson, timeOption, type Command } from './command';

const EXIT_BY_STATUS = { verified: 0, warning: 1, invalid: 2, 'unknown-market': 3, 'not-sanma': 3 } as const;

interface VerifyCache {
  chainId: string;
  syncedAt: number;
  tip: number;
  revocationCount: number;
  revoked: [string, StatusKind][];
  headers: string[];
}

interface Synced {
  headers: Map<number, BlockHeader>;
  tip: number;
  revoked: Map<string, StatusKind>;
  revocationCount: number;
  syncedAt: number;
}

const cacheFile = (dir: DataDir): string => dir.path('verify-cache.json');

function saveCache(dir: DataDir, chainId: string, s: Synced): void {
  if (!dir.isInitialised()) return;
  const cache: VerifyCache = {
    chainId,
    syncedAt: s.syncedAt,
    tip: s.tip,
    revocationCount: s.revocationCount,
    revoked: [...s.revoked],
    headers: [...s.headers.values()].map((h) => toHex(encodeHeader(h))),
  };
  writeJson(cacheFile(dir), cache);
}

function loadCache(dir: DataDir, chainId: string): Synced | null {
  let cache: VerifyCache;
  try {
    cache = JSON.parse(readFileSync(cacheFile(dir), 'utf8')) as VerifyCache;
  } catch {
    return null;
  }
  if (cache.chainId !== chainId) return null;
  const headers = new Map(cache.headers.map((hex) => decodeHeader(fromHex(hex))).map((h) => [h.height, h] as const));
  return { headers, tip: cache.tip, revoked: new Map(cache.revoked), revocationCount: cache.revocationCount, syncedAt: cache.syncedAt };
}

export const verifyCommand: Command = {
  name: 'verify',
  usage: `sanma verify <qr text> [--ledger URL] [--data-dir DIR] [--now TIME] [--offline]

Prints the core's verdict as JSON: {"status", "checks": [{"id","status","reason","detail"}],
"code", "ref", "anchor", "sync"}. The trust policy comes from the data directory (policy.bin)
when there is one, else from the ledger (trust on first use; "sync.policySource" says which).
Headers are synced from genesis and verified (links + quorum); the revocation list is checked
against the tip header's revocation commitment, so a withheld revocation makes it a warning.
A code whose text starts with '-' goes after \`--\`: sanma verify -- "<text>".

  --ledger URL   ledger API (default: the one \`sanma start\` recorded, else http://127.0.0.1:8081)
  --data-dir DIR data directory with policy.bin (default ./data)
  --now TIME     verify as of this time (ISO or epoch ms) instead of the clock
  --offline      do not contact the ledger: verify against the last sync kept in the data
                 directory (verify-cache.json), or the policy alone (at best a warning)
  -h, --help

Exit status: 0 verified (only then), 1 warning, 2 invalid (tampered, revoked or handed over),
3 not a Sanma stall code or a market this data directory does not know, 64 usage error or help.`,
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

    let synced: Synced | null = null;
    let syncError: string | undefined;
    let revocationsRefused: FeedReason | null = null;
    if (values.offline) {
      synced = loadCache(dir, policy.chainId);
    } else {
      try {
        const { headers, tip } = await syncHeaders(client, policy);
        try {
          const { revoked, count } = await syncRevocations(client, headers, tip.height);
          synced = { headers, tip: tip.height, revoked, revocationCount: count, syncedAt: Date.now() };
          saveCache(dir, policy.chainId, synced);
        } catch (e) {
          // Headers are fine, the revocation list is not: verify with the headers, and say the
          // list was refused (amber), exactly as the app does.
          if (!(e instanceof SyncError)) throw e;
          syncError = e.message;
          revocationsRefused = e.reason as FeedReason;
          synced = { headers, tip: tip.height, revoked: new Map(), revocationCount: 0, syncedAt: Date.now() };
        }
      } catch (e) {
        syncError = (e as Error).message;
      }
    }
    const tipHeader = synced?.headers.get(synced.tip);
    const trust: TrustState = {
      policy,
      revoked: synced?.revoked ?? new Map(),
      revocationCount: synced?.revocationCount ?? null,
      revocationsSyncedAt: synced?.syncedAt ?? null,
      revocationsRefused,
      headersSyncedAt: synced?.syncedAt ?? null,
      headersTip: tipHeader ? { height: tipHeader.height, revocationCount: tipHeader.revocationCount } : null,
      policyFetchedAt: now,
      forkHeights: [],
    };
    const verdict = verifyStallCode(text, trust, { get: (h) => synced?.headers.get(h) }, now);
    printJson({
      ...verdict,
      sync: {
        ledger: values.offline ? null : client.baseUrl,
        policySource,
        chainId: policy.chainId,
        syncedAt: synced?.syncedAt ?? null,
        tip: synced?.tip ?? null,
        revocations: synced?.revocationCount ?? null,
        ...(syncError ? { error: syncError } : {}),
      },
    });
    return EXIT_BY_STATUS[verdict.status];
  },
};
