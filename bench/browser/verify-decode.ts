/// <reference types="vite/client" />
// The bench page: bundled by Vite from bench/run.ts and driven by Playwright through
// `window.sanmaBench`. It holds no logic of its own beyond timing: verification is the core's
// `verifyStallCode`, decoding is each library as the scanner would call it.

import { decodeHeader, decodePolicy, verifyStallCode, type BlockHeader, type TrustState } from '../../src/core';
import { availableDecoders, type BenchFrame, type Decoder } from './decoders';

export interface VerifyRequest {
  texts: string[];
  policyB64: string;
  headersB64: string[];
  now: number;
  runs: number;
}

export interface VerifyResult {
  /** Per run, per code: milliseconds from QR text to verdict. */
  runs: number[][];
  statuses: Record<string, number>;
  crossOriginIsolated: boolean;
}

export interface CorpusInfo {
  frames: { file: string; condition: string; text: string }[];
}

export interface DecodeResult {
  /** Per frame, in the order asked. */
  ms: number[];
  decoded: boolean[];
  /** Decoded but not the exact text (a misread, worse than no read). */
  wrong: number;
}

export interface SanmaBench {
  verify(req: VerifyRequest): VerifyResult;
  loadCorpus(baseUrl: string, corpus: CorpusInfo): Promise<number>;
  decoders(): Promise<{ names: string[]; descriptions: string[]; unavailable: string[] }>;
  decode(decoder: string, frameIndices: number[]): Promise<DecodeResult>;
}

declare global {
  interface Window {
    sanmaBench: SanmaBench;
  }
}

const fromB64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

let frames: (BenchFrame & { text: string })[] = [];
let decoderList: Promise<{ decoders: Decoder[]; unavailable: string[] }> | null = null;

function decoderSet() {
  decoderList ??= availableDecoders();
  return decoderList;
}

async function loadFrame(url: string, text: string): Promise<BenchFrame & { text: string }> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  const m = /^P5\s(\d+)\s(\d+)\s255\s/.exec(head);
  if (!m) throw new Error(`${url}: not an 8-bit PGM`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  const grey = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset + m[0].length, width * height);
  const image = new ImageData(width, height);
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) {
    const g = grey[i]!;
    image.data[j] = g;
    image.data[j + 1] = g;
    image.data[j + 2] = g;
    image.data[j + 3] = 255;
  }
  return { width, height, grey, image, text };
}

window.sanmaBench = {
  verify(req) {
    const policy = decodePolicy(fromB64(req.policyB64));
    const cache = new Map<number, BlockHeader>();
    for (const b of req.headersB64) {
      const h = decodeHeader(fromB64(b));
      cache.set(h.height, h);
    }
    const headers = { get: (height: number) => cache.get(height) };
    const tip = decodeHeader(fromB64(req.headersB64[req.headersB64.length - 1]!));
    const trust: TrustState = {
      policy,
      revoked: new Map(),
      revocationCount: tip.revocationCount,
      revocationsSyncedAt: req.now,
      revocationsRefused: null,
      headersSyncedAt: req.now,
      headersTip: { height: tip.height, revocationCount: tip.revocationCount },
      policyFetchedAt: req.now,
      forkHeights: [],
    };
    const statuses: Record<string, number> = {};
    // Warm-up: let the JIT see every code once.
    for (const text of req.texts) verifyStallCode(text, trust, headers, req.now);
    const runs: number[][] = [];
    for (let r = 0; r < req.runs; r++) {
      const ms: number[] = [];
      for (const text of req.texts) {
        const t0 = performance.now();
        const verdict = verifyStallCode(text, trust, headers, req.now);
        ms.push(performance.now() - t0);
        if (r === 0) statuses[verdict.status] = (statuses[verdict.status] ?? 0) + 1;
      }
      runs.push(ms);
    }
    return { runs, statuses, crossOriginIsolated: globalThis.crossOriginIsolated };
  },

  async loadCorpus(baseUrl, corpus) {
    frames = await Promise.all(corpus.frames.map((f) => loadFrame(new URL(f.file, baseUrl).href, f.text)));
    return frames.length;
  },

  async decoders() {
    const { decoders, unavailable } = await decoderSet();
    return { names: decoders.map((d) => d.name), descriptions: decoders.map((d) => d.description), unavailable };
  },

  async decode(name, frameIndices) {
    const { decoders } = await decoderSet();
    const decoder = decoders.find((d) => d.name === name);
    if (!decoder) throw new Error(`no decoder ${name}`);
    const ms: number[] = [];
    const decoded: boolean[] = [];
    let wrong = 0;
    for (const i of frameIndices) {
      const frame = frames[i];
      if (!frame) throw new Error(`no frame ${i}`);
      const t0 = performance.now();
      const text = await decoder.decode(frame);
      ms.push(performance.now() - t0);
      decoded.push(text === frame.text);
      if (text !== null && text !== frame.text) wrong++;
    }
    return { ms, decoded, wrong };
  },
};

document.getElementById('status')!.textContent = 'ready';
