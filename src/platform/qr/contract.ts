// The contract of QR rendering for print and screen (docs/DESIGN.md §2 vendor step 4, §4): vector SVG at
// error-correction level M with a 4-module quiet zone, alphanumeric segments from the core's
// qrSegments, physical module size checks, PNG export.

export interface RenderedQr {
  /** A standalone SVG document (viewBox in modules, quiet zone included, crisp edges). */
  svg: string;
  /** Modules per side of the symbol, without the quiet zone (21 for version 1). */
  modules: number;
  /** QR version 1..40. */
  version: number;
  /** Quiet zone in modules on each side (4). */
  quietZone: number;
}

export interface RenderQrOptions {
  /** Default 'M' (docs/DESIGN.md §4). */
  errorCorrection?: 'L' | 'M' | 'Q' | 'H';
  /** Default 4 modules (ISO/IEC 18004 minimum). */
  quietZone?: number;
  /** Accessible name of the SVG (<title>). */
  title?: string;
  dark?: string;
  light?: string;
}

/** Smallest module that reliably scans from a phone at arm's length (docs/DESIGN.md §2). */
export const MIN_MODULE_MM = 0.4;

export interface PrintCheck {
  /** Printed size of one module (mm). */
  moduleMm: number;
  /** True when moduleMm < MIN_MODULE_MM: warn the vendor. */
  tooSmall: boolean;
  /** Print width (quiet zone included) at which modules reach MIN_MODULE_MM. */
  minPrintWidthMm: number;
}

export type QrErrorCode =
  /** The text does not fit any QR version at this error-correction level. */
  | 'TOO_LONG'
  /** The PNG could not be drawn (no canvas, SVG refused). */
  | 'EXPORT_FAILED';

export class QrError extends Error {
  override readonly name = 'QrError';
  constructor(
    readonly code: QrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}
