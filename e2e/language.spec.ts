// The UI speaks the phone's language (navigator.languages: Chinese → 中文, else English) until the
// shopper switches; the switch is remembered on the phone.

import { expect, test } from './fixtures/sanma';
import { PaymentHandoff } from './pages/payment';
import { CodeLink } from './pages/shopper';

test.describe('a phone set to English', () => {
  test.use({ locale: 'en-US' });

  test('shows the verdict in English, and keeps 中文 once the shopper picks it', async ({ page, demo }) => {
    const link = new CodeLink(page);
    const pay = new PaymentHandoff(page);
    await link.open(demo.stall('A01').text);
    await link.verdict.expectStatus('verified');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(pay.section.locator('#pay-heading')).toHaveText('Pay');

    await link.shell.languageSwitch.click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.reload();
    await link.verdict.expectStatus('verified');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(pay.section.locator('#pay-heading')).toHaveText('付款');
  });
});
