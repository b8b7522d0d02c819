// YUV4MPEG2 (Y4M) video from grey frames, for Chromium's fake camera
// (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>.y4m`). Format:
// one header line, then per frame "FRAME\n" and the planar 4:2:0 image: the full-size Y plane and
// U, V planes of (W/2)×(H/2) bytes; U = V = 128 is no colour, so the grey frame is the luma.
// Chromium loops the file, so a few frames make an endless camera.

import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { checkFrame } from './pgm';
import type { GreyFrame } from './render';

export { renderCodeFrame, FRAME_CONDITIONS, type FrameCondition, type GreyFrame, type RenderOptions, type RenderedFrame } from './render';

export function y4mHeader(width: number, height: number, fps: number): string {
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;
}

/**
 * Writes `frames` (all the same even width and height) as a Y4M file at `fps` frames per second;
 * written beside and renamed, so a browser reading `path` never sees half a file.
 */
export function writeY4m(path: string, frames: readonly GreyFrame[], fps: number): void {
  if (frames.length === 0) throw new RangeError('writeY4m: expected at least one frame');
  if (!Number.isInteger(fps) || fps < 1 || fps > 240) throw new RangeError(`expected valid fps: integer 1..240, got ${fps}`);
  const { width, height } = frames[0]!;
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError(`expected even frame size for 4:2:0, got ${width}×${height}`);
  for (const [i, f] of frames.entries()) {
    checkFrame(f);
    if (f.width !== width || f.height !== height) throw new RangeError(`frame ${i}: expected ${width}×${height}, got ${f.width}×${f.height}`);
  }
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
  const marker = new TextEncoder().encode('FRAME\n');
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, y4mHeader(width, height, fps));
    for (const f of frames) {
      writeSync(fd, marker);
      writeSync(fd, f.grey);
      writeSync(fd, chroma);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
