// fetch with the caller's AbortSignal, a per-request timeout and one error vocabulary
// (LedgerError codes). Every body from the ledger is hostile until decoded strictly.

import { CoreError } from '../../core';
import { LedgerError } from './contract';

export interface Http {
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface Answer {
  status: number;
  bytes: Uint8Array;
  contentType: string;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LedgerError('ABORTED', 'aborted by the caller', { cause: signal.reason });
}

/** Performs a request and reads the whole body; network failures and aborts become LedgerErrors. */
export async function request(http: Http, url: string, init: RequestInit & { signal?: AbortSignal } = {}): Promise<Answer> {
  const outer = init.signal;
  throwIfAborted(outer);
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new LedgerError('NETWORK', `timeout after ${http.timeoutMs} ms`)), http.timeoutMs);
  try {
    const res = await http.fetch(url, { ...init, signal: controller.signal });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, bytes, contentType: res.headers.get('content-type') ?? '' };
  } catch (e) {
    if (outer?.aborted) throw new LedgerError('ABORTED', 'aborted by the caller', { cause: e });
    if (e instanceof LedgerError) throw e;
    throw new LedgerError('NETWORK', `${init.method ?? 'GET'} ${url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/** Throws NOT_FOUND for 404 and HTTP for any other status outside 200-299. */
export function expectOk(a: Answer, url: string): Answer {
  if (a.status === 404) throw new LedgerError('NOT_FOUND', url, { status: 404 });
  if (a.status < 200 || a.status > 299) throw new LedgerError('HTTP', `${url}: HTTP ${a.status}`, { status: a.status });
  return a;
}

export async function getBytes(http: Http, url: string, signal?: AbortSignal): Promise<Uint8Array> {
  return expectOk(await request(http, url, { signal }), url).bytes;
}

export function parseJson(a: Answer, url: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(a.bytes));
  } catch (e) {
    throw new LedgerError('BAD_RESPONSE', `${url}: not JSON`, { cause: e });
  }
}

/** Reads JSON with its core reader (src/core/ledger/api-json.ts …); a wrong shape is BAD_RESPONSE. */
export function readAnswer<T>(read: (json: unknown) => T, json: unknown, url: string): T {
  try {
    return read(json);
  } catch (e) {
    if (e instanceof CoreError) throw new LedgerError('BAD_RESPONSE', `${url}: ${e.message}`, { cause: e });
    throw e;
  }
}

export async function getJson<T>(http: Http, url: string, read: (json: unknown) => T, signal?: AbortSignal): Promise<T> {
  return readAnswer(read, parseJson(expectOk(await request(http, url, { signal, headers: { accept: 'application/json' } }), url), url), url);
}

/** Waits `ms`, or rejects with ABORTED when the signal fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LedgerError('ABORTED', 'aborted by the caller'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new LedgerError('ABORTED', 'aborted by the caller'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** True for failures a later retry may cure: network, 408, 429, 5xx. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof LedgerError)) return false;
  if (e.code === 'NETWORK') return true;
  return e.code === 'HTTP' && e.status !== undefined && (e.status >= 500 || e.status === 408 || e.status === 429);
}
