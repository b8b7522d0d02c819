// The vendor at the stall (docs/DESIGN.md §2 vendor, src/roles/vendor): first run (key), registration as
// the ledger knows it, today's batches, publish through the outbox, and the printed code.

import { expect, type Locator, type Page } from '@playwright/test';
import type { QuantityUnit, RapidTest } from '../../src/core';
import { AppShell } from './app-shell';

export interface BatchEntry {
  product: string;
  origin: string;
  supplier: string;
  amount: number;
  unit: QuantityUnit;
  test: RapidTest;
}

export type OutboxState = 'queued' | 'sent' | 'included' | 'failed';

export class VendorApp {
  readonly shell: AppShell;
  readonly onboarding: Locator;
  readonly registration: Locator;
  readonly draftBatches: Locator;
  readonly publishButton: Locator;
  readonly publishBlocker: Locator;
  readonly outboxState: Locator;
  readonly codePanel: Locator;
  /** The exact text inside the stall's QR code. */
  readonly codeText: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.onboarding = page.getByTestId('onboarding');
    this.registration = page.getByTestId('registration');
    this.draftBatches = page.getByTestId('draft-batch');
    this.publishButton = page.getByTestId('publish-button');
    this.publishBlocker = page.getByTestId('publish-blocker');
    this.outboxState = page.getByTestId('outbox-state');
    this.codePanel = page.getByTestId('code-panel');
    this.codeText = page.getByTestId('code-text');
  }

  async open(): Promise<void> {
    await this.shell.open('/vendor');
  }

  /** First run with a demo vendor's key (the demo market's stand-in for the market office's enrolment). */
  async onboardAsDemoVendor(stallNo: string): Promise<void> {
    await expect(this.onboarding).toBeVisible();
    const select = this.page.getByTestId('demo-vendor-select');
    await expect(select.locator(`option[value="${stallNo}"]`)).toBeAttached();
    await select.selectOption(stallNo);
    await this.page.getByTestId('demo-vendor-import').click();
    await expect(this.onboarding).toBeHidden();
  }

  /** The ledger's registration of this vendor's key has been fetched (stall, channels, credential). */
  async expectRegisteredAs(stallNo: string): Promise<void> {
    await expect(this.registration).toHaveAttribute('data-registered', 'true', { timeout: 20_000 });
    await expect(this.registration).toContainText(stallNo);
  }

  async addBatch(b: BatchEntry): Promise<void> {
    const before = await this.draftBatches.count();
    await this.page.getByTestId('batch-add').click();
    const form = this.page.getByTestId('batch-form');
    await form.getByTestId('batch-product').fill(b.product);
    await form.getByTestId('batch-origin').fill(b.origin);
    await form.getByTestId('batch-supplier').fill(b.supplier);
    await form.getByTestId('batch-amount').fill(String(b.amount));
    await form.getByTestId('batch-unit').selectOption(b.unit);
    await form.getByTestId(`batch-test-${b.test}`).check();
    await form.getByTestId('batch-save').click();
    await expect(this.draftBatches).toHaveCount(before + 1);
  }

  async publish(): Promise<void> {
    await expect(this.publishButton).toBeEnabled({ timeout: 20_000 });
    await this.publishButton.click();
    await expect(this.outboxState).toBeVisible();
  }

  /**
   * Starts recording every state the outbox entry shows (queued → sent → included can pass in
   * well under a second); `states()` returns them in order, without repeats.
   */
  async recordOutboxStates(): Promise<{ states(): Promise<OutboxState[]> }> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __sanmaOutboxStates: string[] }).__sanmaOutboxStates = seen;
      const note = () => {
        const s = document.querySelector('[data-testid="outbox-state"]')?.getAttribute('data-state');
        if (s && seen[seen.length - 1] !== s) seen.push(s);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
      note();
    });
    return {
      states: () => this.page.evaluate(() => (window as unknown as { __sanmaOutboxStates: OutboxState[] }).__sanmaOutboxStates.slice()),
    };
  }

  async outbox(): Promise<OutboxState> {
    return (await this.outboxState.getAttribute('data-state')) as OutboxState;
  }

  async expectOutbox(state: OutboxState | RegExp, timeout = 30_000): Promise<void> {
    await expect(this.outboxState).toHaveAttribute('data-state', state, { timeout });
  }

  /**
   * Prints the stall's poster in `layout` the way the browser's print dialog would (print media,
   * the layout's @page size) and returns the PDF.
   */
  async printPoster(layout: 'a4' | 'a6' | 'receipt'): Promise<Buffer> {
    await this.page.getByTestId(`layout-${layout}`).check();
    await expect(this.page.getByTestId('module-size')).toHaveAttribute('data-too-small', 'false');
    await expect(this.page.getByTestId('print-button')).toBeEnabled();
    await this.page.emulateMedia({ media: 'print' });
    try {
      return await this.page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await this.page.emulateMedia({ media: 'screen' });
    }
  }

  /** Waits for the published code and returns its QR text as shown in the app. */
  async publishedCodeText(timeout = 30_000): Promise<string> {
    await expect(this.codeText).toBeVisible({ timeout });
    const text = (await this.codeText.textContent())?.trim() ?? '';
    expect(text).toMatch(/^HTTPS?:\/\/.+\/C#[A-Z2-7]+$/);
    return text;
  }
}
