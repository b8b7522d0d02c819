import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, installCompression, varyWith } from './compression';

describe('chooseEncoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0.1, gzip;q=0', 'br'],
    ['x-gzip', 'gzip'],
    ['BR', 'br'],
    ['gzip;q=abc', null],
  ] as const)('%j → %s', (header, expected) => expect(chooseEncoding(header, both)).toBe(expected));
  it('only answers with an encoding that is available', () => {
    expect(chooseEncoding('br', ['gzip'])).toBeNull();
    expect(chooseEncoding('gzip, br', ['gzip'])).toBe('gzip');
  });
});

describe('varyWith', () => {
  it('adds Accept-Encoding once', () => {
    expect(varyWith(undefined)).toBe('Accept-Encoding');
    expect(varyWith('Origin')).toBe('Origin, Accept-Encoding');
    expect(varyWith('Origin, accept-encoding')).toBe('Origin, accept-encoding');
  });
});

describe('installCompression (the ledger API)', () => {
  const big = { headers: Array.from({ length: 200 }, (_, i) => ({ height: i, note: 'the same words again and again' })) };
  const app = Fastify();
  installCompression(app);
  app.get('/big', async () => big);
  app.get('/small', async () => ({ ok: true }));
  app.get('/random', async (_req, reply) => reply.header('content-type', 'application/octet-stream').send(Buffer.from(crypto.getRandomValues(new Uint8Array(4096)))));

  it('compresses a JSON answer over 1 kB for a client that takes br or gzip, and says so', async () => {
    const br = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(big);
    expect(br.rawPayload.length).toBeLessThan(JSON.stringify(big).length / 4);
    const gz = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(big);
  });
  it('leaves small answers, incompressible bytes and clients without Accept-Encoding alone', async () => {
    for (const [url, accept] of [['/small', 'br'], ['/random', 'br'], ['/big', undefined]] as const) {
      const r = await app.inject({ url, headers: accept ? { 'accept-encoding': accept } : {} });
      expect(r.headers['content-encoding'], url).toBeUndefined();
    }
  });
});
