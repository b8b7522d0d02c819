// A small HTTP client for the ledger API (docs/API.md), used by the CLI, the demo seeder, the
// tests and the bench. It only moves bytes: decoding is the core's, and trust decisions (quorum,
// chain, proofs) are made by the caller with the core.

import {
  decodeHeaderPage,
  decodeSignedHeader,
  decodeSignedPolicy,
  encodeSignedRecord,
  readRevocationFeed,
  type Bytes,
  type RevocationFeed,
  type HeaderPage,
  type SignedHeader,
  type SignedPolicy,
  type SignedRecord,
} from '../../src/core';
import { decodeBlock, type Block } from '../wire';

export interface SubmitAnswer {
  httpStatus: number;
  id?: string;
  status?: 'pending' | 'included';
  error?: string;
  height?: number;
  index?: number;
}

export interface IncludedRecord {
  id: string;
  status: 'included';
  kind: string;
  height: number;
  index: number;
  recordCount: number;
  proof: string[];
  body: string;
  signature: string;
}

export type RecordAnswer = IncludedRecord | { id: string; status: 'pending' } | { id: string; status: 'rejected'; reason: string } | { status: 'unknown' };

export interface LedgerHealth {
  ok: boolean;
  chainId: string;
  tip: { height: number; hash: string; time: number };
  records: number;
  pending: number;
  validators: { name: string | null; url: string; publicKey: string | null; reachable: boolean; lastError: string | null }[];
}

class LedgerHttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: string,
  ) {
    super(`GET ${path}: HTTP ${status} ${body.slice(0, 200)}`);
  }
}

export class LedgerClient {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async get(path: string, accept = 'application/octet-stream'): Promise<Response> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { accept }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new LedgerHttpError(res.status, path, await res.text().catch(() => ''));
    return res;
  }

  private async getBytes(path: string): Promise<Bytes> {
    return new Uint8Array(await (await this.get(path)).arrayBuffer());
  }

  private async getJson<T>(path: string): Promise<T> {
    return (await (await this.get(path, 'application/json')).json()) as T;
  }

  async submit(record: SignedRecord): Promise<SubmitAnswer> {
    const res = await fetch(`${this.baseUrl}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(encodeSignedRecord(record)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const json = (await res.json().catch(() => ({}))) as Omit<SubmitAnswer, 'httpStatus'>;
    return { httpStatus: res.status, ...json };
  }

  async record(id: string): Promise<RecordAnswer> {
    const res = await fetch(`${this.baseUrl}/v1/records/${id}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (res.status === 404) return { status: 'unknown' };
    if (!res.ok) throw new LedgerHttpError(res.status, `/v1/records/${id}`, await res.text().catch(() => ''));
    return (await res.json()) as RecordAnswer;
  }

  /** Polls until the record is in a block; throws when it was rejected or on timeout. */
  async waitIncluded(id: string, timeoutMs = 30_000, pollMs = 100): Promise<IncludedRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.record(id);
      if (r.status === 'included') return r;
      if (r.status === 'rejected') throw new Error(`record ${id} was rejected: ${r.reason}`);
      if (Date.now() > deadline) throw new Error(`record ${id} not included after ${timeoutMs} ms (status ${r.status})`);
      await new Promise((res) => setTimeout(res, pollMs));
    }
  }

  async headerPage(from: number, limit: number): Promise<HeaderPage> {
    return decodeHeaderPage(await this.getBytes(`/v1/headers?from=${from}&limit=${limit}`));
  }

  async header(height: number | 'latest'): Promise<SignedHeader> {
    return decodeSignedHeader(await this.getBytes(`/v1/headers/${height}`));
  }

  async block(height: number): Promise<Block> {
    return decodeBlock(await this.getBytes(`/v1/blocks/${height}`));
  }

  async policy(): Promise<{ signed: SignedPolicy; bytes: Bytes }> {
    const bytes = await this.getBytes('/v1/policy');
    return { signed: decodeSignedPolicy(bytes), bytes };
  }

  async revocations(since: number): Promise<RevocationFeed> {
    return readRevocationFeed(await this.getJson(`/v1/revocations?since=${since}`));
  }

  /** The stall's current registration, or null when the stall number is not registered. */
  async stall(stallNo: string): Promise<{ id: string; height: number; index: number; revoked: boolean } | null> {
    try {
      return await this.getJson(`/v1/stalls/${encodeURIComponent(stallNo)}`);
    } catch (e) {
      if (e instanceof LedgerHttpError && e.status === 404) return null;
      throw e;
    }
  }

  vendor(publicKeyHex: string): Promise<{ stalls: { stallNo: string; height: number; index: number; revoked: boolean; current: boolean }[]; credentials: { height: number; index: number; validUntil: number; revoked: boolean }[] }> {
    return this.getJson(`/v1/vendors/${publicKeyHex}`);
  }

  health(): Promise<LedgerHealth> {
    return this.getJson('/v1/health');
  }
}
