// Adversarial mutation of the typical stall code (test/vectors/sanma/typical-stall-code.json, the
// fixture's 629-byte code): a damaged print, a bad scan or a deliberate edit must never be shown
// green. Every single-bit flip and every truncation of the payload, and every single-character
// change of the QR text, is verified and must not come out `verified`. Set SANMA_FUZZ_RUNS to
// also try every base32 character at every position (about 9 s).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flipBit } from '../../../test/fuzz/mutate';
import { unionPayEmv } from '../../../test/fixtures/network';
import { fromHex } from '../bytes';
import { decodeHeader } from '../codec/header';
import { decodePayload, encodePayload } from '../codec/payload';
import { decodePolicy } from '../codec/policy';
import { stallCodeText } from '../codec/qrtext';
import { encodeRecord } from '../codec/records';
import type { StallCode } from '../codec/types';
import { verifyStallCode, type TrustState } from './verify';
import type { Verdict } from './verdict';

interface TypicalVector {
  policy: string;
  header: string;
  payload: string;
  text: string;
  now: number;
}
const vector = JSON.parse(readFileSync(new URL('../../../test/vectors/sanma/typical-stall-code.json', import.meta.url), 'utf8')) as TypicalVector;
const policy = decodePolicy(fromHex(vector.policy));
const header = decodeHeader(fromHex(vector.header));
// Fully synced at `now`: headers through the anchor, every status event it commits to, the policy.
const trust: TrustState = {
  policy,
  revoked: new Map(),
  revocationCount: header.revocationCount,
  revocationsSyncedAt: vector.now,
  revocationsRefused: null,
  headersSyncedAt: vector.now,
  headersTip: { height: header.height, revocationCount: header.revocationCount },
  policyFetchedAt: vector.now,
  forkHeights: [],
};
const verify = (text: string): Verdict => verifyStallCode(text, trust, { get: (h) => (h === header.height ? header : undefined) }, vector.now);
const payload = fromHex(vector.payload);
const textOf = (p: Uint8Array): string => stallCodeText(policy.codeBaseUrl, p);
const reasonOf = (v: Verdict): string => v.checks.find((c) => c.status !== 'pass')?.reason ?? 'OK';
const chainIdAt = 1 + 1; // version, chain id length
const heightAt = chainIdAt + policy.chainId.length;

describe('the typical stall code', () => {
  it('is 629 bytes and verifies: every check passes', () => {
    expect(payload.length).toBe(629);
    expect(textOf(payload)).toBe(vector.text);
    const v = verify(vector.text);
    expect(v.status).toBe('verified');
    expect(v.checks.every((c) => c.status === 'pass')).toBe(true);
  });
});

