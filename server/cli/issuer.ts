// Issuer tools (docs/DESIGN.md §2 step 2): the market office registers stalls, the health authority issues
// and revokes health credentials. Keys come from the data directory (or --key); the records are
// signed here and submitted to the ledger, and by default the command waits for the block.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  HOLDER_SALT_BYTES,
  decodeRecord,
  formatHolderSalt,
  fromHex,
  holderCommitment,
  publicKeyFromSecret,
  recordId,
  toHex,
  type HealthCredential,
  type PaymentChannel,
  type Revocation,
  type StallRegistration,
} from '../../src/core';
import { LedgerClient } from '../client/ledger-client';
import type { DataDir, KeyFile, KeyPair } from '../datadir';
import { SubmitRefused, signRecord, submitRecord } from '../records';
import { IssuedRegister } from './issued';
import { IssuerOutbox, subjectOf } from './outbox';
import { COMMON_OPTIONS, LEDGER_OPTION, UsageError, dataDirOf, intOption, ledgerUrlOf, parse, printJson, requireInitialised, timeOption, type Command } from './command';

const SUBMIT_OPTIONS = {
  ...COMMON_OPTIONS,
  ...LEDGER_OPTION,
  key: { type: 'string' },
  'no-wait': { type: 'boolean' },
} as const;

const SUBMIT_HELP = `  --data-dir DIR   data directory with the issuer keys (default ./data)
  --ledger URL     ledger API (default: the one \`sanma start\` recorded, else http://127.0.0.1:8081)
  --key FILE       sign with this key file ({"secretKey": hex, …}) instead of the data directory's
  --no-wait        return once the ledger accepted the record (202) instead of waiting for its block
  -h, --help`;

