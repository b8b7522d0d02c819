// OpenSSL's Ed25519 (node:crypto) as the core's signature accelerator: ~10× faster than noble on
// this machine, and Ed25519 verification is where the ledger spends its time (docs/SCALING.md).
// The core trusts it only to accept and decides everything else with noble, so installing it
// changes speed, never an outcome (src/core/crypto.test.ts runs every public vector both ways).

import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { installSignatureAccelerator } from '../../src/core';

const keys = new Map<string, KeyObject>();
const KEY_CACHE = 4096;

function keyObject(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('base64url');
  let key = keys.get(x);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keys.size >= KEY_CACHE) keys.clear();
    keys.set(x, key);
  }
  return key;
}

/**
 * Signatures this process already accepted, by SHA-256(key ‖ signature ‖ message): the sequencer
 * checks every record twice (its pre-check, then again when the record's block is built, since
 * the state may have changed; the signature cannot have), and a hash costs ~1/50 of a
 * verification. Only acceptances are remembered, so the memo can never accept anything OpenSSL
 * did not.
 */
const accepted = new Set<string>();
const ACCEPTED_CACHE = 65_536;

export function opensslVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const id = createHash('sha256').update(publicKey).update(signature).update(message).digest('base64');
  if (accepted.has(id)) return true;
  const ok = verify(null, message, keyObject(publicKey), signature);
  if (ok) {
    if (accepted.size >= ACCEPTED_CACHE) accepted.clear();
    accepted.add(id);
  }
  return ok;
}

/** Every server process calls this once at start (server/cli.ts). */
export function installOpensslEd25519(): void {
  installSignatureAccelerator(opensslVerify);
}
