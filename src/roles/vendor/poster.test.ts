import { describe, expect, it } from 'vitest';
import type { RenderedQr } from '../../platform/qr';
import { LAYOUTS, escapeXml, formatMm, pageCss, posterSvg } from './poster';

const qr: RenderedQr = { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M4 4h1v1h-1z"/></svg>', modules: 21, version: 1, quietZone: 4 };
const text = { header: '扫码核验', stallNo: 'A01', stallName: '<张记>&"蔬菜"', scanHint: '微信/支付宝/相机扫码 → 先核验后付款', footer: '三码合一' };

describe('poster layouts', () => {
  it('have their physical paper sizes', () => {
    expect([LAYOUTS.a4.widthMm, LAYOUTS.a4.heightMm]).toEqual([210, 297]);
    expect([LAYOUTS.a6.widthMm, LAYOUTS.a6.heightMm]).toEqual([105, 148]);
    expect(LAYOUTS.receipt.widthMm).toBe(58);
  });
  it('keep the QR square and the text on the paper', () => {
    for (const L of Object.values(LAYOUTS)) {
      expect(L.qrMm).toBeLessThan(L.widthMm);
      expect(L.qrTopMm + L.qrMm).toBeLessThan(L.scanHint.y - L.scanHint.size);
      expect(L.scanHint.y).toBeLessThan(L.footer.y - L.footer.size);
      expect(L.stallName.y).toBeLessThan(L.qrTopMm);
      expect(L.footer.y).toBeLessThan(L.heightMm);
    }
  });
  it('a 58 mm receipt leaves the 4 mm margins thermal printers need', () => {
    expect(LAYOUTS.receipt.qrMm).toBeLessThanOrEqual(48);
  });
});

describe('posterSvg', () => {
  it('is an SVG document in millimetres with the QR nested at its place and size', () => {
    const svg = posterSvg('a6', qr, text);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="105mm" height="148mm" viewBox="0 0 105 148">/);
    expect(svg).toContain(`<svg x="${(105 - 84) / 2}" y="40" width="84" height="84" xmlns=`);
    expect(svg).toContain('viewBox="0 0 29 29"');
  });
  it('tells the shopper under the QR that any scanner works and to verify before paying', () => {
    expect(posterSvg('receipt', qr, text)).toContain('>微信/支付宝/相机扫码 → 先核验后付款</text>');
  });
  it('escapes the stall name', () => {
    const svg = posterSvg('a4', qr, text);
    expect(svg).not.toContain('<张记>');
    expect(svg).toContain(escapeXml('<张记>&"蔬菜"'));
  });
  it('sets the print page to the layout size without margins', () => {
    expect(pageCss('receipt')).toContain('@page { size: 58mm 88mm; margin: 0; }');
  });
  it('shows module sizes rounded down, so 0.399 never reads as 0.40', () => {
    expect(formatMm(0.399)).toBe('0.39');
    expect(formatMm(1.876)).toBe('1.87');
  });
});
