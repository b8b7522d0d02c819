// Test wiring for the ledger client (not shipped: only *.test.ts import it): a TestNetwork
// (test/fixtures/network.ts) whose sealed blocks are served by a FakeLedger, a memory store, a
// controllable clock and connectivity, and a client wired to all of them.

import { encodeSignedPolicy, signFor, type HealthCredential, type HeaderSignature, type LedgerReason, type SignedRecord, type StallCode } from '../../core';
import { T0, TYPICAL_BATCHES, TYPICAL_CHANNELS, TestNetwork, seededKey, type KeyPair, type SealedBlock } from '../../../test/fixtures/network';
import { createMemoryStore, type MemoryStore } from '../store/memory-store';
import { createLedgerClient } from './client';
import type { LedgerClient } from './contract';
import { FakeLedger } from './fake-ledger';

export const LEDGER_URL = 'http://ledger.invalid';

export interface LedgerFixture {
  net: TestNetwork;
  fake: FakeLedger;
  store: MemoryStore;
  client: LedgerClient;
  clock: { now: number };
  connectivity: { online: boolean };
  signHeader: (h: Uint8Array) => HeaderSignature[];
  /** Seals records with the network's real rules and serves the block. */
  seal: (records: SignedRecord[]) => SealedBlock;
  /** Seals whatever the fake ledger accepted (202) since the last call. */
  sealPending: () => SealedBlock;
}

export function ledgerFixture(opts: { validate?: (r: SignedRecord) => LedgerReason | null; net?: TestNetwork } = {}): LedgerFixture {
  const net = opts.net ?? new TestNetwork();
  const signHeader = (h: Uint8Array) => net.validators.map((v) => ({ publicKey: v.publicKey, signature: signFor('header', v.secretKey, h) }));
  const signedPolicy = encodeSignedPolicy({
    body: net.policyBytes,
    signatures: net.validators.map((v) => ({ publicKey: v.publicKey, signature: signFor('policy', v.secretKey, net.policyBytes) })),
  });
  const fake = new FakeLedger({ signedPolicy, signHeader, validate: opts.validate });
  for (const b of net.blocks) fake.pushBlock(b.built.headerBytes, b.records);
  const store = createMemoryStore();
  const clock = { now: T0 };
  const connectivity = { online: true };
  const client = createLedgerClient({
    ledgerUrl: LEDGER_URL,
    store,
    fetch: fake.fetch,
    now: () => clock.now,
    random: () => 0.5,
    isOnline: () => connectivity.online,
    backoff: { baseMs: 20, maxMs: 1_000 },
  });
  const seal = (records: SignedRecord[]) => {
    const b = net.seal(records);
    fake.pushBlock(b.built.headerBytes, b.records);
    clock.now = Math.max(clock.now, net.now());
    return b;
  };
  return { net, fake, store, client, clock, connectivity, signHeader, seal, sealPending: () => seal(fake.takePending()) };
}

/** Registers stall A012 and issues its vendor's health credential (two blocks). */
export function enrolVendor(f: LedgerFixture, stallNo = 'A012'): { vendor: KeyPair; credBlock: SealedBlock; stallCode: () => SignedRecord } {
  const vendor = seededKey(`vendor-${stallNo}`);
  const regBlock = f.seal([f.net.sign(f.net.registration(stallNo, vendor, TYPICAL_CHANNELS), f.net.marketOffice.secretKey)]);
  const credBlock = f.seal([f.net.sign(f.net.credential(vendor), f.net.healthAuthority.secretKey)]);
  const stallCode = (): SignedRecord => {
    const code: StallCode = {
      kind: 'stall-code',
      issuedAt: f.net.now(),
      stallNo,
      stallName: '张三蔬菜',
      registration: { height: regBlock.built.header.height, index: 0 },
      health: { height: credBlock.built.header.height, index: 0, validUntil: (credBlock.stored[0]!.record as HealthCredential).validUntil },
      channels: TYPICAL_CHANNELS,
      batches: TYPICAL_BATCHES,
    };
    return f.net.sign(code, vendor.secretKey);
  };
  return { vendor, credBlock, stallCode };
}
