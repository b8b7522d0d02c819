// What the verdict screen derives from a Verdict, as pure functions (unit-tested): the health
// credential's state, the order checks are listed in, and the problems an inspector's log keeps
// (whether and how payment is offered: src/app/payment-handoff.ts).

import { CoreError, decodePayload, parseQrText, type Check, type CheckStatus, type Verdict } from '../core';

export type HealthState = 'valid' | 'expired' | 'revoked' | 'unconfirmed';

/** Valid only when it is unexpired AND revocation was ruled out with fresh data. */
export function healthState(checks: readonly Check[]): HealthState {
  const expiry = checks.find((c) => c.id === 'health-expiry');
  const revocation = checks.find((c) => c.id === 'revocation');
  if (revocation?.reason === 'HEALTH_REVOKED') return 'revoked';
  if (expiry?.status === 'fail') return 'expired';
  if (expiry?.status === 'pass' && revocation?.status === 'pass') return 'valid';
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

/** Reason codes of the checks that did not pass (for the inspection log and its CSV). */
export function problemReasons(v: Verdict): string[] {
  return v.checks.filter((c) => c.status !== 'pass').map((c) => c.reason);
}

/** Stall number and name a Sanma text claims (unverified: for labels of history entries only). */
export function claimedStall(text: string): { stallNo: string; stallName: string } | null {
  try {
    const parsed = parseQrText(text);
    if (parsed.kind !== 'sanma') return null;
    const { record } = decodePayload(parsed.payload);
    return { stallNo: record.stallNo, stallName: record.stallName };
  } catch (e) {
    if (e instanceof CoreError) return null;
    throw e;
  }
}
