// What the ledger learns from a shopper's scan (issue 15): a code anchored after the phone last
// synced still verifies, and no request the page makes names the code's block height alone — the
// phone syncs headers from its own tip instead, so the operator cannot tell which stall was scanned.

import { expect, test } from './fixtures/sanma';
import { republishCode } from './fixtures/market-office';
import { CodeLink, ShopperScanner } from './pages/shopper';

test('a code newer than the phone’s headers verifies without any request naming its height', async ({ page, context, demo, system }) => {
  const link = new CodeLink(page);

  await test.step('the shopper has used Sanma before: headers synced up to now', async () => {
    await link.open(demo.stall('A01').text);
    await link.verdict.expectStatus('verified');
  });

  // Three new blocks, so that the scanned code's block is neither the first nor the last the
  // phone lacks: a request that names it cannot be the sync's own boundary.
  const fresh = await test.step('then the B02 vendor publishes today’s code three times', async () => {
    const b02 = demo.stall('B02');
    const before = await republishCode(system, b02);
    const scanned = await republishCode(system, b02);
    const after = await republishCode(system, b02);
    expect(before.height < scanned.height && scanned.height < after.height, 'three blocks').toBe(true);
    return scanned;
  });

  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await test.step('the shopper scans the new code', async () => {
    await link.open(fresh.text);
    await link.verdict.expectStatus('verified');
    await link.verdict.expectCheck('inclusion', 'pass');
  });

  const h = fresh.height;
  expect(requests.filter((u) => new RegExp(`/v1/(headers|blocks)/${h}(?:[/?#]|$)`).test(u)), `requests for block ${h} by its height`).toEqual([]);
  const ranges = requests
    .filter((u) => /\/v1\/headers\?/.test(u))
    .map((u) => ({ u, from: Number(new URL(u).searchParams.get('from')), limit: Number(new URL(u).searchParams.get('limit')) }));
  expect(ranges.length, 'the header came from a header sync').toBeGreaterThan(0);
  for (const r of ranges) {
    expect(r.from === h && r.limit === 1, `${r.u} asks for block ${h} alone`).toBe(false);
    expect(r.from, `${r.u} starts at the scanned block`).not.toBe(h);
  }
});

test('the shopper deletes one scan from the history on the phone', async ({ page, demo }) => {
  const link = new CodeLink(page);
  for (const stallNo of ['A01', 'A02']) {
    await link.open(demo.stall(stallNo).text);
    await link.verdict.expectStatus('verified');
  }
  const scanner = new ShopperScanner(page);
  await scanner.open();
  const history = page.getByTestId('scan-history').locator('li');
  const a02 = history.filter({ hasText: 'A02' });
  const before = await history.count();
  expect(before).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('scan-history')).toContainText('30');
  await a02.first().getByTestId('history-delete').click();
  await expect(history).toHaveCount(before - 1);
  await page.reload();
  await expect(history.filter({ hasText: 'A01' }).first()).toBeVisible();
  await expect(history).toHaveCount(before - 1);
});
