// Codes a fraudster puts on a stall (docs/DESIGN.md §1: payment-code swapping), scanned by a shopper: the
// app says so in red, with the reason in words, and never offers to pay; a code that is not a
// stall code is shown as such; a scanned web address is shown as text and never opened.

import { expect, test } from './fixtures/sanma';
import { FRAUDSTER_PAYEE, forgedStallCode, fraudsterPaymentCode, withPaymentCharacterChanged } from './fixtures/counterfeit-codes';
import { ShopperScanner } from './pages/shopper';

test.describe('a shopper scans a fraudster’s code', () => {
  test('a stall code with one payment character changed is invalid, with the reason shown', async ({ page, camera, demo }) => {
    const stall = demo.goodStall();
    const shopper = new ShopperScanner(page);
    await shopper.open();

    camera.pointAt(withPaymentCharacterChanged(stall.text));
    await shopper.scan();

    await shopper.verdict.expectStatus('invalid');
    await shopper.verdict.expectCheck('inclusion', 'fail', 'INCLUSION_MISMATCH');
    await shopper.verdict.expectReasonShown('INCLUSION_MISMATCH');
    // Red offers nothing to pay, not even a payment section (none of the code's content is shown).
    await expect(shopper.verdict.payment).toHaveCount(0);
    await expect(shopper.verdict.paymentOptions).toHaveCount(0);
  });

  test('a forged stall code with a made-up proof is invalid, with the reason shown', async ({ page, camera, demo }) => {
    const stall = demo.goodStall();
    const shopper = new ShopperScanner(page);
    await shopper.open();

    camera.pointAt(forgedStallCode(stall.text));
    await shopper.scan();

    await shopper.verdict.expectStatus('invalid');
    await shopper.verdict.expectReasonShown('INCLUSION_MISMATCH');
    // Red offers nothing to pay, not even a payment section (none of the code's content is shown).
    await expect(shopper.verdict.payment).toHaveCount(0);
    await expect(shopper.verdict.paymentOptions).toHaveCount(0);
  });

  test('a plain payment code pasted over the stall’s is “not a stall code”, with its payee shown', async ({ page, camera }) => {
    const shopper = new ShopperScanner(page);
    await shopper.open();

    camera.pointAt(fraudsterPaymentCode());
    await shopper.scan();

    await shopper.verdict.expectStatus('not-sanma');
    await expect(shopper.verdict.otherCode).toHaveAttribute('data-kind', 'emv');
    await expect(shopper.verdict.otherCode).toContainText(FRAUDSTER_PAYEE);
  });

  test('a web address is shown as text and never opened', async ({ page, camera }) => {
    const phishing = 'https://pay-sanma.example.invalid/login?stall=A01';
    const shopper = new ShopperScanner(page);
    await shopper.open();
    const visited: string[] = [];
    page.context().on('request', (r) => {
      if (r.url().includes('example.invalid')) visited.push(r.url());
    });
    const before = page.url();

    camera.pointAt(phishing);
    await shopper.scan();

    await shopper.verdict.expectStatus('not-sanma');
    await expect(shopper.verdict.otherText).toHaveText(phishing);
    await expect(page.locator(`a[href="${phishing}"]`)).toHaveCount(0);
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(before);
    expect(page.context().pages()).toHaveLength(1);
    expect(visited).toEqual([]);
  });
});
