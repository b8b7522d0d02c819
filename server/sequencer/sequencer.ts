// The sequencer (docs/DESIGN.md §3 "Ledger"): orders accepted records into blocks on an interval, builds
// the RFC 9162 tree and header with core buildBlock, proposes header + records to every validator
// and finalises the block once k of them signed it. There is at most one proposal at a time, and it
// is persisted before it is sent: after a crash the same header is proposed again, so a validator
// that already signed it answers with the same signature instead of refusing a second header at
// that height. A proposal is abandoned only when more than n − k validators refused it for a rule
// (then no quorum can ever sign it): the records they named are marked rejected, the rest go back
// to the queue.

import {
  MemoryLedgerState,
  buildBlock,
  checkHeaderQuorum,
  decodeHeader,
  equalBytes,
  fromHex,
  headerHash,
  toHex,
  validateBlock,
  validateRecord,
  verifyFor,
  type Bytes,
  type HeaderSignature,
  type SignedHeader,
  type StoredRecord,
  type TrustPolicy,
} from '../../src/core';
import type { HttpLog } from '../http/common';
import type { SequencerStore, StoredProposal } from '../store/sequencer-store';
import { MAX_BLOCK_RECORDS, encodeProposal } from '../wire';

export interface ValidatorPeer {
  url: string;
  name: string | null;
  publicKey: string | null;
  reachable: boolean | null;
  lastError: string | null;
  lastSeen: number | null;
}

export interface SequencerOptions {
  intervalMs: number;
  /** Bearer token for POST /v1/propose (DataDir.proposalToken). */
  proposalToken: string;
  maxRecordsPerBlock?: number;
  log: HttpLog;
}

interface ProposeAnswer {
  peer: ValidatorPeer;
  signature?: HeaderSignature;
  /** A definite refusal: this validator will not sign this header. */
  refusal?: { reason: string; index?: number };
}

export class Sequencer {
  readonly peers: ValidatorPeer[];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Validated records of the proposal built in this process, so finalising need not re-verify. */
  private storedCache: { hash: string; stored: StoredRecord[] } | null = null;
  private readonly maxRecords: number;
  /** Called after each finalised block (tests and the bench observe progress through this). */
  onBlock: ((height: number) => void) | null = null;

