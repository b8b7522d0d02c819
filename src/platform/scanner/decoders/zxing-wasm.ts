// ZXing-C++ compiled to WebAssembly (zxing-wasm/reader), the default decoder where the browser has
// no BarcodeDetector: the best of the decoders on the bench's decode corpus (bench/README.md). A
// frame it cannot read is tried again sharpened (sharpen.ts), and once more, sharper, when that
// pass finds a symbol but cannot read it: that is what reads codes slightly out of focus. Its
// default fetches the .wasm from a CDN, which breaks offline; the caller passes where our own
// bundle serves it (see zxing-wasm-url.ts), or the bytes themselves (Node tests).

import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { DecodeEffort, Decoder, DecoderInput } from '../contract';
import { toPixels, type Pixels } from '../image-data';
import { unsharpMask } from '../sharpen';

const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  maxNumberOfSymbols: 4,
  // Symbols found but not decoded are reported too: they decide whether a third pass is worth it.
  returnErrors: true,
};

/** A stronger sharpening, only for a frame where the second pass found a symbol it could not read. */
const STRONG_SHARPEN_AMOUNT = 5;

async function read(pixels: Pixels): Promise<{ texts: string[]; detected: boolean }> {
  const results = await readBarcodes(pixels as ImageData, READER_OPTIONS);
  return { texts: results.filter((r) => r.isValid && r.text !== '').map((r) => r.text), detected: results.length > 0 };
}

export type ZxingWasmSource = { wasmUrl: string } | { wasmBinary: ArrayBuffer };

/** Loads and instantiates the module now, so a missing .wasm shows up here, not at the first frame. */
export async function createZxingWasmDecoder(source: ZxingWasmSource): Promise<Decoder> {
  const overrides =
    'wasmUrl' in source
      ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? source.wasmUrl : prefix + path) }
      : { wasmBinary: source.wasmBinary };
  await prepareZXingModule({ overrides, fireImmediately: true });
  return {
    name: 'zxing-wasm',
    async decode(image: DecoderInput, effort: DecodeEffort = 'thorough') {
      // A frame with no code in it (most frames) costs two passes; a code out of focus up to three.
      const pixels = toPixels(image);
      const first = await read(pixels);
      if (first.texts.length > 0 || effort === 'quick') return first.texts;
      const sharpened = unsharpMask(pixels);
      const second = await read(sharpened());
      if (second.texts.length > 0 || !second.detected) return second.texts;
      return (await read(sharpened(STRONG_SHARPEN_AMOUNT))).texts;
    },
  };
}
