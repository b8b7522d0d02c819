// Accessibility of each role's main screen (axe-core, WCAG 2.1 A/AA rules): no serious or critical
// violations; and the verdict, which matters most, is announced to screen-reader users through a
// polite live region (docs/DESIGN.md §2: "the verdict is also announced … never conveyed by colour alone");
// and at 200 % text size nothing needs sideways scrolling.

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

// "Works at 200 % text size": the browser's own text-size setting (its default font size, 16 →
// 32 px), which the app's rem sizes follow. Nothing may need sideways scrolling.
test.describe('at 200 % text size every main screen still fits the phone’s width', () => {
  test.beforeEach(async ({ page, context }) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  });

  async function sidewaysOverflow(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1 && getComputedStyle(el).position !== 'fixed' && !el.closest('.code-box');
      });
      return wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)} > ${width}`);
    });
  }

  test('role picker, vendor, inspector and a verdict', async ({ page, demo }) => {
    const home = new RolePicker(page);
    await home.open();
    await expect(home.role('inspector')).toBeVisible();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), 'the setting took').toBe('32px');
    expect(await sidewaysOverflow(page), 'role picker').toEqual([]);

    const vendor = new VendorApp(page);
    await vendor.open();
    await expect(vendor.onboarding).toBeVisible();
    expect(await sidewaysOverflow(page), 'vendor').toEqual([]);

    const inspector = new InspectorApp(page);
    await inspector.open();
    await inspector.syncEverything();
    expect(await sidewaysOverflow(page), 'inspector').toEqual([]);

    const stall = demo.goodStall();
    const link = new CodeLink(page);
    await link.open(stall.text);
    await link.verdict.expectStatus('verified');
    await link.verdict.expectStall(stall.stallNo, stall.stallName);
    expect(await sidewaysOverflow(page), 'verdict').toEqual([]);
  });
});
