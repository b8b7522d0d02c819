// The first Ed25519 operation in a process builds noble's precomputed tables and compiles the hot
// paths (hundreds of ms on this machine). Pay that before announcing "ready", not on the first
// record a vendor submits.

import { publicKeyFromSecret, sha256, signFor, utf8, verifyFor } from '../src/core';

export function warmUpCrypto(): void {
  const secretKey = sha256(utf8('sanma/warm-up'));
  const publicKey = publicKeyFromSecret(secretKey);
  const body = utf8('warm-up');
  for (let i = 0; i < 8; i++) verifyFor('header', publicKey, body, signFor('header', secretKey, body));
}
