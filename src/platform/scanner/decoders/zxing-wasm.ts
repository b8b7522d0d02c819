// ZXing-C++ compiled to WebAssembly (zxing-wasm/reader), the default decoder where the browser has
// no BarcodeDetector: the best of the decoders on the bench's decode corpus (bench/README.md). A
// frame it cannot read is tried once more sharpened (sharpen.ts), which is what reads codes that
// are slightly out of focus. Its default fetches the .wasm from a CDN, which breaks offline; the
// caller passes where our own bundle serves it (see zxing-wasm-url.ts), or the bytes themselves
// (Node tests).

import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { Decoder, DecoderInput } from '../contract';
import { toPixels, type Pixels } from '../image-data';
import { sharpen } from '../sharpen';

const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  maxNumberOfSymbols: 4,
};

async function read(pixels: Pixels): Promise<string[]> {
  const results = await readBarcodes(pixels as ImageData, READER_OPTIONS);
  return results.filter((r) => r.isValid && r.text !== '').map((r) => r.text);
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
    async decode(image: DecoderInput) {
      const pixels = toPixels(image);
      const found = await read(pixels);
      return found.length > 0 ? found : read(sharpen(pixels));
    },
  };
}
