// Unsharp masking for the decoder's second pass: grey + amount × (grey − blur(grey)), with the blur
// a 3×3 box applied twice (a cheap near-Gaussian). It restores the module edges of a code that is
// slightly out of focus (a phone hunting for focus, a hand that moved), which the binarizer
// otherwise merges: on the bench's decode corpus it lifts zxing-wasm's blurred frames from 40 % to
// 90–100 % (bench/README.md). Radius and amount were chosen on one seed and checked on another.

import type { Pixels } from './image-data';
import { luminance } from './image-data';

export const SHARPEN_RADIUS = 1;
export const SHARPEN_AMOUNT = 3;

/** One pass of a (2r + 1)-wide box blur along rows, then along columns; edges clamp. */
function boxBlur(src: Float32Array, width: number, height: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const n = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let acc = 0;
    for (let x = -r; x <= r; x++) acc += src[row + Math.min(width - 1, Math.max(0, x))]!;
    for (let x = 0; x < width; x++) {
      tmp[row + x] = acc / n;
      acc += src[row + Math.min(width - 1, x + r + 1)]! - src[row + Math.max(0, x - r)]!;
    }
  }
  for (let x = 0; x < width; x++) {
    let acc = 0;
    for (let y = -r; y <= r; y++) acc += tmp[Math.min(height - 1, Math.max(0, y)) * width + x]!;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = acc / n;
      acc += tmp[Math.min(height - 1, y + r + 1) * width + x]! - tmp[Math.max(0, y - r) * width + x]!;
    }
  }
  return out;
}

/** A sharpened grey copy of the frame, as RGBA pixels (what the decoders read). */
export function sharpen(p: Pixels, radius = SHARPEN_RADIUS, amount = SHARPEN_AMOUNT): Pixels {
  const { width, height } = p;
  const grey = Float32Array.from(luminance(p));
  const blurred = boxBlur(boxBlur(grey, width, height, radius), width, height, radius);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) {
    const v = grey[i]! + amount * (grey[i]! - blurred[i]!);
    data[j] = data[j + 1] = data[j + 2] = v;
    data[j + 3] = 255;
  }
  return { data, width, height };
}
