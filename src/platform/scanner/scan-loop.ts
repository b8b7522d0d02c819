// The scan loop: grabs frames from the video at a modest rate (requestVideoFrameCallback where
// available: only new frames, paused with the tab), downscales them to at most 1280 px wide into a
// reused canvas, decodes one frame at a time (thorough and quick in turn), and hands each new
// text to the app once (see repeat-filter.ts). Single mode stops after the first code;
// continuous mode keeps going.

import type { DecoderInput, ScanLoop, ScanLoopOptions } from './contract';
import { frameContext } from './image-data';
import { createRepeatFilter } from './repeat-filter';

export interface ScanLoopDeps {
  /** Reads the current frame, downscaled to maxWidth; null when no frame is ready. */
  grabFrame?: (video: HTMLVideoElement, maxWidth: number) => DecoderInput | null;
  /** Calls `cb` at the next frame; returns a cancel function. */
  schedule?: (video: HTMLVideoElement, cb: () => void) => () => void;
  now?: () => number;
}

export function videoFrameGrabber(): (video: HTMLVideoElement, maxWidth: number) => ImageData | null {
  let ctx: ReturnType<typeof frameContext> | null = null;
  return (video, maxWidth) => {
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    if (video.readyState < 2 || vw === 0 || vh === 0) return null;
    const scale = Math.min(1, maxWidth / vw);
    const w = Math.round(vw * scale);
    const h = Math.round(vh * scale);
    if (!ctx || ctx.canvas.width !== w || ctx.canvas.height !== h) ctx = frameContext(w, h);
    ctx.drawImage(video, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h);
  };
}

export function nextVideoFrame(video: HTMLVideoElement, cb: () => void): () => void {
  if (typeof video.requestVideoFrameCallback === 'function') {
    const id = video.requestVideoFrameCallback(() => cb());
    return () => video.cancelVideoFrameCallback(id);
  }
  const id = requestAnimationFrame(() => cb());
  return () => cancelAnimationFrame(id);
}

export function createScanLoop(opts: ScanLoopOptions, deps: ScanLoopDeps = {}): ScanLoop {
  const { video, decoder, onText, onError, signal } = opts;
  const continuous = opts.continuous ?? true;
  const maxWidth = opts.maxWidth ?? 1280;
  const intervalMs = opts.intervalMs ?? 150;
  const now = deps.now ?? (() => performance.now());
  const grab = deps.grabFrame ?? videoFrameGrabber();
  const schedule = deps.schedule ?? nextVideoFrame;
  const filter = createRepeatFilter(opts.repeatAfterMs ?? 5_000, now);
  let running = false;
  let cancel: (() => void) | null = null;
  let lastDecode = -Infinity;
  let frames = 0;

  const tick = async () => {
    cancel = null;
    if (!running) return;
    if (now() - lastDecode >= intervalMs) {
      const frame = grab(video, maxWidth);
      if (frame) {
        lastDecode = now();
        try {
          // Every other frame thorough: a blurred code is still read within two frames, and the
          // frames with nothing in view cost about half of the thorough passes.
          for (const text of await decoder.decode(frame, frames++ % 2 === 0 ? 'thorough' : 'quick')) {
            if (!running || !filter.accept(text)) continue;
            onText(text);
            if (!continuous) loop.stop();
          }
        } catch (e) {
          onError?.(e);
        }
      }
    }
    if (running) cancel = schedule(video, () => void tick());
  };

  const loop: ScanLoop = {
    get running() {
      return running;
    },
    start() {
      if (running || signal?.aborted) return;
      running = true;
      cancel = schedule(video, () => void tick());
    },
    stop() {
      running = false;
      cancel?.();
      cancel = null;
    },
    reset() {
      filter.reset();
    },
  };
  signal?.addEventListener('abort', () => loop.stop(), { once: true });
  return loop;
}
