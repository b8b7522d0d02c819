import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from './precompress';
import { createStaticServer } from './static-server';

const script = `export const words = ${JSON.stringify('收款码 健康证 溯源码 '.repeat(400))};\n`;
const html = `<!doctype html><title>Sanma</title>${'<p>三码合一</p>'.repeat(200)}`;

function get(port: number, path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the app’s static server with precompressed files', () => {
  let dir: string;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanma-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), script);
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'tiny.js'), 'export {};\n');
    const made = precompressDir(dir);
    expect(made.files).toBe(2);
    server = createStaticServer({ distDir: dir, files: {}, json: {} });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli to a browser that takes it, with the length of what is sent and Vary', async () => {
    const r = await get(port, '/assets/app-abc123.js', 'gzip, deflate, br, zstd');
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(brotliDecompressSync(r.body).toString()).toBe(script);
  });
  it('sends gzip when brotli is refused, and the plain file without Accept-Encoding', async () => {
    const gz = await get(port, '/assets/app-abc123.js', 'gzip, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get(port, '/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(script);
  });
  it('compresses the app page behind deep links (/c#…) too; small files go as they are', async () => {
    const page = await get(port, '/c', 'br');
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.body).toString()).toBe(html);
    const tiny = await get(port, '/tiny.js', 'br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers.vary).toBeUndefined();
  });
});
