// What the verdict screen derives from a Verdict, as pure functions (unit-tested): the health
// credential's state, the order checks are listed in, whether payment may be offered, and the
// problems an inspector's log keeps.

import { CoreError, decodePayload, parseQrText, type Check, type CheckStatus, type PaymentChannel, type Verdict } from '../core';

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

/** Only an https URL is ever put into an href: the value comes from a hostile QR code. */
export function safePaymentUrl(channel: PaymentChannel): string | null {
  if (channel.type !== 'url') return null;
  try {
    const u = new URL(channel.value);
    return u.protocol === 'https:' && u.hostname !== '' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Payment is offered for verified and warning codes; an invalid code's channels are hidden (a
 * swapped or forged payment part is exactly what an invalid verdict may mean).
 */
export function paymentOffered(v: Verdict): boolean {
  return v.status === 'verified' || v.status === 'warning';
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
