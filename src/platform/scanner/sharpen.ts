// Unsharp masking for the decoder's later passes: grey + amount × (grey − blur(grey)), the blur
// being a 3×3 box applied twice, i.e. the separable kernel [1 2 3 2 1]/9 in each direction. It
// restores the module edges of a code that is slightly out of focus (a phone hunting for focus,
// a hand that moved), which the binarizer otherwise merges: on the bench's decode corpus it lifts
// zxing-wasm's blurred frames from 40 % to 100 % (bench/README.md; checked on held-out seeds).
// Integer arithmetic, row-major passes only: a 1280×720 frame costs a few ms, since a frame with
// no code in view pays for it on every scan.

import type { Pixels } from './image-data';
import { luminance } from './image-data';

const SHARPEN_AMOUNT = 3;

/**
 * Prepares the frame's grey levels and blur once, and answers sharpened grey copies of it (RGBA,
 * what the decoders read) for as many amounts as a decoder wants to try.
 */
export function unsharpMask(p: Pixels): (amount?: number) => Pixels {
  const { width: w, height: h } = p;
  const grey = luminance(p);
  // Horizontal [1 2 3 2 1] sums (≤ 9 × 255), edges clamped.
  const across = new Uint16Array(w * h);
  const at = (row: number, x: number) => grey[row + (x < 0 ? 0 : x >= w ? w - 1 : x)]!;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (x >= 2 && x < w - 2) {
        const i = row + x;
        across[i] = grey[i - 2]! + 2 * grey[i - 1]! + 3 * grey[i]! + 2 * grey[i + 1]! + grey[i + 2]!;
      } else {
        across[row + x] = at(row, x - 2) + 2 * at(row, x - 1) + 3 * at(row, x) + 2 * at(row, x + 1) + at(row, x + 2);
      }
    }
  }
  // Vertical [1 2 3 2 1] of those: the blur × 81 (≤ 81 × 255, fits 16 bits), one output row from
  // five input rows.
  const blur81 = new Uint16Array(w * h);
  const clampRow = (y: number) => (y < 0 ? 0 : y >= h ? h - 1 : y) * w;
  for (let y = 0; y < h; y++) {
    const r0 = clampRow(y - 2), r1 = clampRow(y - 1), r2 = y * w, r3 = clampRow(y + 1), r4 = clampRow(y + 2);
    for (let x = 0; x < w; x++) blur81[r2 + x] = across[r0 + x]! + 2 * across[r1 + x]! + 3 * across[r2 + x]! + 2 * across[r3 + x]! + across[r4 + x]!;
  }
  const little = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
  return (amount = SHARPEN_AMOUNT) => {
    const data = new Uint8ClampedArray(w * h * 4);
    const out = new Uint32Array(data.buffer);
    for (let i = 0; i < grey.length; i++) {
      const g = grey[i]!;
      const s = g + amount * (g - blur81[i]! / 81);
      const v = s <= 0 ? 0 : s >= 255 ? 255 : (s + 0.5) | 0;
      out[i] = little ? 0xff000000 | (v << 16) | (v << 8) | v : ((v << 24) | (v << 16) | (v << 8) | 0xff) >>> 0;
    }
    return { data, width: w, height: h };
  };
}

/** A sharpened grey copy of the frame, as RGBA pixels. */
export function sharpen(p: Pixels, amount = SHARPEN_AMOUNT): Pixels {
  return unsharpMask(p)(amount);
}
