// The app's runtime configuration, /sanma-config.json, served by the same origin as the app:
// where the ledger service is, and whether demo vendors are offered. Hostile until checked.

import { badJson, jsonBool, jsonObject, jsonString } from '../../core';
import type { SanmaConfig } from './contract';
import { expectOk, parseJson, readAnswer, request } from './http';

function readConfig(json: unknown): SanmaConfig {
  const o = jsonObject(json, 'sanma-config');
  const ledgerUrl = jsonString(o.ledgerUrl, 'ledgerUrl', 512).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/i.test(ledgerUrl)) badJson('ledgerUrl', 'an http(s) URL');
  return { ledgerUrl, demoVendors: o.demoVendors === undefined ? false : jsonBool(o.demoVendors, 'demoVendors') };
}

/** Reads /sanma-config.json; BAD_RESPONSE when malformed. */
export function parseConfig(json: unknown, url = '/sanma-config.json'): SanmaConfig {
  return readAnswer(readConfig, json, url);
}

export async function loadConfig(opts: { url?: string; fetch?: typeof fetch; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<SanmaConfig> {
  const url = opts.url ?? '/sanma-config.json';
  const http = { fetch: opts.fetch ?? globalThis.fetch.bind(globalThis), timeoutMs: opts.timeoutMs ?? 10_000 };
  return parseConfig(parseJson(expectOk(await request(http, url, { signal: opts.signal, cache: 'no-cache' }), url), url), url);
}
