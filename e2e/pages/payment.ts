// The payment hand-off under a verdict (src/app/components/PaymentHandoff): what a shopper is
// offered to pay with, from the browser the code was opened in.

import { expect, type Locator, type Page } from '@playwright/test';
import { readQrCodes } from '../fixtures/qr-reader';

export type OfferKind = 'open' | 'long-press' | 'save' | 'elsewhere';
export type PayApp = 'wechat' | 'alipay' | 'unionpay' | 'emv' | 'link';

export class PaymentHandoff {
  readonly section: Locator;
  readonly offers: Locator;
  readonly payAnyway: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('payment');
    this.offers = this.section.getByTestId('pay-offer');
    this.payAnyway = this.section.getByTestId('pay-anyway');
  }

  offer(app: PayApp): Locator {
    return this.section.locator(`[data-testid="pay-offer"][data-app="${app}"]`);
  }

  /** The (kind, app) of every offer, in the order shown. */
  async summary(): Promise<string[]> {
    return this.offers.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-app')}`));
  }

  /** Where the offer's button takes the shopper. */
  async href(app: PayApp): Promise<string | null> {
    return this.offer(app).getByTestId('pay-open').getAttribute('href');
  }

  /** The text of the QR code in the offer's picture, read from its pixels (as WeChat or an album scan would). */
  async codeInPicture(app: PayApp): Promise<string[]> {
    const img = this.offer(app).getByTestId('pay-code-image');
    await expect(img).toBeVisible();
    return readQrCodes(dataUrlBytes((await img.getAttribute('src')) ?? ''));
  }

  /** Taps "save the payment code" and reads the QR code in the file the phone would keep. */
  async saveAndRead(app: PayApp): Promise<{ fileName: string; texts: string[] }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.offer(app).getByTestId('pay-save').click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { fileName: download.suggestedFilename(), texts: await readQrCodes(new Uint8Array(Buffer.concat(chunks))) };
  }
}

function dataUrlBytes(url: string): Uint8Array {
  const m = /^data:image\/png;base64,(.+)$/.exec(url);
  if (!m) throw new Error(`expected a PNG data: URL, got ${url.slice(0, 40)}`);
  return new Uint8Array(Buffer.from(m[1]!, 'base64'));
}
