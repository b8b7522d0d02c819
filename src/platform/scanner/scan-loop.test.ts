// The scan loop with a fake clock, frames and decoder: each new code once, no repeat within the
// window, single mode stops, decoder errors do not stop it, abort does, and a slow decode never
// holds up the camera loop (frames are dropped while one is in flight).

import { describe, expect, it } from 'vitest';
import { createFakeDecoder } from './decoders/fake';
import { createRepeatFilter } from './repeat-filter';
import { createScanLoop } from './scan-loop';

function harness(answers: string[][], opts: { continuous?: boolean; fail?: number } = {}) {
  let clock = 0;
  let queued: (() => void) | null = null;
  const seen: string[] = [];
  const errors: unknown[] = [];
  const decoder = createFakeDecoder((_img, call) => {
    if (call === opts.fail) throw new Error('decoder crashed');
    return answers[call - 1] ?? [];
  });
  const ctrl = new AbortController();
  const loop = createScanLoop(
    { video: {} as HTMLVideoElement, decoder, onText: (t) => seen.push(t), onError: (e) => errors.push(e), continuous: opts.continuous, repeatAfterMs: 5_000, intervalMs: 100, signal: ctrl.signal },
    {
      now: () => clock,
      grabFrame: () => ({ data: new Uint8ClampedArray(4), width: 1, height: 1 }) as ImageData,
      schedule: (_v, cb) => {
        queued = cb;
        return () => (queued = null);
      },
    },
  );
  /** Advances the clock and runs one scheduled frame. */
  const frame = async (ms = 200) => {
    clock += ms;
    const cb = queued;
    queued = null;
    cb?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { loop, frame, seen, errors, decoder, ctrl, pending: () => queued !== null };
}

describe('createScanLoop', () => {
  it('reports each code once while it stays in view, and again after it was gone 5 s', async () => {
    const h = harness([['A'], ['A'], ['A', 'B'], [], [], ['A']]);
    h.loop.start();
    for (let i = 0; i < 5; i++) await h.frame();
    expect(h.seen).toEqual(['A', 'B']);
    await h.frame(6_000);
    expect(h.seen).toEqual(['A', 'B', 'A']);
  });

  it('decodes at most once per interval', async () => {
    const h = harness([]);
    h.loop.start();
    await h.frame(50);
    await h.frame(30);
    await h.frame(30);
    expect(h.decoder.calls).toBe(1);
  });

  it('alternates thorough and quick decoding, starting thorough', async () => {
    const h = harness([]);
    h.loop.start();
    for (let i = 0; i < 4; i++) await h.frame();
    expect(h.decoder.efforts).toEqual(['thorough', 'quick', 'thorough', 'quick']);
  });

  it('single mode stops after the first code', async () => {
    const h = harness([[], ['X', 'Y']], { continuous: false });
    h.loop.start();
    await h.frame();
    await h.frame();
    expect(h.seen).toEqual(['X']);
    expect(h.loop.running).toBe(false);
    expect(h.pending()).toBe(false);
  });

  it('keeps going after a decoder error; abort stops it', async () => {
    const h = harness([[], [], ['Z']], { fail: 2 });
    h.loop.start();
    await h.frame();
    await h.frame();
    await h.frame();
    expect(h.errors).toHaveLength(1);
    expect(h.seen).toEqual(['Z']);
    h.ctrl.abort();
    expect(h.loop.running).toBe(false);
    h.loop.start(); // an aborted loop does not restart
    expect(h.loop.running).toBe(false);
  });

  it('keeps the frame clock running during a slow decode, dropping frames, one frame in flight', async () => {
    let release!: (texts: string[]) => void;
    let clock = 0;
    let queued: (() => void) | null = null;
    const seen: string[] = [];
    const decoder = createFakeDecoder((_img, call) => (call === 1 ? new Promise<string[]>((r) => (release = r)) : ['LATER']));
    const loop = createScanLoop(
      { video: {} as HTMLVideoElement, decoder, onText: (t) => seen.push(t), intervalMs: 100 },
      {
        now: () => clock,
        grabFrame: () => ({ data: new Uint8ClampedArray(4), width: 1, height: 1 }) as ImageData,
        schedule: (_v, cb) => {
          queued = cb;
          return () => (queued = null);
        },
      },
    );
    loop.start();
    for (let i = 0; i < 10; i++) {
      clock += 200;
      const cb = queued as (() => void) | null;
      expect(cb, 'a new frame is asked for while the first one is still being decoded').not.toBeNull();
      cb!();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(decoder.calls, 'frames that arrive while the decoder is busy are dropped').toBe(1);
    release(['SLOW']);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['SLOW']);
    clock += 200;
    (queued as (() => void) | null)!();
    await new Promise((r) => setTimeout(r, 0));
    expect(decoder.calls).toBe(2);
    expect(seen).toEqual(['SLOW', 'LATER']);
    loop.stop();
  });

  it('reset() forgets seen codes', async () => {
    const h = harness([['A'], ['A']]);
    h.loop.start();
    await h.frame();
    h.loop.reset();
    await h.frame();
    expect(h.seen).toEqual(['A', 'A']);
  });
});

describe('createRepeatFilter', () => {
  it('uses the time the text was last seen', () => {
    let t = 0;
    const f = createRepeatFilter(1_000, () => t);
    expect(f.accept('a')).toBe(true);
    t = 900;
    expect(f.accept('a')).toBe(false);
    t = 1_800;
    expect(f.accept('a')).toBe(false); // seen at 900: still within the window
    t = 2_900;
    expect(f.accept('a')).toBe(true);
  });
});
