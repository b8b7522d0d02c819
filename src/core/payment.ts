// Payment channels a stall registers (docs/FORMAT.md, "payment channel"): which app pays each one,
// and whether its value has the exact shape that app's codes have. The record format keeps two
// channel types, 'emv' and 'url'; WeChat Pay, Alipay and UnionPay codes are 'url' channels told
// apart by their value, so no format change is needed to recognise them.
//
// The values come from hostile QR codes (a pasted-over sticker is the attack Sanma exists for),
// so each shape is checked strictly, on ASCII, with no URL parser's leniency (no userinfo, no
// IDN, no ports on the payment apps' hosts, no whitespace or control characters).
//
// Shapes, from public codes (see README "Paying"):
//   WeChat Pay 收款码   wxp://f2f0<base64url-ish id>        e.g. github.com/LuckyMoke/QrPay index.php
//   Alipay 收款码       https://qr.alipay.com/<id>[?query]   upper or lower case (printed codes use
//                                                           upper case for QR alphanumeric mode)
//   UnionPay 云闪付     https://qr.95516.com/<segments>
//   bank apps          EMV MPM payload (src/core/emv.ts: TLV, CRC)
//   aggregators        any other https URL with a DNS host name

import { tryParseEmv } from './emv';
import type { PaymentChannel } from './codec/types';

/** The app a channel hands the shopper to. 'link' is an aggregator page any browser opens. */
export type PaymentApp = 'wechat' | 'alipay' | 'unionpay' | 'emv' | 'link';

/** Why a channel was refused: the detail behind the ledger's and the verdict's PAYMENT_MALFORMED. */
export type PaymentProblem =
  | 'EMV_INVALID' // an 'emv' channel whose payload does not parse (TLV, lengths, CRC)
  | 'WECHAT_SHAPE' // wxp:// but not wxp://f2f<digit><id>
  | 'ALIPAY_SHAPE' // on qr.alipay.com but not /<id>[?query]
  | 'UNIONPAY_SHAPE' // on qr.95516.com but not /<segment>[/<segment>…]
  | 'URL_SHAPE' // https but no DNS host, userinfo, whitespace, non-ASCII, too long
  | 'SCHEME_UNSUPPORTED'; // not https and not wxp (http:, javascript:, alipays:, …)

export type ChannelCheck = { ok: true; app: PaymentApp } | { ok: false; reason: 'PAYMENT_MALFORMED'; problem: PaymentProblem };

/** docs/FORMAT.md: a channel value is at most 512 bytes; a URL channel is ASCII, so 512 characters. */
const MAX_URL = 512;

// wxp://f2f0 followed by the code's id. Public codes carry 32 characters of [A-Za-z0-9_-] after
// "f2f0"; the range leaves room for other lengths without accepting anything else.
const WECHAT = /^wxp:\/\/f2f[0-9][A-Za-z0-9_-]{16,64}$/;
// qr.alipay.com/<id>: ids seen are 3 letters + digits/letters (fkx…, tsx…, a6x…), 16–40 long;
// the optional query (?t=1545729953985, ?_s=web-other) is passed to Alipay unchanged.
const ALIPAY = /^https:\/\/qr\.alipay\.com\/[A-Za-z0-9]{8,64}(\?[A-Za-z0-9_.~=&%-]{1,128})?$/i;
const UNIONPAY = /^https:\/\/qr\.95516\.com(\/[A-Za-z0-9]{1,64}){1,4}$/i;
// Any other https URL: a DNS name (at least one dot, LDH labels), optional port, then printable
// ASCII without spaces. No '@' before the path, so "https://bank.example@evil.example/" fails.
const HTTPS = /^https:\/\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)(:[0-9]{1,5})?([/?#][\x21-\x7e]*)?$/i;

function refuse(problem: PaymentProblem): ChannelCheck {
  return { ok: false, reason: 'PAYMENT_MALFORMED', problem };
}

function hostOf(value: string): string | null {
  const m = /^https:\/\/([^/?#]*)/i.exec(value);
  return m ? m[1]!.toLowerCase() : null;
}

/** Which app pays this channel, or why its value is not a well-formed payment code. */
export function checkChannel(channel: PaymentChannel): ChannelCheck {
  const v = channel.value;
  if (channel.type === 'emv') return tryParseEmv(v).ok ? { ok: true, app: 'emv' } : refuse('EMV_INVALID');
  if (v.length > MAX_URL) return refuse('URL_SHAPE');
  if (/^wxp:/i.test(v)) return WECHAT.test(v) ? { ok: true, app: 'wechat' } : refuse('WECHAT_SHAPE');
  const host = hostOf(v);
  if (host === null) return refuse('SCHEME_UNSUPPORTED');
  // A lookalike with a port or userinfo on the apps' own hosts is refused by their exact shapes.
  if (host.startsWith('qr.alipay.com') || host.endsWith('@qr.alipay.com')) return ALIPAY.test(v) ? { ok: true, app: 'alipay' } : refuse('ALIPAY_SHAPE');
  if (host.startsWith('qr.95516.com') || host.endsWith('@qr.95516.com')) return UNIONPAY.test(v) ? { ok: true, app: 'unionpay' } : refuse('UNIONPAY_SHAPE');
  return HTTPS.test(v) ? { ok: true, app: 'link' } : refuse('URL_SHAPE');
}

/** The app of a channel that checks out, else null. */
export function classifyChannel(channel: PaymentChannel): PaymentApp | null {
  const c = checkChannel(channel);
  return c.ok ? c.app : null;
}

/**
 * Alipay's app link for a scanned code: opens Alipay's scanner result for `qrUrl` as if the
 * shopper had scanned it (the ds.alipay.com landing page redirects to this form; documented by
 * sspai.com/37132). Only for a channel that checkChannel classed 'alipay'.
 */
export function alipayAppLink(qrUrl: string): string {
  return `alipays://platformapi/startapp?saId=10000007&qrcode=${encodeURIComponent(qrUrl)}`;
}
