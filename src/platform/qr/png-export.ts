// PNG export of a rendered QR (docs/DESIGN.md §2: "PNG/SVG download"): the SVG is drawn into a canvas at
// an integer number of pixels per module where possible (no blurry module edges), then encoded.
// Browser only (Image, canvas).

import { QrError } from './contract';

/** Pixel size that is a whole multiple of the SVG's module grid, at least `sizePx`. */
function crispSize(svg: string, sizePx: number): number {
  const m = /viewBox="0 0 (\d+) \d+"/.exec(svg);
  const side = m ? Number(m[1]) : 0;
  return side > 0 ? Math.ceil(sizePx / side) * side : sizePx;
}

export async function toPngBlob(svg: string, sizePx: number): Promise<Blob> {
  if (!Number.isInteger(sizePx) || sizePx < 1 || sizePx > 8192) throw new RangeError(`sizePx: expected 1..8192, got ${sizePx}`);
  const size = Math.min(8192, crispSize(svg, sizePx));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new QrError('EXPORT_FAILED', 'no 2D canvas');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, 0, 0, size, size);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new QrError('EXPORT_FAILED', 'canvas.toBlob gave nothing'))), 'image/png'),
    );
  } catch (e) {
    throw e instanceof QrError ? e : new QrError('EXPORT_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
  } finally {
    URL.revokeObjectURL(url);
  }
}
