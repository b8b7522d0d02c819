// Never greener than the truth, with real processes (`sanma start` and the `sanma` CLI): a stall
// handed over and a registration revoked through the CLI turn the old printed codes red with
// their own reasons, online and `--offline` after a sync; a mirror that withholds a revocation
// makes a revoked code amber, never green; `verify -h` is not "verified"; an issuer command that
// could not reach the ledger resubmits the same signed record when run again, so no second
// credential is created. And nothing personal in public: no answer of the public API and no block
// carries a demo vendor's name or certificate number, nor the names, numbers and reasons the
// issuer commands kept in the issuer's own register.

import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecord, publicKeyFromSecret, sha256, toHex, utf8 } from '../../src/core';
import { LedgerClient } from '../client/ledger-client';
import { DEMO_STALLS, demoCredentialNo, demoVendorKey } from '../demo/market';
import type { DemoCode } from '../demo/seed';
import { freePort, spawnSanma, stopProcess, type ManagedProcess } from '../start/processes';
import { runSanma } from '../testing/cli-run';

const sanma = runSanma;

/** Clear data given to the issuer commands below: it must reach issued.jsonl and no public answer. */
const PRIVATE = { newVendorName: '孙七', reason: '摊主退租', healthName: '赵一', credentialNo: '浙健证-OUTBOX' };

interface VerdictJson {
  status: string;
  checks: { id: string; status: string; reason: string }[];
}

const problems = (v: VerdictJson) => v.checks.filter((c) => c.status !== 'pass').map((c) => c.reason);

