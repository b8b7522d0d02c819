// The stall-code payload carried by the QR code (docs/FORMAT.md §7): version, chain id,
// block height, leaf index, inclusion proof, then the stall-code record body as the rest.
// The tree size is not carried: it is the header's recordCount.

import { Reader, Writer } from '../bytes';
import { fail } from '../errors';
import { LIMITS } from './limits';
import { checkChainId } from './policy';
import { decodeRecord } from './records';
import type { Bytes, StallCodePayload } from './types';

export const PAYLOAD_VERSION = 1;

export function encodePayload(p: Omit<StallCodePayload, 'record'>): Bytes {
  checkChainId(p.chainId);
  if (p.height < 1) fail('BAD_VALUE', 'height: stall codes live in blocks >= 1');
  const w = new Writer().u8(PAYLOAD_VERSION).text('chainId', p.chainId, LIMITS.chainIdBytes);
  w.varint(p.height).varint(p.index);
  w.count('proof', p.proof.length, 0, LIMITS.proofHashes);
  for (const h of p.proof) w.fixed('proof hash', h, 32);
  const record = decodeRecord(p.body);
  if (record.kind !== 'stall-code') fail('BAD_VALUE', `payload record: expected stall-code, got ${record.kind}`);
  w.raw(p.body);
  const out = w.finish();
  if (out.length > LIMITS.payloadBytes) fail('LIMIT_EXCEEDED', `payload: ${out.length} bytes > ${LIMITS.payloadBytes}`);
  return out;
}

export function decodePayload(bytes: Bytes): StallCodePayload {
  if (bytes.length > LIMITS.payloadBytes) fail('LIMIT_EXCEEDED', `payload: ${bytes.length} bytes > ${LIMITS.payloadBytes}`);
  const r = new Reader(bytes);
  const version = r.u8('payload.version');
  if (version !== PAYLOAD_VERSION) fail('BAD_VERSION', `payload version ${version} is not known`);
  const chainId = r.text('chainId', LIMITS.chainIdBytes);
  checkChainId(chainId);
  const height = r.varint('height');
  if (height < 1) fail('BAD_VALUE', 'height: stall codes live in blocks >= 1');
  const index = r.varint('index');
  const n = r.count('proof', 0, LIMITS.proofHashes);
  const proof: Bytes[] = [];
  for (let i = 0; i < n; i++) proof.push(r.fixed('proof hash', 32));
  const body = r.rest();
  const record = decodeRecord(body);
  if (record.kind !== 'stall-code') fail('BAD_VALUE', `payload record: expected stall-code, got ${record.kind}`);
  return { chainId, height, index, proof, body, record };
}
