// The scan loop: grabs frames from the video at a modest rate (requestVideoFrameCallback where
// available: only new frames, paused with the tab), downscaled to at most 1280 px wide, and hands
// them to the decoder (thorough and quick in turn) with one frame in flight: while the decoder
// (in its worker) is busy, new frames are dropped, so the camera loop never waits on a slow frame.
// Each new text goes to the app once (see repeat-filter.ts). Single mode stops after the first
// code; continuous mode keeps going.
import type { Decoder, DecoderInput, ScanLoop, ScanLoopOptions } from './contract';
import { frameContext } from './image-data';
import { createRepeatFilter } from './repeat-filter';

type Grab = (video: HTMLVideoElement, maxWidth: number) => DecoderInput | Promise<DecoderInput | null> | null;

export interface ScanLoopDeps {
  /** Reads the current frame, downscaled to maxWidth; null when no frame is ready. */
  grabFrame?: Grab;
  /** Calls `cb` at the next frame; returns a cancel function. */
  schedule?: (video: HTMLVideoElement, cb: () => void) => () => void;
  now?: () => number;
}

function frameSize(video: HTMLVideoElement, maxWidth: number): { w: number; h: number } | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (video.readyState < 2 || vw === 0 || vh === 0) return null;
  const scale = Math.min(1, maxWidth / vw);
  return { w: Math.round(vw * scale), h: Math.round(vh * scale) };
}

/** Pixels through a reused canvas: drawImage + getImageData, on this thread. */
function videoFrameGrabber(): (video: HTMLVideoElement, maxWidth: number) => ImageData | null {
  let ctx: ReturnType<typeof frameContext> | null = null;
  return (video, maxWidth) => {
    const size = frameSize(video, maxWidth);
    if (!size) return null;
    const { w, h } = size;
    if (!ctx || ctx.canvas.width !== w || ctx.canvas.height !== h) ctx = frameContext(w, h);
    ctx.drawImage(video, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h);
  };
}

/**
 * The frame as a WebCodecs VideoFrame where the browser has them and no scaling is needed, else
 * as an ImageBitmap, for a decoder that reads them in its worker. A VideoFrame only refers to the
 * camera's frame: its conversion to RGB happens in the worker. createImageBitmap(video) converts
 * on the main thread: 25–35 ms of CPU per 1280×720 frame in Chromium without a GPU (bench figure 9).
 */
function videoBitmapGrabber(): Grab {
  return (video, maxWidth) => {
    const size = frameSize(video, maxWidth);
    if (!size) return null;
    const fullSize = size.w === video.videoWidth;
    if (fullSize && typeof VideoFrame === 'function') {
      try {
        return new VideoFrame(video);
      } catch {
        // No frame to wrap yet (or a browser that refuses this source): take a bitmap.
      }
    }
    const bitmap = fullSize ? createImageBitmap(video) : createImageBitmap(video, { resizeWidth: size.w, resizeHeight: size.h });
    return bitmap.catch(() => null);
  };
}

function defaultGrabber(decoder: Decoder): Grab {
  return decoder.takesBitmaps && typeof createImageBitmap === 'function' ? videoBitmapGrabber() : videoFrameGrabber();
}

function nextVideoFrame(video: HTMLVideoElement, cb: () => void): () => void {
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
  const grab = deps.grabFrame ?? defaultGrabber(decoder);
  const schedule = deps.schedule ?? nextVideoFrame;
  const filter = createRepeatFilter(opts.repeatAfterMs ?? 5_000, now);
  let running = false;
  let cancel: (() => void) | null = null;
  let lastDecode = -Infinity;
  let frames = 0;
  let inFlight = false;

  const report = (texts: string[]) => {
    for (const text of texts) {
      if (!running || !filter.accept(text)) continue;
      onText(text);
      if (!continuous) loop.stop();
    }
  };

  const decodeOne = async () => {
    try {
      const frame = await grab(video, maxWidth);
      if (!frame) return;
      if (!running) {
        if ('close' in frame) frame.close(); // a bitmap or video frame grabbed as the loop stopped
        return;
      }
      lastDecode = now();
      // Every other frame thorough: a blurred code is still read within two frames, and the
      // frames with nothing in view cost about half of the thorough passes.
      report(await decoder.decode(frame, frames++ % 2 === 0 ? 'thorough' : 'quick'));
    } catch (e) {
      onError?.(e);
    } finally {
      inFlight = false;
    }
  };

  const tick = () => {
    cancel = null;
    if (!running) return;
    // The next frame is asked for before this one is decoded: the loop never waits on a decode.
    cancel = schedule(video, tick);
    if (inFlight || now() - lastDecode < intervalMs) return; // dropped: one frame in flight
    inFlight = true;
    void decodeOne();
  };

  const loop: ScanLoop = {
    get running() {
      return running;
    },
    start() {
      if (running || signal?.aborted) return;
      running = true;
      cancel = schedule(video, tick);
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
