// The holder commitment of a health credential (docs/FORMAT.md §4.2). The ledger is
// world-readable, so a credential carries no name or certificate number (PIPL art. 6, 28): only
// SHA-256("sanma/v1/holder" ‖ 0x00 ‖ salt ‖ name ‖ certificate number), each text
// length-prefixed. The 16-byte random salt is printed on the paper certificate (as 26 base32
// characters), so whoever holds the certificate, like an inspector at the stall, can recompute
// the commitment and compare; without the salt, guessing names and numbers is no use.

import { decodeBase32, encodeBase32 } from './base32';
import { Writer, equalBytes } from './bytes';
import { sha256 } from './crypto';
import { fail } from './errors';
import { LIMITS } from './codec/limits';
import type { Bytes, HealthCredential } from './codec/types';

export const HOLDER_SALT_BYTES = 16;
const PREFIX = new TextEncoder().encode('sanma/v1/holder\u0000');

/** Names and numbers as printed: Unicode NFC, surrounding and repeated white space removed. */
function normalise(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export function holderCommitment(salt: Bytes, name: string, certificateNo: string): Bytes {
  if (salt.length !== HOLDER_SALT_BYTES) fail('BAD_VALUE', `holder salt: expected ${HOLDER_SALT_BYTES} bytes, got ${salt.length}`);
  const w = new Writer().raw(PREFIX).raw(salt);
  w.text('holder name', normalise(name), LIMITS.personNameBytes);
  w.text('certificate number', normalise(certificateNo).toUpperCase(), LIMITS.credentialNoBytes);
  return sha256(w.finish());
}

/** The salt as printed on the certificate: 26 base32 characters, any case, spaces allowed. */
export function formatHolderSalt(salt: Bytes): string {
  if (salt.length !== HOLDER_SALT_BYTES) fail('BAD_VALUE', `holder salt: expected ${HOLDER_SALT_BYTES} bytes, got ${salt.length}`);
  return encodeBase32(salt).replace(/(.{4})(?=.)/g, '$1 ');
}

export function parseHolderSalt(text: string): Bytes {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z2-7]{26}$/.test(compact)) fail('BAD_VALUE', 'holder salt: expected 26 base32 characters');
  return decodeBase32(compact, HOLDER_SALT_BYTES);
}

/** Does the paper certificate (salt, name, number as printed) belong to this credential? */
export function holderMatches(credential: HealthCredential, salt: Bytes, name: string, certificateNo: string): boolean {
  return equalBytes(credential.holder, holderCommitment(salt, name, certificateNo));
}
