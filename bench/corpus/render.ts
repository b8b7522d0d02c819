// A tiny camera simulator for the decode corpus: renders the QR code of a stall-code text into
// a grey video frame as a phone at arm's length would see it, under one named condition. The
// symbol is built exactly as the app prints it (`qrcode` at level M, with the core's
// `qrSegments`, quiet zone of 4 modules on a white card), placed by a homography (affine for most
// conditions, a mild perspective for 'perspective'), and each pixel is the average of 3×3 point
// samples of the module grid (the sensor integrating over its area), then blurred and/or noised.
// Pure and deterministic: the same text, options and seed give the same bytes.

import { qrSegments } from '../../src/core';
import { qrSymbol } from '../lib/qr';
import { deriveSeed, gaussian, mulberry32, uniform, type Random } from './random';

export const FRAME_CONDITIONS = ['clean', 'blurred', 'rotated', 'noisy', 'low-contrast', 'perspective'] as const;
export type FrameCondition = (typeof FRAME_CONDITIONS)[number];

/** What each condition draws (all: symbol 42–58 % of the frame height, ~3–4 px per module at v21). */
export const CONDITION_DESCRIPTIONS: Record<FrameCondition, string> = {
  clean: 'upright, sharp, grey 25 on 230',
  blurred: 'Gaussian blur σ 1.5–2.0 px',
  rotated: 'rotated 10–20°, either way',
  noisy: 'Gaussian noise σ 12–20 grey levels',
  'low-contrast': 'grey 60 on 190',
  perspective: 'one edge foreshortened 8–14 %, rotated ±3°',
};

/** An 8-bit grey (luma) frame, row-major, `width * height` bytes. */
export interface GreyFrame {
  width: number;
  height: number;
  grey: Uint8Array;
}

export interface RenderOptions {
  width?: number;
  height?: number;
  condition: FrameCondition;
  seed: number;
}

/** What was drawn, so a failed decode can be reproduced and understood. */
export interface FrameParams {
  condition: FrameCondition;
  seed: number;
  qrVersion: number;
  modules: number;
  /** Symbol height (quiet zone excluded) as a fraction of the frame height. */
  sizeFraction: number;
  pixelsPerModule: number;
  rotationDeg: number;
  /** Card corners in pixels (TL, TR, BR, BL of the printed card). */
  corners: [number, number][];
  black: number;
  white: number;
  blurSigma: number;
  noiseSigma: number;
}

export interface RenderedFrame extends GreyFrame {
  params: FrameParams;
}

const QUIET = 4;
/** White card beyond the quiet zone, in modules. */
const CARD_MARGIN = 3;
const SUPERSAMPLE = 3;

