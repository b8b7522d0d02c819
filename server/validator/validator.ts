// A validator (docs/DESIGN.md §3): a separate party with its own key and its own database. It signs a
// proposed header only when (1) it has never signed a different header at that height, (2) the
// header extends the finalised chain it has replayed itself, (3) the header is exactly what core
// buildBlock gives for the proposed records, and (4) every record passes core validateBlock
// against its own state at the block's time. What it signs is committed to its database BEFORE
// the signature is returned.
//
// It learns that a block is final either from the next proposal (which carries the previous
// header's quorum, so the records it already checked can be applied without a fetch) or by
// fetching finalised blocks from the sequencer (catch-up), verifying the quorum, the chain link
// and the records root of each, and replaying its records with the rules before applying it.

import {
  buildBlock,
  checkHeaderQuorum,
  decodeHeader,
  equalBytes,
  headerHash,
  signFor,
  toHex,
  validateBlock,
  type BlockHeader,
  type Bytes,
  type LedgerReason,
  type StoredRecord,
  type TrustPolicy,
} from '../../src/core';
import type { KeyPair } from '../datadir';
import type { HttpLog } from '../http/common';
import type { ValidatorStore } from '../store/validator-store';
import { decodeBlock, decodeProposal, type Block, type Proposal } from '../wire';

/** Refusals that are about the proposal as a whole rather than one record's rules. */
export type ProposalRefusal =
  | 'DOUBLE_SIGN_REFUSED' // a different header at this height was signed before
  | 'HEIGHT_ALREADY_FINAL' // a block at this height is already final here
  | 'HEADER_ROOT_MISMATCH' // header ≠ buildBlock(tip, records, header.time)
  | 'HEADER_TIME_IN_FUTURE' // block time ahead of this validator's clock beyond the tolerance
  | 'BEHIND' // could not obtain the finalised blocks below the proposed height
  | 'MALFORMED';

export type ProposeAnswer =
  | { status: 200; body: { height: number; publicKey: string; signature: string } }
  | { status: 400 | 409 | 422 | 503; body: { error: LedgerReason | ProposalRefusal; height?: number; index?: number; detail?: string } };

/** How far a block time may run ahead of this validator's clock. */
const MAX_BLOCK_TIME_SKEW_MS = 60_000;

export interface ValidatorOptions {
  store: ValidatorStore;
  policy: TrustPolicy;
  key: KeyPair;
  /** Where finalised blocks are fetched from when this validator missed some. */
  sequencerUrl: string | null;
  log: HttpLog;
}

export class Validator {
  private lock: Promise<unknown> = Promise.resolve();
  private syncTimer: NodeJS.Timeout | null = null;
  private lastSyncWarning = '';
  /**
   * What validateBlock returned for headers this process signed, by header hash: when the block
   * turns out final, it is applied without replaying the rules a second time (same records, same
   * parent state). Lost on restart, where the records are replayed again from the database.
   */
  private readonly validated = new Map<string, { parent: string; applied: StoredRecord[] }>();
  readonly publicKeyHex: string;
  readonly name: string;

  constructor(private readonly o: ValidatorOptions) {
    this.publicKeyHex = toHex(o.key.publicKey);
    const me = o.policy.validators.find((v) => equalBytes(v.publicKey, o.key.publicKey));
    if (!me) throw new Error('this validator key is not in the trust policy');
    this.name = me.name;
  }

