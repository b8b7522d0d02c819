// The decode corpus: stall-code QR frames under every condition of FRAME_CONDITIONS, deterministic
// by seed, written as PGM files plus manifest.json (what each frame shows and how it was drawn),
// so a scanner change can be checked against exactly the same frames. Generated at bench time into
// a git-ignored directory; nothing large is committed.
//
//   node --import tsx bench/corpus/generate.ts [--seed 1] [--per-condition 10] [--out DIR] [--y4m]

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchStallCodes } from '../fixture/stall-codes';
import { writePgm } from './pgm';
import { deriveSeed, mulberry32 } from './random';
import { FRAME_CONDITIONS, renderCodeFrame, type FrameCondition, type FrameParams, type GreyFrame } from './render';
import { writeY4m } from './y4m';

export const CORPUS_FORMAT = 'sanma-decode-corpus/1';
export const DEFAULT_CORPUS_DIR = resolve(import.meta.dirname, '../../.tmp/bench/corpus');

export interface CorpusFrame {
  file: string;
  condition: FrameCondition;
  /** The exact QR text a decoder must return. */
  text: string;
  /** Leaf index of the code in the bench block (bench/fixture/stall-codes.ts). */
  codeIndex: number;
  params: FrameParams;
}

export interface CorpusManifest {
  format: typeof CORPUS_FORMAT;
  seed: number;
  width: number;
  height: number;
  perCondition: number;
  frames: CorpusFrame[];
}

export interface CorpusOptions {
  dir?: string;
  seed?: number;
  perCondition?: number;
  width?: number;
  height?: number;
  /** Also write one <condition>.y4m per condition (10 fps) for the fake camera. */
  y4m?: boolean;
}

export function generateCorpus(opts: CorpusOptions = {}): CorpusManifest {
  const dir = opts.dir ?? DEFAULT_CORPUS_DIR;
  const seed = opts.seed ?? 1;
  const perCondition = opts.perCondition ?? 10;
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  if (!Number.isInteger(perCondition) || perCondition < 1) throw new RangeError(`expected valid perCondition: integer >= 1, got ${perCondition}`);
  const { texts } = benchStallCodes(1000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pick = mulberry32(deriveSeed(seed, 'code-choice'));
  const frames: CorpusFrame[] = [];
  for (const condition of FRAME_CONDITIONS) {
    const video: GreyFrame[] = [];
    for (let i = 0; i < perCondition; i++) {
      const codeIndex = Math.floor(pick() * texts.length);
      const text = texts[codeIndex]!;
      const frame = renderCodeFrame(text, { width, height, condition, seed: deriveSeed(seed, condition, i) });
      const file = `${condition}-${String(i).padStart(3, '0')}.pgm`;
      writePgm(join(dir, file), frame);
      frames.push({ file, condition, text, codeIndex, params: frame.params });
      if (opts.y4m) video.push(frame);
    }
    if (opts.y4m) writeY4m(join(dir, `${condition}.y4m`), video, 10);
  }
  const manifest: CorpusManifest = { format: CORPUS_FORMAT, seed, width, height, perCondition, frames };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

export function readCorpusManifest(dir = DEFAULT_CORPUS_DIR): CorpusManifest {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as CorpusManifest;
  if (manifest.format !== CORPUS_FORMAT) throw new TypeError(`corpus: expected format ${CORPUS_FORMAT}, got ${String(manifest.format)}`);
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      'per-condition': { type: 'string', default: '10' },
      out: { type: 'string', default: DEFAULT_CORPUS_DIR },
      y4m: { type: 'boolean', default: false },
    },
  });
  const started = performance.now();
  const m = generateCorpus({ dir: resolve(values.out), seed: Number(values.seed), perCondition: Number(values['per-condition']), y4m: values.y4m });
  console.log(`${m.frames.length} frames (${FRAME_CONDITIONS.join(', ')}) → ${resolve(values.out)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
