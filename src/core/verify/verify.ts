// verifyStallCode: QR text → Verdict, synchronous, pure, offline (DESIGN §3). The caller loads
// the trust state and the cached headers first; nothing here fetches. A verdict is `verified` only
// when every check passed: a missing header, stale caches or a device clock behind the block are
// `warning`, never green.

import { describeEmv, looksLikeEmv, tryParseEmv } from '../emv';
import { CoreError } from '../errors';
import { leafHash, verifyInclusion, inclusionProofLength } from '../merkle';
import { decodePayload, PAYLOAD_VERSION } from '../codec/payload';
import { parseQrText } from '../codec/qrtext';
import type { BlockHeader, RecordRef, StallCodePayload, TrustPolicy } from '../codec/types';
import { paymentChannelOk } from '../ledger/rules';
import { overallStatus, type Check, type Verdict } from './verdict';

export interface HeaderLookup {
  /** A header from the verified cache, or undefined when it is not cached. */
  get(height: number): BlockHeader | undefined;
}

export interface TrustState {
  policy: TrustPolicy;
  /** Records revoked by proof-checked revocation records, keyed by refKey(). */
  revoked: ReadonlySet<string>;
  /** When the header cache was last brought up to the ledger's tip (ms), or null if never. */
  headersSyncedAt: number | null;
  /** When revocations were last synced (ms), or null if never. */
  revocationsSyncedAt: number | null;
}

export const refKey = (r: RecordRef): string => `${r.height}:${r.index}`;

/** A device clock this far behind the block time makes expiry checks meaningless. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

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
    checks.push({ id: 'chain', status: 'fail', reason: 'CHAIN_UNKNOWN', detail: { chainId: payload.chainId } });
    return { status: 'invalid', checks, code, ref, anchor };
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
    checks.push({ id: 'inclusion', status: 'unknown', reason: 'ANCHOR_NOT_CACHED' });
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

  checks.push(
    now > code.health.validUntil
      ? { id: 'health-expiry', status: 'fail', reason: 'HEALTH_EXPIRED', detail: { validUntil: code.health.validUntil } }
      : { id: 'health-expiry', status: 'pass', reason: 'OK', detail: { validUntil: code.health.validUntil } },
  );

  checks.push(revocationCheck(trust, ref, code.health, now));

  const codeTime = blockTime ?? code.issuedAt;
  const codeAge = Math.max(0, Math.floor((now - codeTime) / 1000));
  checks.push(
    codeAge > policy.maxCodeAgeSeconds
      ? { id: 'code-age', status: 'unknown', reason: 'CODE_STALE', detail: { ageSeconds: codeAge, limitSeconds: policy.maxCodeAgeSeconds } }
      : { id: 'code-age', status: 'pass', reason: 'OK', detail: { ageSeconds: codeAge } },
  );

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

  checks.push(freshness(trust.headersSyncedAt, policy.maxHeaderAgeSeconds, now));

  if (blockTime !== undefined && now + CLOCK_SKEW_MS < blockTime) {
    checks.push({ id: 'clock', status: 'unknown', reason: 'CLOCK_BEHIND', detail: { blockTime } });
  }

  const time = blockTime;
  return { status: overallStatus(checks), checks, code, ref, anchor: time === undefined ? anchor : { ...anchor, time } };
}

function revocationCheck(trust: TrustState, ref: RecordRef, health: RecordRef, now: number): Check {
  if (trust.revoked.has(refKey(health))) return { id: 'revocation', status: 'fail', reason: 'HEALTH_REVOKED' };
  if (trust.revoked.has(refKey(ref))) return { id: 'revocation', status: 'fail', reason: 'CODE_REVOKED' };
  if (trust.revocationsSyncedAt === null) return { id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_NOT_SYNCED' };
  const age = Math.max(0, Math.floor((now - trust.revocationsSyncedAt) / 1000));
  if (age > trust.policy.maxRevocationAgeSeconds) {
    return { id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_STALE', detail: { ageSeconds: age, limitSeconds: trust.policy.maxRevocationAgeSeconds } };
  }
  return { id: 'revocation', status: 'pass', reason: 'OK', detail: { ageSeconds: age } };
}

function freshness(syncedAt: number | null, limitSeconds: number, now: number): Check {
  if (syncedAt === null) return { id: 'header-freshness', status: 'unknown', reason: 'HEADERS_NOT_SYNCED' };
  const age = Math.max(0, Math.floor((now - syncedAt) / 1000));
  if (age > limitSeconds) return { id: 'header-freshness', status: 'unknown', reason: 'HEADERS_STALE', detail: { ageSeconds: age, limitSeconds } };
  return { id: 'header-freshness', status: 'pass', reason: 'OK', detail: { ageSeconds: age } };
}
