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
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    // noble returns false for undecodable points already; this keeps "never throws" true even
    // if a future version reports some hostile encoding by throwing.
    return false;
  }
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
