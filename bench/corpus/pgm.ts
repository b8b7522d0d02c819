// Binary PGM (Netpbm P5, 8-bit) for corpus frames: a 15-byte header and the raw grey plane, so
// any image viewer opens them and any tool reads them without a codec.

import { readFileSync, writeFileSync } from 'node:fs';
import type { GreyFrame } from './render';

export function encodePgm(frame: GreyFrame): Uint8Array {
  checkFrame(frame);
  const header = new TextEncoder().encode(`P5\n${frame.width} ${frame.height}\n255\n`);
  const out = new Uint8Array(header.length + frame.grey.length);
  out.set(header, 0);
  out.set(frame.grey, header.length);
  return out;
}

/** Parses the P5 files this module writes (single whitespace separators, maxval 255, no comments). */
export function decodePgm(bytes: Uint8Array): GreyFrame {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(64, bytes.length)));
  const m = /^P5\s(\d+)\s(\d+)\s255\s/.exec(head);
  if (!m) throw new TypeError('PGM: expected an 8-bit binary (P5) header');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const start = m[0].length;
  if (bytes.length !== start + width * height) throw new RangeError(`PGM: expected ${width * height} pixel bytes, got ${bytes.length - start}`);
  return { width, height, grey: bytes.slice(start) };
}

export function writePgm(path: string, frame: GreyFrame): void {
  writeFileSync(path, encodePgm(frame));
}

export function readPgm(path: string): GreyFrame {
  return decodePgm(readFileSync(path));
}

export function checkFrame(frame: GreyFrame): void {
  if (!Number.isInteger(frame.width) || frame.width < 1 || !Number.isInteger(frame.height) || frame.height < 1) {
    throw new RangeError(`expected valid frame size: positive integers, got ${frame.width}×${frame.height}`);
  }
  if (frame.grey.length !== frame.width * frame.height) {
    throw new RangeError(`expected valid grey plane: ${frame.width * frame.height} bytes, got ${frame.grey.length}`);
  }
}
