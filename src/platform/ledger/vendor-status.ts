// GET /v1/vendors/:publicKeyHex (docs/API.md): the stalls and health credentials registered for a
// vendor key, which the vendor's app needs to build a stall code. Informational: everything that
// matters is checked again by the validators when the stall code is submitted.

import type { PaymentChannel } from '../../core';
import type { CallOptions, VendorStatus } from './contract';
import type { ClientContext } from './context';
import { getJson } from './http';
import { arr, bad, bool, int, obj, str } from './json-shape';

const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/;

function channel(v: unknown, field: string): PaymentChannel {
  const o = obj(v, field);
  const type = o.type;
  if (type !== 'emv' && type !== 'url') bad(`${field}.type`, "'emv' or 'url'");
  return { type, label: str(o.label, `${field}.label`, 64), value: str(o.value, `${field}.value`, 1024) };
}

function parseVendorStatus(json: unknown): VendorStatus {
  const o = obj(json, 'vendor');
  return {
    stalls: arr(o.stalls, 'stalls', 1000).map((v, i) => {
      const s = obj(v, `stalls[${i}]`);
      return {
        stallNo: str(s.stallNo, `stalls[${i}].stallNo`, 64),
        stallName: str(s.stallName, `stalls[${i}].stallName`, 128),
        channels: arr(s.channels, `stalls[${i}].channels`, 16).map((c, j) => channel(c, `stalls[${i}].channels[${j}]`)),
        height: int(s.height, `stalls[${i}].height`),
        index: int(s.index, `stalls[${i}].index`),
        revoked: bool(s.revoked, `stalls[${i}].revoked`),
        current: bool(s.current, `stalls[${i}].current`),
      };
    }),
    credentials: arr(o.credentials, 'credentials', 1000).map((v, i) => {
      const c = obj(v, `credentials[${i}]`);
      return {
        height: int(c.height, `credentials[${i}].height`),
        index: int(c.index, `credentials[${i}].index`),
        validFrom: int(c.validFrom, `credentials[${i}].validFrom`),
        validUntil: int(c.validUntil, `credentials[${i}].validUntil`),
        revoked: bool(c.revoked, `credentials[${i}].revoked`),
      };
    }),
  };
}

export async function vendorStatus(ctx: ClientContext, publicKeyHex: string, opts: CallOptions = {}): Promise<VendorStatus> {
  if (!PUBLIC_KEY_HEX.test(publicKeyHex)) throw new TypeError('publicKeyHex: expected 64 lower-case hex characters');
  return parseVendorStatus(await getJson(ctx.http, `${ctx.ledgerUrl}/v1/vendors/${publicKeyHex}`, opts.signal));
}
