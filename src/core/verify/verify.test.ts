// verifyStallCode as the shopper and the inspector meet it (DESIGN §3, docs/FORMAT.md §12): one
// test per situation, asserting the overall status and the reason of the check that decides it.
// The last test checks that every ReasonCode of verdict.ts was produced by a test above, so a new
// reason cannot be added without a test that reaches it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DAY_MS, TYPICAL_BATCHES, TYPICAL_CHANNELS, TestNetwork, seededKey, typicalNetwork, unionPayEmv } from '../../../test/fixtures/network';
import { encodeBase32 } from '../base32';
import { concatBytes } from '../bytes';
import { encodePayload } from '../codec/payload';
import { stallCodeText } from '../codec/qrtext';
import { encodeRecord } from '../codec/records';
import type { BlockHeader, HealthCredential, StallCode } from '../codec/types';
import { buildBlock } from '../ledger/block';
import type { CheckId, ReasonCode, Verdict } from './verdict';
import { refKey, verifyStallCode, type HeaderLookup, type TrustState } from './verify';

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
      (['format', 'chain', 'url', 'anchor', 'inclusion', 'health-expiry', 'revocation', 'code-age', 'payment', 'produce', 'header-freshness'] as const).map((id) => [id, 'pass', 'OK']),
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
  it('header not in the cache: ANCHOR_NOT_CACHED for anchor and inclusion', () => {
    const v = verify(text, { headers: cached(new Map()) });
    expect(v.status).toBe('warning');
    expect(check(v, 'anchor')).toMatchObject({ status: 'unknown', reason: 'ANCHOR_NOT_CACHED', detail: { height: 3 } });
    expect(check(v, 'inclusion')).toMatchObject({ status: 'unknown', reason: 'ANCHOR_NOT_CACHED' });
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
  it('an expired health credential: HEALTH_EXPIRED', () => {
    const after = code.health.validUntil + 1;
    const v = verify(text, { now: after });
    expect(v.status).toBe('invalid');
    expect(check(v, 'health-expiry')).toEqual({ id: 'health-expiry', status: 'fail', reason: 'HEALTH_EXPIRED', detail: { validUntil: code.health.validUntil } });
  });

  it('a revoked health credential: HEALTH_REVOKED', () => {
    const v = verify(text, { trust: { revoked: new Set([refKey(code.health)]) } });
    expect(v.status).toBe('invalid');
    expect(check(v, 'revocation')).toEqual({ id: 'revocation', status: 'fail', reason: 'HEALTH_REVOKED' });
  });

  it('a revoked stall code: CODE_REVOKED', () => {
    const v = verify(text, { trust: { revoked: new Set([refKey({ height: 3, index })]) } });
    expect(v.status).toBe('invalid');
    expect(check(v, 'revocation')?.reason).toBe('CODE_REVOKED');
  });

  it('a code of another chain: CHAIN_UNKNOWN, and nothing else is checked', () => {
    const other = encodePayload({ chainId: 'other-market', height: 3, index, proof: block.built.tree.inclusionProof(index), body: block.records[index]!.body });
    const v = verify(stallCodeText(net.policy.codeBaseUrl, other));
    expect(v.status).toBe('invalid');
    expect(v.checks.map((c) => c.reason)).toEqual(['OK', 'CHAIN_UNKNOWN']);
  });

  it('a genuine payload behind another URL base: URL_BASE_MISMATCH', () => {
    const v = verify(stallCodeText('HTTPS://SANMA.EXAMPLE.EVIL.INVALID', payload));
    expect(v.status).toBe('invalid');
    expect(check(v, 'url')).toEqual({ id: 'url', status: 'fail', reason: 'URL_BASE_MISMATCH', detail: { base: 'HTTPS://SANMA.EXAMPLE.EVIL.INVALID' } });
    expect(check(v, 'inclusion')?.status).toBe('pass');
  });

  it('a changed record: INCLUSION_MISMATCH', () => {
    const body = encodeRecord({ ...code, stallName: '李四蔬菜' });
    const forged = encodePayload({ chainId: net.chainId, height: 3, index, proof: block.built.tree.inclusionProof(index), body });
    const v = verify(stallCodeText(net.policy.codeBaseUrl, forged));
    expect(v.status).toBe('invalid');
    expect(check(v, 'inclusion')?.reason).toBe('INCLUSION_MISMATCH');
  });

  it('a proof of the wrong length or an index beyond the block: PROOF_SHAPE', () => {
    const body = block.records[index]!.body;
    const proof = block.built.tree.inclusionProof(index);
    for (const p of [
      { chainId: net.chainId, height: 3, index, proof: proof.slice(1), body },
      { chainId: net.chainId, height: 3, index: 4, proof, body },
    ]) {
      const v = verify(stallCodeText(net.policy.codeBaseUrl, encodePayload(p)));
      expect(v.status).toBe('invalid');
      expect(check(v, 'inclusion')?.reason).toBe('PROOF_SHAPE');
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
  };
  expect(Object.keys(all).filter((r) => !seen.has(r as ReasonCode))).toEqual([]);
});
