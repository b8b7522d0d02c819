// A phone photo of a printed stall code, for "从相册选择" (pick a photo from the album): the code as
// the app prints it (`qrcode` at level M with the core's segments, quiet zone of 4 modules) on a
// card lying on a stall's wooden counter, photographed at 4000×3000 from an angle (perspective),
// slightly out of focus (blur), with sensor noise, uneven light and JPEG compression. Rendered by
// Chromium itself (OffscreenCanvas, canvas blur filter, its JPEG encoder), deterministic by seed.
//
// Used by the e2e photo test (e2e/fixtures/album-photo.ts) and the bench's photo → verdict figure.
// The page script is a string, not a function: tsx, which runs the bench, would wrap inner
// functions in a `__name` helper that does not exist in the page.

import type { Page } from 'playwright-core';
import { qrSymbol } from '../lib/qr';
import { homography } from './render';
import { qrSegments } from '../../src/core';

export interface PhotoOptions {
  width?: number;
  height?: number;
  /** Gaussian blur radius of the canvas filter, px (at 4000 px wide a module is ~12 px). */
  blurPx?: number;
  /** JPEG quality 0–1. */
  quality?: number;
  seed?: number;
}

const QUIET = 4;
/** White card beyond the quiet zone, in modules. */
const CARD = 6;

const PAGE_SCRIPT = String.raw`async (spec) => {
  const { width, height, n, offset, dark, h, blurPx, quality, seed } = spec;
  let s = seed >>> 0;
  const rand = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const map = (x, y) => { const w = h[6] * x + h[7] * y + 1; return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w]; };
  const quad = (g, x0, y0, x1, y1) => { const a = map(x0, y0), b = map(x1, y0), c = map(x1, y1), d = map(x0, y1); g.moveTo(a[0], a[1]); g.lineTo(b[0], b[1]); g.lineTo(c[0], c[1]); g.lineTo(d[0], d[1]); g.closePath(); };
  const scene = new OffscreenCanvas(width, height);
  const g = scene.getContext('2d');
  const wood = g.createLinearGradient(0, 0, width, height);
  wood.addColorStop(0, '#8d6b4e'); wood.addColorStop(1, '#5b4331');
  g.fillStyle = wood; g.fillRect(0, 0, width, height);
  g.strokeStyle = 'rgba(40, 25, 15, 0.25)'; g.lineWidth = 6;
  for (let y = 40; y < height; y += 90 + rand() * 60) { g.beginPath(); g.moveTo(0, y); g.bezierCurveTo(width / 3, y + 40 * rand(), 2 * width / 3, y - 40 * rand(), width, y + 20); g.stroke(); }
  const side = n + 2 * offset;
  g.fillStyle = 'rgba(0, 0, 0, 0.35)'; g.filter = 'blur(30px)'; g.beginPath(); quad(g, 1.5, 2.5, side + 1.5, side + 2.5); g.fill(); g.filter = 'none';
  g.fillStyle = '#f3f0e8'; g.beginPath(); quad(g, 0, 0, side, side); g.fill();
  g.fillStyle = '#202124'; g.beginPath();
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (dark[y * n + x]) quad(g, offset + x - 0.02, offset + y - 0.02, offset + x + 1.02, offset + y + 1.02);
  g.fill();
  const light = g.createRadialGradient(width * 0.35, height * 0.3, 0, width * 0.35, height * 0.3, width * 0.8);
  light.addColorStop(0, 'rgba(255, 250, 235, 0.18)'); light.addColorStop(1, 'rgba(0, 0, 0, 0.28)');
  g.fillStyle = light; g.fillRect(0, 0, width, height);
  const photo = new OffscreenCanvas(width, height);
  const p = photo.getContext('2d');
  p.filter = 'blur(' + blurPx + 'px)'; p.drawImage(scene, 0, 0); p.filter = 'none';
  const img = p.getImageData(0, 0, width, height);
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const e = (rand() + rand() + rand() - 1.5) * 14;
    d[i] += e; d[i + 1] += e; d[i + 2] += e * 1.2;
  }
  p.putImageData(img, 0, 0);
  const bytes = new Uint8Array(await (await photo.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}`;

/** A JPEG photo (4000×3000 by default) of `text`'s printed code, rendered in `page`. */
export async function photographPrintedCode(page: Page, text: string, opts: PhotoOptions = {}): Promise<Buffer> {
  const width = opts.width ?? 4000;
  const height = opts.height ?? 3000;
  const qr = qrSymbol(qrSegments(text));
  const n = qr.modules.size;
  const offset = QUIET + CARD;
  const side = n + 2 * offset;
  // The card seen from above and in front of it: the far edge shorter, turned a little.
  const k = width / 4000;
  const to: [number, number][] = [
    [1420 * k, 820 * k],
    [2600 * k, 730 * k],
    [2870 * k, 2290 * k],
    [1150 * k, 2360 * k],
  ];
  const h = homography(
    [
      [0, 0],
      [side, 0],
      [side, side],
      [0, side],
    ],
    to,
  );
  const spec = { width, height, n, offset, dark: Array.from(qr.modules.data), h, blurPx: opts.blurPx ?? 4 * k, quality: opts.quality ?? 0.7, seed: opts.seed ?? 1 };
  const base64 = await page.evaluate(`(${PAGE_SCRIPT})(${JSON.stringify(spec)})`);
  return Buffer.from(base64 as string, 'base64');
}
