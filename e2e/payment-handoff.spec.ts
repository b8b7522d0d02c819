// Paying after the verdict, from wherever the stall's code was opened: WeChat's, Alipay's or
// UnionPay 云闪付's in-app browser (each scanner opens the code's URL in its own browser), or a
// phone's browser / camera app. Real user agents (test/fixtures/user-agents.ts, with sources);
// the targets must be exactly the channels the market office registered (server/demo/market.ts).

import { DEMO_STALLS, demoChannels } from '../server/demo/market';
import { alipayAppLink, type PaymentChannel } from '../src/core';
import { USER_AGENTS } from '../test/fixtures/user-agents';
import { withPaymentCharacterChanged } from './fixtures/counterfeit-codes';
import { expect, test } from './fixtures/sanma';
import { PaymentHandoff } from './pages/payment';
import { CodeLink } from './pages/shopper';

function registered(stallNo: string, label: string): string {
  const stall = DEMO_STALLS.find((s) => s.stallNo === stallNo)!;
  const channel: PaymentChannel | undefined = demoChannels(stall).find((c) => c.label === label);
  if (!channel) throw new Error(`stall ${stallNo} registered no ${label} channel`);
  return channel.value;
}

test.describe('inside WeChat', () => {
  test.use({ userAgent: USER_AGENTS.wechatAndroid });

  test('the WeChat Pay code is shown as a picture to long-press; Alipay gets words, not a dead button', async ({ page, demo }) => {
    const link = new CodeLink(page);
    const pay = new PaymentHandoff(page);
    await link.open(demo.stall('A01').text);
    await link.verdict.expectStatus('verified');

    expect(await pay.summary()).toEqual(['long-press:wechat', 'save:emv', 'elsewhere:alipay']);
    await expect(pay.offer('wechat')).toContainText('长按识别二维码付款');
    expect(await pay.codeInPicture('wechat')).toEqual([registered('A01', '微信支付')]);
    await expect(pay.offer('alipay').locator('a, button')).toHaveCount(0);
    await expect(pay.offer('alipay')).toContainText('支付宝「扫一扫」');
  });

  test('a code with a payment character changed offers nothing to pay', async ({ page, demo }) => {
    const link = new CodeLink(page);
    const pay = new PaymentHandoff(page);
    await link.open(withPaymentCharacterChanged(demo.stall('A01').text));
    await link.verdict.expectStatus('invalid');
    await expect(pay.offers).toHaveCount(0);
    await expect(page.getByTestId('pay-code-image')).toHaveCount(0);
  });
});

test.describe('inside Alipay', () => {
  test.use({ userAgent: USER_AGENTS.alipayIos });

  test('goes straight to the registered qr.alipay.com code', async ({ page, demo }) => {
    const link = new CodeLink(page);
    const pay = new PaymentHandoff(page);
    await link.open(demo.stall('A01').text);
    await link.verdict.expectStatus('verified');

    expect((await pay.summary())[0]).toBe('open:alipay');
    expect(await pay.href('alipay')).toBe(registered('A01', '支付宝'));
    await expect(pay.offer('alipay').getByTestId('pay-open')).toHaveText('用支付宝付款');
  });
});

test.describe('inside UnionPay 云闪付', () => {
  test.use({ userAgent: USER_AGENTS.unionpayIos });

  test('goes straight to the registered qr.95516.com code', async ({ page, demo }) => {
    const link = new CodeLink(page);
    const pay = new PaymentHandoff(page);
    await link.open(demo.stall('A02').text);
    await link.verdict.expectStatus('verified');

    expect((await pay.summary())[0]).toBe('open:unionpay');
    expect(await pay.href('unionpay')).toBe(registered('A02', '云闪付'));
  });
});

test.describe('in a phone’s browser or camera app', () => {
  test.use({ userAgent: USER_AGENTS.chromeAndroid });

  test('Alipay’s app link for the registered code; the WeChat Pay and bank codes saved as pictures for an album scan', async ({ page, demo }) => {
    const link = new CodeLink(page);
    const pay = new PaymentHandoff(page);
    await link.open(demo.stall('A01').text);
    await link.verdict.expectStatus('verified');

    expect(await pay.summary()).toEqual(['save:wechat', 'open:alipay', 'save:emv']);
    expect(await pay.href('alipay')).toBe(alipayAppLink(registered('A01', '支付宝')));
    await expect(pay.offer('alipay').getByTestId('pay-open')).toHaveText('打开支付宝付款');

    await expect(pay.offer('wechat')).toContainText('微信扫一扫');
    expect(await pay.saveAndRead('wechat')).toEqual({ fileName: 'sanma-A01-wechat-pay.png', texts: [registered('A01', '微信支付')] });
    expect(await pay.saveAndRead('emv')).toEqual({ fileName: 'sanma-A01-bank-qr.png', texts: [registered('A01', '银联云闪付')] });
  });

  test('an amber verdict asks “pay anyway” before offering anything', async ({ page, demo }) => {
    const amber = demo.codes().find((c) => c.scenario === 'produce-test-failed')!;
    const link = new CodeLink(page);
    const pay = new PaymentHandoff(page);
    await link.open(amber.text);
    await link.verdict.expectStatus('warning');

    await expect(pay.payAnyway).toHaveText('仍要付款');
    await expect(pay.offers).toHaveCount(0);
    await pay.payAnyway.click();
    expect(await pay.summary()).toEqual(['save:wechat', 'open:alipay', 'save:emv']);
    expect(await pay.href('alipay')).toBe(alipayAppLink(registered(amber.stallNo, '支付宝')));
  });
});
