// A real Sanma network for integration tests and the bench: a temporary data directory, the
// validators and the sequencer as separate processes on free 127.0.0.1 ports (fixed for the
// network's life, so a killed process restarts where it was). Processes are stopped by PID.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EMPTY_REVOCATIONS,
  tipOf,
  type BlockTip,
  buildBlock,
  checkHeaderQuorum,
  decodeHeader,
  equalBytes,
  headerHash,
  publicKeyFromSecret,
  recordId,
  toHex,
  sha256,
  utf8,
  type HealthCredential,
  type SignedRecord,
  type TrustPolicy,
} from '../../src/core';
import { LedgerClient } from '../client/ledger-client';
import { syncHeaders } from '../client/sync';
import { DataDir, type KeyPair } from '../datadir';
import { signRecord } from '../records';
import { freePort, killHard, spawnSanma, stopProcess, type ManagedProcess } from '../start/processes';

export interface NetworkOptions {
  blockIntervalMs?: number;
  /** Start the sequencer (default true). Without it, tests drive the validators directly. */
  ledger?: boolean;
  /** Which validators to start (1-based; default all three). */
  validators?: number[];
  maxBlockRecords?: number;
  /** More `sanma ledger` options, e.g. ['--rate-limit', 'key=1/3']. */
  ledgerArgs?: string[];
}

export class TestNetwork {
  readonly dir: DataDir;
  readonly policy: TrustPolicy;
  readonly ledgerUrl: string;
  readonly validatorUrls: string[];
  readonly client: LedgerClient;
  ledger: ManagedProcess | null = null;
  readonly validators: (ManagedProcess | null)[];
  /** Recent output of every process, for failure messages. */
  readonly output: string[] = [];

  private constructor(
    root: string,
    private readonly ledgerPort: number,
    private readonly validatorPorts: number[],
    private readonly opts: NetworkOptions,
  ) {
    this.dir = new DataDir(root);
    this.policy = this.dir.policy().policy;
    this.ledgerUrl = `http://127.0.0.1:${ledgerPort}`;
    this.validatorUrls = validatorPorts.map((p) => `http://127.0.0.1:${p}`);
    this.client = new LedgerClient(this.ledgerUrl);
    this.validators = validatorPorts.map(() => null);
  }

  static async create(opts: NetworkOptions = {}): Promise<TestNetwork> {
    const root = mkdtempSync(join(tmpdir(), 'sanma-test-'));
    new DataDir(root).init({ appOrigin: 'http://127.0.0.1:8080' });
    const [ledgerPort, ...validatorPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const net = new TestNetwork(root, ledgerPort!, validatorPorts, opts);
    try {
      await Promise.all((opts.validators ?? [1, 2, 3]).map((i) => net.startValidator(i)));
      if (opts.ledger !== false) await net.startLedger();
    } catch (e) {
      await net.close();
      throw e;
    }
    return net;
  }

  private spawnOpts() {
    return {
      onLine: (name: string, line: string) => {
        this.output.push(`${name}: ${line}`);
        if (this.output.length > 400) this.output.shift();
      },
    };
  }

  async startValidator(i: number): Promise<ManagedProcess> {
    const p = await spawnSanma(
      `validator-${i}`,
      ['validator', '--data-dir', this.dir.root, '--index', String(i), '--port', String(this.validatorPorts[i - 1]), '--sequencer', this.ledgerUrl],
      this.spawnOpts(),
    );
    this.validators[i - 1] = p;
    return p;
  }

  async stopValidator(i: number, hard = true): Promise<void> {
    const p = this.validators[i - 1];
    if (!p) return;
    await (hard ? killHard(p) : stopProcess(p));
    this.validators[i - 1] = null;
  }

  async startLedger(): Promise<ManagedProcess> {
    const args = [
      'ledger',
      '--data-dir', this.dir.root,
      '--port', String(this.ledgerPort),
      '--validators', this.validatorUrls.join(','),
      '--block-interval', String(this.opts.blockIntervalMs ?? 200),
    ];
    if (this.opts.maxBlockRecords) args.push('--max-block-records', String(this.opts.maxBlockRecords));
    args.push(...(this.opts.ledgerArgs ?? []));
    this.ledger = await spawnSanma('ledger', args, this.spawnOpts());
    return this.ledger;
  }

  /** kill -9 the sequencer. */
  async killLedger(): Promise<void> {
    if (this.ledger) await killHard(this.ledger);
    this.ledger = null;
  }

  async close(): Promise<void> {
    await Promise.all([this.ledger, ...this.validators].map((p) => (p ? stopProcess(p, 2000) : undefined)));
    rmSync(this.dir.root, { recursive: true, force: true });
  }

  get marketOffice(): KeyPair {
    return this.dir.marketOfficeKey();
  }

  get healthAuthority(): KeyPair {
    return this.dir.healthAuthorityKey();
  }

  /** A distinct, valid health credential (the cheapest record to make in bulk). */
  credential(n: number, now = Date.now(), authority = this.healthAuthority): SignedRecord {
    const vendorKey = publicKeyFromSecret(sha256(utf8(`test-vendor/${n}`)));
    const record: HealthCredential = {
      kind: 'health-credential',
      issuer: authority.publicKey,
      issuedAt: now,
      vendorKey,
      holder: sha256(utf8(`test-holder/${n}`)),
      validFrom: now - 86_400_000,
      validUntil: now + 365 * 86_400_000,
    };
    return signRecord(record, authority.secretKey);
  }

  /**
   * Checks the whole chain as a light client and as an auditor: header pages from genesis with
   * verifyHeaderChain; every header's own quorum; every block's records rebuild its header.
   * Returns the record ids per height.
   */
  async verifyChain(): Promise<{ tip: number; ids: Map<string, number> }> {
    const { headers, tip } = await syncHeaders(this.client, this.policy, 50);
    const ids = new Map<string, number>();
    let prev: BlockTip = { height: 0, hash: this.policy.genesisHash, time: 0, revocations: EMPTY_REVOCATIONS };
    for (let h = 1; h <= tip.height; h++) {
      const block = await this.client.block(h);
      const header = decodeHeader(block.signed.header);
      const expected = headers.get(h);
      if (!expected || !equalBytes(block.signed.header, (await this.client.header(h)).header)) throw new Error(`block ${h}: header differs from the header API`);
      const q = checkHeaderQuorum(block.signed.header, block.signed.signatures, this.policy);
      if (!q.ok) throw new Error(`block ${h}: ${q.reason}`);
      const rebuilt = buildBlock(this.policy.chainId, prev, block.records, header.time);
      if (!equalBytes(rebuilt.headerBytes, block.signed.header)) throw new Error(`block ${h}: records do not rebuild the header`);
      for (const r of block.records) {
        const id = toHex(recordId(r.body));
        if (ids.has(id)) throw new Error(`record ${id} appears twice (blocks ${ids.get(id)} and ${h})`);
        ids.set(id, h);
      }
      prev = tipOf(header, headerHash(block.signed.header));
    }
    return { tip: tip.height, ids };
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
