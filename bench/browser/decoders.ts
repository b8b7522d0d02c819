// The QR decoders the scanner can choose from, each behind the same call (grey/RGBA frame in,
// text or null out), so the bench compares them on identical frames. Configured as an app would
// configure them for dark-on-light stall codes.

import jsQR from 'jsqr';
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { createZxingJsDecoder } from '../../src/platform/scanner/decoders/zxing-js';
import { createZxingWasmDecoder } from '../../src/platform/scanner/decoders/zxing-wasm';

export interface BenchFrame {
  width: number;
  height: number;
  grey: Uint8ClampedArray;
  image: ImageData;
}

export interface Decoder {
  name: string;
  description: string;
  decode(frame: BenchFrame): Promise<string | null>;
}

interface NativeBarcodeDetector {
  detect(image: ImageData): Promise<{ rawValue: string }[]>;
}
interface NativeBarcodeDetectorClass {
  new (opts: { formats: string[] }): NativeBarcodeDetector;
  getSupportedFormats(): Promise<string[]>;
}

async function zxingWasm(): Promise<Decoder> {
  // The app's own decoder, so the bench measures what ships. The .wasm comes from this bundle
  // (served by the bench's own server), never from a CDN.
  const app = await createZxingWasmDecoder({ wasmUrl: zxingWasmUrl });
  return {
    name: 'zxing-wasm',
    description: "the app's zxing-wasm decoder (ZXing-C++; QRCode, tryHarder/Rotate/Invert; a sharpened second pass when the first finds nothing)",
    async decode(frame) {
      return (await app.decode(frame.image))[0] ?? null;
    },
  };
}

function zxingJs(): Decoder {
  // The app's no-WebAssembly fallback, so the bench measures what ships.
  const app = createZxingJsDecoder();
  return {
    name: '@zxing/library',
    description: "the app's fallback: @zxing/library QRCodeReader + HybridBinarizer (the decoder @zxing/browser runs), TRY_HARDER",
    async decode(frame) {
      return (await app.decode(frame.image))[0] ?? null;
    },
  };
}

function jsqr(): Decoder {
  return {
    name: 'jsQR',
    description: "jsQR on RGBA, inversionAttempts 'dontInvert' (stall codes are dark on light; the app shipped it with 'attemptBoth', up to twice the work)",
    decode(frame) {
      const code = jsQR(frame.image.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
      return Promise.resolve(code ? code.data : null);
    },
  };
}

async function nativeDetector(): Promise<Decoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  const formats = await Detector.getSupportedFormats();
  if (!formats.includes('qr_code')) return null;
  const detector = new Detector({ formats: ['qr_code'] });
  return {
    name: 'BarcodeDetector',
    description: 'native BarcodeDetector (qr_code)',
    async decode(frame) {
      const found = await detector.detect(frame.image);
      return found[0]?.rawValue ?? null;
    },
  };
}

/** Every decoder available in this browser, the default (native where present, else zxing-wasm) first. */
export async function availableDecoders(): Promise<{ decoders: Decoder[]; unavailable: string[] }> {
  const unavailable: string[] = [];
  const native = await nativeDetector().catch(() => null);
  if (!native) unavailable.push('BarcodeDetector (not in this browser: absent in Linux Chromium, present on Android Chrome)');
  const decoders = [...(native ? [native] : []), await zxingWasm(), zxingJs(), jsqr()];
  return { decoders, unavailable };
}
