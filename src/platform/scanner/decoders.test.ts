// Every decoder reads a real stall code (rendered by our QR module) from plain RGBA pixels, and
// pickDecoder falls through the preference order.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { typicalNetwork } from '../../../test/fixtures/network';
import { renderQr } from '../qr/render';
import type { Decoder } from './contract';
import { createFakeDecoder } from './decoders/fake';
import { createNativeDecoder } from './decoders/native';
import { createZxingJsDecoder } from './decoders/zxing-js';
import { createZxingWasmDecoder } from './decoders/zxing-wasm';
import { pickDecoder } from './pick-decoder';
import { svgToPixels } from '../qr/rasterize.testing';
import { readBarcodes } from 'zxing-wasm/reader';
import { sharpen } from './sharpen';

const { net, block, index } = typicalNetwork(64);
const text = net.codeText(block, index).text;
const pixels = svgToPixels(renderQr(text).svg, 4);

function wasmBinary(): ArrayBuffer {
  const require = createRequire(import.meta.url);
  const path = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** A grey frame blurred by `passes` 3×3 box filters (edges clamp), as RGBA. */
function defocus(p: ImageData, passes: number): ImageData {
  const { width: w, height: h } = p;
  let grey = Float32Array.from({ length: w * h }, (_, i) => p.data[i * 4]!);
  for (let k = 0; k < passes; k++) {
    const next = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let acc = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) acc += grey[Math.min(h - 1, Math.max(0, y + dy)) * w + Math.min(w - 1, Math.max(0, x + dx))]!;
        next[y * w + x] = acc / 9;
      }
    }
    grey = next;
  }
  const data = new Uint8ClampedArray(w * h * 4);
  grey.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { data, width: w, height: h } as ImageData;
}

describe('decoders', () => {
  const cases: [string, () => Promise<Decoder>][] = [
    ['zxing-js', async () => createZxingJsDecoder()],
    ['zxing-wasm', () => createZxingWasmDecoder({ wasmBinary: wasmBinary() })],
  ];
  it.each(cases)('%s reads a typical stall code', async (_name, make) => {
    const d = await make();
    expect(await d.decode(pixels)).toEqual([text]);
  });

  it.each(cases)('%s finds nothing in a blank frame', async (_name, make) => {
    const d = await make();
    const blank = { data: new Uint8ClampedArray(200 * 200 * 4).fill(255), width: 200, height: 200 } as ImageData;
    expect(await d.decode(blank)).toEqual([]);
  });

  it('zxing-wasm reads a slightly out-of-focus code through its sharpened second pass', async () => {
    const d = await createZxingWasmDecoder({ wasmBinary: wasmBinary() });
    const blurred = defocus(pixels, 8); // 8 passes of a 3×3 box ≈ Gaussian σ 2.3 px, 0.58 of a module
    const firstPass = await readBarcodes(blurred as ImageData, { formats: ['QRCode'], tryHarder: true, tryRotate: true, tryInvert: true });
    expect(firstPass.filter((r) => r.isValid)).toEqual([]);
    expect(await d.decode(blurred)).toEqual([text]);
    expect(await d.decode(blurred, 'quick'), 'a quick decode is the first pass only').toEqual([]);
  });

  it('zxing-wasm reads a code further out of focus with a third, stronger pass', async () => {
    const d = await createZxingWasmDecoder({ wasmBinary: wasmBinary() });
    const blurred = defocus(pixels, 9);
    const secondPass = await readBarcodes(sharpen(blurred) as ImageData, { formats: ['QRCode'], tryHarder: true, tryRotate: true, tryInvert: true });
    expect(secondPass.filter((r) => r.isValid)).toEqual([]);
    expect(await d.decode(blurred)).toEqual([text]);
  });

  it('native is absent in Node', async () => {
    expect(await createNativeDecoder()).toBeNull();
  });

  it('native is used when the browser lists qr_code', async () => {
    const g = globalThis as { BarcodeDetector?: unknown };
    g.BarcodeDetector = class {
      static getSupportedFormats = async () => ['qr_code', 'ean_13'];
      async detect() {
        return [{ rawValue: 'HELLO', format: 'qr_code' }, { rawValue: '123', format: 'ean_13' }];
      }
    };
    try {
      const d = await createNativeDecoder();
      expect(d?.name).toBe('native');
      expect(await d!.decode(pixels)).toEqual(['HELLO']);
    } finally {
      delete g.BarcodeDetector;
    }
  });
});

describe('pickDecoder', () => {
  it('takes the first decoder that loads', async () => {
    const skipped: string[] = [];
    const d = await pickDecoder({
      factories: {
        native: async () => null,
        'zxing-wasm': async () => {
          throw new Error('offline and not cached');
        },
        'zxing-js': async () => createFakeDecoder(() => []),
      },
      onSkip: (name) => skipped.push(name),
    });
    expect(d.name).toBe('fake');
    expect(skipped).toEqual(['native', 'zxing-wasm']);
  });

  it('fails with DECODER_UNAVAILABLE when none loads', async () => {
    await expect(pickDecoder({ order: ['native'], factories: { native: async () => null } })).rejects.toMatchObject({ code: 'DECODER_UNAVAILABLE' });
  });
});
