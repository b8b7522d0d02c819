// QR symbols as the app prints them: the `qrcode` package at error-correction level M, with the
// text split into segments (alphanumeric where the text allows, byte mode elsewhere).

import QRCode, { type QRCode as QRSymbol, type QRCodeSegment } from 'qrcode';

export interface TextSegment {
  data: string;
  mode: 'alphanumeric' | 'byte';
}

/** Byte-mode segments carry their UTF-8 bytes (what `qrcode` does with a string anyway). */
export function qrSymbol(segments: readonly TextSegment[]): QRSymbol {
  const typed: QRCodeSegment[] = segments.map((s) => (s.mode === 'byte' ? { mode: 'byte', data: new TextEncoder().encode(s.data) } : { mode: 'alphanumeric', data: s.data }));
  return QRCode.create(typed, { errorCorrectionLevel: 'M' });
}
