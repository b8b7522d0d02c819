// Seeds the demo market (server/demo/market.ts) through the ledger's public API, exactly as the
// issuers and vendors would: registrations and credentials (one block), then each vendor's signed
// stall code (next block, referencing its credential's place on the ledger), then the revocation
// of one credential. Every signed record is saved in demo/seed-state.json BEFORE it is submitted,
// so an interrupted seeding resumes by resubmitting the same bytes (submission is idempotent).
//
// Outputs, beside the ledger:
//   demo/vendors.json  [{stallNo, stallName, vendorName, scenario, publicKey, secretKey}]  (hex keys)
//   demo/codes.json    [{stallNo, stallName, text, status, scenario, reason, id, height, index}]
// `status` is the verdict a verifier with synced caches gives once the demo has settled (the
// "expired" stall turns red 3 minutes after seeding; before that it is green).

import { existsSync, readFileSync } from 'node:fs';
import {
  HOLDER_SALT_BYTES,
  encodePayload,
  formatHolderSalt,
  holderCommitment,
  sha256,
  utf8,
  fromHex,
  recordId,
  stallCodeText,
  toHex,
  decodeRecord,
  decodeSignedRecord,
  encodeSignedRecord,
  type HealthCredential,
  type Revocation,
  type SignedRecord,
  type StallCode,
  type StallRegistration,
} from '../../src/core';
import type { IncludedRecord, LedgerClient } from '../client/ledger-client';
import { writeJson, type DataDir } from '../datadir';
import type { HttpLog } from '../http/common';
import { SubmitRefused, recordIdHex, signRecord, submitRecord } from '../records';
import { DEMO_STALLS, demoBatches, demoChannels, demoCredentialNo, demoVendorKey, type DemoScenario } from './market';

const DAY = 86_400_000;
/** How long the "expired" stall's credential is valid after seeding. */
const EXPIRING_CREDENTIAL_MS = 3 * 60_000;

interface SeedState {
  version: 1;
  startedAt: number;
  /** Hex encodeSignedRecord, by stall number. */
  registrations: Record<string, string>;
  credentials: Record<string, string>;
  codes: Record<string, string> | null;
  revocation: string | null;
  done: boolean;
}

export interface DemoCode {
  stallNo: string;
  stallName: string;
  text: string;
  status: 'verified' | 'warning' | 'invalid';
  scenario: DemoScenario;
  reason: string | null;
  id: string;
  height: number;
  index: number;
}

export interface DemoVendor {
  stallNo: string;
  stallName: string;
  vendorName: string;
  scenario: DemoScenario;
  publicKey: string;
  secretKey: string;
  /** What the demo's paper health certificate shows: number and the salt of the commitment. */
  credentialNo: string;
  holderSalt: string;
}

/** The demo certificates' salts are derived, so the demo is reproducible; real ones are random. */
function demoHolderSalt(stallNo: string): Uint8Array {
  return sha256(utf8(`sanma-demo/luojiazhuang/holder-salt/${stallNo}`)).slice(0, HOLDER_SALT_BYTES);
}

const EXPECTED: Record<DemoScenario, { status: DemoCode['status']; reason: string | null }> = {
  normal: { status: 'verified', reason: null },
  'produce-test-failed': { status: 'warning', reason: 'PRODUCE_TEST_FAILED' },
  'stale-produce': { status: 'warning', reason: 'PRODUCE_NOT_TODAY' },
  'health-revoked': { status: 'invalid', reason: 'HEALTH_REVOKED' },
  'health-expired': { status: 'invalid', reason: 'HEALTH_EXPIRED' },
  'no-code': { status: 'invalid', reason: null },
};

const hexRecord = (s: SignedRecord) => toHex(encodeSignedRecord(s));
const fromHexRecord = (h: string) => decodeSignedRecord(fromHex(h));

export function demoVendors(): DemoVendor[] {
  return DEMO_STALLS.map((s) => {
    const k = demoVendorKey(s.stallNo);
    return {
      stallNo: s.stallNo,
      stallName: s.stallName,
      vendorName: s.vendorName,
      scenario: s.scenario,
      publicKey: toHex(k.publicKey),
      secretKey: toHex(k.secretKey),
      credentialNo: demoCredentialNo(s),
      holderSalt: formatHolderSalt(demoHolderSalt(s.stallNo)),
    };
  });
}

function statePath(dir: DataDir): string {
  return dir.path('demo', 'seed-state.json');
}

function loadState(dir: DataDir): SeedState | null {
  const file = statePath(dir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SeedState) : null;
}

async function submitAll(client: LedgerClient, records: SignedRecord[]): Promise<IncludedRecord[]> {
  // Submit everything first so it lands in one block, then wait for each.
  for (const r of records) {
    const a = await client.submit(r);
    if (a.httpStatus !== 200 && a.httpStatus !== 202) throw new SubmitRefused(a.httpStatus, a.error ?? 'UNKNOWN');
  }
  return Promise.all(records.map((r) => client.waitIncluded(recordIdHex(r), 120_000)));
}

