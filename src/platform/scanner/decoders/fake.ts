// The test implementation of Decoder: answers from a function of the frame, counts calls.

import type { DecodeEffort, Decoder, DecoderInput } from '../contract';

export interface FakeDecoder extends Decoder {
  calls: number;
  /** The effort asked for, call by call. */
  efforts: DecodeEffort[];
}

export function createFakeDecoder(answer: (image: DecoderInput, call: number) => string[] | Promise<string[]>): FakeDecoder {
  const d: FakeDecoder = {
    name: 'fake',
    calls: 0,
    efforts: [],
    async decode(image, effort = 'thorough') {
      d.calls++;
      d.efforts.push(effort);
      return answer(image, d.calls);
    },
  };
  return d;
}