/** A mirror in front of the ledger that drops the first status event from every revocation feed. */
async function withholdingMirror(ledger: string): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = createServer((req, res) => {
    fetch(`${ledger}${req.url}`, { headers: { accept: req.headers.accept ?? '*/*' } }).then(
      async (upstream) => {
        let body: Buffer = Buffer.from(await upstream.arrayBuffer());
        if (req.url?.startsWith('/v1/revocations') && upstream.ok) {
          const feed = JSON.parse(body.toString('utf8')) as { events: unknown[] };
          feed.events = feed.events.slice(1);
          body = Buffer.from(JSON.stringify(feed));
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, server };
}

describe('never greener than the truth (real processes)', () => {
  const root = mkdtempSync(join(tmpdir(), 'sanma-greener-'));
  const dataDir = join(root, 'data');
  const dist = join(root, 'dist');
  let system: ManagedProcess;
  let ledger: string;
  let codes: DemoCode[];
  const common = () => ['--data-dir', dataDir, '--ledger', ledger];
  const code = (stallNo: string) => codes.find((c) => c.stallNo === stallNo)!.text;

  beforeAll(async () => {
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>sanma-test-app</title>');
    system = await spawnSanma('start', ['start', '--data-dir', dataDir, '--port', '0', '--ledger-port', '0', '--block-interval', '200', '--dist', dist, '--quiet'], {
      readyTimeoutMs: 90_000,
    });
    ledger = system.ready.ledger as string;
    codes = JSON.parse(readFileSync(join(dataDir, 'demo', 'codes.json'), 'utf8')) as DemoCode[];
  }, 120_000);

  afterAll(async () => {
    if (system) await stopProcess(system);
    rmSync(root, { recursive: true, force: true });
  });

  it('help and usage never exit 0, the "verified" status', async () => {
    const [help, short, none] = await Promise.all([sanma('verify', '--help'), sanma('verify', '-h', code('A01')), sanma('verify')]);
    expect([help.code, short.code, none.code]).toEqual([64, 64, 64]);
    // Scanned text that starts with '-' goes after `--` and is verified, not parsed as a flag.
    const dashed = await sanma('verify', ...common(), '--', '-h');
    expect(dashed.code).toBe(3);
    expect((JSON.parse(dashed.stdout) as VerdictJson).status).toBe('not-sanma');
  });

  it('a withholding mirror makes a revoked code amber, never green; the true ledger makes it red', async () => {
    const mirror = await withholdingMirror(ledger);
    try {
      const revoked = code('B03');
      const viaMirror = await sanma('verify', revoked, '--data-dir', join(root, 'no-cache'), '--ledger', mirror.url);
      // Without a data directory the policy comes from the mirror too (trust on first use).
      expect(viaMirror.code, viaMirror.stdout + viaMirror.stderr).toBe(1);
      const v = JSON.parse(viaMirror.stdout) as VerdictJson & { sync: { error?: string } };
      expect(v.status).toBe('warning');
      expect(v.sync.error).toMatch(/REVOCATIONS_INCOMPLETE/);
      expect(problems(v)).toContain('REVOCATIONS_INCOMPLETE');
      expect(problems(v)).not.toContain('HEALTH_REVOKED');
      const direct = await sanma('verify', revoked, ...common());
      expect(direct.code).toBe(2);
      expect(problems(JSON.parse(direct.stdout) as VerdictJson)).toContain('HEALTH_REVOKED');
    } finally {
      await new Promise((r) => mirror.server.close(r));
    }
  });

  it('handover and registration revocation turn the old codes red, online and offline', async () => {
    const before = await Promise.all([sanma('verify', code('A03'), ...common()), sanma('verify', code('A04'), ...common())]);
    expect(before.map((r) => r.code)).toEqual([0, 0]);

    const newVendor = toHex(publicKeyFromSecret(sha256(utf8('never-greener/new-vendor'))));
    const refused = await sanma('register-stall', '--stall-no', 'A03', '--stall-name', '王阿姨豆腐坊', '--vendor-key', newVendor, '--channel', 'url:聚合支付:https://pay.example.invalid/s/A03', ...common());
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain('--handover');
    const handover = await sanma('register-stall', '--stall-no', 'A03', '--stall-name', '王阿姨豆腐坊', '--vendor-key', newVendor, '--channel', 'url:聚合支付:https://pay.example.invalid/s/A03', '--handover', '--vendor-name', PRIVATE.newVendorName, ...common());
    expect(handover.code, handover.stdout + handover.stderr).toBe(0);
    const revoke = await sanma('revoke', '--stall', 'A04', '--reason', PRIVATE.reason, ...common());
    expect(revoke.code, revoke.stdout + revoke.stderr).toBe(0);

    const [a03, a04] = await Promise.all([sanma('verify', code('A03'), ...common()), sanma('verify', code('A04'), ...common())]);
    expect(a03.code).toBe(2);
    expect(problems(JSON.parse(a03.stdout) as VerdictJson)).toEqual(['STALL_HANDED_OVER']);
    expect(a04.code).toBe(2);
    expect(problems(JSON.parse(a04.stdout) as VerdictJson)).toEqual(['REGISTRATION_REVOKED']);

    // Offline, from the sync kept in the data directory, like a phone from its IndexedDB.
    const [o3, o4, o1] = await Promise.all([
      sanma('verify', '--offline', '--data-dir', dataDir, code('A03')),
      sanma('verify', '--offline', '--data-dir', dataDir, code('A04')),
      sanma('verify', '--offline', '--data-dir', dataDir, code('A01')),
    ]);
    expect([o3.code, o4.code, o1.code]).toEqual([2, 2, 0]);
    expect(problems(JSON.parse(o3.stdout) as VerdictJson)).toEqual(['STALL_HANDED_OVER']);
    expect(problems(JSON.parse(o4.stdout) as VerdictJson)).toEqual(['REGISTRATION_REVOKED']);
  });

  it('an issuer command that could not reach the ledger resubmits the same record when run again', async () => {
    const vendorKey = toHex(publicKeyFromSecret(sha256(utf8('never-greener/outbox-vendor'))));
    const args = ['issue-health', '--vendor-key', vendorKey, '--vendor-name', PRIVATE.healthName, '--credential-no', PRIVATE.credentialNo, '--days', '30', '--data-dir', dataDir];
    const dead = `http://127.0.0.1:${await freePort()}`;
    const first = await sanma(...args, '--ledger', dead);
    expect(first.code).toBe(1);
    const unsent = JSON.parse(first.stdout) as { id: string; status: string; holderSalt: string };
    expect(unsent.status).toBe('unsent');
    expect(readdirSync(join(dataDir, 'outbox'))).toEqual([`${unsent.id}.json`]);

    const second = await sanma(...args, '--ledger', ledger);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const sent = JSON.parse(second.stdout) as { id: string; status: string; holderSalt: string; resubmitted: boolean };
    expect(sent).toMatchObject({ id: unsent.id, status: 'included', resubmitted: true, holderSalt: unsent.holderSalt });
    expect(readdirSync(join(dataDir, 'outbox'))).toEqual([]);
    expect((await new LedgerClient(ledger).vendor(vendorKey)).credentials).toHaveLength(1);
  });

  it('the clear data stays in the issuer\'s own register (issued.jsonl, mode 0600), off the ledger', () => {
    const file = join(dataDir, 'issued.jsonl');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const entries = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; status: string; height: number; kept: Record<string, string> });
    const kept = (kind: string) => entries.filter((e) => e.kind === kind).map((e) => e.kept);
    expect(kept('stall-registration')).toContainEqual({ stallNo: 'A03', vendorName: PRIVATE.newVendorName });
    expect(kept('revocation')).toContainEqual(expect.objectContaining({ targetKind: 'stall-registration', reason: PRIVATE.reason }));
    expect(kept('health-credential')).toContainEqual({ vendorName: PRIVATE.healthName, credentialNo: PRIVATE.credentialNo, holderSalt: expect.stringMatching(/^[A-Z2-7 ]+$/) });
    expect(entries.every((e) => e.status === 'included' && e.height > 0)).toBe(true);
  });

  it('no public answer and no block carries a vendor name or certificate number', async () => {
    // The demo's vendors, and what the tests above kept in the issuer's register.
    const needles = [...DEMO_STALLS.flatMap((s) => [s.vendorName, demoCredentialNo(s)]), ...Object.values(PRIVATE)];
    const answers: { what: string; bytes: Uint8Array }[] = [];
    const get = async (path: string, accept = 'application/octet-stream') => {
      const res = await fetch(`${ledger}${path}`, { headers: { accept } });
      answers.push({ what: path, bytes: new Uint8Array(await res.arrayBuffer()) });
      return res;
    };
    const health = (await (await fetch(`${ledger}/v1/health`)).json()) as { tip: { height: number } };
    for (const path of ['/v1/health', '/v1/policy', '/v1/revocations?since=0', `/v1/headers?from=0&limit=${health.tip.height + 1}`]) await get(path);
    const client = new LedgerClient(ledger);
    for (let h = 1; h <= health.tip.height; h++) {
      await get(`/v1/blocks/${h}`);
      await get(`/v1/headers/${h}`, 'application/json');
      for (const r of (await client.block(h)).records) {
        const record = decodeRecord(r.body);
        expect(Object.keys(record)).not.toContain('reason');
        await get(`/v1/records/${toHex(sha256(new Uint8Array([0, ...r.body])))}`);
      }
    }
    for (const s of DEMO_STALLS) {
      await get(`/v1/vendors/${toHex(demoVendorKey(s.stallNo).publicKey)}`);
      await get(`/v1/stalls/${encodeURIComponent(s.stallNo)}`);
    }
    expect(answers.length).toBeGreaterThan(40);
    for (const a of answers) {
      const bytes = Buffer.from(a.bytes);
      for (const n of needles) expect(bytes.includes(Buffer.from(n, 'utf8')), `${a.what} contains ${n}`).toBe(false);
    }
  });
});
