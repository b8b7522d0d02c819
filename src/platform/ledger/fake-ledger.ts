// An in-process fake of the ledger service (docs/API.md) and of the app origin's /policy.bin and
// /sanma-config.json, behind a `fetch` function. For unit tests of the client and for UI previews:
// blocks are pushed in (from a TestNetwork, or synthetic), headers are signed on demand by the
// given signer, and faults (network drops, HTTP statuses) are scripted per path.

import {
  HEADER_PAGE_MAX,
  MerkleTree,
  decodeRecord,
  decodeSignedRecord,
  statusChangeOf,
  writeRevocationFeed,
  type StatusEventItem,
  encodeHeaderPage,
  encodeSignedHeader,
  headerHash,
  leafHash,
  recordId,
  toHex,
  type Bytes,
  type IncludedRecordJson,
  type RecordStatusJson,
  type SubmitJson,
  type HeaderSignature,
  type LedgerReason,
  type SignedRecord,
  type VerifiedHeader,
} from '../../core';
import type { SanmaConfig, VendorStatus } from './contract';

export interface FakeLedgerOptions {
  /** encodeSignedPolicy bytes served at /policy.bin. */
  signedPolicy: Bytes;
  /** Signs a header (the validators' quorum). */
  signHeader: (headerBytes: Bytes) => HeaderSignature[];
  /** The rules: a reason refuses the record with 422. Default: accept everything. */
  validate?: (record: SignedRecord) => LedgerReason | null;
  config?: SanmaConfig;
}

interface FakeBlock {
  header: Bytes;
  hash: Bytes;
  /** Record bodies, or null for synthetic headers without records. */
  bodies: Bytes[] | null;
  /** Their authors' signatures, in the same order. */
  signatures: Bytes[] | null;
  tree: MerkleTree | null;
}

type Fault = { path: RegExp; kind: 'network' | number; times: number };

const BAD = (status: number, error?: string) => json({ error: error ?? `HTTP_${status}` }, status);

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}
function binary(bytes: Bytes, status = 200): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status, headers: { 'content-type': 'application/octet-stream' } });
}

export class FakeLedger {
  readonly requests: string[] = [];
  readonly pending = new Map<string, SignedRecord>();
  readonly vendors = new Map<string, VendorStatus>();
  /** Signatures served instead of signHeader's for a height (to test bad quorums). */
  readonly signatureOverride = new Map<number, HeaderSignature[]>();
  signedPolicy: Bytes;
  private readonly blocks: FakeBlock[] = [];
  private readonly faults: Fault[] = [];
  private readonly signatures = new Map<string, HeaderSignature[]>();

  constructor(private readonly opts: FakeLedgerOptions) {
    this.signedPolicy = opts.signedPolicy;
  }

  get height(): number {
    return this.blocks.length;
  }

  /** Appends a block built elsewhere (e.g. TestNetwork.seal): its header bytes and signed records. */
  pushBlock(headerBytes: Bytes, records: readonly SignedRecord[]): void {
    const bodies = records.map((r) => r.body);
    this.blocks.push({ header: headerBytes, hash: headerHash(headerBytes), bodies, signatures: records.map((r) => r.signature), tree: new MerkleTree(bodies.map(leafHash)) });
  }

  pushSynthetic(headers: readonly VerifiedHeader[]): void {
    for (const h of headers) this.blocks.push({ header: h.bytes, hash: h.hash, bodies: null, signatures: null, tree: null });
  }

  /** Drops every block above `height` (to replace them with a fork). */
  truncate(height: number): void {
    this.blocks.length = height;
  }

  headerAt(height: number): Bytes | undefined {
    return this.blocks[height - 1]?.header;
  }

  /** Records accepted (202) and not yet in a block, oldest first; they leave the pending set. */
  takePending(): SignedRecord[] {
    const out = [...this.pending.values()];
    this.pending.clear();
    return out;
  }

  /** The next `times` requests whose path matches fail: 'network' (fetch rejects) or an HTTP status. */
  fail(path: RegExp, kind: 'network' | number, times = 1): void {
    this.faults.push({ path, kind, times });
  }

  private sign(height: number, header: Bytes): HeaderSignature[] {
    const override = this.signatureOverride.get(height);
    if (override) return override;
    const key = toHex(header);
    let s = this.signatures.get(key);
    if (!s) this.signatures.set(key, (s = this.opts.signHeader(header)));
    return s;
  }

  private signedHeader(height: number): Bytes {
    const b = this.blocks[height - 1]!;
    return encodeSignedHeader({ header: b.header, signatures: this.sign(height, b.header) });
  }

