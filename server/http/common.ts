// What every Sanma HTTP server (sequencer API, validator, nothing else) shares: a Fastify
// instance that parses binary bodies, maps EVERY error to a typed 4xx JSON body (never a 500 on
// any input: a hostile request must not look like a server failure, and a stack trace must never
// leave the process), CORS for an allow-list of origins, cache headers, and compressed answers
// above 1 kB for clients that accept them (compression.ts).
//
// Error bodies: {"error": CODE, "detail"?: string}. CODE is one of ApiErrorCode below, a core
// LedgerReason (422 from the ledger rules), or a validator refusal (server/validator/refusals.ts).

import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CoreError } from '../../src/core';
import { installCompression } from './compression';

export type ApiErrorCode =
  | 'MALFORMED' // the body or a parameter does not decode
  | 'TOO_LARGE' // body above the route's limit
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_FOUND'
  | 'UNAUTHORISED' // POST /v1/propose without the sequencer's token
  | 'STORAGE_UNAVAILABLE' // the database could not be written (disk full, I/O error): 503
  | 'RATE_LIMITED' // 429 with Retry-After (server/sequencer/rate-limit.ts)
  | 'SHUTTING_DOWN';

/** An error a handler throws on purpose; the error handler sends it as it is. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly detail?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
  }
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_NONE = 'no-store';

export interface HttpLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function consoleLog(prefix: string, quiet = false): HttpLog {
  const line = (level: string, msg: string) => `${new Date().toISOString()} ${prefix} ${level} ${msg}`;
  return {
    info: (m) => {
      if (!quiet) console.log(line('info', m));
    },
    warn: (m) => console.error(line('warn', m)),
    error: (m) => console.error(line('error', m)),
  };
}

/** The typed answer for any error, and whether it is unexpected (a bug worth logging). */
function mapError(err: unknown): { api: ApiError; unexpected: boolean } {
  if (err instanceof ApiError) return { api: err, unexpected: false };
  if (err instanceof CoreError) return { api: new ApiError(400, 'MALFORMED', err.message), unexpected: false };
  const e = (err ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown; name?: unknown };
  if (e.name === 'SqliteError') return { api: new ApiError(503, 'STORAGE_UNAVAILABLE'), unexpected: true };
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { api: new ApiError(413, 'TOO_LARGE'), unexpected: false };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { api: new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE'), unexpected: false };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const detail = typeof e.message === 'string' ? e.message.slice(0, 200) : undefined;
    return { api: new ApiError(e.statusCode, 'MALFORMED', detail), unexpected: false };
  }
  // Anything else reached us through a request: answer it as the client's problem, log it as ours.
  return { api: new ApiError(400, 'MALFORMED'), unexpected: true };
}

/** Listens on host:port (0 = any free port) and answers the port it got. */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}

export function createHttpServer(opts: { bodyLimit: number; log: HttpLog; corsOrigins?: readonly string[] }): FastifyInstance {
  const app = Fastify({
    logger: false,
    // Our servers bind 127.0.0.1: a peer there is the HTTPS reverse proxy (docs/OPERATIONS.md),
    // so req.ip is the address it forwarded (X-Forwarded-For), which per-address limits need.
    trustProxy: 'loopback',
    bodyLimit: opts.bodyLimit,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // Hostile clients: bounded headers and timeouts so slow requests cannot pin the process.
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
  });
  // Only JSON (Fastify's, which rejects __proto__ poisoning) and raw bytes. text/plain is not
  // a Sanma body: without a parser it is a 415.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err, req, reply) => {
    const { api, unexpected } = mapError(err);
    if (unexpected) opts.log.error(`unexpected error on ${req.method} ${req.url.slice(0, 120)}: ${(err as Error)?.stack ?? String(err)}`);
    void reply
      .code(api.statusCode)
      .header('cache-control', CACHE_NONE)
      .send({ error: api.code, ...(api.detail ? { detail: api.detail } : {}), ...(api.extra ?? {}) });
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.code(404).header('cache-control', CACHE_NONE).send({ error: 'NOT_FOUND' });
  });

  const origins = new Set(opts.corsOrigins ?? []);
  if (origins.size > 0) {
    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const origin = req.headers.origin;
      reply.header('vary', 'Origin');
      if (typeof origin === 'string' && origins.has(origin)) {
        reply.header('access-control-allow-origin', origin);
        reply.header('access-control-expose-headers', 'content-type, cache-control');
      }
      if (req.method === 'OPTIONS') {
        reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
        reply.header('access-control-allow-headers', 'content-type, accept');
        reply.header('access-control-max-age', '600');
        return reply.code(204).send();
      }
      return undefined;
    });
    app.options('/*', async (_req, reply) => reply.code(204).send());
  }
  installCompression(app);
  return app;
}

/** Strict non-negative integer from a path or query parameter. */
export function parseIntParam(name: string, value: unknown, min: number, max: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !/^[0-9]{1,15}$/.test(value)) throw new ApiError(400, 'MALFORMED', `${name}: expected an integer`);
  const n = Number(value);
  if (n < min || n > max) throw new ApiError(400, 'MALFORMED', `${name}: expected ${min} <= ${name} <= ${max}`);
  return n;
}

/** 32 bytes as 64 hex characters (either case). */
export function parseHash(name: string, value: unknown): Uint8Array {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value)) throw new ApiError(400, 'MALFORMED', `${name}: expected 64 hex characters`);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(value.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The raw body of an application/octet-stream request, or a 415. */
export function binaryBody(req: FastifyRequest): Uint8Array {
  if (!Buffer.isBuffer(req.body)) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'expected application/octet-stream');
  return new Uint8Array(req.body);
}

export function wantsJson(req: FastifyRequest): boolean {
  const accept = req.headers.accept;
  return typeof accept === 'string' && accept.includes('application/json') && !accept.includes('application/octet-stream');
}
