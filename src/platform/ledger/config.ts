// The app's runtime configuration, /sanma-config.json, served by the same origin as the app:
// where the ledger service is, and whether demo vendors are offered. Hostile until checked.

import { LedgerError, type SanmaConfig } from './contract';
import { bool, obj, str } from './json-shape';
import { expectOk, parseJson, request } from './http';

export function parseConfig(json: unknown): SanmaConfig {
  const o = obj(json, 'sanma-config');
  const ledgerUrl = str(o.ledgerUrl, 'ledgerUrl', 512).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/i.test(ledgerUrl)) throw new LedgerError('BAD_RESPONSE', 'ledgerUrl: expected an http(s) URL');
  return { ledgerUrl, demoVendors: o.demoVendors === undefined ? false : bool(o.demoVendors, 'demoVendors') };
}

export async function loadConfig(opts: { url?: string; fetch?: typeof fetch; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<SanmaConfig> {
  const url = opts.url ?? '/sanma-config.json';
  const http = { fetch: opts.fetch ?? globalThis.fetch.bind(globalThis), timeoutMs: opts.timeoutMs ?? 10_000 };
  return parseConfig(parseJson(expectOk(await request(http, url, { signal: opts.signal, cache: 'no-cache' }), url), url));
}
