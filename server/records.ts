// Signing and submitting records, for the issuer CLI, the demo seeder, tests and the bench.

import { encodeRecord, recordId, recordPurpose, signFor, toHex, type Bytes, type LedgerRecord, type SignedRecord } from '../src/core';
import type { IncludedRecord, LedgerClient } from './client/ledger-client';

export function signRecord(record: LedgerRecord, secretKey: Bytes): SignedRecord {
  const body = encodeRecord(record);
  return { body, signature: signFor(recordPurpose(record.kind), secretKey, body) };
}

export function recordIdHex(signed: SignedRecord): string {
  return toHex(recordId(signed.body));
}

export class SubmitRefused extends Error {
  constructor(
    readonly httpStatus: number,
    readonly reason: string,
  ) {
    super(`ledger refused the record: HTTP ${httpStatus} ${reason}`);
  }
}

/** Submits (idempotently) and, unless `wait` is false, waits until the record is in a block. */
export async function submitRecord(client: LedgerClient, signed: SignedRecord, wait = true, timeoutMs = 60_000): Promise<IncludedRecord | { id: string; status: 'pending' }> {
  const answer = await client.submit(signed);
  if (answer.httpStatus !== 200 && answer.httpStatus !== 202) throw new SubmitRefused(answer.httpStatus, answer.error ?? 'UNKNOWN');
  const id = recordIdHex(signed);
  if (!wait) return { id, status: 'pending' };
  return client.waitIncluded(id, timeoutMs);
}
