// fast-check arbitraries for every value the Sanma codec encodes (docs/FORMAT.md §4–§7), shared
// by the round-trip tests beside the codec, the decoder fuzz tests and the slow fuzz script.
// Text is mostly Chinese (CJK Unified Ideographs, CJK punctuation, full-width forms) mixed with
// ASCII, Latin-1 and astral characters, always NFC and free of control characters, and bounded in
// UTF-8 BYTES like the format; lists run from empty (where the format allows it) to their limit.

import fc from 'fast-check';
import { LIMITS } from '../../src/core/codec/limits';
import type {
  Batch,
  BlockHeader,
  HeaderSignature,
  HealthCredential,
  IssuerKey,
  LedgerRecord,
  PaymentChannel,
  RecordRef,
  Revocation,
  SignedHeader,
  StallCode,
  StallRegistration,
  TrustPolicy,
  ValidatorKey,
} from '../../src/core/codec/types';
import type { HeaderPage } from '../../src/core/codec/header';

/** Runs of the fuzz properties: a few thousand in `npm test`, SANMA_FUZZ_RUNS=100000 for a slow run. */
export function fuzzRuns(defaultRuns: number): number {
  const fromEnv = Number(process.env.SANMA_FUZZ_RUNS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

const codePoint = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));

/**
 * One character that is NFC on its own and composes with nothing around it, so any sequence of
 * them is NFC: no combining marks, no Hangul jamo, no CJK compatibility ideographs.
 */
export const character: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: codePoint(0x4e00, 0x9fff) }, // CJK Unified Ideographs: 3 bytes
  { weight: 1, arbitrary: codePoint(0x3001, 0x3003) }, // 、。〃
  { weight: 1, arbitrary: codePoint(0x3008, 0x3011) }, // 〈〉《》「」『』【】
  { weight: 1, arbitrary: codePoint(0xff01, 0xff5e) }, // full-width forms
  { weight: 3, arbitrary: codePoint(0x20, 0x7e) }, // printable ASCII
  { weight: 1, arbitrary: codePoint(0xa0, 0xff) }, // Latin-1 letters and signs (precomposed)
  { weight: 1, arbitrary: codePoint(0x20000, 0x2a6df) }, // CJK Extension B: 4 bytes, astral
  { weight: 1, arbitrary: codePoint(0x1f300, 0x1f5ff) }, // pictographs: 4 bytes, astral
);

/** Take characters while they fit in maxBytes of UTF-8. */
function fitBytes(chars: readonly string[], maxBytes: number): string {
  let out = '';
  let n = 0;
  for (const c of chars) {
    const len = utf8Length(c);
    if (n + len > maxBytes) break;
    out += c;
    n += len;
  }
  return out;
}

/** Text of at most maxBytes UTF-8 bytes; now and then exactly maxBytes (the limit itself). */
export function text(maxBytes: number): fc.Arbitrary<string> {
  const free = fc.array(character, { maxLength: maxBytes }).map((cs) => fitBytes(cs, maxBytes));
  // Exactly at the limit: a few characters repeated, topped up with ASCII to the last byte.
  const full = fc.array(character, { minLength: 1, maxLength: 8 }).map((cs) => {
    const s = fitBytes(Array.from({ length: maxBytes }, (_, i) => cs[i % cs.length]!), maxBytes);
    return s + 'x'.repeat(maxBytes - utf8Length(s));
  });
  return fc.oneof({ weight: 4, arbitrary: free }, { weight: 1, arbitrary: full });
}

export const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
export const hash32 = key32;
export const signature64 = fc.uint8Array({ minLength: 64, maxLength: 64 });
/** Any integer a varint may carry, with small and boundary values favoured. */
export const uint = fc.oneof(
  fc.nat({ max: 300 }),
  fc.constantFrom(127, 128, 16383, 16384, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER),
  fc.maxSafeNat(),
);
/** Times in ms around 2026, plus the extremes. */
export const time = fc.oneof(fc.integer({ min: 1.7e12, max: 1.9e12 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER));

export const chainId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,31}$/);
export const codeBaseUrl = fc
  .stringMatching(/^HTTPS?:\/\/[A-Z0-9.-]{1,40}(:[0-9]{1,5})?(\/[A-Z0-9.-]{1,12}){0,3}$/)
  .filter((s) => s.length <= LIMITS.codeBaseUrlBytes);

export const channel: fc.Arbitrary<PaymentChannel> = fc.record({
  type: fc.constantFrom('emv' as const, 'url' as const),
  label: text(LIMITS.channelLabelBytes),
  value: text(LIMITS.channelValueBytes),
});
export const channels = fc.array(channel, { minLength: 1, maxLength: LIMITS.channels });

export const batch: fc.Arbitrary<Batch> = fc.record({
  product: text(LIMITS.productBytes),
  origin: text(LIMITS.originBytes),
  supplier: text(LIMITS.supplierBytes),
  amount: uint,
  unit: fc.constantFrom('g' as const, 'kg' as const, 'jin' as const, 'piece' as const),
  day: uint,
  test: fc.constantFrom('none' as const, 'pass' as const, 'fail' as const),
});

