// OpenSSL's Ed25519 (node:crypto) as the core's signature accelerator: ~10× faster than noble on
// this machine, and Ed25519 verification is where the ledger spends its time (docs/SCALING.md).
// The core trusts it only to accept and decides everything else with noble, so installing it
// changes speed, never an outcome (src/core/crypto.test.ts runs every public vector both ways).

import { createPublicKey, verify, type KeyObject } from 'node:crypto';
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

export function opensslVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  return verify(null, message, keyObject(publicKey), signature);
}

/** Every server process calls this once at start (server/cli.ts). */
export function installOpensslEd25519(): void {
  installSignatureAccelerator(opensslVerify);
}
