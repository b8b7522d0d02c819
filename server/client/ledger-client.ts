// A small HTTP client for the ledger API (docs/API.md), used by the CLI, the demo seeder, the
// tests and the bench. It only moves bytes: decoding is the core's (binary codecs, and the JSON
// answers' one schema in src/core/ledger/api-json.ts), and trust decisions (quorum, chain,
// proofs) are made by the caller with the core.

import {
  decodeHeaderPage,
  decodeSignedHeader,
  decodeSignedPolicy,
  encodeSignedRecord,
  readHealth,
  readError,
  readRecordStatus,
  readRevocationFeed,
  readStall,
  readSubmit,
  readVendor,
  type Bytes,
  type ErrorJson,
  type HealthJson,
  type IncludedRecordJson,
  type RecordStatusJson,
  type StallJson,
  type SubmitJson,
  type VendorJson,
  type RevocationFeed,
  type HeaderPage,
  type SignedHeader,
  type SignedPolicy,
  type SignedRecord,
} from '../../src/core';
import { decodeBlock, type Block } from '../wire';

/** The HTTP status with the answer's fields, read as SubmitJson (200, 202) or ErrorJson. */
export interface SubmitAnswer {
  httpStatus: number;
  id?: string;
  status?: SubmitJson['status'];
  height?: number;
  index?: number;
  error?: ErrorJson['error'];
  detail?: string;
}

/** A record in a block, with its proof (GET /v1/records/:id). */
export type IncludedRecord = IncludedRecordJson;

export type RecordAnswer = RecordStatusJson | { status: 'unknown' };

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

  private async getJson<T>(path: string, read: (json: unknown) => T): Promise<T> {
    return read(await (await this.get(path, 'application/json')).json());
  }

  async submit(record: SignedRecord): Promise<SubmitAnswer> {
    const res = await fetch(`${this.baseUrl}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(encodeSignedRecord(record)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const json: unknown = await res.json().catch(() => null);
    if (res.status === 200 || res.status === 202) return { httpStatus: res.status, ...readSubmit(json) };
    return { httpStatus: res.status, ...(readError(json) ?? {}) };
  }

  async record(id: string): Promise<RecordAnswer> {
    const res = await fetch(`${this.baseUrl}/v1/records/${id}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (res.status === 404) return { status: 'unknown' };
    if (!res.ok) throw new LedgerHttpError(res.status, `/v1/records/${id}`, await res.text().catch(() => ''));
    return readRecordStatus(await res.json());
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
    return this.getJson(`/v1/revocations?since=${since}`, readRevocationFeed);
  }

  /** The stall's current registration, or null when the stall number is not registered. */
  async stall(stallNo: string): Promise<StallJson | null> {
    try {
      return await this.getJson(`/v1/stalls/${encodeURIComponent(stallNo)}`, readStall);
    } catch (e) {
      if (e instanceof LedgerHttpError && e.status === 404) return null;
      throw e;
    }
  }

  vendor(publicKeyHex: string): Promise<VendorJson> {
    return this.getJson(`/v1/vendors/${publicKeyHex}`, readVendor);
  }

  health(): Promise<HealthJson> {
    return this.getJson('/v1/health', readHealth);
  }
}