/** Seeds once; a finished seeding is not repeated. Returns the demo codes (also in demo/codes.json). */
export async function seedDemo(dir: DataDir, client: LedgerClient, log: HttpLog): Promise<DemoCode[]> {
  writeJson(dir.path('demo', 'vendors.json'), demoVendors());
  let state = loadState(dir);
  if (state?.done) return writeDemoCodes(dir, client);
  const now = Date.now();
  const office = dir.marketOfficeKey();
  const health = dir.healthAuthorityKey();
  if (!state) {
    state = { version: 1, startedAt: now, registrations: {}, credentials: {}, codes: null, revocation: null, done: false };
    for (const s of DEMO_STALLS) {
      const vendor = demoVendorKey(s.stallNo);
      const registration: StallRegistration = {
        kind: 'stall-registration',
        issuer: office.publicKey,
        issuedAt: now,
        stallNo: s.stallNo,
        stallName: s.stallName,
        vendorKey: vendor.publicKey,
        supersedes: null,
        channels: demoChannels(s),
      };
      const credential: HealthCredential = {
        kind: 'health-credential',
        issuer: health.publicKey,
        issuedAt: now,
        vendorKey: vendor.publicKey,
        holder: holderCommitment(demoHolderSalt(s.stallNo), s.vendorName, demoCredentialNo(s)),
        validFrom: now - 30 * DAY,
        validUntil: s.scenario === 'health-expired' ? now + EXPIRING_CREDENTIAL_MS : now + 365 * DAY,
      };
      state.registrations[s.stallNo] = hexRecord(signRecord(registration, office.secretKey));
      state.credentials[s.stallNo] = hexRecord(signRecord(credential, health.secretKey));
    }
    writeJson(statePath(dir), state);
  }
  log.info(`seeding the demo market: ${DEMO_STALLS.length} stalls`);
  const issued = await submitAll(client, [...Object.values(state.registrations), ...Object.values(state.credentials)].map(fromHexRecord));
  const registrationAt = new Map(DEMO_STALLS.map((s, i) => [s.stallNo, issued[i]!]));
  const credentialAt = new Map(DEMO_STALLS.map((s, i) => [s.stallNo, issued[DEMO_STALLS.length + i]!]));

  if (!state.codes) {
    const codes: Record<string, string> = {};
    const t = Date.now();
    for (const s of DEMO_STALLS) {
      if (s.scenario === 'no-code') continue;
      const cred = credentialAt.get(s.stallNo)!;
      const credRecord = fromHexRecord(state.credentials[s.stallNo]!);
      const validUntil = decodeCredentialValidUntil(credRecord);
      const code: StallCode = {
        kind: 'stall-code',
        issuedAt: t,
        stallNo: s.stallNo,
        stallName: s.stallName,
        registration: { height: registrationAt.get(s.stallNo)!.height, index: registrationAt.get(s.stallNo)!.index },
        health: { height: cred.height, index: cred.index, validUntil },
        channels: demoChannels(s),
        batches: demoBatches(s, t),
      };
      codes[s.stallNo] = hexRecord(signRecord(code, demoVendorKey(s.stallNo).secretKey));
    }
    state.codes = codes;
    writeJson(statePath(dir), state);
  }
  try {
    await submitAll(client, Object.values(state.codes).map(fromHexRecord));
  } catch (e) {
    // Resuming more than 3 minutes later: the expiring credential can no longer back a new code.
    log.warn(`demo stall codes: ${(e as Error).message}`);
  }

  if (!state.revocation) {
    const target = DEMO_STALLS.find((s) => s.scenario === 'health-revoked')!;
    const cred = credentialAt.get(target.stallNo)!;
    const revocation: Revocation = {
      kind: 'revocation',
      issuer: health.publicKey,
      issuedAt: Date.now(),
      target: { height: cred.height, index: cred.index },
      targetId: recordId(fromHexRecord(state.credentials[target.stallNo]!).body),
    };
    state.revocation = hexRecord(signRecord(revocation, health.secretKey));
    writeJson(statePath(dir), state);
  }
  await submitRecord(client, fromHexRecord(state.revocation), true, 120_000);
  state.done = true;
  writeJson(statePath(dir), state);
  const codes = await writeDemoCodes(dir, client);
  log.info(`demo market seeded: ${codes.length} stall codes in ${dir.path('demo', 'codes.json')}`);
  return codes;
}

function decodeCredentialValidUntil(signed: SignedRecord): number {
  const record = decodeRecord(signed.body);
  if (record.kind !== 'health-credential') throw new Error('seed state: expected a health credential');
  return record.validUntil;
}

/**
 * Writes demo/codes.json from the ledger (record, proof) and the CURRENT policy, so the texts
 * follow the app's origin if `sanma start` moved to another port.
 */
async function writeDemoCodes(dir: DataDir, client: LedgerClient): Promise<DemoCode[]> {
  const state = loadState(dir);
  const { policy } = dir.policy();
  const out: DemoCode[] = [];
  for (const s of DEMO_STALLS) {
    const hex = state?.codes?.[s.stallNo];
    if (!hex) continue;
    const r = await client.record(recordIdHex(fromHexRecord(hex)));
    if (r.status !== 'included') continue;
    const payload = encodePayload({ chainId: policy.chainId, height: r.height, index: r.index, proof: r.proof.map((h) => fromHex(h)), body: fromHex(r.body) });
    out.push({
      stallNo: s.stallNo,
      stallName: s.stallName,
      text: stallCodeText(policy.codeBaseUrl, payload),
      ...EXPECTED[s.scenario],
      scenario: s.scenario,
      id: r.id,
      height: r.height,
      index: r.index,
    });
  }
  writeJson(dir.path('demo', 'codes.json'), out);
  return out;
}
