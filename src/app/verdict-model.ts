// What the verdict screen derives from a Verdict, as pure functions (unit-tested): the health
// credential's state, the order checks are listed in, and the problems an inspector's log keeps
// (whether and how payment is offered: src/app/payment-handoff.ts).

import { CoreError, decodePayload, parseQrText, type Check, type CheckStatus, type Verdict } from '../core';

export type HealthState = 'valid' | 'expired' | 'revoked' | 'unconfirmed';

/**
 * Valid only when the code's bytes are anchored, the certificate is unexpired AND revocation was
 * ruled out with fresh data. A code whose anchor could not be checked makes claims, not facts.
 */
export function healthState(checks: readonly Check[]): HealthState {
  const anchored = checks.some((c) => c.id === 'inclusion' && c.status === 'pass');
  const health = checks.find((c) => c.id === 'health');
  const revocation = checks.find((c) => c.id === 'revocation');
  if (health?.reason === 'HEALTH_REVOKED') return 'revoked';
  if (health?.reason === 'HEALTH_EXPIRED') return 'expired';
  if (anchored && health?.status === 'pass' && revocation?.status === 'pass') return 'valid';
  return 'unconfirmed';
}

const ORDER: Record<CheckStatus, number> = { fail: 0, unknown: 1, pass: 2 };

/** Failed checks first, then the unconfirmed ones, then passes; stable within each group. */
export function sortChecks(checks: readonly Check[]): Check[] {
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => ORDER[a.c.status] - ORDER[b.c.status] || a.i - b.i)
    .map((x) => x.c);
}

/**
 * Whether the code's content may be shown as facts: only when its bytes are the anchored ones
 * (the inclusion check passed) and nothing failed. An invalid code shows the failing reasons and
 * at most its claimed stall number, marked unverified; an amber code whose anchor could not be
 * checked shows its content marked unconfirmed, never with green badges.
 */
export type ContentTrust = 'verified' | 'unconfirmed' | 'hidden';

export function contentTrust(v: Verdict): ContentTrust {
  if (v.status === 'verified') return 'verified';
  if (v.status !== 'warning') return 'hidden';
  return v.checks.some((c) => c.id === 'inclusion' && c.status === 'pass') ? 'verified' : 'unconfirmed';
}

/**
 * How a check is shown. A failed rapid test is a known fact, not an open question: the verdict is
 * amber (the code is genuine), but the line says "failed", never "could not be confirmed".
 */
export function shownCheckStatus(c: Check, content: ContentTrust = 'verified'): CheckStatus {
  if (c.reason === 'PRODUCE_TEST_FAILED') return 'fail';
  // A passed check on content whose bytes are not anchored vouches for nothing yet.
  if (content !== 'verified' && c.status === 'pass' && CONTENT_CHECKS.has(c.id)) return 'unknown';
  return c.status;
}

/** Checks that judge what the code says, as opposed to its form, its anchor or the caches. */
const CONTENT_CHECKS: ReadonlySet<Check['id']> = new Set(['health', 'revocation', 'code-age', 'produce-date', 'payment', 'produce']);

/** Reason codes of the checks that did not pass (for the inspection log and its CSV). */
export function problemReasons(v: Verdict): string[] {
  return v.checks.filter((c) => c.status !== 'pass').map((c) => c.reason);
}

/**
 * Stall number and name a Sanma text claims, and the block position of its record (unverified:
 * for labels of history entries and the inspection CSV only).
 */
export function claimedStall(text: string): { stallNo: string; stallName: string; height: number; index: number } | null {
  try {
    const parsed = parseQrText(text);
    if (parsed.kind !== 'sanma') return null;
    const { record, height, index } = decodePayload(parsed.payload);
    return { stallNo: record.stallNo, stallName: record.stallName, height, index };
  } catch (e) {
    if (e instanceof CoreError) return null;
    throw e;
  }
}
