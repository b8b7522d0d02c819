// Never greener than the truth, as a shopper and an inspector see it offline after a sync: a
// stall handed over to a new vendor and a stall whose registration the market office cancelled
// turn their old printed codes red with their own reasons, and such a red verdict shows none of
// the code's content (no green badge anywhere, checked on the screenshot's pixels); produce that
// is not today's is amber and dated; a fork on the market's chain leaves no verdict green and
// lets the user hand over the evidence.

import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/sanma';
import { forkEvidence, handStallOver, revokeRegistration } from './fixtures/market-office';
import { APP_GREEN, countColour } from './fixtures/screenshot-colours';
import { InspectorApp } from './pages/inspector';
import { CodeLink } from './pages/shopper';

test('a stall’s whole life reaches the verdict offline, and red shows nothing as true', async ({ page, context, camera, demo, system }) => {
  const genuine = demo.goodStall();
  const handedOver = demo.stall('A03');
  const cancelled = demo.stall('B01');
  const stale = demo.stall('B04');
  const inspector = new InspectorApp(page);
  const link = new CodeLink(page);

  await test.step('the market office hands A03 over and cancels B01’s registration (CLI)', async () => {
    await handStallOver(system, handedOver.stallNo, handedOver.stallName);
    await revokeRegistration(system, cancelled.stallNo);
  });

  await test.step('morning sync while online, then no network', async () => {
    await inspector.open();
    await inspector.shell.waitUntilWorksOffline();
    await inspector.syncEverything();
    await context.setOffline(true);
  });

  let greenOnVerified = 0;
  await test.step('a genuine code is green (the control for the pixel check)', async () => {
    await link.open(genuine.text);
    await link.verdict.expectStatus('verified');
    greenOnVerified = await countColour(page.locator('article.verdict'), APP_GREEN);
    expect(greenOnVerified, 'a verified verdict shows green badges').toBeGreaterThan(200);
  });

  await test.step('shopper: the previous vendor’s code of a handed-over stall is red, with nothing shown as true', async () => {
    await link.open(handedOver.text);
    await link.verdict.expectStatus('invalid');
    await link.verdict.expectCheck('revocation', 'fail', 'STALL_HANDED_OVER');
    await link.verdict.expectReasonShown('STALL_HANDED_OVER');
    await expect(page.getByTestId('stall-claimed')).toBeVisible();
    for (const id of ['health', 'batches', 'payment', 'stall-name']) await expect(page.getByTestId(id)).toHaveCount(0);
    await expect(page.locator('[data-check-status="pass"]')).toHaveCount(0);
    expect(await countColour(page.locator('article.verdict'), APP_GREEN)).toBeLessThan(greenOnVerified / 20);
  });

  await test.step('shopper: a code of a stall whose registration was cancelled is red', async () => {
    await link.open(cancelled.text);
    await link.verdict.expectStatus('invalid');
    await link.verdict.expectCheck('revocation', 'fail', 'REGISTRATION_REVOKED');
    await link.verdict.expectReasonShown('REGISTRATION_REVOKED');
    await expect(page.getByTestId('payment')).toHaveCount(0);
    expect(await countColour(page.locator('article.verdict'), APP_GREEN)).toBeLessThan(greenOnVerified / 20);
  });

  await test.step('shopper: a revoked health certificate shows no validity date and no passed health check', async () => {
    await link.open(demo.revokedStall().text);
    await link.verdict.expectStatus('invalid');
    await link.verdict.expectCheck('health', 'fail', 'HEALTH_REVOKED');
    await expect(page.getByText(/有效期至/)).toHaveCount(0);
  });

  await test.step('shopper: produce dated days ago is amber, dated, and not called today’s', async () => {
    await link.open(stale.text);
    await link.verdict.expectStatus('warning');
    await link.verdict.expectCheck('produce-date', 'unknown', 'PRODUCE_NOT_TODAY');
    await expect(page.getByTestId('batch-not-today')).toHaveCount(1);
    await expect(page.getByRole('heading', { name: '今日货品' })).toHaveCount(0);
  });

  await test.step('inspector: the handed-over stall’s old code, scanned offline, is red with the same reason', async () => {
    await inspector.open();
    camera.pointAt(handedOver.text);
    await inspector.scanWhatTheCameraSees();
    await inspector.expectVerdictFor(handedOver.stallNo);
    await inspector.verdict.expectStatus('invalid');
    await inspector.verdict.expectCheck('revocation', 'fail', 'STALL_HANDED_OVER');
    await inspector.stopScanning();
  });

  const fork = await forkEvidence(system, 1);
  await test.step('fork evidence on the phone: the alarm names both blocks, exports them, and nothing is green', async () => {
    await page.evaluate(async (f) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('sanma');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      await new Promise<void>((res, rej) => {
        const tx = db.transaction('forkEvidence', 'readwrite');
        const u = (a: number[]) => new Uint8Array(a);
        tx.objectStore('forkEvidence').add({
          height: f.height,
          detectedAt: Date.now(),
          evidence: u(f.evidence),
          ours: u(f.ours),
          oursSignedBy: u(f.oursSignedBy),
          theirs: u(f.theirs),
          theirsSignedBy: u(f.theirsSignedBy),
          source: 'e2e',
        });
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      db.close();
    }, fork);
    await link.open(genuine.text);
    await page.reload();
    await link.verdict.expectStatus('warning');
    await link.verdict.expectCheck('ledger', 'unknown', 'LEDGER_FORKED');
    const alarm = page.getByTestId('fork-alarm');
    await expect(alarm).toBeVisible();
    await expect(alarm.getByTestId('fork-sides').locator('li')).toHaveCount(2);
    const [download] = await Promise.all([page.waitForEvent('download'), alarm.getByTestId('fork-export').click()]);
    const report = JSON.parse(readFileSync(await download.path(), 'utf8')) as { height: number; evidence: string; ours: { hash: string }; theirs: { hash: string } };
    expect(report.height).toBe(1);
    expect(report.evidence).toBe(Buffer.from(fork.evidence).toString('hex'));
    expect(report.ours.hash).not.toBe(report.theirs.hash);
    await alarm.getByTestId('fork-qr-toggle').click();
    await expect(alarm.locator('img')).toBeVisible();
  });
});
