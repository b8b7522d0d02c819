// Frames for the decoders: every decoder reads RGBA pixels (ImageData), so canvases and
// ImageBitmaps are drawn once into a canvas. Anything with data/width/height counts as ImageData,
// which lets Node tests pass plain objects.

import type { DecoderInput } from './contract';

export type Pixels = Pick<ImageData, 'data' | 'width' | 'height'>;

export function isPixels(x: unknown): x is Pixels {
  return typeof x === 'object' && x !== null && 'data' in x && 'width' in x && 'height' in x;
}

/** A 2D context to draw frames into; OffscreenCanvas where available (no DOM node). */
export function frameContext(width: number, height: number): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D {
  if (typeof OffscreenCanvas !== 'undefined') {
    const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (ctx) return ctx;
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas context');
  return ctx;
}

export function isVideoFrame(x: unknown): x is VideoFrame {
  return typeof VideoFrame === 'function' && x instanceof VideoFrame;
}

export function toPixels(input: DecoderInput): Pixels {
  if (isPixels(input)) return input;
  const { width, height } = isVideoFrame(input) ? { width: input.displayWidth, height: input.displayHeight } : input;
  const ctx = frameContext(width, height);
  ctx.drawImage(input, 0, 0);
  return ctx.getImageData(0, 0, width, height);
}

/** ITU-R BT.601 luma of RGBA pixels, one byte a pixel. */
export function luminance(p: Pixels): Uint8ClampedArray {
  const out = new Uint8ClampedArray(p.width * p.height);
  const d = p.data;
  for (let i = 0, j = 0; j < out.length; i += 4, j++) out[j] = (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;
  return out;
}
