// The ledger's public HTTP API (docs/API.md); the JSON answers are typed by their one schema,
// src/core/ledger/api-json.ts, which every client reads them with. Finalised data never changes, so those answers are
// `immutable` and any CDN or static host may serve them; answers that depend on the tip are
// `no-store`.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  HEADER_PAGE_MAX,
  decodeRecord,
  decodeSignedHeader,
  decodeSignedRecord,
  encodeHeaderPage,
  fromHex,
  headerHash,
  decodeHeader,
  toHex,
  type Bytes,
  type SignedRecord,
  REVOCATION_FEED_PAGE,
  writeRevocationFeed,
  type ErrorJson,
  type HealthJson,
  type RecordStatusJson,
  type StallJson,
  type SubmitJson,
  type VendorJson,
} from '../../src/core';
import { ApiError, CACHE_IMMUTABLE, CACHE_NONE, parseHash, parseIntParam, wantsJson } from '../http/common';
import type { SequencerStore } from '../store/sequencer-store';
import { encodeBlock } from '../wire';
import type { Ingest } from './ingest';
import { signerOf, type SubmissionLimits } from './rate-limit';
import type { Sequencer } from './sequencer';

/** A signed record is at most ~4.2 KiB; 16 KiB leaves room for the hex JSON form. */
export const RECORD_BODY_LIMIT = 16 * 1024;

export interface LedgerApiContext {
  store: SequencerStore;
  ingest: Ingest;
  sequencer: Sequencer;
  signedPolicy: Bytes;
  chainId: string;
  limits: SubmissionLimits;
}

function sendBinary(reply: FastifyReply, bytes: Bytes, cache: string): FastifyReply {
  return reply.header('content-type', 'application/octet-stream').header('cache-control', cache).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

function hexField(name: string, value: unknown, maxBytes: number): Bytes {
  if (typeof value !== 'string' || value.length > maxBytes * 2 || !/^(?:[0-9a-f]{2})*$/.test(value)) {
    throw new ApiError(400, 'MALFORMED', `${name}: expected lower-case hex`);
  }
  return fromHex(value);
}

function parseSubmission(req: FastifyRequest): SignedRecord {
  if (Buffer.isBuffer(req.body)) return decodeSignedRecord(new Uint8Array(req.body));
  const body = req.body as Record<string, unknown> | null;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const signature = hexField('signature', body.signature, 64);
    if (signature.length !== 64) throw new ApiError(400, 'MALFORMED', 'signature: expected 64 bytes');
    const recordBody = hexField('body', body.body, 4096);
    decodeRecord(recordBody);
    return { body: recordBody, signature };
  }
  throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'expected application/octet-stream or application/json');
}

/** 429 with the whole seconds to wait (RFC 9110 §10.2.3 Retry-After), never 0. */
function rateLimited(reply: FastifyReply, waitMs: number): FastifyReply {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return reply.code(429).header('retry-after', String(seconds)).header('cache-control', CACHE_NONE).send({ error: 'RATE_LIMITED', detail: `retry after ${seconds} s` });
}

function signedHeaderJson(bytes: Bytes) {
  const s = decodeSignedHeader(bytes);
  const h = decodeHeader(s.header);
  return {
    height: h.height,
    hash: toHex(headerHash(s.header)),
    time: h.time,
    recordCount: h.recordCount,
    header: toHex(s.header),
    signatures: s.signatures.map((x) => ({ publicKey: toHex(x.publicKey), signature: toHex(x.signature) })),
  };
}

