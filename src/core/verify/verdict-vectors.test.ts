// Runs test/vectors/sanma/verdict-vectors.json, the verdict vectors docs/FORMAT.md §13 offers to
// other implementations: for each QR text, set of cached headers, trust state and clock, the
// status and every check (id, status, reason, in order) verifyStallCode must give. Any key,
// status, check id or reason the runner does not know fails the run, so a typo in a vector
// cannot pass silently, and the file must hold a case for each verdict a shopper can meet.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes';
import { decodeHeader } from '../codec/header';
import { decodePolicy } from '../codec/policy';
import type { BlockHeader } from '../codec/types';
import type { CheckId, CheckStatus, ReasonCode, VerdictStatus } from './verdict';
import { verifyStallCode, type TrustState } from './verify';

type Json = Record<string, unknown>;
const file = JSON.parse(readFileSync(new URL('../../../test/vectors/sanma/verdict-vectors.json', import.meta.url), 'utf8')) as Json;

// Records over the unions: a new status, check or reason must be listed here to compile.
const STATUSES: Record<VerdictStatus, true> = { verified: true, warning: true, invalid: true, 'unknown-market': true, 'not-sanma': true };
const CHECK_STATUSES: Record<CheckStatus, true> = { pass: true, fail: true, unknown: true };
const CHECK_IDS: Record<CheckId, true> = {
  format: true,
  chain: true,
  url: true,
  anchor: true,
  inclusion: true,
  ledger: true,
  health: true,
  revocation: true,
  'code-age': true,
  'produce-date': true,
  payment: true,
  produce: true,
  'header-freshness': true,
  'policy-freshness': true,
  clock: true,
};
const REASONS: Record<ReasonCode, true> = {
  OK: true,
  PAYLOAD_MALFORMED: true,
  PAYLOAD_UNKNOWN_VERSION: true,
  CHAIN_UNKNOWN: true,
  URL_BASE_MISMATCH: true,
  BARE_PAYLOAD: true,
  ANCHOR_NOT_CACHED: true,
  INCLUSION_MISMATCH: true,
  PROOF_SHAPE: true,
  HEALTH_EXPIRED: true,
  HEALTH_REVOKED: true,
  CODE_REVOKED: true,
  REGISTRATION_REVOKED: true,
  STALL_HANDED_OVER: true,
  REVOCATIONS_NOT_SYNCED: true,
  REVOCATIONS_STALE: true,
  REVOCATIONS_INCOMPLETE: true,
  LEDGER_FORKED: true,
  CODE_STALE: true,
  PRODUCE_NOT_TODAY: true,
  PAYMENT_MALFORMED: true,
  PRODUCE_TEST_FAILED: true,
  HEADERS_NOT_SYNCED: true,
  HEADERS_STALE: true,
  POLICY_NOT_SYNCED: true,
  POLICY_STALE: true,
  CLOCK_BEHIND: true,
};
const FEED_REASONS = new Set(['REVOCATIONS_INCOMPLETE', 'REVOCATION_ORDER', 'REVOCATION_MALFORMED']);

const FILE_KEYS = ['description', 'policy', 'vectors'];
const VECTOR_KEYS = ['description', 'text', 'headers', 'trust', 'now', 'expected'];
const TRUST_KEYS = ['revoked', 'revocationCount', 'revocationsSyncedAt', 'revocationsRefused', 'headersSyncedAt', 'headersTip', 'policyFetchedAt', 'forkHeights'];
const EXPECTED_KEYS = ['status', 'chainId', 'checks'];
const CHECK_KEYS = ['id', 'status', 'reason'];

const unknownKeys = (o: unknown, known: readonly string[]): string[] => Object.keys(o as Json).filter((k) => !known.includes(k));
const nat = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const natOrNull = (v: unknown): boolean => v === null || nat(v);

