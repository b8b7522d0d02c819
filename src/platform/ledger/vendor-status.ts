// GET /v1/vendors/:publicKeyHex (docs/API.md): the stalls and health credentials registered for a
// vendor key, which the vendor's app needs to build a stall code. Informational: everything that
// matters is checked again by the validators when the stall code is submitted.

import { readVendor } from '../../core';
import type { CallOptions, VendorStatus } from './contract';
import type { ClientContext } from './context';
import { getJson } from './http';

const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/;

export async function vendorStatus(ctx: ClientContext, publicKeyHex: string, opts: CallOptions = {}): Promise<VendorStatus> {
  if (!PUBLIC_KEY_HEX.test(publicKeyHex)) throw new TypeError('publicKeyHex: expected 64 lower-case hex characters');
  return getJson(ctx.http, `${ctx.ledgerUrl}/v1/vendors/${publicKeyHex}`, readVendor, opts.signal);
}
