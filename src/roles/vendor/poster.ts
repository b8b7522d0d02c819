// The printable stall poster (docs/DESIGN.md §2 vendor step 4) as one SVG document in millimetres: A4
// poster, A6 table card, 58 mm receipt. The QR keeps its 4-module quiet zone inside the white
// square of `qrMm`; the module size check is the platform's checkPrintSize (0.4 mm minimum).

import type { RenderedQr } from '../../platform/qr';

export type PosterLayout = 'a4' | 'a6' | 'receipt';

interface TextLine {
  /** Baseline, mm from the top. */
  y: number;
  size: number;
  weight: number;
}

export interface LayoutSpec {
  widthMm: number;
  heightMm: number;
  /** The QR square, quiet zone included. */
  qrMm: number;
  qrTopMm: number;
  header: TextLine;
  stallNo: TextLine;
  stallName: TextLine;
  /** Under the QR: any scanner works, and the verdict comes before paying. */
  scanHint: TextLine;
  footer: TextLine;
}

export const LAYOUTS: Record<PosterLayout, LayoutSpec> = {
  a4: {
    widthMm: 210,
    heightMm: 297,
    qrMm: 160,
    qrTopMm: 84,
    header: { y: 24, size: 11, weight: 700 },
    stallNo: { y: 58, size: 30, weight: 800 },
    stallName: { y: 76, size: 12, weight: 700 },
    scanHint: { y: 254, size: 7, weight: 700 },
    footer: { y: 266, size: 6, weight: 400 },
  },
  a6: {
    widthMm: 105,
    heightMm: 148,
    qrMm: 84,
    qrTopMm: 40,
    header: { y: 11, size: 5.5, weight: 700 },
    stallNo: { y: 27, size: 14, weight: 800 },
    stallName: { y: 36, size: 6, weight: 700 },
    scanHint: { y: 130, size: 3.6, weight: 700 },
    footer: { y: 137, size: 3.4, weight: 400 },
  },
  // 58 mm paper; thermal printers print about 48 mm of it.
  receipt: {
    widthMm: 58,
    heightMm: 88,
    qrMm: 48,
    qrTopMm: 26,
    header: { y: 7, size: 3.6, weight: 700 },
    stallNo: { y: 17, size: 9, weight: 800 },
    stallName: { y: 23, size: 4, weight: 700 },
    scanHint: { y: 78.5, size: 2.4, weight: 700 },
    footer: { y: 84, size: 2.6, weight: 400 },
  },
};

const FONT = "'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',system-ui,sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PosterText {
  header: string;
  stallNo: string;
  stallName: string;
  /** e.g. "微信/支付宝/相机扫码 → 先核验后付款": shoppers scan with what they have open. */
  scanHint: string;
  footer: string;
}

/** The poster as a standalone SVG document whose width and height are physical millimetres. */
export function posterSvg(layout: PosterLayout, qr: RenderedQr, text: PosterText): string {
  const L = LAYOUTS[layout];
  const cx = L.widthMm / 2;
  const line = (t: TextLine, s: string) =>
    `<text x="${cx}" y="${t.y}" font-size="${t.size}" font-weight="${t.weight}" text-anchor="middle" font-family="${FONT}" fill="#000">${escapeXml(s)}</text>`;
  const qrX = (L.widthMm - L.qrMm) / 2;
  // The rendered QR is a complete <svg> in module units; nesting it with x/y/width/height scales it exactly.
  const nested = qr.svg.replace(/^<svg /, `<svg x="${qrX}" y="${L.qrTopMm}" width="${L.qrMm}" height="${L.qrMm}" `);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.widthMm}mm" height="${L.heightMm}mm" viewBox="0 0 ${L.widthMm} ${L.heightMm}">` +
    `<rect width="${L.widthMm}" height="${L.heightMm}" fill="#fff"/>` +
    line(L.header, text.header) +
    line(L.stallNo, text.stallNo) +
    line(L.stallName, text.stallName) +
    nested +
    line(L.scanHint, text.scanHint) +
    line(L.footer, text.footer) +
    `</svg>`
  );
}

/** The @page rule that makes the browser print the layout at its real size, without margins. */
export function pageCss(layout: PosterLayout): string {
  const L = LAYOUTS[layout];
  return `@page { size: ${L.widthMm}mm ${L.heightMm}mm; margin: 0; } @media print { .print-area img { width: ${L.widthMm}mm; height: ${L.heightMm}mm; } }`;
}

/** "0.41" — module sizes are shown to a hundredth of a millimetre. */
export function formatMm(mm: number): string {
  return (Math.floor(mm * 100) / 100).toFixed(2);
}