interface Vector {
  description: string;
  text: string;
  headers: string[];
  trust: {
    revoked: [string, 'revoked' | 'superseded'][];
    revocationCount: number | null;
    revocationsSyncedAt: number | null;
    revocationsRefused: TrustState['revocationsRefused'];
    headersSyncedAt: number | null;
    headersTip: { height: number; revocationCount: number } | null;
    policyFetchedAt: number | null;
    forkHeights: number[];
  };
  now: number;
  expected: { status: VerdictStatus; chainId?: string; checks: { id: CheckId; status: CheckStatus; reason: ReasonCode }[] };
}
const vectors = file.vectors as Vector[];
const policy = decodePolicy(fromHex(file.policy as string));

describe('verdict vectors: the file', () => {
  it('has only known keys, statuses, check ids and reasons, with well-typed values', () => {
    expect(unknownKeys(file, FILE_KEYS)).toEqual([]);
    expect(Array.isArray(vectors)).toBe(true);
    for (const v of vectors) {
      expect(unknownKeys(v, VECTOR_KEYS), v.description).toEqual([]);
      expect(unknownKeys(v.trust, TRUST_KEYS), v.description).toEqual([]);
      expect(unknownKeys(v.expected, EXPECTED_KEYS), v.description).toEqual([]);
      expect(typeof v.text).toBe('string');
      expect(nat(v.now)).toBe(true);
      expect(v.headers.every((h) => /^([0-9a-f]{2})+$/.test(h))).toBe(true);
      const t = v.trust;
      expect(t.revoked.every(([k, kind]) => /^\d+:\d+$/.test(k) && (kind === 'revoked' || kind === 'superseded'))).toBe(true);
      for (const n of [t.revocationCount, t.revocationsSyncedAt, t.headersSyncedAt, t.policyFetchedAt]) expect(natOrNull(n), v.description).toBe(true);
      expect(t.revocationsRefused === null || FEED_REASONS.has(t.revocationsRefused)).toBe(true);
      expect(t.headersTip === null || (unknownKeys(t.headersTip, ['height', 'revocationCount']).length === 0 && nat(t.headersTip.height) && nat(t.headersTip.revocationCount))).toBe(true);
      expect(t.forkHeights.every(nat)).toBe(true);
      expect(STATUSES[v.expected.status]).toBe(true);
      expect(v.expected.chainId === undefined || v.expected.status === 'unknown-market').toBe(true);
      for (const c of v.expected.checks) {
        expect(unknownKeys(c, CHECK_KEYS)).toEqual([]);
        expect([CHECK_IDS[c.id], CHECK_STATUSES[c.status], REASONS[c.reason]], `${v.description}: ${JSON.stringify(c)}`).toEqual([true, true, true]);
      }
    }
  });

  it('covers each verdict a shopper can meet, and each reason of the format 2 checks', () => {
    expect(new Set(vectors.map((v) => v.expected.status))).toEqual(new Set(['verified', 'warning', 'invalid', 'unknown-market']));
    const reasons = new Set(vectors.flatMap((v) => v.expected.checks.map((c) => c.reason)));
    for (const r of ['REGISTRATION_REVOKED', 'STALL_HANDED_OVER', 'REVOCATIONS_INCOMPLETE', 'LEDGER_FORKED', 'CHAIN_UNKNOWN', 'PRODUCE_NOT_TODAY', 'POLICY_STALE', 'HEALTH_REVOKED'] as const) {
      expect(reasons.has(r), r).toBe(true);
    }
  });
});

describe('verdict vectors: verifyStallCode gives each expected verdict', () => {
  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_, v) => {
    const headers = new Map<number, BlockHeader>(v.headers.map((hex) => decodeHeader(fromHex(hex))).map((h) => [h.height, h]));
    const trust: TrustState = { policy, ...v.trust, revoked: new Map(v.trust.revoked) };
    const verdict = verifyStallCode(v.text, trust, { get: (h) => headers.get(h) }, v.now);
    expect(verdict.status).toBe(v.expected.status);
    expect(verdict.chainId).toBe(v.expected.chainId);
    expect(verdict.checks.map((c) => ({ id: c.id, status: c.status, reason: c.reason }))).toEqual(v.expected.checks);
    if (verdict.status === 'unknown-market') expect(verdict.code).toBeUndefined();
  });
});