export function registerLedgerApi(app: FastifyInstance, ctx: LedgerApiContext): void {
  const { store } = ctx;
  const chain = store.chain;

  app.post('/v1/records', { bodyLimit: RECORD_BODY_LIMIT }, async (req, reply) => {
    // Limits: server/sequencer/rate-limit.ts. req.ip is the client's behind a loopback proxy.
    const address = req.ip;
    const addressWait = ctx.limits.waitMs(address, null);
    if (addressWait > 0) return rateLimited(reply, addressWait);
    let signed: SignedRecord;
    try {
      signed = parseSubmission(req);
    } catch (e) {
      ctx.limits.charge(address, null, false);
      throw e;
    }
    const signer = signerOf(signed);
    const wait = ctx.limits.waitMs(address, signer);
    if (wait > 0) return rateLimited(reply, wait);
    const result = await ctx.ingest.submit(signed);
    ctx.limits.charge(address, signer, result.kind !== 'refused');
    reply.header('cache-control', CACHE_NONE);
    switch (result.kind) {
      case 'included':
        return reply.code(200).send({ id: result.id, status: 'included', height: result.height, index: result.index } satisfies SubmitJson);
      case 'pending':
        return reply.code(202).send({ id: result.id, status: 'pending' } satisfies SubmitJson);
      case 'refused':
        return reply.code(422).send({ error: result.reason, id: result.id } satisfies ErrorJson);
    }
  });

  app.get('/v1/records/:id', async (req, reply) => {
    const id = parseHash('id', (req.params as { id: string }).id);
    const status = store.status(id);
    const idHex = toHex(id);
    if (status.status === 'unknown') throw new ApiError(404, 'NOT_FOUND');
    if (status.status === 'pending') return reply.header('cache-control', CACHE_NONE).send({ id: idHex, status: 'pending' } satisfies RecordStatusJson);
    if (status.status === 'rejected') return reply.header('cache-control', CACHE_NONE).send({ id: idHex, status: 'rejected', reason: status.reason } satisfies RecordStatusJson);
    const row = chain.recordById(id)!;
    return reply.header('cache-control', CACHE_IMMUTABLE).send({
      id: idHex,
      status: 'included',
      kind: row.kind,
      height: row.height,
      index: row.index,
      recordCount: chain.recordCount(row.height)!, // its block exists: the record is in it
      proof: chain.proof(row).map(toHex),
      body: toHex(row.body),
      signature: toHex(row.signature),
    } satisfies RecordStatusJson);
  });

  app.get('/v1/headers', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const from = parseIntParam('from', q.from, 0, Number.MAX_SAFE_INTEGER);
    const limit = parseIntParam('limit', q.limit, 1, HEADER_PAGE_MAX, 1000);
    const tip = chain.tip().height;
    const to = Math.min(from + limit - 1, tip);
    if (from > tip) return sendBinary(reply, encodeHeaderPage({ headers: [], lastSignatures: [] }), CACHE_NONE);
    const headers = chain.headerBytes(from, to);
    const last = chain.signedHeader(to)!;
    const full = from + limit - 1 <= tip;
    return sendBinary(reply, encodeHeaderPage({ headers, lastSignatures: last.signatures }), full ? CACHE_IMMUTABLE : CACHE_NONE);
  });

  const sendHeader = (req: FastifyRequest, reply: FastifyReply, height: number, cache: string) => {
    const bytes = chain.signedHeaderBytes(height);
    if (!bytes) throw new ApiError(404, 'NOT_FOUND');
    reply.header('vary', 'Accept, Origin');
    if (wantsJson(req)) return reply.header('cache-control', cache).send(signedHeaderJson(bytes));
    return sendBinary(reply, bytes, cache);
  };

  app.get('/v1/headers/latest', async (req, reply) => sendHeader(req, reply, chain.tip().height, CACHE_NONE));

  app.get('/v1/headers/:height', async (req, reply) => {
    const height = parseIntParam('height', (req.params as { height: string }).height, 0, Number.MAX_SAFE_INTEGER);
    return sendHeader(req, reply, height, CACHE_IMMUTABLE);
  });

  app.get('/v1/blocks/:height', async (req, reply) => {
    const height = parseIntParam('height', (req.params as { height: string }).height, 0, Number.MAX_SAFE_INTEGER);
    const signed = chain.signedHeader(height);
    if (!signed) throw new ApiError(404, 'NOT_FOUND');
    return sendBinary(reply, encodeBlock({ signed, records: chain.blockRecords(height) }), CACHE_IMMUTABLE);
  });

  // Status events (revocations and handovers) after the first `since`, checked by the client
  // against the revocation commitment of the header at `through` (docs/API.md).
  app.get('/v1/revocations', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const since = parseIntParam('since', q.since, 0, Number.MAX_SAFE_INTEGER, 0);
    let rows = chain.revocationsSince(since, REVOCATION_FEED_PAGE + 1);
    let through = chain.tip().height;
    if (rows.length > REVOCATION_FEED_PAGE) {
      // Never split a block across pages: a page must end on a header's commitment.
      const cut = rows[REVOCATION_FEED_PAGE]!.height;
      rows = rows.filter((r) => r.height < cut);
      through = cut - 1;
    }
    return reply.header('cache-control', CACHE_NONE).send(
      writeRevocationFeed({ since, through, events: rows.map((r) => ({ height: r.height, index: r.index, body: r.body })) }),
    );
  });

  // The current registration of a stall number: public (stall numbers, names and channels are on
  // every code); what an issuer needs to hand a stall over or revoke it.
  app.get('/v1/stalls/:stallNo', async (req, reply) => {
    const stallNo = (req.params as { stallNo: string }).stallNo;
    if (stallNo.length > 64) throw new ApiError(400, 'BAD_REQUEST', 'stallNo: at most 16 bytes');
    const row = chain.currentRegistration(stallNo);
    if (!row) throw new ApiError(404, 'NOT_FOUND');
    const ref = { height: row.height, index: row.index };
    return reply.header('cache-control', CACHE_NONE).send({ id: toHex(row.id), height: row.height, index: row.index, body: toHex(row.body), revoked: chain.isRevoked(ref) } satisfies StallJson);
  });

  app.get('/v1/vendors/:publicKeyHex', async (req, reply) => {
    const key = parseHash('publicKeyHex', (req.params as { publicKeyHex: string }).publicKeyHex);
    const stalls = chain.byVendor(key, 'stall-registration').map((row) => {
      const r = decodeRecord(row.body);
      if (r.kind !== 'stall-registration') throw new Error('index holds a non-registration');
      const ref = { height: row.height, index: row.index };
      return {
        id: toHex(row.id),
        stallNo: r.stallNo,
        stallName: r.stallName,
        channels: r.channels,
        height: row.height,
        index: row.index,
        revoked: chain.isRevoked(ref),
        current: chain.isCurrentRegistration(r.stallNo, ref),
      };
    });
    const credentials = chain.byVendor(key, 'health-credential').map((row) => {
      const r = decodeRecord(row.body);
      if (r.kind !== 'health-credential') throw new Error('index holds a non-credential');
      return {
        id: toHex(row.id),
        height: row.height,
        index: row.index,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        revoked: chain.isRevoked(row),
      };
    });
    return reply.header('cache-control', CACHE_NONE).send({ stalls, credentials } satisfies VendorJson);
  });

  app.get('/v1/policy', async (_req, reply) => sendBinary(reply, ctx.signedPolicy, 'no-cache'));

  app.get('/v1/health', async (_req, reply) => {
    const tip = chain.tip();
    return reply.header('cache-control', CACHE_NONE).send({
      ok: true,
      chainId: ctx.chainId,
      tip: { height: tip.height, hash: toHex(tip.hash), time: tip.time },
      records: chain.totalRecords(),
      pending: store.pendingCount(),
      validators: ctx.sequencer.peers.map((p) => ({ name: p.name, url: p.url, publicKey: p.publicKey, reachable: p.reachable === true, lastError: p.lastError })),
    } satisfies HealthJson);
  });
}
