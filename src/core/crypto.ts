// Signatures and hashing for every Sanma signer: Ed25519 per RFC 8032 §5.1 over @noble/curves,
// verified with strict RFC 8032 §5.1.7 decoding (`zip215: false`): non-canonical encodings of A
// or R are rejected, and so are small-order public keys. Strictness is a consensus property
// here: the browser, the validators and the sequencer must agree on every signature, so all of
// them call verifySignature below and nothing else (test/vectors/README.md has the counts).
//
// Every signature is over signingMessage(purpose, body), so a signature made for one purpose
// (a header, say) can never be replayed as another (a revocation).

import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from './bytes';
import { fail } from './errors';

export const PUBLIC_KEY_LENGTH = 32;
export const SIGNATURE_LENGTH = 64;
export const SECRET_KEY_LENGTH = 32;

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  checkLength('secret key', secretKey, SECRET_KEY_LENGTH);
  return ed25519.getPublicKey(secretKey);
}

/** RFC 8032 signing is deterministic: the same key and message give the same signature. */
export function sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  checkLength('secret key', secretKey, SECRET_KEY_LENGTH);
  checkBytes('message', message);
  return ed25519.sign(message, secretKey);
}

/**
 * Strict Ed25519 verification. Wrong lengths are the caller's bug (decoders fix the lengths
 * before anything reaches here) and throw CoreError('BAD_KEY'). Everything else that is not a
 * valid signature, including non-canonical or small-order A and non-canonical R, returns false.
 */
export function verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  checkLength('public key', publicKey, PUBLIC_KEY_LENGTH);
  checkLength('signature', signature, SIGNATURE_LENGTH);
  checkBytes('message', message);
  if (accelerator !== null && canonicalScalar(signature.subarray(32)) && strictKey(publicKey)) {
    let accepted: boolean;
    try {
      accepted = accelerator(publicKey, message, signature);
    } catch {
      accepted = false; // a failing accelerator leaves the decision to noble
    }
    if (accepted) return true;
  }
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    // noble returns false for undecodable points already; this keeps "never throws" true even
    // if a future version reports some hostile encoding by throwing.
    return false;
  }
}

// ---- an optional faster verifier ----

/**
 * Another Ed25519 implementation a platform may install for speed: the server installs OpenSSL's
 * (node:crypto, ~10× noble here), which is what lets one sequencer and its validators keep up
 * with a busy market. It is trusted only to ACCEPT, and only where its acceptance implies
 * noble's: the key decodes strictly and is not of small order, S < L, and then a cofactorless
 * check that recomputes R's canonical bytes (OpenSSL's) implies noble's cofactored one. Anything
 * it rejects, and anything it throws on, is decided by noble, so the outcome is noble's on every
 * input (crypto.test.ts runs every CCTV and Wycheproof vector with and without it).
 */
export type SignatureAccelerator = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

let accelerator: SignatureAccelerator | null = null;

export function installSignatureAccelerator(fn: SignatureAccelerator | null): void {
  accelerator = fn;
}

/** Public keys already checked: a ledger sees few distinct signers (validators, issuers, stalls). */
const strictKeys = new Map<string, boolean>();
const STRICT_KEY_CACHE = 4096;

function strictKey(publicKey: Uint8Array): boolean {
  let id = '';
  for (const b of publicKey) id += String.fromCharCode(b);
  let ok = strictKeys.get(id);
  if (ok === undefined) {
    try {
      ok = !ed25519.Point.fromBytes(publicKey, false).isSmallOrder();
    } catch {
      ok = false;
    }
    if (strictKeys.size >= STRICT_KEY_CACHE) strictKeys.clear();
    strictKeys.set(id, ok);
  }
  return ok;
}

/** L = 2^252 + 27742317777372353535851937790883648493, little-endian (RFC 8032 §5.1). */
const GROUP_ORDER_LE = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);

/** S < L, comparing the little-endian bytes from the most significant end. */
function canonicalScalar(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (s[i]! !== GROUP_ORDER_LE[i]!) return s[i]! < GROUP_ORDER_LE[i]!;
  }
  return false;
}

/**
 * A fresh secret key from the runtime's CSPRNG (crypto.getRandomValues, reached through
 * noble). Browsers, workers and Node 20+ all provide one; noble throws if a runtime does not,
 * rather than returning weak keys.
 */
export function randomSecretKey(): Uint8Array {
  return ed25519.utils.randomSecretKey();
}

// ---- domain separation ----

export const SIGNING_PURPOSES = [
  'header',
  'policy',
  'record/stall-registration',
  'record/health-credential',
  'record/revocation',
  'record/stall-code',
] as const;
export type SigningPurpose = (typeof SIGNING_PURPOSES)[number];

const contextPrefix = new Map<string, Uint8Array>(
  SIGNING_PURPOSES.map((p) => [p, new TextEncoder().encode(`sanma/v1/${p}\u0000`)]),
);

/**
 * ASCII("sanma/v1/" + purpose) ‖ 0x00 ‖ body. The NUL ends the context: purposes contain no NUL,
 * so no context is a prefix of another and (purpose, body) is recoverable from the message.
 */
export function signingMessage(purpose: SigningPurpose, body: Uint8Array): Uint8Array {
  const prefix = contextPrefix.get(purpose);
  if (prefix === undefined) fail('BAD_VALUE', `signing purpose: unknown ${JSON.stringify(purpose)}`);
  checkBytes('body', body);
  return concatBytes(prefix, body);
}

export function signFor(purpose: SigningPurpose, secretKey: Uint8Array, body: Uint8Array): Uint8Array {
  return sign(secretKey, signingMessage(purpose, body));
}

export function verifyFor(
  purpose: SigningPurpose,
  publicKey: Uint8Array,
  body: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verifySignature(publicKey, signingMessage(purpose, body), signature);
}

function checkLength(field: string, bytes: Uint8Array, length: number): void {
  checkBytes(field, bytes);
  if (bytes.length !== length) fail('BAD_KEY', `${field}: expected ${length} bytes, got ${bytes.length}`);
}

function checkBytes(field: string, bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array)) fail('BAD_KEY', `${field}: expected a Uint8Array`);
}
