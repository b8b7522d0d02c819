// verifyStallCode as the shopper and the inspector meet it (docs/FORMAT.md §12): one
// test per situation, asserting the overall status and the reason of the check that decides it.
// The last test checks that every ReasonCode of verdict.ts was produced by a test above, so a new
// reason cannot be added without a test that reaches it.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MARKET_DAY0, TYPICAL_BATCHES, TYPICAL_CHANNELS, TestNetwork, seededKey, typicalNetwork, unionPayEmv } from '../../../test/fixtures/network';
import { encodeBase32 } from '../base32';
import { concatBytes } from '../bytes';
import { encodePayload } from '../codec/payload';
import { stallCodeText } from '../codec/qrtext';
import { encodeRecord } from '../codec/records';
import type { Batch, BlockHeader, HealthCredential, StallCode } from '../codec/types';
import { buildBlock } from '../ledger/block';
import { checkStatusEvents, EMPTY_REVOCATIONS, type StatusEventItem } from '../ledger/revocation-chain';
import { recordId } from '../ledger/rules';
import type { CheckId, ReasonCode, Verdict } from './verdict';
import { marketDay, marketDayStart, refKey, verifyStallCode, type HeaderLookup, type TrustState } from './verify';

const { net, block, index, code } = typicalNetwork(4);
const { text, payload } = net.codeText(block, index);
const NOW = net.now();
const blockTime = block.built.header.time;
const cached = (map: ReadonlyMap<number, BlockHeader> = net.headers): HeaderLookup => ({ get: (h) => map.get(h) });

const seen = new Set<ReasonCode>();
function verify(t: string, opts: { trust?: Partial<TrustState>; headers?: HeaderLookup; now?: number } = {}): Verdict {
  const now = opts.now ?? NOW;
  const v = verifyStallCode(t, { ...net.trust(now), ...opts.trust }, opts.headers ?? cached(), now);
  for (const c of v.checks) seen.add(c.reason);
  return v;
}
const check = (v: Verdict, id: CheckId) => v.checks.find((c) => c.id === id);

/** A stall code sealed on a fresh network, for content the typical code does not have. */
function sealedCode(over: Partial<StallCode>) {
  const n = new TestNetwork();
  const vendor = seededKey('vendor-V1');
  n.seal([n.sign(n.registration('V1', vendor, TYPICAL_CHANNELS), n.marketOffice.secretKey)]);
  const cred = n.seal([n.sign(n.credential(vendor), n.healthAuthority.secretKey)]).stored[0]!;
  const c: StallCode = {
    kind: 'stall-code',
    issuedAt: n.now(),
    stallNo: 'V1',
    stallName: '张三蔬菜',
    registration: n.registrationOf('V1'),
    health: { ...cred.ref, validUntil: (cred.record as HealthCredential).validUntil },
    channels: TYPICAL_CHANNELS,
    batches: TYPICAL_BATCHES,
    ...over,
  };
  const b = n.seal([n.sign(c, vendor.secretKey)]);
  return { n, ...n.codeText(b, 0) };
}

describe('a genuine code', () => {
  it('is verified with every check passing, the record, its position and its anchor', () => {
    const v = verify(text);
    expect(v.status).toBe('verified');
    expect(v.checks.map((c) => [c.id, c.status, c.reason])).toEqual(
      (
        ['format', 'chain', 'url', 'anchor', 'inclusion', 'health', 'revocation', 'code-age', 'produce-date', 'payment', 'produce', 'header-freshness', 'policy-freshness'] as const
      ).map((id) => [id, 'pass', 'OK']),
    );
    expect(v.code).toEqual(code);
    expect(v.ref).toEqual({ height: 3, index });
    expect(v.anchor).toEqual({ height: 3, index, time: blockTime, threshold: 2, validators: 3 });
  });

  it('the bare payload is accepted (url check BARE_PAYLOAD)', () => {
    const v = verify(encodeBase32(payload));
    expect(v.status).toBe('verified');
    expect(check(v, 'url')).toEqual({ id: 'url', status: 'pass', reason: 'BARE_PAYLOAD' });
  });

  it('a lower-case URL (a scanner that folds case) is accepted', () => {
    expect(verify(text.toLowerCase()).status).toBe('verified');
  });
});