export const recordRef: fc.Arbitrary<RecordRef> = fc.record({ height: uint, index: uint });

export const stallRegistration: fc.Arbitrary<StallRegistration> = fc.record({
  kind: fc.constant('stall-registration' as const),
  issuer: key32,
  issuedAt: time,
  stallNo: text(LIMITS.stallNoBytes),
  stallName: text(LIMITS.stallNameBytes),
  vendorKey: key32,
  supersedes: fc.option(recordRef, { nil: null }),
  channels,
});

export const healthCredential: fc.Arbitrary<HealthCredential> = fc
  .record({
    kind: fc.constant('health-credential' as const),
    issuer: key32,
    issuedAt: time,
    vendorKey: key32,
    holder: hash32,
    validFrom: fc.nat({ max: Number.MAX_SAFE_INTEGER - 1 }),
    span: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 400 * 86_400_000 })),
  })
  .map(({ span, ...c }) => ({ ...c, validUntil: Math.min(c.validFrom + span, Number.MAX_SAFE_INTEGER) }));

export const revocation: fc.Arbitrary<Revocation> = fc.record({
  kind: fc.constant('revocation' as const),
  issuer: key32,
  issuedAt: time,
  target: recordRef,
  targetId: hash32,
});

export const stallCode: fc.Arbitrary<StallCode> = fc.record({
  kind: fc.constant('stall-code' as const),
  issuedAt: time,
  stallNo: text(LIMITS.stallNoBytes),
  stallName: text(LIMITS.stallNameBytes),
  registration: recordRef,
  health: fc.record({ height: uint, index: uint, validUntil: uint }),
  channels,
  batches: fc.array(batch, { maxLength: LIMITS.batches }),
});

export const ledgerRecord: fc.Arbitrary<LedgerRecord> = fc.oneof(stallRegistration, healthCredential, revocation, stallCode);

export const headerSignature: fc.Arbitrary<HeaderSignature> = fc.record({ publicKey: key32, signature: signature64 });
export const signatures = fc.array(headerSignature, { maxLength: LIMITS.headerSignatures });

const validatorKey: fc.Arbitrary<ValidatorKey> = fc.record({ publicKey: key32, name: text(LIMITS.keyNameBytes) });
const issuerKey: fc.Arbitrary<IssuerKey> = fc.record({ publicKey: key32, name: text(LIMITS.keyNameBytes), permissions: fc.integer({ min: 1, max: 3 }) });
const hexOf = (k: { publicKey: Uint8Array }): string => k.publicKey.join(',');

export const policy: fc.Arbitrary<TrustPolicy> = fc
  .record({
    sequence: uint,
    chainId,
    genesisHash: hash32,
    validators: fc.uniqueArray(validatorKey, { minLength: 1, maxLength: LIMITS.validators, selector: hexOf }),
    thresholdPick: fc.nat(),
    issuers: fc.uniqueArray(issuerKey, { maxLength: LIMITS.issuers, selector: hexOf }),
    codeBaseUrl,
    maxHeaderAgeSeconds: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    maxRevocationAgeSeconds: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    maxCodeAgeSeconds: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    maxProduceAgeSeconds: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    maxPolicyAgeSeconds: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    // Every UTC offset the format allows, −12:00 to +14:00, with the ends weighted in.
    utcOffsetMinutes: fc.oneof(fc.integer({ min: -720, max: 840 }), fc.constantFrom(-720, 0, 480, 840)),
  })
  // A key is a validator or an issuer, never both; the threshold is a strict majority.
  .filter((p) => !p.issuers.some((i) => p.validators.some((v) => hexOf(v) === hexOf(i))))
  .map(({ thresholdPick, ...p }) => {
    const n = p.validators.length;
    const min = Math.floor(n / 2) + 1;
    return { ...p, threshold: min + (thresholdPick % (n - min + 1)) };
  });

export const blockHeader: fc.Arbitrary<BlockHeader> = fc
  .record({ chainId, height: uint, prevHash: hash32, time: uint, recordCount: uint, recordsRoot: hash32, revocationCount: uint, revocationsHash: hash32 })
  .map((h) => (h.height > 0 && h.recordCount === 0 ? { ...h, recordCount: 1 } : h));

export function signedHeader(encodeHeader: (h: BlockHeader) => Uint8Array): fc.Arbitrary<SignedHeader> {
  return fc.record({ header: blockHeader.map(encodeHeader), signatures });
}

export const headerPage: fc.Arbitrary<HeaderPage> = fc.record({
  headers: fc.array(fc.uint8Array({ maxLength: 256 }), { maxLength: 20 }),
  lastSignatures: signatures,
});

/** A Merkle audit path of 0 to 48 hashes (the limit; a 2^48-leaf block). */
export const proof = fc.oneof(
  { weight: 4, arbitrary: fc.array(hash32, { maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(hash32, { minLength: LIMITS.proofHashes, maxLength: LIMITS.proofHashes }) },
);
