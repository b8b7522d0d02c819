// The shopper (docs/DESIGN.md §2): scans a stall's code with the app's scanner (/shopper), or opens the
// code's URL with the phone's own camera (/c#…), and reads one big verdict.

import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { Verdict } from './verdict';

export class ShopperScanner {
  readonly shell: AppShell;
  readonly verdict: Verdict;
  readonly scanButton: Locator;
  readonly scanAgain: Locator;
  readonly scanner: Locator;
  readonly cacheStatus: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.verdict = new Verdict(page);
    this.scanButton = page.getByTestId('scan-button');
    this.scanAgain = page.getByTestId('scan-again');
    this.scanner = page.getByTestId('scanner');
    this.cacheStatus = page.getByTestId('cache-status');
  }

  async open(): Promise<void> {
    await this.shell.open('/shopper');
    await expect(this.scanButton).toBeVisible();
  }

  /**
   * Taps "scan" with the camera pointed at a code and waits for the verdict.
   * Returns the time from the tap to the verdict on screen (camera start, decode, sync, verify).
   */
  async scan(): Promise<{ cameraToVerdictMs: number }> {
    const start = Date.now();
    await this.scanButton.click();
    await expect(this.verdict.status).toBeVisible({ timeout: 30_000 });
    return { cameraToVerdictMs: Date.now() - start };
  }
}

/** A stall code opened as a link: what the phone's own camera or WeChat does with the QR's URL. */
export class CodeLink {
  readonly shell: AppShell;
  readonly verdict: Verdict;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.verdict = new Verdict(page);
  }

  /** Opens the code's text as a URL (…/C#PAYLOAD), as the phone's browser would. */
  async open(codeText: string): Promise<void> {
    await this.page.goto(codeText);
  }
}
