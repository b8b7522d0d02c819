// jsQR: pure JavaScript, one code per image; 10 of 10 clean frames but ~0-5 of 10 degraded ones
// (DESIGN §6). A fallback when WebAssembly is unavailable.

import jsQR from 'jsqr';
import type { Decoder, DecoderInput } from '../contract';
import { toPixels } from '../image-data';

export function createJsQrDecoder(): Decoder {
  return {
    name: 'jsqr',
    async decode(image: DecoderInput) {
      const p = toPixels(image);
      const found = jsQR(p.data, p.width, p.height, { inversionAttempts: 'attemptBoth' });
      return found && found.data !== '' ? [found.data] : [];
    },
  };
}
