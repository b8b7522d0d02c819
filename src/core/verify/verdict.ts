// Verdicts (docs/DESIGN.md §3 "Verifying a stall code"): a list of checks, each pass / fail / unknown
// with a reason code, and one overall status. The UI maps reason codes to zh-CN/en text.

import type { RecordRef, StallCode } from '../codec/types';

/** `unknown-market`: a Sanma code of a chain this app holds no trust material for (neutral). */
export type VerdictStatus = 'verified' | 'warning' | 'invalid' | 'unknown-market' | 'not-sanma';
export type CheckStatus = 'pass' | 'fail' | 'unknown';

export type CheckId =
  | 'format'
  | 'chain'
  | 'url'
  | 'anchor'
  | 'inclusion'
  | 'ledger'
  | 'health'
  | 'revocation'
  | 'code-age'
  | 'produce-date'
  | 'payment'
  | 'produce'
  | 'header-freshness'
  | 'policy-freshness'
  | 'clock';

export type ReasonCode =
  | 'OK'
  | 'PAYLOAD_MALFORMED'
  | 'PAYLOAD_UNKNOWN_VERSION'
  | 'CHAIN_UNKNOWN'
  | 'URL_BASE_MISMATCH'
  | 'BARE_PAYLOAD'
  | 'ANCHOR_NOT_CACHED'
  | 'INCLUSION_MISMATCH'
  | 'PROOF_SHAPE'
  | 'HEALTH_EXPIRED'
  | 'HEALTH_REVOKED'
  | 'CODE_REVOKED'
  | 'REGISTRATION_REVOKED'
  | 'STALL_HANDED_OVER'
  | 'REVOCATIONS_NOT_SYNCED'
  | 'REVOCATIONS_STALE'
  | 'REVOCATIONS_INCOMPLETE'
  | 'LEDGER_FORKED'
  | 'CODE_STALE'
  | 'PRODUCE_NOT_TODAY'
  | 'PAYMENT_MALFORMED'
  | 'PRODUCE_TEST_FAILED'
  | 'HEADERS_NOT_SYNCED'
  | 'HEADERS_STALE'
  | 'POLICY_NOT_SYNCED'
  | 'POLICY_STALE'
  | 'CLOCK_BEHIND';

type NoDetail = Record<never, never>;
/** An age against the market's limit (seconds). */
interface Staleness {
  ageSeconds: number;
  limitSeconds: number;
}

/**
 * What each problem puts into its sentence (ages in seconds, times in ms, market days, indices).
 * Typed per reason so that the UI's texts (src/app/i18n/reasons.ts) cannot ask for a field the
 * check does not carry.
 */
export interface ReasonDetail {
  PAYLOAD_MALFORMED: { error: string };
  PAYLOAD_UNKNOWN_VERSION: { error: string };
  CHAIN_UNKNOWN: { chainId: string };
  URL_BASE_MISMATCH: { base: string };
  BARE_PAYLOAD: NoDetail;
  ANCHOR_NOT_CACHED: { height: number };
  INCLUSION_MISMATCH: NoDetail;
  PROOF_SHAPE: NoDetail;
  HEALTH_EXPIRED: { validUntil: number };
  HEALTH_REVOKED: { validUntil: number };
  CODE_REVOKED: NoDetail;
  REGISTRATION_REVOKED: NoDetail;
  STALL_HANDED_OVER: NoDetail;
  REVOCATIONS_NOT_SYNCED: NoDetail;
  REVOCATIONS_STALE: Staleness;
  /** `missing`: status events a header commits to beyond those held, when known. */
  REVOCATIONS_INCOMPLETE: { missing?: number };
  LEDGER_FORKED: { height: number };
  CODE_STALE: Staleness;
  /** `day`: the oldest batch's market day (days since 1970-01-01 in the market's time zone). */
  PRODUCE_NOT_TODAY: { day: number; limitSeconds: number };
  PAYMENT_MALFORMED: { channel: number };
  PRODUCE_TEST_FAILED: { batch: number };
  HEADERS_NOT_SYNCED: NoDetail;
  HEADERS_STALE: Staleness;
  POLICY_NOT_SYNCED: NoDetail;
  POLICY_STALE: Staleness;
  CLOCK_BEHIND: { blockTime: number };
}

/** What a passed check puts into its sentence, per check. */
export interface PassDetail {
  format: NoDetail;
  chain: NoDetail;
  url: NoDetail;
  anchor: { height: number; time: number };
  inclusion: NoDetail;
  ledger: NoDetail;
  health: { validUntil: number };
  revocation: { ageSeconds: number };
  'code-age': { ageSeconds: number };
  /** `day`: the oldest batch's market day; absent when the code lists no batch. */
  'produce-date': { day?: number };
  payment: NoDetail;
  produce: NoDetail;
  'header-freshness': { ageSeconds: number };
  'policy-freshness': { ageSeconds: number };
  clock: NoDetail;
}

export type ProblemReason = Exclude<ReasonCode, 'OK'>;

/** `detail` may be left out where every field is optional (or there is none). */
type WithDetail<D> = Record<never, never> extends D ? { detail?: D } : { detail: D };

export type PassCheck = { [I in CheckId]: { id: I; status: 'pass'; reason: 'OK' } & WithDetail<PassDetail[I]> }[CheckId];
/** A problem fails or leaves its check unknown; BARE_PAYLOAD is a note on a passed check. */
export type ProblemCheck = {
  [R in ProblemReason]: { id: CheckId; status: R extends 'BARE_PAYLOAD' ? 'pass' : 'fail' | 'unknown'; reason: R } & WithDetail<ReasonDetail[R]>;
}[ProblemReason];
/** One check of a verdict: pass with the check's facts, or a problem with its reason's. */
export type Check = PassCheck | ProblemCheck;

export interface Anchor {
  height: number;
  index: number;
  /** Block time, ms; absent when the header is not cached. */
  time?: number;
  threshold: number;
  validators: number;
}

export type OtherCode =
  | { kind: 'emv'; text: string; payee?: string; city?: string }
  | { kind: 'url'; text: string }
  | { kind: 'text'; text: string };

export interface Verdict {
  status: VerdictStatus;
  checks: Check[];
  code?: StallCode;
  /** Ledger position of the stall-code record (for revocation look-ups and the UI). */
  ref?: RecordRef;
  anchor?: Anchor;
  other?: OtherCode;
  /** The chain a code of an unknown market names. */
  chainId?: string;
}

export function overallStatus(checks: readonly Check[]): 'verified' | 'warning' | 'invalid' {
  if (checks.some((c) => c.status === 'fail')) return 'invalid';
  if (checks.some((c) => c.status === 'unknown')) return 'warning';
  return 'verified';
}
