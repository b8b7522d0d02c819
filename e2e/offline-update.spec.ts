// Offline first (docs/DESIGN.md §2 shopper "works offline after the first visit") and the user deciding
// when a new version takes over (registerType 'prompt': a vendor's screen never
// reloads mid-sale).

import { expect, test, type DemoStallCode } from './fixtures/sanma';
import { startAppProxy } from './fixtures/app-proxy';
import { RolePicker } from './pages/role-picker';
import { CodeLink, ShopperScanner } from './pages/shopper';

test('after the first visit, the app and a stall code link open with no network', async ({ page, context, demo }) => {
  const [firstStall, stall] = demo.goodStalls() as [DemoStallCode, DemoStallCode];
  const home = new RolePicker(page);
  const link = new CodeLink(page);

  await test.step('first visit, online: the app installs itself and checks a code', async () => {
    await home.open();
    await home.shell.waitUntilWorksOffline();
    await link.open(firstStall.text);
    await link.verdict.expectStatus('verified');
  });

  await context.setOffline(true);

  await test.step('offline: the home screen opens', async () => {
    await home.open();
    await expect(home.role('shopper')).toBeVisible();
    await expect(home.shell.netStatus).toHaveAttribute('data-online', 'false');
  });

  await test.step('offline: another stall’s code link opens and is verified on the device', async () => {
    await link.open(stall.text);
    await link.verdict.expectStatus('verified');
    await link.verdict.expectStall(stall.stallNo, stall.stallName);
  });
});

test('a new version is offered, and takes over only when the user taps “update”', async ({ page, system }) => {
  const market = await startAppProxy(system.app);
  try {
    const home = new RolePicker(page);
    await page.goto(market.url);
    await expect(home.role('shopper')).toBeVisible();
    await home.shell.waitUntilWorksOffline();
    await expect(home.shell.updateBanner).toHaveCount(0);

    await test.step('the market deploys a new build; the app finds it and offers it', async () => {
      await page.evaluate(() => ((window as unknown as { __sanmaSamePage: boolean }).__sanmaSamePage = true));
      market.deployNewBuild('2');
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      await expect(home.shell.updateBanner).toBeVisible({ timeout: 30_000 });
    });

    await test.step('the page does not reload by itself', async () => {
      await page.waitForTimeout(2000);
      expect(await page.evaluate(() => (window as unknown as { __sanmaSamePage?: boolean }).__sanmaSamePage)).toBe(true);
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);
    });

    await test.step('tapping “update” reloads into the new version', async () => {
      const reloaded = page.waitForEvent('load');
      await home.shell.updateNow.click();
      await reloaded;
      await expect(home.role('shopper')).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { __sanmaSamePage?: boolean }).__sanmaSamePage)).toBeUndefined();
      await expect
        .poll(() => page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return { waiting: r?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
        }))
        .toEqual({ waiting: null, controlled: true });
      await expect(home.shell.updateBanner).toHaveCount(0);
    });
  } finally {
    await market.close();
  }
});

test('when another tab upgrades the database, this tab says so and offers to reload', async ({ page, context }) => {
  const scanner = new ShopperScanner(page);
  await scanner.open();
  await expect(page.getByTestId('scan-history')).toBeVisible(); // the store is open
  await expect(page.getByTestId('db-version-changed')).toHaveCount(0);

  // Another tab of a newer release opens the database at a higher version: this tab's connection
  // must close for it, and the user must learn why this tab stops saving.
  const other = await context.newPage();
  await other.goto(page.url());
  const upgraded = await other.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('sanma', 10_000);
        req.onsuccess = () => {
          const v = req.result.version;
          req.result.close();
          resolve(v);
        };
        req.onerror = () => reject(new Error(String(req.error)));
      }),
  );
  expect(upgraded).toBe(10_000);
  await expect(page.getByTestId('db-version-changed')).toBeVisible();
  await expect(page.getByTestId('db-version-changed').getByRole('button')).toBeEnabled();
  await other.close();
});
