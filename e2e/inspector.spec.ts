// The market inspector's day (docs/DESIGN.md §2 inspector): sync headers, revocations and the trust policy
// in the morning while online; then, with no network at all, check stall after stall against the
// cached headers — a genuine stall is verified, a stall whose health credential was revoked is
// invalid with the reason shown, and a code published after the sync is amber ("anchor not yet
// verifiable"), never green — and keep a log of findings that exports to CSV.

import { expect, test } from './fixtures/sanma';
import { parseCsv } from './fixtures/csv';
import { vendorPublishesNewCode } from './fixtures/market-ledger';
import { InspectorApp } from './pages/inspector';

test('an inspector syncs in the morning, inspects offline and exports the log', async ({ page, context, camera, demo, system }) => {
  const genuine = demo.goodStall();
  const revoked = demo.revokedStall();
  const inspector = new InspectorApp(page);

  await test.step('morning, online: the app is installed and every cache synced, with progress shown', async () => {
    await inspector.open();
    await inspector.shell.waitUntilWorksOffline();
    // The market's mobile signal is slow in the morning: each header page takes a while.
    await context.route(`${system.ledger}/v1/headers**`, async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await inspector.startSync();
    await expect(inspector.syncProgress).toBeVisible();
    await inspector.expectSyncDone();
    await context.unrouteAll();
    await expect(inspector.cache('headers')).toHaveAttribute('data-freshness', 'fresh');
    await expect(inspector.cache('revocations')).toHaveAttribute('data-freshness', 'fresh');
    await expect(inspector.cache('policy')).toHaveAttribute('data-freshness', 'fresh');
  });

  // After the sync, the vendor of another stall publishes today's code: its block is not cached.
  const latecomer = demo.stall('A04');
  const lateCode = await vendorPublishesNewCode(system, latecomer.text);

  await test.step('no network: the app reopens from the device', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect(inspector.syncPanel).toBeVisible();
    await expect(inspector.shell.netStatus).toHaveAttribute('data-online', 'false');
  });

  await test.step(`stall ${genuine.stallNo}: verified offline; finding “pass”`, async () => {
    camera.pointAt(genuine.text);
    await inspector.scanWhatTheCameraSees();
    await inspector.expectVerdictFor(genuine.stallNo);
    await inspector.verdict.expectStatus('verified');
    await inspector.stopScanning();
    await inspector.recordFinding('证照齐全，码牌完好', 'pass');
  });

  const revokedNote = '健康证已被吊销，责令停止营业';
  await test.step(`stall ${revoked.stallNo}: health credential revoked → invalid, reason shown; finding “fail”`, async () => {
    camera.pointAt(revoked.text);
    await inspector.scanWhatTheCameraSees();
    await inspector.expectVerdictFor(revoked.stallNo);
    await inspector.verdict.expectStatus('invalid');
    await inspector.verdict.expectCheck('health', 'fail', 'HEALTH_REVOKED');
    await inspector.verdict.expectReasonShown('HEALTH_REVOKED');
    // The inspector is told what to record, not the shopper's "do not pay with it".
    await expect(inspector.verdict.status).toContainText('记为不合格');
    await expect(inspector.verdict.status).not.toContainText('付款');
    await inspector.stopScanning();
    await inspector.recordFinding(revokedNote, 'fail');
  });

  await test.step(`stall ${latecomer.stallNo}: a code newer than the sync → amber, anchor not cached`, async () => {
    camera.pointAt(lateCode.text);
    await inspector.scanWhatTheCameraSees();
    await inspector.expectVerdictFor(latecomer.stallNo);
    await inspector.verdict.expectStatus('warning');
    await inspector.verdict.expectCheck('anchor', 'unknown', 'ANCHOR_NOT_CACHED');
    await inspector.verdict.expectReasonShown('ANCHOR_NOT_CACHED');
    await inspector.stopScanning();
  });

  await test.step('the log keeps both findings, and the CSV export has the revoked stall’s row', async () => {
    await expect(inspector.logEntry(genuine.stallNo)).toHaveAttribute('data-result', 'pass');
    await expect(inspector.logEntry(revoked.stallNo)).toHaveAttribute('data-result', 'fail');
    await expect(inspector.logEntry(revoked.stallNo)).toContainText(revokedNote);

    const { download, csv } = await inspector.exportLog();
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // Columns (src/roles/inspector/inspection-model.ts logCsv): time, stall, stall name, verdict,
    // finding, reason codes, problems in words, note, the code's block position (not its text).
    const [header, ...rows] = parseCsv(csv);
    expect(header).toHaveLength(9);
    const row = rows.find((r) => r[1] === revoked.stallNo);
    expect(row, `CSV rows: ${JSON.stringify(rows)}`).toBeDefined();
    expect(row![2]).toBe(revoked.stallName);
    expect(row![5]).toContain('HEALTH_REVOKED');
    expect(row![6]).toContain('健康证已被吊销');
    expect(row![7]).toBe(revokedNote);
    expect(row![8]).toBe(`${revoked.height}:${revoked.index}`);
    expect(csv, 'the CSV holds no code text').not.toContain(revoked.text.slice(revoked.text.indexOf('#') + 1));
    expect(rows.filter((r) => r[1] === genuine.stallNo)).toHaveLength(1);
  });

  await test.step('the inspector deletes one finding, which stays deleted, then the whole log', async () => {
    await inspector.deleteLogEntry(genuine.stallNo);
    await page.reload();
    await expect(inspector.logEntry(revoked.stallNo)).toHaveCount(1);
    await expect(inspector.logEntry(genuine.stallNo)).toHaveCount(0);
    await inspector.clearLog();
  });
});
