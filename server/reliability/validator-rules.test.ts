// Issue 3, reliability (3) and the double-sign part of (2), against real validator processes
// driven directly (no sequencer): a proposed block with one invalid record is refused by every
// validator with the core's reason; a validator restarted after kill -9 never signs a second
// header at a height it signed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeHeader,
  encodeHeader,
  holderCommitment,
  publicKeyFromSecret,
  recordId,
  sha256,
  utf8,
  type HealthCredential,
  type PaymentChannel,
  type RecordRef,
  type Revocation,
  type SignedRecord,
  type StallCode,
  type StallRegistration,
} from '../../src/core';
import { demoEmv, DEMO_STALLS } from '../demo/market';
import { signRecord } from '../records';
import { DirectChain, postProposal } from '../testing/direct-chain';
import { TestNetwork } from '../testing/network';
import { decodeProposal, encodeProposal } from '../wire';

const key = (name: string) => {
  const secretKey = sha256(utf8(`validator-rules/${name}`));
  return { secretKey, publicKey: publicKeyFromSecret(secretKey) };
};

describe('validators replay proposed blocks with the core rules', () => {
  let net: TestNetwork;
  let chain: DirectChain;
  const vendorA = key('vendor-A');
  const vendorB = key('vendor-B');
  const channels: PaymentChannel[] = [
    { type: 'emv', label: '银联', value: demoEmv(DEMO_STALLS[0]!) },
    { type: 'url', label: '聚合支付', value: 'https://pay.example.invalid/s/hz-ljz/A01' },
  ];
  let credA: { height: number; index: number; validUntil: number };
  let credB: { height: number; index: number; validUntil: number };
  let t0: number;

  /** Where block 1 puts each stall's registration. */
  const registrations: Record<string, RecordRef> = { A01: { height: 1, index: 0 }, B01: { height: 1, index: 1 } };
  const stallCode = (stallNo: string, stallName: string, health: typeof credA, overrides: Partial<StallCode> = {}): StallCode => ({
    kind: 'stall-code',
    issuedAt: t0,
    stallNo,
    stallName,
    registration: registrations[stallNo]!,
    health,
    channels,
    batches: [{ product: '青菜', origin: '浙江萧山', supplier: '绿源合作社', amount: 50, unit: 'kg', day: 20415, test: 'pass' }],
    ...overrides,
  });

  beforeAll(async () => {
    net = await TestNetwork.create({ ledger: false });
    chain = new DirectChain(net.dir, net.policy);
    t0 = Date.now();
    const office = net.marketOffice;
    const health = net.healthAuthority;
    const reg = (stallNo: string, stallName: string, vendor: typeof vendorA): StallRegistration => ({
      kind: 'stall-registration', issuer: office.publicKey, issuedAt: t0, stallNo, stallName, vendorKey: vendor.publicKey, supersedes: null, channels,
    });
    const cred = (vendor: typeof vendorA, no: string): HealthCredential => ({
      kind: 'health-credential', issuer: health.publicKey, issuedAt: t0, vendorKey: vendor.publicKey, holder: holderCommitment(new Uint8Array(16), '张建国', no),
      validFrom: t0 - 86_400_000, validUntil: t0 + 30 * 86_400_000,
    });
    const credBRecord = signRecord(cred(vendorB, 'B-1'), health.secretKey);
    await chain.commit(net.validatorUrls, [
      signRecord(reg('A01', '张记蔬菜', vendorA), office.secretKey),
      signRecord(reg('B01', '周记水果', vendorB), office.secretKey),
      signRecord(cred(vendorA, 'A-1'), health.secretKey),
      credBRecord,
    ], t0);
    credA = { height: 1, index: 2, validUntil: t0 + 30 * 86_400_000 };
    credB = { height: 1, index: 3, validUntil: t0 + 30 * 86_400_000 };
    const revocation: Revocation = { kind: 'revocation', issuer: health.publicKey, issuedAt: t0, target: { height: 1, index: 3 }, targetId: recordId(credBRecord.body) };
    await chain.commit(net.validatorUrls, [signRecord(revocation, health.secretKey)], t0 + 1);
  }, 60_000);

  afterAll(async () => {
    await net?.close();
  });

  const good = () => signRecord(stallCode('A01', '张记蔬菜', credA), vendorA.secretKey);

  const cases: [string, () => SignedRecord, string][] = [
    ['a forged signature (stall code signed by a key that is not the registered vendor)', () => signRecord(stallCode('A01', '张记蔬菜', credA, { issuedAt: t0 + 5 }), key('mallory').secretKey), 'RECORD_BAD_SIGNATURE'],
    [
      'an unauthorised issuer (health credential signed by the market office)',
      () => {
        const office = net.marketOffice;
        const c: HealthCredential = { kind: 'health-credential', issuer: office.publicKey, issuedAt: t0, vendorKey: vendorA.publicKey, holder: holderCommitment(new Uint8Array(16), '张建国', 'X-1'), validFrom: t0 - 1000, validUntil: t0 + 86_400_000 };
        return signRecord(c, office.secretKey);
      },
      'ISSUER_NOT_AUTHORISED',
    ],
    [
      'an unknown issuer',
      () => {
        const k = key('unknown-issuer');
        const c: HealthCredential = { kind: 'health-credential', issuer: k.publicKey, issuedAt: t0, vendorKey: vendorA.publicKey, holder: holderCommitment(new Uint8Array(16), '张建国', 'X-2'), validFrom: t0 - 1000, validUntil: t0 + 86_400_000 };
        return signRecord(c, k.secretKey);
      },
      'ISSUER_UNKNOWN',
    ],
    [
      'a payment channel that does not match the registration',
      () => signRecord(stallCode('A01', '张记蔬菜', credA, { channels: [channels[0]!, { ...channels[1]!, value: 'https://pay.example.invalid/s/hz-ljz/A02' }] }), vendorA.secretKey),
      'PAYMENT_NOT_REGISTERED',
    ],
    ['a revoked health credential', () => signRecord(stallCode('B01', '周记水果', credB), vendorB.secretKey), 'HEALTH_REVOKED'],
    [
      'a stall code naming another stall\'s registration',
      () => signRecord(stallCode('A01', '张记蔬菜', credA, { registration: registrations.B01! }), vendorA.secretKey),
      'STALL_REGISTRATION_NOT_CURRENT',
    ],
    [
      'a handover that does not name the registration it replaces',
      () => {
        const office = net.marketOffice;
        const r: StallRegistration = { kind: 'stall-registration', issuer: office.publicKey, issuedAt: t0, stallNo: 'A01', stallName: '张记蔬菜', vendorKey: vendorB.publicKey, supersedes: null, channels };
        return signRecord(r, office.secretKey);
      },
      'STALL_ALREADY_REGISTERED',
    ],
  ];

  for (const [name, bad, reason] of cases) {
    it(`refuses a block containing ${name}: ${reason}`, async () => {
      const p = chain.proposal([good(), bad()], t0 + 2);
      const answers = await Promise.all(net.validatorUrls.map((u) => postProposal(u, p.bytes, chain.token)));
      for (const a of answers) {
        expect(a.status).toBe(422);
        expect(a.body).toMatchObject({ error: reason, index: 1, height: 3 });
      }
    });
  }

  it('refuses a header that does not commit to the proposed records', async () => {
    const honest = chain.proposal([good()], t0 + 2);
    const other = chain.proposal([signRecord(stallCode('A01', '张记蔬菜', credA, { issuedAt: t0 + 9 }), vendorA.secretKey)], t0 + 2);
    const mixed = encodeProposal({ ...decodeProposal(other.bytes), header: honest.header });
    const a = await postProposal(net.validatorUrls[0]!, mixed, chain.token);
    expect(a).toMatchObject({ status: 422, body: { error: 'HEADER_ROOT_MISMATCH' } });
  });

  it('refuses a header whose revocation commitment is not the one its records make (a withheld status event)', async () => {
    // Block 2 revoked credential B: the chain has one status event. A header claiming none
    // (or another hash) would let a mirror hide that revocation behind a quorum signature.
    const honest = chain.proposal([good()], t0 + 2);
    const h = decodeHeader(honest.header);
    expect(h.revocationCount).toBe(1);
    for (const forged of [{ ...h, revocationCount: 0 }, { ...h, revocationsHash: new Uint8Array(32) }]) {
      const bytes = encodeProposal({ ...decodeProposal(honest.bytes), header: encodeHeader(forged) });
      const a = await postProposal(net.validatorUrls[0]!, bytes, chain.token);
      expect(a).toMatchObject({ status: 422, body: { error: 'HEADER_ROOT_MISMATCH' } });
    }
  });

  it('signs the valid block after all those refusals, and never a second header at that height after kill -9', async () => {
    const honest = chain.proposal([good()], t0 + 2);
    const rival = chain.proposal([good()], t0 + 3); // same records, another block time: another header at height 3
    const { answers } = await chain.commitProposal(net.validatorUrls, honest);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const signature = answers[0]!.body.signature;

    await net.stopValidator(1, true); // kill -9
    await net.startValidator(1);

    expect(await postProposal(net.validatorUrls[0]!, rival.bytes, chain.token)).toMatchObject({ status: 409, body: { error: 'DOUBLE_SIGN_REFUSED', height: 3 } });
    // The header it did sign: the same signature again (a sequencer retrying after its own crash).
    expect(await postProposal(net.validatorUrls[0]!, honest.bytes, chain.token)).toMatchObject({ status: 200, body: { signature } });
    // And it goes on: block 4 on top of the finalised block 3.
    const next = await chain.commit(net.validatorUrls, [signRecord(stallCode('A01', '张记蔬菜', credA, { issuedAt: t0 + 7 }), vendorA.secretKey)], t0 + 4);
    expect(next.answers.map((a) => a.status)).toEqual([200, 200, 200]);
  });
});
