// The market inspector (docs/DESIGN.md §2 inspector, src/roles/inspector): the morning sync while online,
// then scanning stall after stall offline, a finding (note + pass/fail) per stall into the local
// inspection log, and the log's CSV export.

import { readFileSync } from 'node:fs';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { Verdict } from './verdict';

export type Finding = 'pass' | 'fail';

export class InspectorApp {
  readonly shell: AppShell;
  readonly syncPanel: Locator;
  readonly syncButton: Locator;
  readonly syncProgress: Locator;
  readonly cacheStatus: Locator;
  readonly inspectPanel: Locator;
  readonly scanner: Locator;
  readonly verdict: Verdict;
  readonly logEntries: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.syncPanel = page.getByTestId('sync-panel');
    this.syncButton = page.getByTestId('sync-button');
    this.syncProgress = page.getByTestId('sync-progress');
    this.cacheStatus = page.getByTestId('cache-status');
    this.inspectPanel = page.getByTestId('inspect-panel');
    this.scanner = this.inspectPanel.getByTestId('scanner');
    this.verdict = new Verdict(page, this.inspectPanel);
    this.logEntries = page.getByTestId('log-entry');
  }

  async open(): Promise<void> {
    await this.shell.open('/inspector');
    await expect(this.syncPanel).toBeVisible();
  }

  /** The morning sync: policy, headers and revocations (a progress bar while it runs). */
  async syncEverything(): Promise<void> {
    await this.startSync();
    await this.expectSyncDone();
  }

  async startSync(): Promise<void> {
    await this.syncButton.click();
  }

  async expectSyncDone(): Promise<void> {
    await expect(this.syncPanel).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  }

  /** How fresh each cache the verdicts rest on is: fresh | aging | stale | never. */
  cache(name: 'headers' | 'revocations' | 'policy'): Locator {
    return this.page.getByTestId(`cache-${name}`);
  }

  /** Points the running scanner at whatever the camera now shows (the camera restarts). */
  async scanWhatTheCameraSees(): Promise<void> {
    const stop = this.inspectPanel.getByTestId('scan-stop');
    if (await stop.isVisible()) await stop.click();
    await this.inspectPanel.getByTestId('scan-button').click();
    await expect(this.scanner).toHaveAttribute('data-state', 'running', { timeout: 15_000 });
  }

  async stopScanning(): Promise<void> {
    const stop = this.inspectPanel.getByTestId('scan-stop');
    if (await stop.isVisible()) await stop.click();
    await expect(this.scanner).toHaveCount(0);
  }

  /** Waits until the verdict on screen is the one for `stallNo`. */
  async expectVerdictFor(stallNo: string): Promise<void> {
    await expect(this.verdict.stallNo).toHaveText(stallNo, { timeout: 30_000 });
  }

  async recordFinding(note: string, finding: Finding): Promise<void> {
    const form = this.page.getByTestId('inspect-finding');
    await form.getByTestId('inspect-note').fill(note);
    await form.getByTestId(finding === 'pass' ? 'inspect-pass' : 'inspect-fail').click();
    await expect(form.getByTestId('inspect-saved')).toBeVisible();
  }

  logEntry(stallNo: string): Locator {
    return this.logEntries.filter({ hasText: stallNo });
  }

  /** Deletes one entry of the log (the × button beside it). */
  async deleteLogEntry(stallNo: string): Promise<void> {
    await this.logEntry(stallNo).getByTestId('log-delete').click();
    await expect(this.logEntry(stallNo)).toHaveCount(0);
  }

  /** Deletes the whole log, confirming the browser's dialog. */
  async clearLog(): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('log-clear').click();
    await expect(this.logEntries).toHaveCount(0);
  }

  async exportLog(): Promise<{ download: Download; csv: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('log-export').click()]);
    const path = await download.path();
    return { download, csv: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
  }
}