  /** Serialises everything that reads or writes the chain: proposals and catch-up. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  propose(bytes: Bytes): Promise<ProposeAnswer> {
    return this.exclusive(() => this.handle(bytes));
  }

  private async handle(bytes: Bytes): Promise<ProposeAnswer> {
    let p: Proposal;
    try {
      p = decodeProposal(bytes);
    } catch (e) {
      return { status: 400, body: { error: 'MALFORMED', detail: (e as Error).message.slice(0, 200) } };
    }
    const header = decodeHeader(p.header);
    const { policy, store, key } = this.o;
    const chain = store.chain;
    if (header.chainId !== policy.chainId) return { status: 422, body: { error: 'HEADER_WRONG_CHAIN' } };
    const h = header.height;
    if (h < 1) return { status: 422, body: { error: 'HEADER_NOT_CONSECUTIVE', height: h } };
    const hash = headerHash(p.header);

    // (1) never two headers at one height. Checked first, whatever else is wrong with the proposal.
    const signed = store.signedAt(h);
    if (signed) {
      if (equalBytes(signed.hash, hash)) return this.answer(h, signed.signature);
      return { status: 409, body: { error: 'DOUBLE_SIGN_REFUSED', height: h } };
    }

    // (2) the finalised chain up to h − 1.
    if (chain.tip().height >= h) return { status: 409, body: { error: 'HEIGHT_ALREADY_FINAL', height: h } };
    if (chain.tip().height < h - 1) {
      try {
        await this.advanceTo(h - 1, p.prev);
      } catch (e) {
        this.o.log.warn(`catch-up to ${h - 1} failed: ${(e as Error).message}`);
      }
      if (chain.tip().height < h - 1) return { status: 503, body: { error: 'BEHIND', height: chain.tip().height } };
    }
    const tip = chain.tip();
    if (!equalBytes(header.prevHash, tip.hash)) return { status: 422, body: { error: 'HEADER_BROKEN_LINK', height: h } };
    if (header.time < tip.time) return { status: 422, body: { error: 'HEADER_TIME_REGRESSION', height: h } };
    if (header.time > Date.now() + MAX_BLOCK_TIME_SKEW_MS) return { status: 422, body: { error: 'HEADER_TIME_IN_FUTURE', height: h } };

    // (3) the header commits to exactly these records.
    if (p.records.length === 0 || !equalBytes(buildBlock(policy.chainId, tip, p.records, header.time).headerBytes, p.header)) {
      return { status: 422, body: { error: 'HEADER_ROOT_MISMATCH', height: h } };
    }

    // (4) every record, with the rules, against this validator's own state.
    const v = validateBlock(chain.state, p.records, { policy, height: h, time: header.time });
    if (!v.ok) return { status: 422, body: { error: v.reason, index: v.index, height: h } };

    const signature = signFor('header', key.secretKey, p.header);
    store.recordSigned({ height: h, hash, header: p.header, signature, proposal: bytes }, Date.now());
    this.validated.set(toHex(hash), { parent: toHex(tip.hash), applied: v.applied });
    if (this.validated.size > 4) this.validated.delete(this.validated.keys().next().value!);
    return this.answer(h, signature);
  }

  private answer(height: number, signature: Bytes): ProposeAnswer {
    return { status: 200, body: { height, publicKey: this.publicKeyHex, signature: toHex(signature) } };
  }

  /**
   * Brings the finalised chain up to `target`: from the proposal's `prev` quorum when it is the
   * header this validator signed (the records are in its own database), else from the sequencer.
   */
  private async advanceTo(target: number, prev: Proposal['prev']): Promise<void> {
    const { store, policy } = this.o;
    const chain = store.chain;
    if (prev && chain.tip().height === target - 1) {
      const mine = store.signedAt(target);
      if (mine?.proposal && equalBytes(mine.header, prev.header) && checkHeaderQuorum(prev.header, prev.signatures, policy).ok) {
        this.applyFinalised({ signed: prev, records: decodeProposal(mine.proposal).records });
        return;
      }
    }
    await this.fetchFinalised(target);
  }

