// verifyStallCode: QR text → Verdict, synchronous, pure, offline (docs/FORMAT.md §12). The caller
// loads the trust state and the cached headers first; nothing here fetches. The rule is "never
// greener than the truth": `verified` only when every check passed; anything the device could not
// check is `warning`; a code that is tampered with, revoked or handed over is `invalid`; a code of
// a market this app does not know is `unknown-market` (neutral: not forged, just not checkable).
// Content checks are made only once the code's bytes are anchored: a code whose proof fails
// vouches for nothing, so its health dates, produce and payment are not judged at all.

import { describeEmv, looksLikeEmv, tryParseEmv } from '../emv';
import { CoreError } from '../errors';
import { leafHash, verifyInclusion, inclusionProofLength } from '../merkle';
import { decodePayload, PAYLOAD_VERSION } from '../codec/payload';
import { parseQrText } from '../codec/qrtext';
import type { BlockHeader, RecordRef, StallCode, StallCodePayload, TrustPolicy } from '../codec/types';
import { paymentChannelOk } from '../ledger/rules';
import type { FeedReason, StatusKind } from '../ledger/revocation-chain';
import { overallStatus, type Check, type Verdict } from './verdict';

export interface HeaderLookup {
  /** A header from the verified cache, or undefined when it is not cached. */
  get(height: number): BlockHeader | undefined;
}

export interface TrustState {
  policy: TrustPolicy;
  /** Records made red by checked status events, keyed by refKey(). */
  revoked: ReadonlyMap<string, StatusKind>;
  /** How many status events the device holds, checked against a header's commitment; null if never synced. */
  revocationCount: number | null;
  /** When revocations were last synced completely (ms), or null if never. */
  revocationsSyncedAt: number | null;
  /** Why the last revocation sync was refused (a mirror withheld or reordered events), if it was. */
  revocationsRefused: FeedReason | null;
  /** When the header cache was last brought up to the ledger's tip (ms), or null if never. */
  headersSyncedAt: number | null;
  /** The newest verified header the device holds. */
  headersTip: { height: number; revocationCount: number } | null;
  /** When the policy was last fetched and checked (ms), or null if it is only the built-in one. */
  policyFetchedAt: number | null;
  /** Heights at which fork evidence for this chain is held. */
  forkHeights: readonly number[];
}

export const refKey = (r: RecordRef): string => `${r.height}:${r.index}`;

/** A device clock this far behind the block time makes expiry checks meaningless. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 86_400_000;

/** The market's calendar day (days since 1970-01-01) at time `ms`. */
export function marketDay(ms: number, policy: Pick<TrustPolicy, 'utcOffsetMinutes'>): number {
  return Math.floor((ms + policy.utcOffsetMinutes * 60_000) / DAY_MS);
}

/** When the market's day `day` began, in ms since the epoch. */
export function marketDayStart(day: number, policy: Pick<TrustPolicy, 'utcOffsetMinutes'>): number {
  return day * DAY_MS - policy.utcOffsetMinutes * 60_000;
}

