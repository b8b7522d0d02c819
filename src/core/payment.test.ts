import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEmv } from './emv';
import { alipayAppLink, checkChannel, classifyChannel, type PaymentApp, type PaymentProblem } from './payment';
import type { PaymentChannel } from './codec/types';

// Real-shaped codes with merchant-style identifiers, not any real person's or shop's codes:
// the shapes are those of public 收款码 (see src/core/payment.ts), the ids are made up.
const WECHAT = 'wxp://f2f0k3Vq9ZcT1mXn4RbW8yHdLp2sJe6aUfGo';
const ALIPAY = 'https://qr.alipay.com/fkx17521ymsqp0zzpfwhb4e';
const UNIONPAY = 'https://qr.95516.com/00010000/01116734583929926553085553853457';
const MERCHANT_EMV = buildEmv([
  { id: '00', value: '01' },
  { id: '01', value: '11' },
  { id: '29', value: '', subfields: [{ id: '00', value: 'A000000333010101' }, { id: '01', value: '310330155411001' }] },
  { id: '52', value: '5411' },
  { id: '53', value: '156' },
  { id: '58', value: 'CN' },
  { id: '59', value: 'ZHANG JI SHUCAI' },
  { id: '60', value: 'HANGZHOU' },
]);

const url = (value: string): PaymentChannel => ({ type: 'url', label: '收款', value });

describe('checkChannel: the app of each well-formed channel', () => {
  const table: [PaymentChannel, PaymentApp][] = [
    [url(WECHAT), 'wechat'],
    [url('wxp://f2f1Ab_cD-efGhIjKlMnOpQrStUvWx'), 'wechat'],
    [url(ALIPAY), 'alipay'],
    [url('HTTPS://QR.ALIPAY.COM/FKX17521YMSQP0ZZPFWHB4E'), 'alipay'], // upper case: QR alphanumeric mode
    [url(`${ALIPAY}?t=1574131918077`), 'alipay'],
    [url(UNIONPAY), 'unionpay'],
    [{ type: 'emv', label: '银联', value: MERCHANT_EMV }, 'emv'],
    [url('https://pay.example.invalid/s/hz-ljz/A01'), 'link'],
    [url('https://payapp.example.com:8443/qr/AQH3?store=12#top'), 'link'],
  ];
  it.each(table)('%j → %s', (channel, app) => {
    expect(checkChannel(channel)).toEqual({ ok: true, app });
    expect(classifyChannel(channel)).toBe(app);
  });
});

describe('checkChannel: malformed channels are refused with the problem named', () => {
  const emvBadCrc = MERCHANT_EMV.slice(0, -4) + (MERCHANT_EMV.endsWith('0000') ? '1111' : '0000');
  const table: [PaymentChannel, PaymentProblem][] = [
    [{ type: 'emv', label: '银联', value: emvBadCrc }, 'EMV_INVALID'],
    [{ type: 'emv', label: '银联', value: WECHAT }, 'EMV_INVALID'],
    [url('wxp://f2f0short'), 'WECHAT_SHAPE'],
    [url(`${WECHAT} `), 'WECHAT_SHAPE'],
    [url(`${WECHAT}?x=1`), 'WECHAT_SHAPE'],
    [url('wxp://pay.example/f2f0k3Vq9ZcT1mXn4RbW8yHd'), 'WECHAT_SHAPE'],
    [url('https://qr.alipay.com/'), 'ALIPAY_SHAPE'],
    [url('https://qr.alipay.com/fkx17521/ymsqp0zz'), 'ALIPAY_SHAPE'],
    [url('https://qr.alipay.com:8443/fkx17521ymsqp0zzpfwhb4e'), 'ALIPAY_SHAPE'],
    [url('https://qr.alipay.com.pay-check.example/fkx17521ymsqp0zzpfwhb4e'), 'ALIPAY_SHAPE'],
    [url('https://shop@qr.alipay.com/fkx17521ymsqp0zzpfwhb4e'), 'ALIPAY_SHAPE'],
    [url(`${ALIPAY}#x`), 'ALIPAY_SHAPE'],
    [url('https://qr.95516.com/'), 'UNIONPAY_SHAPE'],
    [url('https://qr.95516.com/0001?x=1'), 'UNIONPAY_SHAPE'],
    [url('http://pay.example.invalid/s/A01'), 'SCHEME_UNSUPPORTED'],
    [url(alipayAppLink(ALIPAY)), 'SCHEME_UNSUPPORTED'],
    [url('weixin://wxpay/bizpayurl?pr=abc'), 'SCHEME_UNSUPPORTED'],
    [url('javascript:alert(1)'), 'SCHEME_UNSUPPORTED'],
    [url('https://'), 'URL_SHAPE'],
    [url('https://localhost/pay'), 'URL_SHAPE'],
    [url('https://bank.example@evil.example/'), 'URL_SHAPE'],
    [url('https://pay.example/a b'), 'URL_SHAPE'],
    [url('https://pay.example/café'), 'URL_SHAPE'],
    [url('https://xn--pay-.example/'), 'URL_SHAPE'],
    [url(`https://pay.example/${'a'.repeat(512)}`), 'URL_SHAPE'],
  ];
  it.each(table)('%j → %s', (channel, problem) => {
    expect(checkChannel(channel)).toEqual({ ok: false, reason: 'PAYMENT_MALFORMED', problem });
    expect(classifyChannel(channel)).toBeNull();
  });

  it('no accepted URL channel contains whitespace, a control character or non-ASCII', () => {
    fc.assert(
      fc.property(fc.constantFrom(WECHAT, ALIPAY, UNIONPAY, 'https://pay.example/s/A01'), fc.nat(60), fc.constantFrom(' ', '\n', '\t', '\u0000', '\u007f', '\u00a0', '中', '\u202e'), (base, at, bad) => {
        const i = Math.min(at, base.length);
        expect(checkChannel(url(base.slice(0, i) + bad + base.slice(i))).ok).toBe(false);
      }),
    );
  });
});

describe('alipayAppLink', () => {
  it('wraps the scanned https code, percent-encoded, into Alipay’s scan app link', () => {
    expect(alipayAppLink(`${ALIPAY}?t=1`)).toBe('alipays://platformapi/startapp?saId=10000007&qrcode=https%3A%2F%2Fqr.alipay.com%2Ffkx17521ymsqp0zzpfwhb4e%3Ft%3D1');
  });
});
