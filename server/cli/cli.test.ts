// Issue 3, reliability (5) and the `sanma` command line end to end: `sanma start` on free ports
// with a temporary data directory (the real child processes, the app's origin, the demo seed),
// `sanma verify` on a demo stall code fetched from the ledger (exit 0) and on the same code with
// one payment character changed (exit 2), the issuer commands, `sanma emv`, usage errors, and
// SIGTERM stopping every child; a second start reuses the data directory.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeHeaderPage, decodePayload, encodePayload, encodeSignedRecord, holderCommitment, parseQrText, stallCodeText, toHex, utf8 } from '../../src/core';
import { main } from '../cli';
import { LedgerClient } from '../client/ledger-client';
import { syncTrust } from '../client/sync';
import { recordIdHex, signRecord } from '../records';
import { DataDir } from '../datadir';
import { DEMO_STALLS, demoEmv } from '../demo/market';
import type { DemoCode } from '../demo/seed';
import { spawnSanma, stopProcess, type ManagedProcess } from '../start/processes';
import { runSanma } from '../testing/cli-run';

const sanma = runSanma;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A raw request (fetch would normalise the path). */
function rawGet(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The same stall code with one character of `find` (inside the record) replaced. */
function tamper(text: string, find: string, replace: string): string {
  const parsed = parseQrText(text);
  if (parsed.kind !== 'sanma') throw new Error('not a stall code');
  const p = decodePayload(parsed.payload);
  const body = p.body.slice();
  const needle = utf8(find);
  const at = toHex(body).indexOf(toHex(needle)) / 2;
  if (at < 0 || !Number.isInteger(at)) throw new Error(`"${find}" not in the record`);
  body.set(utf8(replace), at);
  return stallCodeText(parsed.base!, encodePayload({ chainId: p.chainId, height: p.height, index: p.index, proof: p.proof, body }));
}

describe('sanma CLI against a running `sanma start`', () => {
  const root = mkdtempSync(join(tmpdir(), 'sanma-cli-'));
  const dataDir = join(root, 'data');
  const dist = join(root, 'dist');
  let system: ManagedProcess;
  let app: string;
  let ledger: string;
  let codes: DemoCode[];

  const startSystem = () =>
    spawnSanma('start', ['start', '--data-dir', dataDir, '--port', '0', '--ledger-port', '0', '--block-interval', '200', '--dist', dist, '--quiet'], { readyTimeoutMs: 90_000 });

  beforeAll(async () => {
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>sanma-test-app</title>');
    system = await startSystem();
    app = system.ready.app as string;
    ledger = system.ready.ledger as string;
    codes = JSON.parse(readFileSync(join(dataDir, 'demo', 'codes.json'), 'utf8')) as DemoCode[];
  }, 120_000);

  afterAll(async () => {
    if (system) await stopProcess(system);
    rmSync(root, { recursive: true, force: true });
  });

  it('seeds the demo market and serves the app origin: SPA routes, policy, config, demo keys', async () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(codes.filter((c) => c.status === 'verified').length).toBeGreaterThanOrEqual(7);
    expect(codes.every((c) => c.text.startsWith(`${app.toUpperCase()}/C#`))).toBe(true);
    for (const path of ['/', '/c', '/C', '/shopper', '/vendor', '/inspector']) {
      const res = await fetch(`${app}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('sanma-test-app');
    }
    expect(await (await fetch(`${app}/sanma-config.json`)).json()).toEqual({ ledgerUrl: ledger, demoVendors: true });
    const policy = new Uint8Array(await (await fetch(`${app}/policy.bin`)).arrayBuffer());
    expect(toHex(policy)).toBe(toHex(new DataDir(dataDir).signedPolicyBytes()));
    expect(toHex(new Uint8Array(await (await fetch(`${ledger}/v1/policy`)).arrayBuffer()))).toBe(toHex(policy));
    const vendors = (await (await fetch(`${app}/demo/vendors.json`)).json()) as { stallNo: string; publicKey: string }[];
    expect(vendors).toHaveLength(12);
    expect((await fetch(`${app}/missing.js`)).status).toBe(404);
    expect((await fetch(`${app}/`, { method: 'POST' })).status).toBe(405);
    expect(await rawGet(app, '/%2e%2e/data/keys/market-office.json')).toBe(404);
    expect(await rawGet(app, '/../data/keys/market-office.json')).not.toBe(200);
    // CORS for the app's origin on the ledger.
    const cors = await fetch(`${ledger}/v1/health`, { headers: { origin: app } });
    expect(cors.headers.get('access-control-allow-origin')).toBe(app);
    const preflight = await fetch(`${ledger}/v1/records`, { method: 'OPTIONS', headers: { origin: app, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect((await fetch(`${ledger}/v1/health`, { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sanma verify: a demo code is verified (exit 0); one payment character changed is invalid (exit 2)', async () => {
    const code = codes.find((c) => c.status === 'verified')!;
    const stall = code.stallNo;
    const merchantId = DEMO_STALLS.find((s) => s.stallNo === stall)!.merchantId;
    const [ok, url, emv, revoked, amber, junk, usage] = await Promise.all([
      sanma('verify', code.text, '--ledger', ledger, '--data-dir', dataDir),
      sanma('verify', tamper(code.text, code.stallName, `${code.stallName.slice(0, -1)}店`), '--ledger', ledger, '--data-dir', dataDir),
      sanma('verify', tamper(code.text, merchantId.slice(0, -1), `${merchantId.slice(0, -2)}${(Number(merchantId.at(-2)) + 1) % 10}`), '--ledger', ledger, '--data-dir', dataDir),
      sanma('verify', codes.find((c) => c.scenario === 'health-revoked')!.text, '--ledger', ledger, '--data-dir', dataDir),
      sanma('verify', codes.find((c) => c.scenario === 'produce-test-failed')!.text, '--ledger', ledger, '--data-dir', dataDir),
      sanma('verify', 'https://example.com/not-a-stall', '--ledger', ledger, '--data-dir', dataDir),
      sanma('verify', '--ledger', ledger),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'verified', code: { stallNo: stall }, sync: { policySource: 'data-dir' } });
    expect(url.code).toBe(2);
    expect(JSON.parse(url.stdout).checks).toContainEqual(expect.objectContaining({ id: 'inclusion', status: 'fail', reason: 'INCLUSION_MISMATCH' }));
    expect(emv.code).toBe(2);
    // The altered payment part no longer matches the anchored record; nothing of its content is judged.
    expect(JSON.parse(emv.stdout).checks).toContainEqual(expect.objectContaining({ id: 'inclusion', status: 'fail', reason: 'INCLUSION_MISMATCH' }));
    expect(JSON.parse(emv.stdout).checks).not.toContainEqual(expect.objectContaining({ id: 'payment' }));
    expect(revoked.code).toBe(2);
    expect(JSON.parse(revoked.stdout).checks).toContainEqual(expect.objectContaining({ reason: 'HEALTH_REVOKED' }));
    expect(amber.code).toBe(1);
    expect(junk.code).toBe(3);
    expect(JSON.parse(junk.stdout).status).toBe('not-sanma');
    expect(usage.code).toBe(64);
    // Without a data directory the policy comes from the ledger.
    const tofu = await sanma('verify', code.text, '--ledger', ledger, '--data-dir', join(root, 'nowhere'));
    expect(tofu.code).toBe(0);
    expect(JSON.parse(tofu.stdout).sync.policySource).toBe('ledger');
  });

  it('issuer commands: register a stall, issue and revoke a credential, status', async () => {
    const vendorKey = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    const common = ['--data-dir', dataDir, '--ledger', ledger];
    const [reg, cred] = await Promise.all([
      sanma('register-stall', '--stall-no', 'C01', '--stall-name', '新来的菜摊', '--vendor-key', vendorKey,
        '--channel', 'url:聚合支付:https://pay.example.invalid/s/hz-ljz/C01', ...common),
      sanma('issue-health', '--vendor-key', vendorKey, '--vendor-name', '马小云', '--credential-no', '浙健证-C01', '--days', '90', ...common),
    ]);
    expect(reg.code, reg.stdout + reg.stderr).toBe(0);
    expect(JSON.parse(reg.stdout)).toMatchObject({ status: 'included' });
    expect(cred.code, cred.stdout + cred.stderr).toBe(0);
    const c = JSON.parse(cred.stdout) as { height: number; index: number; id: string; holderSalt: string };
    // The salt to print on the paper certificate: 26 base32 characters in groups of 4.
    expect(c.holderSalt).toMatch(/^([A-Z2-7]{4} ){6}[A-Z2-7]{2}$/);
    const vendor = await new LedgerClient(ledger).vendor(vendorKey);
    expect(vendor.stalls).toMatchObject([{ stallNo: 'C01', revoked: false, current: true }]);
    expect(vendor.credentials).toMatchObject([{ height: c.height, index: c.index, revoked: false }]);

    const [revoke, again, badChannel, status] = await Promise.all([
      sanma('revoke', '--height', String(c.height), '--index', String(c.index), ...common),
      // The same registration body cannot be re-signed differently; a bad EMV payload is refused.
      sanma('register-stall', '--stall-no', 'C02', '--stall-name', '坏码', '--vendor-key', vendorKey, '--channel', 'emv:银联:000201010211', ...common),
      sanma('register-stall', '--stall-no', 'C03', '--stall-name', '无效', '--vendor-key', vendorKey, '--channel', 'nonsense', ...common),
      sanma('status', '--ledger', ledger),
    ]);
    expect(revoke.code, revoke.stdout + revoke.stderr).toBe(0);
    expect((await new LedgerClient(ledger).vendor(vendorKey)).credentials[0]!.revoked).toBe(true);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'refused', error: 'PAYMENT_MALFORMED', httpStatus: 422 });
    expect(badChannel.code).toBe(64);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, chainId: 'hz-ljz-market' });
    // Revoking the same credential twice is refused by the rules.
    const twice = await sanma('revoke', '--id', c.id, ...common);
    expect(twice.code).toBe(1);
    expect(JSON.parse(twice.stdout).error).toBe('REVOCATION_DUPLICATE');
  });

  it('sanma emv (exit 0 valid, 2 invalid), --help on every command and usage errors (64: never the "verified" 0)', async () => {
    const payload = demoEmv(DEMO_STALLS[0]!);
    const badCrc = payload.slice(0, -4) + (payload.endsWith('0000') ? '1111' : '0000');
    const [valid, crc, truncated, noArg] = await Promise.all([sanma('emv', payload), sanma('emv', badCrc), sanma('emv', '000201'), sanma('emv')]);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ valid: true, merchantName: 'ZHANG JI SHUCAI', merchantCity: 'HANGZHOU', warnings: [] });
    expect(crc.code).toBe(2);
    expect(JSON.parse(crc.stdout)).toMatchObject({ valid: false, error: 'EMV_BAD_CRC' });
    expect(truncated.code).toBe(2);
    expect(noArg.code).toBe(64);

    // The rest in this process (the same main() bin/sanma.js runs): no need for a process each.
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const c of ['start', 'register-stall', 'issue-health', 'revoke', 'status', 'verify', 'emv', 'init', 'ledger', 'validator']) {
        out.length = 0;
        expect(await main([c, '--help']), c).toBe(64);
        expect(out.join('\n'), c).toContain(`sanma ${c}`);
      }
      expect(await main([])).toBe(64);
      expect(await main(['frobnicate'])).toBe(64);
      expect(await main(['status', '--bogus'])).toBe(64);
      expect(await main(['issue-health', '--vendor-key', 'xyz', '--data-dir', dataDir])).toBe(64);
      expect(await main(['revoke', '--height', '1', '--data-dir', dataDir])).toBe(64);
      expect(await main(['start', '--app-origin', 'https://sanma.example.invalid', '--data-dir', dataDir])).toBe(64); // without --ledger-origin
      expect(await main(['start', '--app-origin', 'https://sanma.example.invalid/app', '--ledger-origin', 'https://l.example.invalid', '--data-dir', dataDir])).toBe(64);
      expect(await main(['start', '--app-origin', 'ftp://sanma.example.invalid', '--ledger-origin', 'https://l.example.invalid', '--data-dir', dataDir])).toBe(64);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });

  it('ledger API: idempotent submission (binary and JSON), statuses, cache headers, pages, revocations', async () => {
    const dir = new DataDir(dataDir);
    const health = dir.healthAuthorityKey();
    const now = Date.now();
    const record = signRecord(
      { kind: 'health-credential', issuer: health.publicKey, issuedAt: now, vendorKey: health.publicKey, holder: holderCommitment(new Uint8Array(16), '测试', 'API-1'), validFrom: now - 1000, validUntil: now + 86_400_000 },
      health.secretKey,
    );
    const json = JSON.stringify({ body: toHex(record.body), signature: toHex(record.signature) });
    const post = (body: string | Uint8Array, type: string) => fetch(`${ledger}/v1/records`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const [a, b] = await Promise.all([post(json, 'application/json'), post(encodeSignedRecord(record), 'application/octet-stream')]);
    const id = recordIdHex(record);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await a.json()).toEqual({ id, status: 'pending' });
    expect(a.headers.get('cache-control')).toBe('no-store');
    const included = await new LedgerClient(ledger).waitIncluded(id);
    const c = await post(json, 'application/json');
    expect(c.status).toBe(200);
    expect(await c.json()).toMatchObject({ id, status: 'included', height: included.height, index: included.index });
    // Same body, another signature: not the record we hold.
    const forged = await post(JSON.stringify({ body: toHex(record.body), signature: '00'.repeat(64) }), 'application/json');
    expect(forged.status).toBe(422);
    const rec = await fetch(`${ledger}/v1/records/${id}`);
    expect(rec.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await rec.json()).toMatchObject({ status: 'included', kind: 'health-credential', body: toHex(record.body) });

    const tip = (await new LedgerClient(ledger).health()).tip.height;
    const full = await fetch(`${ledger}/v1/headers?from=1&limit=${tip}`);
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(decodeHeaderPage(new Uint8Array(await full.arrayBuffer())).headers).toHaveLength(tip);
    const partial = await fetch(`${ledger}/v1/headers?from=1&limit=${tip + 5}`);
    expect(partial.headers.get('cache-control')).toBe('no-store');
    const past = decodeHeaderPage(new Uint8Array(await (await fetch(`${ledger}/v1/headers?from=${tip + 100}`)).arrayBuffer()));
    expect(past.headers).toHaveLength(0);
    const latest = await fetch(`${ledger}/v1/headers/latest`, { headers: { accept: 'application/json' } });
    expect(latest.headers.get('cache-control')).toBe('no-store');
    expect((await latest.json()) as { height: number }).toMatchObject({ height: tip });
    expect((await fetch(`${ledger}/v1/headers/${tip + 1}`)).status).toBe(404);
    expect((await fetch(`${ledger}/v1/blocks/${tip}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    // The status events the ledger serves replay to the synced tip header's revocation commitment
    // (syncTrust refuses them otherwise), and the demo holds at least one.
    const synced = await syncTrust(new LedgerClient(ledger), dir.policy().policy);
    expect(synced.revocationCount).toBe(synced.headers.get(synced.tip.height)?.revocationCount);
    expect(synced.revoked.size).toBeGreaterThanOrEqual(1);
  });

  it('SIGTERM stops every child; a second start reuses the data directory without re-seeding', async () => {
    const pids = system.ready.pids as number[];
    expect(pids).toHaveLength(4);
    for (const pid of pids) expect(alive(pid)).toBe(true);
    const before = await new LedgerClient(ledger).health();
    await stopProcess(system, 10_000);
    expect((await system.exited).code).toBe(0);
    for (const pid of pids) expect(alive(pid), `child ${pid} stopped`).toBe(false);

    system = await startSystem();
    const again = new LedgerClient(system.ready.ledger as string);
    const after = await again.health();
    expect(after.tip.height).toBe(before.tip.height);
    expect(after.records).toBe(before.records);
    const codesAgain = JSON.parse(readFileSync(join(dataDir, 'demo', 'codes.json'), 'utf8')) as DemoCode[];
    expect(codesAgain.map((c) => c.id)).toEqual(codes.map((c) => c.id));
    // A new app port: the validators signed a new policy, and the codes follow the new origin.
    expect(codesAgain[0]!.text.startsWith(`${(system.ready.app as string).toUpperCase()}/C#`)).toBe(true);
    const verdict = await sanma('verify', codesAgain.find((c) => c.status === 'verified')!.text, '--ledger', system.ready.ledger as string, '--data-dir', dataDir);
    expect(verdict.code, verdict.stdout).toBe(0);
  }, 120_000);

  it('published behind an HTTPS proxy: codes carry the public origin, the app finds the public ledger, the demo vendors\' keys are not served', async () => {
    await stopProcess(system, 10_000);
    system = await spawnSanma(
      'start',
      ['start', '--data-dir', dataDir, '--port', '0', '--ledger-port', '0', '--dist', dist, '--quiet', '--app-origin', 'https://sanma.example.invalid', '--ledger-origin', 'https://ledger.sanma.example.invalid'],
      { readyTimeoutMs: 90_000 },
    );
    const localApp = system.ready.app as string;
    expect(await (await fetch(`${localApp}/sanma-config.json`)).json()).toEqual({ ledgerUrl: 'https://ledger.sanma.example.invalid', demoVendors: false });
    // The demo vendors' secret keys never leave the machine once the app has a public origin.
    expect((await fetch(`${localApp}/demo/vendors.json`)).status).toBe(404);
    expect(await (await fetch(`${localApp}/demo/vendors.json/`)).text()).not.toMatch(/secretKey/);
    const published = JSON.parse(readFileSync(join(dataDir, 'demo', 'codes.json'), 'utf8')) as DemoCode[];
    expect(published.every((c) => c.text.startsWith('HTTPS://SANMA.EXAMPLE.INVALID/C#'))).toBe(true);
    const verdict = await sanma('verify', published.find((c) => c.status === 'verified')!.text, '--ledger', system.ready.ledger as string, '--data-dir', dataDir);
    expect(verdict.code, verdict.stdout).toBe(0);
    const cors = await fetch(`${system.ready.ledger as string}/v1/health`, { headers: { origin: 'https://sanma.example.invalid' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://sanma.example.invalid');
  }, 120_000);
});