  /** Applies one quorum-signed block on top of the tip, after checking everything about it. */
  private applyFinalised(block: Block): void {
    const hash = toHex(headerHash(block.signed.header));
    const known = this.validated.get(hash);
    this.validated.delete(hash);
    const { store, policy } = this.o;
    const chain = store.chain;
    const tip = chain.tip();
    const header: BlockHeader = decodeHeader(block.signed.header);
    const fail: (why: string) => never = (why) => {
      throw new Error(`finalised block ${header.height}: ${why}`);
    };
    if (header.chainId !== policy.chainId) fail('wrong chain');
    if (header.height !== tip.height + 1) fail(`height does not follow tip ${tip.height}`);
    if (!equalBytes(header.prevHash, tip.hash)) fail('prevHash does not link to the tip');
    const q = checkHeaderQuorum(block.signed.header, block.signed.signatures, policy);
    if (!q.ok) fail(q.reason);
    if (!equalBytes(buildBlock(policy.chainId, tip, block.records, header.time).headerBytes, block.signed.header)) fail('records do not match the header');
    // Records this process already replayed on exactly this parent need not be replayed again.
    let applied = known && known.parent === toHex(tip.hash) ? known.applied : null;
    if (!applied) {
      const v = validateBlock(chain.state, block.records, { policy, height: header.height, time: header.time });
      // A quorum signed a block this validator's rules refuse: its state has diverged from theirs.
      // Stop here, loudly, rather than sign anything on top of a history it cannot confirm.
      if (!v.ok) fail(`record ${v.index} refused here (${v.reason}) although a quorum signed it — state divergence`);
      applied = v.applied;
    }
    chain.applyBlock(block.signed, header, block.records, applied);
    store.forgetProposal(header.height);
  }

  /** Fetches and applies finalised blocks from the sequencer up to `target` (default: its tip). */
  private async fetchFinalised(target?: number): Promise<void> {
    const base = this.o.sequencerUrl;
    if (!base) return;
    const chain = this.o.store.chain;
    let goal = target;
    if (goal === undefined) {
      const res = await fetch(`${base}/v1/health`, { signal: AbortSignal.timeout(5000) });
      const json = (await res.json()) as { tip?: { height?: unknown } };
      goal = typeof json.tip?.height === 'number' ? json.tip.height : chain.tip().height;
    }
    while (chain.tip().height < goal) {
      const next = chain.tip().height + 1;
      const res = await fetch(`${base}/v1/blocks/${next}`, { signal: AbortSignal.timeout(10_000) });
      if (res.status === 404) return;
      if (!res.ok) throw new Error(`GET /v1/blocks/${next}: HTTP ${res.status}`);
      this.applyFinalised(decodeBlock(new Uint8Array(await res.arrayBuffer())));
      this.o.log.info(`caught up block ${next}`);
    }
  }

  /** Catch-up now (startup) and then every `intervalMs` while idle. */
  startSync(intervalMs: number): void {
    const run = () => {
      void this.exclusive(() => this.fetchFinalised())
        .then(() => {
          this.lastSyncWarning = '';
        })
        .catch((e: unknown) => {
          // The sequencer being down is normal at start and during a restart: say so once, not
          // every interval, and as news rather than a warning when it simply is not up yet.
          const unreachable = e instanceof TypeError; // how fetch reports a refused connection
          const msg = unreachable ? `catch-up: sequencer ${this.o.sequencerUrl} not reachable yet; retrying every ${intervalMs / 1000} s` : `catch-up: ${(e as Error).message}`;
          if (msg !== this.lastSyncWarning) (unreachable ? this.o.log.info : this.o.log.warn)(msg);
          this.lastSyncWarning = msg;
        })
        .finally(() => {
          if (this.syncTimer !== null) this.syncTimer = setTimeout(run, intervalMs);
        });
    };
    this.syncTimer = setTimeout(run, 0);
  }

  stopSync(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = null;
  }

  async idle(): Promise<void> {
    await this.exclusive(async () => undefined);
  }

  health() {
    const tip = this.o.store.chain.tip();
    const last = this.o.store.lastSigned();
    return {
      ok: true,
      name: this.name,
      publicKey: this.publicKeyHex,
      tip: { height: tip.height, hash: toHex(tip.hash) },
      lastSigned: last ? { height: last.height, hash: toHex(last.hash) } : null,
    };
  }
}
