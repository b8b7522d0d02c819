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

export interface Check {
  id: CheckId;
  status: CheckStatus;
  reason: ReasonCode;
  /** Numbers the UI puts into the message (ages in seconds, times in ms, indices). */
  detail?: Record<string, number | string>;
}

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
