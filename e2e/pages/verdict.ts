// The verdict a shopper or an inspector sees after a scan or a link (src/app/components/VerdictView):
// one overall status, the stall's number and name, and every check with its reason code.

import { expect, type Locator, type Page } from '@playwright/test';
import type { CheckId, ReasonCode, VerdictStatus } from '../../src/core';

export type CheckStatus = 'pass' | 'fail' | 'unknown';

export class Verdict {
  readonly status: Locator;
  readonly stallNo: Locator;
  readonly stallName: Locator;
  readonly checks: Locator;
  readonly otherCode: Locator;
  readonly otherText: Locator;
  readonly payment: Locator;
  /** The ways to pay offered (src/app/components/PaymentHandoff): none unless the code checks out. */
  readonly paymentOptions: Locator;
  readonly health: Locator;

  constructor(readonly page: Page, private readonly scope: Locator = page.locator('body')) {
    this.status = scope.getByTestId('verdict-status');
    this.stallNo = scope.getByTestId('stall-no');
    this.stallName = scope.getByTestId('stall-name');
    this.checks = scope.locator('[data-check-id]');
    this.otherCode = scope.getByTestId('other-code');
    this.otherText = scope.getByTestId('other-text');
    this.payment = scope.getByTestId('payment');
    this.paymentOptions = this.payment.getByTestId('pay-offer');
    this.health = scope.getByTestId('health');
  }

  check(id: CheckId): Locator {
    return this.scope.locator(`[data-check-id="${id}"]`);
  }

  /** Waits for a verdict (any) and returns its overall status. */
  async shown(timeout = 20_000): Promise<VerdictStatus> {
    await expect(this.status).toBeVisible({ timeout });
    return (await this.status.getAttribute('data-status')) as VerdictStatus;
  }

  async expectStatus(status: VerdictStatus, timeout = 20_000): Promise<void> {
    try {
      await expect(this.status).toHaveAttribute('data-status', status, { timeout });
    } catch (e) {
      // Say which checks did not pass: "expected verified, got warning" alone does not help.
      const problems = await this.problems().catch(() => []);
      if (e instanceof Error) e.message = `verdict: expected ${status}; checks not passing: ${problems.join(', ') || 'none'}\n${e.message}`;
      throw e;
    }
  }

  async expectStall(stallNo: string, stallName: string): Promise<void> {
    await expect(this.stallNo).toHaveText(stallNo);
    await expect(this.stallName).toHaveText(stallName);
  }

  async expectCheck(id: CheckId, status: CheckStatus, reason?: ReasonCode): Promise<void> {
    const check = this.check(id);
    await expect(check).toHaveAttribute('data-check-status', status);
    if (reason) await expect(check).toHaveAttribute('data-reason', reason);
  }

  /**
   * A check carries `reason`, and the reason is explained to the user in words of the UI's
   * language (zh-CN by default: Chinese characters), not as the bare code.
   */
  async expectReasonShown(reason: ReasonCode, words: RegExp = /[\u4e00-\u9fff]/): Promise<void> {
    const explanation = this.scope.locator(`[data-check-id][data-reason="${reason}"]`).first().locator('p');
    await expect(explanation).toBeVisible();
    await expect(explanation).toHaveText(words);
    await expect(explanation).not.toHaveText(reason);
  }

  /** The reason codes of every check that did not pass, for assertion messages. */
  async problems(): Promise<string[]> {
    return this.checks.evaluateAll((els) =>
      els
        .filter((e) => e.getAttribute('data-check-status') !== 'pass')
        .map((e) => `${e.getAttribute('data-check-id')}=${e.getAttribute('data-check-status')}:${e.getAttribute('data-reason')}`),
    );
  }
}
