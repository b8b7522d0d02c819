// The worker's side of the decoder (protocol.ts): on 'init' it picks a decoder in its own thread,
// then answers each frame with the texts found. Frames are decoded strictly one after another,
// in arrival order; the page sends the next only when the last is answered.
import type { Decoder, DecoderInput, DecoderName } from '../contract';
import type { FromWorker, MessageEnd, ToWorker, WireFrame } from './protocol';

export type PickInWorker = (order: readonly DecoderName[] | undefined) => Promise<Decoder>;

function toInput(frame: WireFrame): DecoderInput {
  if (frame.kind === 'bitmap') return frame.bitmap;
  if (frame.kind === 'video') return frame.frame;
  return { data: frame.data, width: frame.width, height: frame.height } as ImageData;
}

export function serveDecoder(port: MessageEnd<FromWorker>, pick: PickInWorker): void {
  let decoder: Promise<Decoder> | null = null;
  port.addEventListener('message', (event) => {
    const msg = event.data as ToWorker;
    if (msg.type === 'init') {
      decoder = pick(msg.order);
      decoder.then(
        (d) => port.postMessage({ type: 'ready', decoder: d.name, bitmaps: typeof OffscreenCanvas !== 'undefined' }),
        (e: unknown) => port.postMessage({ type: 'unavailable', message: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    const { id, frame, effort } = msg;
    const ready = decoder ?? Promise.reject(new Error('decode before init'));
    ready
      .then((d) => d.decode(toInput(frame), effort))
      .then(
        (texts) => port.postMessage({ type: 'result', id, texts }),
        (e: unknown) => port.postMessage({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        if (frame.kind === 'bitmap') frame.bitmap.close();
        else if (frame.kind === 'video') frame.frame.close();
      });
  });
}