export function verifyStallCode(text: string, trust: TrustState, headers: HeaderLookup, now: number): Verdict {
  const { policy } = trust;
  let parsed;
  try {
    parsed = parseQrText(text);
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    return { status: 'not-sanma', checks: [], other: { kind: 'text', text: text.slice(0, 200) } };
  }
  if (parsed.kind === 'url') return { status: 'not-sanma', checks: [], other: { kind: 'url', text: parsed.url } };
  if (parsed.kind === 'text') {
    if (looksLikeEmv(parsed.text)) {
      const emv = tryParseEmv(parsed.text);
      return { status: 'not-sanma', checks: [], other: { kind: 'emv', text: parsed.text, ...(emv.ok ? describeEmv(emv.value) : {}) } };
    }
    return { status: 'not-sanma', checks: [], other: { kind: 'text', text: parsed.text } };
  }
  if (parsed.kind === 'sanma-malformed') {
    return { status: 'invalid', checks: [{ id: 'format', status: 'fail', reason: 'PAYLOAD_MALFORMED', detail: { error: parsed.reason } }] };
  }

  let payload: StallCodePayload;
  try {
    payload = decodePayload(parsed.payload);
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    // A bare string that is not even our version byte is just some text, not a damaged code.
    if (parsed.base === null && parsed.payload[0] !== PAYLOAD_VERSION) return { status: 'not-sanma', checks: [], other: { kind: 'text', text: text.trim() } };
    const reason = e.code === 'BAD_VERSION' ? 'PAYLOAD_UNKNOWN_VERSION' : 'PAYLOAD_MALFORMED';
    return { status: 'invalid', checks: [{ id: 'format', status: 'fail', reason, detail: { error: e.code } }] };
  }

  const code = payload.record;
  const ref = { height: payload.height, index: payload.index };
  const checks: Check[] = [{ id: 'format', status: 'pass', reason: 'OK' }];
  const anchor = { height: payload.height, index: payload.index, threshold: policy.threshold, validators: policy.validators.length };

  if (payload.chainId !== policy.chainId) {
    // Not forged as far as anyone here can tell: a market this app has no trust material for.
    checks.push({ id: 'chain', status: 'unknown', reason: 'CHAIN_UNKNOWN', detail: { chainId: payload.chainId } });
    return { status: 'unknown-market', checks, chainId: payload.chainId };
  }
  checks.push({ id: 'chain', status: 'pass', reason: 'OK' });

  // A genuine payload behind someone else's URL still opens their site on a phone camera.
  if (parsed.base === null) checks.push({ id: 'url', status: 'pass', reason: 'BARE_PAYLOAD' });
  else if (parsed.base !== policy.codeBaseUrl) checks.push({ id: 'url', status: 'fail', reason: 'URL_BASE_MISMATCH', detail: { base: parsed.base } });
  else checks.push({ id: 'url', status: 'pass', reason: 'OK' });

  const header = headers.get(payload.height);
  let blockTime: number | undefined;
  if (!header || header.chainId !== policy.chainId || header.height !== payload.height) {
    checks.push({ id: 'anchor', status: 'unknown', reason: 'ANCHOR_NOT_CACHED', detail: { height: payload.height } });
  } else {
    blockTime = header.time;
    checks.push({ id: 'anchor', status: 'pass', reason: 'OK', detail: { height: header.height, time: header.time } });
    if (payload.index >= header.recordCount || payload.proof.length !== inclusionProofLength(payload.index, header.recordCount)) {
      checks.push({ id: 'inclusion', status: 'fail', reason: 'PROOF_SHAPE' });
    } else if (!verifyInclusion(payload.index, header.recordCount, leafHash(payload.body), payload.proof, header.recordsRoot)) {
      checks.push({ id: 'inclusion', status: 'fail', reason: 'INCLUSION_MISMATCH' });
    } else {
      checks.push({ id: 'inclusion', status: 'pass', reason: 'OK' });
    }
  }
  const withAnchor = blockTime === undefined ? anchor : { ...anchor, time: blockTime };
  // The content of a code whose bytes are not the anchored ones is the forger's word: judge none of it.
  if (checks.some((c) => c.status === 'fail')) return { status: 'invalid', checks, code, ref, anchor: withAnchor };

  if (trust.forkHeights.length > 0) {
    checks.push({ id: 'ledger', status: 'unknown', reason: 'LEDGER_FORKED', detail: { height: Math.min(...trust.forkHeights) } });
  }
  checks.push(healthCheck(trust, code, now));
  checks.push(statusCheck(trust, ref, code, header, now));

  const codeTime = blockTime ?? code.issuedAt;
  const codeAge = Math.max(0, Math.floor((now - codeTime) / 1000));
  checks.push(
    codeAge > policy.maxCodeAgeSeconds
      ? { id: 'code-age', status: 'unknown', reason: 'CODE_STALE', detail: { ageSeconds: codeAge, limitSeconds: policy.maxCodeAgeSeconds } }
      : { id: 'code-age', status: 'pass', reason: 'OK', detail: { ageSeconds: codeAge } },
  );
  checks.push(produceDateCheck(code, policy, now));

  const badChannel = code.channels.findIndex((c) => !paymentChannelOk(c));
  checks.push(
    badChannel >= 0
      ? { id: 'payment', status: 'fail', reason: 'PAYMENT_MALFORMED', detail: { channel: badChannel } }
      : { id: 'payment', status: 'pass', reason: 'OK' },
  );

  // A failed rapid test is a true, anchored statement by the vendor: the code is genuine, but the
  // shopper must be warned, so amber rather than red.
  const failedBatch = code.batches.findIndex((b) => b.test === 'fail');
  checks.push(
    failedBatch >= 0
      ? { id: 'produce', status: 'unknown', reason: 'PRODUCE_TEST_FAILED', detail: { batch: failedBatch } }
      : { id: 'produce', status: 'pass', reason: 'OK' },
  );

  checks.push(freshness('header-freshness', trust.headersSyncedAt, policy.maxHeaderAgeSeconds, now, 'HEADERS'));
  checks.push(freshness('policy-freshness', trust.policyFetchedAt, policy.maxPolicyAgeSeconds, now, 'POLICY'));

  if (blockTime !== undefined && now + CLOCK_SKEW_MS < blockTime) {
    checks.push({ id: 'clock', status: 'unknown', reason: 'CLOCK_BEHIND', detail: { blockTime } });
  }

  return { status: overallStatus(checks), checks, code, ref, anchor: withAnchor };
}

