// The payment section of a verdict: hands the shopper to where they pay, decided by
// src/app/payment-handoff.ts from the verdict and the app whose browser this is. Green: the
// offers; amber: an explicit "pay anyway" first; red: the channels stay hidden.

import { useEffect, useState } from 'react';
import { describeEmv, tryParseEmv, type PaymentChannel, type Verdict } from '../../core';
import { useI18n } from '../i18n';
import { browserContext, handoffStep, paymentOffers, savedCodeFileName, type BrowserContext, type PaymentOffer } from '../payment-handoff';
import { CopyButton } from './CopyButton';
import { Icon } from './icons';

export interface PaymentHandoffProps {
  verdict: Verdict;
  channels: PaymentChannel[];
  stallNo: string;
  Sub: 'h2' | 'h4';
  /** Defaults to this browser's user agent. */
  context?: BrowserContext;
}

export function PaymentHandoff({ verdict, channels, stallNo, Sub, context = browserContext(navigator.userAgent) }: PaymentHandoffProps) {
  const { t } = useI18n();
  const [confirmed, setConfirmed] = useState(false);
  const step = handoffStep(verdict.status, confirmed);
  if (step === 'none' && verdict.status !== 'invalid') return null;
  return (
    <section className="card" aria-labelledby="pay-heading" data-testid="payment" data-context={context} data-step={step}>
      <Sub id="pay-heading">{t.paymentTitle}</Sub>
      {step === 'none' && (
        <div className="notice bad">
          <Icon kind="bad" />
          <p>{t.paymentHiddenInvalid}</p>
        </div>
      )}
      {step === 'confirm' && (
        <>
          <p className="hint">{t.payAnywayHint}</p>
          <button type="button" className="btn block" data-testid="pay-anyway" onClick={() => setConfirmed(true)}>
            {t.payAnyway}
          </button>
        </>
      )}
      {step === 'offer' && (
        <ul className="pay-list">
          {paymentOffers(context, channels).map((offer, i) => (
            <li key={i} data-testid="pay-offer" data-kind={offer.kind} data-app={offer.app}>
              <Offer offer={offer} context={context} stallNo={stallNo} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Offer({ offer, context, stallNo }: { offer: PaymentOffer; context: BrowserContext; stallNo: string }) {
  const { t } = useI18n();
  switch (offer.kind) {
    case 'open':
      return <OpenLink offer={offer} context={context} />;
    case 'long-press':
      return (
        <div className="pay-qr">
          <h3>{t.payWechatTitle}</h3>
          <PngCode text={offer.channel.value} alt={t.payWechatImageAlt(stallNo)} testId="pay-code-image" />
          <p className="fact">
            <strong>{t.payWechatLongPress}</strong>
          </p>
        </div>
      );
    case 'save':
      return <SaveCode offer={offer} stallNo={stallNo} />;
    case 'elsewhere':
      return (
        <p data-testid="pay-elsewhere">
          <strong>{offer.app === 'wechat' ? t.payWechatTitle : offer.app === 'alipay' ? t.payAlipayTitle : t.payUnionPayTitle}</strong>
          {' · '}
          {t.payElsewhere[offer.app]}
        </p>
      );
  }
}

function OpenLink({ offer, context }: { offer: Extract<PaymentOffer, { kind: 'open' }>; context: BrowserContext }) {
  const { t } = useI18n();
  const label =
    offer.app === 'alipay'
      ? context === 'alipay'
        ? t.payAlipayHere
        : t.payAlipayApp
      : offer.app === 'unionpay'
        ? context === 'unionpay'
          ? t.payUnionPayHere
          : t.payUnionPayOpen
        : t.payOpen(offer.channel.label);
  // An aggregator page opens in a new tab and keeps the verdict; an app hand-off replaces this
  // page (in-app browsers handle their own links in place). noreferrer keeps this page's URL,
  // with the code, out of the request.
  const newTab = offer.app === 'link';
  return (
    <a className="btn primary block" href={offer.href} target={newTab ? '_blank' : undefined} rel="noopener noreferrer" data-testid="pay-open">
      {label}
    </a>
  );
}

function SaveCode({ offer, stallNo }: { offer: Extract<PaymentOffer, { kind: 'save' }>; stallNo: string }) {
  const { t } = useI18n();
  const png = usePngDataUrl(offer.channel.value);
  const emv = offer.app === 'emv' ? tryParseEmv(offer.channel.value) : null;
  const payee = emv?.ok ? describeEmv(emv.value) : null;
  return (
    <div className="pay-qr">
      <h3>{offer.app === 'wechat' ? t.payWechatTitle : offer.channel.label}</h3>
      {payee && <p>{payee.payee ? t.payEmvPayee(payee.payee, payee.city ?? '') : t.payEmvUnknownPayee}</p>}
      <PngCode text={offer.channel.value} alt={offer.app === 'wechat' ? t.payWechatImageAlt(stallNo) : t.payEmvImageAlt(stallNo)} testId="pay-code-image" />
      <p className="hint">{offer.app === 'wechat' ? t.payWechatSaveSteps : t.payEmvSaveSteps}</p>
      <div className="btn-row">
        {png && (
          <a className="btn primary" href={png} download={savedCodeFileName(stallNo, offer.app)} data-testid="pay-save">
            {t.paySaveCode}
          </a>
        )}
        {offer.app === 'emv' && <CopyButton text={offer.channel.value} label={t.payCopyCode} />}
      </div>
    </div>
  );
}

/**
 * A PNG (not SVG) of the code: WeChat's long-press recognition and photo albums take bitmaps.
 * A data: URL rather than a blob: URL so the in-app browser's native image menu can read it.
 */
function PngCode({ text, alt, testId }: { text: string; alt: string; testId: string }) {
  const png = usePngDataUrl(text);
  if (!png) return <div className="qr-img" style={{ aspectRatio: '1' }} aria-busy="true" />;
  return <img className="qr-img" src={png} alt={alt} data-testid={testId} />;
}

const pngCache = new Map<string, string>();

function usePngDataUrl(text: string): string | null {
  const [made, setMade] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (pngCache.has(text)) return;
    let live = true;
    // The QR encoder loads on demand: it stays out of the verdict's first bytes.
    import('../../platform/qr')
      .then(async (m) => {
        const blob = await m.toPngBlob(m.renderQr(text).svg, 480);
        const url = await new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(blob);
        });
        pngCache.set(text, url);
        if (live) setMade({ text, url });
      })
      .catch(() => {
        // No canvas or no PNG encoder: the offer stays without its picture rather than breaking the verdict.
      });
    return () => {
      live = false;
    };
  }, [text]);
  return pngCache.get(text) ?? (made?.text === text ? made.url : null);
}
