// QR rendering: alphanumeric segments at level M, a 4-module quiet zone, a symbol that decodes
// back to the same text, print-size warnings.

import jsQR from 'jsqr';
import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { typicalNetwork } from '../../../test/fixtures/network';
import { MIN_MODULE_MM } from './contract';
import { checkPrintSize, physicalModuleMm } from './print-size';
import { svgToPixels } from './rasterize.testing';
import { renderQr } from './render';

const { net, block, index } = typicalNetwork(1000);
const { text, payload } = net.codeText(block, index);

describe('renderQr', () => {
  it('renders a typical stall code that decodes back to the same text', () => {
    const qr = renderQr(text, { title: '摊位码 A012' });
    expect(qr.modules).toBe(17 + 4 * qr.version);
    expect(qr.quietZone).toBe(4);
    expect(qr.svg).toContain(`viewBox="0 0 ${qr.modules + 8} ${qr.modules + 8}"`);
    expect(qr.svg).toContain('<title>摊位码 A012</title>');
    const p = svgToPixels(qr.svg, 3);
    expect(jsQR(p.data, p.width, p.height)?.data).toBe(text);
  });

  it('uses alphanumeric mode: smaller than byte mode at level M', () => {
    const qr = renderQr(text);
    const byteMode = create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
    expect(qr.version).toBeLessThan(byteMode.version);
    // docs/DESIGN.md §4 measured ~600 B → version 21 and 1000 B → version 27 this way.
    expect(payload.length).toBeGreaterThan(600);
    expect(qr.version).toBeLessThanOrEqual(27);
  });

  it('keeps the quiet zone light', () => {
    const qr = renderQr('HTTPS://SANMA.EXAMPLE/C#ABC');
    for (const m of qr.svg.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(4);
      expect(Number(m[2])).toBeGreaterThanOrEqual(4);
      expect(Number(m[1]) + Number(m[3])).toBeLessThanOrEqual(qr.modules + 4);
    }
  });

  it('escapes the title and colours', () => {
    expect(renderQr('A', { title: '<script>' }).svg).not.toContain('<script>');
  });

  it('throws TOO_LONG for text no QR code holds', () => {
    expect(() => renderQr('A'.repeat(5_000))).toThrow(expect.objectContaining({ code: 'TOO_LONG' }));
  });
});

describe('print size', () => {
  it('computes the module size including the quiet zone and warns below 0.4 mm', () => {
    expect(physicalModuleMm(113, 121)).toBeCloseTo(1);
    const receipt = checkPrintSize(113, 48); // 58 mm receipt paper, 48 mm printable
    expect(receipt.tooSmall).toBe(true);
    expect(receipt.minPrintWidthMm).toBeCloseTo(MIN_MODULE_MM * 121);
    expect(checkPrintSize(113, 80).tooSmall).toBe(false);
    expect(() => physicalModuleMm(0, 10)).toThrow(RangeError);
  });
});
