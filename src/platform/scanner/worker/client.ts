// The page's side of the decoder worker: a Decoder whose decode() posts the frame to the worker
// (its pixels or bitmap transferred, not copied) and resolves with the worker's answer. The camera
// loop keeps one frame in flight (scan-loop.ts), so the main thread never waits on a slow frame.
import { ScannerError, type DecodeEffort, type Decoder, type DecoderInput, type DecoderName } from '../contract';
import { isPixels, isVideoFrame, toPixels } from '../image-data';
import type { FromWorker, MessageEnd, ToWorker, WireFrame } from './protocol';

export interface WorkerDecoder extends Decoder {
  /** Stops the worker; pending decodes reject with DECODER_UNAVAILABLE. */
  close(): void;
}

export interface WorkerDecoderOptions {
  port: MessageEnd<ToWorker>;
  /** Decoders the worker tries, in order; default pickDecoder's. */
  order?: readonly DecoderName[];
  /** Ends the worker (Worker.terminate); called by close(). */
  terminate?: () => void;
  /** Reports a worker that failed to load or crashed (Worker 'error' events). */
  onCrash?: (listener: (message: string) => void) => void;
}

function isBitmap(x: DecoderInput): x is ImageBitmap {
  return typeof ImageBitmap !== 'undefined' && x instanceof ImageBitmap;
}

/** The frame as it crosses to the worker, and what to transfer. */
function wire(image: DecoderInput, bitmaps: boolean): { frame: WireFrame; transfer: Transferable[] } {
  if (bitmaps && isBitmap(image)) return { frame: { kind: 'bitmap', bitmap: image }, transfer: [image] };
  if (bitmaps && isVideoFrame(image)) return { frame: { kind: 'video', frame: image }, transfer: [image] };
  const p = isPixels(image) ? image : toPixels(image);
  // A view on part of a larger buffer would transfer (and detach) the whole buffer: copy it out.
  const data = p.data.byteOffset === 0 && p.data.byteLength === p.data.buffer.byteLength ? p.data : p.data.slice();
  if (isBitmap(image) || isVideoFrame(image)) image.close();
  return { frame: { kind: 'pixels', data, width: p.width, height: p.height }, transfer: [data.buffer] };
}

/** Starts the decoder in the worker; resolves once it is loaded (DECODER_UNAVAILABLE if none). */
export function createWorkerDecoder(opts: WorkerDecoderOptions): Promise<WorkerDecoder> {
  const { port } = opts;
  const pending = new Map<number, { resolve: (texts: string[]) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let dead: ScannerError | null = null;
  type StartAnswer = Extract<FromWorker, { type: 'ready' | 'unavailable' }> | { type: 'crash'; message: string };
  let settleStart: ((m: StartAnswer) => void) | null = null;

  const die = (why: string) => {
    dead ??= new ScannerError('DECODER_UNAVAILABLE', why);
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
    settleStart?.({ type: 'crash', message: why });
  };

  port.addEventListener('message', (event) => {
    const msg = event.data as FromWorker;
    if (msg.type === 'ready' || msg.type === 'unavailable') return settleStart?.(msg);
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.texts);
    else p.reject(new Error(`decoder worker: ${msg.message}`));
  });
  opts.onCrash?.((message) => die(`the decoder worker stopped: ${message}`));

  return new Promise<WorkerDecoder>((resolve, reject) => {
    settleStart = (msg) => {
      settleStart = null;
      if (msg.type !== 'ready') {
        opts.terminate?.();
        return reject(new ScannerError('DECODER_UNAVAILABLE', `decoder worker: ${msg.message}`));
      }
      const bitmaps = msg.bitmaps;
      resolve({
        name: msg.decoder,
        takesBitmaps: bitmaps,
        decode(image: DecoderInput, effort: DecodeEffort = 'thorough') {
          if (dead) return Promise.reject(dead);
          const id = nextId++;
          const { frame, transfer } = wire(image, bitmaps);
          return new Promise<string[]>((res, rej) => {
            pending.set(id, { resolve: res, reject: rej });
            port.postMessage({ type: 'decode', id, frame, effort }, { transfer });
          });
        },
        close() {
          opts.terminate?.();
          die('closed');
        },
      });
    };
    port.postMessage({ type: 'init', ...(opts.order ? { order: opts.order } : {}) });
  });
}
