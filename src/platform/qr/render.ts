// QR symbol → SVG (docs/DESIGN.md §4): the `qrcode` encoder fed with the core's qrSegments, so the
// upper-case URL and base32 payload stay in alphanumeric mode (the densest for this text), at
// error-correction level M, with a 4-module quiet zone (ISO/IEC 18004 §6.3.8). The SVG is one
// path in module units (viewBox), so it prints sharp at any size; shape-rendering keeps module
// edges crisp on screens.

import { create, type QRCodeSegment } from 'qrcode';
import { qrSegments } from '../../core';
import { QrError, type RenderQrOptions, type RenderedQr } from './contract';

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderQr(text: string, opts: RenderQrOptions = {}): RenderedQr {
  const quietZone = opts.quietZone ?? 4;
  if (!Number.isInteger(quietZone) || quietZone < 0 || quietZone > 16) throw new RangeError(`quietZone: expected 0..16, got ${quietZone}`);
  const segments = qrSegments(text).map((s) => ({ data: s.data, mode: s.mode }) as QRCodeSegment);
  let qr;
  try {
    qr = create(segments, { errorCorrectionLevel: opts.errorCorrection ?? 'M' });
  } catch (e) {
    throw new QrError('TOO_LONG', `${text.length} characters do not fit a QR code at level ${opts.errorCorrection ?? 'M'}`, { cause: e });
  }
  const n = qr.modules.size;
  const side = n + 2 * quietZone;
  let path = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!qr.modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && qr.modules.get(y, x)) x++;
      path += `M${start + quietZone} ${y + quietZone}h${x - start}v1h${start - x}z`;
    }
  }
  const title = opts.title ? `<title>${escapeXml(opts.title)}</title>` : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"${opts.title ? ' role="img"' : ''}>` +
    title +
    `<rect width="${side}" height="${side}" fill="${escapeXml(opts.light ?? '#fff')}"/>` +
    `<path d="${path}" fill="${escapeXml(opts.dark ?? '#000')}"/></svg>`;
  return { svg, modules: n, version: qr.version, quietZone };
}