function hexKey(name: string, value: string | undefined): Uint8Array {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new UsageError(`--${name}: expected 64 hex characters (an Ed25519 public key)`);
  return fromHex(value.toLowerCase());
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function keyFromFile(file: string): KeyPair {
  let k: Partial<KeyFile>;
  try {
    k = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyFile>;
  } catch (e) {
    throw new UsageError(`--key ${file}: ${(e as Error).message}`);
  }
  if (typeof k.secretKey !== 'string' || !/^[0-9a-f]{64}$/.test(k.secretKey)) throw new UsageError(`--key ${file}: no "secretKey" (64 lower-case hex)`);
  const secretKey = fromHex(k.secretKey);
  return { secretKey, publicKey: publicKeyFromSecret(secretKey) };
}

/** TYPE:LABEL:VALUE, e.g. emv:银联:000201… or url:聚合支付:https://pay.example.invalid/s/A01 */
function parseChannel(text: string): PaymentChannel {
  const m = /^(emv|url):([^:]+):(.+)$/s.exec(text);
  if (!m) throw new UsageError(`--channel: expected TYPE:LABEL:VALUE with TYPE emv or url, got ${JSON.stringify(text.slice(0, 60))}`);
  return { type: m[1] as PaymentChannel['type'], label: m[2]!, value: m[3]! };
}

/** Signs a record built from the command line; a field the format refuses is a usage error. */
function signOrUsage(record: Parameters<typeof signRecord>[0], secretKey: Uint8Array): ReturnType<typeof signRecord> {
  try {
    return signRecord(record, secretKey);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Submits through the data directory's outbox (server/cli/outbox.ts): a record is signed once and
 * the same bytes are resubmitted until the ledger acknowledges them, so running a command again
 * after a time-out never creates a second record for the same subject.
 */
async function submitAndPrint(
  ledgerUrl: string,
  dir: DataDir,
  fresh: ReturnType<typeof signRecord>,
  wait: boolean,
  extra: Record<string, unknown> = {},
  kept: Record<string, unknown> = {},
): Promise<number> {
  const client = new LedgerClient(ledgerUrl);
  const outbox = new IssuerOutbox(dir);
  const pending = outbox.find(subjectOf(decodeRecord(fresh.body)));
  const signed = pending?.signed ?? fresh;
  if (!pending) outbox.put(signed, extra, kept);
  const id = toHex(recordId(signed.body));
  const info = pending ? { ...pending.extra, resubmitted: true } : extra;
  try {
    const result = await submitRecord(client, signed, wait);
    // The register first: once the outbox entry is gone, its clear data exists only there.
    new IssuedRegister(dir).append({
      id: result.id,
      kind: decodeRecord(signed.body).kind,
      ...(result.status === 'included' ? { status: 'included' as const, height: result.height, index: result.index } : { status: 'pending' as const }),
      at: Date.now(),
      kept: pending?.kept ?? kept,
    });
    outbox.remove(signed);
    printJson(result.status === 'included' ? { id: result.id, status: result.status, height: result.height, index: result.index, ...info } : { ...result, ...info });
    return 0;
  } catch (e) {
    if (e instanceof SubmitRefused) {
      outbox.remove(signed);
      printJson({ id, status: 'refused', error: e.reason, httpStatus: e.httpStatus });
      return 1;
    }
    printJson({ id, status: 'unsent', error: (e as Error).message, outbox: outbox.file(signed), ...info, hint: 'run the same command again: the same signed record is resubmitted' });
    return 1;
  }
}

export const registerStallCommand: Command = {
  name: 'register-stall',
  usage: `sanma register-stall --stall-no NO --stall-name NAME --vendor-key HEX
                     --channel TYPE:LABEL:VALUE [--channel …] [--handover] [options]

Signs a stall-registration record with the market office key and submits it. The ledger is
public, so the vendor's name is not on it: --vendor-name goes only into the office's own register,
<data dir>/issued.jsonl.

  --stall-no NO         e.g. A01 (≤ 16 bytes)
  --stall-name NAME     shown large on every verdict, e.g. 张记蔬菜 (≤ 48 bytes UTF-8)
  --vendor-key HEX      the vendor app's Ed25519 public key (from its enrolment request)
  --channel T:LABEL:V   1–4 payment channels; T is emv (an EMV QR payload, CRC checked) or url
                        (an https:// aggregator URL), e.g. url:聚合支付:https://pay.example.invalid/s/A01
  --handover            the stall is registered already: give it to this vendor key. Every code
                        built on the old registration turns red ("stall handed over").
  --vendor-name NAME    kept in issued.jsonl only, e.g. 张建国
${SUBMIT_HELP}

Prints {"id","status","height","index"}. Exit 0 stored, 1 refused (with the ledger's reason), 64 usage.`,
  async run(argv) {
    const { values } = parse(argv, {
      ...SUBMIT_OPTIONS,
      'stall-no': { type: 'string' },
      'stall-name': { type: 'string' },
      'vendor-key': { type: 'string' },
      channel: { type: 'string', multiple: true },
      handover: { type: 'boolean' },
      'vendor-name': { type: 'string' },
    });
    const dir = dataDirOf(values);
    const channels = (values.channel ?? []).map(parseChannel);
    if (channels.length === 0) throw new UsageError('at least one --channel is required');
    const stallNo = required('stall-no', values['stall-no']);
    const key = values.key ? keyFromFile(values.key) : requireInitialised(dir).marketOfficeKey();
    const client = new LedgerClient(ledgerUrlOf(values, dir));
    const current = await client.stall(stallNo);
    if (current && !values.handover) throw new UsageError(`stall ${stallNo} is registered (record ${current.height}:${current.index}); pass --handover to give it to another vendor key`);
    if (!current && values.handover) throw new UsageError(`stall ${stallNo} is not registered: nothing to hand over (leave out --handover)`);
    const record: StallRegistration = {
      kind: 'stall-registration',
      issuer: key.publicKey,
      issuedAt: Date.now(),
      stallNo,
      stallName: required('stall-name', values['stall-name']),
      vendorKey: hexKey('vendor-key', values['vendor-key']),
      supersedes: current ? { height: current.height, index: current.index } : null,
      channels,
    };
    const kept = values['vendor-name'] ? { stallNo, vendorName: values['vendor-name'] } : { stallNo };
    return submitAndPrint(client.baseUrl, dir, signOrUsage(record, key.secretKey), !values['no-wait'], {}, kept);
  },
};

export const issueHealthCommand: Command = {
  name: 'issue-health',
  usage: `sanma issue-health --vendor-key HEX --vendor-name NAME --credential-no NO
                   [--valid-from DATE] [--valid-until DATE | --days N] [options]

Signs a health-credential record with the health authority key and submits it. The name and
certificate number do not go on the (public) ledger: the record carries a salted commitment to
them, and the command prints the salt ("holderSalt") to print on the paper certificate, so an
inspector can match the certificate to the credential. Name, number and salt are kept in the
authority's own register, <data dir>/issued.jsonl.

  --vendor-key HEX      the vendor's Ed25519 public key
  --vendor-name NAME    e.g. 张建国 (committed to, not published)
  --credential-no NO    e.g. 浙健证330106-2026-0012 (committed to, not published)
  --valid-from DATE     ISO date/time or epoch ms (default: now)
  --valid-until DATE    ISO date/time or epoch ms
  --days N              valid for N days from --valid-from (default 365)
${SUBMIT_HELP}

Prints {"id","status","height","index","holderSalt"}. Exit 0 stored, 1 refused, 64 usage.`,
  async run(argv) {
    const { values } = parse(argv, {
      ...SUBMIT_OPTIONS,
      'vendor-key': { type: 'string' },
      'vendor-name': { type: 'string' },
      'credential-no': { type: 'string' },
      'valid-from': { type: 'string' },
      'valid-until': { type: 'string' },
      days: { type: 'string' },
    });
    const dir = dataDirOf(values);
    const key = values.key ? keyFromFile(values.key) : requireInitialised(dir).healthAuthorityKey();
    const now = Date.now();
    const validFrom = timeOption('valid-from', values['valid-from'], now);
    if (values['valid-until'] !== undefined && values.days !== undefined) throw new UsageError('give --valid-until or --days, not both');
    const validUntil = timeOption('valid-until', values['valid-until'], validFrom + intOption('days', values.days, 365, 1, 36500) * 86_400_000);
    if (validUntil <= validFrom) throw new UsageError('--valid-until must be after --valid-from');
    const salt = new Uint8Array(randomBytes(HOLDER_SALT_BYTES));
    let holder: Uint8Array;
    try {
      holder = holderCommitment(salt, required('vendor-name', values['vendor-name']), required('credential-no', values['credential-no']));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError((e as Error).message);
    }
    const record: HealthCredential = { kind: 'health-credential', issuer: key.publicKey, issuedAt: now, vendorKey: hexKey('vendor-key', values['vendor-key']), holder, validFrom, validUntil };
    const holderSalt = formatHolderSalt(salt);
    const kept = { vendorName: values['vendor-name'], credentialNo: values['credential-no'], holderSalt };
    return submitAndPrint(ledgerUrlOf(values, dir), dir, signOrUsage(record, key.secretKey), !values['no-wait'], { holderSalt }, kept);
  },
};

export const revokeCommand: Command = {
  name: 'revoke',
  usage: `sanma revoke (--stall NO | --height H --index I | --id HEX) [options]

Looks the record up on the ledger, signs a revocation with the key of the record's issuer (the
market office for registrations, the health authority for credentials; --key for anything else)
and submits it. Verifiers that synced revocations then show the record as revoked. A revocation
carries no reason (the ledger is public): --reason goes only into the issuer's own register,
<data dir>/issued.jsonl.

  --stall NO             the stall's current registration, e.g. --stall A01
  --height H --index I   where the record is (block height, leaf index)
  --id HEX               or the record id (leaf hash, 64 hex)
  --reason TEXT          why, kept in issued.jsonl only, e.g. 体检不合格
${SUBMIT_HELP}

Exit 0 stored, 1 refused or not found, 64 usage.`,
  async run(argv) {
    const { values } = parse(argv, {
      ...SUBMIT_OPTIONS,
      stall: { type: 'string' },
      height: { type: 'string' },
      index: { type: 'string' },
      id: { type: 'string' },
      reason: { type: 'string' },
    });
    const dir = dataDirOf(values);
    const client = new LedgerClient(ledgerUrlOf(values, dir));
    const ways = [values.stall !== undefined, values.id !== undefined, values.height !== undefined || values.index !== undefined].filter(Boolean).length;
    if (ways !== 1) throw new UsageError('give exactly one of --stall, --id, or --height with --index');
    let height: number;
    let index: number;
    if (values.stall !== undefined) {
      const current = await client.stall(values.stall);
      if (!current) {
        printJson({ error: 'NOT_FOUND', detail: `stall ${values.stall} is not registered` });
        return 1;
      }
      ({ height, index } = current);
    } else if (values.id !== undefined) {
      if (!/^[0-9a-fA-F]{64}$/.test(values.id)) throw new UsageError('--id: expected 64 hex characters');
      const r = await client.record(values.id.toLowerCase());
      if (r.status !== 'included') {
        printJson({ error: 'NOT_FOUND', detail: `record ${values.id} is ${r.status}, not in a block` });
        return 1;
      }
      ({ height, index } = r);
    } else {
      if (values.height === undefined || values.index === undefined) throw new UsageError('--height and --index (or --id) are required');
      height = intOption('height', values.height, 0, 1);
      index = intOption('index', values.index, 0, 0);
    }
    const block = await client.block(height).catch(() => null);
    const target = block?.records[index];
    if (!target) {
      printJson({ error: 'NOT_FOUND', detail: `no record at height ${height}, index ${index}` });
      return 1;
    }
    const targetRecord = decodeRecord(target.body);
    let key: KeyPair;
    if (values.key) key = keyFromFile(values.key);
    else if (targetRecord.kind === 'stall-registration') key = requireInitialised(dir).marketOfficeKey();
    else if (targetRecord.kind === 'health-credential') key = requireInitialised(dir).healthAuthorityKey();
    else throw new UsageError(`the record at ${height}:${index} is a ${targetRecord.kind}; only its signer can revoke it (pass --key)`);
    const record: Revocation = { kind: 'revocation', issuer: key.publicKey, issuedAt: Date.now(), target: { height, index }, targetId: recordId(target.body) };
    const kept = { target: `${height}:${index}`, targetKind: targetRecord.kind, ...(values.reason ? { reason: values.reason } : {}) };
    return submitAndPrint(client.baseUrl, dir, signRecord(record, key.secretKey), !values['no-wait'], {}, kept);
  },
};

export const statusCommand: Command = {
  name: 'status',
  usage: `sanma status [--ledger URL] [--data-dir DIR]

Prints the ledger's /v1/health as JSON: chain id, tip (height, hash, time), records, pending
records and each validator's reachability. Exit 0 when the ledger answers, 1 when it does not.`,
  async run(argv) {
    const { values } = parse(argv, { ...COMMON_OPTIONS, ...LEDGER_OPTION });
    const url = ledgerUrlOf(values, dataDirOf(values));
    try {
      const health = await new LedgerClient(url, 5000).health();
      printJson({ ledger: url, ...health, tip: { ...health.tip, isoTime: new Date(health.tip.time).toISOString() } });
      return 0;
    } catch (e) {
      printJson({ ledger: url, ok: false, error: (e as Error).message });
      return 1;
    }
  },
};
