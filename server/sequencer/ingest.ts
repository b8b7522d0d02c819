// Accepting a submitted record (POST /v1/records). Idempotent: the id is the record's leaf hash,
// so the same record submitted twice is stored once and both submitters get the same answer.
// Pre-checked with the core rules at the current tip, so obviously bad records never enter the
// queue (the validators check again when it is proposed). A 202 is sent only after the record is
// committed to SQLite; concurrent submissions share one commit (group commit).

import { recordId, toHex, equalBytes, validateRecord, type Bytes, type LedgerReason, type SignedRecord, type TrustPolicy } from '../../src/core';
import type { PendingRecord, SequencerStore } from '../store/sequencer-store';

export type SubmitResult =
  | { kind: 'included'; id: string; height: number; index: number }
  | { kind: 'pending'; id: string }
  | { kind: 'refused'; id: string; reason: LedgerReason };

interface Waiter {
  record: PendingRecord;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class Ingest {
  private queue: Waiter[] = [];
  private scheduled = false;
  /** Submissions waiting for their commit, by id: a duplicate arriving meanwhile waits for the same one. */
  private readonly inFlight = new Map<string, { signature: Bytes; done: Promise<void> }>();

  constructor(
    private readonly store: SequencerStore,
    private readonly policy: TrustPolicy,
  ) {}

  async submit(signed: SignedRecord): Promise<SubmitResult> {
    const idBytes = recordId(signed.body);
    const id = toHex(idBytes);
    const inFlight = this.inFlight.get(id);
    if (inFlight) {
      if (!equalBytes(inFlight.signature, signed.signature)) return { kind: 'refused', id, reason: 'RECORD_DUPLICATE' };
      await inFlight.done;
      return { kind: 'pending', id };
    }
    const status = this.store.status(idBytes);
    if (status.status === 'included' || status.status === 'pending') {
      // Ed25519 signing is deterministic: an honest resubmission carries the same bytes. Another
      // signature over a body we hold is not the record we hold.
      if (!equalBytes(status.signature, signed.signature)) return { kind: 'refused', id, reason: 'RECORD_DUPLICATE' };
      return status.status === 'included' ? { kind: 'included', id, height: status.height, index: status.index } : { kind: 'pending', id };
    }
    const chain = this.store.chain;
    const tip = chain.tip();
    const height = tip.height + 1;
    const check = validateRecord(chain.state, signed, { height, index: 0 }, { policy: this.policy, height, time: Math.max(Date.now(), tip.time) });
    if (!check.ok) return { kind: 'refused', id, reason: check.reason };
    const done = this.enqueue({ id: idBytes, body: signed.body, signature: signed.signature });
    this.inFlight.set(id, { signature: signed.signature, done });
    try {
      await done;
    } finally {
      this.inFlight.delete(id);
    }
    return { kind: 'pending', id };
  }

  private enqueue(record: PendingRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    try {
      this.store.addPending(
        batch.map((w) => w.record),
        Date.now(),
      );
      for (const w of batch) w.resolve();
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
}
