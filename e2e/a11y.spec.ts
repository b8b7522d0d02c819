// Accessibility of each role's main screen (axe-core, WCAG 2.1 A/AA rules): no serious or critical
// violations; and the verdict, which matters most, is announced to screen-reader users through a
// polite live region (DESIGN §2: "the verdict is also announced … never conveyed by colour alone").

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sanma';
import { InspectorApp } from './pages/inspector';
import { RolePicker } from './pages/role-picker';
import { CodeLink } from './pages/shopper';
import { VendorApp } from './pages/vendor';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

test.describe('each role’s main screen has no serious accessibility violations', () => {
  test('role picker', async ({ page }) => {
    const home = new RolePicker(page);
    await home.open();
    await expect(home.role('inspector')).toBeVisible();
    // Chinese by default, and the page says so (screen readers pick the voice from it).
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(home.shell.languageSwitch).toHaveAttribute('data-lang', 'zh-CN');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('shopper verdict for a stall code', async ({ page, demo }) => {
    const link = new CodeLink(page);
    await link.open(demo.goodStall().text);
    await link.verdict.expectStatus('verified');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('vendor home', async ({ page }) => {
    const vendor = new VendorApp(page);
    await vendor.open();
    await expect(vendor.onboarding).toBeVisible();
    await expect(page.getByTestId('demo-vendor-select')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('inspector sync', async ({ page }) => {
    const inspector = new InspectorApp(page);
    await inspector.open();
    await inspector.syncEverything();
    await expect(inspector.cacheStatus).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test('the verdict is announced through a polite live region', async ({ page, demo }) => {
  const stall = demo.goodStall();
  const link = new CodeLink(page);
  await link.open(stall.text);
  await link.verdict.expectStatus('verified');

  const heading = (await link.verdict.status.getByRole('heading').textContent())?.trim() ?? '';
  expect(heading).not.toBe('');
  await expect(link.shell.announcer).toHaveAttribute('aria-live', 'polite');
  await expect(link.shell.announcer).toContainText(heading);
  await expect(link.shell.announcer).toContainText(stall.stallNo);
});