export function renderCodeFrame(text: string, opts: RenderOptions): RenderedFrame {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  if (!Number.isInteger(width) || width < 64 || !Number.isInteger(height) || height < 64) {
    throw new RangeError(`expected valid frame size: integers >= 64, got ${width}×${height}`);
  }
  const rng = mulberry32(deriveSeed(opts.seed, opts.condition, text));
  const qr = qrSymbol(qrSegments(text));
  const n = qr.modules.size;
  const dark = qr.modules.data;

  const sizeFraction = uniform(rng, 0.42, 0.58);
  const ppm = (sizeFraction * height) / n;
  const cardModules = n + 2 * (QUIET + CARD_MARGIN);
  const half = (cardModules * ppm) / 2;
  const rotationDeg =
    opts.condition === 'rotated' ? (rng() < 0.5 ? -1 : 1) * uniform(rng, 10, 20) : opts.condition === 'perspective' ? uniform(rng, -3, 3) : 0;
  // Keep the symbol and its quiet zone inside the frame; the card margin may be cut off.
  const reach = ((n + 2 * QUIET) * ppm * Math.SQRT2) / 2;
  const cx = width / 2 + uniform(rng, -1, 1) * Math.max(0, Math.min(0.08 * width, width / 2 - reach));
  const cy = height / 2 + uniform(rng, -1, 1) * Math.max(0, Math.min(0.05 * height, height / 2 - reach));

  let square: [number, number][] = [
    [-half, -half],
    [half, -half],
    [half, half],
    [-half, half],
  ];
  if (opts.condition === 'perspective') square = tilt(square, Math.floor(rng() * 4), uniform(rng, 0.08, 0.14));
  const theta = (rotationDeg * Math.PI) / 180;
  const corners = square.map(([x, y]): [number, number] => [
    cx + x * Math.cos(theta) - y * Math.sin(theta),
    cy + x * Math.sin(theta) + y * Math.cos(theta),
  ]);

  const lowContrast = opts.condition === 'low-contrast';
  const black = lowContrast ? 60 : 25;
  const white = lowContrast ? 190 : 230;
  const blurSigma = opts.condition === 'blurred' ? uniform(rng, 1.5, 2.0) : 0;
  const noiseSigma = opts.condition === 'noisy' ? uniform(rng, 12, 20) : 0;

  // Reflectance in [0, 1]: a smooth stall background, then the card.
  const refl = background(width, height, rng);
  const lo = -(QUIET + CARD_MARGIN);
  const hi = n + QUIET + CARD_MARGIN;
  const toModule = homography(corners, [
    [lo, lo],
    [hi, lo],
    [hi, hi],
    [lo, hi],
  ]);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  const [h0, h1, h2, h3, h4, h5, h6, h7] = toModule as [number, number, number, number, number, number, number, number];
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const i = y * width + x;
      let sum = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        const py = y + (sy + 0.5) / SUPERSAMPLE;
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = x + (sx + 0.5) / SUPERSAMPLE;
          const w = h6 * px + h7 * py + 1;
          const u = (h0 * px + h1 * py + h2) / w;
          const v = (h3 * px + h4 * py + h5) / w;
          if (u < lo || u >= hi || v < lo || v >= hi) {
            sum += refl[i]!;
          } else {
            const col = Math.floor(u);
            const row = Math.floor(v);
            sum += col >= 0 && col < n && row >= 0 && row < n && dark[row * n + col] ? 0 : 1;
          }
        }
      }
      refl[i] = sum / samples;
    }
  }

  const image = new Float32Array(width * height);
  for (let i = 0; i < image.length; i++) image[i] = black + (white - black) * refl[i]!;
  if (blurSigma > 0) gaussianBlur(image, width, height, blurSigma);
  if (noiseSigma > 0) for (let i = 0; i < image.length; i++) image[i]! += noiseSigma * gaussian(rng);
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < image.length; i++) grey[i] = Math.max(0, Math.min(255, Math.round(image[i]!)));

  return {
    width,
    height,
    grey,
    params: {
      condition: opts.condition,
      seed: opts.seed,
      qrVersion: qr.version,
      modules: n,
      sizeFraction: round(sizeFraction, 4),
      pixelsPerModule: round(ppm, 3),
      rotationDeg: round(rotationDeg, 2),
      corners: corners.map(([x, y]) => [round(x, 2), round(y, 2)]),
      black,
      white,
      blurSigma: round(blurSigma, 3),
      noiseSigma: round(noiseSigma, 2),
    },
  };
}

/** A stall backdrop of mid-grey reflectance with slow variations (crates, awning shadows). */
function background(width: number, height: number, rng: Random): Float32Array {
  const out = new Float32Array(width * height);
  const p1 = rng() * 6.28;
  const p2 = rng() * 6.28;
  const fx = uniform(rng, 0.006, 0.014);
  const fy = uniform(rng, 0.01, 0.02);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      out[y * width + x] = 0.42 + 0.16 * Math.sin(x * fx + p1) * Math.cos(y * fy + p2) + (0.08 * (x - width / 2)) / width;
    }
  }
  return out;
}

/** Foreshortens the square as if the edge (k, k+1) were further from the camera. */
function tilt(square: [number, number][], k: number, t: number): [number, number][] {
  const out = square.map((p): [number, number] => [p[0], p[1]]);
  const a = k;
  const b = (k + 1) % 4;
  const mid: [number, number] = [(square[a]![0] + square[b]![0]) / 2, (square[a]![1] + square[b]![1]) / 2];
  for (const i of [a, b]) {
    const p = square[i]!;
    // toward the edge's midpoint (the far edge looks shorter) and toward the centre (foreshortened)
    out[i] = [p[0] + (mid[0] - p[0]) * t - mid[0] * t * 0.5, p[1] + (mid[1] - p[1]) * t - mid[1] * t * 0.5];
  }
  return out;
}

/**
 * The projective map taking the four `from` points to the four `to` points, as the 8 coefficients
 * [h0..h7] of u = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), v = (h3 x + h4 y + h5) / (same).
 */
export function homography(from: readonly [number, number][], to: readonly [number, number][]): number[] {
  if (from.length !== 4 || to.length !== 4) throw new RangeError('homography: expected 4 point pairs');
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-12) throw new RangeError('homography: degenerate points');
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[8]! / row[i]!);
}

/** Separable Gaussian blur in place (edges clamped). */
export function gaussianBlur(image: Float32Array, width: number, height: number, sigma: number): void {
  const radius = Math.ceil(3 * sigma);
  const kernel = new Float32Array(2 * radius + 1);
  let total = 0;
  for (let i = -radius; i <= radius; i++) total += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= total;
  const tmp = new Float32Array(image.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = -radius; k <= radius; k++) s += kernel[k + radius]! * image[row + Math.min(width - 1, Math.max(0, x + k))]!;
      tmp[row + x] = s;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = -radius; k <= radius; k++) s += kernel[k + radius]! * tmp[Math.min(height - 1, Math.max(0, y + k)) * width + x]!;
      image[y * width + x] = s;
    }
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