  private locate(id: string): { height: number; index: number; block: FakeBlock } | null {
    for (let i = 0; i < this.blocks.length; i++) {
      const block = this.blocks[i]!;
      const index = block.bodies?.findIndex((body) => toHex(recordId(body)) === id) ?? -1;
      if (index >= 0) return { height: i + 1, index, block };
    }
    return null;
  }

  /** GET /v1/records/:id of a record in a block: the core's one schema (api-json.ts). */
  private included(id: string): IncludedRecordJson | null {
    const at = this.locate(id);
    if (!at) return null;
    const { block, index, height } = at;
    const body = block.bodies![index]!;
    return {
      id,
      status: 'included',
      kind: decodeRecord(body).kind,
      height,
      index,
      recordCount: block.bodies!.length,
      proof: block.tree!.inclusionProof(index).map(toHex),
      body: toHex(body),
      signature: toHex(block.signatures![index]!),
    };
  }


  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const req = input instanceof Request ? input : null;
    const url = new URL(req ? req.url : String(input), 'http://app.invalid');
    const method = (init.method ?? req?.method ?? 'GET').toUpperCase();
    const signal = init.signal ?? req?.signal;
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
    await Promise.resolve();
    const fault = this.faults.find((f) => f.times > 0 && f.path.test(url.pathname + url.search));
    if (fault) {
      fault.times--;
      if (fault.kind === 'network') throw new TypeError('Failed to fetch');
      return BAD(fault.kind);
    }
    return this.route(method, url, init);
  };

  private async route(method: string, url: URL, init: RequestInit): Promise<Response> {
    const path = url.pathname;
    if (path === '/policy.bin') return binary(this.signedPolicy);
    if (path === '/sanma-config.json') return json(this.opts.config ?? { ledgerUrl: 'http://ledger.invalid', demoVendors: false });
    if (method === 'GET' && path === '/v1/headers/latest') {
      return this.height === 0 ? BAD(404) : binary(this.signedHeader(this.height));
    }
    let m = /^\/v1\/headers\/(\d+)$/.exec(path);
    if (method === 'GET' && m) {
      const h = Number(m[1]);
      return h >= 1 && h <= this.height ? binary(this.signedHeader(h)) : BAD(404);
    }
    if (method === 'GET' && path === '/v1/headers') {
      const from = Number(url.searchParams.get('from'));
      const limit = Number(url.searchParams.get('limit'));
      if (!Number.isSafeInteger(from) || from < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > HEADER_PAGE_MAX) return BAD(400);
      const headers = this.blocks.slice(Math.max(0, from - 1), Math.min(this.height, from + limit - 1)).map((b) => b.header);
      const last = Math.min(this.height, from + limit - 1);
      return binary(encodeHeaderPage({ headers, lastSignatures: headers.length ? this.sign(last, headers[headers.length - 1]!) : [] }));
    }
    if (method === 'POST' && path === '/v1/records') {
      let record: SignedRecord;
      try {
        record = decodeSignedRecord(new Uint8Array(await new Response(init.body).arrayBuffer()));
      } catch {
        return BAD(400, 'RECORD_MALFORMED');
      }
      const id = toHex(recordId(record.body));
      const inc = this.included(id);
      if (inc) return json({ id, status: 'included', height: inc.height, index: inc.index } satisfies SubmitJson);
      if (!this.pending.has(id)) {
        const reason = this.opts.validate?.(record) ?? null;
        if (reason) return BAD(422, reason);
        this.pending.set(id, record);
      }
      return json({ id, status: 'pending' } satisfies SubmitJson, 202);
    }
    m = /^\/v1\/records\/([0-9a-f]{64})$/.exec(path);
    if (method === 'GET' && m) {
      const id = m[1]!;
      const inc = this.included(id);
      if (inc) return json(inc);
      return this.pending.has(id) ? json({ id, status: 'pending' } satisfies RecordStatusJson) : BAD(404);
    }
    if (method === 'GET' && path === '/v1/revocations') {
      // The same feed the ledger serves (core writeRevocationFeed): status events after `since`.
      const since = Number(url.searchParams.get('since') ?? '0');
      const events: StatusEventItem[] = [];
      for (let h = 1; h <= this.height; h++) {
        for (const [index, body] of (this.blocks[h - 1]!.bodies ?? []).entries()) {
          let record;
          try {
            record = decodeRecord(body);
          } catch {
            continue;
          }
          if (statusChangeOf(record)) events.push({ height: h, index, body });
        }
      }
      return json(writeRevocationFeed({ since, through: this.height, events: events.slice(since) }));
    }
    m = /^\/v1\/vendors\/([0-9a-f]{64})$/.exec(path);
    if (method === 'GET' && m) return json(this.vendors.get(m[1]!) ?? { stalls: [], credentials: [] });
    return BAD(404);
  }
}