function healthCheck(trust: TrustState, code: StallCode, now: number): Check {
  const validUntil = code.health.validUntil;
  if (trust.revoked.has(refKey(code.health))) return { id: 'health', status: 'fail', reason: 'HEALTH_REVOKED', detail: { validUntil } };
  if (now > validUntil) return { id: 'health', status: 'fail', reason: 'HEALTH_EXPIRED', detail: { validUntil } };
  return { id: 'health', status: 'pass', reason: 'OK', detail: { validUntil } };
}

/** Is the code, or the registration it was built on, revoked or replaced; and can we tell? */
function statusCheck(trust: TrustState, ref: RecordRef, code: StallCode, header: BlockHeader | undefined, now: number): Check {
  if (trust.revoked.has(refKey(ref))) return { id: 'revocation', status: 'fail', reason: 'CODE_REVOKED' };
  const registration = trust.revoked.get(refKey(code.registration));
  if (registration === 'superseded') return { id: 'revocation', status: 'fail', reason: 'STALL_HANDED_OVER' };
  if (registration === 'revoked') return { id: 'revocation', status: 'fail', reason: 'REGISTRATION_REVOKED' };
  // A verified header that commits to more events than the device holds proves some are missing.
  const committed = Math.max(header?.revocationCount ?? 0, trust.headersTip?.revocationCount ?? 0);
  const missing = committed - (trust.revocationCount ?? 0);
  const incomplete: Check = { id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_INCOMPLETE', ...(missing > 0 ? { detail: { missing } } : {}) };
  if (trust.revocationsRefused) return incomplete;
  if (trust.revocationCount === null || trust.revocationsSyncedAt === null) return { id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_NOT_SYNCED' };
  // Without a synced header tip nothing says how many events the chain holds by now.
  if (missing > 0 || trust.headersTip === null) return incomplete;
  const age = Math.max(0, Math.floor((now - trust.revocationsSyncedAt) / 1000));
  if (age > trust.policy.maxRevocationAgeSeconds) {
    return { id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_STALE', detail: { ageSeconds: age, limitSeconds: trust.policy.maxRevocationAgeSeconds } };
  }
  return { id: 'revocation', status: 'pass', reason: 'OK', detail: { ageSeconds: age } };
}

/** Produce is "today's" only when dated today; any batch dated longer ago than the limit is amber. */
function produceDateCheck(code: StallCode, policy: TrustPolicy, now: number): Check {
  if (code.batches.length === 0) return { id: 'produce-date', status: 'pass', reason: 'OK' };
  const oldest = Math.min(...code.batches.map((b) => b.day));
  const ageSeconds = Math.floor((now - marketDayStart(oldest, policy)) / 1000);
  if (ageSeconds > policy.maxProduceAgeSeconds) {
    return { id: 'produce-date', status: 'unknown', reason: 'PRODUCE_NOT_TODAY', detail: { day: oldest, limitSeconds: policy.maxProduceAgeSeconds } };
  }
  return { id: 'produce-date', status: 'pass', reason: 'OK', detail: { day: oldest } };
}

function freshness(id: 'header-freshness' | 'policy-freshness', syncedAt: number | null, limitSeconds: number, now: number, what: 'HEADERS' | 'POLICY'): Check {
  if (syncedAt === null) return { id, status: 'unknown', reason: `${what}_NOT_SYNCED` };
  const age = Math.max(0, Math.floor((now - syncedAt) / 1000));
  if (age > limitSeconds) return { id, status: 'unknown', reason: `${what}_STALE`, detail: { ageSeconds: age, limitSeconds } };
  return { id, status: 'pass', reason: 'OK', detail: { ageSeconds: age } };
}
