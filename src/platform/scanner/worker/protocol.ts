// The messages between the page and the decoder worker (decode-worker.ts). Frames cross as
// transferables: the pixels' ArrayBuffer or the ImageBitmap moves to the worker without a copy,
// and only the found texts come back. One message port, so a MessageChannel can stand in for the
// worker in tests.
import type { DecodeEffort, DecoderName } from '../contract';

/** A frame on the wire: RGBA pixels (buffer transferred), an ImageBitmap or a VideoFrame (transferred). */
export type WireFrame =
  | { kind: 'pixels'; data: Uint8ClampedArray; width: number; height: number }
  | { kind: 'bitmap'; bitmap: ImageBitmap }
  | { kind: 'video'; frame: VideoFrame };

export type ToWorker =
  /** Sent once: which decoders to try, in order (pickDecoder's order). */
  | { type: 'init'; order?: readonly DecoderName[] }
  | { type: 'decode'; id: number; frame: WireFrame; effort: DecodeEffort };

export type FromWorker =
  /** `bitmaps`: the worker can read an ImageBitmap's or VideoFrame's pixels itself (OffscreenCanvas there). */
  | { type: 'ready'; decoder: DecoderName; bitmaps: boolean }
  | { type: 'unavailable'; message: string }
  | { type: 'result'; id: number; texts: string[] }
  | { type: 'failed'; id: number; message: string };

/** What both ends need of a Worker, a worker's global scope or a MessagePort. */
export interface MessageEnd<Out> {
  postMessage(message: Out, options?: { transfer?: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
