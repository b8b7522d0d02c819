// @zxing/library (the decoder inside @zxing/browser), pure JavaScript: the fallback when the
// zxing-wasm .wasm cannot load (a CSP without 'wasm-unsafe-eval', iOS Lockdown Mode). It replaced
// jsQR, which read a few more bench frames (60 % against 52 %) but spent up to 1.7 s on a noisy
// one: @zxing/library gives several times more reads per CPU-second (README, Performance). Its own
// lazy chunk, loaded only when the better decoders are missing; precached like every chunk.
//
// Deep imports: the package has no "sideEffects" field, so importing its index would keep every
// barcode format in the bundle.
import BinaryBitmap from '@zxing/library/esm/core/BinaryBitmap';
import DecodeHintType from '@zxing/library/esm/core/DecodeHintType';
import HybridBinarizer from '@zxing/library/esm/core/common/HybridBinarizer';
import QRCodeReader from '@zxing/library/esm/core/qrcode/QRCodeReader';
import RGBLuminanceSource from '@zxing/library/esm/core/RGBLuminanceSource';
import type { Decoder, DecoderInput } from '../contract';
import { luminance, toPixels } from '../image-data';

export function createZxingJsDecoder(): Decoder {
  const reader = new QRCodeReader();
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  return {
    name: 'zxing-js',
    async decode(image: DecoderInput) {
      const p = toPixels(image);
      // A luminance array of exactly width × height bytes is taken as grey levels as they are.
      const source = new RGBLuminanceSource(luminance(p), p.width, p.height);
      try {
        const text = reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
        return text === '' ? [] : [text];
      } catch {
        // NotFound, Checksum and Format exceptions are how this library says "no code here".
        return [];
      } finally {
        reader.reset();
      }
    },
  };
}
