// Reading a code from an album photo, with the real zxing-wasm decoder: a 4000×3000 photo is read
// from a 2,048 px copy, a small code in it from the full picture, a portrait photo is scaled on its
// long side, and a file that is no image gives IMAGE_UNREADABLE. Node has no createImageBitmap, so
// the photo here is drawn at whatever size the scanner asks for (the browser's opener, with EXIF
// orientation, runs in e2e/shopper-photo.spec.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { typicalNetwork } from '../../../test/fixtures/network';
import { renderQr } from '../qr/render';
import { svgToPixels } from '../qr/rasterize.testing';
import type { Decoder } from './contract';
import { createZxingWasmDecoder } from './decoders/zxing-wasm';
import { scanImageFile, type OpenPhoto, type Photo } from './image-file';

const { net, block, index } = typicalNetwork(64);
const text = net.codeText(block, index).text;
/** The printed symbol, one pixel per module, quiet zone included. */
const symbol = svgToPixels(renderQr(text).svg, 1);

let zxing: Promise<Decoder> | null = null;
function decoder(): Promise<Decoder> {
  const b = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  zxing ??= createZxingWasmDecoder({ wasmBinary: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
  return zxing;
}

/**
 * A photo of `width`×`height` with the code drawn `side` px wide at its centre, grey 40 on 215;
 * each pixel samples the module grid at its centre, at whatever size the scanner asks for.
 */
function photoOf(width: number, height: number, side: number) {
  const asked: [number, number][] = [];
  let closed = false;
  const photo: Photo = {
    width,
    height,
    async scaled(w, h) {
      asked.push([w, h]);
      const s = w / width;
      const x0 = ((width - side) / 2) * s;
      const y0 = ((height - side) / 2) * s;
      const perModule = (side * s) / symbol.width;
      const data = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const mx = Math.floor((x + 0.5 - x0) / perModule);
          const my = Math.floor((y + 0.5 - y0) / perModule);
          const dark = mx >= 0 && my >= 0 && mx < symbol.width && my < symbol.width && symbol.data[(my * symbol.width + mx) * 4] === 0;
          const v = dark ? 40 : 215;
          data.set([v, v, v, 255], (y * w + x) * 4);
        }
      }
      return { data, width: w, height: h } as ImageData;
    },
    close: () => void (closed = true),
  };
  return { open: (async () => photo) as OpenPhoto, asked, closed: () => closed };
}

const file = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });

describe('scanImageFile', () => {
  it('reads a 4000×3000 photo from a copy 2,048 px wide, and releases the photo', async () => {
    const p = photoOf(4000, 3000, 1400);
    expect(await scanImageFile(file, { decoder: await decoder(), open: p.open })).toEqual([text]);
    expect(p.asked).toEqual([[2048, 1536]]);
    expect(p.closed()).toBe(true);
  });

  it('reads a small code in a big photo from the full picture when the copy shows none', async () => {
    const p = photoOf(4000, 3000, 230); // ≈ 2.1 px a module in the photo, 1.1 in the copy
    expect(await scanImageFile(file, { decoder: await decoder(), open: p.open })).toEqual([text]);
    expect(p.asked).toEqual([
      [2048, 1536],
      [4000, 3000],
    ]);
  });

  it('scales an upright portrait photo on its long side', async () => {
    const p = photoOf(3000, 4000, 1400);
    expect(await scanImageFile(file, { decoder: await decoder(), open: p.open })).toEqual([text]);
    expect(p.asked).toEqual([[1536, 2048]]);
  });

  it('a photo with no code gives no text; a file that is no image gives IMAGE_UNREADABLE', async () => {
    const empty = photoOf(1000, 800, 0);
    expect(await scanImageFile(file, { decoder: await decoder(), open: empty.open })).toEqual([]);
    const notAnImage: OpenPhoto = () => Promise.reject(new DOMException('The source image could not be decoded.', 'InvalidStateError'));
    await expect(scanImageFile(new Blob(['hello']), { decoder: await decoder(), open: notAnImage })).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
    const noPixels = photoOf(0, 0, 0);
    await expect(scanImageFile(file, { decoder: await decoder(), open: noPixels.open })).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
    expect(noPixels.closed()).toBe(true);
  });
});