describe('mutations of the payload', () => {
  it('no single-bit flip verifies: each is red, except a changed height (amber: its header is not cached) or chain id (another market)', () => {
    const outcomes = new Map<string, number>();
    const wrong: number[] = [];
    for (let bit = 0; bit < payload.length * 8; bit++) {
      const v = verify(textOf(flipBit(payload, bit)));
      const inHeight = bit >> 3 === heightAt;
      const inChainId = bit >> 3 >= chainIdAt && bit >> 3 < heightAt;
      const allowed = inHeight ? ['invalid', 'warning'] : inChainId ? ['invalid', 'unknown-market'] : ['invalid'];
      if (v.status === 'verified' || !allowed.includes(v.status)) wrong.push(bit);
      const key = `${v.status}:${reasonOf(v)}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    expect(wrong).toEqual([]);
    // Most flips land in the proof or the record and break inclusion; the rest break decoding.
    expect(outcomes.get('invalid:INCLUSION_MISMATCH')).toBeGreaterThan(payload.length * 4);
    expect(outcomes.get('warning:ANCHOR_NOT_CACHED')).toBe(7); // height 3 → 1, 2, 7, 11, 19, 35, 67
  });

  it('every truncation is red', () => {
    const notRed: number[] = [];
    for (let n = 0; n < payload.length; n++) if (verify(textOf(payload.subarray(0, n))).status !== 'invalid') notRed.push(n);
    expect(notRed).toEqual([]);
  });

  it('one character of the payment URL changed: red, inclusion fails', () => {
    const p = decodePayload(payload);
    const url = p.record.channels[1]!.value;
    const edited: StallCode = { ...p.record, channels: [p.record.channels[0]!, { ...p.record.channels[1]!, value: url.replace('A012', 'A013') }] };
    const v = verify(textOf(encodePayload({ ...p, body: encodeRecord(edited) })));
    expect(v.status).toBe('invalid');
    expect(v.checks.find((c) => c.id === 'inclusion')?.reason).toBe('INCLUSION_MISMATCH');
  });

  it('a swapped, well-formed EMV code with the fraudster\'s account: red, inclusion fails, and its payment is not judged at all', () => {
    const p = decodePayload(payload);
    const emv = unionPayEmv('ZHANG SAN VEGETABLES', 'HANGZHOU').replace('6230580000123456789', '6230580000987654321');
    const swapped: StallCode = { ...p.record, channels: [{ ...p.record.channels[0]!, value: fixCrc(emv) }, p.record.channels[1]!] };
    const v = verify(textOf(encodePayload({ ...p, body: encodeRecord(swapped) })));
    expect(v.status).toBe('invalid');
    expect(v.checks.find((c) => c.id === 'inclusion')?.reason).toBe('INCLUSION_MISMATCH');
    // The swapped code is well-formed: only inclusion catches it, and nothing of its content is shown as checked.
    expect(v.checks.map((c) => c.id)).toEqual(['format', 'chain', 'url', 'anchor', 'inclusion']);
  });
});

describe('mutations of the QR text', () => {
  const text = vector.text;
  const payloadStart = text.indexOf('#') + 1;
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  // Not base32 and not a case variant of anything in the text.
  const OTHERS = ['0', '1', '8', '9', '=', '-', '.', '#', '/', ' ', 'ı', 'ſ', 'é', '中'];
  const exhaustive = process.env.SANMA_FUZZ_RUNS !== undefined;

  /** Replacements at position i: a case change is the same code by design, so it is not one. */
  function replacements(i: number): string[] {
    const c = text[i]!;
    const other = OTHERS[i % OTHERS.length]!;
    if (i < payloadStart || exhaustive) return [...ALPHABET, ...OTHERS].filter((r) => r.toUpperCase() !== c.toUpperCase());
    // Each of the 5 bits of the character's base32 value flipped, plus one non-alphabet character.
    const value = ALPHABET.indexOf(c);
    return [1, 2, 4, 8, 16].map((x) => ALPHABET[value ^ x]!).concat(other);
  }

  it('no single-character change verifies', () => {
    let tried = 0;
    const verified: string[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const r of replacements(i)) {
        if (verify(text.slice(0, i) + r + text.slice(i + 1)).status === 'verified') verified.push(`${i}:${r}`);
        tried++;
      }
    }
    expect(verified).toEqual([]);
    expect(tried).toBeGreaterThan(text.length * 5);
  });

  it('no deleted character and no prefix of the text verifies', () => {
    const verified: string[] = [];
    for (let i = 0; i < text.length; i++) {
      if (verify(text.slice(0, i) + text.slice(i + 1)).status === 'verified') verified.push(`without ${i}`);
      if (verify(text.slice(0, i)).status === 'verified') verified.push(`prefix ${i}`);
    }
    expect(verified).toEqual([]);
  });

  it('a case change is the same code (scanners fold case): still verified', () => {
    expect(verify(text.toLowerCase()).status).toBe('verified');
    expect(verify(text.slice(0, payloadStart) + text.slice(payloadStart).toLowerCase()).status).toBe('verified');
  });
});

/** Recomputes an EMV payload's CRC after an edit (CRC-16/CCITT-FALSE over everything up to 6304). */
function fixCrc(emv: string): string {
  const body = emv.slice(0, -4);
  let crc = 0xffff;
  for (const b of new TextEncoder().encode(body)) {
    crc ^= b << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return body + crc.toString(16).toUpperCase().padStart(4, '0');
}
