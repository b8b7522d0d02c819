// The payment hand-off, decided without the DOM (unit-tested): which app's browser the verdict
// page is open in, whether payment may be offered for this verdict, and how each registered
// channel is best paid from here. Chinese shoppers pay where they scanned: a stall code opened
// by WeChat's scanner is in WeChat's browser, by Alipay's in Alipay's. See README "Paying".
//
// The browsers are told apart by their user agents (every string in payment-handoff.test.ts is
// a real one, with its source):
//   WeChat   "MicroMessenger/<version>"  luke.gd/p/detecting-wechat-client; github.com/LuckyMoke/QrPay
//   Alipay   "AlipayClient/<version>"    github.com/hajikuji/tool (js开发工具函数/手机端.js)
//   UnionPay "UnionPay/<version> <app>"  云闪付 is "UnionPay/1.0 CloudPay"; banks' apps in
//            UnionPay's QR network carry their own <app> (spin.cloudpnr.com/topds/getUserMark.html)

import { alipayAppLink, classifyChannel, type PaymentApp, type PaymentChannel, type VerdictStatus } from '../core';

export type BrowserContext = 'wechat' | 'alipay' | 'unionpay' | 'browser';

/** The app whose in-app browser this is, else 'browser' (a phone's browser or camera app). */
export function browserContext(userAgent: string): BrowserContext {
  if (/\bMicroMessenger\//i.test(userAgent)) return 'wechat';
  if (/\bAlipayClient\//i.test(userAgent)) return 'alipay';
  if (/\bUnionPay\/[0-9]/i.test(userAgent)) return 'unionpay';
  return 'browser';
}

/**
 * Payment only after a green verdict; amber asks the shopper to confirm first ("pay anyway");
 * red, a code of an unknown market or not a stall code at all offers nothing.
 */
export function handoffStep(status: VerdictStatus, confirmed: boolean): 'offer' | 'confirm' | 'none' {
  if (status === 'verified') return 'offer';
  if (status === 'warning') return confirmed ? 'offer' : 'confirm';
  return 'none';
}

export type PaymentOffer =
  /** A link this browser opens into the paying app (or page): Alipay inside Alipay, 95516 inside 云闪付, Alipay's app link elsewhere, an aggregator page. */
  | { kind: 'open'; app: PaymentApp; channel: PaymentChannel; href: string }
  /** Inside WeChat: the WeChat Pay code as an image; long-press → 识别图中二维码 pays it. */
  | { kind: 'long-press'; app: 'wechat'; channel: PaymentChannel }
  /** Save the code as a picture, then scan it from the album in the paying app (WeChat, a bank app). */
  | { kind: 'save'; app: 'wechat' | 'emv'; channel: PaymentChannel }
  /** This browser cannot hand over to that app (WeChat blocks Alipay): say how, no dead button. */
  | { kind: 'elsewhere'; app: 'wechat' | 'alipay' | 'unionpay'; channel: PaymentChannel };

function offerFor(context: BrowserContext, app: PaymentApp, channel: PaymentChannel): PaymentOffer {
  switch (app) {
    case 'wechat':
      if (context === 'wechat') return { kind: 'long-press', app, channel };
      // WeChat's wxp:// and weixin:// cannot be opened from a web page; its scanner reads an album picture.
      return context === 'browser' ? { kind: 'save', app, channel } : { kind: 'elsewhere', app, channel };
    case 'alipay':
      if (context === 'alipay') return { kind: 'open', app, channel, href: channel.value };
      if (context === 'browser') return { kind: 'open', app, channel, href: alipayAppLink(channel.value) };
      return { kind: 'elsewhere', app, channel };
    case 'unionpay':
      // A normal browser opens the https page (the app, where the OS hands the link to it).
      return context === 'unionpay' || context === 'browser' ? { kind: 'open', app, channel, href: channel.value } : { kind: 'elsewhere', app, channel };
    case 'emv':
      return { kind: 'save', app, channel };
    case 'link':
      return { kind: 'open', app, channel, href: channel.value };
  }
}

const HOME_APP: Record<BrowserContext, PaymentApp | null> = { wechat: 'wechat', alipay: 'alipay', unionpay: 'unionpay', browser: null };

/**
 * How to pay each well-formed channel from this browser, the channel of the app we are in first,
 * then the order the market office registered. A malformed channel is never offered.
 */
export function paymentOffers(context: BrowserContext, channels: readonly PaymentChannel[]): PaymentOffer[] {
  const offers: PaymentOffer[] = [];
  for (const channel of channels) {
    const app = classifyChannel(channel);
    if (app) offers.push(offerFor(context, app, channel));
  }
  const home = HOME_APP[context];
  const rank = (o: PaymentOffer) => (o.app === home && o.kind !== 'elsewhere' ? 0 : o.kind === 'elsewhere' ? 2 : 1);
  return offers.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map((x) => x.o);
}

/** File name of a saved code: the stall and the app, ASCII only (some album apps mangle others). */
export function savedCodeFileName(stallNo: string, app: 'wechat' | 'emv'): string {
  const stall = stallNo.replace(/[^A-Za-z0-9-]/g, '') || 'stall';
  return `sanma-${stall}-${app === 'wechat' ? 'wechat-pay' : 'bank-qr'}.png`;
}
