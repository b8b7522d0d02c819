// The test implementation of Decoder: answers from a function of the frame, counts calls.

import type { Decoder, DecoderInput } from '../contract';

export interface FakeDecoder extends Decoder {
  calls: number;
}

export function createFakeDecoder(answer: (image: DecoderInput, call: number) => string[] | Promise<string[]>): FakeDecoder {
  const d: FakeDecoder = {
    name: 'fake',
    calls: 0,
    async decode(image) {
      d.calls++;
      return answer(image, d.calls);
    },
  };
  return d;
}
