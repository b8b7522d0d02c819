// @zxing/library (the engine under @zxing/browser), fed luminance directly so it runs on any
// frame without its browser video helpers. Slowest and weakest here (DESIGN §6: missed 1-5 of 10
// clean codes, ~130 ms a frame): the last fallback.

import { BinaryBitmap, DecodeHintType, HybridBinarizer, NotFoundException, QRCodeReader, RGBLuminanceSource, ChecksumException, FormatException } from '@zxing/library';
import type { Decoder, DecoderInput } from '../contract';
import { luminance, toPixels } from '../image-data';

export function createZxingJsDecoder(): Decoder {
  const reader = new QRCodeReader();
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  return {
    name: 'zxing-js',
    async decode(image: DecoderInput) {
      const p = toPixels(image);
      const source = new RGBLuminanceSource(luminance(p), p.width, p.height);
      try {
        const text = reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
        return text === '' ? [] : [text];
      } catch (e) {
        // "No code in this frame" is the normal case, not an error.
        if (e instanceof NotFoundException || e instanceof ChecksumException || e instanceof FormatException) return [];
        throw e;
      }
    },
  };
}
