/// <reference types="vite/client" />
// Bench page for figure 9: the app's own camera layer and scan loop on Chromium's fake camera,
// for a fixed time, with the decoder in the app's Web Worker or, for comparison, on the main
// thread; counts the main thread's long tasks (PerformanceObserver 'longtask': > 50 ms, the
// browser's own definition) while it scans. Driven by Playwright through `window.sanmaScanner`.

import type { Decoder, DecoderName } from '../../src/platform/scanner/contract';
import { startCamera } from '../../src/platform/scanner/camera';
import { pickDecoder } from '../../src/platform/scanner/pick-decoder';
import { createScanLoop } from '../../src/platform/scanner/scan-loop';
import { createWorkerDecoder, type WorkerDecoder } from '../../src/platform/scanner/worker/client';

export interface ScanRequest {
  seconds: number;
  /**
   * 'worker': as the app scans; 'main': the same decoder on the main thread; 'none': the camera
   * and the scan loop's frame clock only, no decoding (what the page costs without the decoder).
   */
  where: 'worker' | 'main' | 'none';
  order: DecoderName[];
}

export interface ScanResult {
  decoder: string;
  /** Durations of the main thread's long tasks while scanning, ms. */
  longTasks: number[];
  /** Distinct code texts read. */
  reads: number;
  /** Frames decoded (the rest of the camera's frames were dropped or skipped by the interval). */
  decodes: number;
  /** Frames the camera delivered while scanning. */
  videoFrames: number;
}

declare global {
  interface Window {
    sanmaScanner: { scan(req: ScanRequest): Promise<ScanResult> };
  }
}

async function openDecoderIn(where: 'worker' | 'main', order: DecoderName[]): Promise<Decoder & Partial<Pick<WorkerDecoder, 'close'>>> {
  if (where === 'main') return pickDecoder({ order });
  const worker = new Worker(new URL('../../src/platform/scanner/worker/decode-worker.ts', import.meta.url), { type: 'module' });
  return createWorkerDecoder({ port: worker, order, terminate: () => worker.terminate(), onCrash: (l) => worker.addEventListener('error', (e) => l(e.message)) });
}

window.sanmaScanner = {
  async scan({ seconds, where, order }) {
    const video = document.getElementById('camera') as HTMLVideoElement;
    const decoder: Decoder & Partial<Pick<WorkerDecoder, 'close'>> = where === 'none' ? { name: 'fake', decode: async () => [] } : await openDecoderIn(where, order);
    const camera = await startCamera({ video }, { storage: undefined });
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    const texts = new Set<string>();
    let decodes = 0;
    let videoFrames = 0;
    const counting: Decoder = {
      name: decoder.name,
      ...(decoder.takesBitmaps ? { takesBitmaps: true } : {}),
      decode: (image, effort) => {
        decodes++;
        return decoder.decode(image, effort);
      },
    };
    const countFrames = () => {
      videoFrames++;
      video.requestVideoFrameCallback(countFrames);
    };
    video.requestVideoFrameCallback(countFrames);
    const ctrl = new AbortController();
    observer.observe({ type: 'longtask' });
    const loop = createScanLoop({ video, decoder: counting, continuous: true, repeatAfterMs: 3_600_000, signal: ctrl.signal, onText: (t) => texts.add(t) });
    if (where !== 'none') loop.start();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    ctrl.abort();
    observer.disconnect();
    camera.stop();
    decoder.close?.();
    return { decoder: decoder.name, longTasks, reads: texts.size, decodes, videoFrames };
  },
};
