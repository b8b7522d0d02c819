// Beep and vibrate are feature-detected and never throw.

import { describe, expect, it } from 'vitest';
import { createFeedback } from './feedback';

describe('createFeedback', () => {
  it('vibrates where supported', () => {
    const calls: unknown[] = [];
    expect(createFeedback({ navigator: { vibrate: (p: VibratePattern) => (calls.push(p), true) } }).vibrate([50, 30, 50])).toBe(true);
    expect(calls).toEqual([[50, 30, 50]]);
    expect(createFeedback({ navigator: {} as Navigator }).vibrate()).toBe(false);
  });

  it('beeps only after unlockAudio, with an oscillator', () => {
    const started: number[] = [];
    const param = { value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} };
    class FakeAudioContext {
      state = 'suspended';
      currentTime = 1;
      destination = {};
      async resume() {
        this.state = 'running';
      }
      createOscillator() {
        return { type: '', frequency: { value: 0 }, connect: (n: unknown) => n, start: (t: number) => started.push(t), stop() {} };
      }
      createGain() {
        return { gain: param, connect: (n: unknown) => n };
      }
    }
    const fb = createFeedback({ AudioContext: FakeAudioContext as unknown as typeof AudioContext, navigator: {} as Navigator });
    fb.beep();
    expect(started).toEqual([]);
    fb.unlockAudio();
    return Promise.resolve().then(() => {
      fb.beep('error');
      expect(started).toEqual([1]);
    });
  });
});