describe('what cannot be checked is amber, never green', () => {
  it('header not in the cache: ANCHOR_NOT_CACHED, and no inclusion check is claimed', () => {
    const v = verify(text, { headers: cached(new Map()) });
    expect(v.status).toBe('warning');
    expect(check(v, 'anchor')).toMatchObject({ status: 'unknown', reason: 'ANCHOR_NOT_CACHED', detail: { height: 3 } });
    expect(check(v, 'inclusion')).toBeUndefined();
    expect(v.anchor?.time).toBeUndefined();
  });

  it('a cached header of another chain at that height does not count as the anchor', () => {
    const other = new Map([[3, { ...block.built.header, chainId: 'other-market' }]]);
    expect(check(verify(text, { headers: cached(other) }), 'anchor')?.reason).toBe('ANCHOR_NOT_CACHED');
  });

  it('headers synced longer ago than the policy allows: HEADERS_STALE with the age', () => {
    const v = verify(text, { trust: { headersSyncedAt: NOW - 86_401_000 } });
    expect(v.status).toBe('warning');
    expect(check(v, 'header-freshness')).toEqual({ id: 'header-freshness', status: 'unknown', reason: 'HEADERS_STALE', detail: { ageSeconds: 86_401, limitSeconds: 86_400 } });
  });

  it('headers never synced: HEADERS_NOT_SYNCED', () => {
    const v = verify(text, { trust: { headersSyncedAt: null } });
    expect(v.status).toBe('warning');
    expect(check(v, 'header-freshness')?.reason).toBe('HEADERS_NOT_SYNCED');
  });

  it('revocations synced longer ago than the policy allows: REVOCATIONS_STALE with the age', () => {
    const v = verify(text, { trust: { revocationsSyncedAt: NOW - 2 * DAY_MS } });
    expect(v.status).toBe('warning');
    expect(check(v, 'revocation')).toEqual({ id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_STALE', detail: { ageSeconds: 172_800, limitSeconds: 86_400 } });
  });

  it('revocations never synced: REVOCATIONS_NOT_SYNCED', () => {
    const v = verify(text, { trust: { revocationsSyncedAt: null } });
    expect(v.status).toBe('warning');
    expect(check(v, 'revocation')?.reason).toBe('REVOCATIONS_NOT_SYNCED');
  });

  it('a code anchored longer ago than maxCodeAgeSeconds: CODE_STALE with the age', () => {
    const later = blockTime + 8 * DAY_MS;
    const v = verify(text, { now: later });
    expect(v.status).toBe('warning');
    expect(check(v, 'code-age')).toEqual({ id: 'code-age', status: 'unknown', reason: 'CODE_STALE', detail: { ageSeconds: 8 * 86_400, limitSeconds: 7 * 86_400 } });
  });

  it('a device clock more than 5 minutes behind the block: CLOCK_BEHIND', () => {
    const v = verify(text, { now: blockTime - 10 * 60_000 });
    expect(v.status).toBe('warning');
    expect(check(v, 'clock')).toEqual({ id: 'clock', status: 'unknown', reason: 'CLOCK_BEHIND', detail: { blockTime } });
    expect(check(verify(text, { now: blockTime - 60_000 }), 'clock')).toBeUndefined();
  });

  it('a batch with a failed rapid test: genuine, but PRODUCE_TEST_FAILED warns the shopper', () => {
    const failed = [TYPICAL_BATCHES[0]!, { ...TYPICAL_BATCHES[1]!, test: 'fail' as const }];
    const s = sealedCode({ batches: failed });
    const v = verifyStallCode(s.text, s.n.trust(), cached(s.n.headers), s.n.now());
    v.checks.forEach((c) => seen.add(c.reason));
    expect(v.status).toBe('warning');
    expect(check(v, 'produce')).toEqual({ id: 'produce', status: 'unknown', reason: 'PRODUCE_TEST_FAILED', detail: { batch: 1 } });
    expect(check(v, 'inclusion')?.status).toBe('pass');
  });
});

describe('what is wrong is red', () => {
  it('an expired health credential: the health check fails HEALTH_EXPIRED with its end', () => {
    const after = code.health.validUntil + 1;
    const v = verify(text, { now: after });
    expect(v.status).toBe('invalid');
    expect(check(v, 'health')).toEqual({ id: 'health', status: 'fail', reason: 'HEALTH_EXPIRED', detail: { validUntil: code.health.validUntil } });
  });

  it('a revoked health credential: the health check fails HEALTH_REVOKED, and no health check passes', () => {
    const v = verify(text, { trust: { revoked: new Map([[refKey(code.health), 'revoked']]) } });
    expect(v.status).toBe('invalid');
    expect(v.checks.filter((c) => c.id === 'health')).toEqual([{ id: 'health', status: 'fail', reason: 'HEALTH_REVOKED', detail: { validUntil: code.health.validUntil } }]);
    expect(check(v, 'revocation')?.status).toBe('pass');
  });

  it('a revoked stall code: CODE_REVOKED', () => {
    const v = verify(text, { trust: { revoked: new Map([[refKey({ height: 3, index }), 'revoked']]) } });
    expect(v.status).toBe('invalid');
    expect(check(v, 'revocation')).toEqual({ id: 'revocation', status: 'fail', reason: 'CODE_REVOKED' });
  });

  it('the registration the code was built on is revoked: REGISTRATION_REVOKED', () => {
    const v = verify(text, { trust: { revoked: new Map([[refKey(code.registration), 'revoked']]) } });
    expect(v.status).toBe('invalid');
    expect(check(v, 'revocation')).toEqual({ id: 'revocation', status: 'fail', reason: 'REGISTRATION_REVOKED' });
  });

  it('the stall was handed over (its registration superseded): STALL_HANDED_OVER', () => {
    const v = verify(text, { trust: { revoked: new Map([[refKey(code.registration), 'superseded']]) } });
    expect(v.status).toBe('invalid');
    expect(check(v, 'revocation')).toEqual({ id: 'revocation', status: 'fail', reason: 'STALL_HANDED_OVER' });
  });

  it('a genuine payload behind another URL base: URL_BASE_MISMATCH, and its content is not judged', () => {
    const v = verify(stallCodeText('HTTPS://SANMA.EXAMPLE.EVIL.INVALID', payload));
    expect(v.status).toBe('invalid');
    expect(check(v, 'url')).toEqual({ id: 'url', status: 'fail', reason: 'URL_BASE_MISMATCH', detail: { base: 'HTTPS://SANMA.EXAMPLE.EVIL.INVALID' } });
    expect(check(v, 'inclusion')?.status).toBe('pass');
    expect(v.checks.map((c) => c.id)).toEqual(['format', 'chain', 'url', 'anchor', 'inclusion']);
  });

  it('a changed record: INCLUSION_MISMATCH, and none of its content (health, payment, produce) is judged', () => {
    // A forger's record with an expired credential, a bad payment URL and failed produce: none of it
    // may show up as a check, pass or fail, because none of it is the ledger's.
    const forgedCode: StallCode = {
      ...code,
      stallName: '李四蔬菜',
      health: { ...code.health, validUntil: 1 },
      channels: [{ type: 'url', label: '聚合支付', value: 'http://pay.example.invalid/' }],
      batches: [{ ...TYPICAL_BATCHES[0]!, test: 'fail', day: 0 }],
    };
    const forged = encodePayload({ chainId: net.chainId, height: 3, index, proof: block.built.tree.inclusionProof(index), body: encodeRecord(forgedCode) });
    const v = verify(stallCodeText(net.policy.codeBaseUrl, forged), { trust: { forkHeights: [2] } });
    expect(v.status).toBe('invalid');
    expect(check(v, 'inclusion')).toEqual({ id: 'inclusion', status: 'fail', reason: 'INCLUSION_MISMATCH' });
    expect(v.checks.map((c) => c.id)).toEqual(['format', 'chain', 'url', 'anchor', 'inclusion']);
    for (const id of ['health', 'payment', 'produce', 'produce-date', 'revocation', 'code-age', 'ledger'] as const) expect(check(v, id)).toBeUndefined();
  });

  it('a proof of the wrong length or an index beyond the block: PROOF_SHAPE, content not judged', () => {
    const body = block.records[index]!.body;
    const proof = block.built.tree.inclusionProof(index);
    for (const p of [
      { chainId: net.chainId, height: 3, index, proof: proof.slice(1), body },
      { chainId: net.chainId, height: 3, index: 4, proof, body },
    ]) {
      const v = verify(stallCodeText(net.policy.codeBaseUrl, encodePayload(p)));
      expect(v.status).toBe('invalid');
      expect(check(v, 'inclusion')?.reason).toBe('PROOF_SHAPE');
      expect(v.checks.map((c) => c.id)).toEqual(['format', 'chain', 'url', 'anchor', 'inclusion']);
    }
  });

  it('a malformed payment channel, even inside a block (validators would refuse it): PAYMENT_MALFORMED', () => {
    // A block sealed by hand, bypassing the rules: the verifier does not rely on them for this.
    const bad: StallCode = { ...code, channels: [{ type: 'url', label: '聚合支付', value: 'http://pay.example.invalid/' }] };
    const body = encodeRecord(bad);
    const rogue = buildBlock(net.chainId, net.tip, [{ body, signature: new Uint8Array(64) }], NOW);
    const p = encodePayload({ chainId: net.chainId, height: rogue.header.height, index: 0, proof: [], body });
    const v = verify(stallCodeText(net.policy.codeBaseUrl, p), { headers: cached(new Map([[rogue.header.height, rogue.header]])) });
    expect(v.status).toBe('invalid');
    expect(check(v, 'inclusion')?.status).toBe('pass');
    expect(check(v, 'payment')).toEqual({ id: 'payment', status: 'fail', reason: 'PAYMENT_MALFORMED', detail: { channel: 0 } });
  });

  it('a Sanma URL whose fragment is not base32: PAYLOAD_MALFORMED', () => {
    const v = verify(`${text.slice(0, -3)}!!!`);
    expect(v.status).toBe('invalid');
    expect(v.checks).toEqual([expect.objectContaining({ id: 'format', status: 'fail', reason: 'PAYLOAD_MALFORMED' })]);
  });

  it('base32 that decodes to a damaged payload: PAYLOAD_MALFORMED with the decoder\'s code', () => {
    const v = verify(stallCodeText(net.policy.codeBaseUrl, concatBytes(payload, Uint8Array.of(0))));
    expect(v.status).toBe('invalid');
    expect(v.checks).toEqual([{ id: 'format', status: 'fail', reason: 'PAYLOAD_MALFORMED', detail: { error: 'TRAILING_BYTES' } }]);
  });

  it('a payload of a future version: PAYLOAD_UNKNOWN_VERSION', () => {
    const future = payload.slice();
    future[0] = 2;
    const v = verify(stallCodeText(net.policy.codeBaseUrl, future));
    expect(v.status).toBe('invalid');
    expect(v.checks[0]).toMatchObject({ id: 'format', status: 'fail', reason: 'PAYLOAD_UNKNOWN_VERSION' });
  });
});

describe('a code of a market this app does not know is neutral: unknown-market', () => {
  it('names the chain and claims nothing about the code: no record, no position, no anchor', () => {
    const other = encodePayload({ chainId: 'other-market', height: 3, index, proof: block.built.tree.inclusionProof(index), body: block.records[index]!.body });
    const v = verify(stallCodeText(net.policy.codeBaseUrl, other));
    expect(v).toEqual({
      status: 'unknown-market',
      chainId: 'other-market',
      checks: [
        { id: 'format', status: 'pass', reason: 'OK' },
        { id: 'chain', status: 'unknown', reason: 'CHAIN_UNKNOWN', detail: { chainId: 'other-market' } },
      ],
    });
  });
});

describe('the revocation list must be complete, or the verdict is amber', () => {
  it('a verified header commits to more status events than the device holds: REVOCATIONS_INCOMPLETE with how many', () => {
    const v = verify(text, { trust: { revocationCount: 0, headersTip: { height: 9, revocationCount: 2 } } });
    expect(v.status).toBe('warning');
    expect(check(v, 'revocation')).toEqual({ id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_INCOMPLETE', detail: { missing: 2 } });
  });

  it('the anchor header itself commits to more events than the device holds: REVOCATIONS_INCOMPLETE', () => {
    const ahead = new Map([[3, { ...block.built.header, revocationCount: 1 }]]);
    // The cached anchor is the real header with a larger count: the inclusion proof still holds.
    const v = verify(text, { headers: cached(ahead), trust: { revocationCount: 0, headersTip: null } });
    expect(check(v, 'inclusion')?.status).toBe('pass');
    expect(check(v, 'revocation')).toMatchObject({ status: 'unknown', reason: 'REVOCATIONS_INCOMPLETE', detail: { missing: 1 } });
  });

  it('the last sync was refused (a mirror withheld or reordered events): REVOCATIONS_INCOMPLETE, never green', () => {
    for (const refused of ['REVOCATIONS_INCOMPLETE', 'REVOCATION_ORDER', 'REVOCATION_MALFORMED'] as const) {
      const v = verify(text, { trust: { revocationsRefused: refused } });
      expect(v.status).toBe('warning');
      expect(check(v, 'revocation')).toEqual({ id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_INCOMPLETE' });
    }
  });

  it('a revocation the device does hold still makes the code red even when the list is incomplete', () => {
    const v = verify(text, { trust: { revoked: new Map([[refKey(code.registration), 'superseded']]), revocationsRefused: 'REVOCATIONS_INCOMPLETE' } });
    expect(v.status).toBe('invalid');
    expect(check(v, 'revocation')?.reason).toBe('STALL_HANDED_OVER');
  });

  it('a count never synced is REVOCATIONS_NOT_SYNCED even with a sync time', () => {
    expect(check(verify(text, { trust: { revocationCount: null } }), 'revocation')?.reason).toBe('REVOCATIONS_NOT_SYNCED');
  });
});

describe('a handover reaches the shopper: the old vendor\'s code turns red', () => {
  it('the device replays the status events against the tip header, and the superseded registration makes the code STALL_HANDED_OVER', () => {
    const { net: n, block: b, index: i, code: c } = typicalNetwork(4);
    const newVendor = seededKey('vendor-A012-next');
    const handover = n.seal([n.sign(n.registration('A012', newVendor, TYPICAL_CHANNELS, '张三蔬菜', c.registration), n.marketOffice.secretKey)]);
    // What a mirror serves: every status event with its position and body.
    const events: StatusEventItem[] = [{ height: handover.built.header.height, index: 0, body: handover.records[0]!.body }];
    const checked = checkStatusEvents(EMPTY_REVOCATIONS, events, handover.built.header);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const revoked = new Map(checked.events.map((e) => [refKey(e.target), e.kind]));
    const { text: oldCode } = n.codeText(b, i);
    const v = verifyStallCode(oldCode, { ...n.trust(), revoked, revocationCount: checked.acc.count }, cached(n.headers), n.now());
    v.checks.forEach((x) => seen.add(x.reason));
    expect(v.status).toBe('invalid');
    expect(check(v, 'revocation')?.reason).toBe('STALL_HANDED_OVER');
    // Before the sync, the same phone knows the header commits to one event it lacks: amber, not green.
    const stale = verifyStallCode(oldCode, { ...n.trust(), revocationCount: 0 }, cached(n.headers), n.now());
    expect(stale.status).toBe('warning');
    expect(check(stale, 'revocation')).toMatchObject({ reason: 'REVOCATIONS_INCOMPLETE', detail: { missing: 1 } });
    expect(recordId(handover.records[0]!.body)).toEqual(handover.stored[0]!.id);
  });
});

describe('fork evidence: the ledger itself is in doubt', () => {
  it('any fork height held makes the verdict amber (LEDGER_FORKED with the lowest height), never verified', () => {
    const v = verify(text, { trust: { forkHeights: [7, 3] } });
    expect(v.status).toBe('warning');
    expect(check(v, 'ledger')).toEqual({ id: 'ledger', status: 'unknown', reason: 'LEDGER_FORKED', detail: { height: 3 } });
    expect(v.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['ledger']);
  });

  it('a fork does not hide what is red: a revoked code stays invalid', () => {
    const v = verify(text, { trust: { forkHeights: [1], revoked: new Map([[refKey({ height: 3, index }), 'revoked']]) } });
    expect(v.status).toBe('invalid');
  });

  it('no fork, no ledger check', () => {
    expect(check(verify(text), 'ledger')).toBeUndefined();
  });
});

describe('produce must be today\'s: days are the market\'s (UTC+8), the limit 36 hours from the start of the batch\'s day', () => {
  const day0Start = marketDayStart(MARKET_DAY0, net.policy);
  const dated = (days: number[]): Batch[] => days.map((day, i) => ({ ...TYPICAL_BATCHES[i % TYPICAL_BATCHES.length]!, day }));
  const at = (batches: Batch[], now: number): Verdict => {
    const s = sealedCode({ batches });
    const v = verifyStallCode(s.text, s.n.trust(now), cached(s.n.headers), now);
    v.checks.forEach((c) => seen.add(c.reason));
    return v;
  };

  it('market days: 00:30 in Hangzhou is already the next day while UTC is still on the previous one', () => {
    expect(net.policy.utcOffsetMinutes).toBe(480);
    expect(day0Start).toBe(Date.UTC(2026, 10, 22, 16, 0, 0)); // 2026-11-23 00:00 in Hangzhou
    expect(marketDay(day0Start + 30 * 60_000, net.policy)).toBe(MARKET_DAY0);
    expect(Math.floor((day0Start + 30 * 60_000) / DAY_MS)).toBe(MARKET_DAY0 - 1);
    expect(marketDay(day0Start - 1, net.policy)).toBe(MARKET_DAY0 - 1);
  });

  it('batches dated today: produce-date passes, no PRODUCE_NOT_TODAY', () => {
    const v = at(dated([MARKET_DAY0, MARKET_DAY0]), day0Start + 23 * HOUR_MS);
    expect(check(v, 'produce-date')).toEqual({ id: 'produce-date', status: 'pass', reason: 'OK', detail: { day: MARKET_DAY0 } });
    expect(v.checks.some((c) => c.reason === 'PRODUCE_NOT_TODAY')).toBe(false);
    expect(v.status).toBe('verified');
  });

  it('a batch dated 2 days ago: warning PRODUCE_NOT_TODAY naming the oldest day', () => {
    const v = at(dated([MARKET_DAY0, MARKET_DAY0 - 2]), day0Start + 10 * HOUR_MS);
    expect(v.status).toBe('warning');
    expect(check(v, 'produce-date')).toEqual({ id: 'produce-date', status: 'unknown', reason: 'PRODUCE_NOT_TODAY', detail: { day: MARKET_DAY0 - 2, limitSeconds: 36 * 3600 } });
  });

  it('dated yesterday: still fine at 11:00 market time (35 h), amber at 13:00 (37 h)', () => {
    const yesterday = dated([MARKET_DAY0 - 1]);
    expect(check(at(yesterday, day0Start + 11 * HOUR_MS), 'produce-date')?.status).toBe('pass');
    expect(check(at(yesterday, day0Start + 12 * HOUR_MS), 'produce-date')?.status).toBe('pass'); // exactly 36 h
    expect(check(at(yesterday, day0Start + 13 * HOUR_MS), 'produce-date')?.reason).toBe('PRODUCE_NOT_TODAY');
  });

  it('a code without batches has nothing to date', () => {
    expect(check(at([], day0Start + 13 * HOUR_MS), 'produce-date')).toEqual({ id: 'produce-date', status: 'pass', reason: 'OK' });
  });
});

describe('the policy must be fresh too', () => {
  it('fetched longer ago than maxPolicyAgeSeconds: POLICY_STALE with the age', () => {
    const limit = net.policy.maxPolicyAgeSeconds;
    const v = verify(text, { trust: { policyFetchedAt: NOW - (limit + 1) * 1000 } });
    expect(v.status).toBe('warning');
    expect(check(v, 'policy-freshness')).toEqual({ id: 'policy-freshness', status: 'unknown', reason: 'POLICY_STALE', detail: { ageSeconds: limit + 1, limitSeconds: limit } });
    expect(check(verify(text, { trust: { policyFetchedAt: NOW - limit * 1000 } }), 'policy-freshness')?.status).toBe('pass');
  });

  it('only the built-in policy, never fetched: POLICY_NOT_SYNCED', () => {
    const v = verify(text, { trust: { policyFetchedAt: null } });
    expect(v.status).toBe('warning');
    expect(check(v, 'policy-freshness')).toEqual({ id: 'policy-freshness', status: 'unknown', reason: 'POLICY_NOT_SYNCED' });
  });
});

describe('never greener than the truth (property)', () => {
  it('for any trust state, verified only when nothing is revoked, forked, missing or stale', () => {
    const lim = net.policy;
    const ms = fc.option(fc.integer({ min: NOW - 40 * DAY_MS, max: NOW }), { nil: null });
    const keys = [refKey(code.health), refKey(code.registration), refKey({ height: 3, index }), '1:1', '2:3'];
    const trust = fc.record({
      revoked: fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), fc.constantFrom('revoked' as const, 'superseded' as const)), { maxLength: 3, selector: ([k]) => k }),
      revocationCount: fc.option(fc.nat({ max: 4 }), { nil: null }),
      revocationsSyncedAt: ms,
      revocationsRefused: fc.constantFrom(null, 'REVOCATIONS_INCOMPLETE' as const, 'REVOCATION_ORDER' as const),
      headersSyncedAt: ms,
      headersTip: fc.option(fc.record({ height: fc.nat({ max: 9 }), revocationCount: fc.nat({ max: 4 }) }), { nil: null }),
      policyFetchedAt: ms,
      forkHeights: fc.array(fc.nat({ max: 9 }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(trust, (t) => {
        const v = verify(text, { trust: { ...t, revoked: new Map(t.revoked) } });
        if (v.status !== 'verified') return;
        const age = (at: number | null): number => (at === null ? Infinity : (NOW - at) / 1000);
        expect(t.revoked.filter(([k]) => keys.slice(0, 3).includes(k))).toEqual([]);
        expect(t.forkHeights).toEqual([]);
        expect(t.revocationsRefused).toBeNull();
        expect(t.revocationCount).not.toBeNull();
        expect(t.revocationCount!).toBeGreaterThanOrEqual(t.headersTip?.revocationCount ?? 0);
        expect(age(t.revocationsSyncedAt)).toBeLessThanOrEqual(lim.maxRevocationAgeSeconds + 1);
        expect(age(t.headersSyncedAt)).toBeLessThanOrEqual(lim.maxHeaderAgeSeconds + 1);
        expect(age(t.policyFetchedAt)).toBeLessThanOrEqual(lim.maxPolicyAgeSeconds + 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('anything else is "not a Sanma stall code"', () => {
  const emvExamples = JSON.parse(readFileSync(new URL('../../../test/vectors/emv/public-examples.json', import.meta.url), 'utf8')) as { payload: string }[];

  it('the public EMVCo example payment code: not-sanma, with payee and city', () => {
    const emv = emvExamples[0]!.payload;
    const v = verify(emv);
    expect(v).toEqual({ status: 'not-sanma', checks: [], other: { kind: 'emv', text: emv, payee: 'BEST TRANSPORT', city: 'BEIJING' } });
  });

  it('a UnionPay stall payment code: not-sanma, with payee and city', () => {
    expect(verify(unionPayEmv()).other).toEqual({ kind: 'emv', text: unionPayEmv(), payee: 'ZHANG SAN VEGETABLES', city: 'HANGZHOU' });
  });

  it('an EMV-looking code with a broken CRC: not-sanma, without a payee', () => {
    const broken = unionPayEmv().slice(0, -1) + (unionPayEmv().endsWith('0') ? '1' : '0');
    expect(verify(broken)).toEqual({ status: 'not-sanma', checks: [], other: { kind: 'emv', text: broken } });
  });

  it('a random URL: not-sanma url (the app never opens it by itself)', () => {
    expect(verify('https://weixin.qq.com/r/abcdef')).toEqual({ status: 'not-sanma', checks: [], other: { kind: 'url', text: 'https://weixin.qq.com/r/abcdef' } });
  });

  it('random text, a bare base32 string that is no payload, or 5000 characters: not-sanma text', () => {
    expect(verify('张三蔬菜 摊位 A012').other).toEqual({ kind: 'text', text: '张三蔬菜 摊位 A012' });
    expect(verify('MFRGGZDFMZTWQ2LK').other).toEqual({ kind: 'text', text: 'MFRGGZDFMZTWQ2LK' });
    const long = verify('X'.repeat(5000));
    expect(long.status).toBe('not-sanma');
    expect(long.other).toEqual({ kind: 'text', text: 'X'.repeat(200) });
  });
});

it('every ReasonCode of verdict.ts is produced by some test above', () => {
  // A Record over ReasonCode: adding a reason without listing it here does not compile.
  const all: Record<ReasonCode, true> = {
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
    REVOCATIONS_NOT_SYNCED: true,
    REVOCATIONS_STALE: true,
    CODE_STALE: true,
    PAYMENT_MALFORMED: true,
    PRODUCE_TEST_FAILED: true,
    HEADERS_NOT_SYNCED: true,
    HEADERS_STALE: true,
    CLOCK_BEHIND: true,
    REGISTRATION_REVOKED: true,
    STALL_HANDED_OVER: true,
    REVOCATIONS_INCOMPLETE: true,
    LEDGER_FORKED: true,
    PRODUCE_NOT_TODAY: true,
    POLICY_NOT_SYNCED: true,
    POLICY_STALE: true,
  };
  expect(Object.keys(all).filter((r) => !seen.has(r as ReasonCode))).toEqual([]);
});
