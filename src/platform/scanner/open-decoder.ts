// The decoder the app scans with: the best decoder (pick-decoder.ts) running in a Web Worker, or,
// where a module worker cannot start, the same choice on the main thread. Memoised for the
// page's life, so the camera and the photo button share one worker and one loaded .wasm.
import type { Decoder } from './contract';
import { pickDecoder } from './pick-decoder';
import { createWorkerDecoder } from './worker/client';

function startWorker(): Promise<Decoder> {
  // Vite bundles the worker and its chunks (the .wasm URL included) from this exact expression.
  const worker = new Worker(new URL('./worker/decode-worker.ts', import.meta.url), { type: 'module', name: 'sanma-decoder' });
  return createWorkerDecoder({
    port: worker,
    terminate: () => worker.terminate(),
    onCrash: (listener) => worker.addEventListener('error', (e) => listener(e.message || 'failed to load')),
  });
}

let chosen: Promise<Decoder> | null = null;

export function openDecoder(): Promise<Decoder> {
  chosen ??= (typeof Worker === 'function' ? startWorker() : Promise.reject(new Error('no Worker')))
    .catch(() => pickDecoder())
    .catch((e: unknown) => {
      chosen = null; // let a later scan try again (e.g. the .wasm was not cached yet)
      throw e;
    });
  return chosen;
}