  constructor(
    private readonly store: SequencerStore,
    private readonly policy: TrustPolicy,
    validatorUrls: readonly string[],
    private readonly opts: SequencerOptions,
  ) {
    this.peers = validatorUrls.map((url) => ({ url: url.replace(/\/+$/, ''), name: null, publicKey: null, reachable: null, lastError: null, lastSeen: null }));
    this.maxRecords = Math.min(opts.maxRecordsPerBlock ?? MAX_BLOCK_RECORDS, MAX_BLOCK_RECORDS);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
    void this.pingPeers();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.running = this.tick()
        .catch((e: unknown) => this.opts.log.error(`block production: ${(e as Error)?.stack ?? String(e)}`))
        .finally(() => {
          this.running = null;
          this.schedule(Math.max(0, this.opts.intervalMs - (Date.now() - started)));
        });
    }, delay);
  }

  /** One round: finish the proposal in flight, or build one from the queue; no empty blocks. */
  async tick(): Promise<void> {
    let proposal = this.store.proposal();
    if (!proposal) {
      proposal = this.buildProposal();
      if (!proposal) return;
    }
    const answers = await this.collect(proposal);
    const signatures = answers.flatMap((a) => (a.signature ? [a.signature] : []));
    const signed: SignedHeader = { header: proposal.header, signatures };
    if (checkHeaderQuorum(proposal.header, signatures, this.policy).ok) {
      this.finalise(signed, proposal);
      return;
    }
    const refusals = answers.filter((a) => a.refusal);
    const n = this.policy.validators.length;
    if (refusals.length > n - this.policy.threshold) this.abandon(proposal, refusals);
    else if (refusals.length > 0) this.opts.log.warn(`block ${proposal.height}: refused by ${refusals.map((r) => `${r.peer.url} (${r.refusal!.reason})`).join(', ')}; waiting for a quorum`);
  }

  private blockTime(tipTime: number): number {
    return Math.max(Date.now(), tipTime);
  }

  /** Takes queued records in arrival order, keeps those the rules accept at this block, persists the proposal. */
  private buildProposal(): StoredProposal | undefined {
    const queued = this.store.pendingBatch(this.maxRecords);
    if (queued.length === 0) return undefined;
    const chain = this.store.chain;
    const tip = chain.tip();
    const height = tip.height + 1;
    const time = this.blockTime(tip.time);
    const ctx = { policy: this.policy, height, time };
    const overlay = new MemoryLedgerState(chain.state);
    const accepted: typeof queued = [];
    const refused: { id: Bytes; reason: string }[] = [];
    for (const r of queued) {
      const result = validateRecord(overlay, r, { height, index: accepted.length }, ctx);
      if (result.ok) {
        overlay.apply(result.stored);
        accepted.push(r);
      } else {
        refused.push({ id: r.id, reason: result.reason });
      }
    }
    if (refused.length > 0) {
      this.opts.log.warn(`block ${height}: ${refused.length} queued record(s) no longer valid: ${[...new Set(refused.map((r) => r.reason))].join(', ')}`);
      this.store.reject(refused, Date.now());
    }
    if (accepted.length === 0) return undefined;
    const built = buildBlock(this.policy.chainId, tip, accepted, time);
    this.store.saveProposal(height, built.headerBytes, accepted.map((r) => r.id), Date.now());
    this.storedCache = { hash: toHex(built.hash), stored: overlay.applied() };
    return { height, header: built.headerBytes, records: accepted };
  }

  private finalise(signed: SignedHeader, proposal: StoredProposal): void {
    const hash = toHex(headerHash(proposal.header));
    let stored = this.storedCache?.hash === hash ? this.storedCache.stored : null;
    if (!stored) {
      // Restarted with a persisted proposal: replay it against the state it was built on.
      const header = decodeHeader(proposal.header);
      const v = validateBlock(this.store.chain.state, proposal.records, { policy: this.policy, height: header.height, time: header.time });
      if (!v.ok) {
        this.opts.log.error(`block ${proposal.height}: signed by a quorum but record ${v.index} fails here (${v.reason}); dropping the proposal`);
        this.store.dropProposal(proposal.height);
        return;
      }
      stored = v.applied;
    }
    this.store.finalise(signed, proposal, stored);
    this.storedCache = null;
    this.opts.log.info(`block ${proposal.height}: ${proposal.records.length} record(s), ${signed.signatures.length} signature(s)`);
    this.onBlock?.(proposal.height);
  }

  private abandon(proposal: StoredProposal, refusals: ProposeAnswer[]): void {
    const byIndex = new Map<number, string>();
    for (const r of refusals) if (r.refusal!.index !== undefined && r.refusal!.index < proposal.records.length) byIndex.set(r.refusal!.index, r.refusal!.reason);
    this.opts.log.warn(`block ${proposal.height}: refused by ${refusals.length} validator(s) (${refusals.map((r) => r.refusal!.reason).join(', ')}); abandoning it`);
    this.store.reject([...byIndex].map(([i, reason]) => ({ id: proposal.records[i]!.id, reason })), Date.now());
    this.store.dropProposal(proposal.height);
    this.storedCache = null;
  }

  /** Sends the proposal to every validator; resolves as soon as k signatures are in, or all answered. */
  private collect(proposal: StoredProposal): Promise<ProposeAnswer[]> {
    const prev = this.store.chain.signedHeader(proposal.height - 1) ?? null;
    const body = encodeProposal({ header: proposal.header, records: proposal.records, prev });
    const timeoutMs = 3000 + 10 * proposal.records.length;
    return new Promise((resolve) => {
      const answers: ProposeAnswer[] = [];
      let settled = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        const sigs = answers.filter((a) => a.signature).length;
        if (sigs >= this.policy.threshold || settled === this.peers.length) {
          done = true;
          resolve(answers.slice());
        }
      };
      for (const peer of this.peers) {
        this.proposeTo(peer, body, proposal.header, timeoutMs)
          .then((a) => answers.push(a))
          .finally(() => {
            settled++;
            finish();
          });
      }
      if (this.peers.length === 0) resolve([]);
    });
  }

  private async proposeTo(peer: ValidatorPeer, body: Bytes, header: Bytes, timeoutMs: number): Promise<ProposeAnswer> {
    try {
      const res = await fetch(`${peer.url}/v1/propose`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${this.opts.proposalToken}` },
        body: new Uint8Array(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
      peer.reachable = true;
      peer.lastSeen = Date.now();
      if (res.status === 200 && json && typeof json.publicKey === 'string' && typeof json.signature === 'string') {
        const signature = this.checkSignature(header, json.publicKey, json.signature);
        if (!signature) {
          peer.lastError = 'BAD_SIGNATURE';
          return { peer };
        }
        peer.lastError = null;
        peer.publicKey = json.publicKey;
        peer.name = this.policy.validators.find((v) => toHex(v.publicKey) === json.publicKey)?.name ?? peer.name;
        return { peer, signature };
      }
      const reason = typeof json?.error === 'string' ? json.error : `HTTP_${res.status}`;
      peer.lastError = reason;
      if (res.status === 422 || (res.status === 409 && reason === 'DOUBLE_SIGN_REFUSED')) {
        const index = typeof json?.index === 'number' ? json.index : undefined;
        return { peer, refusal: index === undefined ? { reason } : { reason, index } };
      }
      return { peer };
    } catch (e) {
      peer.reachable = false;
      peer.lastError = (e as Error)?.name === 'TimeoutError' ? 'TIMEOUT' : 'UNREACHABLE';
      return { peer };
    }
  }

  private checkSignature(header: Bytes, publicKeyHex: string, signatureHex: string): HeaderSignature | null {
    try {
      const publicKey = fromHex(publicKeyHex);
      const signature = fromHex(signatureHex);
      if (publicKey.length !== 32 || signature.length !== 64) return null;
      if (!this.policy.validators.some((v) => equalBytes(v.publicKey, publicKey))) return null;
      if (!verifyFor('header', publicKey, header, signature)) return null;
      return { publicKey, signature };
    } catch {
      return null;
    }
  }

  /** Learns each validator's name and key, and keeps /v1/health's reachability current when idle. */
  private async pingPeers(): Promise<void> {
    while (!this.stopped) {
      await Promise.all(
        this.peers.map(async (peer) => {
          if (peer.lastSeen !== null && Date.now() - peer.lastSeen < 5000) return;
          try {
            const res = await fetch(`${peer.url}/v1/health`, { signal: AbortSignal.timeout(2000) });
            const json = (await res.json()) as { publicKey?: unknown; name?: unknown };
            peer.reachable = res.ok;
            peer.lastSeen = Date.now();
            if (typeof json.publicKey === 'string') peer.publicKey = json.publicKey;
            if (typeof json.name === 'string') peer.name = json.name;
          } catch {
            peer.reachable = false;
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 5000).unref());
    }
  }
}
