// A shopper points the phone's own camera (or WeChat / Alipay) at a stall's poster: the phone opens
// the code's URL, /C#…, in the app, which verifies it on the device.

import { expect, test } from './fixtures/sanma';
import { CodeLink } from './pages/shopper';

test('a shopper opens a stall’s code link and sees it verified', async ({ page, demo }) => {
  const stall = demo.goodStall();
  const link = new CodeLink(page);

  await link.open(stall.text);

  await link.verdict.expectStatus('verified');
  await link.verdict.expectStall(stall.stallNo, stall.stallName);
  await link.verdict.expectCheck('inclusion', 'pass');
  await expect(link.verdict.paymentOptions.first(), 'a genuine stall offers its payment channels').toBeVisible();
});
