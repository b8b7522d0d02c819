// The revocation commitment of block headers (docs/FORMAT.md §6). A status event is a record that
// makes earlier records red: a revocation (target revoked) or a registration that supersedes the
// stall's previous one (handover). Every header carries the number of status events through its
// block and a running hash over them:
//   H_0 = 32 zero bytes
//   H_n = SHA-256("sanma/v1/revocations" ‖ 0x00 ‖ H_{n-1} ‖ varint height ‖ varint index ‖ record id)
// The validators recompute both from the block's records before signing, so a client that
// replays the events a mirror gave it and lands on a quorum-signed header's (count, hash) holds
// exactly the ledger's list: a withheld, added or reordered event cannot match.

import { Writer, equalBytes } from '../bytes';
import { sha256 } from '../crypto';
import { CoreError } from '../errors';
import { leafHash } from '../merkle';
import { decodeRecord } from '../codec/records';
import type { BlockHeader, Bytes, LedgerRecord, RecordRef } from '../codec/types';

export type StatusKind = 'revoked' | 'superseded';

export interface StatusChange {
  target: RecordRef;
  kind: StatusKind;
}

/** Count and running hash of the status events through some block. */
export interface RevocationAccumulator {
  count: number;
  hash: Bytes;
}

export const EMPTY_REVOCATIONS: RevocationAccumulator = { count: 0, hash: new Uint8Array(32) };

const PREFIX = new TextEncoder().encode('sanma/v1/revocations\u0000');

/** What a record does to earlier records' status, if anything. */
export function statusChangeOf(record: LedgerRecord): StatusChange | null {
  if (record.kind === 'revocation') return { target: record.target, kind: 'revoked' };
  if (record.kind === 'stall-registration' && record.supersedes) return { target: record.supersedes, kind: 'superseded' };
  return null;
}

export function appendStatusEvent(acc: RevocationAccumulator, at: RecordRef, recordId: Bytes): RevocationAccumulator {
  const msg = new Writer().raw(PREFIX).raw(acc.hash).varint(at.height).varint(at.index).raw(recordId).finish();
  return { count: acc.count + 1, hash: sha256(msg) };
}

/** The accumulator after a block whose record bodies are `bodies` (undecodable ones are no events). */
export function accumulateBlock(acc: RevocationAccumulator, height: number, bodies: readonly Bytes[]): RevocationAccumulator {
  let out = acc;
  bodies.forEach((body, index) => {
    let record: LedgerRecord;
    try {
      record = decodeRecord(body);
    } catch (e) {
      if (e instanceof CoreError) return; // the rules refuse such a block anyway
      throw e;
    }
    if (statusChangeOf(record)) out = appendStatusEvent(out, { height, index }, leafHash(body));
  });
  return out;
}

export const accumulatorOf = (h: BlockHeader): RevocationAccumulator => ({ count: h.revocationCount, hash: h.revocationsHash });

/** One status event as a feed or mirror serves it: its position and the record body. */
export interface StatusEventItem {
  height: number;
  index: number;
  body: Bytes;
}

export interface CheckedStatusEvent extends StatusChange {
  /** Where the event record itself is. */
  height: number;
  index: number;
}

export type FeedReason =
  | 'REVOCATIONS_INCOMPLETE' // the events do not reproduce the header's count and hash
  | 'REVOCATION_MALFORMED' // an item is not a status-event record
  | 'REVOCATION_ORDER'; // positions not strictly increasing, or past the header

/**
 * Checks a run of status events that continues `from` and must end exactly at `through`'s
 * commitment (through must come from a verified header). Nothing is returned unless all are.
 */
export function checkStatusEvents(
  from: RevocationAccumulator,
  items: readonly StatusEventItem[],
  through: BlockHeader,
): { ok: true; events: CheckedStatusEvent[]; acc: RevocationAccumulator } | { ok: false; reason: FeedReason } {
  let acc = from;
  let last: RecordRef | null = null;
  const events: CheckedStatusEvent[] = [];
  for (const item of items) {
    if (item.height > through.height || (last && (item.height < last.height || (item.height === last.height && item.index <= last.index)))) {
      return { ok: false, reason: 'REVOCATION_ORDER' };
    }
    let change: StatusChange | null;
    try {
      change = statusChangeOf(decodeRecord(item.body));
    } catch (e) {
      if (e instanceof CoreError) return { ok: false, reason: 'REVOCATION_MALFORMED' };
      throw e;
    }
    if (!change) return { ok: false, reason: 'REVOCATION_MALFORMED' };
    acc = appendStatusEvent(acc, item, leafHash(item.body));
    events.push({ ...change, height: item.height, index: item.index });
    last = item;
  }
  if (acc.count !== through.revocationCount || !equalBytes(acc.hash, through.revocationsHash)) return { ok: false, reason: 'REVOCATIONS_INCOMPLETE' };
  return { ok: true, events, acc };
}
