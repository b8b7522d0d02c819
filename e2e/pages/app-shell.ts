// What every screen of the app has (src/app/App.tsx, pwa.tsx, announcer.tsx): the top bar with the
// connectivity state and the language switch, the "new version" banner and the screen-reader
// live region.

import { expect, type Locator, type Page } from '@playwright/test';

export class AppShell {
  readonly languageSwitch: Locator;
  readonly netStatus: Locator;
  readonly updateBanner: Locator;
  readonly updateNow: Locator;
  readonly offlineReady: Locator;
  /** The polite live region verdicts are announced through. */
  readonly announcer: Locator;

  constructor(readonly page: Page) {
    this.languageSwitch = page.getByTestId('language-switch');
    this.netStatus = page.getByTestId('net-status');
    this.updateBanner = page.getByTestId('update-banner');
    this.updateNow = page.getByTestId('update-now');
    this.offlineReady = page.getByTestId('offline-ready');
    this.announcer = page.getByTestId('announcer');
  }

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.locator('#main')).toBeAttached();
  }

  /** Resolves once a service worker controls this page (after the first visit's install, a reload). */
  async waitUntilWorksOffline(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    if (!(await this.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      await this.page.reload();
    }
    await expect.poll(() => this.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  }
}
