import { describe, expect, it } from 'vitest';
import { alipayAppLink, buildEmv, type PaymentChannel, type VerdictStatus } from '../core';
import { USER_AGENTS } from '../../test/fixtures/user-agents';
import { browserContext, handoffStep, paymentOffers, savedCodeFileName, type BrowserContext } from './payment-handoff';


describe('browserContext: real user agents → where the page is open', () => {
  const table: [keyof typeof USER_AGENTS, BrowserContext][] = [
    ['wechatAndroid', 'wechat'],
    ['wechatIos', 'wechat'],
    ['wechatWindows', 'wechat'],
    ['alipayIos', 'alipay'],
    ['alipayAndroid', 'alipay'],
    ['unionpayIos', 'unionpay'],
    ['chromeAndroid', 'browser'],
    ['safariIos', 'browser'],
    ['dingtalk', 'browser'],
  ];
  it.each(table)('%s → %s', (name, context) => expect(browserContext(USER_AGENTS[name])).toBe(context));
  it('an empty user agent is a plain browser', () => expect(browserContext('')).toBe('browser'));
});

describe('handoffStep', () => {
  const table: [VerdictStatus, boolean, string][] = [
    ['verified', false, 'offer'],
    ['warning', false, 'confirm'],
    ['warning', true, 'offer'],
    ['invalid', false, 'none'],
    ['invalid', true, 'none'],
    ['not-sanma', true, 'none'],
  ];
  it.each(table)('%s (confirmed %s) → %s', (status, confirmed, step) => expect(handoffStep(status, confirmed)).toBe(step));
});

const wechat: PaymentChannel = { type: 'url', label: '微信支付', value: 'wxp://f2f0k3Vq9ZcT1mXn4RbW8yHdLp2sJe6aUfGo' };
const alipay: PaymentChannel = { type: 'url', label: '支付宝', value: 'https://qr.alipay.com/fkx17521ymsqp0zzpfwhb4e' };
const unionpay: PaymentChannel = { type: 'url', label: '云闪付', value: 'https://qr.95516.com/00010000/01116734583929926553085553853457' };
const emv: PaymentChannel = {
  type: 'emv',
  label: '银联',
  value: buildEmv([
    { id: '00', value: '01' },
    { id: '01', value: '11' },
    { id: '29', value: '', subfields: [{ id: '00', value: 'A000000333010101' }, { id: '01', value: '310330155411001' }] },
    { id: '52', value: '5411' },
    { id: '53', value: '156' },
    { id: '58', value: 'CN' },
    { id: '59', value: 'ZHANG JI SHUCAI' },
    { id: '60', value: 'HANGZHOU' },
  ]),
};
const link: PaymentChannel = { type: 'url', label: '聚合支付', value: 'https://pay.example.invalid/s/A01' };
const broken: PaymentChannel = { type: 'url', label: '微信支付', value: 'wxp://f2f0short' };

const summary = (context: BrowserContext, channels: PaymentChannel[]) =>
  paymentOffers(context, channels).map((o) => `${o.kind}:${o.app}${o.kind === 'open' ? `:${o.href}` : ''}`);

describe('paymentOffers', () => {
  const all = [link, alipay, wechat, unionpay];
  it('inside WeChat: the WeChat Pay code to long-press first; Alipay and UnionPay as words, not dead buttons', () => {
    expect(summary('wechat', all)).toEqual(['long-press:wechat', `open:link:${link.value}`, 'elsewhere:alipay', 'elsewhere:unionpay']);
  });
  it('inside Alipay: straight to the qr.alipay.com code, which Alipay’s browser pays', () => {
    expect(summary('alipay', all)).toEqual([`open:alipay:${alipay.value}`, `open:link:${link.value}`, 'elsewhere:wechat', 'elsewhere:unionpay']);
  });
  it('inside 云闪付: straight to the 95516 code', () => {
    expect(summary('unionpay', all)[0]).toBe(`open:unionpay:${unionpay.value}`);
  });
  it('in a plain browser: Alipay’s app link, WeChat Pay saved for the album, in registration order', () => {
    expect(summary('browser', all)).toEqual([`open:link:${link.value}`, `open:alipay:${alipayAppLink(alipay.value)}`, 'save:wechat', `open:unionpay:${unionpay.value}`]);
  });
  it('an EMV code is saved for a bank app’s album scan everywhere; a malformed channel is never offered', () => {
    for (const context of ['wechat', 'alipay', 'unionpay', 'browser'] as const) expect(summary(context, [emv, broken])).toEqual(['save:emv']);
  });
  it('never puts anything but https or Alipay’s own app link into an href: the values come from hostile codes', () => {
    const hostile = ['javascript:alert(1)', 'http://pay.example/', 'data:text/html,hi', 'not a url', 'alipays://platformapi/startapp?appId=20000067'];
    for (const context of ['wechat', 'alipay', 'unionpay', 'browser'] as const) {
      expect(paymentOffers(context, hostile.map((value) => ({ type: 'url', label: 'x', value })))).toEqual([]);
      expect(paymentOffers(context, [{ type: 'emv', label: 'x', value: 'https://pay.example/' }])).toEqual([]);
    }
  });
});

describe('savedCodeFileName', () => {
  it('is ASCII, names the stall and the app', () => {
    expect(savedCodeFileName('A01', 'wechat')).toBe('sanma-A01-wechat-pay.png');
    expect(savedCodeFileName('东区3号', 'emv')).toBe('sanma-3-bank-qr.png');
  });
});
